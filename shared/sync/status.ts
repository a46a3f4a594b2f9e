import { z } from 'zod';
import { EntityNameSchema } from './entities.js';
import { PulledRowSchema, RowChangeSchema, SessionUserSchema } from './protocol.js';

/**
 * What the workstation knows about its sync, for the always-visible sync
 * indicator, the CLI's `sync status` and the `sync:status` event.
 *
 * state:
 * - `signed_out`: no server configured on this PC (standalone);
 * - `offline`: the server is not reachable (retrying with backoff);
 * - `syncing`: a round is running;
 * - `idle`: up to date as of `lastSyncedAt`, waiting for local changes or a poke;
 * - `paused`: the user paused sync;
 * - `auth_required`: the token expired or was revoked: sign in again (nothing is lost).
 */
export const SYNC_STATES = ['signed_out', 'offline', 'syncing', 'idle', 'paused', 'auth_required'] as const;
export const SyncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncStateSchema>;

export const SyncStatusSchema = z.object({
  state: SyncStateSchema,
  server: z.string().nullable(),
  user: SessionUserSchema.nullable(),
  /** local changes not yet acknowledged by the server */
  pending: z.number().int(),
  /** rejected or conflicting changes waiting for the user */
  problems: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  /** last failure, for the tooltip: code and message */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** the live poke stream is connected */
  live: z.boolean(),
  cursor: z.number().int(),
  /** when the next automatic retry is due, while offline */
  nextRetryAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SyncRoundSchema = z.object({ pushed: z.number().int(), pulled: z.number().int(), pending: z.number().int(), problems: z.number().int() });
export type SyncRound = z.infer<typeof SyncRoundSchema>;

export const SyncProblemSchema = z.object({
  id: z.number().int(),
  mutationId: z.number().int(),
  /** contract channel of the local change, e.g. `tickets:transition` */
  name: z.string(),
  entity: EntityNameSchema,
  entityId: z.string(),
  /** rejected: not applied at all; conflict: applied, but some fields lost to newer edits */
  kind: z.enum(['rejected', 'conflict']),
  code: z.string(),
  message: z.string(),
  /** what this PC wrote */
  local: z.array(RowChangeSchema),
  /** the fields that lost (conflict) */
  lostFields: z.array(z.string()),
  /** the server's rows at the time */
  server: z.array(PulledRowSchema),
  createdAt: z.string(),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

export const SyncLoginRequestSchema = z.strictObject({
  server: z
    .string()
    .trim()
    .max(300)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), { message: 'Use an http:// or https:// address', params: { code: 'invalid_url' } }),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type SyncLoginRequest = z.infer<typeof SyncLoginRequestSchema>;

/**
 * Whether signing in to `server` would send the password unencrypted across
 * a network: a plain http:// address of anything but this PC itself
 * (loopback). The sign-in dialog warns and asks before it does.
 */
export function sendsPasswordInClear(server: string): boolean {
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1';
  return !loopback;
}

export const SyncResolveRequestSchema = z.strictObject({ id: z.number().int().positive(), action: z.enum(['retry', 'discard']) });
export type SyncResolveRequest = z.infer<typeof SyncResolveRequestSchema>;
