import { describe, expect, it } from 'vitest';
import { BACKENDS, failure, ok, openClient, signIn, suiteServer, syncAll, team, ticketInput } from './helpers.js';

describe.each(BACKENDS)('agent desk over sync (%s)', (backend) => {
  const server = suiteServer(backend);

  it('a server sign-in seats its user at the desk; their calls, states and links reach another PC', { timeout: 90_000 }, async () => {
    const t = team();
    const agent = await server.user(t, 'agent');
    const boss = await server.user(t, 'supervisor');
    const [a, b] = [await openClient(), await openClient()];

    await signIn(a, server, agent);
    expect(await ok(a, 'agent:session', {})).toMatchObject({ agent: { username: agent, role: 'agent', team: t, source: 'server' }, state: 'ready' });

    const ticket = await ok(a, 'tickets:create', ticketInput());
    const call = await ok(a, 'calls:start', { direction: 'inbound', number: ticket.customer.phones[0]?.raw ?? '' });
    expect(call.customerId).toBe(ticket.customer.id);
    await ok(a, 'calls:hold', { id: call.id });
    await ok(a, 'calls:resume', { id: call.id });
    await ok(a, 'calls:link', { callId: call.id, ticketId: ticket.ticket.id });
    await ok(a, 'calls:hangup', { id: call.id });
    await ok(a, 'calls:wrapUp', { id: call.id, disposition: 'ticket_created', note: '已建单' });
    await ok(a, 'agent:setState', { state: 'not_ready', reason: 'meal' });
    expect((await ok(a, 'sync:now', {})).problems).toBe(0);

    await signIn(b, server, boss);
    // the supervisor's open windows are told what to reload
    const told = new Set<string>();
    b.onEvent((event, payload) => {
      if (event === 'console:changed') {
        const p = payload as { kinds: string[]; origin: string };
        if (p.origin === 'sync') p.kinds.forEach((k) => told.add(k));
      }
    });
    await syncAll([a, b]);
    expect([...told]).toEqual(expect.arrayContaining(['calls', 'agents']));
    const seen = await ok(b, 'calls:get', { id: call.id });
    expect(seen).toMatchObject({ status: 'ended', disposition: 'ticket_created', note: '已建单', agentId: agent, customerId: ticket.customer.id, ticketIds: [ticket.ticket.id] });
    expect((await ok(b, 'calls:forTicket', { ticketId: ticket.ticket.id })).map((c) => c.id)).toEqual([call.id]);
    expect((await ok(b, 'tickets:get', { id: ticket.ticket.id })).history.map((h) => h.action)).toContain('call_linked');
    const log = await ok(b, 'agent:stateLog', { agentId: agent });
    expect(log.map((e) => e.state)).toEqual(['not_ready', 'ready', 'after_call', 'on_call', 'ready']);
    expect(log[0]).toMatchObject({ reason: 'meal' });
    expect(await ok(a, 'sync:status', {})).toMatchObject({ pending: 0, problems: 0 });
  });

  it("a standalone desk's queued work (a local account's calls and state lines) goes to the first server user who signs in", { timeout: 90_000 }, async () => {
    const t = team();
    const agent = await server.user(t, 'agent');
    const boss = await server.user(t, 'supervisor');
    const [a, b] = [await openClient(), await openClient()];
    // Standalone first: the PC's own admin account takes a call.
    await ok(a, 'agent:setup', { username: 'local.admin', displayName: '本机管理员', password: 'local-pass-1', role: 'admin' });
    const call = await ok(a, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(a, 'calls:hangup', { id: call.id });
    await ok(a, 'calls:wrapUp', { id: call.id, disposition: 'resolved' });
    // The server accepts state lines and calls only in the pushing user's name: the local name is given to the server user.
    await signIn(a, server, agent);
    expect(await ok(a, 'sync:now', {})).toMatchObject({ pending: 0, problems: 0 });
    expect(await ok(a, 'calls:get', { id: call.id })).toMatchObject({ agentId: agent });
    await signIn(b, server, boss);
    await syncAll([a, b]);
    expect(await ok(b, 'calls:get', { id: call.id })).toMatchObject({ agentId: agent, disposition: 'resolved' });
    expect((await ok(b, 'agent:stateLog', { agentId: 'local.admin' })).length).toBe(0);
    expect((await ok(b, 'agent:stateLog', { agentId: agent })).map((e) => e.state)).toContain('on_call');
  });

  it("an admin's configuration reaches every PC; an agent cannot change it", { timeout: 90_000 }, async () => {
    const t = team();
    const agent = await server.user(t, 'agent');
    const admin = await server.user(t, 'admin');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, agent);
    await signIn(b, server, admin);
    expect((await failure(a, 'config:set', { afterCallWorkSeconds: 60 })).code).toBe('FORBIDDEN');
    await ok(b, 'config:set', { afterCallWorkSeconds: 60, dispositions: [{ code: 'solved', label: '已解决' }] });
    const told: string[][] = [];
    a.onEvent((event, payload) => {
      if (event === 'console:changed' && (payload as { origin: string }).origin === 'sync') told.push((payload as { kinds: string[] }).kinds);
    });
    await syncAll([b, a]);
    // the agent's console reloads its dispositions and limits at once
    expect(told.flat()).toContain('config');
    expect(await ok(a, 'config:get', {})).toMatchObject({ afterCallWorkSeconds: 60, dispositions: [{ code: 'solved', label: '已解决' }] });
    // The synced configuration is the one in force: the old disposition codes are gone.
    const call = await ok(a, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(a, 'calls:hangup', { id: call.id });
    expect((await failure(a, 'calls:wrapUp', { id: call.id, disposition: 'resolved' })).code).toBe('DISPOSITION_UNKNOWN');
    expect((await ok(a, 'calls:wrapUp', { id: call.id, disposition: 'solved' })).status).toBe('ended');
  });

  it("on a shared PC, each agent's sign-out line reaches the server under their own name", { timeout: 90_000 }, async () => {
    const t = team();
    const first = await server.user(t, 'agent');
    const second = await server.user(t, 'agent');
    const boss = await server.user(t, 'supervisor');
    const [pc, other] = [await openClient(), await openClient()];
    await signIn(pc, server, first);
    await ok(pc, 'agent:signOut', {});
    await signIn(pc, server, second);
    // The next agent signs in without the previous one signing out: the previous is logged off first.
    await signIn(pc, server, first);
    await ok(pc, 'sync:now', {});
    expect(await ok(pc, 'sync:status', {})).toMatchObject({ pending: 0, problems: 0 });
    await signIn(other, server, boss);
    await ok(other, 'sync:now', {});
    expect((await ok(other, 'agent:stateLog', { agentId: first })).map((e) => e.state)).toEqual(['ready', 'offline', 'ready']);
    expect((await ok(other, 'agent:stateLog', { agentId: second })).map((e) => e.state)).toEqual(['offline', 'ready']);
  });

  it('a wrong server password leaves the seated agent signed in and their session untouched', { timeout: 60_000 }, async () => {
    const t = team();
    const first = await server.user(t, 'agent');
    const second = await server.user(t, 'agent');
    const pc = await openClient();
    await signIn(pc, server, first);
    const refused = await failure(pc, 'sync:login', { server: server.url, username: second, password: 'not-the-password' });
    expect(refused.code).toBe('SYNC_AUTH_FAILED');
    expect(await ok(pc, 'agent:session', {})).toMatchObject({ agent: { username: first, source: 'server' }, state: 'ready' });
    expect(await ok(pc, 'sync:status', {})).toMatchObject({ user: { username: first } });
    await ok(pc, 'sync:now', {});
    expect((await ok(pc, 'agent:stateLog', { agentId: first })).map((e) => e.state)).toEqual(['ready']);
  });

  it('a server sign-out leaves the desk; signing out at the desk ends the server session too', { timeout: 60_000 }, async () => {
    const t = team();
    const agent = await server.user(t, 'agent');
    const a = await openClient();
    await signIn(a, server, agent);
    await ok(a, 'sync:logout', {});
    expect(await ok(a, 'agent:session', {})).toMatchObject({ agent: null, state: 'offline' });
    await signIn(a, server, agent);
    const out = await ok(a, 'agent:signOut', {});
    expect(out.agent).toBeNull();
    expect((await ok(a, 'sync:status', {})).state).toBe('signed_out');
  });
});
