import type { Migration } from '../store/types.js';

/**
 * Issue 15: quality reviews (质检) and the local audit of report exports.
 * Both sync (shared/sync/entities.ts: quality_review, report_export). A
 * review is read by week (the supervisor's sampling screen), by agent and
 * time (the KPI sheet's record accuracy) and by ticket (never sample a
 * ticket twice); exports by time.
 */
export const qualityExportsMigration: Migration = {
  id: '0012_quality_exports',
  sql: `
CREATE TABLE quality_reviews (
  id          TEXT PRIMARY KEY,
  ticket_id   TEXT NOT NULL REFERENCES tickets (id),
  agent_id    TEXT NOT NULL,
  reviewer_id TEXT NOT NULL,
  week        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('sampled', 'scored')),
  checks      TEXT NOT NULL,
  score       REAL,
  comment     TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  reviewed_at TEXT,
  field_hlc   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX quality_reviews_week ON quality_reviews (week, agent_id);
CREATE INDEX quality_reviews_agent ON quality_reviews (agent_id, reviewed_at);
CREATE INDEX quality_reviews_ticket ON quality_reviews (ticket_id);

CREATE TABLE report_exports (
  id        TEXT PRIMARY KEY,
  actor_id  TEXT NOT NULL,
  kind      TEXT NOT NULL,
  format    TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL,
  team      TEXT,
  rows      INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX report_exports_at ON report_exports (at);

-- The hard-problem summary reads a period's escalations.
CREATE INDEX handoffs_kind_created ON handoffs (kind, created_at);
`,
};
