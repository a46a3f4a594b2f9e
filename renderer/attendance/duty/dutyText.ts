import { clockMinutes } from '../../../shared/attendance/schema.js';

/** The first and last day of `d`'s month (local dates), YYYY-MM-DD. */
export function monthBounds(d: Date): { from: string; to: string } {
  const y = d.getFullYear();
  const m = d.getMonth();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const last = new Date(y, m + 1, 0).getDate();
  return { from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 1)}-${pad(last)}` };
}

/** A span whose end is at or before its start ends the next day. */
export function crossesMidnightText(start: string, end: string): boolean {
  return clockMinutes(end) <= clockMinutes(start);
}
