import type { Migration } from '../store/types.js';

/**
 * The attendance plan (issue 16 points 2-3): shift types, the holiday
 * calendar and the roster (one entry per agent per date). All three sync as
 * `lww` rows (shared/sync/entities.ts, entities shift_type, holiday,
 * roster_entry), so each has an `id`:
 * - shift_type: id = the shift code (D, E, N ...); retired_at hides a retired type.
 * - holiday: id = the date (YYYY-MM-DD); removed_at takes a day out of a year
 *   (a corrected import), since a synced row is never deleted.
 * - roster_entry: id = `<agent>|<date>`, derived from both, so two PCs
 *   planning the same cell write one row; entry is a shift code, `rest` or
 *   `leave:<type>`; team is the agent's team (the row's sync scope).
 *
 * The defaults are seeded with field_hlc '{}' (older than any write): a fresh
 * database has domain.md's shifts (D 白班, E 晚班, N 值班) and the 2026
 * calendar; the first admin write of one sends it whole, so the server gets
 * it as a create. The seed is written out literally (not generated from
 * shared/attendance) so this migration's text never changes.
 */
export const attendancePlanMigration: Migration = {
  id: '0016_attendance_plan',
  sql: `
CREATE TABLE shift_type (
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  start_time    TEXT NOT NULL,
  end_time      TEXT NOT NULL,
  break_minutes INTEGER NOT NULL DEFAULT 0,
  retired_at    TEXT,
  updated_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  field_hlc     TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE holiday (
  id         TEXT PRIMARY KEY,
  date       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('statutory', 'holiday_rest', 'adjusted_workday')),
  name       TEXT NOT NULL,
  removed_at TEXT,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE roster_entry (
  id         TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL,
  date       TEXT NOT NULL,
  entry      TEXT NOT NULL,
  team       TEXT,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}',
  UNIQUE (agent_id, date)
);
CREATE INDEX roster_entry_date ON roster_entry (date, agent_id);
CREATE INDEX roster_entry_team ON roster_entry (team, date);

INSERT INTO shift_type (id, code, name, start_time, end_time, break_minutes, retired_at, updated_by, created_at, updated_at, field_hlc) VALUES
  ('D', 'D', '白班', '08:30', '17:30', 60, NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('E', 'E', '晚班', '17:00', '22:00', 0, NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('N', 'N', '值班', '22:00', '08:30', 0, NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}');
INSERT INTO holiday (id, date, kind, name, removed_at, updated_by, created_at, updated_at, field_hlc) VALUES
  ('2026-01-01', '2026-01-01', 'statutory', '元旦', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-01-02', '2026-01-02', 'holiday_rest', '元旦', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-01-03', '2026-01-03', 'holiday_rest', '元旦', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-01-04', '2026-01-04', 'adjusted_workday', '元旦', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-14', '2026-02-14', 'adjusted_workday', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-15', '2026-02-15', 'holiday_rest', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-16', '2026-02-16', 'statutory', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-17', '2026-02-17', 'statutory', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-18', '2026-02-18', 'statutory', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-19', '2026-02-19', 'statutory', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-20', '2026-02-20', 'holiday_rest', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-21', '2026-02-21', 'holiday_rest', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-22', '2026-02-22', 'holiday_rest', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-23', '2026-02-23', 'holiday_rest', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-02-28', '2026-02-28', 'adjusted_workday', '春节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-04-04', '2026-04-04', 'holiday_rest', '清明节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-04-05', '2026-04-05', 'statutory', '清明节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-04-06', '2026-04-06', 'holiday_rest', '清明节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-01', '2026-05-01', 'statutory', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-02', '2026-05-02', 'statutory', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-03', '2026-05-03', 'holiday_rest', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-04', '2026-05-04', 'holiday_rest', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-05', '2026-05-05', 'holiday_rest', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-05-09', '2026-05-09', 'adjusted_workday', '劳动节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-06-19', '2026-06-19', 'statutory', '端午节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-06-20', '2026-06-20', 'holiday_rest', '端午节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-06-21', '2026-06-21', 'holiday_rest', '端午节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-09-20', '2026-09-20', 'adjusted_workday', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-09-25', '2026-09-25', 'statutory', '中秋节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-09-26', '2026-09-26', 'holiday_rest', '中秋节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-09-27', '2026-09-27', 'holiday_rest', '中秋节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-01', '2026-10-01', 'statutory', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-02', '2026-10-02', 'statutory', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-03', '2026-10-03', 'statutory', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-04', '2026-10-04', 'holiday_rest', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-05', '2026-10-05', 'holiday_rest', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-06', '2026-10-06', 'holiday_rest', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-07', '2026-10-07', 'holiday_rest', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}'),
  ('2026-10-10', '2026-10-10', 'adjusted_workday', '国庆节', NULL, 'system', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}');
`,
};
