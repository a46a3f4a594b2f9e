import { z } from 'zod';

/** What `doctor` and the `store:status` channel report about the data folder. */
export const StoreReportSchema = z.object({
  dataDir: z.string(),
  healthy: z.boolean(),
  integrity: z.string(),
  snapshot: z.object({
    file: z.string(),
    bytes: z.number(),
    /** journal sequence number folded into the snapshot */
    seq: z.number(),
    /** 'current' normally; 'previous' when the current snapshot was damaged and we fell back */
    source: z.enum(['current', 'previous', 'none']),
  }),
  journal: z.object({
    entries: z.number(),
    bytes: z.number(),
    /** a partial last line from a crash mid-write, ignored on open */
    tornTail: z.boolean(),
    replayed: z.number(),
  }),
  migrations: z.array(z.string()),
  lastCheckpointAt: z.string().nullable(),
  /** human-readable findings, e.g. "snapshot damaged, recovered from previous" */
  problems: z.array(z.string()),
  counts: z.object({ tickets: z.number(), customers: z.number(), outbox: z.number() }),
});
export type StoreReport = z.infer<typeof StoreReportSchema>;
