import { describe, expect, it } from 'vitest';
import { HOUR, MIN, openWork, T0, ticketInput, type WorkHarness } from './workHarness.js';

const at = (ms: number) => new Date(ms).toISOString();

async function scheduled(h: WorkHarness, dueIn = HOUR) {
  const d = await h.ok('tickets:create', ticketInput());
  return h.ok('callbacks:schedule', { customerId: d.customer.id, ticketId: d.ticket.id, phone: '13800138000', dueAt: at(T0 + dueIn), note: '客户下午方便' });
}

describe('callbacks', () => {
  it('schedules for the agent, lists mine and the team, and flags overdue and released', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const cb = await scheduled(h);
    expect(cb).toMatchObject({ ownerId: 'zhangwei', status: 'scheduled', customerName: '王伟', phone: '13800138000', overdue: false, released: false, note: '客户下午方便' });
    expect(cb.ticketNo).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    h.signIn('lisi');
    expect(await h.ok('callbacks:list', {})).toEqual([]);
    h.time.advance(HOUR + 1);
    expect((await h.ok('callbacks:list', { scope: 'team' }))[0]).toMatchObject({ overdue: true, released: false });
    h.time.advance(30 * MIN);
    expect((await h.ok('callbacks:list', { scope: 'team' }))[0]).toMatchObject({ overdue: true, released: true });
  });

  it('lets a teammate take it only once released; the owner completes, others may not', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const cb = await scheduled(h);
    h.signIn('lisi');
    h.time.advance(HOUR + 10 * MIN);
    const before = h.outboxCount();
    const early = await h.failure('callbacks:take', { id: cb.id });
    expect(early.code).toBe('CALLBACK_NOT_RELEASED');
    expect((await h.failure('callbacks:complete', { id: cb.id, outcome: '已回电' })).code).toBe('FORBIDDEN');
    expect(h.outboxCount()).toBe(before);
    h.time.advance(21 * MIN);
    expect(await h.ok('callbacks:take', { id: cb.id })).toMatchObject({ ownerId: 'lisi' });
    expect(await h.ok('callbacks:list', {})).toHaveLength(1);
    const done = await h.ok('callbacks:complete', { id: cb.id, outcome: '已回电，客户确认打印恢复' });
    expect(done).toMatchObject({ status: 'done', outcome: '已回电，客户确认打印恢复', doneAt: at(T0 + HOUR + 31 * MIN), overdue: false });
    expect((await h.failure('callbacks:cancel', { id: cb.id, reason: '重复' })).code).toBe('ILLEGAL_TRANSITION');
    expect(await h.ok('callbacks:list', { status: 'done' })).toHaveLength(1);
  });

  it('refuses unknown customers and tickets, bad phones and past times; cancels with a reason', async () => {
    const h = await openWork();
    const d = await h.ok('tickets:create', ticketInput());
    const base = { customerId: d.customer.id, phone: '13800138000', dueAt: at(T0 + HOUR) };
    const before = h.outboxCount();
    expect((await h.failure('callbacks:schedule', { ...base, customerId: 'nope' })).code).toBe('CUSTOMER_NOT_FOUND');
    expect((await h.failure('callbacks:schedule', { ...base, ticketId: 'nope' })).code).toBe('NOT_FOUND');
    expect((await h.failure('callbacks:schedule', { ...base, phone: '12' })).code).toBe('VALIDATION_FAILED');
    expect((await h.failure('callbacks:schedule', { ...base, dueAt: at(T0 - HOUR) })).fields?.[0]?.code).toBe('due_in_past');
    expect((await h.failure('callbacks:take', { id: 'nope' })).code).toBe('CALLBACK_NOT_FOUND');
    expect(h.outboxCount()).toBe(before);
    const cb = await h.ok('callbacks:schedule', base);
    expect(await h.ok('callbacks:cancel', { id: cb.id, reason: '客户已自行解决' })).toMatchObject({ status: 'cancelled', outcome: '客户已自行解决' });
  });

  it('with nobody signed in (the CLI), "mine" is the operator’s and "team" is everything', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    await scheduled(h);
    h.signIn(null);
    expect(await h.ok('callbacks:list', {})).toEqual([]);
    expect(await h.ok('callbacks:list', { scope: 'team' })).toHaveLength(1);
  });
});
