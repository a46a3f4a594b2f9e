import { wrapOverdue } from '../../../shared/desk/callTimer.js';
import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { effectiveAgentState } from '../../../shared/desk/agentState.js';
import { agentRowBand, bandOf, type AgentRowState } from '../../../shared/reports/bands.js';
import type { BandedFigure, ReportsConfig } from '../../../shared/reports/config.js';
import { centerHour } from '../../../shared/reports/day.js';
import { callFigures, firstContactResolution, occupancy, satisfaction, slaMet, type CallFact } from '../../../shared/reports/figures.js';
import type { Figure, Wallboard, WallboardAgent } from '../../../shared/reports/schema.js';
import { secondsByState } from '../../../shared/reports/stateTime.js';
import { CATEGORIES } from '../../../shared/tickets/schema.js';
import type { SqlReader } from '../store/types.js';
import { DayCache, type DayRows } from './dayCache.js';
import { escalatedTicketIds, settledFact, overdueCallbacks, ticketsById, waitingEscalations, type CallRow, type TicketRow } from './facts.js';
import { knownTeams, type Scope } from './scope.js';

/** Everything the board and its lists are computed from, for one scope and today. */
export interface DayData {
  date: string;
  offset: number;
  start: number;
  now: number;
  calls: { row: CallRow; fact: CallFact }[];
  created: TicketRow[];
  resolved: TicketRow[];
  open: TicketRow[];
  scores: { id: string; ticketId: string; satisfaction: number; doneAt: string; doneBy: string | null }[];
  scoreTickets: Map<string, TicketRow>;
  /** the center's day the scope was narrowed from (state lines, clocks and closure facts on demand) */
  rows: DayRows;
}

/** Narrows tickets to the scope; a senior's board holds second line's tickets (ever escalated). */
export function ticketsInScope(r: SqlReader, scope: Scope, tickets: readonly TicketRow[], escalated: (ids: readonly string[]) => Set<string> = (ids) => escalatedTicketIds(r, ids)): TicketRow[] {
  const mine = tickets.filter((t) => scope.ticketIn(t));
  if (scope.kind !== 'secondLine') return mine;
  const ever = escalated(mine.map((t) => t.id));
  return mine.filter((t) => ever.has(t.id));
}

/**
 * Today for a scope. With the service's DayCache only what changed since the
 * last read is read again; without one (a one-off read) the day is read whole.
 */
export function readDay(r: SqlReader, scope: Scope, console: ConsoleConfig, now: number, cache: DayCache = new DayCache()): DayData {
  const rows = cache.day(r, console, now);
  const acw = console.afterCallWorkSeconds;
  const escalated = (ids: readonly string[]): Set<string> => rows.escalated(ids);
  const calls = rows.calls.filter((c) => scope.agentIn(c.agentId)).map((row) => ({ row, fact: settledFact(row, now, acw) }));
  const scoreTickets = rows.ticketsById(rows.scores.map((s) => s.ticketId));
  const scopedScoreTickets = new Set(ticketsInScope(r, scope, [...scoreTickets.values()], escalated).map((t) => t.id));
  return {
    date: rows.date,
    offset: rows.offset,
    start: rows.start,
    now,
    calls,
    created: ticketsInScope(r, scope, rows.created, escalated),
    resolved: ticketsInScope(r, scope, rows.resolved, escalated),
    open: ticketsInScope(r, scope, rows.open, escalated),
    scores: rows.scores.filter((s) => scopedScoreTickets.has(s.ticketId)),
    scoreTickets,
    rows,
  };
}

const plain = (value: number | null): Figure => ({ value, band: 'none' });

/** Today's state lines of the agents in scope: the accounts, whoever took a call or logged a state today. */
function scopeLines(scope: Scope, data: DayData): ReturnType<DayRows['stateLines']> {
  const ids = new Set<string>();
  for (const [id] of scope.dir.teams) if (scope.agentIn(id)) ids.add(id);
  for (const c of data.calls) ids.add(c.row.agentId);
  const lines = data.rows.stateLines(ids);
  for (const id of [...lines.keys()]) if (!scope.agentIn(id)) lines.delete(id);
  return lines;
}

function agentRows(r: SqlReader, scope: Scope, data: DayData, lines: ReturnType<DayRows['stateLines']>, console: ConsoleConfig, config: ReportsConfig): WallboardAgent[] {
  const acw = console.afterCallWorkSeconds;
  const ids = new Set(lines.keys());
  const active = new Map<string, CallRow>();
  for (const c of data.rows.active) if (ids.has(c.agentId) && (c.status !== 'wrap_up' || !active.has(c.agentId))) active.set(c.agentId, c);
  const answeredBy = new Map<string, DayData['calls']>();
  for (const c of data.calls) {
    if (c.fact.answerAt === null) continue;
    const list = answeredBy.get(c.row.agentId);
    if (list) list.push(c);
    else answeredBy.set(c.row.agentId, [c]);
  }
  const rows: WallboardAgent[] = [];
  for (const agentId of ids) {
    const last = data.rows.lastEntry(agentId);
    const current = last ? effectiveAgentState(last, data.now, acw) : { state: 'offline' as const, reason: null, since: new Date(data.start).toISOString() };
    const call = active.get(agentId) ?? null;
    const ringing = call?.status === 'ringing';
    const state: AgentRowState = ringing ? 'ringing' : current.state;
    const since = ringing && call ? call.ringAt : current.since;
    const answered = answeredBy.get(agentId) ?? [];
    const figures = callFigures(
      answered.map((c) => c.fact),
      config,
    );
    const overdue = call !== null && wrapOverdue(call, data.now, acw);
    rows.push({
      agentId,
      displayName: scope.dir.names.get(agentId) ?? agentId,
      team: scope.dir.teams.get(agentId) ?? null,
      state,
      reason: state === 'not_ready' ? current.reason : null,
      since,
      callsAnswered: figures.answered,
      ahtSeconds: figures.ahtSeconds,
      currentCall: call ? { id: call.id, status: call.status, ringAt: call.ringAt, answerAt: call.answerAt } : null,
      wrapOverdue: overdue,
      band: agentRowBand({ state, secondsInState: Math.max(0, Math.floor((data.now - Date.parse(since)) / 1000)), wrapOverdue: overdue }, config, acw),
    });
  }
  // Offline agents last, by name; the others longest in their state first: the supervisor's eye goes to the top.
  const offline = (a: WallboardAgent): number => Number(a.state === 'offline');
  return rows.sort((a, b) => offline(a) - offline(b) || (offline(a) ? 0 : a.since.localeCompare(b.since)) || a.agentId.localeCompare(b.agentId));
}

