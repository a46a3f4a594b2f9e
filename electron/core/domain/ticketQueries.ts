import { z } from 'zod';
import {
  TicketHistoryEntrySchema,
  TicketSchema,
  TicketSummarySchema,
  type Ticket,
  type TicketDetail,
  type TicketHistoryEntry,
  type TicketListQuerySchema,
  type TicketPage,
  type TicketSummary,
} from '../../../shared/tickets/schema.js';
import { parsePhone } from '../../../shared/phone.js';
import { AppError } from '../../../shared/result.js';
import type { SqlParams, SqlReader, SqlValue } from '../store/types.js';
import { likeContains } from './context.js';
import { ticketNoKey } from '../../../shared/tickets/ticketNo.js';
import { getCustomer, phoneSearchDigits } from './customers.js';
import { computeSla } from '../../../shared/desk/sla.js';
import { isOpen } from '../../../shared/tickets/stateMachine.js';
import { readConsoleConfig } from '../desk/config.js';
import { slaForTickets, statusOfChanges } from '../desk/slaQuery.js';

/** Lists leave out the long texts: a page of 500 must not drag 500 descriptions along. */
const SUMMARY_COLUMNS = `t.id, t.no, t.status, t.subject, t.category, t.severity, t.channel,
  t.product, t.device_model AS deviceModel, t.assignee_id AS assigneeId, t.team,
  t.customer_id AS customerId, t.created_by AS createdBy, t.created_at AS createdAt,
  t.updated_at AS updatedAt, t.resolved_at AS resolvedAt, t.closed_at AS closedAt`;
const TICKET_COLUMNS = `${SUMMARY_COLUMNS}, t.description, t.steps_taken AS stepsTaken, t.resolution`;

export interface TicketRow {
  ticket: Ticket;
  fieldHlc: string;
}

export function findTicket(r: SqlReader, id: string): TicketRow | undefined {
  const row = r.get<Record<string, SqlValue>>(`SELECT ${TICKET_COLUMNS}, t.field_hlc AS fieldHlc FROM tickets t WHERE t.id = ?`, [id]);
  if (!row) return undefined;
  const { fieldHlc, ...ticket } = row;
  return { ticket: TicketSchema.parse(ticket), fieldHlc: typeof fieldHlc === 'string' ? fieldHlc : '{}' };
}

export function requireTicket(r: SqlReader, id: string): TicketRow {
  const t = findTicket(r, id);
  if (!t) throw new AppError('NOT_FOUND', `No ticket with id ${id}`);
  return t;
}

const HistoryRowSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  changes: z.string(),
  note: z.string().nullable(),
});

function history(r: SqlReader, ticketId: string): TicketHistoryEntry[] {
  // HLC order is causal order; `at` alone can tie or run backwards with the wall clock. Entries of one
  // transaction share its HLC (a ticket and its linked call): they keep the order they were written in.
  const rows = r.all(
    'SELECT id, ticket_id AS ticketId, at, actor_id AS actorId, action, changes, note FROM ticket_history WHERE ticket_id = ? ORDER BY hlc, at, rowid',
    [ticketId],
  );
  return rows.map((raw) => {
    const row = HistoryRowSchema.parse(raw);
    return TicketHistoryEntrySchema.parse({ ...row, changes: JSON.parse(row.changes) as unknown });
  });
}

/**
 * The ticket with its customer and history; `now` (ms) adds the SLA clocks of
 * an open ticket, computed from the history already read (no second query).
 */
export function ticketDetail(r: SqlReader, id: string, now?: number): TicketDetail {
  const { ticket } = requireTicket(r, id);
  const entries = history(r, id);
  const detail: TicketDetail = { ticket, customer: getCustomer(r, ticket.customerId), history: entries };
  if (now !== undefined && isOpen(ticket.status)) {
    const events = entries.map((e) => ({ at: e.at, action: e.action, toStatus: statusOfChanges(e.changes) }));
    detail.sla = computeSla(ticket, events, readConsoleConfig(r), now);
  }
  return detail;
}

