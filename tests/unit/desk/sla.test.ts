import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_CONFIG, type BusinessHours, type ConsoleConfig } from '../../../shared/desk/schema.js';
import { addWorkingMs, businessCalendar, computeSla, elapsedMs, slaUrgency, type SlaEvent, type SlaTicket } from '../../../shared/desk/sla.js';
import type { TicketStatus } from '../../../shared/tickets/stateMachine.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Tuesday 2026-11-24 10:00 in Beijing. */
const T0 = Date.parse('2026-11-24T10:00:00+08:00');
const bj = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

function ticket(over: Partial<SlaTicket> = {}): SlaTicket {
  return { status: 'in_progress', severity: 'normal', channel: 'phone', createdAt: iso(T0), resolvedAt: null, ...over };
}
const move = (at: number, to: TicketStatus): SlaEvent => ({ at: iso(at), action: 'transition', toStatus: to });
const contact = (at: number): SlaEvent => ({ at: iso(at), action: 'contact' });

const OFFICE: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', closedDates: [], openDates: [], utcOffsetMinutes: 480 };
function withHours(bh: BusinessHours): ConsoleConfig {
  return { ...DEFAULT_CONSOLE_CONFIG, sla: { ...DEFAULT_CONSOLE_CONFIG.sla, businessHours: bh } };
}

