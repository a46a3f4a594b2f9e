import type { Actor, Role } from '../roles.js';

/**
 * The sync server's rules for ticket work (hand-offs, work orders,
 * callbacks, follow-ups), run on every winning change before it is stored
 * (EntityDecl.check). They repeat the core's rules that protect other
 * people's work, so a modified or buggy client cannot answer an escalation
 * as an agent, steal a callback, or record a follow-up that is not theirs.
 * `before` is the server's current row (null: a create), `after` the row
 * with the winning fields applied.
 */

type Values = Record<string, unknown>;
type Verdict = { code: string; message: string } | null;

const RANK: Record<Role, number> = { agent: 0, senior: 1, supervisor: 2, admin: 3 };
const atLeast = (role: Role, least: Role): boolean => RANK[role] >= RANK[least];
const manager = (user: Actor): boolean => atLeast(user.role, 'supervisor');
const forbidden = (message: string): Verdict => ({ code: 'FORBIDDEN', message });
const illegal = (message: string): Verdict => ({ code: 'ILLEGAL_TRANSITION', message });

/** Fields a row never changes after it was created. */
function immutable(winning: readonly string[], fields: readonly string[], what: string): Verdict {
  const changed = fields.filter((f) => winning.includes(f));
  return changed.length > 0 ? illegal(`A ${what}'s ${changed.join(', ')} cannot change after it was created`) : null;
}

export function checkHandoff(before: Values | null, after: Values, winning: readonly string[], user: Actor, ctx?: { parent: Values | null }): Verdict {
  if (!before) {
    if (ctx?.parent?.status === 'closed') return { code: 'TICKET_CLOSED', message: `The ticket is closed on the server; reopen it before handing it off (${String(after.ticketId)})` };
    return after.status === 'open' && after.answer === null && after.answeredBy === null ? null : illegal('A hand-off is created open and unanswered');
  }
  const fixed = immutable(winning, ['ticketId', 'kind', 'coordinatorId', 'to', 'ask', 'dueBy', 'scope', 'createdAt'], 'hand-off');
  if (fixed) return fixed;
  if (before.status !== 'open' && winning.some((f) => ['status', 'answer', 'answeredBy', 'answeredAt'].includes(f))) {
    return illegal(`The hand-off is already ${String(before.status)} on the server`);
  }
  if (after.status === 'answered' && before.status === 'open') {
    if (after.kind === 'escalate' && !atLeast(user.role, 'senior')) return forbidden('An escalation is answered by second line (senior), a supervisor or an admin');
    if (after.answeredBy !== user.username) return forbidden('An answer is recorded under the name of whoever gives it');
    if (typeof after.answer !== 'string' || after.answer.trim() === '') return { code: 'VALIDATION_FAILED', message: 'An answered hand-off carries its answer' };
  }
  if (after.status === 'open' && before.status !== 'open') return illegal('An answered or cancelled hand-off is not reopened; hand the ticket off again');
  return null;
}

const WORK_ORDER_NEXT: Record<string, readonly string[]> = { scheduled: ['on_site', 'cancelled'], on_site: ['done', 'cancelled'], done: [], cancelled: [] };

export function checkWorkOrder(before: Values | null, after: Values, winning: readonly string[]): Verdict {
  if (!before) return after.status === 'scheduled' ? null : illegal('A work order is created scheduled');
  const fixed = immutable(winning, ['ticketId', 'handoffId', 'createdBy', 'createdAt'], 'work order');
  if (fixed) return fixed;
  if (winning.includes('status') && before.status !== after.status && !WORK_ORDER_NEXT[String(before.status)]?.includes(String(after.status))) {
    return illegal(`The work order is now ${String(before.status)} on the server; it cannot move to ${String(after.status)}`);
  }
  if (after.status === 'done' && (typeof after.feedback !== 'string' || after.feedback === '')) return { code: 'VALIDATION_FAILED', message: 'A work order is done with its service feedback card' };
  return null;
}

export function checkCallback(before: Values | null, after: Values, winning: readonly string[], user: Actor, now: number = Date.now()): Verdict {
  if (!before) {
    if (after.status !== 'scheduled') return illegal('A callback is created scheduled');
    return after.ownerId === user.username || manager(user) ? null : forbidden('A callback is scheduled for yourself; a supervisor assigns them to others');
  }
  const fixed = immutable(winning, ['customerId', 'createdBy', 'createdAt'], 'callback');
  if (fixed) return fixed;
  const owner = String(before.ownerId);
  if (winning.includes('ownerId') && after.ownerId !== before.ownerId && !manager(user)) {
    if (after.ownerId !== user.username) return forbidden('A callback is taken by whoever will make it');
    // The release time is the center's configuration, which this rule cannot read; the server holds the line
    // at "overdue" and the workstation enforces the configured release (shared/desk/callbackRules.ts).
    if (before.status !== 'scheduled' || !(now > Date.parse(String(before.dueAt)))) return { code: 'CALLBACK_NOT_RELEASED', message: `This callback is ${owner}'s until it is released` };
  }
  if (winning.includes('status') && before.status !== after.status) {
    if (before.status !== 'scheduled') return illegal(`The callback is already ${String(before.status)} on the server`);
    const closer = String(after.ownerId);
    if (closer !== user.username && owner !== user.username && !manager(user)) return forbidden(`This callback is ${owner}'s to complete or cancel`);
  }
  return null;
}

export function checkFollowUp(before: Values | null, after: Values, winning: readonly string[], user: Actor): Verdict {
  if (!before) return after.status === 'open' && after.satisfaction === null ? null : illegal('A follow-up is created open');
  const fixed = immutable(winning, ['ticketId', 'kind', 'forRole', 'createdAt'], 'follow-up');
  if (fixed) return fixed;
  if (before.status !== 'open' && winning.some((f) => ['status', 'satisfaction', 'reason', 'doneBy', 'doneAt'].includes(f))) {
    return illegal(`The follow-up is already ${String(before.status)} on the server`);
  }
  if (before.status === 'open' && after.status !== 'open') {
    const assignee = after.assigneeId;
    const allowed = manager(user) || (assignee === null ? atLeast(user.role, after.forRole as Role) : assignee === user.username);
    if (!allowed) return forbidden(assignee ? `This follow-up is ${String(assignee)}'s` : `This follow-up is for a ${String(after.forRole)}`);
    if (after.doneBy !== user.username) return forbidden('A follow-up is recorded under the name of whoever made the call');
    if (after.status === 'done' && after.satisfaction === null) return { code: 'VALIDATION_FAILED', message: 'A reached customer gave a satisfaction (1-5)' };
    if (after.status === 'unreachable' && after.satisfaction !== null) return { code: 'VALIDATION_FAILED', message: 'A customer who was not reached gave no satisfaction' };
  }
  if (typeof after.satisfaction === 'number' && after.satisfaction <= 2 && (typeof after.reason !== 'string' || after.reason.trim() === '')) {
    return { code: 'VALIDATION_FAILED', message: 'A satisfaction of 1 or 2 carries the reason' };
  }
  return null;
}
