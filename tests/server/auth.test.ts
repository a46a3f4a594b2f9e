import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, LoginResponse, SessionUser, User } from '../../shared/sync/protocol.js';
import type { AuditEntry } from '../../server/audit.js';
import { Api, ENGINES, login, serve, uniq, userApi } from './helpers.js';

describe.each(ENGINES)('auth and roles on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let admin: Api;
  let anon: Api;

  beforeAll(async () => {
    ctx = await serve(engine);
    admin = await userApi(ctx.server, { username: 'root', role: 'admin' });
    anon = new Api(ctx.server.url);
  }, 60_000);
  afterAll(async () => ctx?.stop());

  it('answers /health without a token', async () => {
    const r = await anon.get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
  });

  it('signs in with the right password and knows who you are', async () => {
    const name = uniq('ann');
    const created = await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 'north' });
    const r = await anon.post<LoginResponse>('/auth/login', { username: name, password: 'password-1' });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ id: created.id, username: name, role: 'agent', team: 'north' });
    const ttl = Date.parse(r.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(11.9 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(12 * 3600_000);
    const me = await anon.withToken(r.body.token).get<SessionUser>('/auth/me');
    expect(me.body).toEqual(r.body.user);
  });

  it('gives a wrong password and an unknown user the same answer', async () => {
    const name = uniq('bob');
    await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 'north' });
    const wrong = await anon.post<ErrorBody>('/auth/login', { username: name, password: 'password-2' });
    const unknown = await anon.post<ErrorBody>('/auth/login', { username: uniq('nobody'), password: 'password-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Wrong username or password' } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rate-limits after 5 failed sign-ins, even with the right password, and says when to retry', async () => {
    const name = uniq('carl');
    await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 'north' });
    for (let i = 0; i < 5; i++) expect((await anon.post('/auth/login', { username: name, password: 'nope-nope' })).status).toBe(401);
    const limited = await anon.post<ErrorBody>('/auth/login', { username: name, password: 'password-1' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/try again in \d+ s/);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(200);
    expect(retry).toBeLessThanOrEqual(300);
    // another user from the same address is not affected
    const other = uniq('dora');
    await ctx.server.createUser({ username: other, password: 'password-1', role: 'agent', team: 'north' });
    expect((await anon.post('/auth/login', { username: other, password: 'password-1' })).status).toBe(200);
  });

  it('refuses routes without a token, with a malformed header, or an unknown token', async () => {
    const none = await anon.get<ErrorBody>('/sync/pull');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/Authorization: Bearer/) });
    const malformed = await anon.call<ErrorBody>('GET', '/auth/me', undefined, { authorization: 'Basic abc' });
    expect(malformed.body.error.code).toBe('UNAUTHORIZED');
    const unknown = await anon.withToken('x'.repeat(43)).get<ErrorBody>('/auth/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/Unknown token/);
  });

  it('revokes the token on logout', async () => {
    const name = uniq('eve');
    const api = await userApi(ctx.server, { username: name, role: 'agent', team: 'north' });
    expect((await api.post('/auth/logout')).body).toEqual({ ok: true });
    const after = await api.get<ErrorBody>('/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/revoked/) });
  });

  it('signs a disabled user out everywhere and refuses their sign-in', async () => {
    const name = uniq('fay');
    const api = await userApi(ctx.server, { username: name, role: 'agent', team: 'north' });
    const me = await api.get<SessionUser>('/auth/me');
    const patched = await admin.call<User>('PATCH', `/users/${me.body.id}`, { disabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body.disabled).toBe(true);
    expect((await api.get('/auth/me')).status).toBe(401);
    const again = await anon.post<ErrorBody>('/auth/login', { username: name, password: 'password-1' });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toMatch(/disabled/);
    await admin.call('PATCH', `/users/${me.body.id}`, { disabled: false });
    expect((await anon.post('/auth/login', { username: name, password: 'password-1' })).status).toBe(200);
  });

  it('a new password revokes the old tokens and the old password', async () => {
    const name = uniq('gus');
    const api = await userApi(ctx.server, { username: name, role: 'agent', team: 'north' });
    const me = await api.get<SessionUser>('/auth/me');
    expect((await admin.call('PATCH', `/users/${me.body.id}`, { password: 'brand-new-pass' })).status).toBe(200);
    expect((await api.get('/auth/me')).status).toBe(401);
    expect((await anon.post('/auth/login', { username: name, password: 'password-1' })).status).toBe(401);
    expect((await anon.post('/auth/login', { username: name, password: 'brand-new-pass' })).status).toBe(200);
  });

  it('lets only admins manage users and read the audit', async () => {
    for (const role of ['agent', 'senior', 'supervisor'] as const) {
      const api = await userApi(ctx.server, { username: uniq(role), role, team: 'north' });
      for (const [method, route, body] of [
        ['GET', '/users', undefined],
        ['POST', '/users', { username: uniq('x'), password: 'password-1', role: 'admin' }],
        ['PATCH', '/users/whatever', { role: 'admin' }],
        ['GET', '/audit', undefined],
      ] as const) {
        const r = await api.call<ErrorBody>(method, route, body);
        expect(r.status, `${role} ${method} ${route}`).toBe(403);
        expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(new RegExp(`needs the role admin; you are ${role}`)) });
      }
    }
    const users = await admin.get<User[]>('/users');
    expect(users.status).toBe(200);
    expect(users.body.some((u) => u.username === 'root' && u.role === 'admin')).toBe(true);
  });

  it('creates users over HTTP with validation and a clear duplicate error', async () => {
    const name = uniq('hal');
    const created = await admin.post<User>('/users', { username: name, password: 'password-1', role: 'senior', team: 'south' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: name, role: 'senior', team: 'south', disabled: false });
    expect(created.body).not.toHaveProperty('password_hash');
    const dup = await admin.post<ErrorBody>('/users', { username: name, password: 'password-1', role: 'agent' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toEqual({ code: 'CONFLICT', message: `A user named ${name} already exists` });
    const bad = await admin.post<ErrorBody>('/users', { username: 'has space', password: 'short', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.fields?.map((f) => f.path).sort()).toEqual(['password', 'role', 'username']);
    expect((await admin.call<ErrorBody>('PATCH', '/users/u_missing', { role: 'agent' })).status).toBe(404);
  });

  it('keeps the last enabled admin', async () => {
    const me = await admin.get<SessionUser>('/auth/me');
    const r = await admin.call<ErrorBody>('PATCH', `/users/${me.body.id}`, { disabled: true });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/last enabled admin/);
  });

  it('audits sign-ins, failures and user changes', async () => {
    const name = uniq('ivy');
    await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 'north' });
    await anon.post('/auth/login', { username: name, password: 'wrong-wrong' });
    await login(ctx.server.url, name);
    const r = await admin.get<{ entries: AuditEntry[] }>('/audit?limit=50');
    const mine = r.body.entries.filter((e) => e.detail.username === name).map((e) => e.action);
    expect(mine).toEqual(['login', 'login.failed', 'user.create']);
  });
});

describe.each(ENGINES)('token expiry on $name', (engine) => {
  it('answers TOKEN_EXPIRED once the token is older than its TTL', async () => {
    const ctx = await serve(engine, { tokenTtlMs: 300 });
    try {
      const api = await userApi(ctx.server, { username: 'shorty', role: 'agent', team: 'north' });
      expect((await api.get('/auth/me')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 600));
      const r = await api.get<ErrorBody>('/auth/me');
      expect(r.status).toBe(401);
      expect(r.body.error).toEqual({ code: 'TOKEN_EXPIRED', message: 'The session has expired: sign in again' });
    } finally {
      await ctx.stop();
    }
  }, 60_000);
});
