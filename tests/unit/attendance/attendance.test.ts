import { describe, expect, it } from 'vitest';
import { computeAgentMonth, localInstant, localIso, presenceSpans, shiftWindows, type PresenceLine } from '../../../shared/attendance/attendance.js';
import { indexHolidays } from '../../../shared/attendance/calendar.js';
import { HOLIDAYS_2026 } from '../../../shared/attendance/holidays.js';
import { DEFAULT_ATTENDANCE_RULES, DEFAULT_SHIFTS, type ShiftType } from '../../../shared/attendance/schema.js';

/* Hand-computed cases of domain.md "Attendance and overtime: the exact rules" (times +08:00). */

const rules = DEFAULT_ATTENDANCE_RULES;
const shifts = new Map<string, ShiftType>(DEFAULT_SHIFTS.map((s) => [s.code, s]));
const holidays = indexHolidays(HOLIDAYS_2026);
const t = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);

/** Presence as [in, out] pairs of local times: a `ready` line, then an `offline` one. */
function sessions(...pairs: [string, string][]): PresenceLine[] {
  return pairs.flatMap(([a, b]) => [
    { at: t(a), state: 'ready' },
    { at: t(b), state: 'offline' },
  ]);
}

function month(m: string, roster: Record<string, string>, lines: PresenceLine[], now = t('2027-01-01 00:00:00')) {
  return computeAgentMonth({ month: m, roster: new Map(Object.entries(roster)), shifts, holidays, lines, rules, now });
}

function day(m: string, date: string, roster: Record<string, string>, lines: PresenceLine[]) {
  const found = month(m, roster, lines).days.find((d) => d.date === date);
  if (!found) throw new Error(`no day ${date}`);
  return found;
}

describe('a correction typed at the center (补登): date + clock in the configured offset', () => {
  it('carries the rules\' offset, not a fixed +08:00, and names the same instant as the rules\' local time', () => {
    expect(localIso('2026-03-05', '08:29', { utcOffsetMinutes: 480 })).toBe('2026-03-05T08:29:00+08:00');
    expect(localIso('2026-03-05', '08:29', { utcOffsetMinutes: -300 })).toBe('2026-03-05T08:29:00-05:00');
    expect(localIso('2026-03-05', '23:45', { utcOffsetMinutes: 330 })).toBe('2026-03-05T23:45:00+05:30');
    expect(localIso('2026-03-06', '00:10', { utcOffsetMinutes: 0 })).toBe('2026-03-06T00:10:00+00:00');
    for (const off of [480, -300, 330, 0, -720, 840]) {
      expect(Date.parse(localIso('2026-03-05', '17:30', { utcOffsetMinutes: off }))).toBe(localInstant('2026-03-05', '17:30', { utcOffsetMinutes: off }));
    }
  });
});

describe('presence spans', () => {
  it('runs from a non-offline line to the next offline line, across state changes', () => {
    const spans = presenceSpans(
      [
        { at: t('2026-03-02 08:30:00'), state: 'ready' },
        { at: t('2026-03-02 09:00:00'), state: 'on_call' },
        { at: t('2026-03-02 09:10:00'), state: 'not_ready' },
        { at: t('2026-03-02 12:00:00'), state: 'offline' },
        { at: t('2026-03-02 12:30:00'), state: 'offline' },
        { at: t('2026-03-02 13:00:00'), state: 'after_call' },
        { at: t('2026-03-02 17:30:00'), state: 'offline' },
      ],
      t('2026-03-03 00:00:00'),
    );
    expect(spans).toEqual([
      { from: t('2026-03-02 08:30:00'), to: t('2026-03-02 12:00:00'), open: false },
      { from: t('2026-03-02 13:00:00'), to: t('2026-03-02 17:30:00'), open: false },
    ]);
  });
  it('keeps a span without a sign-out open up to now', () => {
    const spans = presenceSpans([{ at: t('2026-03-02 08:30:00'), state: 'ready' }], t('2026-03-02 10:00:00'));
    expect(spans).toEqual([{ from: t('2026-03-02 08:30:00'), to: t('2026-03-02 10:00:00'), open: true }]);
  });
  it('reads lines in time order whatever order they come in', () => {
    const spans = presenceSpans([{ at: t('2026-03-02 12:00:00'), state: 'offline' }, { at: t('2026-03-02 08:00:00'), state: 'ready' }], 0);
    expect(spans).toEqual([{ from: t('2026-03-02 08:00:00'), to: t('2026-03-02 12:00:00'), open: false }]);
  });
});