describe('SLA in wall time', () => {
  const cfg = DEFAULT_CONSOLE_CONFIG;

  it('resolves a normal ticket within 4 hours: ok, warning in the last 15 minutes, breached after', () => {
    const t = ticket();
    expect(computeSla(t, [], cfg, T0 + HOUR).resolution).toEqual({ state: 'ok', dueAt: iso(T0 + 4 * HOUR), remainingMs: 3 * HOUR });
    expect(computeSla(t, [], cfg, T0 + 3 * HOUR + 45 * MIN).resolution.state).toBe('warning');
    expect(computeSla(t, [], cfg, T0 + 3 * HOUR + 44 * MIN).resolution.state).toBe('ok');
    // exactly at the due time it is not yet late; a millisecond later it is
    expect(computeSla(t, [], cfg, T0 + 4 * HOUR).resolution).toEqual({ state: 'warning', dueAt: iso(T0 + 4 * HOUR), remainingMs: 0 });
    expect(computeSla(t, [], cfg, T0 + 4 * HOUR + 1).resolution).toEqual({ state: 'breached', dueAt: iso(T0 + 4 * HOUR), remainingMs: -1 });
  });

  it('gives urgent tickets 2 hours, high 4 and low 24', () => {
    expect(computeSla(ticket({ severity: 'urgent' }), [], cfg, T0).resolution.dueAt).toBe(iso(T0 + 2 * HOUR));
    expect(computeSla(ticket({ severity: 'high' }), [], cfg, T0).resolution.dueAt).toBe(iso(T0 + 4 * HOUR));
    expect(computeSla(ticket({ severity: 'low' }), [], cfg, T0).resolution.dueAt).toBe(iso(T0 + 24 * HOUR));
  });

  it('is met when resolved in time and stays breached with its due time when resolved late', () => {
    const inTime = ticket({ status: 'resolved', resolvedAt: iso(T0 + 3 * HOUR) });
    expect(computeSla(inTime, [move(T0 + 3 * HOUR, 'resolved')], cfg, T0 + 30 * HOUR).resolution).toEqual({ state: 'met', dueAt: iso(T0 + 4 * HOUR), remainingMs: null });
    const late = ticket({ status: 'closed', resolvedAt: iso(T0 + 5 * HOUR) });
    expect(computeSla(late, [move(T0 + 5 * HOUR, 'resolved'), move(T0 + 6 * HOUR, 'closed')], cfg, T0 + 30 * HOUR).resolution).toEqual({
      state: 'breached',
      dueAt: iso(T0 + 4 * HOUR),
      remainingMs: -HOUR,
    });
  });

  it('pauses while waiting on the customer and moves the due time by the pause', () => {
    const events = [move(T0 + HOUR, 'waiting_customer')];
    const waiting = ticket({ status: 'waiting_customer' });
    expect(computeSla(waiting, events, cfg, T0 + 10 * HOUR).resolution).toEqual({ state: 'paused', dueAt: null, remainingMs: 3 * HOUR });
    const back = [...events, move(T0 + 3 * HOUR, 'in_progress')];
    expect(computeSla(ticket(), back, cfg, T0 + 4 * HOUR).resolution).toEqual({ state: 'ok', dueAt: iso(T0 + 6 * HOUR), remainingMs: 2 * HOUR });
    // the contact rule does not nag while the customer owes us
    expect(computeSla(waiting, events, cfg, T0 + 10 * HOUR).contactOwed).toBe(false);
  });

  it('keeps a ticket that was already late breached while it waits on the customer', () => {
    const events = [move(T0 + 5 * HOUR, 'waiting_customer')];
    expect(computeSla(ticket({ status: 'waiting_customer' }), events, cfg, T0 + 6 * HOUR).resolution).toEqual({ state: 'breached', dueAt: iso(T0 + 4 * HOUR), remainingMs: -HOUR });
  });

  it('continues a reopened ticket with the time it had left, not counting the days it was resolved', () => {
    const events = [move(T0 + HOUR, 'resolved'), move(T0 + 2 * HOUR, 'confirmed'), move(T0 + 3 * HOUR, 'closed'), move(T0 + 48 * HOUR, 'reopened')];
    const sla = computeSla(ticket({ status: 'reopened' }), events, cfg, T0 + 49 * HOUR);
    expect(sla.resolution).toEqual({ state: 'ok', dueAt: iso(T0 + 51 * HOUR), remainingMs: 2 * HOUR });
  });

  it('counts the first response from creation on live channels, from the first move or contact otherwise', () => {
    expect(computeSla(ticket({ status: 'new', channel: 'walkin' }), [], cfg, T0 + 5 * HOUR).firstResponse.state).toBe('met');
    const email = ticket({ status: 'new', channel: 'email' });
    expect(computeSla(email, [], cfg, T0 + 10 * MIN).firstResponse).toEqual({ state: 'ok', dueAt: iso(T0 + 30 * MIN), remainingMs: 20 * MIN });
    expect(computeSla(email, [], cfg, T0 + 20 * MIN).firstResponse.state).toBe('warning');
    expect(computeSla(email, [], cfg, T0 + 31 * MIN).firstResponse).toEqual({ state: 'breached', dueAt: iso(T0 + 30 * MIN), remainingMs: -MIN });
    expect(computeSla(email, [contact(T0 + 25 * MIN)], cfg, T0 + 5 * HOUR).firstResponse.state).toBe('met');
    expect(computeSla({ ...email, status: 'in_progress' }, [move(T0 + 45 * MIN, 'in_progress')], cfg, T0 + 5 * HOUR).firstResponse).toEqual({ state: 'breached', dueAt: iso(T0 + 30 * MIN), remainingMs: -15 * MIN });
  });

  it('owes a progress contact 4 hours after creation until one is recorded near or after that time', () => {
    const t = ticket();
    const before = computeSla(t, [], cfg, T0 + 4 * HOUR - 1);
    expect(before).toMatchObject({ contactOwed: false, contactDueAt: iso(T0 + 4 * HOUR), lastContactAt: null });
    expect(computeSla(t, [], cfg, T0 + 4 * HOUR).contactOwed).toBe(true);
    // an intake call at 10 minutes did not explain a delay
    expect(computeSla(t, [contact(T0 + 10 * MIN)], cfg, T0 + 5 * HOUR)).toMatchObject({ contactOwed: true, lastContactAt: iso(T0 + 10 * MIN) });
    // a call on the reminder (15 minutes ahead) or later clears it
    expect(computeSla(t, [contact(T0 + 3 * HOUR + 45 * MIN)], cfg, T0 + 5 * HOUR).contactOwed).toBe(false);
    expect(computeSla(t, [contact(T0 + 4 * HOUR + 30 * MIN)], cfg, T0 + 5 * HOUR)).toMatchObject({ contactOwed: false, lastContactAt: iso(T0 + 4 * HOUR + 30 * MIN) });
    // resolved tickets owe nothing
    expect(computeSla(ticket({ status: 'resolved', resolvedAt: iso(T0 + 5 * HOUR) }), [], cfg, T0 + 6 * HOUR).contactOwed).toBe(false);
  });

  it('owes the next contact one interval after each counted contact, with the interval from the config', () => {
    const t = ticket();
    const called = contact(T0 + 4 * HOUR + 30 * MIN);
    expect(computeSla(t, [called], cfg, T0 + 8 * HOUR + 29 * MIN)).toMatchObject({ contactOwed: false, contactDueAt: iso(T0 + 8 * HOUR + 30 * MIN) });
    expect(computeSla(t, [called], cfg, T0 + 8 * HOUR + 30 * MIN).contactOwed).toBe(true);
    // the second call on the reminder clears it again, and the third falls due 4 hours after it
    const again = contact(T0 + 8 * HOUR + 20 * MIN);
    expect(computeSla(t, [called, again], cfg, T0 + 9 * HOUR)).toMatchObject({ contactOwed: false, contactDueAt: iso(T0 + 12 * HOUR + 20 * MIN) });
    // an admin who sets 2 hours gets 2 hours, each time
    const two = { ...cfg, fourHourRuleMinutes: 120 };
    expect(computeSla(t, [], two, T0 + 2 * HOUR).contactOwed).toBe(true);
    expect(computeSla(t, [contact(T0 + 2 * HOUR)], two, T0 + 3 * HOUR + 59 * MIN)).toMatchObject({ contactOwed: false, contactDueAt: iso(T0 + 4 * HOUR) });
    expect(computeSla(t, [contact(T0 + 2 * HOUR)], two, T0 + 4 * HOUR).contactOwed).toBe(true);
  });

  it('reads a ticket whose status changed on another PC before its history arrived as still running', () => {
    const sla = computeSla(ticket({ status: 'waiting_customer' }), [], cfg, T0 + HOUR);
    expect(sla.resolution.state).toBe('paused');
  });

  it('treats a move stamped before creation (a PC clock set back) as happening at creation', () => {
    const email = ticket({ status: 'waiting_customer', channel: 'email' });
    const sla = computeSla(email, [move(T0 - HOUR, 'waiting_customer')], cfg, T0 + HOUR);
    expect(sla.firstResponse).toEqual({ state: 'met', dueAt: iso(T0 + 30 * MIN), remainingMs: null });
    expect(sla.resolution).toEqual({ state: 'paused', dueAt: null, remainingMs: 4 * HOUR });
  });

  it('counts nothing for a clock read before the ticket was created (the PC clock behind the server)', () => {
    expect(computeSla(ticket(), [], cfg, T0 - HOUR).resolution).toEqual({ state: 'ok', dueAt: iso(T0 + 4 * HOUR), remainingMs: 4 * HOUR });
  });

  it('sorts breached first (longest overdue first), then by due time, paused last', () => {
    const late = computeSla(ticket(), [], cfg, T0 + 6 * HOUR);
    const later = computeSla(ticket({ createdAt: iso(T0 - HOUR) }), [], cfg, T0 + 6 * HOUR);
    const soon = computeSla(ticket({ severity: 'urgent', createdAt: iso(T0 + 5 * HOUR) }), [], cfg, T0 + 6 * HOUR);
    const far = computeSla(ticket({ severity: 'low', createdAt: iso(T0 + 5 * HOUR) }), [], cfg, T0 + 6 * HOUR);
    const paused = computeSla(ticket({ status: 'waiting_customer' }), [move(T0 + HOUR, 'waiting_customer')], cfg, T0 + 6 * HOUR);
    const sorted = [paused, far, soon, late, later].sort((a, b) => slaUrgency(a) - slaUrgency(b));
    expect(sorted).toEqual([later, late, soon, far, paused]);
  });
});

