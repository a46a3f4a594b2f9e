import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents, ticketInput } from '../core/helpers.js';
import { crashCopy } from '../store/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

describe('agent state', () => {
  it('logs ready at sign-in, not ready with a reason, and back', async () => {
    const { core, dir, time } = await deskCore({ signedInAs: 'agent' });
    time.advance(60_000);
    const events = recordEvents(core);
    const nr = await ok(core, 'agent:setState', { state: 'not_ready', reason: 'meal' });
    expect(nr).toMatchObject({ state: 'not_ready', reason: 'meal', since: new Date(time.now()).toISOString() });
    expect(events.find((e) => e.event === 'agent:state')?.payload).toMatchObject({ state: 'not_ready', reason: 'meal' });
    time.advance(60_000);
    expect(await ok(core, 'agent:setState', { state: 'ready' })).toMatchObject({ state: 'ready', reason: null });
    const log = await ok(core, 'agent:stateLog', {});
    expect(log.map((e) => [e.state, e.reason])).toEqual([
      ['ready', null],
      ['not_ready', 'meal'],
      ['ready', null],
    ]);
    const outbox = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number; entity: string }>(r, "SELECT id, entity FROM outbox WHERE entity = 'agent_state' ORDER BY id"));
    // The admin's setup sign-in, the admin's sign-out when the agent sat down, the agent's three entries,
    // and the agent's offline when the core closed (readRaw closes it to read the files).
    expect(outbox.length).toBe(6);
    expect(JSON.parse(outbox.at(-2)?.args ?? '{}')).toMatchObject({ changes: [{ entity: 'agent_state', values: { agentId: AGENT.username, state: 'ready', reason: null } }] });
    expect(JSON.parse(outbox.at(-1)?.args ?? '{}')).toMatchObject({ changes: [{ entity: 'agent_state', values: { agentId: AGENT.username, state: 'offline' } }] });
  });

  it('signing in again as the same agent adds no offline/ready lines', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    await ok(core, 'agent:setState', { state: 'not_ready', reason: 'break' });
    const before = (await ok(core, 'agent:stateLog', {})).length;
    expect(await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password })).toMatchObject({ state: 'not_ready', reason: 'break' });
    expect((await ok(core, 'agent:stateLog', {})).length).toBe(before);
  });

  it('refuses an unknown reason and a repeated state adds no line', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const before = await footprint(core);
    expect((await failure(core, 'agent:setState', { state: 'not_ready', reason: 'nap' })).code).toBe('REASON_UNKNOWN');
    expect((await failure(core, 'agent:setState', { state: 'not_ready' })).code).toBe('REASON_UNKNOWN');
    await ok(core, 'agent:setState', { state: 'ready' });
    expect(await footprint(core)).toEqual(before);
  });

  it('after a crash, closes the seated agent\'s state at the last heartbeat; quitting the app logs them off at once', async () => {
    const { core, dir, time } = await deskCore({ signedInAs: 'agent' });
    time.advance(30_000);
    await ok(core, 'agent:setState', { state: 'not_ready', reason: 'meal' });
    const lastChange = new Date(time.now()).toISOString();
    // The power goes: the files as they are, with nobody signed out.
    time.advance(10 * 60_000);
    const crashed = crashCopy(dir);
    const after = await openTestCore({ dataDir: crashed, now: time.now });
    // Nobody is seated after a restart, and the agent's state was closed when the app was last known to run.
    expect(await ok(after.core, 'agent:session', {})).toMatchObject({ agent: null, state: 'offline' });
    await ok(after.core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    const log = await ok(after.core, 'agent:stateLog', { agentId: AGENT.username });
    expect(log.map((e) => e.state)).toEqual(['offline', 'not_ready', 'ready']);
    expect(log[0]?.at).toBe(lastChange);
    // A second start finds nothing more to close.
    const before = (await ok(after.core, 'agent:stateLog', { agentId: AGENT.username })).length;
    await after.core.close();
    const again = await after.reopen();
    await ok(again, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(again, 'agent:stateLog', { agentId: AGENT.username })).length).toBe(before);
    // The admin signed in above and the core closes: quitting logs them off then, not at the next start.
    time.advance(5_000);
    await again.close();
    const closedAt = new Date(time.now()).toISOString();
    time.advance(60_000);
    const third = await after.reopen();
    await ok(third, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    const admin = await ok(third, 'agent:stateLog', { agentId: ADMIN.username });
    // newest first: this sign-in, the offline logged at the close, the sign-in before it (an admin signs in not taking calls)
    expect(admin.slice(0, 3).map((e) => [e.state, e.at])).toEqual([
      ['not_ready', new Date(time.now()).toISOString()],
      ['offline', closedAt],
      ['not_ready', expect.any(String)],
    ]);
  });

  it('needs someone signed in to change state', async () => {
    const { core } = await openTestCore();
    expect((await failure(core, 'agent:setState', { state: 'ready' })).code).toBe('NOT_SIGNED_IN');
  });

  it('shows an agent their own log only; supervisors and admins anyone', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    expect((await failure(core, 'agent:stateLog', { agentId: ADMIN.username })).code).toBe('FORBIDDEN');
    expect((await ok(core, 'agent:stateLog', {})).every((e) => e.agentId === AGENT.username)).toBe(true);
    await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    const all = await ok(core, 'agent:stateLog', {});
    expect(new Set(all.map((e) => e.agentId))).toEqual(new Set([ADMIN.username, AGENT.username]));
  });

  it('names the desk agent in ticket history, and the host actor again after sign-out', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const t = await ok(core, 'tickets:create', ticketInput());
    expect(t.history[0]?.actorId).toBe(AGENT.username);
    await ok(core, 'agent:signOut', {});
    const u = await ok(core, 'tickets:create', ticketInput({ subject: '另一个问题' }));
    expect(u.history[0]?.actorId).toBe('agent-7');
  });

  it('gives the desk agent their own role on the knowledge base', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const article = { title: '打印机报错 ERR_0x80070005', body: '检查打印队列权限', product: 'P100', category: 'fault', tags: ['打印'] };
    expect((await failure(core, 'kb:create', { ...article, status: 'published' })).code).toBe('FORBIDDEN');
    await ok(core, 'agent:signOut', {});
    // Nobody signed in (the CLI): the PC's operator is its admin, as before.
    expect((await ok(core, 'kb:create', { ...article, status: 'published' })).status).toBe('published');
  });
});

