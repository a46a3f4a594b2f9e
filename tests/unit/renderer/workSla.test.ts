import { describe, expect, it } from 'vitest';
import type { SlaClock, TicketSla } from '../../../shared/tickets/schema.js';
import { formatDuration, liveClock, slaLive, slaUrgency } from '../../../renderer/work/slaView.js';
import { formatSeconds } from '../../../renderer/work/timeText.js';

/** 2026-11-24 10:00 in Beijing (the core test clock's start). */
const T0 = Date.parse('2026-11-24T02:00:00.000Z');
const MIN = 60_000;
const clock = (c: Partial<SlaClock>): SlaClock => ({ state: 'ok', dueAt: new Date(T0 + 60 * MIN).toISOString(), remainingMs: 60 * MIN, ...c });
const sla = (first: Partial<SlaClock>, resolution: Partial<SlaClock>, contactOwed = false): TicketSla => ({
  firstResponse: clock(first),
  resolution: clock(resolution),
  contactOwed,
  contactDueAt: new Date(T0 + 240 * MIN).toISOString(),
  lastContactAt: null,
});
const day = (n: number): string => `${n}d`;

describe('SLA badge clock', () => {
  it('counts down from the due time, not from the remaining time of the answer', () => {
    const c = clock({ remainingMs: 60 * MIN });
    expect(liveClock(c, T0)).toEqual({ state: 'ok', remainingMs: 60 * MIN });
    // 50 minutes later the same answer must read 10 minutes left, and warn (15 min window).
    expect(liveClock(c, T0 + 50 * MIN)).toEqual({ state: 'warning', remainingMs: 10 * MIN });
    expect(liveClock(c, T0 + 44 * MIN).state).toBe('ok');
    expect(liveClock(c, T0 + 45 * MIN).state).toBe('warning');
  });

  it('turns breached the second the due time passes and shows how late', () => {
    const c = clock({});
    expect(liveClock(c, T0 + 60 * MIN)).toEqual({ state: 'breached', remainingMs: 0 });
    expect(liveClock(c, T0 + 75 * MIN)).toEqual({ state: 'breached', remainingMs: -15 * MIN });
  });

  it('honours the admin warn-before window', () => {
    expect(liveClock(clock({}), T0 + 30 * MIN, 45 * MIN).state).toBe('warning');
    expect(liveClock(clock({}), T0 + 30 * MIN, 15 * MIN).state).toBe('ok');
  });

  it('keeps a breach the core reported even when business hours put the due time later on the wall clock', () => {
    expect(liveClock(clock({ state: 'breached', remainingMs: -5 * MIN }), T0).state).toBe('breached');
  });

  it('freezes a paused clock at the time it had left and never moves a met one', () => {
    expect(liveClock(clock({ state: 'paused', remainingMs: 7 * MIN }), T0 + 600 * MIN)).toEqual({ state: 'paused', remainingMs: 7 * MIN });
    expect(liveClock(clock({ state: 'met', remainingMs: null }), T0 + 600 * MIN)).toEqual({ state: 'met', remainingMs: null });
  });

  it('shows the first response while it is owed, then the resolution', () => {
    expect(slaLive(sla({ state: 'ok' }, { state: 'ok' }), T0).clock).toBe('firstResponse');
    const s = slaLive(sla({ state: 'met', remainingMs: null }, { state: 'warning', remainingMs: 5 * MIN, dueAt: new Date(T0 + 5 * MIN).toISOString() }), T0);
    expect(s).toMatchObject({ clock: 'resolution', state: 'warning', remainingMs: 5 * MIN });
  });

  it('sorts breached before warning before ok, met and paused last', () => {
    const breached = sla({ state: 'met', remainingMs: null }, { dueAt: new Date(T0 - 5 * MIN).toISOString() });
    const soon = sla({ state: 'met', remainingMs: null }, { dueAt: new Date(T0 + 5 * MIN).toISOString() });
    const later = sla({ state: 'met', remainingMs: null }, { dueAt: new Date(T0 + 90 * MIN).toISOString() });
    const paused = sla({ state: 'met', remainingMs: null }, { state: 'paused', remainingMs: MIN });
    const met = sla({ state: 'met', remainingMs: null }, { state: 'met', remainingMs: null });
    const order = [met, later, paused, soon, breached, undefined].sort((a, b) => slaUrgency(a, T0) - slaUrgency(b, T0));
    expect(order).toEqual([breached, soon, later, paused, met, undefined]);
  });

  it('prints H:MM:SS and days when the deadline is far', () => {
    expect(formatDuration(3_723_000, day)).toBe('1:02:03');
    expect(formatDuration(-65_000, day)).toBe('0:01:05');
    expect(formatDuration(2 * 86_400_000 + 3_600_000, day)).toBe('2d 01:00:00');
    expect(formatSeconds(65)).toBe('1:05');
    expect(formatSeconds(3725)).toBe('1:02:05');
  });
});
