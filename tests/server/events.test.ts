import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app.js';
import { EventHub, PRESENCE_STALE_MS } from '../../server/events.js';
import { openStore } from '../../server/store.js';
import type { Presence, SessionUser } from '../../shared/sync/protocol.js';
import { Api, customerValues, ENGINES, EventStream, hlc, login, mutation, POSTGRES, serve, tempDir, uniq, userApi, type SseEvent } from './helpers.js';

const T0 = Date.now() - 60_000;
const pokeAtLeast = (seq: number) => (e: SseEvent) => e.event === 'poke' && (e.data as { seq: number }).seq >= seq;
const presenceWith = (username: string, state: string) => (e: SseEvent) =>
  e.event === 'presence' && (e.data as { agents: Presence[] }).agents.some((a) => a.username === username && a.state === state);

describe.each(ENGINES)('live events on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let north: Api;
  let north2: Api;
  let south: Api;
  let admin: Api;

  beforeAll(async () => {
    ctx = await serve(engine);
    north = await userApi(ctx.server, { username: 'n1', role: 'agent', team: 'north' });
    north2 = await userApi(ctx.server, { username: 'n2', role: 'supervisor', team: 'north' });
    south = await userApi(ctx.server, { username: 's1', role: 'agent', team: 'south' });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  it('needs a token', async () => {
    const r = await new Api(ctx.server.url).get('/sync/events');
    expect(r.status).toBe(401);
  });

  it('says where the server is on connect and pokes with the new seq within a second of a push', async () => {
    const events = await EventStream.open(ctx.server.url, north2.token!);
    try {
      const first = await events.waitFor((e) => e.event === 'poke');
      const r = await north.push('cliP', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0, 'cliP'))]);
      expect(r.body.seq).toBeGreaterThan((first.data as { seq: number }).seq);
      const started = Date.now();
      const poke = await events.waitFor(pokeAtLeast(r.body.seq), 2_000);
      expect(poke.data).toEqual({ seq: r.body.seq });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      events.close();
    }
  });

  it('does not poke for a push that wrote nothing', async () => {
    const m = mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0, 'cliQ'));
    const r = await north.push('cliQ', [m]);
    const events = await EventStream.open(ctx.server.url, north.token!);
    try {
      await events.waitFor((e) => e.event === 'poke');
      await north.push('cliQ', [m]);
      await new Promise((res) => setTimeout(res, 300));
      // (a poke for the first push may still arrive late: pokes are coalesced for a few ms)
      const seqs = events.events.filter((e) => e.event === 'poke').map((e) => (e.data as { seq: number }).seq);
      expect(new Set(seqs)).toEqual(new Set([r.body.seq]));
    } finally {
      events.close();
    }
  });

  it('shares presence within the team, and with admins', async () => {
    const northEvents = await EventStream.open(ctx.server.url, north2.token!);
    const southEvents = await EventStream.open(ctx.server.url, south.token!);
    const adminEvents = await EventStream.open(ctx.server.url, admin.token!);
    try {
      const since = new Date().toISOString();
      expect((await north.post('/presence', { state: 'on_call', reason: null, since })).body).toEqual({ ok: true });
      const seen = await northEvents.waitFor(presenceWith('n1', 'on_call'));
      const agent = (seen.data as { agents: Presence[] }).agents.find((a) => a.username === 'n1');
      expect(agent).toMatchObject({ team: 'north', state: 'on_call', reason: null, since });
      await adminEvents.waitFor(presenceWith('n1', 'on_call'));
      await south.post('/presence', { state: 'ready', since });
      await southEvents.waitFor(presenceWith('s1', 'ready'));
      expect(southEvents.events.some(presenceWith('n1', 'on_call'))).toBe(false);
      const bad = await north.post('/presence', { state: 'asleep', since });
      expect(bad.status).toBe(400);
    } finally {
      northEvents.close();
      southEvents.close();
      adminEvents.close();
    }
  });

  it('ends open event streams when the server closes', async () => {
    const other = await serve(engine);
    const api = await userApi(other.server, { username: 'x1', role: 'agent', team: 'north' });
    const events = await EventStream.open(other.server.url, api.token!);
    await events.waitFor((e) => e.event === 'poke');
    await other.stop();
    await events.ended;
  }, 60_000);
});

