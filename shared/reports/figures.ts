/**
 * The figures of domain.md "The figures, exactly", as pure functions of
 * plain data, so the wallboard, the period reports, the CLI and the tests
 * compute them the same way. Every ratio is null when its denominator is
 * empty (never NaN, never a division by zero). Percentages are 0-100 and,
 * like seconds, rounded to one decimal.
 */

/** Rounds to one decimal; the figures are shown and compared at that precision. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** n / d x 100, one decimal; null when there is nothing to divide by. */
export function percent(n: number, d: number): number | null {
  return d > 0 ? round1((n / d) * 100) : null;
}

/** sum / count, one decimal; null over nothing. */
export function mean(sum: number, count: number): number | null {
  return count > 0 ? round1(sum / count) : null;
}

/** The call-figure rules an admin may change (defaults: domain.md). */
export interface CallRules {
  /** rang and ended unanswered within this many seconds: a short abandon (5) */
  shortAbandonSeconds: number;
  /** answered within this many seconds of ringing counts for service level (20) */
  serviceLevelSeconds: number;
}

/**
 * One inbound call as the figures read it. Times are UTC ms; the seconds
 * are the call's timers (shared/desk/callTimer.ts): talk excludes hold,
 * wrap is the after-call work up to its limit.
 */
export interface CallFact {
  ringAt: number;
  answerAt: number | null;
  /** when it hung up; null while it still rings or is on the line */
  endAt: number | null;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
}

export type CallOutcome = 'answered' | 'abandoned' | 'short_abandon' | 'ringing';

/** What a call counts as: answered, abandoned, a short abandon (left out of SL and abandon rate), or still ringing. */
export function callOutcome(call: CallFact, rules: CallRules): CallOutcome {
  if (call.answerAt !== null) return 'answered';
  if (call.endAt === null) return 'ringing';
  return call.endAt - call.ringAt <= rules.shortAbandonSeconds * 1000 ? 'short_abandon' : 'abandoned';
}

/** Whether an answered call was answered within the service-level target. */
export function answeredInTarget(call: CallFact, rules: CallRules): boolean {
  return call.answerAt !== null && call.answerAt - call.ringAt <= rules.serviceLevelSeconds * 1000;
}

/** Handle time of an answered call: talk + hold + after-call work. */
export function handleSeconds(call: CallFact): number {
  return call.talkSeconds + call.holdSeconds + call.wrapSeconds;
}

export interface CallFigures {
  /** inbound calls that rang (short abandons and calls still ringing included) */
  offered: number;
  answered: number;
  /** ended unanswered, short abandons excluded */
  abandoned: number;
  shortAbandoned: number;
  answeredInTarget: number;
  /** answered within target / (answered + abandoned) x 100 */
  serviceLevel: number | null;
  /** abandoned / (answered + abandoned) x 100 */
  abandonRate: number | null;
  /** mean of (answered - rang) over answered calls, seconds */
  asaSeconds: number | null;
  /** (talk + hold + after-call work) / answered, seconds */
  ahtSeconds: number | null;
  /** talk + hold + after-call work of the answered calls, seconds (occupancy's numerator) */
  handleSeconds: number;
}

export function callFigures(calls: readonly CallFact[], rules: CallRules): CallFigures {
  let answered = 0;
  let abandoned = 0;
  let shortAbandoned = 0;
  let inTarget = 0;
  let waitMs = 0;
  let handle = 0;
  for (const call of calls) {
    const outcome = callOutcome(call, rules);
    if (outcome === 'answered' && call.answerAt !== null) {
      answered++;
      waitMs += Math.max(0, call.answerAt - call.ringAt);
      handle += handleSeconds(call);
      if (answeredInTarget(call, rules)) inTarget++;
    } else if (outcome === 'abandoned') abandoned++;
    else if (outcome === 'short_abandon') shortAbandoned++;
  }
  const counted = answered + abandoned;
  return {
    offered: calls.length,
    answered,
    abandoned,
    shortAbandoned,
    answeredInTarget: inTarget,
    serviceLevel: percent(inTarget, counted),
    abandonRate: percent(abandoned, counted),
    asaSeconds: answered > 0 ? round1(waitMs / 1000 / answered) : null,
    ahtSeconds: mean(handle, answered),
    handleSeconds: handle,
  };
}

/** Occupancy = handle time / (handle time + time ready) x 100. */
export function occupancy(handle: number, readySeconds: number): number | null {
  return percent(handle, handle + readySeconds);
}

/** A ticket resolved in the period, as first-contact resolution reads it. */
export interface ResolvedTicketFact {
  /** escalated, transferred or dispatched at any time */
  handedOff: boolean;
  /** reopened at any time */
  reopened: boolean;
  linkedCalls: number;
  /** resolved within its resolution target (the SLA clock says met) */
  slaMet: boolean;
}

/** Resolved with no hand-off, never reopened, at most one linked call. */
export function isFirstContactResolution(t: ResolvedTicketFact): boolean {
  return !t.handedOff && !t.reopened && t.linkedCalls <= 1;
}

/** FCR = first-contact resolutions / tickets resolved in the period x 100. */
export function firstContactResolution(resolved: readonly ResolvedTicketFact[]): number | null {
  return percent(resolved.filter(isFirstContactResolution).length, resolved.length);
}

/** SLA met = tickets resolved within their resolution target / tickets resolved x 100. */
export function slaMet(resolved: readonly ResolvedTicketFact[]): number | null {
  return percent(resolved.filter((t) => t.slaMet).length, resolved.length);
}

export interface Satisfaction {
  /** follow-ups scored 4 or 5 / follow-ups scored x 100 */
  csat: number | null;
  /** the mean score (1-5), one decimal */
  mean: number | null;
  scored: number;
}

/** CSAT over the scores recorded in the period (scores outside 1-5 are not scores and are ignored). */
export function satisfaction(scores: readonly number[]): Satisfaction {
  const valid = scores.filter((s) => Number.isInteger(s) && s >= 1 && s <= 5);
  const satisfied = valid.filter((s) => s >= 4).length;
  const sum = valid.reduce((a, b) => a + b, 0);
  return { csat: percent(satisfied, valid.length), mean: mean(sum, valid.length), scored: valid.length };
}
