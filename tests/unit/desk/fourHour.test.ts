import { describe, expect, it } from 'vitest';
import { HOUR, MIN, openWork, T0, ticketInput } from './workHarness.js';

describe('the 4-hour rule on tickets', () => {
  it('flags an open ticket 4 hours after creation in tickets:get and tickets:list, and a recorded contact clears it', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = (await h.ok('tickets:create', ticketInput({ channel: 'email' }))).ticket;
    const fresh = await h.ok('tickets:get', { id: t.id });
    expect(fresh.sla).toMatchObject({ contactOwed: false, contactDueAt: new Date(T0 + 4 * HOUR).toISOString(), lastContactAt: null });
    expect(fresh.sla?.firstResponse).toMatchObject({ state: 'ok', remainingMs: 30 * MIN });

    h.time.advance(4 * HOUR + MIN);
    expect((await h.ok('tickets:get', { id: t.id })).sla?.contactOwed).toBe(true);
    const listed = await h.ok('tickets:list', {});
    expect(listed.items[0]?.sla).toMatchObject({ contactOwed: true, resolution: { state: 'breached' } });

    const outbox = h.outboxCount();
    const after = await h.ok('tickets:recordContact', { ticketId: t.id, note: '已告知客户驱动问题需厂商补丁，明天上午回复' });
    expect(after.sla).toMatchObject({ contactOwed: false, lastContactAt: new Date(T0 + 4 * HOUR + MIN).toISOString() });
    expect(after.history.at(-1)).toMatchObject({ action: 'contact', actorId: 'zhangwei', note: '已告知客户驱动问题需厂商补丁，明天上午回复', changes: { channel: { from: null, to: 'phone' } } });
    expect(h.outboxCount()).toBe(outbox + 1);
    expect((await h.ok('tickets:list', {})).items[0]?.sla?.contactOwed).toBe(false);
    // the contact also answered the e-mail's first response (late: it came after 30 minutes)
    expect(after.sla?.firstResponse.state).toBe('breached');
  });

  it('refuses a contact without a note or on an unknown ticket, writing nothing', async () => {
    const h = await openWork();
    const t = (await h.ok('tickets:create', ticketInput())).ticket;
    const before = h.outboxCount();
    expect((await h.failure('tickets:recordContact', { ticketId: t.id, note: '  ' })).code).toBe('VALIDATION_FAILED');
    expect((await h.failure('tickets:recordContact', { ticketId: 'nope', note: '已联系' })).code).toBe('NOT_FOUND');
    expect(h.outboxCount()).toBe(before);
  });

  it('gives closed tickets no clocks in the list', async () => {
    const h = await openWork();
    const t = (await h.ok('tickets:create', ticketInput())).ticket;
    await h.ok('tickets:transition', { id: t.id, to: 'resolved', resolution: '重装驱动' });
    const page = await h.ok('tickets:list', {});
    expect(page.items[0]?.sla).toBeUndefined();
    expect((await h.ok('tickets:get', { id: t.id })).sla).toBeUndefined();
  });
});