describe('late and early leave with the 5-minute grace (D 08:30-17:30, Monday 2026-03-02)', () => {
  const D = { '2026-03-02': 'D' };
  it('5:00 after the start is on time and reports 0 late minutes', () => {
    const d = day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:35:00', '2026-03-02 17:30:00']));
    expect(d).toMatchObject({ status: 'normal', lateMinutes: 0, earlyMinutes: 0, firstIn: '2026-03-02T08:35:00+08:00', lastOut: '2026-03-02T17:30:00+08:00' });
  });
  it('5:01 after the start is late, 5 minutes (rounded down)', () => {
    const d = day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:35:01', '2026-03-02 17:30:00']));
    expect(d).toMatchObject({ status: 'late', lateMinutes: 5, earlyMinutes: 0 });
  });
  it('3 minutes late is within the grace: 0 minutes', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:33:00', '2026-03-02 17:31:00']))).toMatchObject({ status: 'normal', lateMinutes: 0 });
  });
  it('leaving 5:00 early is on time; 5:01 early is early leave of 5 minutes', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:30:00', '2026-03-02 17:25:00']))).toMatchObject({ status: 'normal', earlyMinutes: 0 });
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:30:00', '2026-03-02 17:24:59']))).toMatchObject({ status: 'early', earlyMinutes: 5 });
  });
  it('both late and early is late_early', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:45:30', '2026-03-02 17:00:00']))).toMatchObject({ status: 'late_early', lateMinutes: 15, earlyMinutes: 30 });
  });
  it('no presence in [start - 2 h, end) is absent, even with presence before the window', () => {
    const d = day('2026-03', '2026-03-02', D, sessions(['2026-03-02 06:00:00', '2026-03-02 06:29:59']));
    expect(d).toMatchObject({ status: 'absent', firstIn: null, lastOut: null, lateMinutes: 0 });
  });
  it('a sign-in at start - 2 h exactly is in the window and on time', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 06:30:00', '2026-03-02 17:30:00']))).toMatchObject({ status: 'normal', firstIn: '2026-03-02T06:30:00+08:00' });
  });
});

describe('split sessions and workday extension (150%) in 30-minute units', () => {
  const D = { '2026-03-02': 'D' };
  it('a lunch-break sign-out does not make the day early or late; 10 minutes after the end is no overtime', () => {
    const d = day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:20:00', '2026-03-02 12:00:00'], ['2026-03-02 13:00:00', '2026-03-02 17:40:00']));
    expect(d).toMatchObject({ status: 'normal', firstIn: '2026-03-02T08:20:00+08:00', lastOut: '2026-03-02T17:40:00+08:00', overtime: { workday: 0, restday: 0, holiday: 0 } });
    expect(d.spans).toHaveLength(2);
  });
  it('59 minutes after the end is one 30-minute unit; 60 minutes two', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:30:00', '2026-03-02 18:29:59'])).overtime.workday).toBe(30);
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:30:00', '2026-03-02 18:30:00'])).overtime.workday).toBe(60);
  });
  it('presence after the end in a later session counts too (a second session in the evening)', () => {
    const d = day('2026-03', '2026-03-02', D, sessions(['2026-03-02 08:30:00', '2026-03-02 17:30:00'], ['2026-03-02 19:00:00', '2026-03-02 20:15:00']));
    expect(d).toMatchObject({ status: 'normal', overtime: { workday: 60 }, lastOut: '2026-03-02T20:15:00+08:00' });
  });
  it('presence before the start is not overtime', () => {
    expect(day('2026-03', '2026-03-02', D, sessions(['2026-03-02 07:00:00', '2026-03-02 17:30:00'])).overtime.workday).toBe(0);
  });
});

