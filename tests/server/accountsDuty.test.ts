import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/audit.js';
import type { ErrorBody, LoginResponse, MutationResult, PullResponse, ResetPasswordResponse, User } from '../../shared/sync/protocol.js';
import { Api, ENGINES, hlc, ME, mutation, serve, uniq, userApi } from './helpers.js';

/*
 * Issue 16 points 1, 7 and 8 on the sync server: an admin's password reset
 * (the user must change it before the server does anything else for them),
 * a user's own change, role and team changes with the last-admin rule, and
 * the duty roster's role check.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = new Date(Date.now() - 3_600_000).toISOString();

function dutyValues(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'agentN', phone: '138 0000 0000', backupId: null, removedAt: null, removedBy: null, createdBy: ME, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over };
}

describe.each(ENGINES)('accounts and the duty roster on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let admin: Api;
  let anon: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    admin = await userApi(ctx.server, { username: 'root', role: 'admin', team: null });
    anon = new Api(ctx.server.url);
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function idOf(username: string): Promise<string> {
    const users = (await admin.get<User[]>('/users')).body;
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`no user ${username}`);
    return u.id;
  }
  async function auditActions(): Promise<AuditEntry[]> {
    return (await admin.get<{ entries: AuditEntry[] }>('/audit?limit=200')).body.entries;
  }

  it('resets a password: the old sessions end, the temporary one signs nobody in until it is changed, and both steps are audited', async () => {
    const name = uniq('ann');
    const user = await userApi(ctx.server, { username: name, role: 'agent', team: 'north' });
    expect((await user.get('/auth/me')).status).toBe(200);
    const id = await idOf(name);

    const reset = await admin.post<ResetPasswordResponse>(`/users/${id}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.user.mustChangePassword).toBe(true);
    const temp = reset.body.temporaryPassword;
    expect(temp).toMatch(/^[A-Za-z2-9]{12}$/);

    // the session opened before the reset is gone
    expect((await user.get('/auth/me')).status).toBe(401);
    // the temporary password is right, yet opens no session
    const refused = await anon.post<ErrorBody>('/auth/login', { username: name, password: temp });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(refused.text).not.toContain('token');
    // the new password must differ from the temporary one
    const same = await anon.post<ErrorBody>('/auth/password', { username: name, oldPassword: temp, newPassword: temp });
    expect(same.status).toBe(400);
    expect((await anon.post<ErrorBody>('/auth/login', { username: name, password: temp })).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // a wrong old password changes nothing
    expect((await anon.post('/auth/password', { username: name, oldPassword: 'not-the-one', newPassword: 'mine-now-123' })).status).toBe(401);

    const changed = await anon.post<LoginResponse>('/auth/password', { username: name, oldPassword: temp, newPassword: 'mine-now-123' });
    expect(changed.status).toBe(200);
    expect(changed.body.user.username).toBe(name);
    expect((await anon.withToken(changed.body.token).get('/auth/me')).status).toBe(200);
    expect((await anon.post('/auth/login', { username: name, password: temp })).status).toBe(401);
    expect((await anon.post('/auth/login', { username: name, password: 'mine-now-123' })).status).toBe(200);
    expect((await admin.get<User[]>('/users')).body.find((u) => u.id === id)?.mustChangePassword).toBe(false);

    const entries = await auditActions();
    const resetLine = entries.find((e) => e.action === 'user.password_reset' && e.detail.userId === id);
    expect(resetLine?.detail).toMatchObject({ username: name, generated: true, tokensRevoked: 1 });
    expect(JSON.stringify(resetLine)).not.toContain(temp);
    expect(entries.find((e) => e.action === 'user.password_change' && e.detail.userId === id)?.detail).toMatchObject({ forced: true });
  });

  it('lets every user change their own password with the old one; older sessions end', async () => {
    const name = uniq('cai');
    const first = await userApi(ctx.server, { username: name, role: 'supervisor', team: 'north' });
    const changed = await anon.post<LoginResponse>('/auth/password', { username: name, oldPassword: 'password-1', newPassword: 'password-2' });
    expect(changed.status).toBe(200);
    expect((await first.get('/auth/me')).status).toBe(401);
    expect((await anon.post('/auth/login', { username: name, password: 'password-1' })).status).toBe(401);
    // the username itself is no password
    const bad = await anon.post<ErrorBody>('/auth/password', { username: name, oldPassword: 'password-2', newPassword: name.toUpperCase() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cannot be the username/);
    expect((await anon.post('/auth/login', { username: name, password: 'password-2' })).status).toBe(200);
  });

  it('refuses resets and role changes to anyone but an admin, and an admin\'s reset of their own account', async () => {
    const agent = await userApi(ctx.server, { username: uniq('dan'), role: 'agent', team: 'north' });
    const sup = await userApi(ctx.server, { username: uniq('eve'), role: 'supervisor', team: 'north' });
    const victim = uniq('fay');
    await ctx.server.createUser({ username: victim, password: 'password-1', role: 'agent', team: 'north' });
    const id = await idOf(victim);
    for (const api of [agent, sup]) {
      const r = await api.post<ErrorBody>(`/users/${id}/reset-password`, {});
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      const p = await api.call<ErrorBody>('PATCH', `/users/${id}`, { role: 'admin' });
      expect(p.status).toBe(403);
    }
    expect((await anon.post('/auth/login', { username: victim, password: 'password-1' })).status).toBe(200);
    const own = await admin.post<ErrorBody>(`/users/${await idOf('root')}/reset-password`, {});
    expect(own.status).toBe(403);
  });

  it('changes a role and a team; never demotes the last admin', async () => {
    const name = uniq('gus');
    await ctx.server.createUser({ username: name, password: 'password-1', role: 'agent', team: 'north' });
    const id = await idOf(name);
    const r = await admin.call<User>('PATCH', `/users/${id}`, { role: 'senior', team: 'south' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ role: 'senior', team: 'south' });
    const rootId = await idOf('root');
    const demote = await admin.call<ErrorBody>('PATCH', `/users/${rootId}`, { role: 'supervisor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last enabled admin/);
    expect((await admin.get<User[]>('/users')).body.find((u) => u.id === rootId)?.role).toBe('admin');
  });

  it('lets supervisors and admins keep the duty roster, and everyone read it', async () => {
    const agent = await userApi(ctx.server, { username: uniq('hal'), role: 'agent', team: 'north' });
    const sup = await userApi(ctx.server, { username: uniq('ivy'), role: 'supervisor', team: 'north' });
    const push = async (api: Api, client: string, values: Record<string, unknown>, id = uniq('duty')) =>
      (await api.push(client, [mutation([{ entity: 'duty_entry', id, values }], at(client), 'duty:set')])).body.results[0];
    const refused = await push(agent, 'wsHal', dutyValues());
    expect(refused?.status).toBe('rejected');
    expect((refused as Rejected).error.code).toBe('FORBIDDEN');
    const id = uniq('duty');
    expect((await push(sup, 'wsIvy', dutyValues(), id))?.status).toBe('applied');
    expect((await push(admin, 'wsRoot', dutyValues({ date: '2026-12-08' })))?.status).toBe('applied');
    // an agent of another team sees it (global): every seat shows who is on duty tonight
    const other = await userApi(ctx.server, { username: uniq('jon'), role: 'agent', team: 'south' });
    const rows = (await other.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === 'duty_entry');
    expect(rows.map((r) => r.id)).toContain(id);
    // an agent cannot change an entry either
    const change = (await agent.push('wsHal', [mutation([{ entity: 'duty_entry', id, values: { phone: '110', updatedBy: ME, updatedAt: TS } }], at('wsHal'), 'duty:set')])).body.results[0];
    expect(change?.status).toBe('rejected');
  });
});
