import type { Migration } from '../store/types.js';

/**
 * Archiving (issue 18 point 3): old closed tickets leave this PC once the
 * server holds them (electron/core/archive). What stays is one line per
 * ticket, enough for search and screen-pop to say "older tickets on the
 * server" and fetch one on demand. Never synced: it is this PC's own
 * bookkeeping.
 *
 * History, notes and call links are append-only (their no_delete triggers):
 * an archiving step lifts that for its own transaction only, by holding a
 * row in archive_purge, which it empties before it commits. Nothing else
 * ever writes archive_purge, so every other delete is still refused.
 *
 * The report caches' change log (0020) marks every deleted ticket, call,
 * hand-off and follow-up as a full 'reset', one row each: an archiving step
 * of 200 tickets would write hundreds of them. While archive_purge holds its
 * row those triggers stay quiet and the step writes its single 'reset'.
 */
export const archiveMigration: Migration = {
  id: '0027_archive',
  sql: `
CREATE TABLE archived_tickets (
  id            TEXT PRIMARY KEY,
  no            TEXT NOT NULL,
  subject       TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  closed_at     TEXT NOT NULL,
  archived_at   TEXT NOT NULL
);
CREATE INDEX archived_tickets_customer ON archived_tickets (customer_id, closed_at);
CREATE INDEX archived_tickets_closed ON archived_tickets (closed_at);

CREATE TABLE archive_purge (token TEXT NOT NULL);

DROP TRIGGER ticket_history_no_delete;
CREATE TRIGGER ticket_history_no_delete BEFORE DELETE ON ticket_history WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN SELECT RAISE(ABORT, 'ticket_history is append-only'); END;
DROP TRIGGER ticket_notes_no_delete;
CREATE TRIGGER ticket_notes_no_delete BEFORE DELETE ON ticket_notes WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN SELECT RAISE(ABORT, 'ticket_notes is append-only'); END;
DROP TRIGGER call_tickets_no_delete;
CREATE TRIGGER call_tickets_no_delete BEFORE DELETE ON call_tickets WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN SELECT RAISE(ABORT, 'call_tickets is append-only'); END;

DROP TRIGGER report_changes_calls_delete;
CREATE TRIGGER report_changes_calls_delete AFTER DELETE ON calls WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
DROP TRIGGER report_changes_tickets_delete;
CREATE TRIGGER report_changes_tickets_delete AFTER DELETE ON tickets WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
DROP TRIGGER report_changes_handoffs_delete;
CREATE TRIGGER report_changes_handoffs_delete AFTER DELETE ON handoffs WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
DROP TRIGGER report_changes_follow_ups_delete;
CREATE TRIGGER report_changes_follow_ups_delete AFTER DELETE ON follow_ups WHEN NOT EXISTS (SELECT 1 FROM archive_purge)
BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
`,
};
