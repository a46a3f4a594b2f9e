import type { BusinessHours, ConsoleConfig } from './schema.js';
import type { Channel, Severity, SlaClock, TicketSla } from '../tickets/schema.js';
import type { TicketStatus } from '../tickets/stateMachine.js';

/**
 * The SLA clocks of a ticket (domain.md: respond within 30 minutes; resolve
 * urgent in 2 h, normal in 4 h; the 4-hour contact rule), computed from the
 * ticket and its history only, so every PC of a team shows the same clocks
 * for the same synced rows.
 *
 * Rules, precisely:
 * - First response is due `firstResponseMinutes` after creation. It happened
 *   at the earliest of: the ticket's first status change away from `new`, its
 *   first recorded contact (history `contact`), or creation itself for the
 *   live channels (phone, walk-in: the agent was talking to the customer).
 * - Resolution is due `resolutionMinutes[severity]` after creation, measured
 *   until resolvedAt. The clock stops while the ticket waits on the customer
 *   (`waiting_customer`: state `paused`) and while it is resolved, confirmed
 *   or closed; a reopened ticket continues with the time it had left.
 * - With `businessHours` set, both clocks count only the center's working
 *   time (working weekdays, minus closed dates, plus 调休 open dates, in the
 *   center's UTC offset, never the PC's zone); otherwise wall time.
 * - `warning` within `warnBeforeMinutes` of the due time, `breached` past it
 *   (a late ticket stays `breached` with its dueAt after it is resolved),
 *   `met` when done in time.
 * - The 4-hour rule (its hours from the config): `contactDueAt` = creation +
 *   `fourHourRuleMinutes` (on the same clock as the SLA), then a full interval
 *   after each progress contact that counted. A contact is owed when the
 *   ticket is open, not waiting on the customer, and due. A progress contact
 *   counts when it is a `contact` history entry recorded at or after
 *   contactDueAt − warnBeforeMinutes: the rule asks the agent to explain the
 *   status each time the ticket outlives another window, and the reminder
 *   opens warnBeforeMinutes ahead, so a call made on the reminder clears it;
 *   an intake or first-response call made earlier did not explain any delay.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Guards loops against a calendar with (nearly) no working days: ~11 years. */
const MAX_DAYS = 4_000;

/** The ticket fields the clocks read. */
export interface SlaTicket {
  status: TicketStatus;
  severity: Severity;
  channel: Channel;
  createdAt: string;
  resolvedAt: string | null;
}

/** A history entry as the clocks read it: its time, its action and, for status changes, the new status. */
export interface SlaEvent {
  at: string;
  action: string;
  /** the status it moved the ticket to (changes.status.to), if it changed the status */
  toStatus?: TicketStatus | undefined;
}

