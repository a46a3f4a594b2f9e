/**
 * Attendance, corrections, overtime claims and the monthly sheets (issue 16
 * points 4-6) served on the contract's channels. Rights are checked here
 * (and again on the server for what syncs): agents read their own month and
 * claims and add a reason to their own claim; supervisors read, correct,
 * approve and export their team; admins everyone.
 */
import { formatLocal, localDate, localInstant, monthBounds } from '../../../shared/attendance/attendance.js';
import { addDays, monthDates } from '../../../shared/attendance/calendar.js';
import type { AttendanceMonth, Claim, DayDetail, SheetExport } from '../../../shared/attendance/contract.js';
import { DEFAULT_ATTENDANCE_RULES } from '../../../shared/attendance/schema.js';
import type { Handlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';
import type { CoreChannel } from '../api.js';
import { acting, consoleChanged, type WorkEnv } from '../desk/workEnv.js';
import { exportFileName, recordExportInTx } from '../reports/export/index.js';
import type { SqlReader } from '../store/types.js';
import { approveInTx, claimId, claimsOfMonth, getClaim, reasonInTx, rejectInTx, syncClaimsInTx, toClaim, type ClaimRow } from './claims.js';
import { appendCorrectionsInTx, assertMayCorrect, correctionsOf } from './corrections.js';
import { attendanceCsv, attendanceXlsx } from './export/attendanceSheet.js';
import { overtimeCsv, overtimeXlsx } from './export/overtimeSheet.js';
import { audienceOf, computeMonth, peopleOf, supervising, type Person, type Viewer } from './month.js';
import { buildSheet, readAttendanceConfig, writeAttendanceConfigInTx } from './sheet.js';
import { computedOvertime } from '../../../shared/attendance/overtime.js';

export type AttendanceChannel = Extract<CoreChannel, `attendance:${string}` | `overtime:${string}`>;
export type AttendanceHandlers = Handlers<AttendanceChannel>;

export interface AttendanceDeps extends WorkEnv {
  localChange: () => void;
}

const rules = DEFAULT_ATTENDANCE_RULES;
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** The person behind an agent id: the directory's, else the roster's team for them. */
function personOf(r: SqlReader, agentId: string, month: string): Person | undefined {
  return peopleOf(r, month, rules).get(agentId);
}

/** The month as `attendance month` prints it: exactly the fields. */
export function monthResult(r: SqlReader, viewer: Viewer, query: { month: string; team?: string | undefined; agent?: string | undefined }, now: number): AttendanceMonth {
  const computed = computeMonth(r, viewer, query, now, rules);
  return {
    month: query.month,
    agents: computed.map(({ person, month }) => ({
      agentId: person.agentId,
      days: month.days.map((d) => ({
        date: d.date,
        dayType: d.dayType,
        entry: d.entry,
        status: d.status,
        firstIn: d.firstIn,
        lastOut: d.lastOut,
        lateMinutes: d.lateMinutes,
        earlyMinutes: d.earlyMinutes,
        overtime: d.overtime,
      })),
      totals: month.totals,
    })),
  };
}

export function createAttendance(deps: AttendanceDeps): { handlers: AttendanceHandlers } {
  const { ctx } = deps;
  const me = (): Viewer => {
    const a = acting(deps);
    return { username: a.username, role: a.role, team: a.team };
  };
  const changed = (): void => {
    deps.localChange();
    consoleChanged(deps, ['attendance']);
  };

  /** A supervising viewer's PC records the computed overtime of its audience as claims. */
  function refreshClaims(viewer: Viewer, query: { month: string; team?: string | undefined; agent?: string | undefined }): void {
    if (!supervising(viewer)) return;
    const written = ctx.store.write((w) => syncClaimsInTx(ctx, w, computeMonth(w, viewer, query, ctx.now(), rules)));
    if (written > 0) changed();
  }

  /** The claims of the viewer's audience; for an agent, their computed overtime not yet recorded shows as pending. */
  function listClaims(viewer: Viewer, query: { month: string; team?: string | undefined; agent?: string | undefined; status?: ClaimRow['status'] | undefined }): Claim[] {
    refreshClaims(viewer, query);
    return ctx.store.read((r) => {
      const audience = audienceOf(viewer, query);
      const people = peopleOf(r, query.month, rules);
      const rows = claimsOfMonth(r, query.month).filter((c) => audience.member(c.agentId, people.get(c.agentId)?.team ?? c.team));
      if (!supervising(viewer)) {
        const have = new Set(rows.map((c) => c.id));
        for (const { month } of computeMonth(r, viewer, query, ctx.now(), rules)) {
          for (const c of computedOvertime(viewer.username, month.days)) {
            const id = claimId(c.agentId, c.date, c.kind);
            if (!have.has(id)) rows.push({ id, agentId: c.agentId, team: viewer.team, date: c.date, kind: c.kind, minutes: c.minutes, status: 'pending', approvedMinutes: null, compensation: null, agentReason: null, decidedBy: null, decidedAt: null, rejectReason: null, fieldHlc: '{}' });
          }
        }
      }
      return rows
        .filter((c) => c.minutes > 0 && (query.status === undefined || c.status === query.status))
        .sort((a, b) => a.date.localeCompare(b.date) || a.agentId.localeCompare(b.agentId) || a.kind.localeCompare(b.kind))
        .map((c) => toClaim(c, people.get(c.agentId), rows, rules));
    });
  }

  function claimResult(id: string): Claim {
    return ctx.store.read((r) => {
      const row = getClaim(r, id);
      const all = claimsOfMonth(r, row.date.slice(0, 7));
      return toClaim(row, personOf(r, row.agentId, row.date.slice(0, 7)), all, rules);
    });
  }

  function dayDetail(viewer: Viewer, agentId: string, date: string): DayDetail {
    const month = date.slice(0, 7);
    if (!monthDates(month).includes(date)) throw new AppError('VALIDATION_FAILED', `date: ${date} is not a calendar date`, [{ path: 'date', code: 'invalid_date', message: 'Not a calendar date' }]);
    return ctx.store.read((r) => {
      const computed = computeMonth(r, viewer, { month, agent: agentId }, ctx.now(), rules).find((c) => c.person.agentId === agentId);
      if (!computed) throw new AppError('FORBIDDEN', `No attendance of ${agentId} you may see`, [{ path: 'agentId', code: 'forbidden', message: `Not in your scope: ${agentId}` }]);
      const day = computed.month.days.find((d) => d.date === date);
      if (!day) throw new AppError('VALIDATION_FAILED', `date: ${date} is not in ${month}`, [{ path: 'date', code: 'invalid_date', message: 'Not in the month' }]);
      const from = day.window ? day.window.windowStart : localInstant(date, '00:00', rules);
      const to = day.window ? day.window.windowEnd : localInstant(addDays(date, 1), '00:00', rules);
      const corrections = correctionsOf(r, agentId, new Date(Math.min(from, localInstant(date, '00:00', rules))).toISOString(), new Date(Math.max(to, localInstant(addDays(date, 1), '00:00', rules))).toISOString());
      const marks = new Set(corrections.map((c) => Date.parse(c.at)));
      const { spans, window, leaveType, ...rest } = day;
      return {
        agentId,
        day: { date: rest.date, dayType: rest.dayType, entry: rest.entry, status: rest.status, firstIn: rest.firstIn, lastOut: rest.lastOut, lateMinutes: rest.lateMinutes, earlyMinutes: rest.earlyMinutes, overtime: rest.overtime },
        leaveType,
        window: window ? { start: formatLocal(window.start, rules), end: formatLocal(window.end, rules), windowStart: formatLocal(window.windowStart, rules), windowEnd: formatLocal(window.windowEnd, rules) } : null,
        spans: spans.map((s) => ({ from: formatLocal(s.from, rules), to: formatLocal(s.to, rules), open: s.open, corrected: marks.has(s.from) || marks.has(s.to) })),
        corrections,
        utcOffsetMinutes: rules.utcOffsetMinutes,
      };
    });
  }

  async function exportSheet(req: SheetExport): Promise<{ fileName: string; mimeType: string; rows: number; base64: string }> {
    const viewer = me();
    if (!supervising(viewer)) throw new AppError('FORBIDDEN', `The monthly sheets are exported by supervisors and admins; a ${viewer.role} sees their own month on screen`, [{ path: 'sheet', code: 'forbidden', message: 'Supervisors and admins only' }]);
    const query = { month: req.month, ...(req.team !== undefined ? { team: req.team } : {}) };
    refreshClaims(viewer, query);
    let file: { bytes: Buffer; rows: number };
    if (req.sheet === 'attendance') {
      const { sheet } = ctx.store.read((r) => buildSheet(r, viewer, query, ctx.now(), rules));
      file = req.format === 'xlsx' ? await attendanceXlsx(sheet, req.locale) : attendanceCsv(sheet, req.locale);
    } else {
      const claims = listClaims(viewer, { ...query, status: 'approved' });
      file = req.format === 'xlsx' ? await overtimeXlsx(claims, req.month, req.team ?? (viewer.role === 'supervisor' ? viewer.team : null), req.locale) : overtimeCsv(claims, req.locale);
    }
    const bounds = monthBounds(req.month);
    const audit = { kind: req.sheet, format: req.format, from: bounds.first, to: bounds.last, team: req.team ?? (viewer.role === 'supervisor' ? (viewer.team ?? undefined) : undefined) };
    const fileName = exportFileName(audit).replace(`_${audit.to}`, '').replace(`-${audit.from}`, `-${req.month}`);
    ctx.store.write((w) => recordExportInTx(ctx, w, viewer.username, audit, { fileName, rows: file.rows }));
    changed();
    return { fileName, mimeType: MIME[req.format], rows: file.rows, base64: file.bytes.toString('base64') };
  }

  const handlers: AttendanceHandlers = {
    'attendance:month': (req) => ctx.store.read((r) => monthResult(r, me(), req, ctx.now())),
    'attendance:sheet': (req) => {
      const viewer = me();
      refreshClaims(viewer, req);
      return ctx.store.read((r) => buildSheet(r, viewer, req, ctx.now(), rules).sheet);
    },
    'attendance:day': (req) => dayDetail(me(), req.agentId, req.date),
    'attendance:correct': (req) => {
      const viewer = me();
      const at = Date.parse(req.at);
      const month = localDate(at, rules).slice(0, 7);
      const [created] = ctx.store.write((w) => {
        const person = personOf(w, req.agentId, month);
        assertMayCorrect(viewer, person, req.agentId);
        return appendCorrectionsInTx(ctx, w, viewer.username, [{ agentId: req.agentId, state: req.state, at: req.at, team: person?.team ?? null }], req.note.trim(), 'correction');
      });
      changed();
      if (!created) throw new AppError('INTERNAL', 'The correction was not recorded');
      return created;
    },
    'attendance:importLog': (req) => {
      const viewer = me();
      const imported = ctx.store.write((w) => {
        const teams = new Map<string, Person | undefined>();
        req.lines.forEach((l, i) => {
          if (!teams.has(l.agentId)) teams.set(l.agentId, personOf(w, l.agentId, localDate(Date.parse(l.at), rules).slice(0, 7)));
          try {
            assertMayCorrect(viewer, teams.get(l.agentId), l.agentId, `lines.${i}.agentId`);
          } catch (e) {
            throw new AppError('FORBIDDEN', `line ${i + 1}: ${(e as Error).message}`, [{ path: `lines.${i}.agentId`, code: 'forbidden', message: (e as Error).message }]);
          }
        });
        const lines = req.lines.map((l) => ({ agentId: l.agentId, state: l.state, at: l.at, reason: l.reason, team: teams.get(l.agentId)?.team ?? null }));
        return appendCorrectionsInTx(ctx, w, viewer.username, lines, req.reason.trim(), 'import').length;
      });
      changed();
      return { imported };
    },
    'attendance:config': () => ctx.store.read((r) => readAttendanceConfig(r)),
    'attendance:setConfig': (req) => {
      const viewer = me();
      if (viewer.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin changes the attendance symbols', [{ path: 'symbols', code: 'forbidden', message: 'Admins only' }]);
      const config = ctx.store.write((w) => writeAttendanceConfigInTx(ctx, w, viewer.username, req));
      changed();
      return config;
    },
    'attendance:export': (req) => exportSheet(req),
    'overtime:list': (req) => listClaims(me(), req),
    'overtime:approve': (req) => {
      const viewer = me();
      ctx.store.write((w) => {
        const row = getClaim(w, req.id);
        approveInTx(ctx, w, viewer, row, personOf(w, row.agentId, row.date.slice(0, 7))?.team ?? row.team, req.minutes, req.compensation);
      });
      changed();
      return claimResult(req.id);
    },
    'overtime:reject': (req) => {
      const viewer = me();
      ctx.store.write((w) => {
        const row = getClaim(w, req.id);
        rejectInTx(ctx, w, viewer, row, personOf(w, row.agentId, row.date.slice(0, 7))?.team ?? row.team, req.reason);
      });
      changed();
      return claimResult(req.id);
    },
    'overtime:reason': (req) => {
      const viewer = me();
      ctx.store.write((w) => {
        if (!w.get<{ id: string }>('SELECT id FROM overtime_claim WHERE id = ?', [req.id])) {
          // The agent's own computed overtime, not recorded yet: recorded now (pending), then the reason added.
          const [agentId, date] = req.id.split('|');
          if (agentId !== viewer.username || !date) throw new AppError('CLAIM_NOT_FOUND', `No overtime claim with id ${req.id}`, [{ path: 'id', code: 'claim_not_found', message: `No overtime claim with id ${req.id}` }]);
          syncClaimsInTx(ctx, w, computeMonth(w, viewer, { month: date.slice(0, 7) }, ctx.now(), rules));
        }
        reasonInTx(ctx, w, viewer, getClaim(w, req.id), req.reason);
      });
      changed();
      return claimResult(req.id);
    },
  };
  return { handlers };
}
