import { describe, expect, it } from 'vitest';
import { HOUR, openWork, T0, ticketInput, type WorkHarness } from './workHarness.js';

async function resolved(h: WorkHarness, over = {}) {
  const t = (await h.ok('tickets:create', ticketInput(over))).ticket;
  h.time.advance(HOUR);
  await h.ok('tickets:transition', { id: t.id, to: 'resolved', resolution: '重装驱动后恢复' });
  return t;
}

describe('follow-ups', () => {
  it('creates the satisfaction follow-up for the ticket owner in the resolving write, due 24 h later', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const before = h.outboxCount();
    const t = await resolved(h);
    expect(h.outboxCount()).toBe(before + 3); // customer, ticket, resolve (with the follow-up)
    const [f] = await h.ok('followUps:list', {});
    expect(f).toMatchObject({ ticketId: t.id, ticketNo: t.no, subject: t.subject, customerName: '王伟', kind: 'satisfaction', assigneeId: 'zhangwei', forRole: 'agent', status: 'open', dueAt: new Date(T0 + 25 * HOUR).toISOString() });
    expect(h.events.some((e) => e.event === 'console:changed' && JSON.stringify(e.payload).includes('followUps'))).toBe(true);
    // another agent does not see it as theirs
    h.signIn('lisi');
    expect(await h.ok('followUps:list', {})).toEqual([]);
    expect(await h.ok('followUps:list', { scope: 'team' })).toHaveLength(1);
  });

  it('gives complaints a supervisor follow-up too, which is in every supervisor’s "mine"', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    await resolved(h, { category: 'complaint', assigneeId: 'lisi' });
    const all = await h.ok('followUps:list', { scope: 'team' });
    expect(all.map((f) => [f.kind, f.assigneeId, f.forRole]).sort()).toEqual([
      ['complaint', null, 'supervisor'],
      ['satisfaction', 'lisi', 'agent'],
    ]);
    h.signIn('boss', 'supervisor');
    expect((await h.ok('followUps:list', { kind: 'complaint' })).map((f) => f.kind)).toEqual(['complaint']);
  });

  it('records the result with a history entry; a 1 or 2 needs a reason and brings in the supervisor', async () => {
    const h = await openWork();
    h.signIn('zhangwei');
    const t = await resolved(h);
    const [f] = await h.ok('followUps:list', {});
    if (!f) throw new Error('no follow-up');
    expect((await h.failure('followUps:record', { id: f.id, reached: true })).fields?.[0]?.code).toBe('satisfaction_required');
    expect((await h.failure('followUps:record', { id: f.id, reached: true, satisfaction: 2 })).fields?.[0]?.code).toBe('reason_required');
    expect((await h.failure('followUps:record', { id: f.id, reached: true, satisfaction: 6 })).code).toBe('VALIDATION_FAILED');
    h.signIn('lisi');
    expect((await h.failure('followUps:record', { id: f.id, reached: true, satisfaction: 5 })).code).toBe('FORBIDDEN');
    h.signIn('zhangwei');
    const done = await h.ok('followUps:record', { id: f.id, reached: true, satisfaction: 2, reason: '等待时间太长', note: '客户希望当天上门' });
    expect(done).toMatchObject({ status: 'done', satisfaction: 2, reason: '等待时间太长', doneBy: 'zhangwei' });
    const d = await h.ok('tickets:get', { id: t.id });
    expect(d.history.at(-1)).toMatchObject({ action: 'follow_up', actorId: 'zhangwei', note: '等待时间太长 — 客户希望当天上门', changes: { satisfaction: { from: null, to: 2 } } });
    const complaint = (await h.ok('followUps:list', { scope: 'team' })).find((x) => x.kind === 'complaint');
    expect(complaint).toMatchObject({ assigneeId: null, forRole: 'supervisor', status: 'open' });
    expect((await h.failure('followUps:record', { id: f.id, reached: true, satisfaction: 5 })).code).toBe('ILLEGAL_TRANSITION');
    expect((await h.failure('followUps:record', { id: 'nope', reached: false })).code).toBe('FOLLOW_UP_NOT_FOUND');
    // an agent does not take the supervisor's complaint follow-up
    expect((await h.failure('followUps:record', { id: complaint?.id, reached: true, satisfaction: 4 })).code).toBe('FORBIDDEN');
  });

  it('marks an unreached customer unreachable and a satisfied one creates no complaint', async () => {
    const h = await openWork();
    const a = await resolved(h);
    const b = await resolved(h, { subject: '网络断线' });
    const list = await h.ok('followUps:list', { scope: 'team' });
    const fa = list.find((f) => f.ticketId === a.id);
    const fb = list.find((f) => f.ticketId === b.id);
    if (!fa || !fb) throw new Error('missing follow-ups');
    expect((await h.failure('followUps:record', { id: fa.id, reached: false, satisfaction: 3 })).fields?.[0]?.code).toBe('not_reached');
    expect(await h.ok('followUps:record', { id: fa.id, reached: false, note: '两次无人接听' })).toMatchObject({ status: 'unreachable', satisfaction: null });
    await h.ok('followUps:record', { id: fb.id, reached: true, satisfaction: 5 });
    expect((await h.ok('followUps:list', { scope: 'team', status: 'all' })).map((f) => f.kind)).toEqual(['satisfaction', 'satisfaction']);
  });

  it('does not double the follow-up when a reopened ticket is resolved again while one is open', async () => {
    const h = await openWork();
    const t = await resolved(h);
    await h.ok('tickets:transition', { id: t.id, to: 'in_progress' });
    await h.ok('tickets:transition', { id: t.id, to: 'resolved' });
    expect(await h.ok('followUps:list', { scope: 'team' })).toHaveLength(1);
  });
});
