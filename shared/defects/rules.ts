import type { Actor, Role } from '../roles.js';

/**
 * Defects to development (程序不完善反馈): the pure rules the core, the sync
 * server (EntityDecl.check) and the screens share.
 *
 * Decided here (issue 15 point 6 left it open):
 * - Anyone who handles tickets may flag a ticket as a defect (it is created
 *   `open`) and link more tickets to an existing defect: first line meets
 *   the defect first.
 * - The defect's status (in progress / fixed / won't fix / reopened) is
 *   changed by second line (senior), supervisors and admins: they talk to
 *   development and read its tracker.
 * - Its description (title, product, version, steps, severity, tracker
 *   reference) is edited by whoever flagged it while it is still open, and
 *   by second line and up at any time.
 */

export const DEFECT_STATUSES = ['open', 'in_progress', 'fixed', 'wont_fix'] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number];

export const DEFECT_STATUS_ROLES: readonly Role[] = ['senior', 'supervisor', 'admin'];
export function canSetDefectStatus(role: Role): boolean {
  return DEFECT_STATUS_ROLES.includes(role);
}

/** Open and in-progress defects are still with development. */
export const OPEN_DEFECT_STATUSES: readonly DefectStatus[] = ['open', 'in_progress'];
export function isDefectOpen(status: DefectStatus): boolean {
  return OPEN_DEFECT_STATUSES.includes(status);
}

const NEXT: Record<DefectStatus, readonly DefectStatus[]> = {
  open: ['in_progress', 'fixed', 'wont_fix'],
  in_progress: ['open', 'fixed', 'wont_fix'],
  // A fix that did not hold, or development changing its mind, reopens it.
  fixed: ['open'],
  wont_fix: ['open'],
};

export function canMoveDefect(from: DefectStatus, to: DefectStatus): boolean {
  return NEXT[from].includes(to);
}
export function allowedDefectMoves(from: DefectStatus): readonly DefectStatus[] {
  return NEXT[from];
}

/** May `user` edit the description of a defect flagged by `createdBy`, now `status`? */
export function canEditDefect(user: Actor, createdBy: string, status: DefectStatus): boolean {
  return canSetDefectStatus(user.role) || (createdBy === user.username && status === 'open');
}

type Verdict = { code: string; message: string } | null;
type Values = Record<string, unknown>;

/** Fields that record a status move: written only together with one. */
const STATUS_RECORD_FIELDS = ['statusBy', 'statusAt', 'statusNote'] as const;

/**
 * The sync server's rule on defect rows. A defect is flagged open; after
 * that, a write comes from someone allowed to edit it (second line and up,
 * or its flagger while open) and a status move from second line and up,
 * along the allowed moves; who moved it and when change only with a move.
 */
export function checkDefect(before: Values | null, after: Values, winning: readonly string[], user: Actor): Verdict {
  if (!before) return after.status === 'open' ? null : { code: 'ILLEGAL_TRANSITION', message: 'A defect is flagged open' };
  const statusMoved = winning.includes('status') && before.status !== after.status;
  if (statusMoved) {
    if (!canSetDefectStatus(user.role)) return { code: 'FORBIDDEN', message: `A defect's status is changed by second line, supervisors and admins, not a ${user.role}` };
    if (!canMoveDefect(before.status as DefectStatus, after.status as DefectStatus)) {
      return { code: 'ILLEGAL_TRANSITION', message: `The defect is now ${String(before.status)} on the server; it cannot move to ${String(after.status)}` };
    }
    return null;
  }
  const record = STATUS_RECORD_FIELDS.filter((f) => winning.includes(f) && before[f] !== after[f]);
  if (record.length > 0) return { code: 'ILLEGAL_TRANSITION', message: `A defect's ${record.join(', ')} change only with its status` };
  if (winning.length > 0 && !canEditDefect(user, String(before.createdBy), before.status as DefectStatus)) {
    return { code: 'FORBIDDEN', message: `Only second line and up (or whoever flagged it, while open) edit this defect` };
  }
  return null;
}

/**
 * Whether the owner of a linked ticket is still to be told that the defect
 * was fixed: it is fixed, and the owner has not noted a fix since (a defect
 * fixed, reopened and fixed again tells them again).
 */
export function ownerOwedNotice(defect: { status: DefectStatus; statusAt: string }, link: { ownerNotedAt: string | null; removedAt: string | null }): boolean {
  if (defect.status !== 'fixed' || link.removedAt !== null) return false;
  return link.ownerNotedAt === null || link.ownerNotedAt < defect.statusAt;
}
