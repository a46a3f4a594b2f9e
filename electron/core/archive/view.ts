import type { ArchivedTicketView } from '../../../shared/archive/schema.js';
import type { Channel, Contract } from '../../../shared/contract.js';
import { CustomerSchema } from '../../../shared/customers/schema.js';
import { AppError } from '../../../shared/result.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import { TicketHistoryEntrySchema, TicketSchema } from '../../../shared/tickets/schema.js';

export type ArchiveChannel = { [C in Channel]: C extends `archive:${string}` ? (Contract[C]['owner'] extends 'core' ? C : never) : never }[Channel];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const byClock = (a: PulledRow, b: PulledRow): number => str(a.values.hlc).localeCompare(str(b.values.hlc)) || str(a.values.at).localeCompare(str(b.values.at));

/**
 * An archived ticket as the server holds it, for reading: the ticket, its
 * customer and numbers, its history and notes in clock order, and how many
 * calls were linked. Built from the fetched rows only; nothing is stored.
 */
export function viewOf(ticketId: string, rows: readonly PulledRow[], fetchedAt: string): ArchivedTicketView {
  const ticketRow = rows.find((r) => r.entity === 'ticket' && r.id === ticketId);
  if (!ticketRow) throw new AppError('NOT_FOUND', `The server sent no ticket ${ticketId}`);
  const ticket = TicketSchema.parse({ ...ticketRow.values, id: ticketId });
  const customerRow = rows.find((r) => r.entity === 'customer' && r.id === ticket.customerId);
  const phones = rows
    .filter((r) => r.entity === 'customer_phone' && r.values.customerId === ticket.customerId)
    .map((r) => ({ raw: str(r.values.raw), key: str(r.values.key), ...(str(r.values.ext) ? { ext: str(r.values.ext) } : {}) }));
  const customer = CustomerSchema.parse({
    id: ticket.customerId,
    name: str(customerRow?.values.name),
    phones,
    organisation: customerRow?.values.organisation ?? null,
    address: customerRow?.values.address ?? null,
    createdAt: str(customerRow?.values.createdAt),
    updatedAt: str(customerRow?.values.updatedAt),
  });
  const history = rows
    .filter((r) => r.entity === 'ticket_history' && r.values.ticketId === ticketId)
    .sort(byClock)
    .map((r) => {
      let changes: unknown;
      try {
        changes = JSON.parse(str(r.values.changes));
      } catch {
        changes = {};
      }
      return TicketHistoryEntrySchema.parse({ id: r.id, ticketId, at: r.values.at, actorId: r.values.actorId, action: r.values.action, changes, note: r.values.note ?? null });
    });
  const notes = rows
    .filter((r) => r.entity === 'ticket_note' && r.values.ticketId === ticketId)
    .sort(byClock)
    .map((r) => ({ id: r.id, authorId: str(r.values.authorId), body: str(r.values.body), at: str(r.values.at) }));
  const calls = rows.filter((r) => r.entity === 'call_ticket' && r.values.ticketId === ticketId).length;
  return { ticket, customer, history, notes, calls, fetchedAt };
}