describe('the sign-in gate', () => {
  it('answers NOT_SIGNED_IN for everything but the sign-in channels until someone signs in', async () => {
    const { core } = await openTestCore({ requireSignIn: true });
    for (const channel of ['agent:session', 'store:status', 'sync:status'] as const) expect((await core.call(channel, {})).ok).toBe(true);
    for (const [channel, payload] of [
      ['tickets:list', {}],
      ['calls:current', {}],
      ['config:get', {}],
      ['kb:facets', {}],
      ['sync:logout', {}],
      ['accounts:list', {}],
    ] as const) {
      expect((await failure(core, channel, payload)).code).toBe('NOT_SIGNED_IN');
    }
    expect((await failure(core, 'tickets:nope', {})).code).toBe('UNKNOWN_CHANNEL');
    await ok(core, 'agent:setup', ADMIN);
    expect((await ok(core, 'tickets:list', {})).total).toBe(0);
    await ok(core, 'agent:signOut', {});
    expect((await failure(core, 'tickets:list', {})).code).toBe('NOT_SIGNED_IN');
    expect((await failure(core, 'agent:signIn', { username: ADMIN.username, password: 'wrong-password' })).code).toBe('BAD_CREDENTIALS');
    await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(core, 'config:get', {})).afterCallWorkSeconds).toBe(120);
  });

  it('is off by default (the CLI and tests act as the PC operator)', async () => {
    const { core } = await openTestCore();
    expect((await ok(core, 'tickets:list', {})).total).toBe(0);
  });
});
