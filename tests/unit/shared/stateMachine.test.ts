import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canTransition,
  isOpen,
  TICKET_STATUSES,
  transitionNeedsNote,
  transitionNeedsResolution,
} from '../../../shared/tickets/stateMachine.js';

describe('ticket state machine', () => {
  it('lets a new ticket be resolved on the first call (first-contact resolution)', () => {
    expect(canTransition('new', 'resolved')).toBe(true);
  });

  it('rejects closing a ticket that is in progress', () => {
    expect(canTransition('in_progress', 'closed')).toBe(false);
  });

  it('only lets a closed ticket be reopened', () => {
    expect(allowedTransitions('closed')).toEqual(['reopened']);
  });

  it('sends a resolved ticket back to work when the customer says it is not fixed', () => {
    expect(canTransition('resolved', 'in_progress')).toBe(true);
    expect(canTransition('confirmed', 'in_progress')).toBe(true);
  });

  it('never allows a transition to the same status', () => {
    for (const s of TICKET_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('never goes back to new', () => {
    for (const s of TICKET_STATUSES) expect(canTransition(s, 'new')).toBe(false);
  });

  it('gives every status at least one way out', () => {
    for (const s of TICKET_STATUSES) expect(allowedTransitions(s).length).toBeGreaterThan(0);
  });

  it('requires a note for hand-offs, reopening, and closing without confirmation', () => {
    expect(transitionNeedsNote('in_progress', 'escalated')).toBe(true);
    expect(transitionNeedsNote('in_progress', 'transferred')).toBe(true);
    expect(transitionNeedsNote('in_progress', 'dispatched')).toBe(true);
    expect(transitionNeedsNote('closed', 'reopened')).toBe(true);
    expect(transitionNeedsNote('resolved', 'closed')).toBe(true);
  });

  it('does not require a note to close a confirmed ticket or to start work', () => {
    expect(transitionNeedsNote('confirmed', 'closed')).toBe(false);
    expect(transitionNeedsNote('new', 'in_progress')).toBe(false);
  });

  it('requires a resolution only for resolving', () => {
    expect(TICKET_STATUSES.filter(transitionNeedsResolution)).toEqual(['resolved']);
  });

  it('counts hand-offs and reopened tickets as open, and resolved ones as not', () => {
    expect(isOpen('escalated')).toBe(true);
    expect(isOpen('reopened')).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(isOpen('closed')).toBe(false);
  });
});
