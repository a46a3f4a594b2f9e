/**
 * The official holiday calendars shipped with the app (State Council notices;
 * domain.md lists 2026). An admin adds later years (form, or `holidays
 * import` with the shape `holidays list` prints).
 */
import type { HolidayDay } from './schema.js';

function range(from: string, to: string, kind: HolidayDay['kind'], name: string): HolidayDay[] {
  const out: HolidayDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind, name });
  }
  return out;
}

/** A holiday range: its statutory days, the rest of the range as holiday_rest, and its make-up working days. */
function holiday(name: string, from: string, to: string, statutory: string[], workdays: string[] = []): HolidayDay[] {
  const days = range(from, to, 'holiday_rest', name).map((d) => (statutory.includes(d.date) ? { ...d, kind: 'statutory' as const } : d));
  return [...days, ...workdays.map((date) => ({ date, kind: 'adjusted_workday' as const, name }))];
}

/** 国务院办公厅关于2026年部分节假日安排的通知 (as domain.md gives it). */
export const HOLIDAYS_2026: readonly HolidayDay[] = [
  ...holiday('元旦', '2026-01-01', '2026-01-03', ['2026-01-01'], ['2026-01-04']),
  ...holiday('春节', '2026-02-15', '2026-02-23', ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'], ['2026-02-14', '2026-02-28']),
  ...holiday('清明节', '2026-04-04', '2026-04-06', ['2026-04-05']),
  ...holiday('劳动节', '2026-05-01', '2026-05-05', ['2026-05-01', '2026-05-02'], ['2026-05-09']),
  ...holiday('端午节', '2026-06-19', '2026-06-21', ['2026-06-19']),
  ...holiday('中秋节', '2026-09-25', '2026-09-27', ['2026-09-25']),
  ...holiday('国庆节', '2026-10-01', '2026-10-07', ['2026-10-01', '2026-10-02', '2026-10-03'], ['2026-09-20', '2026-10-10']),
].sort((a, b) => a.date.localeCompare(b.date));

/** Built-in calendars by year. */
export const BUILT_IN_HOLIDAYS: Readonly<Record<number, readonly HolidayDay[]>> = { 2026: HOLIDAYS_2026 };