/** Channels on which the customer is talking to the agent when the ticket is registered. */
export const LIVE_CHANNELS: readonly Channel[] = ['phone', 'walkin'];
/** Statuses in which the resolution clock does not run. */
const STOPPED: readonly TicketStatus[] = ['waiting_customer', 'resolved', 'confirmed', 'closed'];

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** YYYY-MM-DD of a day number (days since 1970-01-01 in the center's calendar). */
function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** A working calendar: whether a center day is open and its window in UTC ms. */
export interface BusinessCalendar {
  /** the day number (center's calendar) of an instant */
  dayOf(ms: number): number;
  /** [start, end) in UTC ms of a day's working hours, or null on a closed day */
  window(day: number): [number, number] | null;
}

export function businessCalendar(bh: BusinessHours): BusinessCalendar {
  const offset = bh.utcOffsetMinutes * MINUTE;
  const start = minutesOf(bh.start) * MINUTE;
  const end = minutesOf(bh.end) * MINUTE;
  const days = new Set(bh.days);
  const closed = new Set(bh.closedDates);
  const open = new Set(bh.openDates);
  return {
    dayOf: (ms) => Math.floor((ms + offset) / DAY),
    window(day) {
      const date = dateOf(day);
      // A holiday (closed date) wins over everything; a 调休 open date makes a rest day a working day.
      if (closed.has(date)) return null;
      const weekday = ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
      if (!open.has(date) && !days.has(weekday)) return null;
      const base = day * DAY - offset;
      return [base + start, base + end];
    },
  };
}

/** Working milliseconds in [from, to) (wall milliseconds without a calendar). */
export function elapsedMs(cal: BusinessCalendar | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (!cal) return to - from;
  let total = 0;
  const last = cal.dayOf(to);
  for (let day = cal.dayOf(from), n = 0; day <= last && n < MAX_DAYS; day++, n++) {
    const w = cal.window(day);
    if (!w) continue;
    const s = Math.max(w[0], from);
    const e = Math.min(w[1], to);
    if (e > s) total += e - s;
  }
  return total;
}

/** The instant at which `amount` working milliseconds have passed since `from`. */
export function addWorkingMs(cal: BusinessCalendar | null, from: number, amount: number): number {
  if (!cal) return from + amount;
  let left = amount;
  for (let day = cal.dayOf(from), n = 0; n < MAX_DAYS; day++, n++) {
    const w = cal.window(day);
    if (!w) continue;
    const s = Math.max(w[0], from);
    if (s >= w[1]) continue;
    if (left <= w[1] - s) return s + left;
    left -= w[1] - s;
  }
  // No working time in ~11 years: the due time is as good as never.
  return from + MAX_DAYS * DAY;
}

interface Segment {
  from: number;
  /** Infinity: still running */
  to: number;
}

/** Where the resolution clock ran: from creation, except while stopped, until now or resolution. */
function runningSegments(ticket: SlaTicket, events: readonly SlaEvent[], end: number): Segment[] {
  const created = Date.parse(ticket.createdAt);
  const changes: { at: number; status: TicketStatus }[] = [];
  for (const e of events) if (e.toStatus) changes.push({ at: Math.max(created, Date.parse(e.at)), status: e.toStatus });
  // History from another PC may lag the row: the row's status is the truth for "now".
  const lastKnown = changes.at(-1)?.status ?? 'new';
  if (lastKnown !== ticket.status) changes.push({ at: Math.min(end, changes.at(-1)?.at ?? created), status: ticket.status });
  const out: Segment[] = [];
  let status: TicketStatus = 'new';
  let since = created;
  const close = (at: number) => {
    if (!STOPPED.includes(status) && at > since) out.push({ from: since, to: at });
  };
  for (const c of changes) {
    if (c.at >= end) break;
    close(c.at);
    status = c.status;
    since = c.at;
  }
  if (!STOPPED.includes(status)) out.push({ from: since, to: Infinity });
  return out;
}

function clockState(remaining: number, warnMs: number): SlaClock['state'] {
  if (remaining < 0) return 'breached';
  if (remaining <= warnMs) return 'warning';
  return 'ok';
}

/** The resolution clock at `now`. */
function resolutionClock(ticket: SlaTicket, events: readonly SlaEvent[], config: ConsoleConfig, cal: BusinessCalendar | null, now: number): SlaClock {
  const target = config.sla.resolutionMinutes[ticket.severity] * MINUTE;
  const warnMs = config.sla.warnBeforeMinutes * MINUTE;
  const done = STOPPED.includes(ticket.status) && ticket.status !== 'waiting_customer';
  const end = done && ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : now;
  const segments = runningSegments(ticket, events, Math.max(end, Date.parse(ticket.createdAt)));
  let used = 0;
  let dueAt: number | null = null;
  for (const seg of segments) {
    const upTo = Math.min(seg.to, end);
    const part = elapsedMs(cal, seg.from, upTo);
    if (dueAt === null && used + part >= target) dueAt = addWorkingMs(cal, seg.from, target - used);
    used += part;
  }
  const running = segments.length > 0 && segments[segments.length - 1]?.to === Infinity;
  const lastSegment = segments[segments.length - 1];
  if (dueAt === null && running && lastSegment) {
    // Not yet due: the rest of the target from where the running segment got to.
    dueAt = addWorkingMs(cal, lastSegment.from, target - (used - elapsedMs(cal, lastSegment.from, end)));
  }
  const remaining = target - used;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (done) {
    return remaining >= 0 ? { state: 'met', dueAt: iso(dueAt), remainingMs: null } : { state: 'breached', dueAt: iso(dueAt), remainingMs: remaining };
  }
  if (!running) {
    // Waiting on the customer: frozen. A ticket that was already late stays breached.
    return remaining < 0 ? { state: 'breached', dueAt: iso(dueAt), remainingMs: remaining } : { state: 'paused', dueAt: null, remainingMs: remaining };
  }
  return { state: clockState(remaining, warnMs), dueAt: iso(dueAt), remainingMs: remaining };
}

/** When the first response happened, or null while nobody has answered yet. */
export function firstResponseAt(ticket: SlaTicket, events: readonly SlaEvent[]): number | null {
  const created = Date.parse(ticket.createdAt);
  if (LIVE_CHANNELS.includes(ticket.channel)) return created;
  let first: number | null = null;
  for (const e of events) {
    const counts = e.action === 'contact' || (e.toStatus !== undefined && e.toStatus !== 'new');
    if (!counts) continue;
    const at = Math.max(created, Date.parse(e.at));
    if (first === null || at < first) first = at;
  }
  // A ticket that left `new` whose history has not reached this PC yet: someone answered it; do not flag it.
  if (first === null && ticket.status !== 'new') return created;
  return first;
}

function firstResponseClock(ticket: SlaTicket, events: readonly SlaEvent[], config: ConsoleConfig, cal: BusinessCalendar | null, now: number): SlaClock {
  const created = Date.parse(ticket.createdAt);
  const target = config.sla.firstResponseMinutes * MINUTE;
  const dueAt = new Date(addWorkingMs(cal, created, target)).toISOString();
  const answered = firstResponseAt(ticket, events);
  if (answered !== null) {
    const used = elapsedMs(cal, created, answered);
    return used <= target ? { state: 'met', dueAt, remainingMs: null } : { state: 'breached', dueAt, remainingMs: target - used };
  }
  const remaining = target - elapsedMs(cal, created, now);
  return { state: clockState(remaining, config.sla.warnBeforeMinutes * MINUTE), dueAt, remainingMs: remaining };
}

/** The clocks of one ticket at `now` (ms). `events` in history order (hlc). */
export function computeSla(ticket: SlaTicket, events: readonly SlaEvent[], config: ConsoleConfig, now: number): TicketSla {
  const cal = config.sla.businessHours ? businessCalendar(config.sla.businessHours) : null;
  const created = Date.parse(ticket.createdAt);
  // The rule recurs: a progress contact made once the reminder is open
  // (contactDue − warnBeforeMinutes or later) settles this due time, and the
  // next one falls a full interval after that contact; a contact made
  // earlier (intake, first response) explained no delay and moves nothing.
  const interval = config.fourHourRuleMinutes * MINUTE;
  const warn = config.sla.warnBeforeMinutes * MINUTE;
  let contactDue = addWorkingMs(cal, created, interval);
  let lastContact: number | null = null;
  const contacts = events
    .filter((e) => e.action === 'contact')
    .map((e) => Date.parse(e.at))
    .filter((at) => Number.isFinite(at))
    .sort((a, b) => a - b);
  for (const at of contacts) {
    lastContact = at;
    if (at >= contactDue - warn) contactDue = addWorkingMs(cal, at, interval);
  }
  const open = !STOPPED.includes(ticket.status);
  return {
    firstResponse: firstResponseClock(ticket, events, config, cal, now),
    resolution: resolutionClock(ticket, events, config, cal, now),
    contactOwed: open && now >= contactDue,
    contactDueAt: new Date(contactDue).toISOString(),
    lastContactAt: lastContact === null ? null : new Date(lastContact).toISOString(),
  };
}

/** Sort key for "most urgent first": breached first (longest overdue first), then soonest due; paused and met last. */
export function slaUrgency(sla: TicketSla): number {
  const r = sla.resolution;
  if (r.state === 'breached') return -1e15 + (r.remainingMs ?? 0);
  if (r.state === 'paused' || r.state === 'met' || r.dueAt === null) return 1e15 + (r.remainingMs ?? 0);
  return Date.parse(r.dueAt);
}
