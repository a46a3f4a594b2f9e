import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../shared/reports/config.js';
import { rangeBounds } from '../../../shared/reports/day.js';
import { callFigures, firstContactResolution, satisfaction, slaMet, type ResolvedTicketFact } from '../../../shared/reports/figures.js';
import type { AgentSheetRow, PeriodQuery, PeriodSummary } from '../../../shared/reports/schema.js';
import { CATEGORIES, CHANNELS, type Category, type Channel } from '../../../shared/tickets/schema.js';
import type { SqlReader } from '../store/types.js';
import { callFact, inboundCalls, resolvedFacts, scoresRecorded, ticketsById, ticketsCreated, ticketsResolved, type TicketRow } from './facts.js';
import { agentKpiRows } from './agentKpi.js';
import type { Scope } from './scope.js';
import { centerOffset } from './today.js';
import { ticketsInScope } from './wallboard.js';

/**
 * Period reports (CLI `report summary` / `report agents`): the same facts
 * and formulas as the board, over center days from..to inclusive. A call
 * counts on the day it rang, a ticket on the day it was created or resolved,
 * a score on the day it was recorded.
 */

export interface PeriodData {
  calls: ReturnType<typeof callFact>[];
  callAgents: string[];
  created: TicketRow[];
  resolved: TicketRow[];
  facts: Map<string, ResolvedTicketFact>;
  scores: { ticketId: string; satisfaction: number }[];
  scoreTickets: Map<string, TicketRow>;
}

export function readPeriod(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, now: number): PeriodData {
  const { start, end } = rangeBounds(q.from, q.to, centerOffset(console));
  const rows = inboundCalls(r, start, end).filter((c) => scope.agentIn(c.agentId));
  const resolved = ticketsInScope(r, scope, ticketsResolved(r, start, end));
  const allScores = scoresRecorded(r, start, end);
  const scoreTickets = ticketsById(
    r,
    allScores.map((s) => s.ticketId),
  );
  const inScope = new Set(ticketsInScope(r, scope, [...scoreTickets.values()]).map((t) => t.id));
  return {
    calls: rows.map((c) => callFact(c, now, console.afterCallWorkSeconds)),
    callAgents: rows.map((c) => c.agentId),
    created: ticketsInScope(r, scope, ticketsCreated(r, start, end)),
    resolved,
    facts: resolvedFacts(r, resolved, now, console),
    scores: allScores.filter((s) => inScope.has(s.ticketId)),
    scoreTickets,
  };
}

export function periodSummary(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number): PeriodSummary {
  const data = readPeriod(r, q, scope, console, now);
  const calls = callFigures(data.calls, config);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { created: 0, resolved: 0 }])) as Record<Category, { created: number; resolved: number }>;
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, { created: 0 }])) as Record<Channel, { created: number }>;
  for (const t of data.created) {
    byCategory[t.category].created++;
    byChannel[t.channel].created++;
  }
  for (const t of data.resolved) byCategory[t.category].resolved++;
  const facts = [...data.facts.values()];
  return {
    from: q.from,
    to: q.to,
    tickets: { created: data.created.length, resolved: data.resolved.length, byCategory, byChannel },
    calls: { offered: calls.offered, answered: calls.answered, abandoned: calls.abandoned, serviceLevel: calls.serviceLevel, asaSeconds: calls.asaSeconds, ahtSeconds: calls.ahtSeconds },
    kpi: { fcr: firstContactResolution(facts), csat: satisfaction(data.scores.map((s) => s.satisfaction)).csat, slaMet: slaMet(facts) },
  };
}

/**
 * The agent KPI sheet (坐席考核表) in the CLI's shape (`report agents`): the
 * figures of the full sheet (agentKpi.ts), so the screen, the export and the
 * script agree.
 */
export function agentSheet(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number): AgentSheetRow[] {
  return agentKpiRows(r, q, scope, console, config, now).map((row) => ({
    agentId: row.agentId,
    callsAnswered: row.callsAnswered,
    ahtSeconds: row.ahtSeconds,
    ticketsResolved: row.ticketsResolved,
    fcr: row.fcr,
    slaMet: row.slaMet,
    csat: row.csat,
    quality: row.quality,
  }));
}
