/**
 * Overtime claims and their approval (加班审定), domain.md "Attendance and
 * overtime: the exact rules": each computed overtime of an agent-day is a
 * claim; a supervisor or admin approves it (may lower the minutes) or
 * rejects it with a reason; rest-day overtime may be taken as time off in
 * lieu, workday and holiday overtime are paid; approved workday extension
 * past 3 h on a day or 36 h in a month is warned about (Labour Law art. 41),
 * never refused. Pure: the core, the CLI, the screen and the server agree.
 */
import type { AttendanceDay, AttendanceRules, Compensation, OvertimeKind, OvertimeStatus } from './schema.js';
import { OVERTIME_KINDS, OVERTIME_RATES } from './schema.js';

/** An overtime the rules computed for one agent-day and kind. */
export interface ComputedOvertime {
  agentId: string;
  date: string;
  kind: OvertimeKind;
  minutes: number;
}

/** A claim as the list, the sheet and the warnings read it. */
export interface ClaimFacts {
  id: string;
  agentId: string;
  date: string;
  kind: OvertimeKind;
  minutes: number;
  status: OvertimeStatus;
  approvedMinutes: number | null;
}

/** The claims of an agent's computed days: one per agent-day and kind with minutes. */
export function computedOvertime(agentId: string, days: readonly Pick<AttendanceDay, 'date' | 'overtime'>[]): ComputedOvertime[] {
  const out: ComputedOvertime[] = [];
  for (const d of days) {
    for (const kind of OVERTIME_KINDS) {
      if (d.overtime[kind] > 0) out.push({ agentId, date: d.date, kind, minutes: d.overtime[kind] });
    }
  }
  return out;
}

/** Compensations a kind allows: rest-day overtime may be taken as time off in lieu (调休); the others are paid. */
export function allowedCompensations(kind: OvertimeKind): readonly Compensation[] {
  return kind === 'restday' ? ['pay', 'time_off'] : ['pay'];
}

export function overtimeRate(kind: OvertimeKind): number {
  return OVERTIME_RATES[kind];
}

export interface ApprovalProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * What is wrong with approving `claim` with these minutes and compensation
 * (null: nothing). Only a pending claim is decided; minutes may be lowered,
 * never raised, and stay at least 1.
 */
export function approvalProblem(claim: Pick<ClaimFacts, 'id' | 'kind' | 'minutes' | 'status'>, minutes: number, compensation: Compensation): ApprovalProblem | null {
  if (claim.status !== 'pending') return { path: 'id', code: 'CLAIM_DECIDED', message: `Overtime claim ${claim.id} is already ${claim.status}` };
  if (claim.minutes <= 0) return { path: 'id', code: 'CLAIM_EMPTY', message: `Overtime claim ${claim.id} has no overtime left (a correction changed the day)` };
  if (!Number.isInteger(minutes) || minutes < 1) return { path: 'minutes', code: 'MINUTES_INVALID', message: 'minutes: a whole number of minutes, at least 1' };
  if (minutes > claim.minutes) return { path: 'minutes', code: 'MINUTES_ABOVE_CLAIM', message: `minutes: ${minutes} is more than the ${claim.minutes} minutes computed; approval may only lower them` };
  if (!allowedCompensations(claim.kind).includes(compensation)) {
    return { path: 'compensation', code: 'COMPENSATION_NOT_ALLOWED', message: `compensation: ${claim.kind} overtime is paid; only rest-day overtime may be taken as time off in lieu` };
  }
  return null;
}

export function rejectionProblem(claim: Pick<ClaimFacts, 'id' | 'status'>, reason: string): ApprovalProblem | null {
  if (claim.status !== 'pending') return { path: 'id', code: 'CLAIM_DECIDED', message: `Overtime claim ${claim.id} is already ${claim.status}` };
  if (reason.trim() === '') return { path: 'reason', code: 'REASON_REQUIRED', message: 'reason: a rejection needs its reason' };
  return null;
}

export interface Art41Warning {
  code: 'DAILY_EXTENSION' | 'MONTHLY_EXTENSION';
  agentId: string;
  /** the day (DAILY_EXTENSION) or the month YYYY-MM (MONTHLY_EXTENSION) */
  period: string;
  minutes: number;
  limitMinutes: number;
}

/**
 * Labour Law art. 41 warnings over approved workday extension: more than
 * 3 h on a day, more than 36 h in a month (rules' defaults). `claims` are
 * one agent-month's (or several); `proposed` counts a pending claim as if
 * approved with these minutes (what the approval screen shows before the click).
 */
export function art41Warnings(
  claims: readonly ClaimFacts[],
  rules: Pick<AttendanceRules, 'dailyExtensionWarnMinutes' | 'monthlyExtensionWarnMinutes'>,
  proposed?: { id: string; minutes: number },
): Art41Warning[] {
  const byDay = new Map<string, number>();
  const byMonth = new Map<string, number>();
  for (const c of claims) {
    if (c.kind !== 'workday') continue;
    const minutes = proposed && c.id === proposed.id ? proposed.minutes : c.status === 'approved' ? (c.approvedMinutes ?? 0) : 0;
    if (minutes <= 0) continue;
    const day = `${c.agentId}|${c.date}`;
    const month = `${c.agentId}|${c.date.slice(0, 7)}`;
    byDay.set(day, (byDay.get(day) ?? 0) + minutes);
    byMonth.set(month, (byMonth.get(month) ?? 0) + minutes);
  }
  const out: Art41Warning[] = [];
  for (const [key, minutes] of byDay) {
    if (minutes > rules.dailyExtensionWarnMinutes) {
      const [agentId, period] = key.split('|') as [string, string];
      out.push({ code: 'DAILY_EXTENSION', agentId, period, minutes, limitMinutes: rules.dailyExtensionWarnMinutes });
    }
  }
  for (const [key, minutes] of byMonth) {
    if (minutes > rules.monthlyExtensionWarnMinutes) {
      const [agentId, period] = key.split('|') as [string, string];
      out.push({ code: 'MONTHLY_EXTENSION', agentId, period, minutes, limitMinutes: rules.monthlyExtensionWarnMinutes });
    }
  }
  return out.sort((a, b) => a.agentId.localeCompare(b.agentId) || a.period.localeCompare(b.period) || a.code.localeCompare(b.code));
}
