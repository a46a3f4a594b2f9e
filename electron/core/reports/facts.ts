import { callTimes } from '../../../shared/desk/callTimer.js';
import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { CallFact, ResolvedTicketFact } from '../../../shared/reports/figures.js';
import type { StateLine } from '../../../shared/reports/stateTime.js';
import type { Category, Channel, Severity } from '../../../shared/tickets/schema.js';
import { OPEN_STATUSES, type TicketStatus } from '../../../shared/tickets/stateMachine.js';
import type { TicketSla } from '../../../shared/tickets/schema.js';
import type { AgentStateName, CallStatus } from '../../../shared/desk/schema.js';
import { CLOCK_ACTIONS, parseChanges, statusOfChanges } from '../desk/slaQuery.js';
import { computeSla, type SlaEvent } from '../../../shared/desk/sla.js';
import type { SqlReader } from '../store/types.js';

/**
 * The rows the figures are computed from, read for one window [start, end)
 * through the time indexes (calls.ring_at, tickets.created_at /
 * resolved_at, follow_ups.done_at, agent_state_log.at), never a scan of
 * everything before it. Open items (tickets, callbacks, hand-offs) are read
 * through their status indexes: "now" is what is open, whatever its age.
 */

const iso = (ms: number): string => new Date(ms).toISOString();

/** Runs `fn` over `ids` in chunks that stay far below SQLite's host-parameter limit. */
export function chunked<T>(ids: readonly string[], fn: (chunk: string[], marks: string) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 2_000) {
    const chunk = ids.slice(i, i + 2_000);
    out.push(...fn(chunk, chunk.map(() => '?').join(', ')));
  }
  return out;
}

export interface CallRow {
  id: string;
  agentId: string;
  number: string;
  direction: 'inbound' | 'outbound';
  status: CallStatus;
  ringAt: string;
  answerAt: string | null;
  holdStartedAt: string | null;
  holdSeconds: number;
  endAt: string | null;
  wrapEndAt: string | null;
}
export const CALL_COLUMNS = `id, agent_id AS agentId, number, direction, status, ring_at AS ringAt, answer_at AS answerAt, hold_started_at AS holdStartedAt,
  hold_seconds AS holdSeconds, end_at AS endAt, wrap_end_at AS wrapEndAt`;

/** Inbound calls that rang in [start, end): the calls the figures count. */
export function inboundCalls(r: SqlReader, start: number, end: number): CallRow[] {
  return r.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE ring_at >= ? AND ring_at < ? AND direction = 'inbound' ORDER BY ring_at, id`, [iso(start), iso(end)]);
}

/** Calls on the line or waiting for their disposition, whenever they rang. */
export function activeCalls(r: SqlReader): CallRow[] {
  return r.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE status IN ('ringing', 'talking', 'held', 'wrap_up') ORDER BY ring_at, id`);
}

const ms = (v: string | null): number | null => (v === null ? null : Date.parse(v));

/** A call as the figures read it, its timers at `now`. */
export function callFact(row: CallRow, now: number, afterCallWorkSeconds: number): CallFact {
  const t = callTimes(row, now, afterCallWorkSeconds);
  // A call that rang but is not ended and not answered still rings; a missed one has its end.
  const endAt = ms(row.endAt) ?? (row.status === 'missed' ? ms(row.ringAt) : null);
  return { ringAt: Date.parse(row.ringAt), answerAt: ms(row.answerAt), endAt, talkSeconds: t.talkSeconds, holdSeconds: t.holdSeconds, wrapSeconds: t.wrapSeconds };
}

/** A call's facts once they no longer move with the clock (ended, wrap-up over), kept per row read. */
const SETTLED = new WeakMap<CallRow, CallFact>();
export function settledFact(row: CallRow, now: number, acw: number): CallFact {
  const hit = SETTLED.get(row);
  if (hit) return hit;
  const fact = callFact(row, now, acw);
  // Hung up and its wrap-up over (or missed, with none): nothing of it runs on. Most of a period's calls.
  if (row.endAt !== null && (row.wrapEndAt !== null || row.status === 'missed')) {
    SETTLED.set(row, fact);
    return fact;
  }
  // Otherwise, the same facts an hour later: nothing of it is still running.
  const later = callFact(row, now + 3_600_000, acw);
  if (fact.endAt !== null && fact.talkSeconds === later.talkSeconds && fact.holdSeconds === later.holdSeconds && fact.wrapSeconds === later.wrapSeconds) SETTLED.set(row, fact);
  return fact;
}

export interface TicketRow {
  id: string;
  no: string;
  subject: string;
  status: TicketStatus;
  category: Category;
  severity: Severity;
  channel: Channel;
  team: string | null;
  assigneeId: string | null;
  createdBy: string;
  createdAt: string;
  resolvedAt: string | null;
}
export const TICKET_COLUMNS = `id, no, subject, status, category, severity, channel, team, assignee_id AS assigneeId, created_by AS createdBy,
  created_at AS createdAt, resolved_at AS resolvedAt`;

