import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../shared/reports/config.js';
import { callFigures, firstContactResolution, satisfaction, slaMet, type CallFact, type ResolvedTicketFact } from '../../../shared/reports/figures.js';
import type { AgentSheetRow, PeriodQuery, PeriodSummary } from '../../../shared/reports/schema.js';
import { CATEGORIES, CHANNELS, type Category, type Channel } from '../../../shared/tickets/schema.js';
import type { SqlReader } from '../store/types.js';
import { settledFact, type TicketRow } from './facts.js';
import { PeriodCache } from './periodCache.js';
import { agentKpiRows } from './agentKpi.js';
import type { Scope } from './scope.js';
import { ticketsInScope } from './wallboard.js';

/**
 * Period reports (CLI `report summary` / `report agents`): the same facts
 * and formulas as the board, over center days from..to inclusive. A call
 * counts on the day it rang, a ticket on the day it was created or resolved,
 * a score on the day it was recorded.
 */

export interface PeriodData {
  calls: CallFact[];
  callAgents: string[];
  created: TicketRow[];
  resolved: TicketRow[];
  facts: Map<string, ResolvedTicketFact>;
  scores: { ticketId: string; satisfaction: number }[];
  scoreTickets: Map<string, TicketRow>;
}

export function readPeriod(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, now: number, cache: PeriodCache = new PeriodCache()): PeriodData {
  const rows = cache.period(r, q.from, q.to, console, now);
  const calls = rows.calls.filter((c) => scope.agentIn(c.agentId));
  const resolved = ticketsInScope(r, scope, rows.resolved);
  const inScope = new Set(ticketsInScope(r, scope, [...rows.scoreTickets.values()]).map((t) => t.id));
  return {
    calls: calls.map((c) => settledFact(c, now, console.afterCallWorkSeconds)),
    callAgents: calls.map((c) => c.agentId),
    created: ticketsInScope(r, scope, rows.created),
    resolved,
    facts: new Map(resolved.map((t) => [t.id, rows.facts.get(t.id) as ResolvedTicketFact])),
    scores: rows.scores.filter((s) => inScope.has(s.ticketId)),
    scoreTickets: rows.scoreTickets,
  };
}

export function periodSummary(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): PeriodSummary {
  const data = readPeriod(r, q, scope, console, now, cache);
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
export function agentSheet(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): AgentSheetRow[] {
  return agentKpiRows(r, q, scope, console, config, now, cache).map((row) => ({
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
