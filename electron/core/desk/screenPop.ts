import type { TicketSummary } from '../../../shared/tickets/schema.js';
import { OPEN_STATUSES } from '../../../shared/tickets/stateMachine.js';
import type { ScreenPop } from '../../../shared/desk/schema.js';
import type { SqlReader, SqlValue } from '../store/types.js';
import { findCustomer } from '../domain/customers.js';
import { ticketSummaries } from '../domain/ticketQueries.js';
import { slaForTickets } from './slaQuery.js';
import { customerIdForNumber, dialledNumber } from './number.js';

/** How far back closed and resolved tickets still pop: a caller often rings about last week's problem. */
export const RECENT_DAYS = 30;
const MAX_TICKETS = 50;

const OPEN_IN = OPEN_STATUSES.map(() => '?').join(', ');

/** Summaries as tickets:list fills them (ticketQueries.ts), in the order of `ids`; open tickets carry their SLA clocks. */
function summaries(r: SqlReader, ids: readonly string[], now: number): TicketSummary[] {
  const byId = ticketSummaries(r, ids);
  const items = ids.map((id) => byId.get(id)).filter((t): t is TicketSummary => t !== undefined);
  const clocks = slaForTickets(r, items, now);
  for (const item of items) {
    const sla = clocks.get(item.id);
    if (sla) item.sla = sla;
  }
  return items;
}

function ids(r: SqlReader, sql: string, params: SqlValue[]): string[] {
  return r.all<{ id: string }>(sql, params).map((row) => row.id);
}

/**
 * The customer card for a caller's number: the customer (null when the
 * number is unknown: the console then offers a new customer with the number
 * filled in), their open tickets most urgent first then oldest, and what was
 * resolved or closed in the last 30 days, newest first.
 */
export function screenPop(r: SqlReader, rawNumber: string, now: number): ScreenPop {
  const { number, parsed } = dialledNumber(rawNumber);
  const customerId = customerIdForNumber(r, parsed);
  const customer = customerId ? (findCustomer(r, customerId) ?? null) : null;
  if (!customer) return { number, numberKey: parsed?.key ?? null, customer: null, openTickets: [], recentTickets: [] };
  const openIds = ids(
    r,
    `SELECT t.id FROM tickets t WHERE t.customer_id = ? AND t.status IN (${OPEN_IN})
      ORDER BY CASE t.severity WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.created_at, t.id LIMIT ?`,
    [customer.id, ...OPEN_STATUSES, MAX_TICKETS],
  );
  const since = new Date(now - RECENT_DAYS * 86_400_000).toISOString();
  const recentIds = ids(
    r,
    `SELECT t.id FROM tickets t WHERE t.customer_id = ? AND t.status NOT IN (${OPEN_IN}) AND COALESCE(t.closed_at, t.resolved_at, t.updated_at) >= ?
      ORDER BY COALESCE(t.closed_at, t.resolved_at, t.updated_at) DESC, t.id DESC LIMIT ?`,
    [customer.id, ...OPEN_STATUSES, since, MAX_TICKETS],
  );
  return { number, numberKey: parsed?.key ?? null, customer, openTickets: summaries(r, openIds, now), recentTickets: summaries(r, recentIds, now) };
}
