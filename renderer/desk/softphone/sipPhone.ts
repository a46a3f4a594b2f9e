import { UA, WebSocketInterface } from 'jssip';
import type { EndEvent, RTCSession } from 'jssip/lib/RTCSession.js';
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA.js';
import type { CallEvent } from '../../../shared/desk/schema.js';
import { registerBackoffMs, type RegistrationState, type SoftphoneAccount } from '../../../shared/desk/softphone.js';

/**
 * The SIP side of the embedded softphone (issue 19), free of React: one
 * JsSIP user agent registered over WebSocket, at most one call on the line.
 * It never changes the call record itself: every SIP fact (an INVITE, the
 * ACK of our 200, a re-INVITE's answer, a BYE) is handed to `report` as the
 * call event the CTI endpoint would receive, and the core records it.
 * Nothing here says a call is up, held or resumed before the PBX did.
 */

export interface Registration {
  state: RegistrationState;
  /** the PBX's status and reason, or the socket's, when not registered */
  reason: string | null;
  /** when the next REGISTER attempt goes out (epoch ms), after a failure */
  retryAt: number | null;
}

export interface MediaCounts {
  packetsIn: number;
  packetsOut: number;
  ice: string;
}

export interface SipPhoneHooks {
  registration(r: Registration): void;
  /** a SIP fact as a call event; resolves once the core recorded it (or refused it) */
  report(ev: CallEvent): Promise<void>;
  /** what a new INVITE gets: ringing on the line, waiting behind the call on it, or 486 Busy Here (softphoneIncoming) */
  incoming(line: { busy: boolean; waiting: number }): 'ring' | 'wait' | 'busy';
  /** a waiting call moved to the free line (it rings there now) */
  promoted(callId: string): void;
  /** the attended transfer's consultation call changed */
  consult(c: Consult | null): void;
  /** the line changed: a call started, was held, muted or ended */
  line(): void;
  /** something went wrong with the call on the line (media failed, hold refused, transfer refused) */
  problem(p: { kind: 'media' | 'hold' | 'resume' | 'transfer' | 'dial' | 'answer'; detail: string }): void;
}

export interface LineState {
  callId: string;
  direction: 'inbound' | 'outbound';
  remote: string;
  established: boolean;
  held: boolean;
  muted: boolean;
}

/**
 * The second call of an attended transfer: the customer is held on the
 * line while the agent talks to the target; it is never a call record of
 * its own (the customer's call, held meanwhile, is the contact).
 */
export interface Consult {
  target: string;
  /** calling: INVITE sent; talking: the target answered; failed: refused or unreachable (detail: the PBX's words) */
  state: 'calling' | 'talking' | 'failed';
  detail: string | null;
}

/** The registration's reason when the WebSocket to the PBX dropped (JsSIP reconnects it with its own backoff). */
export const SOCKET_LOST = 'WebSocket closed';

/** Chrome's defaults (bundlePolicy balanced: rtpengine adds no BUNDLE group, so max-bundle fails every call). */
const PC_CONFIG: RTCConfiguration = { iceServers: [] };

