import { AppError } from '../../../shared/result.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { DomainContext, Stamp } from '../domain/context.js';
import type { SqlWriter } from '../store/types.js';

/**
 * Links a call to a ticket inside the caller's transaction (tickets:create
 * with callId, calls:link): the append-only call_tickets record plus a
 * `call_linked` history entry on the ticket. Returns the sync changes to put
 * in the caller's outbox entry; [] when the link already exists.
 */
export function linkCallInTx(ctx: DomainContext, w: SqlWriter, s: Stamp, callId: string, ticketId: string): RowChange[] {
  const call = w.get<{ id: string }>('SELECT id FROM calls WHERE id = ?', [callId]);
  if (!call) throw new AppError('CALL_NOT_FOUND', `No call with id ${callId}`, [{ path: 'callId', code: 'call_not_found', message: `No call with id ${callId}` }]);
  if (w.get('SELECT 1 AS found FROM call_tickets WHERE call_id = ? AND ticket_id = ?', [callId, ticketId])) return [];
  w.run('INSERT INTO call_tickets (call_id, ticket_id, actor_id, at) VALUES (?, ?, ?, ?)', [callId, ticketId, ctx.actorId, s.at]);
  const historyId = ctx.newId();
  const changes = JSON.stringify({ callId: { from: null, to: callId } });
  w.run('INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, note, hlc) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [historyId, ticketId, s.at, ctx.actorId, 'call_linked', changes, s.hlc]);
  return [
    { entity: 'call_ticket', id: `${callId}|${ticketId}`, values: { callId, ticketId, actorId: ctx.actorId, at: s.at } },
    { entity: 'ticket_history', id: historyId, values: { ticketId, at: s.at, actorId: ctx.actorId, action: 'call_linked', changes, note: null, hlc: s.hlc } },
  ];
}
