import type { AgentStateName } from './schema.js';

/**
 * The agent state machine (domain.md "The call and the agent's state"), as
 * pure functions: the core logs what these allow, the console and the
 * wallboard read the log. Every move not listed here is AGENT_STATE_INVALID.
 *
 *   offline ──sign_in──▶ ready ⇄ not_ready(reason)     (supervisors, admins: ──sign_in──▶ not_ready, no reason)
 *   ready | not_ready | after_call ──call_start──▶ on_call ──call_end──▶ after_call (answered) | ready (unanswered)
 *   after_call ──wrap_done | wrap_timeout──▶ ready      (any) ──sign_out──▶ offline
 */

export interface AgentStatus {
  state: AgentStateName;
  /** not_ready only */
  reason: string | null;
}

export type AgentEvent =
  /** `takesCalls: false` (supervisors and admins): signed in without being sent calls until they choose ready */
  | { kind: 'sign_in'; takesCalls?: boolean }
  | { kind: 'sign_out' }
  /** the agent's own choice (agent:setState); `pendingWrapUp`: a call still waits for its disposition inside the after-call limit */
  | { kind: 'set'; state: 'ready' | 'not_ready'; reason?: string | undefined; pendingWrapUp: boolean }
  /** a call is answered, or an outbound call starts */
  | { kind: 'call_start' }
  /** the call hangs up: after-call work begins when it was answered; an unanswered outbound call leaves the agent ready */
  | { kind: 'call_end'; answered: boolean }
  /** the disposition is saved and the agent asked to be ready */
  | { kind: 'wrap_done' }
  /** the after-call work limit passed */
  | { kind: 'wrap_timeout' };

export type AgentMove = { ok: true; status: AgentStatus } | { ok: false; code: 'AGENT_STATE_INVALID' | 'REASON_UNKNOWN'; message: string };

const invalid = (message: string): AgentMove => ({ ok: false, code: 'AGENT_STATE_INVALID', message });
const to = (state: AgentStateName, reason: string | null = null): AgentMove => ({ ok: true, status: { state, reason } });

/** The state an event leads to from `current`, or why it may not happen. `reasons`: the configured not-ready reason codes. */
export function nextAgentState(current: AgentStatus, event: AgentEvent, reasons: readonly string[]): AgentMove {
  const { state } = current;
  switch (event.kind) {
    case 'sign_in':
      // Not ready with no reason: "not taking calls", distinct from a break the agent chose.
      return event.takesCalls === false ? to('not_ready') : to('ready');
    case 'sign_out':
      return to('offline');
    case 'set': {
      if (state === 'offline') return invalid('Sign in first: an offline agent has no state to change');
      if (state === 'on_call') return invalid(`An agent on a call cannot switch to ${event.state}; hang up first`);
      if (state === 'after_call' && event.pendingWrapUp) return invalid(`Save the call's disposition before switching to ${event.state}`);
      if (event.state === 'ready') return to('ready');
      if (!event.reason) return { ok: false, code: 'REASON_UNKNOWN', message: `Not ready needs a reason: ${reasons.join(', ')}` };
      if (!reasons.includes(event.reason)) return { ok: false, code: 'REASON_UNKNOWN', message: `Unknown not-ready reason "${event.reason}"; configured: ${reasons.join(', ')}` };
      return to('not_ready', event.reason);
    }
    case 'call_start':
      if (state === 'offline') return invalid('Sign in before taking a call');
      return to('on_call');
    case 'call_end':
      if (state !== 'on_call') return invalid(`Only an agent on a call can hang up (now ${state})`);
      return to(event.answered ? 'after_call' : 'ready');
    case 'wrap_done':
    case 'wrap_timeout':
      if (state !== 'after_call') return invalid(`Only an agent in after-call work becomes ready when it ends (now ${state})`);
      return to('ready');
  }
}

/** The moment after-call work that began at `afterCallAt` ends by itself. */
export function afterCallDeadline(afterCallAt: string, afterCallWorkSeconds: number): number {
  return Date.parse(afterCallAt) + afterCallWorkSeconds * 1000;
}

/**
 * The state as it stands at `now` given the last logged entry: after-call work
 * whose limit has passed is `ready` since the deadline, even when no timer was
 * running to log it (the PC slept, the app was closed). Readers (wallboard,
 * CLI) use this; the desk logs the same entry at the deadline's timestamp.
 */
export function effectiveAgentState(last: { state: AgentStateName; reason: string | null; at: string }, now: number, afterCallWorkSeconds: number): { state: AgentStateName; reason: string | null; since: string } {
  if (last.state === 'after_call') {
    const deadline = afterCallDeadline(last.at, afterCallWorkSeconds);
    if (Number.isFinite(deadline) && now >= deadline) return { state: 'ready', reason: null, since: new Date(deadline).toISOString() };
  }
  return { state: last.state, reason: last.reason, since: last.at };
}
