import { describe, expect, it } from 'vitest';
import { HOUR, openWork, T0, ticketInput, type WorkHarness } from './workHarness.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

const due = new Date(T0 + 3 * HOUR).toISOString();
const escalation = (ticketId: string) => ({ ticketId, kind: 'escalate' as const, to: '二线技术支持', ask: '远程排查打印驱动 ERR_0x80070005', dueBy: due, scope: '仅驱动与权限，不含硬件' });

async function newTicket(h: WorkHarness, over = {}) {
  return (await h.ok('tickets:create', ticketInput(over))).ticket;
}

describe('hand-offs', () => {
  it('escalates in one write: status, hand-off row with the first owner as coordinator, history with the full ask', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = await newTicket(h);
    const outbox = h.outboxCount();
    const d = await h.ok('tickets:handoff', escalation(t.id));
    expect(d.ticket.status).toBe('escalated');
    expect(h.outboxCount()).toBe(outbox + 1);
    const last = d.history.at(-1);
    expect(last).toMatchObject({ action: 'transition', actorId: 'zhangwei', changes: { status: { from: 'new', to: 'escalated' } } });
    expect(last?.note).toContain('远程排查打印驱动');
    expect(last?.changes.handoff?.to).toMatchObject({ kind: 'escalate', to: '二线技术支持', scope: '仅驱动与权限，不含硬件', dueBy: due });
    const [hf] = await h.ok('tickets:handoffs', { ticketId: t.id });
    expect(hf).toMatchObject({ kind: 'escalate', coordinatorId: 'zhangwei', status: 'open', answer: null, ask: '远程排查打印驱动 ERR_0x80070005' });
    // the whole write went to the outbox as one mutation
    const changes = h.store.read((r) => JSON.parse(withQueuedArgs<{ id: number }>(r, 'SELECT id FROM outbox ORDER BY id DESC LIMIT 1')[0]?.args ?? '{}') as { changes: { entity: string }[] });
    expect(changes.changes.map((c) => c.entity).sort()).toEqual(['handoff', 'ticket', 'ticket_history']);
  });

  it('keeps the assignee as coordinator when someone else escalates', async () => {
    const h = await openWork();
    h.signIn('lisi');
    const t = await newTicket(h, { assigneeId: 'zhangwei' });
    await h.ok('tickets:handoff', escalation(t.id));
    expect((await h.ok('tickets:handoffs', { ticketId: t.id }))[0]?.coordinatorId).toBe('zhangwei');
  });

  it('refuses bad hand-offs with specific errors and writes nothing', async () => {
    const h = await openWork();
    const t = await newTicket(h);
    await h.ok('tickets:transition', { id: t.id, to: 'resolved', resolution: '重装驱动' });
    const before = h.outboxCount();
    expect((await h.failure('tickets:handoff', escalation(t.id))).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.failure('tickets:handoff', { ...escalation(t.id), ask: ' ' })).code).toBe('VALIDATION_FAILED');
    expect((await h.failure('tickets:handoff', { ...escalation(t.id), dueBy: new Date(T0 - HOUR).toISOString() })).fields?.[0]?.code).toBe('due_in_past');
    expect((await h.failure('tickets:handoff', { ...escalation(t.id), kind: 'dispatch' })).fields?.[0]?.path).toBe('workOrder');
    expect((await h.failure('tickets:handoff', { ...escalation('nope') })).code).toBe('NOT_FOUND');
    expect(h.outboxCount()).toBe(before);
  });

  it('lets second line answer an escalation; the ticket goes back to the coordinator in progress', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = await newTicket(h);
    await h.ok('tickets:handoff', escalation(t.id));
    const [hf] = await h.ok('tickets:handoffs', { ticketId: t.id });
    if (!hf) throw new Error('no hand-off');
    // a first-line agent does not answer escalations
    expect((await h.failure('handoffs:answer', { id: hf.id, answer: '已远程重装驱动' })).code).toBe('FORBIDDEN');
    h.signIn('wanggang', 'senior');
    h.time.advance(HOUR);
    const answered = await h.ok('handoffs:answer', { id: hf.id, answer: '已远程重装驱动并加入打印组权限，请回访确认' });
    expect(answered).toMatchObject({ status: 'answered', answeredBy: 'wanggang', answeredAt: new Date(T0 + HOUR).toISOString() });
    const d = await h.ok('tickets:get', { id: t.id });
    expect(d.ticket.status).toBe('in_progress');
    expect(d.history.at(-1)).toMatchObject({ action: 'handoff_answered', actorId: 'wanggang', note: '已远程重装驱动并加入打印组权限，请回访确认', changes: { status: { from: 'escalated', to: 'in_progress' } } });
    expect((await h.failure('handoffs:answer', { id: hf.id, answer: '再答一次' })).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.failure('handoffs:answer', { id: 'nope', answer: 'x' })).code).toBe('HANDOFF_NOT_FOUND');
  });

  it('lets anyone answer a transfer, and records an answer that arrives after the ticket moved on without moving it', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = await newTicket(h);
    await h.ok('tickets:handoff', { ...escalation(t.id), kind: 'transfer', to: '财务部' });
    const [hf] = await h.ok('tickets:handoffs', { ticketId: t.id });
    if (!hf) throw new Error('no hand-off');
    await h.ok('tickets:transition', { id: t.id, to: 'resolved', resolution: '财务已退款' });
    h.signIn('finance01');
    await h.ok('handoffs:answer', { id: hf.id, answer: '退款已于今日处理' });
    const d = await h.ok('tickets:get', { id: t.id });
    expect(d.ticket.status).toBe('resolved');
    expect(d.history.at(-1)).toMatchObject({ action: 'handoff_answered', note: '退款已于今日处理' });
  });

  it('supersedes the open hand-off when the ticket is handed on again', async () => {
    const h = await openWork();
    const t = await newTicket(h);
    await h.ok('tickets:handoff', escalation(t.id));
    h.time.advance(10 * 60_000);
    await h.ok('tickets:handoff', { ...escalation(t.id), kind: 'transfer', to: '网络部' });
    const list = await h.ok('tickets:handoffs', { ticketId: t.id });
    expect(list.map((x) => [x.kind, x.status])).toEqual([
      ['escalate', 'cancelled'],
      ['transfer', 'open'],
    ]);
  });

  it('lists the second-line queue most urgent due first, with ticket summaries and clocks', async () => {
    const h = await openWork();
    const a = await newTicket(h, { subject: '晚到期' });
    const b = await newTicket(h, { subject: '早到期', severity: 'urgent' });
    const c = await newTicket(h, { subject: '转派的' });
    await h.ok('tickets:handoff', { ...escalation(a.id), dueBy: new Date(T0 + 5 * HOUR).toISOString() });
    await h.ok('tickets:handoff', { ...escalation(b.id), dueBy: new Date(T0 + 2 * HOUR).toISOString() });
    await h.ok('tickets:handoff', { ...escalation(c.id), kind: 'transfer' });
    const queue = await h.ok('handoffs:queue', {});
    expect(queue.map((q) => q.ticket.subject)).toEqual(['早到期', '晚到期']);
    expect(queue[0]?.sla.resolution).toMatchObject({ state: 'ok', dueAt: new Date(T0 + 2 * HOUR).toISOString() });
    expect(queue[0]?.ticket.customerName).toBe('王伟');
    expect((await h.ok('handoffs:queue', { kind: 'transfer' })).map((q) => q.ticket.subject)).toEqual(['转派的']);
  });
});
