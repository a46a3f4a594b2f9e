import { describe, expect, it } from 'vitest';
import { HOUR, MIN, openWork, T0, ticketInput, type WorkHarness } from './workHarness.js';

const at = (ms: number) => new Date(ms).toISOString();

/** A call row as desk.ts records it (its columns are migration 0005's). */
function call(h: WorkHarness, id: string, agentId: string, ring: number, times: { answer?: number; end?: number; wrapEnd?: number; hold?: number; status?: string }) {
  h.store.write((w) =>
    w.run(
      `INSERT INTO calls (id, external_id, source, direction, number, number_key, line_number, customer_id, agent_id, status, ring_at, answer_at,
         hold_started_at, hold_seconds, end_at, wrap_end_at, disposition, note, created_at, updated_at)
       VALUES (?, NULL, 'manual', 'inbound', '13800138000', NULL, NULL, NULL, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, ?, ?)`,
      [id, agentId, times.status ?? (times.answer ? 'ended' : 'missed'), at(ring), times.answer ? at(times.answer) : null, times.hold ?? 0, times.end ? at(times.end) : null, times.wrapEnd ? at(times.wrapEnd) : null, at(ring), at(ring)],
    ),
  );
}

describe('myDay:get', () => {
  it('orders my open tickets by SLA urgency and leaves out others’ and closed ones', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const low = (await h.ok('tickets:create', ticketInput({ subject: '低优先', severity: 'low' }))).ticket;
    h.time.advance(10 * MIN);
    const urgent = (await h.ok('tickets:create', ticketInput({ subject: '紧急', severity: 'urgent' }))).ticket;
    const assigned = (await h.ok('tickets:create', ticketInput({ subject: '分给李四', assigneeId: 'lisi' }))).ticket;
    const done = (await h.ok('tickets:create', ticketInput({ subject: '已解决' }))).ticket;
    await h.ok('tickets:transition', { id: done.id, to: 'resolved', resolution: '已处理' });
    h.signIn('lisi');
    const theirs = (await h.ok('tickets:create', ticketInput({ subject: '李四的', assigneeId: 'zhangwei' }))).ticket;
    h.signIn('zhangwei');
    h.time.advance(5 * HOUR);
    const day = await h.ok('myDay:get', {});
    // both breached (urgent by 3 h, normal by 1 h): longest overdue first; then the low one, still in time
    expect(day.openTickets.map((x) => x.ticket.subject)).toEqual(['紧急', '李四的', '低优先']);
    expect(day.openTickets[0]?.sla.resolution.state).toBe('breached');
    expect(day.openTickets[2]?.sla.resolution.state).toBe('ok');
    expect(day.openTickets.map((x) => x.ticket.id)).not.toContain(assigned.id);
    expect([low.id, urgent.id, theirs.id].every((id) => day.openTickets.some((x) => x.ticket.id === id))).toBe(true);
    expect(day.today).toMatchObject({ ticketsCreated: 4, ticketsResolved: 1, calls: 0, answered: 0, ahtSeconds: null });
  });

  it('counts today’s calls in the center’s day: answered, talk time and AHT = (talk + hold + wrap) / answered', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    // answered: 300 s from answer to end with 60 s on hold (talk 240), 30 s wrap-up
    call(h, 'c1', 'zhangwei', T0, { answer: T0 + 10_000, end: T0 + 310_000, wrapEnd: T0 + 340_000, hold: 60 });
    // answered: talk 120 s, no wrap
    call(h, 'c2', 'zhangwei', T0 + HOUR, { answer: T0 + HOUR, end: T0 + HOUR + 120_000, wrapEnd: T0 + HOUR + 120_000 });
    call(h, 'c3', 'zhangwei', T0 + 2 * HOUR, {}); // missed
    call(h, 'c4', 'lisi', T0, { answer: T0 + 1_000, end: T0 + 100_000 });
    // yesterday in Beijing (T0 is 10:00 +08:00; 11 hours earlier is 23:00 the day before)
    call(h, 'c5', 'zhangwei', T0 - 11 * HOUR, { answer: T0 - 11 * HOUR, end: T0 - 10 * HOUR });
    h.time.advance(3 * HOUR);
    const { today } = await h.ok('myDay:get', {});
    expect(today).toMatchObject({ calls: 3, answered: 2, talkSeconds: 360, ahtSeconds: Math.round((240 + 60 + 30 + 120) / 2) });
  });

  it('lists my callbacks due in the next 24 hours (overdue too) and my follow-ups', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const d = await h.ok('tickets:create', ticketInput());
    const soon = await h.ok('callbacks:schedule', { customerId: d.customer.id, phone: '13800138000', dueAt: at(T0 + HOUR) });
    await h.ok('callbacks:schedule', { customerId: d.customer.id, phone: '13800138000', dueAt: at(T0 + 30 * HOUR) });
    await h.ok('tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '已处理' });
    h.time.advance(2 * HOUR);
    const day = await h.ok('myDay:get', {});
    expect(day.callbacksDue.map((c) => [c.id, c.overdue])).toEqual([[soon.id, true]]);
    expect(day.followUpsDue.map((f) => f.ticketId)).toEqual([d.ticket.id]);
  });
});