describe('event hub', () => {
  it('shows an agent with no heartbeat for 60 s as offline', async () => {
    const store = await openStore({ dataDir: tempDir() });
    try {
      const hub = new EventHub(store.db, () => undefined);
      const user: SessionUser = { id: 'u_1', username: 'ann', role: 'agent', team: 'north' };
      await store.db.query("INSERT INTO users (id, username, password_hash, role, team) VALUES ('u_1', 'ann', 'x', 'agent', 'north')");
      await hub.updatePresence(user, { state: 'on_call', reason: 'ticket 7', since: '2026-01-05T09:00:00.000Z' });
      expect((await hub.presenceOf(user))[0]).toMatchObject({ state: 'on_call', reason: 'ticket 7' });
      await store.db.query(`UPDATE presence SET seen_at = now() - interval '${PRESENCE_STALE_MS + 1000} milliseconds'`);
      const [stale] = await hub.presenceOf(user);
      expect(stale).toMatchObject({ state: 'offline', reason: null });
      expect(stale?.since).toBe(stale?.seenAt);
      expect(await hub.presenceOf({ ...user, team: 'south' })).toEqual([]);
      await hub.close();
    } finally {
      await store.close();
    }
  }, 30_000);
  it('ends an open stream once its token is revoked', async () => {
    const store = await openStore({ dataDir: tempDir() });
    const hub = new EventHub(store.db, () => undefined);
    const user: SessionUser = { id: 'u_1', username: 'ann', role: 'agent', team: 'north' };
    const srv = http.createServer((_req, res) => void hub.attach({ user, tokenHash: 'hash-1' }, res));
    try {
      await store.db.query("INSERT INTO users (id, username, password_hash, role, team) VALUES ('u_1', 'ann', 'x', 'agent', 'north')");
      await store.db.query("INSERT INTO tokens (token_hash, user_id, expires_at) VALUES ('hash-1', 'u_1', now() + interval '1 hour')");
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      const events = await EventStream.open(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`, 'token-not-checked-here');
      await events.waitFor((e) => e.event === 'poke');
      await hub.recheckSessions();
      const stillOpen = await Promise.race([events.ended.then(() => false), new Promise((r) => setTimeout(() => r(true), 200))]);
      expect(stillOpen).toBe(true);
      await store.db.query("UPDATE tokens SET revoked_at = now() WHERE token_hash = 'hash-1'");
      await hub.recheckSessions();
      await events.ended;
    } finally {
      await hub.close();
      srv.close();
      await store.close();
    }
  }, 30_000);
});

describe.runIf(POSTGRES)('several server processes on one PostgreSQL', () => {
  it('pokes the clients of every instance, and shares presence', async () => {
    const store = await POSTGRES!.create();
    const a = await startServer(store.opts);
    const b = await startServer(store.opts);
    try {
      await a.createUser({ username: 'pa', password: 'password-1', role: 'agent', team: 'north' });
      const onA = await login(a.url, 'pa');
      const onB = await login(b.url, 'pa');
      const events = await EventStream.open(b.url, onB.token!);
      try {
        await events.waitFor((e) => e.event === 'poke');
        const r = await onA.push('cliX', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0, 'cliX'))]);
        expect((await events.waitFor(pokeAtLeast(r.body.seq), 2_000)).data).toEqual({ seq: r.body.seq });
        await onA.post('/presence', { state: 'after_call', since: new Date().toISOString() });
        await events.waitFor(presenceWith('pa', 'after_call'), 2_000);
        // what A wrote, B serves
        const pulled = await onB.get<{ rows: { seq: number }[] }>('/sync/pull');
        expect(pulled.body.rows.map((x) => x.seq)).toEqual([r.body.seq]);
      } finally {
        events.close();
      }
    } finally {
      await a.close();
      await b.close();
      await store.dispose();
    }
  }, 60_000);
});
