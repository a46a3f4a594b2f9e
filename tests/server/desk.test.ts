import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, ME, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';
import { BACKENDS, failure, ok, openClient, signIn, suiteServer, syncAll, team, ticketInput } from '../integration/sync/helpers.js';

/*
 * Ticket work on the sync server: the rules of shared/desk/syncChecks.ts on
 * hand-offs, work orders, callbacks and follow-ups (pushed directly), and the
 * same records travelling between two real workstation cores.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = '2026-01-05T09:00:00.000Z';
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

function handoffValues(ticketId: string, coordinatorId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticketId, kind: 'escalate', coordinatorId, to: 'north', ask: '远程排查', dueBy: later(3_600_000), scope: '驱动', status: 'open', answer: null, answeredBy: null, answeredAt: null, createdAt: TS, updatedAt: TS, ...over };
}
function followUpValues(ticketId: string, assigneeId: string | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticketId, kind: 'satisfaction', assigneeId, forRole: 'agent', dueAt: TS, status: 'open', satisfaction: null, reason: null, note: null, doneAt: null, doneBy: null, createdAt: TS, updatedAt: TS, ...over };
}
function callbackValues(customerId: string, ownerId: string, dueAt: string): Record<string, unknown> {
  return { customerId, ticketId: null, phone: '13800138000', dueAt, ownerId, status: 'scheduled', note: null, outcome: null, doneAt: null, doneBy: null, createdBy: ME, createdAt: TS, updatedAt: TS };
}
function workOrderValues(ticketId: string, handoffId: string): Record<string, unknown> {
  return { ticketId, handoffId, engineer: '赵工', address: '朝阳区', appointmentAt: TS, status: 'scheduled', takenAt: null, feedbackDueAt: null, feedback: null, feedbackAt: null, createdBy: ME, createdAt: TS, updatedAt: TS };
}

describe.each(ENGINES)('ticket work rules on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let agent2: Api;
  let senior: Api;
  let supervisor: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'agentN', role: 'agent', team: 'north' });
    agent2 = await userApi(ctx.server, { username: 'agentN2', role: 'agent', team: 'north' });
    senior = await userApi(ctx.server, { username: 'seniorN', role: 'senior', team: 'north' });
    supervisor = await userApi(ctx.server, { username: 'supN', role: 'supervisor', team: 'north' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0], name = 'tickets:handoff'): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), name)])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;

  async function ticket(): Promise<{ customerId: string; ticketId: string }> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await push(agent, 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues() },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'agentN' }) },
    ]);
    expect(r?.status).toBe('applied');
    return { customerId, ticketId };
  }

  it('refuses a ticket assigned to someone who is not an enabled user, naming the field; the directory lists who may be picked', async () => {
    const { ticketId } = await ticket();
    const typo = await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { assigneeId: 'agentN3', updatedAt: TS } }], 'tickets:update');
    expect(typo).toMatchObject({ status: 'rejected', error: { code: 'ASSIGNEE_UNKNOWN', message: expect.stringContaining('assigneeId') } });
    const customerId = uniq('c');
    const created = await push(agent, 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues() },
      { entity: 'ticket', id: uniq('t'), values: ticketValues(customerId, { createdBy: 'agentN', assigneeId: 'nobody.here' }) },
    ]);
    expect(code(created)).toBe('ASSIGNEE_UNKNOWN');
    expect((await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { assigneeId: 'agentN2', updatedAt: TS } }], 'tickets:update'))?.status).toBe('applied');
    const dir = await agent.get<{ people: { username: string; team: string | null }[] }>('/directory');
    expect(dir.status).toBe(200);
    expect(dir.body.people).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'agentN2', team: 'north' }), expect.objectContaining({ username: 'supN' })]));
    expect(JSON.stringify(dir.body)).not.toMatch(/password|hash/i);
  });

  it('refuses a hand-off to a team nobody on the server belongs to, naming the field; a known team is taken and answered', async () => {
    const { ticketId } = await ticket();
    const moved = { status: 'escalated', updatedAt: TS };
    const typo = await push(agent, 'wsA', [
      { entity: 'ticket', id: ticketId, values: moved },
      { entity: 'handoff', id: uniq('h'), values: handoffValues(ticketId, 'agentN', { to: '二线组' }) },
    ]);
    expect(typo).toMatchObject({ status: 'rejected', error: { code: 'TEAM_UNKNOWN', message: expect.stringMatching(/^to: .*二线组/) } });
    const handoffId = uniq('h');
    expect((await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: moved }, { entity: 'handoff', id: handoffId, values: handoffValues(ticketId, 'agentN') }]))?.status).toBe('applied');
    // Answering does not re-judge the team (a hand-off's destination is fixed once it is made).
    const answer = { status: 'answered', answer: '已排查', answeredBy: 'seniorN', answeredAt: TS, updatedAt: TS };
    expect((await push(senior, 'wsS', [{ entity: 'handoff', id: handoffId, values: answer }, { entity: 'ticket', id: ticketId, values: { status: 'in_progress', updatedAt: TS } }], 'handoffs:answer'))?.status).toBe('applied');
  });

  it('moves a ticket to a hand-off status only together with its hand-off', async () => {
    const { ticketId } = await ticket();
    const moved = { status: 'escalated', updatedAt: TS };
    // the status alone: refused, and nothing of it is written
    expect(code(await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: moved }]))).toBe('HANDOFF_REQUIRED');
    // with a hand-off of another kind, or for another ticket: refused too
    const other = await ticket();
    expect(code(await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: moved }, { entity: 'handoff', id: uniq('h'), values: handoffValues(ticketId, 'agentN', { kind: 'transfer' }) }]))).toBe('HANDOFF_REQUIRED');
    expect(code(await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: moved }, { entity: 'handoff', id: uniq('h'), values: handoffValues(other.ticketId, 'agentN') }]))).toBe('HANDOFF_REQUIRED');
    // as tickets:handoff sends it: the status and the hand-off in one mutation
    expect((await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: moved }, { entity: 'handoff', id: uniq('h'), values: handoffValues(ticketId, 'agentN') }]))?.status).toBe('applied');
    // the same status again changes nothing and needs no new hand-off
    expect((await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { status: 'escalated', updatedAt: TS } }]))?.status).toBe('applied');
  });

  it('lets only second line answer an escalation, under their own name, once', async () => {
    const { ticketId } = await ticket();
    const id = uniq('h');
    expect((await push(agent, 'wsA', [{ entity: 'handoff', id, values: handoffValues(ticketId, 'agentN') }]))?.status).toBe('applied');
    const answer = (by: string) => ({ status: 'answered', answer: '已处理', answeredBy: by, answeredAt: TS, updatedAt: TS });
    expect(code(await push(agent2, 'wsB', [{ entity: 'handoff', id, values: answer('agentN2') }], 'handoffs:answer'))).toBe('FORBIDDEN');
    expect(code(await push(senior, 'wsS', [{ entity: 'handoff', id, values: answer('someoneElse') }], 'handoffs:answer'))).toBe('ACTOR_MISMATCH');
    expect((await push(senior, 'wsS', [{ entity: 'handoff', id, values: answer('seniorN') }], 'handoffs:answer'))?.status).toBe('applied');
    expect(code(await push(supervisor, 'wsP', [{ entity: 'handoff', id, values: { status: 'open', updatedAt: TS } }], 'handoffs:answer'))).toBe('ILLEGAL_TRANSITION');
    expect(code(await push(agent, 'wsA', [{ entity: 'handoff', id, values: { ask: '改问题', updatedAt: TS } }]))).toBe('ILLEGAL_TRANSITION');
    // a hand-off is not created already answered
    expect(code(await push(agent, 'wsA', [{ entity: 'handoff', id: uniq('h'), values: handoffValues(ticketId, 'agentN', { status: 'answered', answer: 'x', answeredBy: 'agentN' }) }]))).toBe('ILLEGAL_TRANSITION');
  });

  it('keeps work orders on their life cycle and done only with feedback', async () => {
    const { ticketId } = await ticket();
    const id = uniq('wo');
    expect((await push(agent, 'wsA', [{ entity: 'work_order', id, values: workOrderValues(ticketId, uniq('h')) }]))?.status).toBe('applied');
    expect(code(await push(agent, 'wsA', [{ entity: 'work_order', id, values: { status: 'done', feedback: '好', updatedAt: TS } }], 'work_orders:update'))).toBe('ILLEGAL_TRANSITION');
    expect((await push(agent, 'wsA', [{ entity: 'work_order', id, values: { status: 'on_site', takenAt: TS, feedbackDueAt: TS, updatedAt: TS } }], 'work_orders:update'))?.status).toBe('applied');
    expect(code(await push(agent, 'wsA', [{ entity: 'work_order', id, values: { status: 'done', updatedAt: TS } }], 'work_orders:update'))).toBe('VALIDATION_FAILED');
    expect((await push(agent, 'wsA', [{ entity: 'work_order', id, values: { status: 'done', feedback: '已更换部件', feedbackAt: TS, updatedAt: TS } }], 'work_orders:update'))?.status).toBe('applied');
  });

  it('lets a teammate take a callback only once it is overdue, and only the owner complete it', async () => {
    const { customerId } = await ticket();
    const future = uniq('cb');
    const past = uniq('cb');
    expect((await push(agent, 'wsA', [{ entity: 'callback', id: future, values: callbackValues(customerId, 'agentN', later(3_600_000)) }], 'callbacks:schedule'))?.status).toBe('applied');
    expect((await push(agent, 'wsA', [{ entity: 'callback', id: past, values: callbackValues(customerId, 'agentN', new Date(Date.now() - 3_600_000).toISOString()) }], 'callbacks:schedule'))?.status).toBe('applied');
    // nobody schedules a callback in someone else's name but a supervisor
    expect(code(await push(agent2, 'wsB', [{ entity: 'callback', id: uniq('cb'), values: callbackValues(customerId, 'agentN', later(60_000)) }], 'callbacks:schedule'))).toBe('FORBIDDEN');
    expect(code(await push(agent2, 'wsB', [{ entity: 'callback', id: future, values: { ownerId: 'agentN2', updatedAt: TS } }], 'callbacks:take'))).toBe('CALLBACK_NOT_RELEASED');
    expect(code(await push(agent2, 'wsB', [{ entity: 'callback', id: future, values: { status: 'done', outcome: '已回电', doneAt: TS, doneBy: 'agentN2', updatedAt: TS } }], 'callbacks:complete'))).toBe('FORBIDDEN');
    expect((await push(agent2, 'wsB', [{ entity: 'callback', id: past, values: { ownerId: 'agentN2', updatedAt: TS } }], 'callbacks:take'))?.status).toBe('applied');
    expect((await push(agent2, 'wsB', [{ entity: 'callback', id: past, values: { status: 'done', outcome: '已回电', doneAt: TS, doneBy: 'agentN2', updatedAt: TS } }], 'callbacks:complete'))?.status).toBe('applied');
    expect(code(await push(agent, 'wsA', [{ entity: 'callback', id: past, values: { status: 'scheduled', updatedAt: TS } }], 'callbacks:cancel'))).toBe('ILLEGAL_TRANSITION');
  });

  it('records a follow-up only by its assignee (or a supervisor), with a reason for 1-2', async () => {
    const { ticketId } = await ticket();
    const id = uniq('f');
    const complaint = uniq('f');
    expect((await push(agent, 'wsA', [{ entity: 'follow_up', id, values: followUpValues(ticketId, 'agentN') }], 'tickets:transition'))?.status).toBe('applied');
    expect((await push(agent, 'wsA', [{ entity: 'follow_up', id: complaint, values: followUpValues(ticketId, null, { kind: 'complaint', forRole: 'supervisor' }) }], 'tickets:transition'))?.status).toBe('applied');
    const record = (by: string, satisfaction: number | null, reason: string | null = null) => ({ status: satisfaction === null ? 'unreachable' : 'done', satisfaction, reason, doneAt: TS, doneBy: by, updatedAt: TS });
    expect(code(await push(agent2, 'wsB', [{ entity: 'follow_up', id, values: record('agentN2', 5) }], 'follow_ups:record'))).toBe('FORBIDDEN');
    expect(code(await push(agent, 'wsA', [{ entity: 'follow_up', id, values: record('agentN', 2) }], 'follow_ups:record'))).toBe('VALIDATION_FAILED');
    expect(code(await push(agent, 'wsA', [{ entity: 'follow_up', id, values: record('agentN', 9) }], 'follow_ups:record'))).toBe('VALIDATION_FAILED');
    expect((await push(agent, 'wsA', [{ entity: 'follow_up', id, values: record('agentN', 2, '等待太久') }], 'follow_ups:record'))?.status).toBe('applied');
    expect(code(await push(agent, 'wsA', [{ entity: 'follow_up', id, values: record('agentN', 5) }], 'follow_ups:record'))).toBe('ILLEGAL_TRANSITION');
    expect(code(await push(agent, 'wsA', [{ entity: 'follow_up', id: complaint, values: record('agentN', 4) }], 'follow_ups:record'))).toBe('FORBIDDEN');
    expect((await push(supervisor, 'wsP', [{ entity: 'follow_up', id: complaint, values: record('supN', 4) }], 'follow_ups:record'))?.status).toBe('applied');
  });
});

describe.each(BACKENDS)('ticket work between two workstations (%s)', (backend) => {
  const server = suiteServer(backend);

  it('brings the server\'s users to the workstation\'s pickers, and refuses an assignee who is not one', { timeout: 60_000 }, async () => {
    const t = team();
    const agentName = await server.user(t, 'agent');
    const seniorName = await server.user(t, 'senior');
    const a = await openClient();
    await signIn(a, server, agentName);
    await syncAll([a]);
    const dir = await ok(a, 'directory:list', {});
    expect(dir.people.map((p) => p.username)).toEqual(expect.arrayContaining([agentName, seniorName]));
    expect(dir.teams).toContain(t);
    expect((await failure(a, 'tickets:create', ticketInput({ assigneeId: `${seniorName}x` }))).code).toBe('ASSIGNEE_UNKNOWN');
    const d = await ok(a, 'tickets:create', ticketInput({ assigneeId: seniorName, team: t }));
    await syncAll([a]);
    expect(await ok(a, 'sync:status', {})).toMatchObject({ pending: 0, problems: 0 });
    expect(d.ticket.assigneeId).toBe(seniorName);
  });

  it('carries a hand-off, its answer, follow-ups, callbacks and contacts from one core to the other', { timeout: 90_000 }, async () => {
    const t = team();
    const agentName = await server.user(t, 'agent');
    const seniorName = await server.user(t, 'senior');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, agentName);
    await signIn(b, server, seniorName);

    const d = await ok(a, 'tickets:create', ticketInput({ channel: 'email' }));
    await ok(a, 'tickets:recordContact', { ticketId: d.ticket.id, note: '已邮件回复客户' });
    await ok(a, 'tickets:handoff', { ticketId: d.ticket.id, kind: 'escalate', to: t, ask: '远程排查驱动', dueBy: later(3_600_000), scope: '仅驱动' });
    const cb = await ok(a, 'callbacks:schedule', { customerId: d.customer.id, ticketId: d.ticket.id, phone: '13800138000', dueAt: later(3_600_000) });
    await syncAll([a, b]);

    const [queued] = await ok(b, 'handoffs:queue', {});
    expect(queued).toMatchObject({ handoff: { coordinatorId: agentName, status: 'open' }, ticket: { id: d.ticket.id, status: 'escalated' } });
    expect(queued?.sla.lastContactAt).not.toBeNull();
    await ok(b, 'handoffs:answer', { id: queued?.handoff.id ?? '', answer: '已远程重装驱动' });
    // B is not the owner and the callback is not overdue: not B's to take
    expect((await failure(b, 'callbacks:take', { id: cb.id })).code).toBe('CALLBACK_NOT_RELEASED');
    await syncAll([a, b]);
    expect((await ok(b, 'sync:problems', {})).length).toBe(0);

    const onA = await ok(a, 'tickets:get', { id: d.ticket.id });
    expect(onA.ticket.status).toBe('in_progress');
    expect(onA.history.map((h) => h.action)).toEqual(['created', 'contact', 'transition', 'handoff_answered']);
    expect((await ok(a, 'tickets:handoffs', { ticketId: d.ticket.id }))[0]).toMatchObject({ status: 'answered', answeredBy: seniorName, answer: '已远程重装驱动' });
    expect((await ok(a, 'callbacks:list', {})).map((c) => c.ownerId)).toEqual([agentName]);

    await ok(a, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '重装驱动' });
    await syncAll([a, b]);
    const [f] = await ok(b, 'followUps:list', { scope: 'team' });
    expect(f).toMatchObject({ ticketId: d.ticket.id, assigneeId: agentName, status: 'open' });
    const [mine] = await ok(a, 'followUps:list', {});
    await ok(a, 'followUps:record', { id: mine?.id ?? '', reached: true, satisfaction: 5 });
    await syncAll([a, b]);
    expect((await ok(b, 'followUps:list', { scope: 'team', status: 'all' }))[0]).toMatchObject({ status: 'done', satisfaction: 5, doneBy: agentName });
    expect((await ok(a, 'sync:problems', {})).length).toBe(0);
  });
});
