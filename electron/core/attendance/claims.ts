/**
 * Overtime claims (加班审定), issue 16 point 5: each computed overtime of an
 * agent-day is a claim (synced entity `overtime_claim`, id derived from
 * agent, date and kind so every PC computing it writes the same row). A
 * pending claim follows the computation; a decided one keeps what was
 * decided. Only approved overtime reaches the sheets.
 */
import { approvalProblem, art41Warnings, computedOvertime, rejectionProblem, type ClaimFacts } from '../../../shared/attendance/overtime.js';
import type { Claim } from '../../../shared/attendance/contract.js';
import type { AttendanceRules, Compensation, OvertimeKind, OvertimeStatus } from '../../../shared/attendance/schema.js';
import { AppError, type ErrorCode } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import type { ComputedAgent, Person, Viewer } from './month.js';
import { supervising } from './month.js';

export function claimId(agentId: string, date: string, kind: OvertimeKind): string {
  return `${agentId}|${date}|${kind}`;
}

export interface ClaimRow {
  id: string;
  agentId: string;
  team: string | null;
  date: string;
  kind: OvertimeKind;
  minutes: number;
  status: OvertimeStatus;
  approvedMinutes: number | null;
  compensation: Compensation | null;
  agentReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  fieldHlc: string;
}

const SELECT = `SELECT id, agent_id AS agentId, team, date, kind, minutes, status, approved_minutes AS approvedMinutes, compensation, agent_reason AS agentReason,
  decided_by AS decidedBy, decided_at AS decidedAt, reject_reason AS rejectReason, field_hlc AS fieldHlc FROM overtime_claim`;

/** The claims of a month (by date range), every agent's; callers narrow to the audience. */
export function claimsOfMonth(r: SqlReader, month: string): ClaimRow[] {
  return r.all<ClaimRow>(`${SELECT} WHERE date >= ? AND date <= ? ORDER BY date, agent_id, kind`, [`${month}-01`, `${month}-31`]);
}

export function getClaim(r: SqlReader, id: string): ClaimRow {
  const row = r.get<ClaimRow>(`${SELECT} WHERE id = ?`, [id]);
  if (!row) throw new AppError('CLAIM_NOT_FOUND', `No overtime claim with id ${id}`, [{ path: 'id', code: 'claim_not_found', message: `No overtime claim with id ${id}` }]);
  return row;
}

/**
 * Writes the computed overtime as claims: new ones pending, pending ones
 * following the computation (a correction changed the day), decided ones
 * untouched. One transaction, one outbox entry; nothing when nothing changed.
 * Only a supervising viewer's PC records claims for others.
 */
export function syncClaimsInTx(ctx: DomainContext, w: SqlWriter, computed: readonly ComputedAgent[]): number {
  const changes: { entity: 'overtime_claim'; id: string; values: Record<string, unknown> }[] = [];
  let s: ReturnType<typeof stamp> | null = null;
  const st = (): ReturnType<typeof stamp> => (s ??= stamp(ctx));
  const seen = new Set<string>();
  for (const { person, month } of computed) {
    for (const c of computedOvertime(person.agentId, month.days)) {
      const id = claimId(c.agentId, c.date, c.kind);
      seen.add(id);
      const existing = w.get<{ minutes: number; status: OvertimeStatus; fieldHlc: string }>('SELECT minutes, status, field_hlc AS fieldHlc FROM overtime_claim WHERE id = ?', [id]);
      if (!existing) {
        const at = st().at;
        const values = { agentId: c.agentId, team: person.team, date: c.date, kind: c.kind, minutes: c.minutes, status: 'pending', approvedMinutes: null, compensation: null, agentReason: null, decidedBy: null, decidedAt: null, rejectReason: null, createdAt: at, updatedAt: at };
        w.run(
          `INSERT INTO overtime_claim (id, agent_id, team, date, kind, minutes, status, approved_minutes, compensation, agent_reason, decided_by, decided_at, reject_reason, created_at, updated_at, field_hlc)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?)`,
          [id, c.agentId, person.team, c.date, c.kind, c.minutes, at, at, createdFieldHlc(st().hlc)],
        );
        changes.push({ entity: 'overtime_claim', id, values });
      } else if (existing.status === 'pending' && existing.minutes !== c.minutes) {
        updateMinutes(w, st(), id, c.minutes, existing.fieldHlc, changes);
      }
    }
  }
  // A pending claim whose overtime is gone (a later line closed the day differently) drops to 0 minutes: it cannot be approved.
  const months = new Set(computed.flatMap((c) => (c.month.days[0] ? [c.month.days[0].date.slice(0, 7)] : [])));
  const agents = new Set(computed.map((c) => c.person.agentId));
  for (const month of months) {
    for (const row of claimsOfMonth(w, month)) {
      if (row.status === 'pending' && row.minutes > 0 && agents.has(row.agentId) && !seen.has(row.id)) updateMinutes(w, st(), row.id, 0, row.fieldHlc, changes);
    }
  }
  // A mutation carries at most 200 changes (shared/sync/protocol.ts).
  for (let i = 0; i < changes.length; i += 200) {
    const part = changes.slice(i, i + 200);
    appendOutbox(w, st(), { name: 'overtime:compute', entity: 'overtime_claim', entityId: part[0]?.id ?? '', changes: part });
  }
  return changes.length;
}

