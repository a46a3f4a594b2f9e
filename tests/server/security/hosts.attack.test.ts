import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/app.js';
import type { ErrorBody, LoginResponse, Presence, SessionUser, User } from '../../../shared/sync/protocol.js';
import { isStorableText } from '../../../shared/text.js';
import { failure, ok } from '../../unit/core/helpers.js';
import { AGENT, deskCore } from '../../unit/desk/helpers.js';
import { Api, ENGINES, EventStream, login, POSTGRES, serve, uniq, userApi } from '../helpers.js';

/*
 * The review's findings against the hosts: sign-in rate limits under
 * parallel attempts (server and desk), live streams that outlived a user
 * change, and NUL bytes or lone surrogates reaching PostgreSQL (a 500) or
 * the CTI endpoint's store.
 *
 *   M1  check-then-act rate limits   -> exactly the limit is checked, the rest 429 / locked
 *   L1  streams keep an old role      -> a user change ends their streams (every process)
 *   L2  NUL / lone surrogates         -> 400 / VALIDATION_FAILED, never stored, never 500
 */

const BAD_TEXT = ['nul\u0000byte', 'lone\ud800high', 'lone\udfffhigh'];

/** Raw JSON over node:http, so a body can carry exactly what an attacker sends. */
function rawPost(url: string, path: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(ENGINES)('host attacks on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let admin: Api;
  let anon: Api;

  beforeAll(async () => {
    // Behind a proxy, so each test can come from an address of its own (X-Forwarded-For).
    ctx = await serve(engine, { trustProxy: true });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin' });
    anon = new Api(ctx.server.url);
  }, 60_000);
  afterAll(async () => ctx?.stop());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  describe('M1: the sign-in limit holds under parallel attempts', () => {
    it('checks only 5 of 18 parallel wrong passwords; the rest, and then the right one, are 429', async () => {
      const name = uniq('victim');
      await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 't1' });
      const replies = await Promise.all(Array.from({ length: 18 }, () => anon.call<ErrorBody>('POST', '/auth/login', { username: name, password: 'guess-guess' }, from('10.1.0.1'))));
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(13);
      expect(replies.find((r) => r.status === 429)?.body.error.code).toBe('RATE_LIMITED');
      expect((await anon.call('POST', '/auth/login', { username: name, password: 'password-1' }, from('10.1.0.1'))).status).toBe(429);
      // Another address is not held up by this one.
      expect((await anon.call('POST', '/auth/login', { username: name, password: 'password-1' }, from('10.1.0.2'))).status).toBe(200);
    });

    it('caps failures per address whatever the usernames, and a success does not count', async () => {
      expect((await anon.call('POST', '/auth/login', { username: 'root', password: 'password-1' }, from('10.2.0.1'))).status).toBe(200);
      const names = Array.from({ length: 32 }, () => uniq('spray'));
      const replies = await Promise.all(names.map((username) => anon.call<ErrorBody>('POST', '/auth/login', { username, password: 'guess-guess' }, from('10.2.0.1'))));
      expect(replies.filter((r) => r.status === 401)).toHaveLength(30);
      const limited = replies.filter((r) => r.status === 429);
      expect(limited).toHaveLength(2);
      expect(limited[0]?.body.error.message).toMatch(/from this address/);
      expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('L1: a user change ends that user\u2019s live streams', () => {
    it('ends the stream of a demoted admin, who then sees only their team', async () => {
      const name = uniq('boss');
      const api = await userApi(ctx.server, { username: name, role: 'admin' });
      const me = (await api.get<SessionUser>('/auth/me')).body;
      const stream = await EventStream.open(ctx.server.url, api.token as string);
      await stream.waitFor((e) => e.event === 'presence');
      const south = await userApi(ctx.server, { username: uniq('south'), role: 'agent', team: 'south' });
      await south.post('/presence', { state: 'not_ready', reason: 'meeting', since: new Date().toISOString() });
      await stream.waitFor((e) => e.event === 'presence' && (e.data as { agents: Presence[] }).agents.some((a) => a.team === 'south'));
      const patched = await admin.call<User>('PATCH', `/users/${me.id}`, { role: 'agent', team: 'north' });
      expect(patched.status).toBe(200);
      // Ended by the change itself (the heartbeat re-check is 15 s away, beyond the test's wait).
      await stream.ended;
      // Reconnected: the new role and team, nobody of south.
      const again = await EventStream.open(ctx.server.url, api.token as string);
      try {
        const presence = await again.waitFor((e) => e.event === 'presence');
        expect((presence.data as { agents: Presence[] }).agents.every((a) => a.team === 'north')).toBe(true);
      } finally {
        again.close();
      }
    });
  });

  describe('L2: text that cannot be stored never reaches the database', () => {
    it('refuses it in presence, in the admin routes and in their paths with 400, and stores none of it', async () => {
      const api = await userApi(ctx.server, { username: uniq('pres'), role: 'agent', team: 'north' });
      const me = (await api.get<SessionUser>('/auth/me')).body;
      for (const bad of BAD_TEXT) {
        const p = await api.post<ErrorBody>('/presence', { state: 'not_ready', reason: bad, since: new Date().toISOString() });
        expect(p.status, JSON.stringify(bad)).toBe(400);
        expect(p.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/reason: Text with a NUL character or a broken surrogate pair/) });
        expect((await api.post('/presence', { state: 'ready', since: bad })).status).toBe(400);
        expect((await admin.post<ErrorBody>('/users', { username: uniq('u'), password: 'password-1', role: 'agent', team: bad })).status).toBe(400);
        expect((await admin.call<ErrorBody>('PATCH', `/users/${me.id}`, { team: bad })).status).toBe(400);
        expect((await admin.call<ErrorBody>('PATCH', `/users/${encodeURIComponent(bad.replace(/[\ud800-\udfff]/g, ''))}\u0000`, { role: 'agent' })).status).toBeLessThan(500);
        expect((await admin.call<ErrorBody>('POST', '/auth/login', { username: 'root', password: bad })).status).toBe(400);
      }
      // Percent-encoded in the path: a NUL, and a lone surrogate's bytes.
      for (const path of ['/users/%00x', '/users/u_%ED%A0%80', '/users/%C0%80']) expect((await admin.call('PATCH', path, { role: 'agent' })).status, path).toBeLessThan(500);
      expect((await admin.call<ErrorBody>('PATCH', '/users/%00x', { role: 'agent' })).status).toBe(400);
      // A raw body with an escaped NUL in a key.
      const r = await rawPost(ctx.server.url, '/presence', '{"state":"ready","since":"2026-01-05T09:00:00Z","\\u0000":1}', { authorization: `Bearer ${api.token}` });
      expect(r.status).toBe(400);
      expect((await admin.get<User[]>('/users')).body.every((u) => u.team === null || isStorableText(u.team))).toBe(true);
      expect((await api.get<SessionUser>('/auth/me')).body.team).toBe('north');
    });
  });
});

