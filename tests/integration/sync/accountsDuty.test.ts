import { describe, expect, it } from 'vitest';
import type { LoginResponse, ResetPasswordResponse, User } from '../../../shared/sync/protocol.js';
import { BACKENDS, failure, ok, openClient, PASSWORD, signIn, suiteServer, syncAll, team } from './helpers.js';

/*
 * Issue 16 points 1, 7 and 8 between workstations and the real server: a
 * reset server password is changed at the next sign-in through the app's
 * channels (nothing else signs in), and a duty entered on one PC reaches
 * another seat.
 */
describe.each(BACKENDS)('accounts and duty roster over sync (%s)', (backend) => {
  const server = suiteServer(backend);

  async function adminToken(): Promise<string> {
    const admin = await server.user(team('adm'), 'admin');
    const r = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: admin, password: PASSWORD }) });
    return ((await r.json()) as LoginResponse).token;
  }

  it('a reset server password must be changed at the next sign-in, through the workstation', { timeout: 90_000 }, async () => {
    const t = team();
    const agent = await server.user(t, 'agent');
    const token = await adminToken();
    const users = (await (await fetch(`${server.url}/users`, { headers: { authorization: `Bearer ${token}` } })).json()) as User[];
    const id = users.find((u) => u.username === agent)?.id ?? '';
    const reset = (await (await fetch(`${server.url}/users/${id}/reset-password`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' })).json()) as ResetPasswordResponse;

    const pc = await openClient();
    const refused = await failure(pc, 'sync:login', { server: server.url, username: agent, password: reset.temporaryPassword });
    expect(refused.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await ok(pc, 'sync:status', {})).user).toBeNull();
    expect((await ok(pc, 'agent:session', {})).agent).toBeNull();
    const same = await failure(pc, 'sync:changePassword', { server: server.url, username: agent, oldPassword: reset.temporaryPassword, newPassword: reset.temporaryPassword });
    expect(same.code).toBe('VALIDATION_FAILED');

    const status = await ok(pc, 'sync:changePassword', { server: server.url, username: agent, oldPassword: reset.temporaryPassword, newPassword: 'brand-new-pass-1' });
    expect(status.user?.username).toBe(agent);
    expect(await ok(pc, 'agent:session', {})).toMatchObject({ agent: { username: agent, source: 'server' } });
    await ok(pc, 'sync:logout', {});
    expect((await failure(pc, 'sync:login', { server: server.url, username: agent, password: reset.temporaryPassword })).code).toBe('SYNC_AUTH_FAILED');
    await ok(pc, 'sync:login', { server: server.url, username: agent, password: 'brand-new-pass-1' });
  });

  it("a supervisor's duty reaches another team's seat; an agent's is refused", { timeout: 90_000 }, async () => {
    const sup = await server.user(team('n'), 'supervisor');
    const agent = await server.user(team('s'), 'agent');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, sup);
    await signIn(b, server, agent);
    const entry = await ok(a, 'duty:set', { date: '2026-12-07', start: '22:00', end: '08:30', agentId: agent, phone: '13800138000', backupId: sup });
    await syncAll([a, b]);
    const seen = await ok(b, 'duty:list', { from: '2026-12-01', to: '2026-12-31' });
    expect(seen.map((e) => e.id)).toEqual([entry.id]);
    expect((await failure(b, 'duty:set', { date: '2026-12-08', start: '22:00', end: '08:30', agentId: agent, phone: '13800138000' })).code).toBe('FORBIDDEN');
  });
});
