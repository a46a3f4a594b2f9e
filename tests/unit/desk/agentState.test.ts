import { describe, expect, it } from 'vitest';
import { afterCallDeadline, effectiveAgentState, nextAgentState, type AgentStatus } from '../../../shared/desk/agentState.js';
import { DEFAULT_CONSOLE_CONFIG } from '../../../shared/desk/schema.js';

const reasons = DEFAULT_CONSOLE_CONFIG.notReadyReasons.map((r) => r.code);
const s = (state: AgentStatus['state'], reason: string | null = null): AgentStatus => ({ state, reason });

describe('agent state machine', () => {
  it('signs in ready and signs out offline from any state', () => {
    expect(nextAgentState(s('offline'), { kind: 'sign_in' }, reasons)).toEqual({ ok: true, status: s('ready') });
    for (const state of ['ready', 'on_call', 'after_call', 'not_ready'] as const) {
      expect(nextAgentState(s(state), { kind: 'sign_out' }, reasons)).toEqual({ ok: true, status: s('offline') });
    }
  });

  it('goes not ready only with a configured reason', () => {
    expect(nextAgentState(s('ready'), { kind: 'set', state: 'not_ready', reason: 'meal', pendingWrapUp: false }, reasons)).toEqual({ ok: true, status: s('not_ready', 'meal') });
    expect(nextAgentState(s('ready'), { kind: 'set', state: 'not_ready', reason: 'nap', pendingWrapUp: false }, reasons)).toMatchObject({ ok: false, code: 'REASON_UNKNOWN' });
    expect(nextAgentState(s('ready'), { kind: 'set', state: 'not_ready', pendingWrapUp: false }, reasons)).toMatchObject({ ok: false, code: 'REASON_UNKNOWN' });
  });

  it('refuses ready or not ready while on a call, or offline', () => {
    expect(nextAgentState(s('on_call'), { kind: 'set', state: 'ready', pendingWrapUp: false }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
    expect(nextAgentState(s('on_call'), { kind: 'set', state: 'not_ready', reason: 'break', pendingWrapUp: false }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
    expect(nextAgentState(s('offline'), { kind: 'set', state: 'ready', pendingWrapUp: false }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
  });

  it('leaves after-call work by hand only once the disposition is saved', () => {
    expect(nextAgentState(s('after_call'), { kind: 'set', state: 'ready', pendingWrapUp: true }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
    expect(nextAgentState(s('after_call'), { kind: 'set', state: 'ready', pendingWrapUp: false }, reasons)).toEqual({ ok: true, status: s('ready') });
  });

  it('follows a call: on call, after-call work when answered, ready when not', () => {
    expect(nextAgentState(s('not_ready', 'outbound'), { kind: 'call_start' }, reasons)).toEqual({ ok: true, status: s('on_call') });
    expect(nextAgentState(s('on_call'), { kind: 'call_end', answered: true }, reasons)).toEqual({ ok: true, status: s('after_call') });
    expect(nextAgentState(s('on_call'), { kind: 'call_end', answered: false }, reasons)).toEqual({ ok: true, status: s('ready') });
    expect(nextAgentState(s('ready'), { kind: 'call_end', answered: true }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
    expect(nextAgentState(s('after_call'), { kind: 'wrap_done' }, reasons)).toEqual({ ok: true, status: s('ready') });
    expect(nextAgentState(s('ready'), { kind: 'wrap_timeout' }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
    expect(nextAgentState(s('offline'), { kind: 'call_start' }, reasons)).toMatchObject({ ok: false, code: 'AGENT_STATE_INVALID' });
  });

  it('reads after-call work past its limit as ready since the deadline', () => {
    const at = '2026-11-24T02:00:00.000Z';
    expect(afterCallDeadline(at, 120)).toBe(Date.parse(at) + 120_000);
    expect(effectiveAgentState({ state: 'after_call', reason: null, at }, Date.parse(at) + 119_999, 120)).toEqual({ state: 'after_call', reason: null, since: at });
    expect(effectiveAgentState({ state: 'after_call', reason: null, at }, Date.parse(at) + 600_000, 120)).toEqual({ state: 'ready', reason: null, since: '2026-11-24T02:02:00.000Z' });
    expect(effectiveAgentState({ state: 'not_ready', reason: 'meal', at }, Date.parse(at) + 600_000, 120)).toEqual({ state: 'not_ready', reason: 'meal', since: at });
  });
});
