import { describe, expect, it, vi } from 'vitest';
import { callTimes } from '../../../shared/desk/callTimer.js';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents, T0, ticketInput } from '../core/helpers.js';
import { AGENT, deskCore } from './helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('calls (manual adapter)', () => {
  it('logs an inbound call already on the line, finds the caller from a tel: link, and puts the agent on call', async () => {
    const { core, time } = await deskCore({ signedInAs: 'agent' });
    const ticket = await ok(core, 'tickets:create', ticketInput());
    const events = recordEvents(core);
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: 'tel:+86-10-6552-9988' });
    expect(call).toMatchObject({
      source: 'manual',
      direction: 'inbound',
      status: 'talking',
      number: '+86-10-6552-9988',
      numberKey: '+861065529988',
      customerId: ticket.customer.id,
      agentId: AGENT.username,
      ringAt: iso(time.now()),
      answerAt: iso(time.now()),
      ticketIds: [],
    });
    expect((await ok(core, 'agent:session', {})).state).toBe('on_call');
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['calls:current', 'console:changed', 'agent:state']));
    expect(events.find((e) => e.event === 'calls:current')?.payload).toMatchObject({ id: call.id });
    expect(await ok(core, 'calls:current', {})).toMatchObject({ id: call.id });
  });

  it('holds and resumes, accumulating hold seconds; hangs up into after-call work; the disposition closes it', async () => {
    const { core, time, dir } = await deskCore({ signedInAs: 'agent' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    time.advance(30_000);
    expect(await ok(core, 'calls:hold', { id: call.id })).toMatchObject({ status: 'held', holdStartedAt: iso(time.now()) });
    time.advance(20_500);
    expect(await ok(core, 'calls:resume', { id: call.id })).toMatchObject({ status: 'talking', holdStartedAt: null, holdSeconds: 20 });
    time.advance(10_000);
    await ok(core, 'calls:hold', { id: call.id });
    time.advance(5_000);
    const hung = await ok(core, 'calls:hangup', { id: call.id });
    // A hang-up during a hold closes the running hold.
    expect(hung).toMatchObject({ status: 'wrap_up', endAt: iso(time.now()), holdStartedAt: null, holdSeconds: 25 });
    expect(callTimes(hung, time.now(), 120)).toMatchObject({ talkSeconds: 40, holdSeconds: 25, wrapRemainingSeconds: 120 });
    expect((await ok(core, 'agent:session', {})).state).toBe('after_call');
    expect(await ok(core, 'calls:current', {})).toMatchObject({ id: call.id, status: 'wrap_up' });
    // A disposition is needed, and it must be a configured one.
    expect((await failure(core, 'calls:wrapUp', { id: call.id, disposition: 'made_up' })).code).toBe('DISPOSITION_UNKNOWN');
    expect((await failure(core, 'agent:setState', { state: 'ready' })).code).toBe('AGENT_STATE_INVALID');
    time.advance(15_000);
    const ended = await ok(core, 'calls:wrapUp', { id: call.id, disposition: 'info_given', note: '已答复' });
    expect(ended).toMatchObject({ status: 'ended', disposition: 'info_given', note: '已答复', wrapEndAt: iso(time.now()) });
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'ready' });
    expect(await ok(core, 'calls:current', {})).toBeNull();
    const outbox = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number; name: string }>(r, "SELECT id, name FROM outbox WHERE entity = 'call' ORDER BY id"));
    expect(outbox.map((o) => o.name)).toEqual(['calls:start', 'calls:hold', 'calls:resume', 'calls:hold', 'calls:hangup', 'calls:wrapUp']);
    // lww: only the written fields + updatedAt; the agent's state change rides in the same mutation.
    const wrap = JSON.parse(outbox.at(-1)?.args ?? '{}') as { changes: { entity: string; values: Record<string, unknown> }[] };
    expect(Object.keys(wrap.changes[0]?.values ?? {}).sort()).toEqual(['disposition', 'note', 'status', 'updatedAt', 'wrapEndAt']);
    expect(wrap.changes[1]).toMatchObject({ entity: 'agent_state', values: { state: 'ready' } });
  });

  it('rings outbound until answered; an unanswered one is missed and needs no wrap-up', async () => {
    const { core, time } = await deskCore({ signedInAs: 'agent' });
    const out = await ok(core, 'calls:start', { direction: 'outbound', number: '010-6552 9988' });
    expect(out).toMatchObject({ status: 'ringing', answerAt: null });
    expect((await ok(core, 'agent:session', {})).state).toBe('on_call');
    expect((await failure(core, 'calls:hold', { id: out.id })).code).toBe('CALL_STATE_INVALID');
    time.advance(25_000);
    expect(await ok(core, 'calls:hangup', { id: out.id })).toMatchObject({ status: 'missed', endAt: iso(time.now()) });
    expect((await ok(core, 'agent:session', {})).state).toBe('ready');
    expect((await failure(core, 'calls:wrapUp', { id: out.id, disposition: 'resolved' })).code).toBe('CALL_STATE_INVALID');
    const next = await ok(core, 'calls:start', { direction: 'outbound', number: '13812345678' });
    time.advance(3_000);
    expect(await ok(core, 'calls:answer', { id: next.id })).toMatchObject({ status: 'talking', answerAt: iso(time.now()) });
  });

  it('refuses a second call during an active one, and impossible actions, changing nothing', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    const before = await footprint(core);
    expect((await failure(core, 'calls:start', { direction: 'outbound', number: '13900001111' })).code).toBe('CALL_ACTIVE');
    expect((await failure(core, 'calls:answer', { id: call.id })).code).toBe('CALL_STATE_INVALID');
    expect((await failure(core, 'calls:resume', { id: call.id })).code).toBe('CALL_STATE_INVALID');
    expect((await failure(core, 'calls:wrapUp', { id: call.id, disposition: 'resolved' })).code).toBe('CALL_STATE_INVALID');
    expect((await failure(core, 'calls:hold', { id: '018f0000-0000-7000-8000-000000000000' })).code).toBe('CALL_NOT_FOUND');
    expect((await failure(core, 'calls:start', { direction: 'inbound', number: 'call me maybe' })).fields?.[0]).toMatchObject({ path: 'number', code: 'invalid_phone' });
    expect((await failure(core, 'agent:setState', { state: 'ready' })).code).toBe('AGENT_STATE_INVALID');
    expect(await footprint(core)).toEqual(before);
    await ok(core, 'calls:hangup', { id: call.id });
    // Still in after-call work: the next call waits for the disposition.
    expect((await failure(core, 'calls:start', { direction: 'inbound', number: '13900001111' })).code).toBe('CALL_ACTIVE');
  });

  it('dials by the ticket form\'s rule: full-width digits and extensions are fine, a short or partial number is refused', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const before = await footprint(core);
    for (const number of ['12345', '1381234567', '010-123']) {
      expect((await failure(core, 'calls:start', { direction: 'outbound', number })).fields?.[0]).toMatchObject({ path: 'number', code: 'invalid_phone' });
    }
    expect(await footprint(core)).toEqual(before);
    const call = await ok(core, 'calls:start', { direction: 'outbound', number: '０１０－６５５２９９８８ 转 ８８' });
    expect(call).toMatchObject({ number: '010-65529988 转 88', numberKey: '+861065529988' });
  });

  it('needs an agent at the desk', async () => {
    const { core } = await openTestCore();
    expect((await failure(core, 'calls:start', { direction: 'inbound', number: '13812345678' })).code).toBe('NOT_SIGNED_IN');
  });

  it('makes the agent ready at the after-call deadline, logged at the deadline, and keeps the call flagged until disposed', async () => {
    const { core, time } = await deskCore({ signedInAs: 'agent' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    time.advance(60_000);
    const hung = await ok(core, 'calls:hangup', { id: call.id });
    const deadline = Date.parse(hung.endAt ?? '') + 120_000;
    // The PC slept for an hour: the session read catches up.
    time.advance(3_600_000);
    const s = await ok(core, 'agent:session', {});
    expect(s).toMatchObject({ state: 'ready', since: iso(deadline) });
    const current = await ok(core, 'calls:current', {});
    expect(current).toMatchObject({ id: call.id, status: 'wrap_up', disposition: null });
    // Ready again: a new call may start even though the old one waits for its disposition.
    const second = await ok(core, 'calls:start', { direction: 'inbound', number: '13900001111' });
    expect(await ok(core, 'calls:current', {})).toMatchObject({ id: second.id });
    const closed = await ok(core, 'calls:wrapUp', { id: call.id, disposition: 'resolved' });
    // wrapEndAt is capped at the limit; the agent (now on the second call) is not moved.
    expect(closed).toMatchObject({ status: 'ended', wrapEndAt: iso(deadline) });
    expect((await ok(core, 'agent:session', {})).state).toBe('on_call');
  });

  it('a core timer logs ready at the deadline while the app runs, without anyone asking', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { core, time } = await deskCore({ signedInAs: 'agent' });
      const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
      const hung = await ok(core, 'calls:hangup', { id: call.id });
      const events = recordEvents(core);
      time.advance(120_000);
      vi.advanceTimersByTime(120_100);
      const states = events.filter((e) => e.event === 'agent:state').map((e) => e.payload);
      expect(states).toEqual([expect.objectContaining({ state: 'ready', since: iso(Date.parse(hung.endAt ?? '') + 120_000) })]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays in after-call work when the wrap-up says ready: false', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(core, 'calls:hangup', { id: call.id });
    await ok(core, 'calls:wrapUp', { id: call.id, disposition: 'ticket_created', ready: false });
    expect((await ok(core, 'agent:session', {})).state).toBe('after_call');
    expect((await ok(core, 'agent:setState', { state: 'not_ready', reason: 'break' })).state).toBe('not_ready');
  });

  it('links calls to tickets once, with history, and lists them per ticket', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    const t = await ok(core, 'tickets:create', ticketInput());
    expect((await ok(core, 'calls:link', { callId: call.id, ticketId: t.ticket.id })).ticketIds).toEqual([t.ticket.id]);
    const again = await footprint(core);
    await ok(core, 'calls:link', { callId: call.id, ticketId: t.ticket.id });
    expect(await footprint(core)).toEqual(again);
    expect((await ok(core, 'tickets:get', { id: t.ticket.id })).history.map((h) => h.action)).toContain('call_linked');
    expect((await ok(core, 'calls:forTicket', { ticketId: t.ticket.id })).map((c) => c.id)).toEqual([call.id]);
    expect((await failure(core, 'calls:link', { callId: call.id, ticketId: '018f0000-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
    expect((await failure(core, 'calls:link', { callId: '018f0000-0000-7000-8000-000000000000', ticketId: t.ticket.id })).code).toBe('CALL_NOT_FOUND');
  });

  it("lists today's calls by the PC's local midnight, own calls for agents", async () => {
    const { core, time } = await deskCore({ signedInAs: 'agent' });
    const y = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(core, 'calls:hangup', { id: y.id });
    await ok(core, 'calls:wrapUp', { id: y.id, disposition: 'resolved' });
    time.set(T0 + 86_400_000);
    const today = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    expect((await ok(core, 'calls:list', { today: true })).map((c) => c.id)).toEqual([today.id]);
    expect((await ok(core, 'calls:list', {})).map((c) => c.id)).toEqual([today.id, y.id]);
    expect((await failure(core, 'calls:list', { agentId: 'zhang.admin' })).code).toBe('FORBIDDEN');
  });
});

describe('screen-pop', () => {
  it('pops the customer with open tickets most urgent first, then recent closed ones', async () => {
    const { core, time } = await deskCore({ signedInAs: 'agent' });
    const normal = await ok(core, 'tickets:create', ticketInput({ subject: '一般问题', severity: 'normal' }));
    time.advance(1000);
    const urgent = await ok(core, 'tickets:create', ticketInput({ subject: '紧急问题', severity: 'urgent', customerId: normal.customer.id, customer: undefined }));
    const old = await ok(core, 'tickets:create', ticketInput({ subject: '已解决', customerId: normal.customer.id, customer: undefined }));
    await ok(core, 'tickets:transition', { id: old.ticket.id, to: 'in_progress' });
    await ok(core, 'tickets:transition', { id: old.ticket.id, to: 'resolved', resolution: '重装驱动' });
    const pop = await ok(core, 'calls:screenPop', { number: 'tel:+861065529988' });
    expect(pop.customer?.id).toBe(normal.customer.id);
    expect(pop.numberKey).toBe('+861065529988');
    expect(pop.openTickets.map((t) => t.subject)).toEqual(['紧急问题', '一般问题']);
    expect(pop.recentTickets.map((t) => t.id)).toEqual([old.ticket.id]);
    expect(urgent.ticket.severity).toBe('urgent');
    time.advance(31 * 86_400_000);
    expect((await ok(core, 'calls:screenPop', { number: '010-65529988' })).recentTickets).toEqual([]);
  });

  it('answers an unknown number with no customer, and a non-number with VALIDATION_FAILED', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    expect(await ok(core, 'calls:screenPop', { number: '139 0000 1111' })).toEqual({ number: '139 0000 1111', numberKey: '+8613900001111', customer: null, openTickets: [], recentTickets: [] });
    expect((await failure(core, 'calls:screenPop', { number: 'hello' })).code).toBe('VALIDATION_FAILED');
  });
});
