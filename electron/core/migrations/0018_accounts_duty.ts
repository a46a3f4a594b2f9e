import type { Migration } from '../store/types.js';

/**
 * Issue 16 points 1 and 7.
 * - A standalone account can be made to change its password at the next
 *   sign-in (an admin's reset gives a temporary one); resets and changes are
 *   written to this PC's account audit (local accounts never sync, neither
 *   does their audit: it names no password, only who did what to whom).
 * - The duty roster (值班表): one row per duty span, synced (duty_entry);
 *   removed entries stay (removed_at) so a removal merges like any change.
 */
export const accountsDutyMigration: Migration = {
  id: '0018_accounts_duty',
  sql: `
ALTER TABLE local_accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

CREATE TABLE account_audit (
  id       TEXT PRIMARY KEY,
  at       TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action   TEXT NOT NULL,
  username TEXT NOT NULL,
  detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX account_audit_at ON account_audit (at);

CREATE TABLE duty_entry (
  id         TEXT PRIMARY KEY,
  date       TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time   TEXT NOT NULL,
  agent_id   TEXT NOT NULL,
  phone      TEXT NOT NULL,
  backup_id  TEXT,
  removed_at TEXT,
  removed_by TEXT,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX duty_entry_date ON duty_entry (date);
`,
};
