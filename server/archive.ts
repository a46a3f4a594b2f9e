import type { FastifyInstance } from 'fastify';
import { HeldRequestSchema, TicketFamilyParamsSchema, type HeldTicket, type TicketFamilyResponse } from '../shared/archive/schema.js';
import { sessionOf } from './access.js';
import type { Queryable } from './db.js';
import { HttpError, parseRequest } from './errors.js';
import { TICKET_RECORDS, toStored, type RawRow } from './rows.js';
import type { Services } from './routes/context.js';
import { num } from './sql.js';
import { canSeeRow, requireSyncScope } from './visibility.js';

/**
 * Archiving's two server routes (issue 18 point 3). A PC removes old closed
 * tickets only once the server holds them (POST /sync/tickets/held), and
 * fetches one back on demand (GET /sync/ticket/:id). Both answer only what
 * the caller may pull: the same session, team scope, shares and `visible`
 * rules as /sync/pull (visibility.ts), so a ticket of another team that is
 * not shared with the caller's is NOT_FOUND, exactly like one that does not
 * exist.
 */

/** A ticket's records, its call links and their calls, its customer and the customer's numbers. */
const FAMILY = `SELECT entity, id, team, "values", field_hlc, seq, shared FROM sync_rows
  WHERE (entity = 'ticket' AND id = $1)
     OR (("values"->>'ticketId') = $1 AND entity = ANY($2::text[]))
     OR (entity = 'customer' AND id = $3)
     OR (entity = 'customer_phone' AND ("values"->>'customerId') = $3)
     OR (entity = 'call' AND id IN (SELECT "values"->>'callId' FROM sync_rows WHERE entity = 'call_ticket' AND ("values"->>'ticketId') = $1))
  ORDER BY seq`;

const TICKET = `SELECT entity, id, team, "values", field_hlc, seq, shared FROM sync_rows WHERE entity = 'ticket' AND id = $1`;

/** Family records of each ticket, counted whoever may see them (the PC holds at most what it was allowed to pull). */
const HELD = `SELECT t.id, t.team, t."values", t.shared,
    (SELECT count(*) FROM sync_rows c WHERE ("values"->>'ticketId') = t.id AND c.entity = ANY($2::text[])) AS records
  FROM sync_rows t WHERE t.entity = 'ticket' AND t.id = ANY($1::text[])`;


/** Records a PC deletes with the ticket and counts against the server's: the ticket's own records and its call links. */
export const ARCHIVED_RECORDS: readonly string[] = [...TICKET_RECORDS, 'call_ticket'];

const sharedOf = (s: string[] | null): string[] | null => (s && s.length > 0 ? s : null);

export async function ticketFamily(db: Queryable, user: Parameters<typeof canSeeRow>[0], ticketId: string): Promise<TicketFamilyResponse> {
  const [raw] = await db.query<RawRow>(TICKET, [ticketId]);
  const ticket = raw ? toStored(raw) : null;
  if (!ticket || !canSeeRow(user, 'ticket', ticket.team, ticket.values, ticket.shared)) {
    throw new HttpError(404, 'NOT_FOUND', `No ticket ${ticketId} on the server that you may see`);
  }
  const customerId = typeof ticket.values.customerId === 'string' ? ticket.values.customerId : '';
  const rows = (await db.query<RawRow>(FAMILY, [ticketId, [...ARCHIVED_RECORDS], customerId])).map(toStored);
  return {
    rows: rows
      .filter((r) => canSeeRow(user, r.entity, r.team, r.values, r.shared))
      .map((r) => ({ entity: r.entity as TicketFamilyResponse['rows'][number]['entity'], id: r.id, values: r.values, fieldHlc: r.fieldHlc, seq: r.seq })),
  };
}

export async function heldTickets(db: Queryable, user: Parameters<typeof canSeeRow>[0], ids: readonly string[]): Promise<HeldTicket[]> {
  const rows = await db.query<{ id: string; team: string | null; values: Record<string, unknown>; shared: string[] | null; records: string | number }>(HELD, [[...new Set(ids)], [...ARCHIVED_RECORDS]]);
  return rows
    .filter((r) => canSeeRow(user, 'ticket', r.team, r.values, sharedOf(r.shared)))
    .map((r) => ({
      id: r.id,
      status: String(r.values.status),
      closedAt: typeof r.values.closedAt === 'string' ? r.values.closedAt : null,
      records: num(r.records),
    }));
}

export function archiveRoutes(app: FastifyInstance, { db }: Services): void {
  app.get('/sync/ticket/:id', { config: { access: 'signedIn' } }, async (req): Promise<TicketFamilyResponse> => {
    const { id } = parseRequest(TicketFamilyParamsSchema, req.params, 'ticket id');
    const { user } = sessionOf(req);
    requireSyncScope(user);
    return ticketFamily(db, user, id);
  });

  app.post('/sync/tickets/held', { config: { access: 'signedIn' } }, async (req): Promise<{ tickets: HeldTicket[] }> => {
    const { ids } = parseRequest(HeldRequestSchema, req.body, 'held request');
    const { user } = sessionOf(req);
    requireSyncScope(user);
    return { tickets: await heldTickets(db, user, ids) };
  });
}
