import { z } from 'zod';
import { AppErrorSchema } from '../result.js';
import { IdSchema } from '../tickets/schema.js';

/**
 * Phone commands (issue 14): the workstation tells the phone system what the
 * agent does (answer, hold, resume, hang up, dial, ready / not ready / after-
 * call work) by POSTing one JSON command to a call-control connector the
 * admin configures: a PBX or softphone connector on this PC or the LAN. The
 * events the phone system sends back keep their own format (CallEventSchema);
 * `callId` means the phone system's call id in both. README "Call events
 * (CTI)" documents both formats.
 */

export const PHONE_COMMAND_VERSION = 1;
/** How long a command may take before the agent is told the phone system did not answer. */
export const PHONE_COMMAND_TIMEOUT_MS = 3_000;

// ------------------------------------------------------------ the connector

/** 127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16 (link-local), 100.64/10 (carrier-grade NAT, used on some LANs). */
function ipv4Kind(host: string): 'loopback' | 'private' | 'public' | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((n) => n > 255)) return null;
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  return 'public';
}

/** ::1, fc00::/7 (unique local), fe80::/10 (link-local); URL hosts come in brackets. */
function ipv6Kind(host: string): 'loopback' | 'private' | 'public' | null {
  if (!host.startsWith('[') || !host.endsWith(']')) return null;
  const h = host.slice(1, -1).toLowerCase();
  if (h === '::1') return 'loopback';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(h)?.[1];
  if (mapped) return ipv4Kind(mapped);
  if (/^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h)) return 'private';
  return 'public';
}

/**
 * Where a connector may be: this PC (loopback, `localhost`) or an address of
 * a private LAN range. Other host names are refused: what they resolve to
 * cannot be checked when the admin saves, and commands name the agent and
 * the customer's number.
 */
export function connectorHostKind(hostname: string): 'loopback' | 'private' | 'public' | 'name' {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return 'loopback';
  return ipv4Kind(host) ?? ipv6Kind(host) ?? 'name';
}

function issue(ctx: z.RefinementCtx, code: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: { code } });
}

export const ConnectorUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return issue(ctx, 'url_invalid', 'Not a URL: write it as http://192.168.1.20:8080/commands');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return issue(ctx, 'url_scheme', `Only http:// or https:// connectors (not ${url.protocol})`);
    if (url.username || url.password) return issue(ctx, 'url_credentials', 'Put no user or password in the URL; the token goes in its own field');
    if (url.hash) return issue(ctx, 'url_fragment', 'A connector URL has no #fragment');
    const kind = connectorHostKind(url.hostname);
    if (kind === 'name') return issue(ctx, 'url_host_name', `Use the connector's IP address on the LAN (or 127.0.0.1), not the name ${url.hostname}`);
    if (kind === 'public') return issue(ctx, 'url_host_public', `${url.hostname} is not on this PC or a private LAN range (10.x, 172.16-31.x, 192.168.x, 127.x)`);
  });

/** The token the connector checks: printable ASCII without spaces, as a bearer token must be. */
export const ConnectorTokenSchema = z
  .string()
  .min(16, 'A connector token has at least 16 characters')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'A token is printable characters without spaces');

/** The PC's seat on the phone system (its extension), sent with every command; optional. */
export const SeatSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9A-Za-z*#._-]*$/, 'A seat is an extension: digits, letters, * # . _ -');

/**
 * `cti:setConnector`: the URL and seat are saved; `token` replaces the stored
 * one, left out keeps it (it is never sent back to be edited). A first save
 * must carry a token.
 */
export const ConnectorInputSchema = z.strictObject({
  url: ConnectorUrlSchema,
  seat: SeatSchema.optional(),
  token: ConnectorTokenSchema.optional(),
});
export type ConnectorInput = z.infer<typeof ConnectorInputSchema>;

/** What the admin screen shows: never the token itself. */
export const ConnectorInfoSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  seat: z.string().nullable(),
  tokenSet: z.boolean(),
  /** false: this PC has no safe place for the token; it is kept in memory until the app closes */
  tokenPersisted: z.boolean(),
});
export type ConnectorInfo = z.infer<typeof ConnectorInfoSchema>;

// ------------------------------------------------------------ the commands

export const PHONE_STATES = ['ready', 'not_ready', 'after_call_work'] as const;
export const CALL_COMMANDS = ['answer', 'hold', 'resume', 'hangup'] as const;
export type CallCommandName = (typeof CALL_COMMANDS)[number];

const header = {
  v: z.literal(PHONE_COMMAND_VERSION),
  /** unique per command: a connector that sees one twice (a retry after a lost answer) acts once */
  commandId: z.string().min(1).max(64),
  /** the signed-in agent's username */
  agent: z.string().min(1).max(64),
  seat: z.string().max(32).nullable(),
  /** when the agent acted, ISO with offset */
  at: z.iso.datetime({ offset: true }),
};

const callCommand = <C extends CallCommandName>(command: C) =>
  z.strictObject({
    ...header,
    command: z.literal(command),
    /** the phone system's call id (the events' `callId`); null for a call it never reported */
    callId: z.string().max(64).nullable(),
    /** the workstation's id of the call */
    deskCallId: z.string().min(1).max(64),
    number: z.string().max(60),
  });

/** One command as the connector receives it (the reference connector in tests/support checks every body with this). */
export const PhoneCommandSchema = z.discriminatedUnion('command', [
  callCommand('answer'),
  callCommand('hold'),
  callCommand('resume'),
  callCommand('hangup'),
  z.strictObject({
    ...header,
    command: z.literal('dial'),
    /** the number as the agent dialled it, after the ticket form's rule (digits, +, extension) */
    number: z.string().min(1).max(60),
    /** the workstation's id the call will have: later events may name it */
    deskCallId: z.string().min(1).max(64),
    /** the promised callback this call keeps, if any */
    callbackId: z.string().max(64).nullable(),
  }),
  z.strictObject({
    ...header,
    command: z.literal('state'),
    state: z.enum(PHONE_STATES),
    /** not_ready: the reason code (console configuration) and its label */
    reason: z.string().max(32).nullable(),
    reasonLabel: z.string().max(40).nullable(),
  }),
]);
export type PhoneCommand = z.infer<typeof PhoneCommandSchema>;

/**
 * A connector's answer: any 2xx is an acknowledgement; its JSON body may give
 * the phone system's id of a dialled call. `{"ok":false,...}` even with 200
 * is a refusal, as is every other status.
 */
export const PhoneAckSchema = z.looseObject({
  ok: z.boolean().optional(),
  callId: z.string().min(1).max(64).optional(),
  error: z.looseObject({ code: z.string().max(64).optional(), message: z.string().max(500).optional() }).optional(),
});
export type PhoneAck = z.infer<typeof PhoneAckSchema>;

/** calls:hangup: `localOnly` ends the record on this PC when the phone system cannot be told (the call already ended there). */
export const HangupSchema = z.strictObject({ id: IdSchema, localOnly: z.boolean().optional() });

/** Pushed when a command that follows an action failed after the action itself was kept (e.g. after-call work after a hang-up). */
export const PhoneProblemSchema = z.object({
  command: z.string(),
  /** for a state command: which state the phone system was not told */
  state: z.enum(PHONE_STATES).nullable(),
  error: AppErrorSchema,
});
export type PhoneProblem = z.infer<typeof PhoneProblemSchema>;
