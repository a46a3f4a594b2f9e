import { describe, expect, it } from 'vitest';
import { indexHolidays } from '../../../shared/attendance/calendar.js';
import { HOLIDAYS_2026 } from '../../../shared/attendance/holidays.js';
import { checkHolidayWrite, checkRosterWrite, checkShiftWrite } from '../../../shared/attendance/planRules.js';
import { columnLetter, copyLastWeek, entryFromTyped, fillFromCalendar, parseRosterTable, splitDelimited, weekStartOf } from '../../../shared/attendance/roster.js';
import type { Actor } from '../../../shared/roles.js';

const cal = indexHolidays(HOLIDAYS_2026);
const known = { agents: ['li', 'Wang'], shifts: ['D', 'E', 'N'] };

describe('fill from the calendar', () => {
  it('puts the shift on weekdays outside holiday ranges and on adjusted working days only', () => {
    // 2026-09-28 Mon .. 2026-10-11 Sun: National Day Oct 1-7, Sep 20 and Oct 10 (Sat) work.
    const dates = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 8, 28 + i)).toISOString().slice(0, 10));
    const filled = fillFromCalendar(['li'], dates, cal, 'D').map((e) => e.date);
    expect(filled).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });
  it('keeps leave already planned and fills every agent', () => {
    const filled = fillFromCalendar(['li', 'Wang'], ['2026-12-07', '2026-12-08'], cal, 'E', new Map([['li|2026-12-07', 'leave:annual'], ['li|2026-12-08', 'N']]));
    expect(filled).toEqual([
      { agentId: 'li', date: '2026-12-08', entry: 'E' },
      { agentId: 'Wang', date: '2026-12-07', entry: 'E' },
      { agentId: 'Wang', date: '2026-12-08', entry: 'E' },
    ]);
  });
});

describe('copy last week', () => {
  it('finds the Monday of a week', () => {
    expect(weekStartOf('2026-12-07')).toBe('2026-12-07');
    expect(weekStartOf('2026-12-13')).toBe('2026-12-07');
    expect(weekStartOf('2026-12-01')).toBe('2026-11-30');
  });
  it('copies each weekday from seven days earlier, rest where nothing was planned', () => {
    const current = new Map([['li|2026-11-30', 'D'], ['li|2026-12-05', 'N'], ['li|2026-12-06', 'leave:sick']]);
    const copied = copyLastWeek(['li'], '2026-12-07', current);
    expect(copied.map((e) => `${e.date} ${e.entry}`)).toEqual(['2026-12-07 D', '2026-12-08 rest', '2026-12-09 rest', '2026-12-10 rest', '2026-12-11 rest', '2026-12-12 N', '2026-12-13 leave:sick']);
  });
});

describe('a typed grid cell', () => {
  it('reads codes in any case, rest, leave, and refuses what is not an entry or not a shift', () => {
    expect(entryFromTyped('d', known.shifts)).toBe('D');
    expect(entryFromTyped(' rest ', known.shifts)).toBe('rest');
    expect(entryFromTyped('休', known.shifts)).toBe('rest');
    expect(entryFromTyped('', known.shifts)).toBe('rest');
    expect(entryFromTyped('leave:SICK', known.shifts)).toBe('leave:sick');
    expect(entryFromTyped('假', known.shifts)).toBe('leave:other');
    expect(entryFromTyped('X', known.shifts)).toBeNull();
    expect(entryFromTyped('leave:holiday', known.shifts)).toBeNull();
    expect(entryFromTyped('D D', known.shifts)).toBeNull();
  });
});