export function ticketsCreated(r: SqlReader, start: number, end: number): TicketRow[] {
  return r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`, [iso(start), iso(end)]);
}

export function ticketsResolved(r: SqlReader, start: number, end: number): TicketRow[] {
  return r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE resolved_at >= ? AND resolved_at < ? ORDER BY resolved_at, id`, [iso(start), iso(end)]);
}

/** Tickets created or resolved in [start, end), each once (both time indexes, one pass). */
export function ticketsCreatedOrResolved(r: SqlReader, start: number, end: number): TicketRow[] {
  return r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE (created_at >= ? AND created_at < ?) OR (resolved_at >= ? AND resolved_at < ?)`, [iso(start), iso(end), iso(start), iso(end)]);
}

export function openTickets(r: SqlReader): TicketRow[] {
  return r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) ORDER BY created_at, id`, [...OPEN_STATUSES]);
}

const HANDOFF_STATUSES: readonly TicketStatus[] = ['escalated', 'transferred', 'dispatched'];
const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'confirmed', 'closed'];

function fromStatusOf(changes: unknown): TicketStatus | undefined {
  if (!changes || typeof changes !== 'object') return undefined;
  const status = (changes as Record<string, unknown>).status;
  if (!status || typeof status !== 'object') return undefined;
  const from = (status as Record<string, unknown>).from;
  return typeof from === 'string' ? (from as TicketStatus) : undefined;
}

/** What a resolved ticket's FCR needs from its records: ever handed off, ever reopened (from done), its linked calls. */
export interface ClosureInputs {
  handedOff: boolean;
  reopened: boolean;
  linkedCalls: number;
}

/**
 * Closure inputs of many tickets, and (withEvents) their SLA clock events:
 * a hand-off at any time (a hand-off row, or a move to escalated /
 * transferred / dispatched in the history), a reopen at any time (a move
 * from resolved / confirmed / closed back to work), the linked calls; the
 * clock events are the history lines slaEventsFor reads, in its order. One
 * history read serves both (a month's report reads some 8,000 tickets'
 * history); three indexed queries per 2,000 tickets.
 */
function readClosure(r: SqlReader, ids: readonly string[], withEvents: boolean): { closure: Map<string, ClosureInputs>; events: Map<string, SlaEvent[]> } {
  const closure = new Map<string, ClosureInputs>(ids.map((id) => [id, { handedOff: false, reopened: false, linkedCalls: 0 }]));
  const events = new Map<string, SlaEvent[]>();
  chunked(ids, (chunk, marks) => r.all<{ ticketId: string }>(`SELECT DISTINCT ticket_id AS ticketId FROM handoffs WHERE ticket_id IN (${marks})`, chunk)).forEach((h) => {
    const c = closure.get(h.ticketId);
    if (c) c.handedOff = true;
  });
  const clock = `action IN (${CLOCK_ACTIONS.map((a) => `'${a}'`).join(', ')})`;
  const history = chunked(ids, (chunk, marks) =>
    r.all<{ ticketId: string; at: string; action: string; changes: string; clock: number }>(
      withEvents
        ? `SELECT ticket_id AS ticketId, at, action, changes, ${clock} AS clock FROM ticket_history WHERE ticket_id IN (${marks}) AND (${clock} OR changes LIKE '%"status"%') ORDER BY ticket_id, hlc, at, rowid`
        : `SELECT ticket_id AS ticketId, at, action, changes, 0 AS clock FROM ticket_history WHERE ticket_id IN (${marks}) AND changes LIKE '%"status"%'`,
      chunk,
    ),
  );
  for (const h of history) {
    const changes = parseChanges(h.changes);
    const to = statusOfChanges(changes);
    if (h.clock) {
      let list = events.get(h.ticketId);
      if (!list) events.set(h.ticketId, (list = []));
      list.push({ at: h.at, action: h.action, toStatus: to });
    }
    const c = closure.get(h.ticketId);
    if (!c || !h.changes.includes('"status"')) continue;
    const from = fromStatusOf(changes);
    if (to && HANDOFF_STATUSES.includes(to)) c.handedOff = true;
    if (to && from && DONE_STATUSES.includes(from) && !DONE_STATUSES.includes(to)) c.reopened = true;
  }
  chunked(ids, (chunk, marks) => r.all<{ ticketId: string; n: number }>(`SELECT ticket_id AS ticketId, COUNT(*) AS n FROM call_tickets WHERE ticket_id IN (${marks}) GROUP BY ticket_id`, chunk)).forEach((row) => {
    const c = closure.get(row.ticketId);
    if (c) c.linkedCalls = row.n;
  });
  return { closure, events };
}

/** Closure inputs of many tickets (readClosure without the clock events). */
export function closureInputs(r: SqlReader, ids: readonly string[]): Map<string, ClosureInputs> {
  return readClosure(r, ids, false).closure;
}

