import { describe, expect, it } from 'vitest';
import { dayType, indexHolidays, monthDates } from '../../../shared/attendance/calendar.js';
import { HOLIDAYS_2026 } from '../../../shared/attendance/holidays.js';
import { HolidayYearSchema, parseRosterEntry, ShiftTypeSchema, crossesMidnight, DEFAULT_SHIFTS } from '../../../shared/attendance/schema.js';

describe('2026 holiday calendar (domain.md)', () => {
  const cal = indexHolidays(HOLIDAYS_2026);
  it('has the 13 statutory days of the notice', () => {
    expect(HOLIDAYS_2026.filter((d) => d.kind === 'statutory').map((d) => d.date)).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-05', '2026-05-01', '2026-05-02',
      '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-03',
    ]);
  });
  it('lists the adjusted working days', () => {
    expect(HOLIDAYS_2026.filter((d) => d.kind === 'adjusted_workday').map((d) => d.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });
  it('classifies dates', () => {
    expect(dayType('2026-01-02', cal)).toBe('holiday_rest');
    expect(dayType('2026-01-04', cal)).toBe('adjusted_workday'); // a Sunday that works
    expect(dayType('2026-01-05', cal)).toBe('workday');
    expect(dayType('2026-01-10', cal)).toBe('weekend');
    expect(dayType('2026-10-07', cal)).toBe('holiday_rest');
  });
  it('is valid import input, and refuses a mixed-year or doubled list', () => {
    expect(HolidayYearSchema.safeParse(HOLIDAYS_2026).success).toBe(true);
    expect(HolidayYearSchema.safeParse([...HOLIDAYS_2026, { date: '2027-01-01', kind: 'statutory', name: '元旦' }]).success).toBe(false);
    expect(HolidayYearSchema.safeParse([HOLIDAYS_2026[0], HOLIDAYS_2026[0]]).success).toBe(false);
  });
  it('months have their days', () => {
    expect(monthDates('2026-02')).toHaveLength(28);
    expect(monthDates('2028-02')).toHaveLength(29);
  });
});

describe('roster entries and shifts', () => {
  it('parses codes, rest and leave types', () => {
    expect(parseRosterEntry('D')).toEqual({ kind: 'shift', code: 'D' });
    expect(parseRosterEntry('REST')).toEqual({ kind: 'rest' });
    expect(parseRosterEntry('leave:sick')).toEqual({ kind: 'leave', leave: 'sick' });
    expect(parseRosterEntry('leave:holiday')).toBeNull();
    expect(parseRosterEntry('白班')).toBeNull();
  });
  it('the defaults are valid and N crosses midnight', () => {
    for (const s of DEFAULT_SHIFTS) expect(ShiftTypeSchema.parse(s)).toEqual(s);
    expect(DEFAULT_SHIFTS.map(crossesMidnight)).toEqual([false, false, true]);
    expect(ShiftTypeSchema.safeParse({ code: 'rest', name: 'x', start: '08:00', end: '09:00' }).success).toBe(false);
    expect(ShiftTypeSchema.safeParse({ code: 'D', name: 'x', start: '24:00', end: '09:00' }).success).toBe(false);
  });
});
