import { create } from 'zustand';
import type { Call, CallEvent } from '../../../shared/desk/schema.js';
import { softphoneIncoming, softphoneRegistered, sipTarget, type SoftphoneAccount } from '../../../shared/desk/softphone.js';
import type { AppErrorData, Result } from '../../../shared/result.js';
import { call } from '../../api/client.js';
import { routeCallActions, useCallStore, type CallAction } from '../callStore.js';
import { useSessionStore } from '../sessionStore.js';
import { SipPhone, type Consult, type LineState, type MediaCounts, type Registration } from './sipPhone.js';

/**
 * The embedded softphone's state for the call bar (issue 19). The SIP stack
 * (SipPhone) reports SIP facts as call events; the core records them
 * (cti:softphoneEvent) and the call bar shows the record as for any call.
 * The agent's buttons on a softphone call go to the SIP side first; their
 * promise resolves when the PBX's answer has been recorded.
 */

/** How long an action waits for the PBX before it says so (the call stays as the PBX left it). */
const ACTION_TIMEOUT_MS = 10_000;

export interface SoftphoneProblem {
  kind: 'media' | 'hold' | 'resume' | 'transfer' | 'dial' | 'answer' | 'event';
  detail: string;
}

interface SoftphoneState {
  account: SoftphoneAccount | null;
  registration: Registration;
  line: LineState | null;
  problem: SoftphoneProblem | null;
  /** packet counts of the call on the line, and whether inbound audio grew in the last 1.5 s */
  media: (MediaCounts & { flowing: boolean }) | null;
  keypadOpen: boolean;
  transferOpen: boolean;
  /** the attended transfer's consultation call, while there is one */
  consult: Consult | null;
  /** loads this seat's account for the signed-in agent and registers; returns the stop function */
  start(): () => void;
  reload(): Promise<void>;
  setMute(on: boolean): void;
  dtmf(keys: string): void;
  transfer(text: string): Promise<Result<true>>;
  /** attended transfer: holds the customer and calls the target */
  consultStart(text: string): Promise<Result<true>>;
  /** attended transfer: hands the customer to the consulted target (REFER with Replaces) */
  consultComplete(): Promise<Result<true>>;
  /** attended transfer cancelled: back to the customer */
  consultCancel(): void;
  openKeypad(open: boolean): void;
  openTransfer(open: boolean): void;
  dismissProblem(): void;
}

type Waiter = { callId: string; event: CallEvent['event']; resolve: (r: Result<Call>) => void; timer: ReturnType<typeof setTimeout> };
let waiters: Waiter[] = [];
/** calls this seat dialled: the SIP side's call id -> the desk's call id */
const dialled = new Map<string, string>();
let phone: SipPhone | null = null;
let audio: HTMLAudioElement | null = null;

/**
 * The auto-answer warning: two short 880 Hz beeps (about 0.4 s) so a headset
 * agent knows a caller is about to be on the line. Resolves when they end,
 * or at once when this PC cannot play audio (the call is answered anyway).
 */
export async function autoAnswerTone(): Promise<void> {
  let ctx: AudioContext;
  try {
    ctx = new AudioContext();
  } catch {
    return;
  }
  try {
    await ctx.resume();
    const gain = ctx.createGain();
    gain.gain.value = 0.15;
    gain.connect(ctx.destination);
    const start = ctx.currentTime + 0.02;
    let last: OscillatorNode | null = null;
    for (const at of [0, 0.25]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(gain);
      osc.start(start + at);
      osc.stop(start + at + 0.15);
      last = osc;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      if (last) last.onended = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  } finally {
    void ctx.close().catch(() => undefined);
  }
}

function settle(callId: string, event: CallEvent['event'], r: Result<Call>): void {
  const mine = waiters.filter((w) => w.callId === callId && (w.event === event || event === 'ended'));
  waiters = waiters.filter((w) => !mine.includes(w));
  for (const w of mine) {
    clearTimeout(w.timer);
    w.resolve(r);
  }
}

function waitFor(callId: string, event: CallEvent['event'], what: string): Promise<Result<Call>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters = waiters.filter((w) => w.timer !== timer);
      resolve({ ok: false, error: said('PHONE_TIMEOUT', `The PBX did not confirm "${what}" within ${ACTION_TIMEOUT_MS / 1000} s`) });
    }, ACTION_TIMEOUT_MS);
    waiters.push({ callId, event, resolve, timer });
  });
}

/** Whether the call record is the softphone's call on the line: by the PBX-side id (inbound) or the dialled id (outbound). */
export function onLine(line: LineState, current: Call): boolean {
  return line.callId === current.externalId || line.callId === `out-${current.id}`;
}

