import { z } from 'zod';
import { RoleSchema } from '../roles.js';
import { storableText } from '../text.js';
import { EntityNameSchema, ISO_TIMESTAMP } from './entities.js';

export { ROLES, RoleSchema, type Role } from '../roles.js';

/**
 * The sync protocol between a workstation (electron/core/sync, the CLI) and
 * the server (server/). Modelled on Replicache's push/pull: the client pushes
 * its queued mutations, each applied exactly once by (clientId, mutationId);
 * it pulls every row changed since its cursor (a global sequence number); a
 * live stream pokes it when there is something new.
 *
 * HTTP routes (all JSON, all but /health and /auth/login need
 * `Authorization: Bearer <token>`):
 *   GET  /health                      -> { ok: true }
 *   POST /auth/login    LoginRequest  -> LoginResponse      (rate-limited)
 *   POST /auth/logout                 -> { ok: true }       (revokes the token)
 *   GET  /auth/me                     -> SessionUser
 *   POST /sync/push     PushRequest   -> PushResponse
 *   GET  /sync/pull?cursor=N&limit=M  -> PullResponse
 *   GET  /sync/bulk?cursor=N          -> NDJSON stream: one PulledRow per line, then one BulkEnd line
 *   GET  /sync/events                 -> text/event-stream of `poke` and `presence` events
 *   POST /presence      PresenceUpdate -> { ok: true }
 *   POST /auth/password ChangePassword -> LoginResponse    (rate-limited; the old password required; issue 16)
 *   GET  /users  POST /users  PATCH /users/:id  (admin)
 *   POST /users/:id/reset-password  ResetPassword -> ResetPasswordResponse  (admin; issue 16)
 *   GET  /audit?limit=N  (admin)
 * Errors: 4xx/5xx with ErrorBody `{ error: { code, message } }`.
 */


export const USERNAME = /^[A-Za-z0-9_.@-]{1,64}$/;
export const UsernameSchema = z.string().regex(USERNAME, 'Letters, digits and _ . @ - only, at most 64');
export const PasswordSchema = z.string().min(8, 'At least 8 characters').max(200);
export const TeamSchema = storableText(64).trim().min(1);

export const SessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  team: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginRequestSchema = z.strictObject({ username: UsernameSchema, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: SessionUserSchema });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: PasswordSchema,
  role: RoleSchema,
  team: TeamSchema.nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;
export const UpdateUserRequestSchema = z
  .strictObject({ password: PasswordSchema.optional(), role: RoleSchema.optional(), team: TeamSchema.nullable().optional(), disabled: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'No fields to change' });
export const UserSchema = SessionUserSchema.extend({ disabled: z.boolean(), createdAt: z.string(), mustChangePassword: z.boolean().default(false) });
export type User = z.infer<typeof UserSchema>;

// ---- accounts (issue 16 point 1)
/** Anyone's own password, the old one required; also the only way past an admin's reset. */
export const ChangePasswordRequestSchema = z.strictObject({ username: UsernameSchema, oldPassword: z.string().min(1).max(200), newPassword: PasswordSchema });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
/** An admin's reset: a temporary password (given, or generated and answered once) that must be changed at the next sign-in. */
export const ResetPasswordRequestSchema = z.strictObject({ temporaryPassword: PasswordSchema.optional() });
export const ResetPasswordResponseSchema = z.object({ user: UserSchema, temporaryPassword: z.string() });
export type ResetPasswordResponse = z.infer<typeof ResetPasswordResponseSchema>;

/**
 * GET /directory (any signed-in user): the people a ticket can be assigned to
 * and the teams it can go to (issue 14: assignees and hand-offs are picked,
 * never typed). Disabled users are left out. The server keeps no display
 * names, so a user's username stands in for one.
 */
export const DirectoryPersonSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  team: z.string().nullable(),
  // ---- issue 16 point 1: from the person's agent profile, for the pickers (absent: no profile)
  seat: z.string().nullable().optional(),
  /** skill names (not codes), in the profile's order */
  skills: z.array(z.string()).optional(),
});
export type DirectoryPerson = z.infer<typeof DirectoryPersonSchema>;
export const DirectoryResponseSchema = z.object({ people: z.array(DirectoryPersonSchema) });
export type DirectoryResponse = z.infer<typeof DirectoryResponseSchema>;

