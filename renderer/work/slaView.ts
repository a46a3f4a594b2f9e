import type { SlaClock, TicketSla } from '../../shared/tickets/schema.js';

/** domain.md's default warning window; the admin's config (sla.warnBeforeMinutes) may pass another. */
export const DEFAULT_WARN_BEFORE_MS = 15 * 60_000;

export type SlaLiveState = SlaClock['state'];
export type SlaClockName = 'firstResponse' | 'resolution';

export interface SlaLive {
  /** which clock the badge shows: the first response while it is still owed, then the resolution */
  clock: SlaClockName;
  state: SlaLiveState;
  /** ms until due (negative: overdue); null when met or paused without a due time */
  remainingMs: number | null;
  dueAt: string | null;
}

/**
 * A clock's state at `now`, re-derived from its `dueAt` so a badge left on
 * screen keeps counting (the core's `remainingMs` is only right at the moment
 * it answered). Met and paused clocks do not move; a paused clock shows the
 * time it had left when it stopped.
 */
export function liveClock(clock: SlaClock, now: number, warnBeforeMs = DEFAULT_WARN_BEFORE_MS): { state: SlaLiveState; remainingMs: number | null } {
  if (clock.state === 'met') return { state: 'met', remainingMs: null };
  if (clock.state === 'paused') return { state: 'paused', remainingMs: clock.remainingMs };
  if (clock.dueAt === null) return { state: clock.state, remainingMs: clock.remainingMs };
  const due = Date.parse(clock.dueAt);
  if (Number.isNaN(due)) return { state: clock.state, remainingMs: clock.remainingMs };
  const remainingMs = due - now;
  // Once the core says breached it stays breached (business hours may put dueAt after a wall-clock "now").
  if (clock.state === 'breached' || remainingMs <= 0) return { state: 'breached', remainingMs: Math.min(remainingMs, clock.remainingMs ?? remainingMs) };
  if (clock.state === 'warning' || remainingMs <= warnBeforeMs) return { state: 'warning', remainingMs };
  return { state: 'ok', remainingMs };
}

/** The clock an agent must act on: the first response until it is met, then the resolution. */
export function slaLive(sla: TicketSla, now: number, warnBeforeMs = DEFAULT_WARN_BEFORE_MS): SlaLive {
  const first = liveClock(sla.firstResponse, now, warnBeforeMs);
  if (first.state !== 'met') return { clock: 'firstResponse', ...first, dueAt: sla.firstResponse.dueAt };
  return { clock: 'resolution', ...liveClock(sla.resolution, now, warnBeforeMs), dueAt: sla.resolution.dueAt };
}

/** Lower sorts first: breached, then warning, then by time left; met and paused last. */
export function slaUrgency(sla: TicketSla | undefined, now: number): number {
  if (!sla) return Number.MAX_SAFE_INTEGER;
  const live = slaLive(sla, now);
  if (live.state === 'met') return Number.MAX_SAFE_INTEGER - 1;
  if (live.state === 'paused') return Number.MAX_SAFE_INTEGER - 2;
  return live.remainingMs ?? Number.MAX_SAFE_INTEGER - 3;
}

/** Always positive: the badge's words, not a minus sign, say whether it is time left or time over. */
export function durationParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.floor(Math.abs(ms) / 1000);
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

export function formatDuration(ms: number, dayWord: (days: number) => string): string {
  const { days, hours, minutes, seconds } = durationParts(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${days > 0 ? pad(hours) : hours}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${dayWord(days)} ${clock}` : clock;
}
