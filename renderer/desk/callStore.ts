import { create } from 'zustand';
import type { Call } from '../../shared/desk/schema.js';
import type { AppErrorData, Result } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';

export type CallAction = 'calls:answer' | 'calls:hold' | 'calls:resume' | 'calls:hangup';

/**
 * Another phone that carries out the agent's actions on the calls it owns
 * (the embedded softphone, issue 19): it answers, holds and hangs up on the
 * SIP side, and the call record follows the PBX's answer through the same
 * call events as the CTI endpoint. Returns null for a call it does not own.
 */
export type CallRouter = (action: CallAction, current: Call) => Promise<Result<Call>> | null;
let router: CallRouter | null = null;
/** Dials an outbound call on the other phone (its record is started there); null: that phone cannot dial now. */
export type CallDialer = (number: string, callbackId: string | undefined) => Promise<Result<Call>> | null;
let dialer: CallDialer | null = null;
export function routeCallActions(next: CallRouter | null, nextDialer: CallDialer | null = null): void {
  router = next;
  dialer = nextDialer;
}

interface CallState {
  /** the desk's active call (ringing, talking, held, wrap-up); null: none */
  current: Call | null;
  loaded: boolean;
  loadError: AppErrorData | null;
  /** the action in flight, so its button spins and a second press is ignored */
  busy: string | null;
  load(): Promise<void>;
  start(): () => void;
  apply(call: Call | null): void;
  /** an outbound call goes out on the softphone when it is registered (issue 19); `callbackId`: the callback it keeps */
  startCall(direction: 'inbound' | 'outbound', number: string, callbackId?: string): Promise<Result<Call>>;
  act(action: CallAction): Promise<Result<Call> | null>;
  /** ends the call's record on this PC only, when the phone system cannot be told (phone commands) */
  hangupHere(): Promise<Result<Call> | null>;
  wrapUp(disposition: string, note?: string): Promise<Result<Call> | null>;
  link(ticketId: string): Promise<Result<Call> | null>;
}

/** A call that is over (ended, missed) is no longer the desk's call. */
const active = (c: Call | null): Call | null => (c && (c.status === 'ended' || c.status === 'missed') ? null : c);

export const useCallStore = create<CallState>((set, get) => {
  const run = async (name: string, request: () => Promise<Result<Call>>): Promise<Result<Call> | null> => {
    if (get().busy) return null;
    set({ busy: name });
    const r = await request();
    set({ busy: null });
    if (r.ok) get().apply(r.value);
    return r;
  };
  return {
    current: null,
    loaded: false,
    loadError: null,
    busy: null,
    async load() {
      const r = await call('calls:current', {});
      if (r.ok) set({ current: active(r.value), loaded: true, loadError: null });
      else set({ loadError: r.error, loaded: true });
    },
    start() {
      return subscribe('calls:current', (c) => get().apply(c));
    },
    apply(c) {
      const next = active(c);
      const cur = get().current;
      // An event about an older call (a late CTI "ended" for the call before) must not replace the one on screen.
      if (c && !next && cur && cur.id !== c.id) return;
      set({ current: next, loaded: true });
    },
    startCall: async (direction, number, callbackId) => {
      const dialled = direction === 'outbound' ? dialer?.(number, callbackId) : null;
      const request = dialled ? () => dialled : () => call('calls:start', callbackId ? { direction, number, callbackId } : { direction, number });
      return (await run('start', request)) ?? { ok: false, error: { code: 'CALL_ACTIVE', message: 'busy' } };
    },
    act: async (action) => {
      const current = get().current;
      if (!current) return null;
      const routed = router?.(action, current);
      if (routed) return run(action, () => routed);
      return run(action, () => call(action, { id: current.id }));
    },
    hangupHere: async () => {
      const id = get().current?.id;
      if (!id) return null;
      return run('calls:hangup', () => call('calls:hangup', { id, localOnly: true }));
    },
    wrapUp: async (disposition, note) => {
      const id = get().current?.id;
      if (!id) return null;
      return run('wrapUp', () => call('calls:wrapUp', note ? { id, disposition, note } : { id, disposition }));
    },
    link: async (ticketId) => {
      const id = get().current?.id;
      if (!id) return null;
      return run('link', () => call('calls:link', { callId: id, ticketId }));
    },
  };
});
