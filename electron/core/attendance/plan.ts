/**
 * The attendance plan as the rest of the core reads it (issue 16 points 2-3):
 * shift types, the holiday calendar and the roster. The attendance
 * computation, the sheets and the duty roster call these; keep the
 * signatures stable (add, don't break).
 */
import { rosterEntryId } from '../../../shared/attendance/planRules.js';
import { indexHolidays, type HolidayIndex } from '../../../shared/attendance/calendar.js';
import type { HolidayDay, HolidayKind, RosterEntry, ShiftType } from '../../../shared/attendance/schema.js';
import type { SqlReader } from '../store/types.js';

/** A shift type with its sync bookkeeping (the admin screen shows retired ones greyed). */
export interface ShiftTypeRow extends ShiftType {
  retiredAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

const SHIFT_SELECT = `SELECT code, name, start_time AS start, end_time AS "end", break_minutes AS breakMinutes, retired_at AS retiredAt,
  updated_by AS updatedBy, updated_at AS updatedAt FROM shift_type`;

/** The shift types in use (not retired), by code; `includeRetired` adds the retired ones. */
export function listShifts(r: SqlReader, options: { includeRetired?: boolean } = {}): ShiftTypeRow[] {
  return r.all<ShiftTypeRow>(`${SHIFT_SELECT}${options.includeRetired ? '' : ' WHERE retired_at IS NULL'} ORDER BY code`);
}

/** One shift type by code (retired ones too: an old roster still names them), or null. */
export function getShift(r: SqlReader, code: string): ShiftTypeRow | null {
  return r.get<ShiftTypeRow>(`${SHIFT_SELECT} WHERE code = ?`, [code]) ?? null;
}

/** Shift types by code, retired ones included (what attendance needs to read any roster entry). */
export function shiftMap(r: SqlReader): Map<string, ShiftTypeRow> {
  return new Map(listShifts(r, { includeRetired: true }).map((s) => [s.code, s]));
}

/** The listed days of the years fromYear..toYear (inclusive), by date. */
export function listHolidays(r: SqlReader, fromYear: number, toYear: number = fromYear): HolidayDay[] {
  return r.all<{ date: string; kind: HolidayKind; name: string }>(
    'SELECT date, kind, name FROM holiday WHERE removed_at IS NULL AND date >= ? AND date < ? ORDER BY date',
    [`${String(fromYear).padStart(4, '0')}-01-01`, `${String(toYear + 1).padStart(4, '0')}-01-01`],
  );
}

/** The calendar of fromYear..toYear as an index for dayType() (shared/attendance/calendar.ts). */
export function holidayIndex(r: SqlReader, fromYear: number, toYear: number = fromYear): HolidayIndex {
  return indexHolidays(listHolidays(r, fromYear, toYear));
}

/** The years that have a calendar (at least one listed day), ascending. */
export function calendarYears(r: SqlReader): number[] {
  return r.all<{ year: string }>("SELECT DISTINCT substr(date, 1, 4) AS year FROM holiday WHERE removed_at IS NULL ORDER BY year").map((x) => Number(x.year));
}

/**
 * The stored roster entries of the agents (null: every agent) from..to
 * (YYYY-MM-DD, inclusive), by agent then date. A date with no entry is
 * `rest` (domain.md): callers fill the gaps, this returns what was planned.
 */
export function rosterFor(r: SqlReader, agentIds: readonly string[] | null, from: string, to: string): RosterEntry[] {
  if (agentIds !== null && agentIds.length === 0) return [];
  const params: string[] = [from, to];
  let filter = '';
  if (agentIds !== null) {
    filter = ` AND agent_id IN (SELECT value FROM json_each(?))`;
    params.push(JSON.stringify(agentIds));
  }
  return r.all<RosterEntry>(`SELECT agent_id AS agentId, date, entry FROM roster_entry WHERE date >= ? AND date <= ?${filter} ORDER BY agent_id, date`, params);
}

/** `rosterFor` as a lookup: `${agentId}|${date}` -> entry text. */
export function rosterIndex(r: SqlReader, agentIds: readonly string[] | null, from: string, to: string): Map<string, string> {
  return new Map(rosterFor(r, agentIds, from, to).map((e) => [rosterEntryId(e.agentId, e.date), e.entry]));
}

