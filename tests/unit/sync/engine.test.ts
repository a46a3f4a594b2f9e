import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract.js';
import { encodeHlc } from '../../../shared/hlc.js';
import type { SyncStatus } from '../../../shared/sync/status.js';
import { MemoryTokenStore, TokenNotPersistedError, type StoredSession } from '../../../electron/core/sync/session.js';
import { failure, ok, openTestCore, ticketInput } from '../core/helpers.js';
import { FakeServer } from './fakeServer.js';

async function waitFor<T>(what: string, fn: () => Promise<T | false | undefined> | T | false | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== false && v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function client(fake: FakeServer, opts: { autoStart?: boolean; tokens?: MemoryTokenStore } = {}) {
  const tokens = opts.tokens ?? new MemoryTokenStore();
  // headless: the engine alone, as the CLI drives it; seating a server user at the desk is tests/unit/desk's.
  const sync = { fetch: fake.fetch, autoStart: opts.autoStart ?? false };
  const t = await openTestCore({ tokenStore: tokens, sync, now: Date.now, headless: true });
  const statuses: SyncStatus[] = [];
  t.core.onEvent(<E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'sync:status') statuses.push(payload as SyncStatus);
  });
  const status = () => ok(t.core, 'sync:status', {});
  const login = () => ok(t.core, 'sync:login', { server: `${fake.url}/`, username: 'alice', password: fake.password });
  return { ...t, tokens, statuses, status, login };
}