function updateMinutes(w: SqlWriter, s: { hlc: string; at: string }, id: string, minutes: number, fieldHlc: string, changes: { entity: 'overtime_claim'; id: string; values: Record<string, unknown> }[]): void {
  w.run('UPDATE overtime_claim SET minutes = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [minutes, s.at, mergeFieldHlc(fieldHlc, ['minutes', 'updatedAt'], s.hlc), id]);
  changes.push({ entity: 'overtime_claim', id, values: { minutes, updatedAt: s.at } });
}

function fail(code: ErrorCode, path: string, message: string): AppError {
  return new AppError(code, message, [{ path, code: code.toLowerCase(), message }]);
}

/** May the viewer decide (or see) this claim? Supervisors their team's, admins all; an agent sees their own. */
export function assertMayDecide(viewer: Viewer, row: ClaimRow, team: string | null): void {
  if (!supervising(viewer)) throw fail('FORBIDDEN', 'id', `Overtime is approved by supervisors and admins; a ${viewer.role} may add a reason to their own claim`);
  if (viewer.role === 'supervisor' && team !== viewer.team && row.agentId !== viewer.username) throw fail('FORBIDDEN', 'id', `A supervisor decides their own team's overtime (${viewer.team ?? 'none'}), not ${row.agentId}'s`);
}

export function toClaim(row: ClaimRow, person: Person | undefined, all: readonly ClaimRow[], rules: AttendanceRules): Claim {
  const facts: ClaimFacts[] = all.filter((c) => c.agentId === row.agentId);
  const proposed = row.status === 'pending' && row.minutes > 0 ? { id: row.id, minutes: row.minutes } : undefined;
  const mine = art41Warnings(facts, rules, proposed).filter((w) => (w.code === 'DAILY_EXTENSION' ? w.period === row.date : w.period === row.date.slice(0, 7)));
  const relevant = row.kind === 'workday' && (row.status === 'approved' || proposed) ? mine : [];
  return {
    id: row.id,
    agentId: row.agentId,
    name: person?.name ?? row.agentId,
    team: person?.team ?? row.team,
    date: row.date,
    kind: row.kind,
    minutes: row.minutes,
    status: row.status,
    approvedMinutes: row.approvedMinutes,
    compensation: row.compensation,
    agentReason: row.agentReason,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    rejectReason: row.rejectReason,
    warnings: relevant.map((w) => ({ code: w.code, period: w.period, minutes: w.minutes, limitMinutes: w.limitMinutes })),
  };
}

/** Writes a decision (or an agent's reason) on one claim with its outbox entry. */
function writeClaim(ctx: DomainContext, w: SqlWriter, row: ClaimRow, values: Record<string, unknown>, name: string): void {
  const s = stamp(ctx);
  const all: Record<string, unknown> = { ...values, updatedAt: s.at };
  const cols: Record<string, string> = { status: 'status', approvedMinutes: 'approved_minutes', compensation: 'compensation', agentReason: 'agent_reason', decidedBy: 'decided_by', decidedAt: 'decided_at', rejectReason: 'reject_reason', updatedAt: 'updated_at' };
  const fields = Object.keys(all);
  w.run(`UPDATE overtime_claim SET ${fields.map((f) => `${cols[f] ?? 'updated_at'} = ?`).join(', ')}, field_hlc = ? WHERE id = ?`, [...fields.map((f) => all[f] as string | number | null), mergeFieldHlc(row.fieldHlc, fields, s.hlc), row.id]);
  appendOutbox(w, s, { name, entity: 'overtime_claim', entityId: row.id, changes: [{ entity: 'overtime_claim', id: row.id, values: all }] });
}

export function approveInTx(ctx: DomainContext, w: SqlWriter, viewer: Viewer, row: ClaimRow, team: string | null, minutes: number | undefined, compensation: Compensation | undefined): void {
  assertMayDecide(viewer, row, team);
  const m = minutes ?? row.minutes;
  const comp = compensation ?? 'pay';
  const problem = approvalProblem(row, m, comp);
  if (problem) throw fail(problem.code as ErrorCode, problem.path, problem.message);
  writeClaim(ctx, w, row, { status: 'approved', approvedMinutes: m, compensation: comp, decidedBy: viewer.username, decidedAt: new Date(ctx.now()).toISOString(), rejectReason: null }, 'overtime:approve');
}

export function rejectInTx(ctx: DomainContext, w: SqlWriter, viewer: Viewer, row: ClaimRow, team: string | null, reason: string): void {
  assertMayDecide(viewer, row, team);
  const problem = rejectionProblem(row, reason);
  if (problem) throw fail(problem.code as ErrorCode, problem.path, problem.message);
  writeClaim(ctx, w, row, { status: 'rejected', approvedMinutes: null, compensation: null, decidedBy: viewer.username, decidedAt: new Date(ctx.now()).toISOString(), rejectReason: reason.trim() }, 'overtime:reject');
}

export function reasonInTx(ctx: DomainContext, w: SqlWriter, viewer: Viewer, row: ClaimRow, reason: string): void {
  if (row.agentId !== viewer.username) throw fail('FORBIDDEN', 'id', `Only ${row.agentId} adds the reason to their overtime claim`);
  writeClaim(ctx, w, row, { agentReason: reason.trim() }, 'overtime:reason');
}
