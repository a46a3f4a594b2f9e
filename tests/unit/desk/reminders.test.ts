import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../../shared/desk/schema.js';
import { HOUR, MIN, openWork, T0, ticketInput } from './workHarness.js';

const at = (ms: number) => new Date(ms).toISOString();
const kinds = (list: Reminder[]) => list.map((r) => r.kind).sort();

describe('reminders', () => {
  it('raises each due thing once per occurrence, on an injected clock', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const d = await h.ok('tickets:create', ticketInput({ subject: '打印机报错' }));
    expect(h.work.checkReminders()).toEqual([]);
    h.time.advance(3 * HOUR + 46 * MIN);
    const warning = h.work.checkReminders();
    expect(warning).toEqual([{ kind: 'sla_warning', key: `sla_warning:resolution:${d.ticket.id}:${at(T0 + 4 * HOUR)}`, ticketId: d.ticket.id, ticketNo: d.ticket.no, callbackId: null, label: '打印机报错', dueAt: at(T0 + 4 * HOUR) }]);
    // same occurrence: not again
    expect(h.work.checkReminders()).toEqual([]);
    h.time.advance(15 * MIN);
    expect(kinds(h.work.checkReminders())).toEqual(['contact_owed', 'sla_breach']);
    expect(h.events.filter((e) => e.event === 'reminder')).toHaveLength(3);
    await h.ok('tickets:recordContact', { ticketId: d.ticket.id, note: '已告知客户进展' });
    expect(h.work.checkReminders()).toEqual([]);
  });

  it('reminds of my callbacks and follow-ups when due, and of teammates’ callbacks once released', async () => {
    const h = await openWork();
    h.signIn('lisi');
    const other = await h.ok('tickets:create', ticketInput());
    const theirs = await h.ok('callbacks:schedule', { customerId: other.customer.id, phone: '13800138000', dueAt: at(T0 + HOUR) });
    h.signIn('zhangwei');
    const d = await h.ok('tickets:create', ticketInput({ subject: '网络断线', severity: 'low', channel: 'email' }));
    await h.ok('tickets:recordContact', { ticketId: d.ticket.id, note: '已回复邮件' });
    const mine = await h.ok('callbacks:schedule', { customerId: d.customer.id, ticketId: d.ticket.id, phone: '13800138000', dueAt: at(T0 + 2 * HOUR) });
    h.time.advance(HOUR + 31 * MIN);
    const released = h.work.checkReminders();
    expect(released.map((r) => [r.kind, r.callbackId])).toEqual([['callback_released', theirs.id]]);
    h.time.advance(HOUR);
    expect(h.work.checkReminders().map((r) => [r.kind, r.callbackId, r.ticketNo])).toEqual([['callback_due', mine.id, d.ticket.no]]);
    await h.ok('tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '更换网线' });
    h.time.advance(24 * HOUR + MIN);
    expect(kinds(h.work.checkReminders())).toEqual(['follow_up_due']);
  });

  it('reminds the coordinator of overdue work-order feedback', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = (await h.ok('tickets:create', ticketInput({ severity: 'low' }))).ticket;
    await h.ok('tickets:handoff', {
      ticketId: t.id,
      kind: 'dispatch',
      to: '上门服务组',
      ask: '上门维修',
      dueBy: at(T0 + 20 * HOUR),
      scope: '更换部件',
      workOrder: { appointmentAt: at(T0 + 2 * HOUR), engineer: '赵工', address: '北京市朝阳区' },
    });
    const [wo] = await h.ok('workOrders:forTicket', { ticketId: t.id });
    h.time.advance(2 * HOUR);
    await h.ok('workOrders:update', { id: wo?.id ?? '', status: 'on_site' });
    h.work.checkReminders();
    h.time.advance(24 * HOUR + MIN);
    expect(h.work.checkReminders().filter((r) => r.kind === 'work_order_feedback').map((r) => r.ticketId)).toEqual([t.id]);
  });

  it('checks on its own period and stops when closed', async () => {
    const h = await openWork({ reminderIntervalMs: 20 });
    h.signIn('zhangwei');
    await h.ok('tickets:create', ticketInput({ severity: 'urgent' }));
    h.time.advance(3 * HOUR);
    await new Promise((res) => setTimeout(res, 120));
    expect(h.events.filter((e) => e.event === 'reminder').length).toBeGreaterThan(0);
    h.work.close();
    const count = h.events.length;
    h.time.advance(30 * HOUR);
    await new Promise((res) => setTimeout(res, 80));
    expect(h.events.length).toBe(count);
    expect(h.work.checkReminders()).toEqual([]);
  });
});
