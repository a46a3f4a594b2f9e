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
  /** whether a new incoming call is taken (ringing) or answered 486 Busy Here */
  takes(): boolean;
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

  private setReg(r: Registration): void {
    this.reg = r;
    this.hooks.registration(r);
  }

  start(account: SoftphoneAccount, audio: HTMLAudioElement): void {
    this.stop();
    this.audio = audio;
    const socket = new WebSocketInterface(account.wsUrl);
    const ua = new UA({
      sockets: [socket],
      uri: `sip:${account.extension}@${account.domain}`,
      ...(account.password ? { password: account.password } : {}),
      register: true,
      register_expires: 300,
      session_timers: false,
      // JsSIP reconnects a lost WebSocket itself, with its own backoff between these bounds (seconds).
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 30,
      user_agent: 'HotlineWorkstation',
    });
    this.ua = ua;
    this.setReg({ state: 'registering', reason: null, retryAt: null });
    ua.on('connecting', () => {
      if (this.reg.state !== 'failed') this.setReg({ state: 'registering', reason: this.reg.reason, retryAt: null });
    });
    ua.on('disconnected', () => {
      if (this.ua !== ua) return;
      // Registered state ends with the socket; JsSIP reconnects and registers again.
      this.setReg({ state: 'failed', reason: SOCKET_LOST, retryAt: null });
    });
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.attempt = 0;
      this.setReg({ state: 'registered', reason: null, retryAt: null });
    });
    ua.on('unregistered', (e: UnRegisteredEvent) => {
      if (this.ua !== ua) return;
      this.setReg({ state: 'off', reason: e.cause ?? null, retryAt: null });
    });
    ua.on('registrationFailed', (e: UnRegisteredEvent) => {
      if (this.ua !== ua) return;
      const wait = registerBackoffMs(this.attempt++, Math.random());
      this.setReg({ state: 'failed', reason: describeFailure(e), retryAt: Date.now() + wait });
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.ua === ua && ua.isConnected()) {
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

  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const ua = this.ua;
    this.ua = null;
    if (this.session && !this.session.isEnded()) this.session.terminate();
    ua?.stop();
    this.attempt = 0;
    this.setReg({ state: 'off', reason: null, retryAt: null });
  }

  /** The system's default microphone (choosing a device is not built yet). */
  private media(): MediaStreamConstraints {
    return { audio: true, video: false };
  }

  private incoming(session: RTCSession): void {
    // One call on the line: a second INVITE, or one while the agent is not ready, is answered busy.
    if (this.session || !this.hooks.takes()) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const callId = newCallId();
    const remote = session.remote_identity.uri.user ?? session.remote_identity.uri.toString();
    this.adopt(session, { callId, direction: 'inbound', remote, established: false, held: false, muted: false });
    void this.hooks.report({ event: 'ringing', callId, direction: 'inbound', from: remote, to: session.local_identity.uri.user ?? undefined });
  }

  private adopt(session: RTCSession, line: LineState): void {
    this.session = session;
    this.lineState = line;
    const mine = (): boolean => this.session === session;
    session.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.wireMedia(e.peerconnection));
    if (session.connection) this.wireMedia(session.connection);
    session.on('confirmed', () => {
      if (!mine() || !this.lineState || this.lineState.established) return;
      this.lineState = { ...this.lineState, established: true };
      this.hooks.line();
      void this.hooks.report({ event: 'answered', callId: line.callId });
    });
    const end = (): void => {
      if (!mine()) return;
      this.session = null;
      this.lineState = null;
      if (this.audio) this.audio.srcObject = null;
      this.hooks.line();
      void this.hooks.report({ event: 'ended', callId: line.callId });
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
    this.hooks.line();
  }

  private wireMedia(pc: RTCPeerConnection): void {
    pc.addEventListener('track', (ev: RTCTrackEvent) => {
      if (this.audio && ev.streams[0]) {
        this.audio.srcObject = ev.streams[0];
        void this.audio.play().catch(() => undefined);
      }
    });
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'failed') this.hooks.problem({ kind: 'media', detail: 'ICE failed' });
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
  setHold(on: boolean): boolean {
    const s = this.session;
    const line = this.lineState;
    if (!s || !line?.established || line.held === on) return false;
    const done = (): void => {
      if (this.session !== s || !this.lineState) return;
      this.lineState = { ...this.lineState, held: on };
      this.hooks.line();
      void this.hooks.report({ event: on ? 'held' : 'resumed', callId: line.callId });
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
