import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { AgentStateName } from '../../../shared/desk/schema.js';
import { computeSla, type SlaEvent } from '../../../shared/desk/sla.js';
import { dayBounds } from '../../../shared/reports/day.js';
import type { StateLine } from '../../../shared/reports/stateTime.js';
import type { SlaClock, TicketSla } from '../../../shared/tickets/schema.js';
import type { AgentStateEntry } from '../../../shared/desk/schema.js';
import { lastStateEntry } from '../desk/agentLog.js';
import { isOpen } from '../../../shared/tickets/stateMachine.js';
import { slaEventsFor } from '../desk/slaQuery.js';
import type { SqlReader } from '../store/types.js';
import { CALL_COLUMNS, chunked, closureInputs, TICKET_COLUMNS, type CallRow, type ClosureInputs, type ScoreRow, type TicketRow } from './facts.js';
import { today } from './today.js';

/*
 * The day the wallboard shows, kept between refreshes (issue 15 point 8: a
 * refresh after one new call must not rescan the day). The first read of a
 * day reads it whole, through the time and status indexes; every later read
 * asks report_changes (migration 0020, filled by triggers on every write
 * path) which calls, tickets, scores and state lines changed since, and
 * re-reads only those rows. What depends on the clock alone (SLA states,
 * time in state, calls still ringing) is recomputed from the kept rows at
 * each read, so the figures are exactly those of a fresh read (the tests
 * compare the two after random changes).
 *
 * One cache serves every scope: it holds the whole center's day, and the
 * wallboard narrows it per viewer in memory, as the direct read did.
 */

/** Changes read in one go; more than this since the last read (a bulk sync) rebuilds the day instead. */
const MAX_CHANGES = 2_000;

interface KeptLine extends StateLine {
  hlc: string;
  id: string;
}

interface AgentLines {
  /** the agent's last line before the day (undefined: none; null: not read yet) */
  before: StateLine | undefined | null;
  lines: KeptLine[];
}

interface Kept {
  date: string;
  offset: number;
  start: number;
  end: number;
  rev: number;
  /** inbound calls that rang during the day */
  calls: Map<string, CallRow>;
  /** calls on the line or in wrap-up, whenever they rang */
  active: Map<string, CallRow>;
  /** tickets created or resolved during the day, and every open ticket */
  tickets: Map<string, TicketRow>;
  /** SLA clock events of kept tickets, read when first needed */
  events: Map<string, SlaEvent[]>;
  /** closure inputs of kept tickets, read when first needed */
  closure: Map<string, ClosureInputs>;
  /** whether a kept ticket was ever escalated (second line's scope), read when first needed */
  escalated: Map<string, boolean>;
  /** follow-ups scored during the day */
  scores: Map<string, ScoreRow>;
  lines: Map<string, AgentLines>;
  /** SLA clock states of kept tickets and until when they cannot change by the clock alone */
  states: Map<string, { states: SlaStates; validUntil: number }>;
  /** the SLA rules the states were computed with */
  slaKey: string;
  /** each agent's newest state line (lastStateEntry), read when first needed */
  lastEntries: Map<string, AgentStateEntry | undefined>;
}

/** What the board counts of a ticket's clocks. */
export interface SlaStates {
  firstResponse: SlaClock['state'];
  resolution: SlaClock['state'];
  contactOwed: boolean;
}

