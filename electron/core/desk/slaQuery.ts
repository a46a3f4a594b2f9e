import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { computeSla, type SlaEvent, type SlaTicket } from '../../../shared/desk/sla.js';
import type { TicketSla } from '../../../shared/tickets/schema.js';
import { isOpen, TICKET_STATUSES, type TicketStatus } from '../../../shared/tickets/stateMachine.js';
import type { SqlReader } from '../store/types.js';
import { readConsoleConfig } from './config.js';

/**
 * SLA clocks for tickets read from the store. The history the clocks need
 * (status changes and contacts) is read for a whole page in one query, never
 * one query per ticket.
 */

const STATUSES: ReadonlySet<string> = new Set(TICKET_STATUSES);
/** History actions that can move the clocks: status changes and recorded contacts. */
export const CLOCK_ACTIONS = ['created', 'transition', 'contact', 'handoff_answered'] as const;

/** The status a history entry moved the ticket to, from its `changes` JSON. */
export function statusOfChanges(changes: unknown): TicketStatus | undefined {
  if (!changes || typeof changes !== 'object') return undefined;
  const status = (changes as Record<string, unknown>).status;
  if (!status || typeof status !== 'object') return undefined;
  // A set lookup, not a schema parse: this runs for every history line of a month's report.
  const to = (status as Record<string, unknown>).to;
  return typeof to === 'string' && STATUSES.has(to) ? (to as TicketStatus) : undefined;
}

export function parseChanges(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Clock events of many tickets, each list in history (hlc) order. */
export function slaEventsFor(r: SqlReader, ticketIds: readonly string[]): Map<string, SlaEvent[]> {
  const out = new Map<string, SlaEvent[]>();
  if (ticketIds.length === 0) return out;
  const unique = [...new Set(ticketIds)];
  // SQLite allows 32766 host parameters; pages are at most 500.
  for (let i = 0; i < unique.length; i += 5_000) {
    const chunk = unique.slice(i, i + 5_000);
    const rows = r.all<{ ticketId: string; at: string; action: string; changes: string }>(
      `SELECT ticket_id AS ticketId, at, action, changes FROM ticket_history
        WHERE ticket_id IN (${chunk.map(() => '?').join(', ')}) AND action IN (${CLOCK_ACTIONS.map(() => '?').join(', ')})
        ORDER BY ticket_id, hlc, at, rowid`,
      [...chunk, ...CLOCK_ACTIONS],
    );
    for (const row of rows) {
      let list = out.get(row.ticketId);
      if (!list) out.set(row.ticketId, (list = []));
      list.push({ at: row.at, action: row.action, toStatus: statusOfChanges(parseChanges(row.changes)) });
    }
  }
  return out;
}

/**
 * Clocks of open tickets (closed ones get none: their clocks are history,
 * the report's business). `config` may be passed when the caller has read it.
 */
export function slaForTickets<T extends SlaTicket & { id: string }>(
  r: SqlReader,
  tickets: readonly T[],
  now: number,
  config: ConsoleConfig = readConsoleConfig(r),
  options: { includeClosed?: boolean } = {},
): Map<string, TicketSla> {
  const open = options.includeClosed ? tickets : tickets.filter((t) => isOpen(t.status));
  const events = slaEventsFor(
    r,
    open.map((t) => t.id),
  );
  const out = new Map<string, TicketSla>();
  for (const t of open) out.set(t.id, computeSla(t, events.get(t.id) ?? [], config, now));
  return out;
}
