import type { Call, CallTimes } from './schema.js';

/**
 * A call's timers from its stored timestamps and `now`, never from a ticking
 * counter: a reload, a sleeping PC or a crash loses nothing, and the console,
 * the wallboard and the reports compute the same figures. Every figure is
 * whole seconds and never negative, even when the clock jumped backwards.
 *
 * - ring: ringing until answered (or until it ended unanswered)
 * - hold: completed holds plus the running one
 * - talk: (end or now) − answer − hold
 * - wrap: after-call work from hang-up until the disposition is saved, capped
 *   at the after-call work limit: an agent who left a call undisposed past the
 *   limit became ready at the limit, so the wrap-up never counts beyond it.
 */
export type TimedCall = Pick<Call, 'status' | 'ringAt' | 'answerAt' | 'holdStartedAt' | 'holdSeconds' | 'endAt' | 'wrapEndAt'>;

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** Whole seconds from a to b; 0 when b is before a (a clock set back). */
export function secondsBetween(a: number, b: number): number {
  return Math.max(0, Math.floor((b - a) / 1000));
}

/** When the after-call work of an answered, hung-up call ends by itself; null when it has not begun. */
export function wrapDeadline(call: TimedCall, afterCallWorkSeconds: number): number | null {
  const end = ms(call.endAt);
  if (end === null || call.answerAt === null) return null;
  return end + afterCallWorkSeconds * 1000;
}

/** The call waits for its disposition after the limit passed: the agent is ready again, the call stays flagged until disposed. */
export function wrapOverdue(call: TimedCall, now: number, afterCallWorkSeconds: number): boolean {
  const deadline = wrapDeadline(call, afterCallWorkSeconds);
  return call.status === 'wrap_up' && deadline !== null && now >= deadline;
}

/** The stored end of after-call work for a disposition saved at `now`: never past the limit. */
export function cappedWrapEnd(call: TimedCall, now: number, afterCallWorkSeconds: number): number {
  const end = ms(call.endAt) ?? now;
  const deadline = end + afterCallWorkSeconds * 1000;
  return Math.max(end, Math.min(now, deadline));
}

export function callTimes(call: TimedCall, now: number, afterCallWorkSeconds: number): CallTimes {
  const ring = ms(call.ringAt) ?? now;
  const answer = ms(call.answerAt);
  const end = ms(call.endAt);
  const holdStart = ms(call.holdStartedAt);
  const until = end ?? now;
  const ringSeconds = secondsBetween(ring, answer ?? until);
  const holdSeconds = Math.max(0, call.holdSeconds) + (holdStart !== null ? secondsBetween(holdStart, until) : 0);
  const talkSeconds = answer === null ? 0 : Math.max(0, secondsBetween(answer, until) - holdSeconds);
  let wrapSeconds = 0;
  let wrapRemainingSeconds: number | null = null;
  const deadline = wrapDeadline(call, afterCallWorkSeconds);
  if (end !== null && deadline !== null && (call.status === 'wrap_up' || call.status === 'ended')) {
    const wrapEnd = ms(call.wrapEndAt);
    const stop = wrapEnd ?? Math.min(now, deadline);
    wrapSeconds = Math.min(secondsBetween(end, stop), afterCallWorkSeconds);
    if (call.status === 'wrap_up') wrapRemainingSeconds = Math.ceil(Math.max(0, deadline - Math.max(now, end)) / 1000);
  }
  return { ringSeconds, talkSeconds, holdSeconds, wrapSeconds, wrapRemainingSeconds };
}
