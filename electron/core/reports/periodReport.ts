import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../shared/reports/config.js';
import { rangeBounds } from '../../../shared/reports/day.js';
import { callFigures, firstContactResolution, satisfaction, slaMet } from '../../../shared/reports/figures.js';
import type { PeriodFigures, PeriodReport } from '../../../shared/reports/periodReport.js';
import { previousPeriod, type DateRange, type PeriodKind } from '../../../shared/reports/periods.js';
import { CATEGORIES, CHANNELS, SEVERITIES, type Category, type Channel, type Severity } from '../../../shared/tickets/schema.js';
import type { SqlReader } from '../store/types.js';
import { readPeriod } from './period.js';
import type { PeriodCache } from './periodCache.js';
import { knownTeams, type Scope } from './scope.js';
import { centerOffset } from './today.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Runs `fn` over `ids` in chunks far below SQLite's host-parameter limit. */
export function chunkedIds<T>(ids: readonly string[], fn: (chunk: string[], marks: string) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 2_000) {
    const chunk = ids.slice(i, i + 2_000);
    out.push(...fn(chunk, chunk.map(() => '?').join(', ')));
  }
  return out;
}

/** Outbound calls placed in [start, end) by agents in scope: placed, connected (answered), not connected. */
function outboundCalls(r: SqlReader, scope: Scope, start: number, end: number): PeriodFigures['calls']['outbound'] {
  const rows = r.all<{ agentId: string; answered: number }>(
    `SELECT agent_id AS agentId, answer_at IS NOT NULL AS answered FROM calls WHERE ring_at >= ? AND ring_at < ? AND direction = 'outbound'`,
    [iso(start), iso(end)],
  );
  const mine = rows.filter((c) => scope.agentIn(c.agentId));
  const connected = mine.filter((c) => Number(c.answered) === 1).length;
  return { placed: mine.length, connected, notConnected: mine.length - connected };
}

/** Announcements published in the period (written then, whatever their window): to everyone, or to the scope's team. */
function announcementsPublished(r: SqlReader, scope: Scope, start: number, end: number): PeriodFigures['announcements'] {
  const rows = r.all<{ team: string | null }>('SELECT team FROM announcements WHERE created_at >= ? AND created_at < ?', [iso(start), iso(end)]);
  const inScope = rows.filter((a) => scope.kind === 'center' || a.team === null || a.team === scope.team);
  return { published: inScope.length, tracked: true };
}

/** Volume and KPIs of one period for a scope (the rows of readPeriod, kept between reads by the service's PeriodCache). */
export function periodFigures(r: SqlReader, range: DateRange, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): PeriodFigures {
  const { start, end } = rangeBounds(range.from, range.to, centerOffset(console));
  const data = readPeriod(r, range, scope, console, now, cache);
  const figures = callFigures(data.calls, config);
  const { created, resolved } = data;
  const facts = [...data.facts.values()];
  const csat = satisfaction(data.scores.map((s) => s.satisfaction));

  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { created: 0, resolved: 0 }])) as Record<Category, { created: number; resolved: number }>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const t of created) {
    byChannel[t.channel]++;
    byCategory[t.category].created++;
    bySeverity[t.severity]++;
  }
  for (const t of resolved) byCategory[t.category].resolved++;
  const products = new Map<string | null, number>();
  const productRows = chunkedIds(
    created.map((t) => t.id),
    (chunk, marks) => r.all<{ product: string | null }>(`SELECT COALESCE(NULLIF(TRIM(product), ''), NULLIF(TRIM(device_model), '')) AS product FROM tickets WHERE id IN (${marks})`, chunk),
  );
  for (const p of productRows) products.set(p.product, (products.get(p.product) ?? 0) + 1);
  const byProduct = [...products.entries()]
    .map(([product, n]) => ({ product, created: n }))
    // Most first; "not recorded" last, as a supervisor reads it.
    .sort((a, b) => Number(a.product === null) - Number(b.product === null) || b.created - a.created || (a.product ?? '').localeCompare(b.product ?? ''));

  return {
    from: range.from,
    to: range.to,
    calls: {
      inbound: { offered: figures.offered, answered: figures.answered, abandoned: figures.abandoned, shortAbandoned: figures.shortAbandoned },
      outbound: outboundCalls(r, scope, start, end),
    },
    tickets: { created: created.length, resolved: resolved.length, byChannel, byCategory, bySeverity, byProduct },
    announcements: announcementsPublished(r, scope, start, end),
    kpi: {
      serviceLevel: figures.serviceLevel,
      abandonRate: figures.abandonRate,
      asaSeconds: figures.asaSeconds,
      ahtSeconds: figures.ahtSeconds,
      fcr: firstContactResolution(facts),
      csat: csat.csat,
      csatMean: csat.mean,
      slaMet: slaMet(facts),
    },
  };
}

/** The period beside the previous one (calendar unit, or as many days just before). */
export function periodReport(r: SqlReader, q: { from: string; to: string; kind: PeriodKind }, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): PeriodReport {
  const current = periodFigures(r, q, scope, console, config, now, cache);
  const previous = periodFigures(r, previousPeriod(q.kind, q), scope, console, config, now, cache);
  return { kind: q.kind, team: scope.team, teams: scope.kind === 'center' || scope.kind === 'team' ? knownTeams(r, scope.dir) : [], current, previous };
}
