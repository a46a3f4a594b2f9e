import type { Migration } from '../store/types.js';

/**
 * Issue 14, phone commands: an outbound call dialled to keep a promised
 * callback remembers which one, so the callback is completed when the
 * customer is reached (the agent marks the call answered, or the phone
 * system reports it answered). The link is this PC's own bookkeeping
 * between dialling and reaching, like ticket_drafts: never synced; the
 * callback's completion is synced as usual.
 */
export const phoneCommandsMigration: Migration = {
  id: '0009_phone_commands',
  sql: `
CREATE TABLE call_callbacks (
  call_id     TEXT PRIMARY KEY,
  callback_id TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
`,
};
