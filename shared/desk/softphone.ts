import { z } from 'zod';
import type { AgentStateName } from './schema.js';

/**
 * The embedded softphone (issue 19): the workstation registers to the PBX
 * over SIP on WebSocket (JsSIP in the renderer, WebRTC audio) and is one
 * more source of the call model: its SIP events become the same call events
 * (shared/desk/schema.ts CallEventSchema) the CTI endpoint receives, so the
 * call record, the timers, the screen-pop and the wallboard are fed as
 * before. The settings are this seat's (set by an admin); the SIP password
 * is kept with the PC's other secrets, never in the data folder's database,
 * and goes to the signed-in agent's renderer only (WebRTC runs there).
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for a ws:// or wss:// URL to this PC (the only place plain ws:// is allowed). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** SIP domain (the registrar's realm), e.g. pbx.example.cn or 10.0.0.5 */
const SipDomainSchema = z
  .string()
  .trim()
  .min(1, 'Give the PBX domain (the SIP realm, e.g. pbx.example.cn)')
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'A domain name or IP address, no scheme or port (e.g. pbx.example.cn)');

/** A SIP user part an admin types: digits and a few signs PBXs use for extensions. */
const ExtensionSchema = z
  .string()
  .trim()
  .min(1, 'Give the seat\u2019s extension')
  .max(32)
  .regex(/^[A-Za-z0-9_.+-]+$/, 'Digits, letters and . _ + - only');

/**
 * The WebSocket URL: wss:// always, ws:// only to this PC (a PBX on
 * 127.0.0.1, as in the test bed). The issue code says which rule failed.
 */
export const SipWsUrlSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a URL; e.g. wss://pbx.example.cn:7443/ws', params: { code: 'url_invalid' } });
      return;
    }
    if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
      ctx.addIssue({ code: 'custom', message: 'The SIP WebSocket URL starts with wss://', params: { code: 'ws_scheme' } });
      return;
    }
    if (url.protocol === 'ws:' && !isLoopbackUrl(url)) {
      ctx.addIssue({ code: 'custom', message: 'Use wss:// (TLS): plain ws:// is allowed to this PC (127.0.0.1) only', params: { code: 'wss_required' } });
    }
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'No user or password in the URL; the password has its own field', params: { code: 'url_credentials' } });
  });

export const SoftphoneInputSchema = z.strictObject({
  domain: SipDomainSchema,
  wsUrl: SipWsUrlSchema,
  extension: ExtensionSchema,
  /** write-only; omitted keeps the stored one */
  password: z.string().min(1).max(128).optional(),
  /** answer an incoming call at once when the agent is ready (headset agents) */
  autoAnswer: z.boolean().default(false),
  /** what the phone does while the agent is not ready, in after-call work or offline (NOT_READY_MODES) */
  whenNotReady: z.enum(['busy', 'unregister']).default('busy'),
});
export type SoftphoneInput = z.infer<typeof SoftphoneInputSchema>;

/** What an admin sees: never the password. */
export const SoftphoneInfoSchema = z.object({
  configured: z.boolean(),
  domain: z.string().nullable(),
  wsUrl: z.string().nullable(),
  extension: z.string().nullable(),
  autoAnswer: z.boolean(),
  whenNotReady: z.enum(['busy', 'unregister']),
  passwordSet: z.boolean(),
  /** false: no safe place on this PC, kept for this run only */
  passwordPersisted: z.boolean(),
});
export type SoftphoneInfo = z.infer<typeof SoftphoneInfoSchema>;

/** What the signed-in agent's softphone needs to register (the renderer's only copy of the password). */
export const SoftphoneAccountSchema = z.object({
  domain: z.string(),
  wsUrl: z.string(),
  extension: z.string(),
  password: z.string().nullable(),
  autoAnswer: z.boolean(),
  whenNotReady: z.enum(['busy', 'unregister']),
});
export type SoftphoneAccount = z.infer<typeof SoftphoneAccountSchema>;

/**
 * The registration as the call bar shows it. `reason` is the PBX's (or the
 * socket's) own words. `paused`: unregistered on purpose while the agent is
 * not ready ("unregister" mode); it registers again on ready.
 */