/** Resolved-ticket facts from their closure inputs and SLA clocks (SLA met: the resolution clock was met). */
export function factsFrom(tickets: readonly TicketRow[], closure: ReadonlyMap<string, ClosureInputs>, sla: ReadonlyMap<string, TicketSla>): Map<string, ResolvedTicketFact> {
  const out = new Map<string, ResolvedTicketFact>();
  for (const t of tickets) {
    const c = closure.get(t.id);
    out.set(t.id, { handedOff: c?.handedOff ?? false, reopened: (c?.reopened ?? false) || t.status === 'reopened', linkedCalls: c?.linkedCalls ?? 0, slaMet: sla.get(t.id)?.resolution.state === 'met' });
  }
  return out;
}

/** What first-contact resolution and SLA met need of resolved tickets: their closure inputs and their clocks at `now`, from one history read. */
export function resolvedFacts(r: SqlReader, tickets: readonly TicketRow[], now: number, config: ConsoleConfig): Map<string, ResolvedTicketFact> {
  const { closure, events } = readClosure(
    r,
    tickets.map((t) => t.id),
    true,
  );
  const sla = new Map<string, TicketSla>();
  for (const t of tickets) sla.set(t.id, computeSla(t, events.get(t.id) ?? [], config, now));
  return factsFrom(tickets, closure, sla);
}

export interface ScoreRow {
  id: string;
  ticketId: string;
  satisfaction: number;
  doneAt: string;
  doneBy: string | null;
}

/** Follow-ups scored in [start, end), by when the score was recorded. */
export function scoresRecorded(r: SqlReader, start: number, end: number): ScoreRow[] {
  return r.all<ScoreRow>(
    'SELECT id, ticket_id AS ticketId, satisfaction, done_at AS doneAt, done_by AS doneBy FROM follow_ups WHERE done_at >= ? AND done_at < ? AND satisfaction IS NOT NULL ORDER BY done_at, id',
    [iso(start), iso(end)],
  );
}

/** Tickets by id (the tickets behind follow-ups, callbacks and hand-offs). */
export function ticketsById(r: SqlReader, ids: readonly string[]): Map<string, TicketRow> {
  const unique = [...new Set(ids)];
  const rows = chunked(unique, (chunk, marks) => r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id IN (${marks})`, chunk));
  return new Map(rows.map((t) => [t.id, t]));
}

/** Each agent's log lines in [start, end), in time order, and the agent's last line before `start`. */
export function stateLines(r: SqlReader, start: number, end: number, agents: Iterable<string>): Map<string, { before: StateLine | undefined; lines: StateLine[] }> {
  const out = new Map<string, { before: StateLine | undefined; lines: StateLine[] }>();
  const rows = r.all<{ agentId: string; state: AgentStateName; at: string }>('SELECT agent_id AS agentId, state, at FROM agent_state_log WHERE at >= ? AND at < ? ORDER BY at, hlc, id', [iso(start), iso(end)]);
  const ids = new Set(agents);
  for (const row of rows) ids.add(row.agentId);
  for (const id of ids) {
    const prev = r.get<{ state: AgentStateName; at: string }>('SELECT state, at FROM agent_state_log WHERE agent_id = ? AND at < ? ORDER BY at DESC, hlc DESC LIMIT 1', [id, iso(start)]);
    out.set(id, { before: prev ? { state: prev.state, at: Date.parse(prev.at) } : undefined, lines: [] });
  }
  for (const row of rows) out.get(row.agentId)?.lines.push({ state: row.state, at: Date.parse(row.at) });
  return out;
}

export interface CallbackRow {
  id: string;
  customerId: string;
  customerName: string | null;
  ticketId: string | null;
  phone: string;
  dueAt: string;
  ownerId: string;
}

/** Scheduled callbacks past their due time. */
export function overdueCallbacks(r: SqlReader, now: number): CallbackRow[] {
  return r.all<CallbackRow>(
    `SELECT c.id, c.customer_id AS customerId, cu.name AS customerName, c.ticket_id AS ticketId, c.phone, c.due_at AS dueAt, c.owner_id AS ownerId
       FROM callbacks c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.status = 'scheduled' AND c.due_at < ? ORDER BY c.due_at, c.id`,
    [iso(now)],
  );
}

export interface HandoffRow {
  id: string;
  ticketId: string;
  coordinatorId: string;
  toTarget: string;
  dueBy: string;
  createdAt: string;
}

/** Escalations to second line nobody has answered yet. */
export function waitingEscalations(r: SqlReader): HandoffRow[] {
  return r.all<HandoffRow>(
    `SELECT id, ticket_id AS ticketId, coordinator_id AS coordinatorId, to_target AS toTarget, due_by AS dueBy, created_at AS createdAt
       FROM handoffs WHERE kind = 'escalate' AND status = 'open' ORDER BY due_by, id`,
  );
}

/** Tickets that were ever escalated to second line (a senior's queue). */
export function escalatedTicketIds(r: SqlReader, ids: readonly string[]): Set<string> {
  const rows = chunked([...new Set(ids)], (chunk, marks) => r.all<{ ticketId: string }>(`SELECT DISTINCT ticket_id AS ticketId FROM handoffs WHERE kind = 'escalate' AND ticket_id IN (${marks})`, chunk));
  return new Set(rows.map((x) => x.ticketId));
}

