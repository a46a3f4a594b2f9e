import { describe, expect, it } from 'vitest';
import { HOUR, openWork, T0, ticketInput, type WorkHarness } from './workHarness.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

const at = (ms: number) => new Date(ms).toISOString();

async function dispatched(h: WorkHarness) {
  const t = (await h.ok('tickets:create', ticketInput())).ticket;
  const d = await h.ok('tickets:handoff', {
    ticketId: t.id,
    kind: 'dispatch',
    to: '上门服务组',
    ask: '上门更换定影组件',
    dueBy: at(T0 + 26 * HOUR),
    scope: '更换定影组件并测试打印',
    workOrder: { appointmentAt: at(T0 + 24 * HOUR), engineer: '赵工', address: '北京市朝阳区建国路 88 号 12 层' },
  });
  const [wo] = await h.ok('workOrders:forTicket', { ticketId: t.id });
  if (!wo) throw new Error('no work order');
  return { ticket: d.ticket, wo };
}

describe('work orders', () => {
  it('writes the work order with the dispatch, in the same transaction', async () => {
    const h = await openWork();
    const { ticket, wo } = await dispatched(h);
    expect(ticket.status).toBe('dispatched');
    const last = h.store.read((r) => withQueuedArgs<{ id: number; name: string }>(r, 'SELECT id, name FROM outbox ORDER BY id DESC LIMIT 1')[0]);
    expect(last?.name).toBe('tickets:handoff');
    const entities = (JSON.parse(last?.args ?? '{}') as { changes: { entity: string }[] }).changes.map((c) => c.entity);
    expect(entities.sort()).toEqual(['handoff', 'ticket', 'ticket_history', 'work_order']);
    expect(wo).toMatchObject({ status: 'scheduled', engineer: '赵工', appointmentAt: at(T0 + 24 * HOUR), takenAt: null, feedbackDueAt: null, feedbackOverdue: false });
    const [hf] = await h.ok('tickets:handoffs', { ticketId: ticket.id });
    expect(wo.handoffId).toBe(hf?.id);
  });

  it('goes scheduled → on site (feedback due 24 h later) → done with the feedback card; overdue feedback is flagged', async () => {
    const h = await openWork();
    const { wo } = await dispatched(h);
    h.time.advance(24 * HOUR);
    const onSite = await h.ok('workOrders:update', { id: wo.id, status: 'on_site' });
    expect(onSite).toMatchObject({ status: 'on_site', takenAt: at(T0 + 24 * HOUR), feedbackDueAt: at(T0 + 48 * HOUR), feedbackOverdue: false });
    expect((await h.failure('workOrders:update', { id: wo.id, engineer: '钱工' })).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.failure('workOrders:update', { id: wo.id, status: 'done' })).fields?.[0]?.code).toBe('feedback_required');
    h.time.advance(24 * HOUR + 1);
    expect((await h.ok('workOrders:list', {}))[0]).toMatchObject({ id: wo.id, feedbackOverdue: true });
    const done = await h.ok('workOrders:update', { id: wo.id, status: 'done', feedback: '已更换定影组件，打印正常，客户签字确认' });
    expect(done).toMatchObject({ status: 'done', feedback: '已更换定影组件，打印正常，客户签字确认', feedbackAt: at(T0 + 48 * HOUR + 1), feedbackOverdue: false });
    expect((await h.failure('workOrders:update', { id: wo.id, status: 'on_site' })).code).toBe('ILLEGAL_TRANSITION');
    expect(await h.ok('workOrders:list', {})).toEqual([]);
    expect((await h.ok('workOrders:list', { status: 'done' })).map((w) => w.id)).toEqual([wo.id]);
  });

  it('reschedules while scheduled, refuses feedback before the job is taken, and answers unknown ids', async () => {
    const h = await openWork();
    const { wo } = await dispatched(h);
    const moved = await h.ok('workOrders:update', { id: wo.id, engineer: '钱工', appointmentAt: at(T0 + 30 * HOUR) });
    expect(moved).toMatchObject({ engineer: '钱工', appointmentAt: at(T0 + 30 * HOUR) });
    const before = h.outboxCount();
    expect((await h.failure('workOrders:update', { id: wo.id, feedback: '提前反馈' })).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.failure('workOrders:update', { id: 'nope', status: 'on_site' })).code).toBe('WORK_ORDER_NOT_FOUND');
    expect((await h.failure('workOrders:forTicket', { ticketId: 'nope' })).code).toBe('NOT_FOUND');
    expect(h.outboxCount()).toBe(before);
    // an unchanged update writes nothing
    await h.ok('workOrders:update', { id: wo.id, engineer: '钱工' });
    expect(h.outboxCount()).toBe(before);
  });
});