describe.runIf(POSTGRES)('L1 across server processes (PostgreSQL)', () => {
  it('ends a stream on another process at once when a user is changed through this one', async () => {
    const store = await (POSTGRES as NonNullable<typeof POSTGRES>).create();
    const one = await startServer({ ...store.opts });
    const two = await startServer({ ...store.opts });
    try {
      await one.createUser({ username: 'root', password: 'password-1', role: 'admin' });
      const u = await one.createUser({ username: 'wanderer', password: 'password-1', role: 'admin' });
      const adminOnOne = await login(one.url, 'root');
      const onTwo = await new Api(two.url).post<LoginResponse>('/auth/login', { username: 'wanderer', password: 'password-1' });
      const stream = await EventStream.open(two.url, onTwo.body.token);
      await stream.waitFor((e) => e.event === 'poke');
      expect((await adminOnOne.call('PATCH', `/users/${u.id}`, { role: 'agent', team: 'north' })).status).toBe(200);
      await stream.ended;
      // Process two forgot the cached session too: the new role at once.
      expect((await new Api(two.url, onTwo.body.token).get<SessionUser>('/auth/me')).body).toMatchObject({ role: 'agent', team: 'north' });
    } finally {
      await two.close();
      await one.close();
      await store.dispose();
    }
  }, 60_000);
});

describe('M1 and L2 at the workstation: desk sign-in, CTI endpoint, every request', () => {
  it('checks only 5 of 18 parallel wrong passwords at the desk; the rest are locked out', async () => {
    const { core } = await deskCore();
    const results = await Promise.all(Array.from({ length: 18 }, () => core.call('agent:signIn', { username: AGENT.username, password: 'guess-guess' })));
    const messages = results.map((r) => (r.ok ? 'ok' : r.error.message));
    expect(messages.filter((msg) => msg === 'Wrong username or password')).toHaveLength(5);
    expect(messages.filter((msg) => /Too many failed sign-ins/.test(msg))).toHaveLength(13);
    // Locked now, even with the right password.
    expect((await failure(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password })).message).toMatch(/Too many failed sign-ins/);
  });

  it('refuses a NUL or lone surrogate in a call event (400) and stores no call', async () => {
    const t = await deskCore({ cti: { port: 0 } });
    const info = await ok(t.core, 'cti:info', {});
    await ok(t.core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    for (const callId of ['pbx\u0000-1', 'pbx\ud800-2']) {
      const r = await rawPost(`http://127.0.0.1:${info.port}`, '/call-events', JSON.stringify({ event: 'ringing', callId, from: '13912345678' }), { authorization: `Bearer ${info.token ?? ''}` });
      expect(r.status, JSON.stringify(callId)).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'callId', code: 'unstorable_text' }] } });
    }
    expect(await ok(t.core, 'calls:list', {})).toEqual([]);
  });

  it('refuses such text in any request to the core, before a handler runs', async () => {
    const { core } = await deskCore();
    const err = await failure(core, 'tickets:create', { subject: 'a\u0000b', description: 'x', category: 'fault', severity: 'normal', channel: 'phone', customer: { name: 'Ann', phone: '13800138000' } });
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'subject', code: 'unstorable_text' }] });
  });
});
