import type { Migration } from '../store/types.js';

/**
 * A longer memory of what changed (issue 15): the period reports' cache
 * (electron/core/reports/periodCache.ts) keeps the days of a month between
 * reads and asks this log what changed since. At the 4,000 entries 0020
 * kept, a busy center (some ten entries a contact) wrote past the window
 * within an hour, and every later report was read afresh. 50,000 entries (a
 * few MB) cover a busy day; the wallboard still rebuilds past 2,000 of
 * them, as before.
 */
export const reportChangesWindowMigration: Migration = {
  id: '0025_report_changes_window',
  sql: `
DROP TRIGGER report_changes_cap;
CREATE TRIGGER report_changes_cap AFTER INSERT ON report_changes WHEN NEW.rev % 1000 = 0 BEGIN DELETE FROM report_changes WHERE rev <= NEW.rev - 50000; END;
`,
};