describe('a night shift N 22:00-08:30 over midnight into a rest day', () => {
  // Friday 2026-03-06 N; Saturday 2026-03-07 not rostered (rest). N's window: [Fri 20:00, Sat 16:30).
  const roster = { '2026-03-06': 'N' };
  const lines = sessions(['2026-03-06 21:55:00', '2026-03-07 09:15:00'], ['2026-03-07 16:00:00', '2026-03-07 17:10:00']);
  const m = month('2026-03', roster, lines);
  const fri = m.days.find((d) => d.date === '2026-03-06')!;
  const sat = m.days.find((d) => d.date === '2026-03-07')!;
  it('the shift is on time and owns the morning and the presence up to 16:30 (45 + 30 = 75 min -> 60)', () => {
    expect(fri).toMatchObject({ status: 'normal', firstIn: '2026-03-06T21:55:00+08:00', lastOut: '2026-03-07T16:30:00+08:00', overtime: { workday: 60, restday: 0, holiday: 0 } });
  });
  it('the rest day gets only the presence no window holds: 16:30-17:10 = 40 min -> 30 (200%)', () => {
    expect(sat).toMatchObject({ status: 'rest', overtime: { workday: 0, restday: 30, holiday: 0 }, firstIn: '2026-03-07T16:30:00+08:00', lastOut: '2026-03-07T17:10:00+08:00' });
  });
  it('leaving the night shift at 08:00 is 30 minutes early', () => {
    const d = day('2026-03', '2026-03-06', roster, sessions(['2026-03-06 22:00:00', '2026-03-07 08:00:00']));
    expect(d).toMatchObject({ status: 'early', earlyMinutes: 30, overtime: { workday: 0 } });
  });
  it('a night shift on the last day of the previous month holds the first morning of this one', () => {
    const m2 = month('2026-03', { '2026-02-28': 'N' }, sessions(['2026-02-28 22:00:00', '2026-03-01 10:00:00']));
    expect(m2.days[0]).toMatchObject({ date: '2026-03-01', status: 'rest', overtime: { restday: 0 } });
  });
});

describe('windows never overlap: the next shift start - 2 h wins', () => {
  it('N then D the next morning: N window ends at D start - 2 h', () => {
    const w = shiftWindows(['2026-03-09', '2026-03-10'], new Map([['2026-03-09', 'N'], ['2026-03-10', 'D']]), shifts, rules);
    expect(w.map((x) => [x.code, new Date(x.windowStart).toISOString(), new Date(x.windowEnd).toISOString()])).toEqual([
      ['N', '2026-03-09T12:00:00.000Z', '2026-03-09T22:30:00.000Z'],
      ['D', '2026-03-09T22:30:00.000Z', '2026-03-10T17:30:00.000Z'],
    ]);
  });
  it('D then D keeps the full 8 h after (17:30 + 8 h = 01:30, before 06:30)', () => {
    const w = shiftWindows(['2026-03-09', '2026-03-10'], new Map([['2026-03-09', 'D'], ['2026-03-10', 'D']]), shifts, rules);
    expect(new Date(w[0]!.windowEnd).toISOString()).toBe('2026-03-09T17:30:00.000Z');
  });
  it('presence after the cut belongs to the next shift, not to the night shift overtime', () => {
    const m = month('2026-03', { '2026-03-09': 'N', '2026-03-10': 'D' }, sessions(['2026-03-09 21:50:00', '2026-03-10 17:30:00']));
    const [n, d] = [m.days.find((x) => x.date === '2026-03-09')!, m.days.find((x) => x.date === '2026-03-10')!];
    expect(n).toMatchObject({ status: 'normal', overtime: { workday: 0 } });
    expect(d).toMatchObject({ status: 'normal', firstIn: '2026-03-10T06:30:00+08:00', overtime: { workday: 0 } });
  });
});

describe('statutory holidays (300%)', () => {
  it('a shift on a statutory day counts its whole window presence as holiday overtime (Qingming 2026-04-05)', () => {
    // 08:25-18:10 = 9 h 45 min = 585 min -> 570; none of it is workday extension.
    const d = day('2026-04', '2026-04-05', { '2026-04-05': 'D' }, sessions(['2026-04-05 08:25:00', '2026-04-05 18:10:00']));
    expect(d).toMatchObject({ dayType: 'statutory', status: 'normal', overtime: { workday: 0, restday: 0, holiday: 570 } });
  });
  it('presence on an unrostered statutory day is holiday overtime, not rest-day overtime (2026-01-01)', () => {
    const d = day('2026-01', '2026-01-01', {}, sessions(['2026-01-01 10:00:00', '2026-01-01 12:00:00']));
    expect(d).toMatchObject({ dayType: 'statutory', entry: 'rest', status: 'rest', overtime: { workday: 0, restday: 0, holiday: 120 } });
  });
  it('the other days of a holiday range are rest days (200%): 2026-01-02', () => {
    const d = day('2026-01', '2026-01-02', {}, sessions(['2026-01-02 10:00:00', '2026-01-02 11:00:00']));
    expect(d).toMatchObject({ dayType: 'holiday_rest', overtime: { restday: 60, holiday: 0 } });
  });
});

