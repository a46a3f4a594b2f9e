import { z } from 'zod';
import { round1 } from './figures.js';

/**
 * The periods a supervisor reviews (domain.md "Who uses it": monthly,
 * quarterly, yearly statistics; the weekly hard-problem summary and quality
 * sampling): calendar units of center days, or a chosen range. Dates are
 * YYYY-MM-DD; weeks start on Monday (the Chinese work week).
 */
export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'range'] as const;
export const PeriodKindSchema = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

export interface DateRange {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): string => ymd(Date.UTC(y, m, d));

/** The day `n` days after `date` (before, when negative). */
export function addDays(date: string, n: number): string {
  return ymd(ms(date) + n * DAY);
}

/** Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const dow = new Date(ms(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** The calendar unit of `kind` holding `anchor` (for `range`, the anchor day alone). */
export function periodOf(kind: PeriodKind, anchor: string): DateRange {
  const d = new Date(ms(anchor));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'week': {
      const from = weekStart(anchor);
      return { from, to: addDays(from, 6) };
    }
    case 'month':
      return { from: utc(y, m, 1), to: utc(y, m + 1, 0) };
    case 'quarter': {
      const q = Math.floor(m / 3) * 3;
      return { from: utc(y, q, 1), to: utc(y, q + 3, 0) };
    }
    case 'year':
      return { from: utc(y, 0, 1), to: utc(y, 11, 31) };
    case 'range':
      return { from: anchor, to: anchor };
  }
}

/**
 * The period a report is compared with: the previous calendar unit for a
 * week, month, quarter or year (March is compared with all of February, 28
 * or 29 days), otherwise the same number of days just before `from`.
 */
export function previousPeriod(kind: PeriodKind, range: DateRange): DateRange {
  if (kind === 'range') {
    const days = Math.round((ms(range.to) - ms(range.from)) / DAY) + 1;
    return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
  }
  return periodOf(kind, addDays(range.from, -1));
}

/** How a figure moved against the previous period. */
export interface Change {
  /** current - previous; null when either is unknown */
  delta: number | null;
  /** (current - previous) / previous x 100, one decimal; null when either is unknown or the previous is 0 (no base) */
  percent: number | null;
  direction: 'up' | 'down' | 'flat' | 'none';
}

/**
 * Up / down % against the previous period. A previous 0 has no base: the
 * percent is null (the screen says "new"), but the direction still tells
 * up from flat. A missing figure on either side compares to nothing.
 */
export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return { delta: null, percent: null, direction: 'none' };
  const delta = round1(current - previous);
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  return { delta, percent: previous === 0 ? (delta === 0 ? 0 : null) : round1(((current - previous) / Math.abs(previous)) * 100), direction };
}