/** Summaries of the given tickets (queues, my day), keyed by id; unknown ids are left out. */
export function ticketSummaries(r: SqlReader, ids: readonly string[]): Map<string, TicketSummary> {
  const out = new Map<string, TicketSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 5_000) {
    const chunk = unique.slice(i, i + 5_000);
    const rows = r.all(
      `SELECT ${SUMMARY_COLUMNS}, c.name AS customerName,
         (SELECT p.raw FROM customer_phones p WHERE p.customer_id = t.customer_id ORDER BY p.added_at, p.key, p.ext LIMIT 1) AS customerPhone
       FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of rows) {
      const summary = TicketSummarySchema.parse(row);
      out.set(summary.id, summary);
    }
  }
  return out;
}

type ListQuery = z.output<typeof TicketListQuerySchema>;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Bounds as ISO UTC strings comparable with `created_at`. A plain date is a
 * whole UTC day (the core does not know the agent's zone; a client that wants
 * local days sends date-times with an offset): `createdTo: '2026-11-24'`
 * includes all of that day.
 */
export function createdBounds(q: Pick<ListQuery, 'createdFrom' | 'createdTo'>): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (q.createdFrom) out.from = DATE_ONLY.test(q.createdFrom) ? `${q.createdFrom}T00:00:00.000Z` : new Date(q.createdFrom).toISOString();
  if (q.createdTo) {
    out.to = DATE_ONLY.test(q.createdTo) ? new Date(Date.parse(`${q.createdTo}T00:00:00.000Z`) + DAY_MS).toISOString() : new Date(q.createdTo).toISOString();
  }
  return out;
}

function inList(column: string, values: readonly string[] | undefined, where: string[], params: SqlValue[]): void {
  // An empty selection means "no filter", as in the UI's multi-selects.
  if (!values || values.length === 0) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

/**
 * A page of tickets, newest first; open ones carry their SLA clocks at `now`
 * (one history query for the whole page).
 */
export function listTickets(r: SqlReader, q: ListQuery, now: number = Date.now()): TicketPage {
  const where: string[] = [];
  const params: SqlValue[] = [];
  inList('t.status', q.status, where, params);
  inList('t.category', q.category, where, params);
  inList('t.severity', q.severity, where, params);
  if (q.assigneeId) {
    where.push('t.assignee_id = ?');
    params.push(q.assigneeId);
  }
  const { from, to } = createdBounds(q);
  if (from) {
    where.push('t.created_at >= ?');
    params.push(from);
  }
  if (to) {
    where.push('t.created_at < ?');
    params.push(to);
  }
  if (q.q) {
    const like = likeContains(q.q);
    const digits = phoneSearchDigits(q.q);
    // A ticket number is found with or without its separators (read out in groups, typed in one run).
    const noKey = likeContains(ticketNoKey(q.q));
    where.push(`(t.subject LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\' OR t.no LIKE ? ESCAPE '\\' OR REPLACE(t.no, '-', '') LIKE ? ESCAPE '\\'
      OR c.name LIKE ? ESCAPE '\\' OR c.organisation LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id
                  AND (p.key = ? OR (? IS NOT NULL AND p.key LIKE ? ESCAPE '\\'))))`);
    params.push(like, like, like, noKey, like, like, parsePhone(q.q)?.key ?? null, digits, digits === null ? null : likeContains(digits));
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const from_ = 'FROM tickets t JOIN customers c ON c.id = t.customer_id';
  const total = r.get<{ n: number }>(`SELECT COUNT(*) AS n ${from_} ${whereSql}`, params)?.n ?? 0;
  const rows = r.all(
    `SELECT ${SUMMARY_COLUMNS}, c.name AS customerName,
       (SELECT p.raw FROM customer_phones p WHERE p.customer_id = t.customer_id ORDER BY p.added_at, p.key, p.ext LIMIT 1) AS customerPhone
     ${from_} ${whereSql}
     ORDER BY t.created_at DESC, t.id DESC
     LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset] satisfies SqlParams,
  );
  const items = rows.map((row) => TicketSummarySchema.parse(row));
  const clocks = slaForTickets(r, items, now);
  for (const item of items) {
    const sla = clocks.get(item.id);
    if (sla) item.sla = sla;
  }
  return { items, total, limit: q.limit, offset: q.offset };
}
