import type { Migration } from '../store/types.js';

/**
 * Attendance corrections (补登) and overtime claims (加班审定), issue 16
 * points 4-5. Both sync (shared/sync/entities.ts: attendance_correction,
 * overtime_claim). A correction is an extra state line a supervisor or admin
 * adds for an agent (or a line of `agent log import`): append-only, kept
 * apart from agent_state_log so the agent's own log stays theirs and every
 * correction stays marked as one. A claim's id is derived from agent, date
 * and kind, so two PCs computing the same overtime write one row. Sheet
 * exports are audited in report_exports (kind attendance / overtime).
 */
export const attendanceMigration: Migration = {
  id: '0017_attendance',
  sql: `
CREATE TABLE attendance_correction (
  id         TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('offline', 'ready', 'on_call', 'after_call', 'not_ready')),
  reason     TEXT,
  at         TEXT NOT NULL,
  note       TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('correction', 'import')),
  actor_id   TEXT NOT NULL,
  team       TEXT,
  created_at TEXT NOT NULL,
  hlc        TEXT NOT NULL
);
CREATE INDEX attendance_correction_agent ON attendance_correction (agent_id, at);
CREATE INDEX attendance_correction_at ON attendance_correction (at);
CREATE TRIGGER attendance_correction_no_update BEFORE UPDATE ON attendance_correction
BEGIN SELECT RAISE(ABORT, 'attendance_correction is append-only'); END;
CREATE TRIGGER attendance_correction_no_delete BEFORE DELETE ON attendance_correction
BEGIN SELECT RAISE(ABORT, 'attendance_correction is append-only'); END;

CREATE TABLE overtime_claim (
  id               TEXT PRIMARY KEY,
  agent_id         TEXT NOT NULL,
  team             TEXT,
  date             TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('workday', 'restday', 'holiday')),
  minutes          INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  approved_minutes INTEGER,
  compensation     TEXT CHECK (compensation IN ('pay', 'time_off')),
  agent_reason     TEXT,
  decided_by       TEXT,
  decided_at       TEXT,
  reject_reason    TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  field_hlc        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX overtime_claim_date ON overtime_claim (date, agent_id);
CREATE INDEX overtime_claim_status ON overtime_claim (status, date);
`,
};