/** Client ids are the data folder's HLC node id. */
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_]{1,32}$/);
export const HlcSchema = z.string().regex(/^\d{15}-[0-9a-f]{4}-[A-Za-z0-9_]{1,32}$/);

/**
 * One row written by a mutation. For an `lww` entity `values` holds only the
 * fields the mutation wrote (all of them when it created the row); for an
 * `append` entity the whole record.
 */
export const RowChangeSchema = z.strictObject({
  entity: EntityNameSchema,
  id: storableText(200).min(1),
  values: z.record(storableText(64), z.unknown()),
});
export type RowChange = z.infer<typeof RowChangeSchema>;

export const MutationSchema = z.strictObject({
  /** monotonic per client (the local outbox id) */
  mutationId: z.number().int().positive(),
  /** the contract channel that caused it, e.g. `tickets:transition` */
  name: z.string().regex(/^[a-z_]+:[a-zA-Z_]+$/).max(64),
  args: z.strictObject({ changes: z.array(RowChangeSchema).min(1).max(200) }),
  hlc: HlcSchema,
});
export type Mutation = z.infer<typeof MutationSchema>;

export const MAX_PUSH_MUTATIONS = 500;
/** bytes; a larger request body is answered 413 */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

export const PushRequestSchema = z.strictObject({
  clientId: ClientIdSchema,
  mutations: z.array(MutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** A row as the server holds it: the full current values and per-field clocks. */
export const PulledRowSchema = z.object({
  entity: EntityNameSchema,
  id: z.string(),
  values: z.record(z.string(), z.unknown()),
  fieldHlc: z.record(z.string(), z.string()),
  seq: z.number().int().positive(),
});
export type PulledRow = z.infer<typeof PulledRowSchema>;

export const MutationResultSchema = z.discriminatedUnion('status', [
  z.object({ mutationId: z.number().int(), status: z.literal('applied'), seq: z.number().int() }),
  z.object({ mutationId: z.number().int(), status: z.literal('duplicate') }),
  /** applied, but some fields lost to newer writes: `current` holds the server's rows */
  z.object({
    mutationId: z.number().int(),
    status: z.literal('conflict'),
    seq: z.number().int().nullable(),
    lost: z.array(z.object({ entity: EntityNameSchema, id: z.string(), fields: z.array(z.string()) })),
    current: z.array(PulledRowSchema),
  }),
  z.object({ mutationId: z.number().int(), status: z.literal('rejected'), error: z.object({ code: z.string(), message: z.string() }), current: z.array(PulledRowSchema) }),
]);
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(MutationResultSchema), seq: z.number().int() });
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const MAX_PULL_LIMIT = 5000;
export const PullQuerySchema = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
});
export const PullResponseSchema = z.object({
  rows: z.array(PulledRowSchema),
  /** pass back as `cursor` next time */
  cursor: z.number().int(),
  /** more rows are waiting: pull again at once */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Last line of a /sync/bulk stream. */
export const BulkEndSchema = z.object({ end: z.literal(true), cursor: z.number().int(), rows: z.number().int() });

export const AGENT_STATES = ['offline', 'ready', 'on_call', 'after_call', 'not_ready'] as const;
export const PresenceUpdateSchema = z.strictObject({
  state: z.enum(AGENT_STATES),
  reason: storableText(64).nullable().optional(),
  since: z.string().max(40).regex(ISO_TIMESTAMP, 'An ISO 8601 date and time with its zone'),
});
export const PresenceSchema = z.object({ userId: z.string(), username: z.string(), team: z.string().nullable(), state: z.enum(AGENT_STATES), reason: z.string().nullable(), since: z.string(), seenAt: z.string() });
export type Presence = z.infer<typeof PresenceSchema>;

/** Server-sent events on /sync/events. */
export const PokeEventSchema = z.object({ seq: z.number().int() });
export const PresenceEventSchema = z.object({ agents: z.array(PresenceSchema) });

export const SERVER_ERROR_CODES = [
  'BAD_REQUEST',
  /** issue 16: the user's password was reset; only POST /auth/password signs them in */
  'PASSWORD_CHANGE_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'CONFLICT',
  /** a push with a client id another user pushes with */
  'CLIENT_ID_TAKEN',
  /** the server requires HTTPS (--require-https-proxy) and the request came in plain */
  'HTTPS_REQUIRED',
  'INTERNAL',
] as const;
export const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
