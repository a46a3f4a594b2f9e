import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../shared/reports/config.js';
import { rangeBounds } from '../../../shared/reports/day.js';
import { callFigures, firstContactResolution, satisfaction, slaMet } from '../../../shared/reports/figures.js';
import type { AgentKpiRow, AgentKpiSheet } from '../../../shared/reports/periodReport.js';
import { recordAccuracy } from '../../../shared/reports/quality.js';
import type { PeriodQuery } from '../../../shared/reports/schema.js';
import { notReadyByReason, type ReasonLine } from '../../../shared/reports/stateTime.js';
import type { AgentStateName } from '../../../shared/desk/schema.js';
import { readDirectory as readPeople } from '../desk/directory.js';
import type { SqlReader } from '../store/types.js';
import type { TicketRow } from './facts.js';
import { readPeriod } from './period.js';
import type { PeriodCache } from './periodCache.js';
import { scoresByAgent } from './quality.js';
import type { Scope } from './scope.js';
import { centerOffset } from './today.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const owner = (t: Pick<TicketRow, 'assigneeId' | 'createdBy'>): string => t.assigneeId ?? t.createdBy;

/** Each listed agent's not-ready seconds by reason in [start, end). */
function notReadyOf(r: SqlReader, agents: readonly string[], start: number, end: number): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const agentId of agents) {
    const rows = r.all<{ state: AgentStateName; reason: string | null; at: string }>('SELECT state, reason, at FROM agent_state_log WHERE agent_id = ? AND at >= ? AND at < ? ORDER BY at, hlc, id', [agentId, iso(start), iso(end)]);
    const prev = r.get<{ state: AgentStateName; reason: string | null; at: string }>('SELECT state, reason, at FROM agent_state_log WHERE agent_id = ? AND at < ? ORDER BY at DESC, hlc DESC LIMIT 1', [agentId, iso(start)]);
    const line = (x: { state: AgentStateName; reason: string | null; at: string }): ReasonLine => ({ state: x.state, reason: x.reason, at: Date.parse(x.at) });
    // A window still running (this week) ends now: no not-ready time in the future.
    out.set(agentId, notReadyByReason(rows.map(line), start, end, prev ? line(prev) : undefined));
  }
  return out;
}

/**
 * The agent KPI sheet (坐席考核表), one row per agent: calls answered, talk
 * time and AHT; tickets handled (created or resolved in the period) and
 * resolved, FCR and timeliness (SLA met) of the resolved; satisfaction of
 * the scores recorded on their tickets; record accuracy (the mean score of
 * the quality reviews scored in the period); not-ready time by reason.
 * Tickets are the owner's (assignee, else creator). The agents: the team's
 * accounts (a team's sheet), and whoever took a call, owned a ticket or was
 * reviewed in the period.
 */
export function agentKpiRows(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): AgentKpiRow[] {
  const data = readPeriod(r, q, scope, console, now, cache);
  const { start, end } = rangeBounds(q.from, q.to, centerOffset(console));
  const quality = scoresByAgent(r, start, end);
  const agents = new Set<string>();
  for (const [id] of scope.dir.teams) if (scope.kind === 'team' && scope.agentIn(id)) agents.add(id);
  data.callAgents.forEach((id) => agents.add(id));
  for (const t of [...data.resolved, ...data.created]) if (scope.agentIn(owner(t))) agents.add(owner(t));
  for (const id of quality.keys()) if (scope.agentIn(id)) agents.add(id);
  const ids = [...agents].sort((a, b) => a.localeCompare(b));
  const people = new Map(readPeople(r).people.map((p) => [p.username, p]));
  const notReady = notReadyOf(r, ids, start, Math.min(end, now));
  return ids.map((agentId) => {
    const facts = data.calls.filter((_, i) => data.callAgents[i] === agentId);
    const calls = callFigures(facts, config);
    const talk = facts.filter((f) => f.answerAt !== null).reduce((sum, f) => sum + f.talkSeconds, 0);
    const resolved = data.resolved.filter((t) => owner(t) === agentId);
    const handled = new Set([...data.created.filter((t) => owner(t) === agentId).map((t) => t.id), ...resolved.map((t) => t.id)]);
    const resolvedFacts = resolved.map((t) => data.facts.get(t.id)).filter((f) => f !== undefined);
    const scores = data.scores.filter((s) => {
      const t = data.scoreTickets.get(s.ticketId);
      return t !== undefined && owner(t) === agentId;
    });
    const csat = satisfaction(scores.map((s) => s.satisfaction));
    const reviews = quality.get(agentId) ?? [];
    const reasons = notReady.get(agentId) ?? {};
    const person = people.get(agentId);
    return {
      agentId,
      displayName: person?.displayName ?? scope.dir.names.get(agentId) ?? agentId,
      team: person?.team ?? scope.dir.teams.get(agentId) ?? null,
      callsAnswered: calls.answered,
      talkSeconds: Math.round(talk),
      ahtSeconds: calls.ahtSeconds,
      ticketsHandled: handled.size,
      ticketsResolved: resolved.length,
      fcr: firstContactResolution(resolvedFacts),
      slaMet: slaMet(resolvedFacts),
      csat: csat.csat,
      csatMean: csat.mean,
      quality: recordAccuracy(reviews),
      reviews: reviews.length,
      notReady: reasons,
      notReadySeconds: Object.values(reasons).reduce((a, b) => a + b, 0),
    };
  });
}

export function agentKpiSheet(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): AgentKpiSheet {
  return { from: q.from, to: q.to, team: scope.team, reasons: console.notReadyReasons.map((x) => ({ code: x.code, label: x.label })), rows: agentKpiRows(r, q, scope, console, config, now, cache) };
}