let seq = 0;
const newCallId = (): string => `sp-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function describeFailure(e: { cause?: string; response?: { status_code?: number; reason_phrase?: string } | null }): string {
  const r = e.response;
  if (r && typeof r.status_code === 'number') return `${r.status_code} ${r.reason_phrase ?? ''}`.trim();
  return e.cause ?? 'unknown';
}

export class SipPhone {
  private ua: UA | null = null;
  private session: RTCSession | null = null;
  private lineState: LineState | null = null;
  /** callers waiting behind the line's call (the console's call-waiting rule), oldest first */
  private waiting: { session: RTCSession; line: LineState }[] = [];
  private consultCall: { session: RTCSession; target: string; state: Consult } | null = null;
  /** unregistered on purpose (the agent is not ready, "unregister" mode) */
  private paused = false;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private reg: Registration = { state: 'off', reason: null, retryAt: null };
  private audio: HTMLAudioElement | null = null;

  constructor(private readonly hooks: SipPhoneHooks) {}

  get registration(): Registration {
    return this.reg;
  }

  get line(): LineState | null {
    return this.lineState;
  }

  /** whether the call is waiting behind the line's call (its record is not the desk's current call) */
  isWaiting(callId: string): boolean {
    return this.waiting.some((w) => w.line.callId === callId);
  }

  private setReg(r: Registration): void {
    this.reg = r;
    this.hooks.registration(r);
  }

  start(account: SoftphoneAccount, audio: HTMLAudioElement, paused = false): void {
    this.stop();
    this.audio = audio;
    this.paused = paused;
    const socket = new WebSocketInterface(account.wsUrl);
    const ua = new UA({
      sockets: [socket],
      uri: `sip:${account.extension}@${account.domain}`,
      ...(account.password ? { password: account.password } : {}),
      register: !paused,
      register_expires: 300,
      session_timers: false,
      // JsSIP reconnects a lost WebSocket itself, with its own backoff between these bounds (seconds).
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 30,
      user_agent: 'HotlineWorkstation',
    });
    this.ua = ua;
    this.setReg(paused ? { state: 'paused', reason: null, retryAt: null } : { state: 'registering', reason: null, retryAt: null });
    ua.on('connecting', () => {
      if (this.reg.state !== 'failed' && !this.paused) this.setReg({ state: 'registering', reason: this.reg.reason, retryAt: null });
    });
    ua.on('disconnected', () => {
      if (this.ua !== ua) return;
      // Registered state ends with the socket; JsSIP reconnects and registers again (unless paused).
      if (!this.paused) this.setReg({ state: 'failed', reason: SOCKET_LOST, retryAt: null });
    });
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.attempt = 0;
      this.setReg({ state: 'registered', reason: null, retryAt: null });
    });
    ua.on('unregistered', (e: UnRegisteredEvent) => {
      if (this.ua !== ua) return;
      this.setReg(this.paused ? { state: 'paused', reason: null, retryAt: null } : { state: 'off', reason: e.cause ?? null, retryAt: null });
    });
    ua.on('registrationFailed', (e: UnRegisteredEvent) => {
      if (this.ua !== ua) return;
      const wait = registerBackoffMs(this.attempt++, Math.random());
      this.setReg({ state: 'failed', reason: describeFailure(e), retryAt: Date.now() + wait });
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.ua === ua && ua.isConnected() && !this.paused) {
          this.setReg({ state: 'registering', reason: this.reg.reason, retryAt: null });
          ua.register();
        }
      }, wait);
    });
    ua.on('newRTCSession', (e: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (e.originator === 'remote') this.incoming(e.session);
    });
    ua.start();
  }

  /**
   * "Unregister instead of busy": off the PBX while the agent is not ready
   * (the PBX routes the seat's calls elsewhere), registered again on ready.
   * A call already on the line is not touched.
   */
  setPaused(on: boolean): void {
    const ua = this.ua;
    if (!ua || this.paused === on) return;
    this.paused = on;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (on) {
      this.setReg({ state: 'paused', reason: null, retryAt: null });
      // all: also a contact an earlier run of this seat left behind, so the PBX really stops sending calls here
      ua.unregister({ all: true });
    } else {
      this.setReg({ state: 'registering', reason: null, retryAt: null });
      ua.register();
    }
  }

  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const ua = this.ua;
    this.ua = null;
    for (const sess of [this.session, this.consultCall?.session, ...this.waiting.map((w) => w.session)]) if (sess && !sess.isEnded()) sess.terminate();
    this.waiting = [];
    this.consultCall = null;
    this.consultAudio?.remove();
    this.consultAudio = null;
    ua?.stop();
    this.attempt = 0;
    this.setReg({ state: 'off', reason: null, retryAt: null });
  }

  /** The system's default microphone (choosing a device is not built yet). */
  private media(): MediaStreamConstraints {
    return { audio: true, video: false };
  }

  private incoming(session: RTCSession): void {
    const decision = this.hooks.incoming({ busy: this.session !== null, waiting: this.waiting.length });
    if (decision === 'busy') {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const callId = newCallId();
    const remote = session.remote_identity.uri.user ?? session.remote_identity.uri.toString();
    const line: LineState = { callId, direction: 'inbound', remote, established: false, held: false, muted: false };
    // A waiting call keeps ringing at the PBX (JsSIP has sent 180) and is recorded as waiting by the core.
    if (decision === 'wait') {
      this.waiting.push({ session, line });
      this.track(session, line);
    } else this.adopt(session, line);
    void this.hooks.report({ event: 'ringing', callId, direction: 'inbound', from: remote, to: session.local_identity.uri.user ?? undefined });
  }

  private adopt(session: RTCSession, line: LineState): void {
    this.session = session;
    this.lineState = line;
    this.track(session, line);
    this.hooks.line();
  }

  /** The SIP facts of a call on the line or waiting behind it; only the line's call has media and controls. */
  private track(session: RTCSession, line: LineState): void {
    const mine = (): boolean => this.session === session;
    session.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.wireMedia(e.peerconnection));
    if (session.connection) this.wireMedia(session.connection);
    session.on('confirmed', () => {
      if (!mine() || !this.lineState || this.lineState.established) return;
      this.lineState = { ...this.lineState, established: true };
      this.hooks.line();
      void this.hooks.report({ event: 'answered', callId: line.callId });
    });
    let over = false;
    const end = (): void => {
      if (over) return;
      over = true;
      const waitingAt = this.waiting.findIndex((w) => w.session === session);
      if (waitingAt >= 0) {
        // The waiting caller gave up: the core makes it a missed call.
        this.waiting.splice(waitingAt, 1);
        void this.hooks.report({ event: 'ended', callId: line.callId });
        return;
      }
      if (!mine()) return;
      this.session = null;
      this.lineState = null;
      if (this.audio) this.audio.srcObject = null;
      this.endConsult();
      // Reported before the next caller moves up, so the record of this call ends first.
      const ended = this.hooks.report({ event: 'ended', callId: line.callId });
      const next = this.waiting.shift();
      if (next) {
        this.session = next.session;
        this.lineState = next.line;
        void ended.then(() => this.hooks.promoted(next.line.callId));
      }
      this.hooks.line();
    };
    session.on('ended', end);
    session.on('failed', (e: EndEvent) => {
      // The customer's side refused or never answered a call we dialled: say how (busy, not found, no answer).
      if (mine() && line.direction === 'outbound' && !this.lineState?.established && e.cause !== 'Canceled') {
        const m = e.message as { status_code?: unknown; reason_phrase?: unknown } | null | undefined;
        const status = m && typeof m.status_code === 'number' ? `${m.status_code} ${typeof m.reason_phrase === 'string' ? m.reason_phrase : ''}`.trim() : String(e.cause ?? 'failed');
        this.hooks.problem({ kind: 'dial', detail: status });
      }
      end();
    });
  }

  /** The consultation's audio plays on an element of its own, so the customer's stream is there again after a cancel. */
  private consultAudio: HTMLAudioElement | null = null;

  private wireMedia(pc: RTCPeerConnection, consult = false): void {
    pc.addEventListener('track', (ev: RTCTrackEvent) => {
      if (consult && !this.consultAudio && this.audio) {
        this.consultAudio = document.createElement('audio');
        this.consultAudio.autoplay = true;
        this.consultAudio.hidden = true;
        this.audio.after(this.consultAudio);
      }
      const el = consult ? this.consultAudio : this.audio;
      if (el && ev.streams[0]) {
        el.srcObject = ev.streams[0];
        void el.play().catch(() => undefined);
      }
    });
    // ICE (the path) or DTLS (the keys) failing: no audio can flow, whatever SIP says.
    const failed = (what: string): void => this.hooks.problem({ kind: consult ? 'transfer' : 'media', detail: what });
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'failed') failed('ICE failed');
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && pc.iceConnectionState !== 'failed') failed('DTLS failed');
    });
  }

  /**
   * Dials out (INVITE to the PBX). The call's record was written before
   * (calls:start); `callId` ties the SIP session to it. False when not
   * registered or a call is already on the line.
   */
  dial(target: string, callId: string): boolean {
    const ua = this.ua;
    if (!ua || this.session || !ua.isRegistered()) return false;
    let session: RTCSession;
    try {
      session = ua.call(target, { mediaConstraints: this.media(), pcConfig: PC_CONFIG });
    } catch (e) {
      this.hooks.problem({ kind: 'dial', detail: (e as Error).message });
      return false;
    }
    const remote = /^sips?:([^@]+)@/.exec(target)?.[1] ?? target;
    this.adopt(session, { callId, direction: 'outbound', remote, established: false, held: false, muted: false });
    return true;
  }

  answer(): boolean {
    const s = this.session;
    if (!s || this.lineState?.direction !== 'inbound' || this.lineState.established) return false;
    try {
      s.answer({ mediaConstraints: this.media(), pcConfig: PC_CONFIG });
    } catch (e) {
      this.hooks.problem({ kind: 'answer', detail: (e as Error).message });
      return false;
    }
    return true;
  }

  hangup(): boolean {
    const s = this.session;
    if (!s) return false;
    // A ringing call refused by the agent: 486; otherwise CANCEL or BYE as JsSIP decides.
    if (!this.lineState?.established && this.lineState?.direction === 'inbound') s.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    else s.terminate();
    return true;
  }

  /** Hold or resume: the call event is reported once the re-INVITE is answered (JsSIP's own hold event fires before that). */
  setHold(on: boolean, then?: () => void): boolean {
    const s = this.session;
    const line = this.lineState;
    if (!s || !line?.established || line.held === on) return false;
    const done = (): void => {
      if (this.session !== s || !this.lineState) return;
      this.lineState = { ...this.lineState, held: on };
      this.hooks.line();
      void this.hooks.report({ event: on ? 'held' : 'resumed', callId: line.callId });
      then?.();
    };
    const ok = on ? s.hold({}, done) : s.unhold({}, done);
    if (!ok) this.hooks.problem({ kind: on ? 'hold' : 'resume', detail: 'The call cannot be re-negotiated now' });
    return ok;
  }

  setMute(on: boolean): void {
    const s = this.session;
    if (!s || !this.lineState) return;
    if (on) s.mute({ audio: true });
    else s.unmute({ audio: true });
    this.lineState = { ...this.lineState, muted: on };
    this.hooks.line();
  }

  /** DTMF in the media (RFC 4733), what IVRs and PBX menus expect. */
  dtmf(keys: string): void {
    // The declared enum has no runtime object to import: its value is the string itself.
    this.session?.sendDTMF(keys, { transportType: 'RFC2833' as unknown as DTMF_TRANSPORT, duration: 100, interToneGap: 70 });
  }

  /** Blind transfer (REFER): resolves when the PBX accepts it; the call then ends with the customer's BYE or ours. */
  transfer(target: string): Promise<{ ok: true } | { ok: false; detail: string }> {
    const s = this.session;
    if (!s || !this.lineState?.established) return Promise.resolve({ ok: false, detail: 'No call on the line' });
    return new Promise((resolve) => {
      try {
        s.refer(target, {
          eventHandlers: {
            // A blind transfer: once the PBX accepted the REFER the customer is on their way; this seat leaves the call (BYE).
            requestSucceeded: () => {
              resolve({ ok: true });
              if (this.session === s && !s.isEnded()) s.terminate();
            },
            requestFailed: (e: { response?: { status_code?: number; reason_phrase?: string } | null; cause?: string }) => resolve({ ok: false, detail: describeFailure(e) }),
          },
        });
      } catch (e) {
        resolve({ ok: false, detail: (e as Error).message });
      }
    });
  }

  /**
   * Attended transfer, step 1: the customer is put on hold (reported as
   * held once the re-INVITE is answered), then the target is called on a
   * second session. The agent then completes (REFER with Replaces) or
   * cancels (back to the customer).
   */
  consult(target: string): Promise<{ ok: true } | { ok: false; detail: string }> {
    const ua = this.ua;
    const line = this.lineState;
    if (!ua || !this.session || !line?.established) return Promise.resolve({ ok: false, detail: 'No call on the line' });
    if (this.consultCall) return Promise.resolve({ ok: false, detail: 'A consultation is already under way' });
    const call = (): { ok: true } | { ok: false; detail: string } => {
      let session: RTCSession;
      try {
        session = ua.call(target, { mediaConstraints: this.media(), pcConfig: PC_CONFIG });
      } catch (e) {
        return { ok: false, detail: (e as Error).message };
      }
      const c = { session, target, state: { target, state: 'calling', detail: null } as Consult };
      this.consultCall = c;
      const set = (state: Consult): void => {
        if (this.consultCall !== c) return;
        c.state = state;
        this.hooks.consult(state);
      };
      session.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.wireMedia(e.peerconnection, true));
      session.on('confirmed', () => set({ target, state: 'talking', detail: null }));
      session.on('failed', (e: EndEvent) => set({ target, state: 'failed', detail: describeFailure({ cause: e.cause, response: e.message as { status_code?: number; reason_phrase?: string } | null }) }));
      // The target hung up: the consultation is over, the agent goes back to the customer.
      session.on('ended', () => set({ target, state: 'failed', detail: 'BYE' }));
      this.hooks.consult(c.state);
      return { ok: true };
    };
    if (line.held) return Promise.resolve(call());
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, detail: 'The PBX did not confirm the hold' }), 10_000);
      const held = this.setHold(true, () => {
        clearTimeout(timer);
        resolve(call());
      });
      if (!held) {
        clearTimeout(timer);
        resolve({ ok: false, detail: 'The call cannot be put on hold now' });
      }
    });
  }

  /** Attended transfer, step 2: the customer is asked (REFER with Replaces) to take the consultation's place; both legs leave this seat. */
  completeConsult(): Promise<{ ok: true } | { ok: false; detail: string }> {
    const s = this.session;
    const c = this.consultCall;
    if (!s || !c) return Promise.resolve({ ok: false, detail: 'No consultation under way' });
    if (c.state.state !== 'talking') return Promise.resolve({ ok: false, detail: 'The target has not answered' });
    return new Promise((resolve) => {
      try {
        s.refer(c.target, {
          replaces: c.session,
          eventHandlers: {
            requestSucceeded: () => {
              resolve({ ok: true });
              if (this.session === s && !s.isEnded()) s.terminate();
              if (!c.session.isEnded()) c.session.terminate();
            },
            requestFailed: (e: { response?: { status_code?: number; reason_phrase?: string } | null; cause?: string }) => resolve({ ok: false, detail: describeFailure(e) }),
          },
        });
      } catch (e) {
        resolve({ ok: false, detail: (e as Error).message });
      }
    });
  }

  /** Attended transfer cancelled: the consultation is hung up and the customer resumed. */
  cancelConsult(): boolean {
    if (!this.consultCall) return false;
    this.endConsult();
    if (this.lineState?.held) this.setHold(false);
    return true;
  }

  private endConsult(): void {
    const c = this.consultCall;
    this.consultCall = null;
    if (c && !c.session.isEnded()) c.session.terminate();
    if (this.consultAudio) this.consultAudio.srcObject = null;
    if (c) this.hooks.consult(null);
  }

  /** RTP packet counts of the call on the line (the call bar's audio indicator, the e2e's proof). */
  async mediaCounts(): Promise<MediaCounts | null> {
    const pc = this.session?.connection;
    if (!pc) return null;
    const out: MediaCounts = { packetsIn: 0, packetsOut: 0, ice: pc.iceConnectionState };
    const stats = await pc.getStats();
    stats.forEach((s: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') out.packetsIn += s.packetsReceived ?? 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.packetsOut += s.packetsSent ?? 0;
    });
    return out;
  }
}