/** A refusal in the PBX's (or the SIP stack's) own words, shown after the localized text as the connector's are. */
const said = (code: 'PHONE_REJECTED' | 'PHONE_TIMEOUT', message: string): AppErrorData => ({ code, message, fields: [{ path: 'connector', code: 'connector_said', message }] });
const targetInvalid = (): AppErrorData => {
  const message = 'An extension, a queue, a phone number or a sip: address';
  return { code: 'VALIDATION_FAILED', message, fields: [{ path: 'target', code: 'target_invalid', message }] };
};
const refused = (message: string): Result<Call> => ({ ok: false, error: said('PHONE_REJECTED', message) });

export const useSoftphoneStore = create<SoftphoneState>((set, get) => {
  let mediaTimer: ReturnType<typeof setInterval> | null = null;

  let lastIn = 0;
  let lastGrowth = 0;
  const pollMedia = (): void => {
    if (mediaTimer) return;
    lastIn = 0;
    lastGrowth = 0;
    mediaTimer = setInterval(() => {
      if (!phone?.line) {
        if (mediaTimer) clearInterval(mediaTimer);
        mediaTimer = null;
        set({ media: null });
        return;
      }
      void phone.mediaCounts().then((counts) => {
        if (!counts) return set({ media: null });
        const now = Date.now();
        if (counts.packetsIn > lastIn) {
          lastIn = counts.packetsIn;
          lastGrowth = now;
        }
        set({ media: { ...counts, flowing: now - lastGrowth < 1500 } });
      });
    }, 500);
  };

  /** SIP facts of a call this seat dialled go to the agent's own channels (calls:answer marks the customer reached and keeps a callback). */
  const outboundReport = (ev: CallEvent, deskId: string): Promise<Result<Call>> => {
    switch (ev.event) {
      case 'ringing':
        return call('calls:get', { id: deskId });
      case 'answered':
        return call('calls:answer', { id: deskId });
      case 'held':
        return call('calls:hold', { id: deskId });
      case 'resumed':
        return call('calls:resume', { id: deskId });
      case 'ended':
        dialled.delete(ev.callId);
        return call('calls:hangup', { id: deskId });
    }
  };

  const report = async (ev: CallEvent): Promise<void> => {
    const deskId = dialled.get(ev.callId);
    const r = deskId ? await outboundReport(ev, deskId) : await call('cti:softphoneEvent', ev);
    if (r.ok) {
      // A waiting caller's record is not the call on screen (the core's calls:current event keeps the line's call there).
      if (!phone?.isWaiting(ev.callId)) useCallStore.getState().apply(r.value);
      // Auto-answer (headset agents): a short tone in the headset, then the call is taken (if it still rings here).
      if (ev.event === 'ringing' && get().account?.autoAnswer && useCallStore.getState().current?.id === r.value.id) {
        const id = r.value.id;
        void autoAnswerTone().then(() => {
          if (useCallStore.getState().current?.id === id && useCallStore.getState().current?.status === 'ringing') void useCallStore.getState().act('calls:answer');
        });
      }
    }
    else set({ problem: { kind: 'event', detail: `${r.error.code}: ${r.error.message}` } });
    settle(ev.callId, ev.event, r);
  };

  /** Outbound: the record first (calls:start checks the agent may dial), then the INVITE; the record follows the PBX's answers. */
  const dialer = (number: string, callbackId: string | undefined): Promise<Result<Call>> | null => {
    const p = phone;
    const account = get().account;
    if (!p || !account || p.registration.state !== 'registered' || p.line) return null;
    const target = sipTarget(number, account.domain);
    if (!target) return null;
    return (async (): Promise<Result<Call>> => {
      const started = await call('calls:start', callbackId ? { direction: 'outbound', number, callbackId } : { direction: 'outbound', number });
      if (!started.ok) return started;
      const callId = `out-${started.value.id}`;
      dialled.set(callId, started.value.id);
      if (!p.dial(target, callId)) {
        dialled.delete(callId);
        // Nothing went out: the record ends here as an attempt never answered.
        await call('calls:hangup', { id: started.value.id, localOnly: true });
        return refused('The softphone could not dial now');
      }
      return started;
    })();
  };

  const lineCallId = (current: Call): string | null => {
    const line = phone?.line ?? null;
    return line && onLine(line, current) ? line.callId : null;
  };

  const router = (action: CallAction, current: Call): Promise<Result<Call>> | null => {
    const p = phone;
    const callId = lineCallId(current);
    if (!p || callId === null) return null;
    switch (action) {
      case 'calls:answer':
        // F2 on a call this seat dialled: the PBX says when the customer answers, not the agent.
        if (p.line?.direction === 'outbound') return Promise.resolve(refused('The customer has not answered yet'));
        if (!p.answer()) return Promise.resolve(refused('The call can no longer be answered'));
        return waitFor(callId, 'answered', 'answer');
      case 'calls:hold':
      case 'calls:resume': {
        const on = action === 'calls:hold';
        const waiting = waitFor(callId, on ? 'held' : 'resumed', on ? 'hold' : 'resume');
        if (!p.setHold(on)) {
          settle(callId, on ? 'held' : 'resumed', refused(on ? 'The call cannot be put on hold now' : 'The call cannot be resumed now'));
        }
        return waiting;
      }
      case 'calls:hangup': {
        const waiting = waitFor(callId, 'ended', 'hang up');
        if (!p.hangup()) settle(callId, 'ended', refused('No call on the line'));
        return waiting;
      }
    }
  };

  return {
    account: null,
    registration: { state: 'off', reason: null, retryAt: null },
    line: null,
    problem: null,
    media: null,
    keypadOpen: false,
    transferOpen: false,
    consult: null,

    start() {
      routeCallActions(router, dialer);
      void get().reload();
      // "Unregister instead of busy": the agent's state registers and unregisters the phone.
      const stopState = useSessionStore.subscribe((st, before) => {
        const account = get().account;
        const state = st.session?.state ?? 'offline';
        if (!account || state === (before.session?.state ?? 'offline')) return;
        phone?.setPaused(!softphoneRegistered(state, account.whenNotReady));
      });
      return () => {
        stopState();
        routeCallActions(null);
        phone?.stop();
        phone = null;
        audio?.remove();
        audio = null;
        set({ account: null, line: null, media: null, registration: { state: 'off', reason: null, retryAt: null } });
      };
    },

    async reload() {
      const r = await call('cti:softphoneAccount', {});
      const account = r.ok ? r.value : null;
      set({ account });
      phone?.stop();
      phone = null;
      if (!account) return;
      if (!audio) {
        audio = document.createElement('audio');
        audio.autoplay = true;
        audio.dataset['testid'] = 'softphone-audio';
        audio.hidden = true;
        document.body.appendChild(audio);
      }
      phone = new SipPhone({
        registration: (registration) => set({ registration }),
        report,
        incoming: (line) => softphoneIncoming(useSessionStore.getState().session?.state ?? 'offline', line).action,
        // The line is free and a waiting caller rings there now: the call bar shows it (the core's current call).
        promoted: () => void useCallStore.getState().load(),
        consult: (consult) => set({ consult }),
        line: () => {
          set({ line: phone?.line ?? null });
          if (phone?.line) pollMedia();
          else set({ keypadOpen: false, transferOpen: false, consult: null });
        },
        problem: (problem) => set({ problem }),
      });
      phone.start(account, audio, !softphoneRegistered(useSessionStore.getState().session?.state ?? 'offline', account.whenNotReady));
    },

    setMute(on) {
      phone?.setMute(on);
    },
    dtmf(keys) {
      phone?.dtmf(keys);
    },
    async transfer(text) {
      const account = get().account;
      const target = account ? sipTarget(text, account.domain) : null;
      if (!phone || !account) return { ok: false, error: said('PHONE_REJECTED', 'No softphone on this seat') };
      if (!target) return { ok: false, error: targetInvalid() };
      const r = await phone.transfer(target);
      if (r.ok) return { ok: true, value: true };
      return { ok: false, error: said('PHONE_REJECTED', r.detail) };
    },
    async consultStart(text) {
      const account = get().account;
      const target = account ? sipTarget(text, account.domain) : null;
      if (!phone || !account) return { ok: false, error: said('PHONE_REJECTED', 'No softphone on this seat') };
      if (!target) return { ok: false, error: targetInvalid() };
      const r = await phone.consult(target);
      return r.ok ? { ok: true, value: true } : { ok: false, error: said('PHONE_REJECTED', r.detail) };
    },
    async consultComplete() {
      if (!phone) return { ok: false, error: said('PHONE_REJECTED', 'No softphone on this seat') };
      const r = await phone.completeConsult();
      return r.ok ? { ok: true, value: true } : { ok: false, error: said('PHONE_REJECTED', r.detail) };
    },
    consultCancel() {
      phone?.cancelConsult();
    },
    openKeypad: (keypadOpen) => set({ keypadOpen }),
    openTransfer: (transferOpen) => set({ transferOpen }),
    dismissProblem: () => set({ problem: null }),
  };
});
