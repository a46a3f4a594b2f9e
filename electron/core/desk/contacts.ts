import type { z } from 'zod';
import type { RecordContactSchema } from '../../../shared/desk/schema.js';
import type { TicketDetail } from '../../../shared/tickets/schema.js';
import { appendOutbox, stamp } from '../domain/context.js';
import { requireTicket, ticketDetail } from '../domain/ticketQueries.js';
import { appendHistory } from '../domain/tickets.js';
import type { WorkEnv } from './workEnv.js';

/**
 * Records a progress contact with the customer (客户已告知进展): a `contact`
 * history entry, which is what answers the 4-hour rule and, on a non-live
 * channel, the first response (shared/desk/sla.ts says which contacts count).
 * Contacts are recorded on any ticket, open or not: a customer who calls
 * about a resolved ticket was still spoken to.
 */
export function recordContact(env: WorkEnv, req: z.output<typeof RecordContactSchema>): TicketDetail {
  const { ctx } = env;
  ctx.store.write((w) => {
    requireTicket(w, req.ticketId);
    const s = stamp(ctx);
    const history = appendHistory(ctx, w, s, req.ticketId, 'contact', { channel: { from: null, to: req.channel } }, req.note);
    appendOutbox(w, s, { name: 'tickets:recordContact', entity: 'ticket', entityId: req.ticketId, changes: [history] });
  });
  env.onTickets([req.ticketId]);
  return ctx.store.read((r) => ticketDetail(r, req.ticketId, ctx.now()));
}
