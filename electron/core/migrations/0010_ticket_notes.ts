import type { Migration } from '../store/types.js';

/**
 * Internal notes on a ticket (issue 14, point 5): the team's comment thread,
 * synced as the append-only `ticket_note` entity (shared/sync/entities.ts).
 * Like the history, a note is never rewritten, so it never conflicts.
 */
export const ticketNotesMigration: Migration = {
  id: '0010_ticket_notes',
  sql: `
CREATE TABLE ticket_notes (
  id        TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  author_id TEXT NOT NULL,
  body      TEXT NOT NULL,
  at        TEXT NOT NULL,
  hlc       TEXT NOT NULL
);
CREATE INDEX ticket_notes_ticket ON ticket_notes (ticket_id, hlc);
CREATE TRIGGER ticket_notes_no_update BEFORE UPDATE ON ticket_notes
BEGIN SELECT RAISE(ABORT, 'ticket_notes is append-only'); END;
CREATE TRIGGER ticket_notes_no_delete BEFORE DELETE ON ticket_notes
BEGIN SELECT RAISE(ABORT, 'ticket_notes is append-only'); END;
`,
};