describe('sync engine: states and transitions', () => {
  it('is signed_out with nothing configured, and says so instead of syncing', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    expect(await c.status()).toMatchObject({ state: 'signed_out', server: null, user: null, pending: 0, live: false, cursor: 0 });
    await ok(c.core, 'tickets:create', ticketInput());
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_NOT_SIGNED_IN');
    expect((await c.status()).pending).toBe(2);
    expect(fake.requests).toEqual([]);
  });

  it('signs in, keeps the token only in the TokenStore, names the user in history, and syncs', async () => {
    const fake = new FakeServer();
    fake.token = 'tok_0c3e9a7f5b1d4e2a8c6f0b9d7e5a3c1f';
    const c = await client(fake);
    const status = await c.login();
    expect(status).toMatchObject({ server: fake.url, user: fake.user, state: 'idle', lastError: null });
    expect((await c.tokens.load())?.token).toBe(fake.token);
    const d = await ok(c.core, 'tickets:create', ticketInput());
    expect(d.ticket.createdBy).toBe('alice');
    expect(d.history[0]?.actorId).toBe('alice');
    expect(await ok(c.core, 'sync:now', {})).toEqual({ pushed: 2, pulled: 0, pending: 0, problems: 0 });
    expect(fake.pushes[0]?.mutations.map((m) => m.name)).toEqual(['customers:create', 'tickets:create']);
    expect(fake.requests.filter((r) => r.path.startsWith('/sync')).every((r) => r.auth === `Bearer ${fake.token}`)).toBe(true);
    await c.core.close();
    for (const f of fs.readdirSync(c.dir)) expect(fs.readFileSync(path.join(c.dir, f)).includes(fake.token), f).toBe(false);
  });

  it('reports wrong passwords and unreachable servers with their own codes', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    fake.password = 'something else';
    expect((await failure(c.core, 'sync:login', { server: fake.url, username: 'alice', password: 'password-1' })).code).toBe('SYNC_AUTH_FAILED');
    fake.down = 'network';
    expect((await failure(c.core, 'sync:login', { server: fake.url, username: 'alice', password: 'password-1' })).code).toBe('SYNC_OFFLINE');
    expect((await c.status()).state).toBe('signed_out');
    expect(await c.tokens.load()).toBeNull();
  });

  it("a sign-in the server has locked (too many wrong passwords) says it is locked and for how long, not 'not accepted'", async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    fake.loginLockedFor = 840;
    const locked = await failure(c.core, 'sync:login', { server: fake.url, username: 'alice', password: 'password-1' });
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect(locked.fields).toEqual([expect.objectContaining({ path: 'username', code: 'locked', limit: 840 })]);
    expect((await c.status()).state).toBe('signed_out');
    fake.loginLockedFor = null;
    await c.login();
    expect((await c.status()).state).not.toBe('signed_out');
  });

  it('goes offline with a retry time when the server is unreachable, keeps everything queued, and recovers by itself', async () => {
    const fake = new FakeServer();
    const c = await client(fake, { autoStart: true });
    await c.login();
    await waitFor('idle', async () => (await c.status()).state === 'idle');
    fake.down = 'network';
    await ok(c.core, 'tickets:create', ticketInput());
    const offline = await waitFor('offline', async () => {
      const s = await c.status();
      return s.state === 'offline' ? s : undefined;
    });
    expect(offline.pending).toBe(2);
    expect(offline.lastError?.code).toBe('SYNC_OFFLINE');
    expect(Date.parse(offline.nextRetryAt ?? '')).toBeGreaterThan(Date.now() - 1000);
    expect(c.statuses.some((s) => s.state === 'offline')).toBe(true);
    fake.down = null;
    const back = await waitFor('back', async () => {
      const s = await c.status();
      return s.state === 'idle' && s.pending === 0 ? s : undefined;
    }, 8_000);
    expect(back).toMatchObject({ lastError: null, nextRetryAt: null });
    expect(back.lastSyncedAt).not.toBeNull();
  });

  it('treats 5xx and a malformed answer as "not available", and never drops the queue for them', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    fake.pushFails = 500;
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_OFFLINE');
    fake.pushFails = 'garbage';
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_SERVER_ERROR');
    expect(await c.status()).toMatchObject({ state: 'offline', pending: 2, lastError: { code: 'SYNC_SERVER_ERROR' } });
    // Half an answer: the answered change leaves the queue, the other stays, and the push stops there.
    fake.pushFails = null;
    fake.answerOnly = 1;
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_SERVER_ERROR');
    expect((await c.status()).pending).toBe(1);
    fake.answerOnly = null;
    expect(await ok(c.core, 'sync:now', {})).toMatchObject({ pushed: 1, pending: 0 });
  });

  it('asks to sign in again when the token is refused, losing nothing, and resumes after signing in', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    fake.pushFails = 401;
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_AUTH_FAILED');
    expect(await c.status()).toMatchObject({ state: 'auth_required', pending: 2, user: fake.user, server: fake.url });
    expect(await c.tokens.load()).toBeNull();
    expect((await failure(c.core, 'sync:now', {})).code).toBe('SYNC_AUTH_FAILED');
    fake.pushFails = null;
    await c.login();
    expect(await ok(c.core, 'sync:now', {})).toMatchObject({ pushed: 2, pending: 0 });
  });

  it('restores a stored session on start, and a session whose user is not the stored one is not trusted', async () => {
    const fake = new FakeServer();
    const tokens = new MemoryTokenStore();
    const c = await client(fake, { tokens });
    await c.login();
    await c.core.close();
    const again = await c.reopen();
    expect(await ok(again, 'sync:status', {})).toMatchObject({ state: 'idle', user: fake.user });
    await again.close();
    const stored = (await tokens.load()) as StoredSession;
    await tokens.save({ ...stored, user: { ...stored.user, id: 'someone-else' } });
    const third = await c.reopen();
    expect(await ok(third, 'sync:status', {})).toMatchObject({ state: 'auth_required' });
  });

  it('pauses (no requests, even for local writes) and resumes', async () => {
    const fake = new FakeServer();
    const c = await client(fake, { autoStart: true });
    await c.login();
    await waitFor('idle', async () => (await c.status()).state === 'idle');
    expect(await ok(c.core, 'sync:pause', { paused: true })).toMatchObject({ state: 'paused', live: false });
    const before = fake.requests.length;
    await ok(c.core, 'tickets:create', ticketInput());
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.requests.length).toBe(before);
    expect(await c.status()).toMatchObject({ state: 'paused', pending: 2 });
    await ok(c.core, 'sync:pause', { paused: false });
    await waitFor('drained', async () => (await c.status()).pending === 0);
  });

  it('pushes a lone local write at once, a burst in at most one round behind the running one, and pulls when poked beyond its cursor', async () => {
    const fake = new FakeServer();
    const c = await client(fake, { autoStart: true });
    await c.login();
    await waitFor('live', async () => (await c.status()).live);
    await waitFor('idle', async () => (await c.status()).state === 'idle');
    const pushesBefore = fake.pushes.length;
    await ok(c.core, 'tickets:create', ticketInput());
    await waitFor('pushed', async () => (await c.status()).pending === 0, 5_000);
    expect(fake.pushes.length - pushesBefore).toBe(1);
    expect(fake.pushes.at(-1)?.mutations.map((m) => m.name)).toEqual(['customers:create', 'tickets:create']);
    // A burst of five writes: the first starts a round, the others join the one queued behind it.
    const burstBefore = fake.pushes.length;
    await Promise.all(Array.from({ length: 5 }, () => ok(c.core, 'tickets:create', ticketInput())));
    await waitFor('burst pushed', async () => (await c.status()).pending === 0, 5_000);
    const burst = fake.pushes.slice(burstBefore);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    expect(burst.length).toBeLessThanOrEqual(2);
    expect(burst.flatMap((p) => p.mutations.map((m) => m.name))).toEqual(Array.from({ length: 5 }, () => 'tickets:create'));

    const pullsBefore = fake.count('/sync/pull') + fake.count('/sync/bulk');
    fake.rows.push({
      entity: 'customer',
      id: 'remote-c',
      values: { name: '李四', organisation: null, address: null, createdAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-11-24T02:00:00.000Z' },
      fieldHlc: { '*': encodeHlc({ wallMs: Date.now(), counter: 0, nodeId: 'remote' }) },
      seq: 1,
    });
    fake.poke();
    await waitFor('pulled', async () => (await c.status()).cursor === 1, 3_000);
    expect(fake.count('/sync/pull') + fake.count('/sync/bulk')).toBeGreaterThan(pullsBefore);
    expect((await ok(c.core, 'customers:get', { id: 'remote-c' })).name).toBe('李四');
    // A poke at or below the cursor costs nothing.
    const quiet = fake.requests.length;
    fake.poke(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests.length).toBe(quiet);
  });

  it('keeps the session in memory and says so when the token store refuses to persist it', async () => {
    const fake = new FakeServer();
    const refusing = new MemoryTokenStore();
    refusing.save = () => Promise.reject(new TokenNotPersistedError('this PC offers no secure storage for it'));
    const c = await client(fake, { tokens: refusing });
    const status = await c.login();
    expect(status.lastError).toEqual({ code: 'SYNC_TOKEN_NOT_SAVED', message: expect.stringMatching(/no secure storage.*sign in again after a restart/) });
    await ok(c.core, 'tickets:create', ticketInput());
    expect(await ok(c.core, 'sync:now', {})).toMatchObject({ pending: 0 });
    expect((await c.status()).lastError?.code).toBe('SYNC_TOKEN_NOT_SAVED');
  });

  it('signs out: revokes on the server, forgets the token, keeps the queue and the history actor goes back', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    const status = await ok(c.core, 'sync:logout', {});
    expect(status).toMatchObject({ state: 'signed_out', user: null, pending: 2 });
    expect(fake.revoked).toEqual([fake.token]);
    expect(await c.tokens.load()).toBeNull();
    expect((await ok(c.core, 'tickets:create', ticketInput())).ticket.createdBy).toBe('agent-7');
    // Signing out offline still forgets the token.
    await c.login();
    fake.down = 'network';
    expect(await ok(c.core, 'sync:logout', {})).toMatchObject({ state: 'signed_out' });
    expect(await c.tokens.load()).toBeNull();
  });

  it('aborts a hanging request and closes the live stream when the core closes', async () => {
    const fake = new FakeServer();
    const c = await client(fake, { autoStart: true });
    await c.login();
    await waitFor('live', async () => (await c.status()).live);
    fake.pushFails = 'hang';
    await ok(c.core, 'tickets:create', ticketInput());
    await waitFor('push in flight', () => fake.pushes.length > 0 || fake.count('/sync/push') > 0, 3_000);
    const started = Date.now();
    await c.core.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
