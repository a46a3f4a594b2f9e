/**
 * Day types from a year's listed days: pure, so the roster grid, attendance,
 * the sheets and the server classify a date the same way.
 */
import type { DayType, HolidayDay } from './schema.js';

export type HolidayIndex = ReadonlyMap<string, HolidayDay>;

export function indexHolidays(days: Iterable<HolidayDay>): HolidayIndex {
  const map = new Map<string, HolidayDay>();
  for (const d of days) map.set(d.date, d);
  return map;
}

/** 0 = Sunday ... 6 = Saturday, of a YYYY-MM-DD date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function dayType(date: string, holidays: HolidayIndex): DayType {
  const listed = holidays.get(date);
  if (listed) return listed.kind;
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

/** An official working day: a weekday outside holiday ranges, or an adjusted working day ("fill from the calendar"). */
export function isOfficialWorkday(type: DayType): boolean {
  return type === 'workday' || type === 'adjusted_workday';
}

/** The dates of a YYYY-MM month, in order. */
export function monthDates(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
