/**
 * The holiday form's rows (issue 16 point 3): an admin types each holiday as
 * the State Council's notice reads (name, first and last day, its statutory
 * days, its make-up working days) and this turns them into the listed days
 * `holidays import` takes; and back, to edit a stored year.
 */
import { addDays } from './calendar.js';
import { DateSchema, type HolidayDay } from './schema.js';

export interface HolidayRange {
  name: string;
  from: string;
  to: string;
  statutory: string[];
  workdays: string[];
}

export type HolidayRangeProblem = { row: number; problem: 'needName' | 'badDate' | 'badRange' | 'outside' | 'none'; date?: string };

const inYear = (date: string, year: number): boolean => DateSchema.safeParse(date).success && date.startsWith(`${year}-`);

export function daysFromRanges(year: number, ranges: readonly HolidayRange[]): { ok: true; days: HolidayDay[] } | ({ ok: false } & HolidayRangeProblem) {
  if (ranges.length === 0) return { ok: false, row: 0, problem: 'none' };
  const days = new Map<string, HolidayDay>();
  for (const [i, r] of ranges.entries()) {
    const row = i + 1;
    const name = r.name.trim();
    if (name === '') return { ok: false, row, problem: 'needName' };
    const dates = [r.from, r.to, ...r.statutory, ...r.workdays];
    const bad = dates.find((d) => !inYear(d, year));
    if (bad !== undefined) return { ok: false, row, problem: 'badDate', date: bad };
    if (r.to < r.from) return { ok: false, row, problem: 'badRange' };
    const outside = r.statutory.find((d) => d < r.from || d > r.to);
    if (outside) return { ok: false, row, problem: 'outside', date: outside };
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) days.set(d, { date: d, kind: r.statutory.includes(d) ? 'statutory' : 'holiday_rest', name });
    for (const d of r.workdays) days.set(d, { date: d, kind: 'adjusted_workday', name });
  }
  return { ok: true, days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)) };
}

/** A stored year as form rows, one per holiday name, in date order. */
export function rangesFromDays(days: readonly HolidayDay[]): HolidayRange[] {
  const byName = new Map<string, HolidayRange>();
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const r = byName.get(d.name) ?? { name: d.name, from: '', to: '', statutory: [], workdays: [] };
    if (d.kind === 'adjusted_workday') r.workdays.push(d.date);
    else {
      if (r.from === '' || d.date < r.from) r.from = d.date;
      if (r.to === '' || d.date > r.to) r.to = d.date;
      if (d.kind === 'statutory') r.statutory.push(d.date);
    }
    byName.set(d.name, r);
  }
  return [...byName.values()].filter((r) => r.from !== '').sort((a, b) => a.from.localeCompare(b.from));
}

/** "2026-02-14, 2026-02-28" -> dates (commas, Chinese commas, spaces). */
export function splitDates(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
