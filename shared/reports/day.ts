/**
 * Days in the center's time zone (domain.md: "All periods are days in the
 * center's time zone"). The zone is a fixed UTC offset (the one the SLA
 * clocks use, businessHours.utcOffsetMinutes, +08:00 by default): China has
 * no daylight saving, and the PC's own zone must never move a figure from
 * one day to another.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY_MS = 86_400_000;

/** The center's UTC offset when no business hours are configured: China, +08:00. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** YYYY-MM-DD of the center's day that holds `ms`. */
export function centerDate(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** [start, end) in UTC ms of a center day given as YYYY-MM-DD. */
export function dayBounds(date: string, utcOffsetMinutes: number): { start: number; end: number } {
  const start = Date.parse(`${date}T00:00:00.000Z`) - utcOffsetMinutes * MINUTE;
  return { start, end: start + DAY_MS };
}

/** [start, end) in UTC ms of the center days from..to inclusive. */
export function rangeBounds(from: string, to: string, utcOffsetMinutes: number): { start: number; end: number } {
  return { start: dayBounds(from, utcOffsetMinutes).start, end: dayBounds(to, utcOffsetMinutes).end };
}

/** The hour of the center's day (0..23) that holds `ms`. */
export function centerHour(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((((ms + utcOffsetMinutes * MINUTE) % DAY_MS) + DAY_MS) % DAY_MS / HOUR);
}

/** HH:MM of `ms` on the center's clock (the "数据截至 10:42" stamp). */
export function centerClock(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE).toISOString().slice(11, 16);
}

/** Whole days from `from` to `to` inclusive (both YYYY-MM-DD). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
