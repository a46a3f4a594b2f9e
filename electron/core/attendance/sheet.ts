/**
 * The month view and the 月度考勤表 (issue 16 points 4, 6): one query for the
 * screen and the files, so what the admin sees is what payroll gets. Cells
 * carry the configurable symbols; overtime shown and totalled is approved
 * overtime only (the computed minutes stay beside it for the screen).
 */
import { localDate } from '../../../shared/attendance/attendance.js';
import { dayType, monthDates, weekday } from '../../../shared/attendance/calendar.js';
import { AttendanceConfigSchema, type AttendanceConfig, type AttendanceSheet, type AttendanceSymbols, type MonthQuery, type SheetAgent } from '../../../shared/attendance/contract.js';
import { DEFAULT_ATTENDANCE_RULES, OVERTIME_KINDS, type AttendanceRules, type AttendanceStatus, type OvertimeMinutes } from '../../../shared/attendance/schema.js';
import { monthLineRange } from '../../../shared/attendance/attendance.js';
import { parseOrThrow } from '../../../shared/result.js';
import { readDirectory } from '../desk/directory.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { claimsOfMonth, type ClaimRow } from './claims.js';
import { correctedDays } from './corrections.js';
import { audienceOf, computeMonth, supervising, type ComputedAgent, type Viewer } from './month.js';
import { holidayIndex } from './plan.js';

/** The settings row (synced, admin-only `setting` entity) holding the symbols. */
export const ATTENDANCE_CONFIG_KEY = 'attendance';

export function readAttendanceConfig(r: SqlReader): AttendanceConfig {
  const row = r.get<{ value: string }>('SELECT value FROM settings WHERE id = ?', [ATTENDANCE_CONFIG_KEY]);
  const fallback = AttendanceConfigSchema.parse({});
  if (!row) return fallback;
  try {
    const parsed = AttendanceConfigSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writeAttendanceConfigInTx(ctx: DomainContext, w: SqlWriter, actorId: string, patch: { symbols: Partial<AttendanceSymbols> }): AttendanceConfig {
  const current = readAttendanceConfig(w);
  const merged = parseOrThrow(AttendanceConfigSchema, { symbols: { ...current.symbols, ...patch.symbols } });
  const s = stamp(ctx);
  const value = JSON.stringify(merged);
  const values = { value, updatedBy: actorId, updatedAt: s.at };
  const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM settings WHERE id = ?', [ATTENDANCE_CONFIG_KEY]);
  if (existing) {
    w.run('UPDATE settings SET value = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [value, actorId, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), ATTENDANCE_CONFIG_KEY]);
  } else {
    w.run('INSERT INTO settings (id, value, updated_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?)', [ATTENDANCE_CONFIG_KEY, value, actorId, s.at, createdFieldHlc(s.hlc)]);
  }
  appendOutbox(w, s, { name: 'attendance:setConfig', entity: 'setting', entityId: ATTENDANCE_CONFIG_KEY, changes: [{ entity: 'setting', id: ATTENDANCE_CONFIG_KEY, values }] });
  return merged;
}

/** A cell's symbols: the status, then 加 when approved overtime fell on the day (alone on a rest day). */
export function cellText(status: AttendanceStatus, approvedOvertime: number, symbols: AttendanceSymbols): string {
  const base: Record<AttendanceStatus, string> = {
    normal: symbols.normal,
    late: symbols.late,
    early: symbols.early,
    late_early: `${symbols.late}${symbols.early}`,
    absent: symbols.absent,
    leave: symbols.leave,
    rest: symbols.rest,
  };
  if (approvedOvertime <= 0) return base[status];
  return status === 'rest' ? symbols.overtime : `${base[status]}${symbols.overtime}`;
}

const zero = (): OvertimeMinutes => ({ workday: 0, restday: 0, holiday: 0 });

export interface SheetData {
  sheet: AttendanceSheet;
  computed: ComputedAgent[];
  claims: ClaimRow[];
}

export function buildSheet(r: SqlReader, viewer: Viewer, query: MonthQuery, now: number, rules: AttendanceRules = DEFAULT_ATTENDANCE_RULES): SheetData {
  const computed = computeMonth(r, viewer, query, now, rules);
  const config = readAttendanceConfig(r);
  const ids = new Set(computed.map((c) => c.person.agentId));
  const claims = claimsOfMonth(r, query.month).filter((c) => ids.has(c.agentId));
  const approved = new Map<string, OvertimeMinutes>();
  const timeOff = new Map<string, number>();
  for (const c of claims) {
    if (c.status !== 'approved' || c.approvedMinutes === null) continue;
    const key = `${c.agentId}|${c.date}`;
    const day = approved.get(key) ?? zero();
    day[c.kind] += c.approvedMinutes;
    approved.set(key, day);
    if (c.compensation === 'time_off') timeOff.set(c.agentId, (timeOff.get(c.agentId) ?? 0) + c.approvedMinutes);
  }
  const range = monthLineRange(query.month, rules);
  const corrected = new Set(correctedDays(r, new Date(range.from).toISOString(), new Date(range.to).toISOString()).map((c) => `${c.agentId}|${localDate(Date.parse(c.at), rules)}`));
  const year = Number(query.month.slice(0, 4));
  const holidays = holidayIndex(r, year, year);
  const agents: SheetAgent[] = computed.map(({ person, month }) => {
    const approvedTotal = zero();
    const cells = month.days.map((d) => {
      const a = approved.get(`${person.agentId}|${d.date}`) ?? zero();
      for (const k of OVERTIME_KINDS) approvedTotal[k] += a[k];
      return {
        date: d.date,
        status: d.status,
        text: cellText(d.status, a.workday + a.restday + a.holiday, config.symbols),
        lateMinutes: d.lateMinutes,
        earlyMinutes: d.earlyMinutes,
        overtime: d.overtime,
        approved: a,
        corrected: corrected.has(`${person.agentId}|${d.date}`),
      };
    });
    return {
      agentId: person.agentId,
      name: person.name,
      team: person.team,
      cells,
      totals: month.totals,
      leaveByType: month.leaveDaysByType,
      approvedMinutes: approvedTotal,
      timeOffMinutes: timeOff.get(person.agentId) ?? 0,
    };
  });
  const audience = audienceOf(viewer, query);
  const teams = supervising(viewer) ? (viewer.role === 'admin' ? readDirectory(r).teams : viewer.team ? [viewer.team] : []) : [];
  return {
    sheet: {
      month: query.month,
      team: audience.team,
      days: monthDates(query.month).map((date) => ({ date, weekday: weekday(date), dayType: dayType(date, holidays), holiday: holidays.get(date)?.name ?? null })),
      agents,
      symbols: config.symbols,
      teams,
      canCorrect: supervising(viewer),
    },
    computed,
    claims,
  };
}
