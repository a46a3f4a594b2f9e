import type { Migration } from '../store/types.js';

/**
 * Announcements and known outages (公告), their acknowledgements and the
 * tickets an outage brought; product defects (程序不完善反馈) and the tickets
 * flagged with them (issue 15 points 4-5). All sync (shared/sync/entities.ts);
 * link ids are derived from both ends, so two PCs linking the same pair merge.
 */
export const announcementsDefectsMigration: Migration = {
  id: '0013_announcements_defects',
  sql: `
CREATE TABLE announcements (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('info', 'warning', 'outage')),
  team         TEXT,
  valid_from   TEXT NOT NULL,
  valid_to     TEXT NOT NULL,
  ended_at     TEXT,
  ended_by     TEXT,
  published_by TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  field_hlc    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX announcements_valid_to ON announcements (valid_to);

CREATE TABLE announcement_acks (
  announcement_id TEXT NOT NULL REFERENCES announcements (id),
  agent_id        TEXT NOT NULL,
  team            TEXT,
  at              TEXT NOT NULL,
  hlc             TEXT NOT NULL,
  PRIMARY KEY (announcement_id, agent_id)
);

CREATE TABLE announcement_tickets (
  id              TEXT PRIMARY KEY,
  announcement_id TEXT NOT NULL REFERENCES announcements (id),
  ticket_id       TEXT NOT NULL REFERENCES tickets (id),
  linked_by       TEXT NOT NULL,
  linked_at       TEXT NOT NULL,
  removed_at      TEXT,
  removed_by      TEXT,
  updated_at      TEXT NOT NULL,
  field_hlc       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX announcement_tickets_announcement ON announcement_tickets (announcement_id);
CREATE INDEX announcement_tickets_ticket ON announcement_tickets (ticket_id);

CREATE TABLE defects (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  product     TEXT NOT NULL,
  version     TEXT NOT NULL,
  steps       TEXT NOT NULL,
  severity    TEXT NOT NULL,
  tracker_ref TEXT,
  status      TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'fixed', 'wont_fix')),
  status_by   TEXT NOT NULL,
  status_at   TEXT NOT NULL,
  status_note TEXT,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  field_hlc   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX defects_status ON defects (status, product);

CREATE TABLE defect_tickets (
  id             TEXT PRIMARY KEY,
  defect_id      TEXT NOT NULL REFERENCES defects (id),
  ticket_id      TEXT NOT NULL REFERENCES tickets (id),
  linked_by      TEXT NOT NULL,
  linked_at      TEXT NOT NULL,
  removed_at     TEXT,
  removed_by     TEXT,
  owner_noted_at TEXT,
  owner_noted_by TEXT,
  updated_at     TEXT NOT NULL,
  field_hlc      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX defect_tickets_defect ON defect_tickets (defect_id);
CREATE INDEX defect_tickets_ticket ON defect_tickets (ticket_id);
`,
};
