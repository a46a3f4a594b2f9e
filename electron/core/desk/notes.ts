import type { NoteInput, TicketNote } from '../../../shared/tickets/notes.js';
import { TicketNoteSchema } from '../../../shared/tickets/notes.js';
import { appendOutbox, stamp } from '../domain/context.js';
import { requireTicket } from '../domain/ticketQueries.js';
import { assertNotClosed } from '../domain/tickets.js';
import type { SqlReader } from '../store/types.js';
import { readDirectory } from './directory.js';
import { acting, type WorkEnv } from './workEnv.js';

/**
 * Internal notes on a ticket (shared/tickets/notes.ts): one row and its
 * outbox entry in one transaction. Notes are not history entries: the
 * history records what happened to the ticket; notes are what the team says
 * about it.
 */
export function addNote(env: WorkEnv, req: NoteInput): TicketNote {
  const { ctx } = env;
  const me = acting(env);
  const id = ctx.newId();
  ctx.store.write((w) => {
    assertNotClosed(requireTicket(w, req.ticketId).ticket);
    const s = stamp(ctx);
    const values = { ticketId: req.ticketId, authorId: me.username, body: req.body, at: s.at, hlc: s.hlc };
    w.run('INSERT INTO ticket_notes (id, ticket_id, author_id, body, at, hlc) VALUES (?, ?, ?, ?, ?, ?)', [id, req.ticketId, me.username, req.body, s.at, s.hlc]);
    appendOutbox(w, s, { name: 'notes:add', entity: 'ticket', entityId: req.ticketId, changes: [{ entity: 'ticket_note', id, values }] });
  });
  env.onTickets([req.ticketId]);
  const added = ctx.store.read((r) => notesOfTicket(r, req.ticketId)).find((n) => n.id === id);
  if (!added) throw new Error(`note ${id} was written but cannot be read back`);
  return added;
}

/** A ticket's notes in the order they were written (hybrid clock, so two PCs' notes interleave as they happened). */
export function notesOfTicket(r: SqlReader, ticketId: string): TicketNote[] {
  requireTicket(r, ticketId);
  const names = new Map(readDirectory(r).people.map((p) => [p.username.toLowerCase(), p.displayName]));
  return r
    .all<{ id: string; ticketId: string; authorId: string; body: string; at: string }>(
      'SELECT id, ticket_id AS ticketId, author_id AS authorId, body, at FROM ticket_notes WHERE ticket_id = ? ORDER BY hlc, at, id',
      [ticketId],
    )
    .map((row) => TicketNoteSchema.parse({ ...row, authorName: names.get(row.authorId.toLowerCase()) ?? row.authorId }));
}
