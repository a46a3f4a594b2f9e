/**
 * The attendance domain's synced records (issue 16 points 4-5, 8): their
 * values on the wire and the server's rules, declared in
 * shared/sync/entities.ts.
 *
 * - `attendance_correction` (补登): a sign-in or sign-out line a supervisor
 *   or admin adds for an agent, with why; also the lines of `agent log
 *   import`. Append-only: a correction is a record, never edited. The agent
 *   sees their own, supervisors their team's, admins all.
 * - `overtime_claim` (加班审定): one per agent-day and kind the rules
 *   computed, its id derived from the three so every PC that computes it
 *   writes the same row. Supervisors and admins decide it; its agent may
 *   add a reason, nothing else.
 */
import { z } from 'zod';
import { NO_BIDI, NO_BIDI_MESSAGE } from '../bidi.js';
import { HLC_PATTERN } from '../hlc.js';
import type { Actor, Role } from '../roles.js';
import { storableText } from '../text.js';
import { AGENT_STATES } from '../desk/schema.js';
import { COMPENSATIONS, OVERTIME_KINDS, OVERTIME_STATUSES } from './schema.js';
import { allowedCompensations } from './overtime.js';

const ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const text = (max: number) => storableText(max).regex(NO_BIDI, NO_BIDI_MESSAGE);
const ts = z.string().max(40).regex(ISO, 'An ISO 8601 date and time with its zone, e.g. 2026-11-24T08:30:00.000Z');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD');
const user = text(64).min(1);

export const CORRECTION_SOURCES = ['correction', 'import'] as const;

export const AttendanceCorrectionValuesSchema = z.strictObject({
  agentId: user,
  /** the state log's states: a correction adds a sign-in (any non-offline state) or a sign-out (`offline`) */
  state: z.enum(AGENT_STATES),
  /** the not-ready reason code, as the state log has it */
  reason: text(32).nullable(),
  at: ts,
  /** why the line was added (required) */
  note: text(500).min(1),
  source: z.enum(CORRECTION_SOURCES),
  actorId: user,
  /** the agent's team: an admin's correction is placed in it */
  team: text(64).nullable(),
  createdAt: ts,
  hlc: z.string().max(64).regex(HLC_PATTERN, 'A hybrid logical clock, as the workstation writes it'),
});

export const OvertimeClaimValuesSchema = z.strictObject({
  agentId: user,
  team: text(64).nullable(),
  date,
  kind: z.enum(OVERTIME_KINDS),
  /** as computed (before approval); a pending claim follows the computation */
  minutes: z.number().int().min(0).max(24 * 60 * 3),
  status: z.enum(OVERTIME_STATUSES),
  approvedMinutes: z.number().int().min(1).max(24 * 60 * 3).nullable(),
  compensation: z.enum(COMPENSATIONS).nullable(),
  agentReason: text(500).nullable(),
  decidedBy: text(64).nullable(),
  decidedAt: ts.nullable(),
  rejectReason: text(500).nullable(),
  createdAt: ts,
  updatedAt: ts,
});

const SUPERVISING: readonly Role[] = ['supervisor', 'admin'];
const supervising = (u: Actor): boolean => SUPERVISING.includes(u.role);
type Problem = { code: string; message: string } | null;

/** The agent sees their own corrections and claims; supervisors their team's (team scope); admins all. */
export function ownOrSupervising(user: Actor, values: Record<string, unknown>): boolean {
  return values.agentId === user.username || supervising(user);
}

export function checkCorrection(_before: Record<string, unknown> | null, _after: Record<string, unknown>, _winning: readonly string[], user: Actor): Problem {
  return supervising(user) ? null : { code: 'FORBIDDEN', message: `Only supervisors and admins add attendance corrections; a ${user.role} reads their own` };
}

/** Fields a claim's agent may write: a reason of their own (and the time of the change). */
const AGENT_FIELDS = new Set(['agentReason', 'updatedAt']);
/** Fields that say what was decided. */
const DECISION_FIELDS = ['status', 'approvedMinutes', 'compensation', 'decidedBy', 'decidedAt', 'rejectReason'];

/**
 * A claim's server rule: supervisors and admins create, recompute and
 * decide (a decision only from pending, never above the computed minutes,
 * time off only for rest-day overtime, a rejection with its reason); the
 * claim's agent may create their own pending claim (their PC computed it)
 * and add a reason, nothing else.
 */
export function checkOvertimeClaim(before: Record<string, unknown> | null, after: Record<string, unknown>, winning: readonly string[], user: Actor): Problem {
  if (!supervising(user)) {
    if (after.agentId !== user.username || (before && before.agentId !== user.username)) {
      return { code: 'FORBIDDEN', message: `Overtime claims are decided by supervisors and admins; a ${user.role} may only add a reason to their own` };
    }
    if (before) {
      const other = winning.filter((f) => !AGENT_FIELDS.has(f) && before[f] !== after[f]);
      if (other.length > 0) return { code: 'FORBIDDEN', message: `An agent may only add a reason to their overtime claim, not change ${other.join(', ')}` };
    } else if (after.status !== 'pending' || DECISION_FIELDS.slice(1).some((f) => after[f] !== null)) {
      return { code: 'FORBIDDEN', message: 'An agent records their computed overtime as a pending claim; supervisors and admins decide it' };
    }
    return null;
  }
  const decided = before ? before.status !== 'pending' && winning.includes('status') && before.status !== after.status : false;
  if (decided) return { code: 'CLAIM_DECIDED', message: `The overtime claim is already ${String(before?.status)} on the server` };
  if (after.status === 'approved') {
    const approved = Number(after.approvedMinutes);
    if (!Number.isInteger(approved) || approved < 1 || approved > Number(after.minutes)) {
      return { code: 'MINUTES_ABOVE_CLAIM', message: `approvedMinutes: ${String(after.approvedMinutes)} is not between 1 and the ${String(after.minutes)} minutes computed` };
    }
    const comp = after.compensation as (typeof COMPENSATIONS)[number] | null;
    if (comp === null || !allowedCompensations(after.kind as (typeof OVERTIME_KINDS)[number]).includes(comp)) {
      return { code: 'COMPENSATION_NOT_ALLOWED', message: `compensation: ${String(after.kind)} overtime is paid; only rest-day overtime may be taken as time off in lieu` };
    }
  }
  if (after.status === 'rejected' && (typeof after.rejectReason !== 'string' || after.rejectReason.trim() === '')) {
    return { code: 'REASON_REQUIRED', message: 'rejectReason: a rejection needs its reason' };
  }
  return null;
}
