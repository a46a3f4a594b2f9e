import type { Migration } from '../store/types.js';

/**
 * TV displays of the wallboard (shared/reports/tv.ts): one row per display a
 * supervisor opened on this PC. Only the key's SHA-256 is kept; a stopped
 * display keeps its row (who opened and stopped it) and its key stops working.
 * Local to the PC: the TV hangs on this PC's second display, not synced.
 */
export const wallboardTvMigration: Migration = {
  id: '0014_wallboard_tv',
  sql: `
CREATE TABLE wallboard_displays (
  id         TEXT PRIMARY KEY,
  key_hash   TEXT NOT NULL UNIQUE,
  team       TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_by  TEXT,
  closed_at  TEXT
);
`,
};