/** The live board for a scope at `now`. */
export function wallboard(r: SqlReader, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: DayCache): Wallboard {
  const data = readDay(r, scope, console, now, cache);
  const banded = (figure: BandedFigure, value: number | null): Figure => ({ value, band: bandOf(figure, value, config) });
  const calls = callFigures(
    data.calls.map((c) => c.fact),
    config,
  );
  const lines = scopeLines(scope, data);
  const agents = agentRows(r, scope, data, lines, console, config);
  let ready = 0;
  for (const l of lines.values()) ready += secondsByState(l.lines, data.start, now, l.before).ready;

  const resolvedStates = data.rows.slaStates(data.resolved);
  const closure = data.rows.closure(data.resolved.map((t) => t.id));
  const resolvedFactsList = data.resolved.map((t) => {
    const c = closure.get(t.id);
    return { handedOff: c?.handedOff ?? false, reopened: (c?.reopened ?? false) || t.status === 'reopened', linkedCalls: c?.linkedCalls ?? 0, slaMet: resolvedStates.get(t.id)?.resolution === 'met' };
  });
  const csat = satisfaction(data.scores.map((s) => s.satisfaction));
  const sla = data.rows.slaStates(data.open);
  let pastSla = 0;
  let owed = 0;
  for (const t of data.open) {
    const clocks = sla.get(t.id);
    if (clocks?.resolution === 'breached') pastSla++;
    if (clocks?.contactOwed) owed++;
  }
  const callbacks = overdueCallbacks(r, now).filter((c) => scope.agentIn(c.ownerId));
  const escalations = escalationsInScope(r, scope);

  const byHour = hourTrend(data, config);
  const byCategory = CATEGORIES.map((category) => ({ category, created: data.created.filter((t) => t.category === category).length, resolved: data.resolved.filter((t) => t.category === category).length }));
  return {
    scope: scope.kind,
    team: scope.team,
    date: data.date,
    utcOffsetMinutes: data.offset,
    generatedAt: new Date(now).toISOString(),
    teams: scope.kind === 'center' || scope.kind === 'team' ? knownTeams(r, scope.dir) : [],
    afterCallWorkSeconds: console.afterCallWorkSeconds,
    agents,
    calls: {
      offered: plain(calls.offered),
      answered: plain(calls.answered),
      abandoned: plain(calls.abandoned),
      shortAbandoned: plain(calls.shortAbandoned),
      serviceLevel: banded('serviceLevel', calls.serviceLevel),
      abandonRate: banded('abandonRate', calls.abandonRate),
      asaSeconds: banded('asaSeconds', calls.asaSeconds),
      ahtSeconds: plain(calls.ahtSeconds),
      occupancy: plain(occupancy(calls.handleSeconds, ready)),
    },
    tickets: {
      created: plain(data.created.length),
      resolved: plain(data.resolved.length),
      fcr: banded('fcr', firstContactResolution(resolvedFactsList)),
      csat: banded('csat', csat.csat),
      csatMean: plain(csat.mean),
      slaMet: banded('slaMet', slaMet(resolvedFactsList)),
    },
    now: {
      ticketsPastSla: banded('ticketsPastSla', pastSla),
      contactsOwed: banded('contactsOwed', owed),
      callbacksOverdue: banded('callbacksOverdue', callbacks.length),
      complaintsOpen: plain(data.open.filter((t) => t.category === 'complaint').length),
      escalationsWaiting: plain(escalations.length),
    },
    trends: { byHour, byCategory },
  };
}

/** Open escalations whose ticket is in scope. */
export function escalationsInScope(r: SqlReader, scope: Scope): ReturnType<typeof waitingEscalations> {
  const waiting = waitingEscalations(r);
  const tickets = ticketsById(
    r,
    waiting.map((h) => h.ticketId),
  );
  // Second line sees the whole queue it serves; others the escalations of their tickets.
  if (scope.kind === 'secondLine') return waiting;
  return waiting.filter((h) => {
    const t = tickets.get(h.ticketId);
    return t !== undefined && scope.ticketIn(t);
  });
}

/** Offered / answered / abandoned and SL per hour of the center's day, up to the current hour. */
function hourTrend(data: DayData, config: ReportsConfig): Wallboard['trends']['byHour'] {
  const last = centerHour(data.now, data.offset);
  const out: Wallboard['trends']['byHour'] = [];
  for (let hour = 0; hour <= last; hour++) {
    const facts = data.calls.filter((c) => centerHour(c.fact.ringAt, data.offset) === hour).map((c) => c.fact);
    const f = callFigures(facts, config);
    out.push({ hour, offered: f.offered, answered: f.answered, abandoned: f.abandoned, serviceLevel: f.serviceLevel });
  }
  return out;
}
