import type { Migration } from '../store/types.js';

/**
 * Teams, skills and agent profiles (issue 16 point 1), all synced
 * (shared/sync/entities.ts: team, skill, agent_profile).
 *
 * Teams were free text on accounts until now. An existing installation keeps
 * working: every distinct team text of this PC's accounts becomes a team
 * record here (id = that text, name = that text, no leader), so the records
 * and the strings already on tickets, hand-offs and rosters name the same
 * team. These seeded rows carry no clock ('{}'): the server's copy (its
 * migration 0009 makes records of its users' teams) or an admin's first edit
 * wins over them field by field. Account team texts are trimmed first (a
 * record and its accounts must carry the same text); an empty one is none. Teams named only by the server's users are
 * shown as derived teams (electron/core/desk/directory.ts) until their record
 * arrives by sync. The default skill list is seeded the same way.
 */
export const teamsMigration: Migration = {
  id: '0021_teams',
  sql: `
CREATE TABLE team (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  leader         TEXT,
  deactivated_at TEXT,
  updated_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  field_hlc      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE skill (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('product', 'language')),
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  retired_at TEXT,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE agent_profile (
  id         TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL,
  team       TEXT,
  seat       TEXT,
  skills     TEXT NOT NULL DEFAULT '[]',
  joined_on  TEXT,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX agent_profile_seat ON agent_profile (upper(seat)) WHERE seat IS NOT NULL;

UPDATE local_accounts SET team = NULLIF(trim(team), '') WHERE team IS NOT NULL AND team <> trim(team) OR team = '';

INSERT INTO team (id, name, leader, deactivated_at, updated_by, created_at, updated_at, field_hlc)
  SELECT DISTINCT trim(team), trim(team), NULL, NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'
    FROM local_accounts WHERE team IS NOT NULL AND trim(team) <> '';

INSERT INTO skill (id, kind, code, name, retired_at, updated_by, created_at, updated_at, field_hlc) VALUES
  ('broadband', 'product', 'broadband', '宽带', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('landline', 'product', 'landline', '固话', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('iptv', 'product', 'iptv', 'IPTV', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('leased_line', 'product', 'leased_line', '企业专线', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('mandarin', 'language', 'mandarin', '普通话', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('cantonese', 'language', 'cantonese', '粤语', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('english', 'language', 'english', 'English', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}');
`,
};
