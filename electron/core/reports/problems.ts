import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { rangeBounds } from '../../../shared/reports/day.js';
import type { ProblemGroup, ProblemSummary, ProblemTicket } from '../../../shared/reports/periodReport.js';
import type { PeriodQuery } from '../../../shared/reports/schema.js';
import type { Category, Severity } from '../../../shared/tickets/schema.js';
import type { SqlReader } from '../store/types.js';
import { chunkedIds } from './periodReport.js';
import type { Scope } from './scope.js';
import { centerOffset } from './today.js';
import { ticketsInScope } from './wallboard.js';
import type { TicketRow } from './facts.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const SEVERITY_ORDER: Record<Severity, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Tickets in scope escalated to second line in [start, end): the week's hard problems. */
export function escalatedInPeriod(r: SqlReader, scope: Scope, start: number, end: number): string[] {
  return inScope(r, scope, r.all<{ ticketId: string }>("SELECT DISTINCT ticket_id AS ticketId FROM handoffs WHERE kind = 'escalate' AND created_at >= ? AND created_at < ?", [iso(start), iso(end)]).map((x) => x.ticketId));
}

/** Tickets in scope flagged as a product defect in [start, end) (and still flagged): the other half of the hard problems. */
export function defectFlaggedInPeriod(r: SqlReader, scope: Scope, start: number, end: number): string[] {
  return inScope(r, scope, r.all<{ ticketId: string }>('SELECT DISTINCT ticket_id AS ticketId FROM defect_tickets WHERE removed_at IS NULL AND linked_at >= ? AND linked_at < ?', [iso(start), iso(end)]).map((x) => x.ticketId));
}

function inScope(r: SqlReader, scope: Scope, ids: readonly string[]): string[] {
  const rows = chunkedIds([...ids], (chunk, marks) =>
    r.all<TicketRow>(
      `SELECT id, no, subject, status, category, severity, channel, team, assignee_id AS assigneeId, created_by AS createdBy, created_at AS createdAt, resolved_at AS resolvedAt FROM tickets WHERE id IN (${marks})`,
      chunk,
    ),
  );
  return ticketsInScope(r, scope, rows).map((t) => t.id);
}

interface ProblemRow {
  id: string;
  no: string;
  subject: string;
  severity: Severity;
  status: string;
  category: Category;
  product: string | null;
  owner: string;
  createdAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

/**
 * 周技术疑难问题总结: the given tickets grouped by product (device model when
 * no product; not recorded last), most urgent first, each with its first
 * escalation in the window (to whom, what was asked, second line's answer)
 * and its resolution, and the product defect it is flagged with. The caller
 * decides which tickets belong: the period's escalations (escalatedInPeriod)
 * and the tickets flagged as product defects in it (defectFlaggedInPeriod).
 */
export function hardProblemSummary(r: SqlReader, ticketIds: readonly string[], window: { start: number; end: number }): ProblemGroup[] {
  const unique = [...new Set(ticketIds)];
  const tickets = chunkedIds(unique, (chunk, marks) =>
    r.all<ProblemRow>(
      `SELECT id, no, subject, severity, status, category, COALESCE(NULLIF(TRIM(product), ''), NULLIF(TRIM(device_model), '')) AS product,
              COALESCE(assignee_id, created_by) AS owner, created_at AS createdAt, resolution, resolved_at AS resolvedAt
         FROM tickets WHERE id IN (${marks})`,
      chunk,
    ),
  );
  // A ticket flagged with several defects shows the one linked last.
  const defects = new Map<string, NonNullable<ProblemTicket['defect']>>();
  for (const d of chunkedIds(unique, (chunk, marks) =>
    r.all<{ ticketId: string; title: string; trackerRef: string | null; status: NonNullable<ProblemTicket['defect']>['status'] }>(
      `SELECT l.ticket_id AS ticketId, d.title, d.tracker_ref AS trackerRef, d.status FROM defect_tickets l JOIN defects d ON d.id = l.defect_id
        WHERE l.removed_at IS NULL AND l.ticket_id IN (${marks}) ORDER BY l.linked_at, l.id`,
      chunk,
    ),
  ))
    defects.set(d.ticketId, { title: d.title, trackerRef: d.trackerRef, status: d.status });
  const escalations = new Map<string, { at: string; to: string; ask: string; answer: string | null }>();
  const handoffs = chunkedIds(unique, (chunk, marks) =>
    r.all<{ ticketId: string; at: string; to: string; ask: string; answer: string | null }>(
      `SELECT ticket_id AS ticketId, created_at AS at, to_target AS "to", ask, answer FROM handoffs WHERE kind = 'escalate' AND ticket_id IN (${marks}) ORDER BY created_at, id`,
      chunk,
    ),
  );
  // The first escalation inside the window; else the first one at all (a defect ticket escalated before).
  for (const h of handoffs) {
    const inWindow = Date.parse(h.at) >= window.start && Date.parse(h.at) < window.end;
    const had = escalations.get(h.ticketId);
    if (!had || (inWindow && !(Date.parse(had.at) >= window.start && Date.parse(had.at) < window.end))) escalations.set(h.ticketId, h);
  }
  const groups = new Map<string | null, ProblemTicket[]>();
  for (const t of tickets) {
    const e = escalations.get(t.id);
    const item: ProblemTicket = {
      ticketId: t.id,
      no: t.no,
      subject: t.subject,
      severity: t.severity,
      status: t.status,
      category: t.category,
      product: t.product,
      owner: t.owner,
      createdAt: t.createdAt,
      escalatedAt: e?.at ?? null,
      escalatedTo: e?.to ?? null,
      ask: e?.ask ?? null,
      answer: e?.answer ?? null,
      resolution: t.resolution,
      resolvedAt: t.resolvedAt,
      defect: defects.get(t.id) ?? null,
    };
    groups.set(t.product, [...(groups.get(t.product) ?? []), item]);
  }
  return [...groups.entries()]
    .map(([product, list]) => ({
      product,
      tickets: list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.createdAt.localeCompare(b.createdAt) || a.no.localeCompare(b.no)),
      resolved: list.filter((x) => x.resolvedAt !== null).length,
    }))
    .sort((a, b) => Number(a.product === null) - Number(b.product === null) || b.tickets.length - a.tickets.length || (a.product ?? '').localeCompare(b.product ?? ''));
}

export function problemSummary(r: SqlReader, q: PeriodQuery, scope: Scope, console: ConsoleConfig): ProblemSummary {
  const window = rangeBounds(q.from, q.to, centerOffset(console));
  const ids = [...escalatedInPeriod(r, scope, window.start, window.end), ...defectFlaggedInPeriod(r, scope, window.start, window.end)];
  return { from: q.from, to: q.to, team: scope.team, groups: hardProblemSummary(r, ids, window) };
}
