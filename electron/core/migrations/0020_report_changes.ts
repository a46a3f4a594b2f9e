import type { Migration } from '../store/types.js';

/**
 * What changed since the wallboard last looked (issue 15 point 8: a refresh
 * after one new call must not rescan the day). Every write to the tables the
 * day's figures come from appends the changed row's key here, from triggers,
 * so writes from every path (the desk, sync, the CLI, a bulk first sync) are
 * seen; electron/core/reports/dayCache.ts reads the keys after the revision
 * it holds and re-reads just those rows. `kind` says what to re-read: a call,
 * a ticket (its row, or its history, hand-offs and call links), a scored
 * follow-up, a state line; `reset` (a deleted row; the state log, history
 * and call links are append-only) rebuilds the day. The log
 * keeps itself short: every 1,000th entry drops all but the last 4,000; a
 * reader that fell further behind rebuilds.
 */
export const reportChangesMigration: Migration = {
  id: '0020_report_changes',
  sql: `
CREATE TABLE report_changes (
  rev     INTEGER PRIMARY KEY AUTOINCREMENT,
  kind    TEXT NOT NULL CHECK (kind IN ('call', 'ticket', 'score', 'state', 'reset')),
  row_key TEXT NOT NULL
);
CREATE TRIGGER report_changes_cap AFTER INSERT ON report_changes WHEN NEW.rev % 1000 = 0 BEGIN DELETE FROM report_changes WHERE rev <= NEW.rev - 4000; END;
CREATE TRIGGER report_changes_calls_insert AFTER INSERT ON calls BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('call', NEW.id); END;
CREATE TRIGGER report_changes_calls_update AFTER UPDATE ON calls BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('call', NEW.id); END;
CREATE TRIGGER report_changes_calls_delete AFTER DELETE ON calls BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
CREATE TRIGGER report_changes_tickets_insert AFTER INSERT ON tickets BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.id); END;
CREATE TRIGGER report_changes_tickets_update AFTER UPDATE ON tickets BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.id); END;
CREATE TRIGGER report_changes_tickets_delete AFTER DELETE ON tickets BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
CREATE TRIGGER report_changes_ticket_history_insert AFTER INSERT ON ticket_history BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.ticket_id); END;
CREATE TRIGGER report_changes_handoffs_insert AFTER INSERT ON handoffs BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.ticket_id); END;
CREATE TRIGGER report_changes_handoffs_update AFTER UPDATE ON handoffs BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.ticket_id); END;
CREATE TRIGGER report_changes_handoffs_delete AFTER DELETE ON handoffs BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
CREATE TRIGGER report_changes_call_tickets_insert AFTER INSERT ON call_tickets BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('ticket', NEW.ticket_id); END;
CREATE TRIGGER report_changes_follow_ups_insert AFTER INSERT ON follow_ups BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('score', NEW.id); END;
CREATE TRIGGER report_changes_follow_ups_update AFTER UPDATE ON follow_ups BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('score', NEW.id); END;
CREATE TRIGGER report_changes_follow_ups_delete AFTER DELETE ON follow_ups BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('reset', ''); END;
CREATE TRIGGER report_changes_agent_state_log_insert AFTER INSERT ON agent_state_log BEGIN INSERT INTO report_changes (kind, row_key) VALUES ('state', NEW.id); END;
`,
};
