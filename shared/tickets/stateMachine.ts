/**
 * The ticket life cycle from domain.md:
 * new → in progress → (escalated | transferred | dispatched | waiting on customer)
 *     → resolved → confirmed → closed; a closed ticket is reopened when the
 * customer is not satisfied. Every transition is recorded in the history.
 */
export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'escalated',
  'transferred',
  'dispatched',
  'waiting_customer',
  'resolved',
  'confirmed',
  'closed',
  'reopened',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Work is happening or waiting: counts as open for queues, SLA and "my tickets". */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'escalated', 'transferred', 'dispatched', 'waiting_customer', 'reopened'];

const HANDOFF: TicketStatus[] = ['escalated', 'transferred', 'dispatched'];

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  // One-call resolution (first-contact resolution) goes straight from new to resolved.
  new: ['in_progress', ...HANDOFF, 'waiting_customer', 'resolved'],
  in_progress: [...HANDOFF, 'waiting_customer', 'resolved'],
  escalated: ['in_progress', 'transferred', 'dispatched', 'waiting_customer', 'resolved'],
  transferred: ['in_progress', 'escalated', 'dispatched', 'waiting_customer', 'resolved'],
  dispatched: ['in_progress', 'escalated', 'waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', ...HANDOFF, 'resolved'],
  // The customer says it is not fixed: back to work. Closing without confirmation
  // covers a customer who cannot be reached (requires a note).
  resolved: ['confirmed', 'in_progress', 'closed'],
  confirmed: ['closed', 'in_progress'],
  closed: ['reopened'],
  reopened: ['in_progress', ...HANDOFF, 'waiting_customer', 'resolved'],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * A hand-off (second line, other department, on-site) must say what is asked,
 * by when and in what scope; a reopen must say why; closing a ticket the
 * customer never confirmed must say why. Those transitions require a note.
 */
export function transitionNeedsNote(from: TicketStatus, to: TicketStatus): boolean {
  if (HANDOFF.includes(to)) return true;
  if (to === 'reopened') return true;
  if (from === 'resolved' && to === 'closed') return true;
  return false;
}

/** Resolving requires a recorded resolution (解决方案): the KB and follow-ups depend on it. */
export function transitionNeedsResolution(to: TicketStatus): boolean {
  return to === 'resolved';
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
