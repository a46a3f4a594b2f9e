import type { Role } from '../roles.js';

/**
 * When a promised callback (回电) is late and who may then make it. A
 * callback belongs to its owner; once it is overdue longer than
 * `callbackReleaseMinutes` the customer matters more than ownership, so it is
 * released: anyone on the team may take it over. Pure, so the list, the
 * take rule and the reminders agree to the millisecond.
 */

const MINUTE = 60_000;

export interface CallbackTiming {
  status: 'scheduled' | 'done' | 'cancelled';
  dueAt: string;
}

/** Due time passed and still scheduled. */
export function callbackOverdue(cb: CallbackTiming, now: number): boolean {
  return cb.status === 'scheduled' && now > Date.parse(cb.dueAt);
}

/** When it is (or would be) released: dueAt + releaseMinutes. */
export function callbackReleaseAt(cb: Pick<CallbackTiming, 'dueAt'>, releaseMinutes: number): number {
  return Date.parse(cb.dueAt) + releaseMinutes * MINUTE;
}

/** Overdue longer than the release time: anyone on the team may take it. */
export function callbackReleased(cb: CallbackTiming, now: number, releaseMinutes: number): boolean {
  return cb.status === 'scheduled' && now > callbackReleaseAt(cb, releaseMinutes);
}

export type TakeVerdict = { ok: true } | { ok: false; code: 'CALLBACK_NOT_RELEASED' | 'ILLEGAL_TRANSITION'; message: string };

/**
 * Whether `who` may take (become the owner of) a callback: the owner always;
 * a supervisor or admin always (they redistribute work); anyone else on the
 * team once it is released. Done or cancelled callbacks are not taken.
 */
export function canTakeCallback(cb: CallbackTiming & { ownerId: string }, who: { username: string; role: Role }, now: number, releaseMinutes: number): TakeVerdict {
  if (cb.status !== 'scheduled') return { ok: false, code: 'ILLEGAL_TRANSITION', message: `This callback is ${cb.status}; only a scheduled callback can be taken` };
  if (cb.ownerId === who.username || who.role === 'supervisor' || who.role === 'admin') return { ok: true };
  if (callbackReleased(cb, now, releaseMinutes)) return { ok: true };
  const at = new Date(callbackReleaseAt(cb, releaseMinutes)).toISOString();
  return { ok: false, code: 'CALLBACK_NOT_RELEASED', message: `This callback belongs to ${cb.ownerId} until it is released at ${at} (${releaseMinutes} minutes after it fell due)` };
}

/** Who may complete or cancel it: its owner, a supervisor or an admin. */
export function canCloseCallback(cb: { ownerId: string }, who: { username: string; role: Role }): boolean {
  return cb.ownerId === who.username || who.role === 'supervisor' || who.role === 'admin';
}
