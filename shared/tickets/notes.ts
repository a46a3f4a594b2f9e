import { z } from 'zod';
import { inputText } from '../bidi.js';
import { IdSchema, LIMITS } from './schema.js';

/**
 * Internal notes (备注, issue 14 point 5): a comment thread on a ticket that
 * the team reads (whoever sees the ticket) and the customer never does. They
 * sync as the append-only `ticket_note` entity; a closed ticket takes none
 * until it is reopened (TICKET_CLOSED).
 */
export const NoteInputSchema = z.strictObject({
  ticketId: IdSchema,
  body: inputText().min(1).max(LIMITS.note),
});
export type NoteInput = z.infer<typeof NoteInputSchema>;

export const TicketNoteSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  authorId: z.string(),
  /** the author's display name from the directory; the username when the directory does not know them */
  authorName: z.string(),
  body: z.string(),
  at: z.string(),
});
export type TicketNote = z.infer<typeof TicketNoteSchema>;

/** The notes domain's channels; shared/contract.ts merges them. */
export const notesChannels = {
  /** a ticket's notes, oldest first */
  'notes:list': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: z.array(TicketNoteSchema) },
  'notes:add': { owner: 'core', request: NoteInputSchema, result: TicketNoteSchema },
} as const;