describe('roster tables', () => {
  it('reads the long form, header first, codes and agents as stored', () => {
    const rows = splitDelimited('\uFEFFagent,date,entry\r\nli,2026-12-01,d\r\nwang,2026-12-01,leave:sick\r\n\r\nli,2026-12-02,rest\r\n');
    const r = parseRosterTable(rows, known);
    expect(r).toEqual({
      ok: true,
      shape: 'long',
      entries: [
        { agentId: 'li', date: '2026-12-01', entry: 'D' },
        { agentId: 'Wang', date: '2026-12-01', entry: 'leave:sick' },
        { agentId: 'li', date: '2026-12-02', entry: 'rest' },
      ],
    });
  });
  it('reads the wide grid with a name column; an empty cell is rest', () => {
    const rows = splitDelimited('agent,姓名,2026-12-01,2026-12-02\nli,"李, 四",D,\nWang,王五,N,leave:comp\n');
    const r = parseRosterTable(rows, known);
    expect(r.ok && r.shape).toBe('wide');
    expect(r.ok && r.entries.map((e) => `${e.agentId} ${e.date} ${e.entry}`)).toEqual(['li 2026-12-01 D', 'li 2026-12-02 rest', 'Wang 2026-12-01 N', 'Wang 2026-12-02 leave:comp']);
  });
  it('reads tab-separated text (what Excel copies)', () => {
    expect(splitDelimited('a\tb\n"c\td"\te', '\t')).toEqual([['a', 'b'], ['c\td', 'e']]);
  });
  it.each([
    ['agent,date,entry\nli,2026-12-01,D\nli,2026-13-01,D\n', 3, 'B', 'ROSTER_FILE_INVALID'],
    ['agent,date,entry\nli,2026-12-01,X9\n', 2, 'C', 'SHIFT_UNKNOWN'],
    ['agent,date,entry\nli,2026-12-01,D\nzhao,2026-12-01,D\n', 3, 'A', 'AGENT_UNKNOWN'],
    ['agent,date,entry\nli,2026-12-01,leave:holiday\n', 2, 'C', 'ROSTER_FILE_INVALID'],
    ['agent,date,entry\nli,2026-12-01,D\nli,2026-12-01,E\n', 3, 'A', 'ROSTER_FILE_INVALID'],
    ['agent,date,entry\nli,2026-12-01,\n', 2, 'C', 'ROSTER_FILE_INVALID'],
    ['agent,2026-12-01,2026-12-02\nli,D,E\nwang,D,Q\n', 3, 'C', 'SHIFT_UNKNOWN'],
    ['agent,2026-12-01,Dec 2\nli,D,E\n', 1, 'C', 'ROSTER_FILE_INVALID'],
    ['who,date,entry\nli,2026-12-01,D\n', 1, 'A', 'ROSTER_FILE_INVALID'],
    ['', 1, 'A', 'ROSTER_FILE_INVALID'],
  ])('names the bad cell by line and column: %j', (text, line, letter, code) => {
    const r = parseRosterTable(splitDelimited(text), known);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatchObject({ line, columnLetter: letter, code });
      expect(r.problem.message).toContain(`line ${line}, column ${letter}`);
    }
  });
  it('letters columns as a spreadsheet does', () => {
    expect([1, 26, 27, 33, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AG', 'ZZ', 'AAA']);
  });
});

describe('who may change the plan', () => {
  const admin: Actor = { username: 'root', role: 'admin', team: null };
  const sup: Actor = { username: 'chen', role: 'supervisor', team: 't1' };
  const agent: Actor = { username: 'li', role: 'agent', team: 't1' };
  it('lets only admins change shifts and the calendar', () => {
    expect(checkShiftWrite(admin)).toBeNull();
    expect(checkShiftWrite(sup)?.code).toBe('FORBIDDEN');
    expect(checkHolidayWrite(sup)?.code).toBe('FORBIDDEN');
    expect(checkHolidayWrite(admin)).toBeNull();
  });
  it('lets supervisors plan their own team and admins every team, never agents', () => {
    expect(checkRosterWrite(null, { team: 't1' }, sup)).toBeNull();
    expect(checkRosterWrite(null, { team: 't2' }, sup)?.code).toBe('FORBIDDEN');
    expect(checkRosterWrite({ team: 't2' }, { team: 't1' }, sup)?.code).toBe('FORBIDDEN');
    expect(checkRosterWrite(null, { team: 't1' }, agent)?.code).toBe('FORBIDDEN');
    expect(checkRosterWrite(null, { team: 't2' }, admin)).toBeNull();
  });
});

describe('the holiday form', () => {
  it('turns the 2026 notice typed as ranges into exactly the built-in calendar, and back', async () => {
    const { daysFromRanges, rangesFromDays } = await import('../../../shared/attendance/holidayForm.js');
    const ranges = rangesFromDays(HOLIDAYS_2026);
    expect(ranges.map((r) => r.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(ranges[1]).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23', statutory: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], workdays: ['2026-02-14', '2026-02-28'] });
    expect(daysFromRanges(2026, ranges)).toEqual({ ok: true, days: [...HOLIDAYS_2026] });
  });
  it('names the row of a bad holiday', async () => {
    const { daysFromRanges } = await import('../../../shared/attendance/holidayForm.js');
    const good = { name: '元旦', from: '2027-01-01', to: '2027-01-03', statutory: ['2027-01-01'], workdays: [] };
    expect(daysFromRanges(2027, [good, { ...good, name: ' ' }])).toMatchObject({ ok: false, row: 2, problem: 'needName' });
    expect(daysFromRanges(2027, [{ ...good, to: '2026-12-31' }])).toMatchObject({ ok: false, row: 1, problem: 'badDate' });
    expect(daysFromRanges(2027, [{ ...good, from: '2027-01-03', to: '2027-01-01' }])).toMatchObject({ ok: false, problem: 'badRange' });
    expect(daysFromRanges(2027, [{ ...good, statutory: ['2027-01-05'] }])).toMatchObject({ ok: false, problem: 'outside', date: '2027-01-05' });
    expect(daysFromRanges(2027, [])).toMatchObject({ ok: false, problem: 'none' });
  });
});
