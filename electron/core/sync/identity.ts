import { randomBytes } from 'node:crypto';
import { ENTITIES, type EntityDecl, type EntityName } from '../../../shared/sync/entities.js';
import type { RowChange, SessionUser } from '../../../shared/sync/protocol.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { readQueued, rewriteKept } from './outboxRows.js';
import { deleteMeta } from './syncMeta.js';

/*
 * Who this folder pushes as. The server binds a client id to the first user
 * who pushes with it and keeps each user's idempotency records apart
 * (server/push.ts), and it accepts a record naming someone as its actor only
 * from that someone (EntityDecl.actors). So on a PC that several people use:
 * - each server user pushes with a client id of their own, random (it is
 *   never the HLC node id that every row's clocks show to teammates);
 * - work done before anyone signed in to a server here (standalone, under
 *   a local name: a standalone desk account, the host's operator) is
 *   adopted by the first server user who signs in: its actor and owner
 *   fields (EntityDecl.actors, owners) are re-attributed to them, in the
 *   queued mutations and the local rows alike; nobody on the server could
 *   push it otherwise. Work queued under a server user's name stays theirs:
 *   another user cannot push it (the server refuses it, shown as a sync
 *   problem).
 */

const CLIENT_ID_KEY = (userId: string) => `sync_client_id:${userId}`;
/** server usernames this folder has been signed in as (JSON array) */
const KNOWN_USERS = 'sync_known_users';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomClientId(): string {
  // 20 characters of 62: ~119 bits, within the protocol's [A-Za-z0-9_]{1,32}.
  const bytes = randomBytes(20);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/**
 * The client id `user` pushes with from this folder, created on first use.
 * `legacy` (the folder's HLC node id) is kept for a user this folder already
 * pushed as before client ids were per user, so a mutation whose answer was
 * lost then is still recognised as a replay.
 */
export function pushClientId(w: SqlWriter, user: SessionUser, legacy: string | null): string {
  const existing = getMeta(w, CLIENT_ID_KEY(user.id));
  if (existing) return existing;
  const id = legacy ?? randomClientId();
  setMeta(w, CLIENT_ID_KEY(user.id), id);
  return id;
}

/** The server says another user owns this id (CLIENT_ID_TAKEN): the next push uses a new one. */
export function dropPushClientId(w: SqlWriter, user: SessionUser): void {
  deleteMeta(w, CLIENT_ID_KEY(user.id));
}

export function hasPushClientId(r: SqlReader, user: SessionUser): boolean {
  return getMeta(r, CLIENT_ID_KEY(user.id)) !== undefined;
}

function knownUsers(r: SqlReader): Set<string> {
  try {
    const parsed: unknown = JSON.parse(getMeta(r, KNOWN_USERS) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

interface OutboxArgsRow {
  id: number;
  args: string;
}

/** Local column of each wire field of an entity (the declared mapping). */
function keyWhere(decl: EntityDecl, change: RowChange): { sql: string; params: string[] } | null {
  if (!decl.idOf) return { sql: 'id = ?', params: [change.id] };
  const fieldOf = new Map(Object.entries(decl.columns).map(([field, column]) => [column, field]));
  const params: string[] = [];
  for (const column of decl.keyColumns) {
    const v = change.values[fieldOf.get(column) ?? ''];
    if (typeof v !== 'string') return null;
    params.push(v);
  }
  return { sql: decl.keyColumns.map((c) => `${c} = ?`).join(' AND '), params };
}

/**
 * Signing in as `user`: queued work whose actor or owner fields name someone who was
 * never a server user on this folder (a standalone account, the host's local
 * operator) becomes `user`'s, in the outbox and in the local rows; `user`
 * joins the known server users. Generic over EntityDecl.actors; SQL from the
 * declared table and column names only. Returns how many fields changed.
 */
export function adoptStandaloneWork(w: SqlWriter, user: SessionUser, previous: SessionUser | null): number {
  const known = knownUsers(w);
  // Folders signed in before this rule existed: their last user counts as known.
  if (previous) known.add(previous.username);
  let changed = 0;
  /** local row updates per table, run once the outbox is read */
  const updates = new Map<string, { sql: string; params: string[] }[]>();
  const rows = w.all<OutboxArgsRow>('SELECT id, args FROM outbox ORDER BY id');
  // Lean entries (migration 0026) read their values from the rows (or what they kept): re-attributing the rows is enough.
  const lean = readQueued(
    w,
    rows.filter((r) => r.args === '').map((r) => r.id),
  );
  for (const row of rows) {
    let args: { changes?: RowChange[] };
    if (row.args === '') {
      const q = lean.get(row.id);
      if (!q || 'reason' in q) continue; // reported as an invalid mutation when pushed
      args = { changes: q.changes };
    } else {
      try {
        args = JSON.parse(row.args) as { changes?: RowChange[] };
      } catch {
        continue; // reported as an invalid mutation when pushed
      }
    }
    if (!Array.isArray(args.changes)) continue;
    let rowChanged = false;
    for (const change of args.changes) {
      const decl = (ENTITIES as Record<string, EntityDecl>)[change?.entity as EntityName];
      if (!decl || !change.values || typeof change.values !== 'object') continue;
      const fields = [...(decl.actors ?? []), ...(decl.owners ?? [])];
      for (const field of fields) {
        const v = change.values[field];
        if (typeof v !== 'string' || v === user.username || known.has(v)) continue;
        change.values[field] = user.username;
        rowChanged = true;
        changed += 1;
        const column = decl.columns[field];
        const where = keyWhere(decl, change);
        if (!column || !where) continue;
        const list = updates.get(decl.table) ?? [];
        list.push({ sql: `UPDATE ${decl.table} SET ${column} = ? WHERE ${where.sql} AND ${column} = ?`, params: [user.username, ...where.params, v] });
        updates.set(decl.table, list);
      }
    }
    if (rowChanged && row.args !== '') w.run('UPDATE outbox SET args = ? WHERE id = ?', [JSON.stringify(args), row.id]);
  }
  for (const [table, list] of updates) {
    // Append-only tables refuse UPDATE by trigger: lifted for this one correction, in this transaction
    // (as problems.ts takeBackRecords does), and put back as they were.
    const triggers = w.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%no_update' ORDER BY name", [table]);
    for (const t of triggers) w.run(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
    for (const u of list) w.run(u.sql, u.params);
    for (const t of triggers) w.run(t.sql);
  }
  // Values a lean entry kept (the row moved on before the push) are its copy: re-attributed the same way.
  rewriteKept(w, (decl, kept) => {
    let any = false;
    for (const field of [...(decl.actors ?? []), ...(decl.owners ?? [])]) {
      const v = kept[field];
      if (typeof v !== 'string' || v === user.username || known.has(v)) continue;
      kept[field] = user.username;
      any = true;
    }
    return any;
  });
  known.add(user.username);
  setMeta(w, KNOWN_USERS, JSON.stringify([...known].sort()));
  return changed;
}