describe('SLA in business hours', () => {
  const cfg = withHours(OFFICE);

  it('counts only working hours across the night', () => {
    // Tuesday 16:00 + 4 working hours = Wednesday 11:00
    const t = ticket({ createdAt: iso(bj('2026-11-24T16:00:00')) });
    const sla = computeSla(t, [], cfg, bj('2026-11-24T20:00:00'));
    expect(sla.resolution).toEqual({ state: 'ok', dueAt: iso(bj('2026-11-25T11:00:00')), remainingMs: 2 * HOUR });
    // a ticket registered at night starts counting at 09:00
    const night = ticket({ createdAt: iso(bj('2026-11-24T22:30:00')) });
    expect(computeSla(night, [], cfg, bj('2026-11-25T08:00:00')).resolution).toEqual({ state: 'ok', dueAt: iso(bj('2026-11-25T13:00:00')), remainingMs: 4 * HOUR });
  });

  it('skips the weekend: Friday 17:00 + 4 h is Monday 12:00', () => {
    const t = ticket({ createdAt: iso(bj('2026-11-27T17:00:00')) });
    expect(computeSla(t, [], cfg, bj('2026-11-29T12:00:00')).resolution).toEqual({ state: 'ok', dueAt: iso(bj('2026-11-30T12:00:00')), remainingMs: 3 * HOUR });
    // first response: 30 working minutes, also on Monday
    const email = ticket({ status: 'new', channel: 'email', createdAt: iso(bj('2026-11-28T10:00:00')) });
    expect(computeSla(email, [], cfg, bj('2026-11-29T23:00:00')).firstResponse).toEqual({ state: 'ok', dueAt: iso(bj('2026-11-30T09:30:00')), remainingMs: 30 * MIN });
  });

  it('skips closed dates (holidays) and works on 调休 open dates', () => {
    const holiday = withHours({ ...OFFICE, closedDates: ['2026-11-30'] });
    const t = ticket({ createdAt: iso(bj('2026-11-27T17:00:00')) });
    expect(computeSla(t, [], holiday, bj('2026-11-27T17:30:00')).resolution.dueAt).toBe(iso(bj('2026-12-01T12:00:00')));
    const makeUp = withHours({ ...OFFICE, openDates: ['2026-11-28'] });
    expect(computeSla(t, [], makeUp, bj('2026-11-27T17:30:00')).resolution.dueAt).toBe(iso(bj('2026-11-28T12:00:00')));
    // a holiday on a 调休 list is still a holiday
    const both = withHours({ ...OFFICE, openDates: ['2026-11-28'], closedDates: ['2026-11-28'] });
    expect(computeSla(t, [], both, bj('2026-11-27T17:30:00')).resolution.dueAt).toBe(iso(bj('2026-11-30T12:00:00')));
  });

  it("uses the center's UTC offset, whatever zone the PC is in", () => {
    const newYork = withHours({ ...OFFICE, utcOffsetMinutes: -300 });
    // Tuesday 16:00 in New York = 21:00Z; + 4 working hours = Wednesday 11:00 New York = 16:00Z
    const t = ticket({ createdAt: '2026-11-24T21:00:00.000Z' });
    expect(computeSla(t, [], newYork, Date.parse('2026-11-24T22:00:00.000Z')).resolution.dueAt).toBe('2026-11-25T16:00:00.000Z');
  });

  it('measures elapsed working time and pauses in working time', () => {
    const cal = businessCalendar(OFFICE);
    expect(elapsedMs(cal, bj('2026-11-27T17:00:00'), bj('2026-11-30T10:00:00'))).toBe(2 * HOUR);
    expect(elapsedMs(cal, bj('2026-11-28T10:00:00'), bj('2026-11-29T10:00:00'))).toBe(0);
    expect(addWorkingMs(cal, bj('2026-11-24T18:00:00'), MIN)).toBe(bj('2026-11-25T09:01:00'));
    // paused from Tuesday 11:00 to Wednesday 10:00 (1 working hour before and after the night)
    const events = [move(bj('2026-11-24T11:00:00'), 'waiting_customer'), move(bj('2026-11-25T10:00:00'), 'in_progress')];
    const t = ticket({ createdAt: iso(bj('2026-11-24T10:00:00')) });
    expect(computeSla(t, events, cfg, bj('2026-11-25T10:30:00')).resolution).toEqual({ state: 'ok', dueAt: iso(bj('2026-11-25T13:00:00')), remainingMs: 2.5 * HOUR });
  });

  it('pushes the due time past a long holiday (国庆 closed dates with a 调休 Saturday after)', () => {
    const golden = withHours({ ...OFFICE, closedDates: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'], openDates: ['2026-10-10'] });
    // Wednesday 30 Sep 17:00 + 4 h: 1 h that day, then nothing until Friday 9 Oct 12:00
    const t = ticket({ createdAt: iso(bj('2026-09-30T17:00:00')) });
    expect(computeSla(t, [], golden, bj('2026-10-03T12:00:00')).resolution).toEqual({ state: 'ok', dueAt: iso(bj('2026-10-09T12:00:00')), remainingMs: 3 * HOUR });
    // and the 调休 Saturday counts: created Friday 9 Oct 16:00, due Saturday 10 Oct 11:00
    const fri = ticket({ createdAt: iso(bj('2026-10-09T16:00:00')) });
    expect(computeSla(fri, [], golden, bj('2026-10-09T16:00:00')).resolution.dueAt).toBe(iso(bj('2026-10-10T11:00:00')));
  });

  it('puts the 4-hour contact rule on working time too', () => {
    const t = ticket({ createdAt: iso(bj('2026-11-27T16:00:00')) });
    const sla = computeSla(t, [], cfg, bj('2026-11-28T12:00:00'));
    expect(sla).toMatchObject({ contactOwed: false, contactDueAt: iso(bj('2026-11-30T11:00:00')) });
    expect(computeSla(t, [], cfg, bj('2026-11-30T11:00:00')).contactOwed).toBe(true);
  });
});