/** Today's rows, center-wide, as of `now`, and the per-ticket facts read on demand. */
export interface DayRows {
  date: string;
  offset: number;
  start: number;
  now: number;
  /** inbound calls that rang in [start, now] */
  calls: CallRow[];
  active: CallRow[];
  created: TicketRow[];
  resolved: TicketRow[];
  open: TicketRow[];
  scores: ScoreRow[];
  ticketsById(ids: readonly string[]): Map<string, TicketRow>;
  /** state lines in [start, now] of these agents (and of everyone with a line today), with each one's line before the day */
  stateLines(agents: Iterable<string>): Map<string, { before: StateLine | undefined; lines: StateLine[] }>;
  /** SLA clocks at `now` */
  sla(tickets: readonly TicketRow[], options?: { includeClosed?: boolean }): Map<string, TicketSla>;
  /**
   * The clocks' states at `now`, recomputed only for tickets whose states may
   * have moved since they were computed (the board's counts; lists that show
   * the remaining time use `sla`).
   */
  slaStates(tickets: readonly TicketRow[]): Map<string, SlaStates>;
  closure(ids: readonly string[]): Map<string, ClosureInputs>;
  escalated(ids: readonly string[]): Set<string>;
  /** an agent's newest state line */
  lastEntry(agentId: string): AgentStateEntry | undefined;
}

/**
 * Until when a ticket's clock states cannot change with time alone: a clock
 * uses at most one working millisecond per wall millisecond, so an `ok`
 * clock cannot warn before (remaining - warning) ms have passed, nor a
 * warning one breach before `remaining` ms; the 4-hour rule falls due at its
 * wall time. Met, breached and paused clocks do not move with time.
 */
function validUntil(sla: TicketSla, config: ConsoleConfig, now: number, open: boolean): number {
  const warn = config.sla.warnBeforeMinutes * 60_000;
  let until = Infinity;
  for (const clock of [sla.firstResponse, sla.resolution]) {
    if (clock.remainingMs === null || (clock.state !== 'ok' && clock.state !== 'warning')) continue;
    until = Math.min(until, now + Math.max(1, clock.state === 'ok' ? clock.remainingMs - warn : clock.remainingMs + 1));
  }
  if (open && !sla.contactOwed) until = Math.min(until, Date.parse(sla.contactDueAt));
  return until;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** Binary string order, as SQLite's ORDER BY on text (never the locale's). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byTime =
  <K extends string>(key: K) =>
  <T extends { id: string } & { [k in K]: string | null }>(a: T, b: T): number =>
    cmp(a[key] ?? '', b[key] ?? '') || cmp(a.id, b.id);
const lineOrder = (a: KeptLine, b: KeptLine): number => a.at - b.at || cmp(a.hlc, b.hlc) || cmp(a.id, b.id);

const ACTIVE = new Set(['ringing', 'talking', 'held', 'wrap_up']);

export class DayCache {
  private kept: Kept | null = null;
  /** rows read by the last refresh (the tests and the bench look at it) */
  lastRead = { rebuilt: false, changes: 0 };

  /** Today (the center's day of `now`), refreshed from what changed since the last read. */
  day(r: SqlReader, config: ConsoleConfig, now: number): DayRows {
    const d = today(config, now);
    const head = r.get<{ rev: number | null; low: number | null }>('SELECT MAX(rev) AS rev, MIN(rev) AS low FROM report_changes');
    const rev = head?.rev ?? 0;
    let kept = this.kept;
    let changes = 0;
    let rebuilt = false;
    if (!kept || kept.date !== d.date || kept.offset !== d.offset || rev < kept.rev || (head?.low ?? 0) > kept.rev + 1) {
      kept = this.rebuild(r, d.date, d.offset, rev);
      rebuilt = true;
    } else if (rev > kept.rev) {
      const pending = r.all<{ rev: number; kind: string; key: string }>('SELECT rev, kind, row_key AS key FROM report_changes WHERE rev > ? ORDER BY rev LIMIT ?', [kept.rev, MAX_CHANGES + 1]);
      changes = pending.length;
      if (pending.length > MAX_CHANGES || pending.some((p) => p.kind === 'reset')) {
        kept = this.rebuild(r, d.date, d.offset, rev);
        rebuilt = true;
      } else {
        this.apply(r, kept, pending);
        kept.rev = rev;
      }
    }
    this.kept = kept;
    this.lastRead = { rebuilt, changes };
    return this.view(r, kept, config, now);
  }