export const REGISTRATION_STATES = ['off', 'registering', 'registered', 'failed', 'paused'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** Callers that may wait on the softphone's line at once; one more is answered busy (the PBX then routes it on). */
export const SOFTPHONE_MAX_WAITING = 2;

/**
 * What the softphone does with a new INVITE, after the console's call-waiting
 * rule (README "Every call that reaches the desk is recorded"): a call that
 * rings while the agent is on another one (the line taken, ringing or
 * talking) is a waiting call: it keeps ringing (180), is recorded as
 * waiting (the agent's state stays the first call's) and rings in the call
 * bar once the line is free; a caller who gives up first becomes a missed
 * call. Ready with a free line rings; not ready, after-call work and offline
 * answer 486 (in "unregister" mode the PBX does not send them at all).
 */
export function softphoneIncoming(state: AgentStateName, line: { busy: boolean; waiting: number }): { action: 'ring' } | { action: 'wait' } | { action: 'busy'; status: 486; reason: 'not_ready' | 'after_call' | 'offline' | 'waiting_full' } {
  if (line.busy || state === 'on_call') {
    return line.waiting < SOFTPHONE_MAX_WAITING ? { action: 'wait' } : { action: 'busy', status: 486, reason: 'waiting_full' };
  }
  if (state === 'ready') return { action: 'ring' };
  return { action: 'busy', status: 486, reason: state === 'after_call' ? 'after_call' : state === 'offline' ? 'offline' : 'not_ready' };
}

/**
 * Whether the softphone stays registered in this agent state: always in
 * "busy" mode (a not-ready agent's calls are answered 486); in "unregister"
 * mode only while ready or on a call, so that meanwhile the PBX routes the
 * seat's calls elsewhere (its queue, voicemail) instead of to a busy seat.
 */
export function softphoneRegistered(state: AgentStateName, mode: 'busy' | 'unregister'): boolean {
  if (mode === 'busy') return true;
  return state === 'ready' || state === 'on_call';
}

/**
 * Re-registration backoff after a lost socket or a refused REGISTER: 1 s,
 * 2 s, 4 s … capped at 60 s, with up to 20 % jitter (`random` in [0, 1)) so
 * a room of seats does not hammer a PBX that comes back.
 */
export function registerBackoffMs(attempt: number, random: number): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(16, attempt)));
  return Math.round(base * (1 + 0.2 * Math.min(Math.max(random, 0), 0.999)));
}

/** Digits an agent may send as DTMF. */
export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export const DtmfSchema = z.string().regex(/^[0-9*#]{1,32}$/, 'Digits, * and # only');

/**
 * A transfer or dial target as typed: an extension or queue (digits, up to
 * 8), a phone number (shared/phone.ts normalisation: spaces and dashes
 * dropped), or a full sip: URI. Returns the SIP URI on the PBX's domain,
 * or null when it is none of these.
 */
export function sipTarget(text: string, domain: string): string | null {
  const raw = text.normalize('NFKC').trim();
  if (/^sips?:[^\s@]+@[A-Za-z0-9.-]+(:\d+)?$/i.test(raw)) return raw;
  const compact = raw.replace(/[\s\-()（）.]/g, '');
  if (!/^\+?[0-9*#]{1,24}$/.test(compact)) return null;
  return `sip:${compact}@${domain}`;
}

/**
 * The Electron shell's permission rule: the microphone, and nothing else,
 * for the app's own pages only. A permission request carries the media
 * types asked for (all must be audio); a permission check carries one
 * media type (audio, or unknown for device enumeration). Video, the
 * camera, notifications, geolocation… and any other origin are refused.
 */
export function grantsPermission(req: {
  permission: string;
  requestingUrl: string;
  /** e.g. app://workstation, http://localhost:5173 (the dev server) */
  appOrigins: readonly string[];
  mediaTypes?: readonly string[] | undefined;
  /** a check (no prompt) rather than a request */
  check?: boolean;
}): boolean {
  if (req.permission !== 'media') return false;
  let origin: string;
  try {
    const url = new URL(req.requestingUrl);
    // URL.origin is "null" for custom schemes (app://): compare scheme and host.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  if (!req.appOrigins.includes(origin)) return false;
  const types = req.mediaTypes ?? [];
  if (req.check) return types.every((t) => t === 'audio' || t === 'unknown');
  return types.length > 0 && types.every((t) => t === 'audio');
}

/**
 * The only non-app connection the renderer may open: the softphone's SIP
 * WebSocket, wss:// anywhere or ws:// to this PC (the Electron shell cancels
 * every other request that is not the app itself).
 */
export function isSoftphoneSocketUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'wss:' || (url.protocol === 'ws:' && isLoopbackUrl(url));
  } catch {
    return false;
  }
}

/** The CSP connect-src entries the softphone needs (every host serves them; see electron/core/csp.ts). */
export const SOFTPHONE_CONNECT_SRC = ['wss:', 'ws://127.0.0.1:*', 'ws://localhost:*'] as const;
