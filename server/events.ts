import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PresenceUpdateSchema, Presence, SessionUser } from '../shared/sync/protocol.js';
import type { Session } from './auth.js';
import type { Db } from './db.js';
import { POKE_CHANNEL, PRESENCE_CHANNEL, USER_CHANNEL } from './channels.js';
import { highWaterSeq } from './push.js';
import { iso } from './sql.js';

export { POKE_CHANNEL, PRESENCE_CHANNEL } from './channels.js';

export const HEARTBEAT_MS = 15_000;
/** An agent whose client has not posted presence for this long shows as offline. */
export const PRESENCE_STALE_MS = 60_000;
/**
 * Pokes arriving within this window go out as one (the newest seq): 200
 * agents pushing every second would otherwise send each client 200 events a
 * second. Well inside the 500 ms propagation goal.
 */
const POKE_COALESCE_MS = 25;
/** A stream whose client has stopped reading is dropped once this much is buffered. */
const MAX_BUFFERED = 1024 * 1024;

const PokePayloadSchema = z.object({ seq: z.number().int() });
const PresencePayloadSchema = z.object({ team: z.string().nullable() });
const UserPayloadSchema = z.object({ userId: z.string() });

interface Stream {
  user: SessionUser;
  /** the stream ends once this token is no longer valid (signed out, expired, user disabled) */
  tokenHash: string;
  res: ServerResponse;
  /** the presence list last sent, to send only changes */
  lastPresence: string;
}

/** Presence is grouped per team; admins see everyone (`*`). */
function groupOf(user: SessionUser): string {
  return user.role === 'admin' ? '*' : `team:${user.team ?? ''}`;
}

interface PresenceRow {
  user_id: string;
  username: string;
  team: string | null;
  state: Presence['state'];
  reason: string | null;
  since: string;
  seen_at: Date | string;
  stale: boolean;
}

/**
 * The live channel of this process. Every process LISTENs on the database,
 * so a push on any instance pokes the clients of all of them; presence lives
 * in the database for the same reason.
 */
export class EventHub {
  private readonly streams = new Set<Stream>();
  private readonly unlisten: (() => Promise<void>)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pokeTimer: NodeJS.Timeout | null = null;
  private pendingPoke = 0;