describe('leave, rest and adjusted working days', () => {
  it('a leave date counts neither attendance nor overtime, whatever the log says', () => {
    const m = month('2026-03', { '2026-03-03': 'leave:sick' }, sessions(['2026-03-03 08:00:00', '2026-03-03 21:00:00']));
    const d = m.days.find((x) => x.date === '2026-03-03')!;
    expect(d).toMatchObject({ status: 'leave', leaveType: 'sick', lateMinutes: 0, overtime: { workday: 0, restday: 0, holiday: 0 }, firstIn: null });
    expect(m.totals).toMatchObject({ leaveDays: 1, scheduledDays: 0, attendedDays: 0, restDays: 30, overtimeMinutes: { workday: 0, restday: 0, holiday: 0 } });
    expect(m.leaveDaysByType).toEqual({ sick: 1 });
  });
  it('an adjusted working day (Saturday 2026-02-28) with a shift is an ordinary working day', () => {
    const d = day('2026-02', '2026-02-28', { '2026-02-28': 'D' }, sessions(['2026-02-28 08:29:00', '2026-02-28 17:31:00']));
    expect(d).toMatchObject({ dayType: 'adjusted_workday', entry: 'D', status: 'normal', overtime: { workday: 0, restday: 0, holiday: 0 } });
  });
  it('an adjusted working day nobody rostered is a rest date: missing it is not absence', () => {
    expect(day('2026-02', '2026-02-28', {}, [])).toMatchObject({ dayType: 'adjusted_workday', entry: 'rest', status: 'rest' });
  });
  it('a rest day with 29 minutes 59 seconds of presence has no overtime; 30 minutes is one unit', () => {
    expect(day('2026-03', '2026-03-08', {}, sessions(['2026-03-08 10:00:00', '2026-03-08 10:29:59'])).overtime.restday).toBe(0);
    expect(day('2026-03', '2026-03-08', {}, sessions(['2026-03-08 10:00:00', '2026-03-08 10:30:00'])).overtime.restday).toBe(30);
  });
  it('rest-day presence is cut at midnight: each calendar day counts its own', () => {
    const m = month('2026-03', {}, sessions(['2026-03-07 23:00:00', '2026-03-08 01:00:00']));
    expect(m.days.find((x) => x.date === '2026-03-07')!.overtime.restday).toBe(60);
    expect(m.days.find((x) => x.date === '2026-03-08')!.overtime.restday).toBe(60);
  });
});

describe('month totals', () => {
  it('adds up scheduled, attended, late, early, absent, leave, rest and overtime by kind', () => {
    const roster = { '2026-03-02': 'D', '2026-03-03': 'D', '2026-03-04': 'D', '2026-03-05': 'leave:annual', '2026-03-06': 'D' };
    const lines = sessions(
      ['2026-03-02 08:40:00', '2026-03-02 17:30:00'], // late 10
      ['2026-03-03 08:30:00', '2026-03-03 17:00:00'], // early 30
      // 03-04 absent
      ['2026-03-06 08:30:00', '2026-03-06 19:00:00'], // 90 min extension
      ['2026-03-07 09:00:00', '2026-03-07 12:00:00'], // Saturday: rest-day 180
    );
    const m = month('2026-03', roster, lines);
    expect(m.totals).toEqual({
      scheduledDays: 4,
      attendedDays: 3,
      lateCount: 1,
      lateMinutes: 10,
      earlyCount: 1,
      earlyMinutes: 30,
      absentDays: 1,
      leaveDays: 1,
      restDays: 26,
      overtimeMinutes: { workday: 90, restday: 180, holiday: 0 },
    });
  });
  it('a sign-in never closed stays open: no lastOut', () => {
    const m = computeAgentMonth({
      month: '2026-03',
      roster: new Map([['2026-03-02', 'D']]),
      shifts,
      holidays,
      lines: [{ at: t('2026-03-02 08:30:00'), state: 'ready' }],
      rules,
      now: t('2026-03-02 12:00:00'),
    });
    expect(m.days[1]).toMatchObject({ date: '2026-03-02', firstIn: '2026-03-02T08:30:00+08:00', lastOut: null, status: 'early' });
  });
});
