import { z } from 'zod';
import { EventEnvelopeSchema, RequestEnvelopeSchema, ResponseEnvelopeSchema } from '../../shared/contract.js';
import { AppErrorSchema } from '../../shared/result.js';
import { SecretNameSchema, SecretValueSchema } from './desk/secrets.js';
import { StoredSessionSchema } from './sync/session.js';

/**
 * Messages between CoreWorkerClient (host thread) and worker.ts (the core's
 * thread). Contract traffic uses the contract's envelopes unchanged; the few
 * control messages (ready, init-error, close, closed) are defined here.
 */

/**
 * CoreOptions minus what cannot cross a thread (`now` is a function).
 * Checked in the worker: workerData is a boundary like any other.
 */
export const WorkerCoreOptionsSchema = z.strictObject({
  dataDir: z.string().min(1),
  actorId: z.string().min(1).max(64),
  checkpointEvery: z.number().int().positive().optional(),
  idleCheckpointMs: z.number().int().nonnegative().optional(),
  /** the host keeps the sign-in session (Electron safeStorage, the preview's file): ask it over the port */
  hostTokenStore: z.boolean().optional(),
  /** the host keeps this PC's other secrets (the call-control connector's token) the same way */
  hostSecretStore: z.boolean().optional(),
  sync: z.strictObject({ autoStart: z.boolean().optional() }).optional(),
  /** the local call-event endpoint (CTI): 127.0.0.1 only */
  cti: z.union([z.literal(false), z.strictObject({ port: z.number().int().min(0).max(65_535), host: z.string().min(1).max(64).optional() })]).optional(),
  reminderIntervalMs: z.number().int().nonnegative().optional(),
  /** archiving (issue 18 point 3): how often the job runs; absent or 0: only when asked */
  archiveIntervalMs: z.number().int().nonnegative().optional(),
  /** hosts that serve a renderer: nothing but sign-in answers until an agent signs in */
  requireSignIn: z.boolean().optional(),
});
export type WorkerCoreOptions = z.infer<typeof WorkerCoreOptionsSchema>;

export const WorkerDataSchema = z.object({
  options: WorkerCoreOptionsSchema,
  /** set only in source mode: the .ts entry the tsx bootstrap imports */
  entry: z.string().optional(),
});
export type WorkerData = z.infer<typeof WorkerDataSchema>;

export const CloseMessageSchema = z.strictObject({ kind: z.literal('close') });

/**
 * The core asks the host for the stored session (the token never touches the
 * data folder): load, save or clear; the host answers with the same id.
 * `notPersisted`: the host refused to store it (no safe place): the core
 * keeps the session in memory and says so in the sync status.
 */
export const TokenRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('token'), id: z.number().int().nonnegative(), op: z.literal('load') }),
  z.strictObject({ kind: z.literal('token'), id: z.number().int().nonnegative(), op: z.literal('save'), session: StoredSessionSchema }),
  z.strictObject({ kind: z.literal('token'), id: z.number().int().nonnegative(), op: z.literal('clear') }),
]);
export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export const TokenResultSchema = z.strictObject({
  kind: z.literal('token-result'),
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  session: StoredSessionSchema.nullable().optional(),
  error: z.string().optional(),
  notPersisted: z.boolean().optional(),
});
export type TokenResult = z.infer<typeof TokenResultSchema>;

/** The same for this PC's named secrets (desk/secrets.ts): never in the data folder's database. */
export const SecretRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('secret'), id: z.number().int().nonnegative(), op: z.literal('load'), name: SecretNameSchema }),
  z.strictObject({ kind: z.literal('secret'), id: z.number().int().nonnegative(), op: z.literal('save'), name: SecretNameSchema, value: SecretValueSchema }),
  z.strictObject({ kind: z.literal('secret'), id: z.number().int().nonnegative(), op: z.literal('clear'), name: SecretNameSchema }),
]);
export type SecretRequest = z.infer<typeof SecretRequestSchema>;
export const SecretResultSchema = z.strictObject({
  kind: z.literal('secret-result'),
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  value: SecretValueSchema.nullable().optional(),
  error: z.string().optional(),
  notPersisted: z.boolean().optional(),
});
export type SecretResult = z.infer<typeof SecretResultSchema>;

export const HostMessageSchema = z.discriminatedUnion('kind', [RequestEnvelopeSchema, CloseMessageSchema, TokenResultSchema, SecretResultSchema]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

export const ReadyMessageSchema = z.strictObject({ kind: z.literal('ready') });
/** openCore failed (e.g. DATA_FOLDER_IN_USE): the worker exits after sending this. */
export const InitErrorMessageSchema = z.strictObject({ kind: z.literal('init-error'), error: AppErrorSchema });
/** close finished (checkpoint written, lock released) or failed with `error`. */
export const ClosedMessageSchema = z.strictObject({ kind: z.literal('closed'), error: AppErrorSchema.optional() });
export const WorkerMessageSchema = z.union([
  z.discriminatedUnion('kind', [ResponseEnvelopeSchema, EventEnvelopeSchema, ReadyMessageSchema, InitErrorMessageSchema, ClosedMessageSchema]),
  TokenRequestSchema,
  SecretRequestSchema,
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
