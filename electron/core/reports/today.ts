import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { centerDate, dayBounds, DEFAULT_UTC_OFFSET_MINUTES } from '../../../shared/reports/day.js';

/** The center's UTC offset: the one the SLA clocks use (business hours), else +08:00. */
export function centerOffset(config: ConsoleConfig): number {
  return config.sla.businessHours?.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
}

/** Today in the center's time zone: its date and [start, now]. */
export function today(config: ConsoleConfig, now: number): { date: string; start: number; end: number; offset: number } {
  const offset = centerOffset(config);
  const date = centerDate(now, offset);
  return { date, start: dayBounds(date, offset).start, end: now + 1, offset };
}
