import { z } from 'zod';
import { EventEnvelopeSchema, RequestEnvelopeSchema, ResponseEnvelopeSchema } from '../../shared/contract.js';
import { AppErrorSchema } from '../../shared/result.js';

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
});
export type WorkerCoreOptions = z.infer<typeof WorkerCoreOptionsSchema>;

export const WorkerDataSchema = z.object({
  options: WorkerCoreOptionsSchema,
  /** set only in source mode: the .ts entry the tsx bootstrap imports */
  entry: z.string().optional(),
});
export type WorkerData = z.infer<typeof WorkerDataSchema>;

export const CloseMessageSchema = z.strictObject({ kind: z.literal('close') });
export const HostMessageSchema = z.discriminatedUnion('kind', [RequestEnvelopeSchema, CloseMessageSchema]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

export const ReadyMessageSchema = z.strictObject({ kind: z.literal('ready') });
/** openCore failed (e.g. DATA_FOLDER_IN_USE): the worker exits after sending this. */
export const InitErrorMessageSchema = z.strictObject({ kind: z.literal('init-error'), error: AppErrorSchema });
/** close finished (checkpoint written, lock released) or failed with `error`. */
export const ClosedMessageSchema = z.strictObject({ kind: z.literal('closed'), error: AppErrorSchema.optional() });
export const WorkerMessageSchema = z.discriminatedUnion('kind', [
  ResponseEnvelopeSchema,
  EventEnvelopeSchema,
  ReadyMessageSchema,
  InitErrorMessageSchema,
  ClosedMessageSchema,
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
