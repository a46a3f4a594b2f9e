import type { Migration } from '../store/types.js';

/**
 * The wallboard and the period reports read one window of time through
 * indexes: tickets by when they were resolved, scores by when they were
 * recorded, and the teams a supervisor may pick without reading every
 * ticket. (Calls by ring_at and the state log by at are indexed since 0005.)
 */
export const reportsMigration: Migration = {
  id: '0008_reports',
  sql: `
CREATE INDEX tickets_resolved_at ON tickets (resolved_at);
CREATE INDEX tickets_team ON tickets (team, created_at);
CREATE INDEX follow_ups_done_at ON follow_ups (done_at);
`,
};