  constructor(
    private readonly db: Db,
    private readonly log: (msg: string, err?: unknown) => void,
    /** a user was changed (on any process): e.g. forget their cached sessions */
    private readonly onUserChanged: (userId: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.unlisten.push(
      await this.db.listen(POKE_CHANNEL, (payload) => {
        const parsed = PokePayloadSchema.safeParse(safeJson(payload));
        if (parsed.success) this.poke(parsed.data.seq);
      }),
      await this.db.listen(PRESENCE_CHANNEL, (payload) => {
        const parsed = PresencePayloadSchema.safeParse(safeJson(payload));
        const groups = parsed.success ? new Set(['*', `team:${parsed.data.team ?? ''}`]) : null;
        this.refreshPresence(groups).catch((e: unknown) => this.log('presence refresh failed', e));
      }),
      await this.db.listen(USER_CHANNEL, (payload) => {
        const parsed = UserPayloadSchema.safeParse(safeJson(payload));
        if (!parsed.success) return;
        this.onUserChanged(parsed.data.userId);
        this.endUser(parsed.data.userId);
      }),
    );
    this.timer = setInterval(() => {
      for (const s of this.streams) this.write(s, ': heartbeat\n\n');
      this.recheckSessions().catch((e: unknown) => this.log('token re-check failed', e));
      // Also turns agents that stopped sending heartbeats offline on the wallboards.
      this.refreshPresence(null).catch((e: unknown) => this.log('presence refresh failed', e));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Takes over a hijacked response for the life of the connection. */
  async attach({ user, tokenHash }: Session, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const stream: Stream = { user, tokenHash, res, lastPresence: '' };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
    try {
      // Where the server is now, so a client that connects after a push still learns of it.
      this.write(stream, `event: poke\ndata: ${JSON.stringify({ seq: await highWaterSeq(this.db) })}\n\n`);
      this.sendPresence(stream, await this.presenceOf(user));
    } catch (e) {
      // The response is already streaming: end it, the client reconnects.
      this.streams.delete(stream);
      res.destroy();
      this.log('opening an event stream failed', e);
    }
  }

  async updatePresence(user: SessionUser, input: z.infer<typeof PresenceUpdateSchema>): Promise<void> {
    await this.db.query(
      `INSERT INTO presence (user_id, state, reason, since, seen_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, since = excluded.since, seen_at = excluded.seen_at`,
      [user.id, input.state, input.reason ?? null, input.since],
    );
    await this.db.notify(PRESENCE_CHANNEL, JSON.stringify({ team: user.team }));
  }

  /**
   * Ends the open streams of a user whose account changed (role, team,
   * password, disabled): a stream carries the role and team it was opened
   * with, so it must not outlive them. The client reconnects and is served
   * as the user now is.
   */
  endUser(userId: string): void {
    for (const s of this.streams) {
      if (s.user.id !== userId) continue;
      this.streams.delete(s);
      s.res.end();
    }
  }

  /**
   * A stream outlives the request that opened it: every heartbeat the tokens
   * behind open streams are checked again (on any instance a user may have
   * been disabled, demoted, moved or signed out, even directly in the
   * database), and streams whose token is gone or whose user is no longer
   * the one they were opened for are ended.
   */
  async recheckSessions(): Promise<void> {
    if (this.streams.size === 0) return;
    const hashes = [...new Set([...this.streams].map((s) => s.tokenHash))];
    const valid = await this.db.query<{ token_hash: string; username: string; role: string; team: string | null }>(
      `SELECT t.token_hash, u.username, u.role, u.team FROM tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled`,
      [hashes],
    );
    const now = new Map(valid.map((r) => [r.token_hash, r]));
    for (const s of this.streams) {
      const u = now.get(s.tokenHash);
      if (!u || u.username !== s.user.username || u.role !== s.user.role || u.team !== s.user.team) {
        this.streams.delete(s);
        s.res.end();
      }
    }
  }

  /** Who is in `group`, with anyone silent for PRESENCE_STALE_MS shown offline. */
  async presenceOf(user: SessionUser): Promise<Presence[]> {
    if (user.role !== 'admin' && user.team === null) return [];
    const team = user.role === 'admin' ? null : user.team;
    const rows = await this.db.query<PresenceRow>(
      `SELECT p.user_id, u.username, u.team, p.state, p.reason, p.since, p.seen_at,
              p.seen_at < now() - $2 * interval '1 millisecond' AS stale
         FROM presence p JOIN users u ON u.id = p.user_id
        WHERE NOT u.disabled AND ($1::text IS NULL OR u.team = $1::text)
        ORDER BY u.username`,
      [team, PRESENCE_STALE_MS],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      team: r.team,
      state: r.stale ? 'offline' : r.state,
      reason: r.stale ? null : r.reason,
      since: r.stale ? iso(r.seen_at) : r.since,
      seenAt: iso(r.seen_at),
    }));
  }

  /** Recomputes presence once per group that has listeners (all groups when `groups` is null). */
  private async refreshPresence(groups: Set<string> | null): Promise<void> {
    const byGroup = new Map<string, Stream[]>();
    for (const s of this.streams) {
      const g = groupOf(s.user);
      if (groups && !groups.has(g)) continue;
      byGroup.set(g, [...(byGroup.get(g) ?? []), s]);
    }
    for (const streams of byGroup.values()) {
      const agents = await this.presenceOf((streams[0] as Stream).user);
      for (const s of streams) this.sendPresence(s, agents);
    }
  }

  private sendPresence(s: Stream, agents: Presence[]): void {
    const data = JSON.stringify({ agents });
    if (data === s.lastPresence) return;
    s.lastPresence = data;
    this.write(s, `event: presence\ndata: ${data}\n\n`);
  }

  private poke(seq: number): void {
    this.pendingPoke = Math.max(this.pendingPoke, seq);
    this.pokeTimer ??= setTimeout(() => {
      this.pokeTimer = null;
      this.broadcast('poke', JSON.stringify({ seq: this.pendingPoke }));
    }, POKE_COALESCE_MS);
  }

  private broadcast(event: string, data: string): void {
    const frame = `event: ${event}\ndata: ${data}\n\n`;
    for (const s of this.streams) this.write(s, frame);
  }

  private write(s: Stream, frame: string): void {
    if (s.res.writableEnded || s.res.destroyed) return;
    if (s.res.writableLength > MAX_BUFFERED) {
      s.res.destroy();
      return;
    }
    s.res.write(frame);
  }

  /** Ends every open stream (clients reconnect elsewhere) and stops listening. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pokeTimer) clearTimeout(this.pokeTimer);
    this.timer = null;
    this.pokeTimer = null;
    for (const s of this.streams) s.res.end();
    this.streams.clear();
    for (const off of this.unlisten.splice(0)) await off().catch(() => undefined);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