  private rebuild(r: SqlReader, date: string, offset: number, rev: number): Kept {
    const { start, end } = dayBounds(date, offset);
    const kept: Kept = {
      date,
      offset,
      start,
      end,
      rev,
      calls: new Map(),
      active: new Map(),
      tickets: new Map(),
      events: new Map(),
      closure: new Map(),
      escalated: new Map(),
      scores: new Map(),
      lines: new Map(),
      states: new Map(),
      slaKey: '',
      lastEntries: new Map(),
    };
    for (const c of r.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE ring_at >= ? AND ring_at < ? AND direction = 'inbound'`, [iso(start), iso(end)])) kept.calls.set(c.id, c);
    for (const c of r.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE status IN ('ringing', 'talking', 'held', 'wrap_up')`)) kept.active.set(c.id, c);
    const tickets = [
      ...r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE created_at >= ? AND created_at < ?`, [iso(start), iso(end)]),
      ...r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE resolved_at >= ? AND resolved_at < ?`, [iso(start), iso(end)]),
      ...r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE status IN ('new', 'in_progress', 'escalated', 'transferred', 'dispatched', 'waiting_customer', 'reopened')`),
    ];
    for (const t of tickets) kept.tickets.set(t.id, t);
    for (const s of r.all<ScoreRow>('SELECT id, ticket_id AS ticketId, satisfaction, done_at AS doneAt, done_by AS doneBy FROM follow_ups WHERE done_at >= ? AND done_at < ? AND satisfaction IS NOT NULL', [iso(start), iso(end)])) {
      kept.scores.set(s.id, s);
    }
    for (const row of r.all<{ id: string; agentId: string; state: AgentStateName; at: string; hlc: string }>('SELECT id, agent_id AS agentId, state, at, hlc FROM agent_state_log WHERE at >= ? AND at < ?', [iso(start), iso(end)])) {
      this.addLine(kept, row);
    }
    for (const l of kept.lines.values()) l.lines.sort(lineOrder);
    return kept;
  }

  private addLine(kept: Kept, row: { id: string; agentId: string; state: AgentStateName; at: string; hlc: string }): AgentLines {
    let agent = kept.lines.get(row.agentId);
    if (!agent) kept.lines.set(row.agentId, (agent = { before: null, lines: [] }));
    agent.lines.push({ state: row.state, at: Date.parse(row.at), hlc: row.hlc, id: row.id });
    return agent;
  }

  /** Re-reads the rows named by the changes. */
  private apply(r: SqlReader, kept: Kept, pending: readonly { kind: string; key: string }[]): void {
    const ids = (kind: string): string[] => [...new Set(pending.filter((p) => p.kind === kind).map((p) => p.key))];
    const startIso = iso(kept.start);
    const endIso = iso(kept.end);

    const callIds = ids('call');
    const calls = new Map(chunked(callIds, (chunk, marks) => r.all<CallRow & { direction: string }>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id IN (${marks})`, chunk)).map((c) => [c.id, c]));
    for (const id of callIds) {
      const c = calls.get(id);
      if (c && c.direction === 'inbound' && c.ringAt >= startIso && c.ringAt < endIso) kept.calls.set(id, c);
      else kept.calls.delete(id);
      if (c && ACTIVE.has(c.status)) kept.active.set(id, c);
      else kept.active.delete(id);
    }

    const ticketIds = ids('ticket');
    const tickets = new Map(chunked(ticketIds, (chunk, marks) => r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id IN (${marks})`, chunk)).map((t) => [t.id, t]));
    for (const id of ticketIds) {
      // Its row, history, hand-offs or call links changed: what was read of it is read again when needed.
      kept.events.delete(id);
      kept.closure.delete(id);
      kept.escalated.delete(id);
      kept.states.delete(id);
      const t = tickets.get(id);
      const inDay = (v: string | null): boolean => v !== null && v >= startIso && v < endIso;
      if (t && (inDay(t.createdAt) || inDay(t.resolvedAt) || isOpen(t.status))) kept.tickets.set(id, t);
      else kept.tickets.delete(id);
    }

    const scoreIds = ids('score');
    const scores = new Map(
      chunked(scoreIds, (chunk, marks) =>
        r.all<ScoreRow>(`SELECT id, ticket_id AS ticketId, satisfaction, done_at AS doneAt, done_by AS doneBy FROM follow_ups WHERE id IN (${marks}) AND satisfaction IS NOT NULL`, chunk),
      ).map((s) => [s.id, s]),
    );
    for (const id of scoreIds) {
      const s = scores.get(id);
      if (s && s.doneAt >= startIso && s.doneAt < endIso) kept.scores.set(id, s);
      else kept.scores.delete(id);
    }

    const lineIds = ids('state');
    const touched = new Set<AgentLines>();
    for (const row of chunked(lineIds, (chunk, marks) => r.all<{ id: string; agentId: string; state: AgentStateName; at: string; hlc: string }>(`SELECT id, agent_id AS agentId, state, at, hlc FROM agent_state_log WHERE id IN (${marks})`, chunk))) {
      kept.lastEntries.delete(row.agentId);
      if (row.at >= startIso && row.at < endIso) {
        const agent = kept.lines.get(row.agentId);
        // A line is written once (the log is append-only): a replayed key is not added twice.
        if (agent?.lines.some((l) => l.id === row.id)) continue;
        touched.add(this.addLine(kept, row));
      } else if (row.at < startIso) {
        // A late line from before the day (another PC's, synced now) may be the agent's new "before".
        const agent = kept.lines.get(row.agentId);
        if (agent) agent.before = null;
      }
    }
    for (const agent of touched) agent.lines.sort(lineOrder);
  }

  private view(r: SqlReader, kept: Kept, config: ConsoleConfig, now: number): DayRows {
    const until = iso(now + 1);
    const startIso = iso(kept.start);
    const tickets = [...kept.tickets.values()];
    const inWindow = (v: string | null): boolean => v !== null && v >= startIso && v < until;
    const ticketEvents = (list: readonly TicketRow[]): Map<string, SlaEvent[]> => {
      const missing = list.filter((t) => !kept.events.has(t.id)).map((t) => t.id);
      if (missing.length > 0) {
        const read = slaEventsFor(r, missing);
        for (const id of missing) kept.events.set(id, read.get(id) ?? []);
      }
      return kept.events;
    };
    return {
      date: kept.date,
      offset: kept.offset,
      start: kept.start,
      now,
      calls: [...kept.calls.values()].filter((c) => c.ringAt < until).sort(byTime('ringAt')),
      active: [...kept.active.values()].sort(byTime('ringAt')),
      created: tickets.filter((t) => inWindow(t.createdAt)).sort(byTime('createdAt')),
      resolved: tickets.filter((t) => inWindow(t.resolvedAt)).sort(byTime('resolvedAt')),
      open: tickets.filter((t) => isOpen(t.status)).sort(byTime('createdAt')),
      scores: [...kept.scores.values()].filter((s) => s.doneAt < until).sort((a, b) => cmp(a.doneAt, b.doneAt) || cmp(a.id, b.id)),
      ticketsById: (ids) => {
        const out = new Map<string, TicketRow>();
        const missing: string[] = [];
        for (const id of new Set(ids)) {
          const t = kept.tickets.get(id);
          if (t) out.set(id, t);
          else missing.push(id);
        }
        for (const t of chunked(missing, (chunk, marks) => r.all<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id IN (${marks})`, chunk))) out.set(t.id, t);
        return out;
      },
      stateLines: (agents) => {
        const ids = new Set(agents);
        for (const id of kept.lines.keys()) ids.add(id);
        const out = new Map<string, { before: StateLine | undefined; lines: StateLine[] }>();
        for (const id of ids) {
          let agent = kept.lines.get(id);
          if (!agent) kept.lines.set(id, (agent = { before: null, lines: [] }));
          if (agent.before === null) {
            const prev = r.get<{ state: AgentStateName; at: string }>('SELECT state, at FROM agent_state_log WHERE agent_id = ? AND at < ? ORDER BY at DESC, hlc DESC LIMIT 1', [id, startIso]);
            agent.before = prev ? { state: prev.state, at: Date.parse(prev.at) } : undefined;
          }
          out.set(id, { before: agent.before, lines: agent.lines.filter((l) => l.at <= now).map((l) => ({ state: l.state, at: l.at })) });
        }
        return out;
      },
      sla: (list, options = {}) => {
        const wanted = options.includeClosed ? list : list.filter((t) => isOpen(t.status));
        // Tickets outside the day (a drill-down's) are not kept: their events are read, not remembered.
        const keptOnes = wanted.filter((t) => kept.tickets.has(t.id));
        const events = ticketEvents(keptOnes);
        const others = wanted.filter((t) => !kept.tickets.has(t.id));
        const otherEvents = others.length > 0 ? slaEventsFor(r, others.map((t) => t.id)) : new Map<string, SlaEvent[]>();
        const out = new Map<string, TicketSla>();
        for (const t of wanted) out.set(t.id, computeSla(t, (kept.tickets.has(t.id) ? events.get(t.id) : otherEvents.get(t.id)) ?? [], config, now));
        return out;
      },
      slaStates: (list) => {
        const key = JSON.stringify([config.sla, config.fourHourRuleMinutes]);
        if (kept.slaKey !== key) {
          kept.states.clear();
          kept.slaKey = key;
        }
        const out = new Map<string, SlaStates>();
        const stale = list.filter((t) => {
          const hit = kept.states.get(t.id);
          if (hit && now < hit.validUntil) {
            out.set(t.id, hit.states);
            return false;
          }
          return true;
        });
        if (stale.length === 0) return out;
        const keptOnes = stale.filter((t) => kept.tickets.has(t.id));
        const events = ticketEvents(keptOnes);
        const others = stale.filter((t) => !kept.tickets.has(t.id));
        const otherEvents = others.length > 0 ? slaEventsFor(r, others.map((t) => t.id)) : new Map<string, SlaEvent[]>();
        for (const t of stale) {
          const held = kept.tickets.has(t.id);
          const sla = computeSla(t, (held ? events.get(t.id) : otherEvents.get(t.id)) ?? [], config, now);
          const states: SlaStates = { firstResponse: sla.firstResponse.state, resolution: sla.resolution.state, contactOwed: sla.contactOwed };
          if (held) kept.states.set(t.id, { states, validUntil: validUntil(sla, config, now, isOpen(t.status)) });
          out.set(t.id, states);
        }
        return out;
      },
      lastEntry: (agentId) => {
        if (!kept.lastEntries.has(agentId)) kept.lastEntries.set(agentId, lastStateEntry(r, agentId));
        return kept.lastEntries.get(agentId);
      },
      closure: (ids) => {
        const missing = ids.filter((id) => !kept.closure.has(id));
        if (missing.length > 0) {
          const read = closureInputs(r, missing);
          for (const [id, c] of read) if (kept.tickets.has(id)) kept.closure.set(id, c);
          return new Map(ids.map((id) => [id, kept.closure.get(id) ?? read.get(id) ?? { handedOff: false, reopened: false, linkedCalls: 0 }]));
        }
        return new Map(ids.map((id) => [id, kept.closure.get(id) as ClosureInputs]));
      },
      escalated: (ids) => {
        const missing = [...new Set(ids)].filter((id) => !kept.escalated.has(id));
        if (missing.length > 0) {
          const found = new Set(
            chunked(missing, (chunk, marks) => r.all<{ ticketId: string }>(`SELECT DISTINCT ticket_id AS ticketId FROM handoffs WHERE kind = 'escalate' AND ticket_id IN (${marks})`, chunk)).map((x) => x.ticketId),
          );
          for (const id of missing) if (kept.tickets.has(id)) kept.escalated.set(id, found.has(id));
          return new Set(ids.filter((id) => kept.escalated.get(id) ?? found.has(id)));
        }
        return new Set(ids.filter((id) => kept.escalated.get(id)));
      },
    };
  }
}
