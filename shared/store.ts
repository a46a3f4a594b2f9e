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
  /** the database file's pages and free pages, and its compaction (issue 18); absent from the old store design */
  space: z
    .object({
      pages: z.number(),
      freePages: z.number(),
      /** free pages are given back in small steps (SQLite's incremental vacuum); false on a database made without it */
      compactable: z.boolean(),
      /** compaction starts when free pages reach this many */
      compactAtFreePages: z.number().nullable(),
      compacting: z.boolean(),
      lastCompaction: z.object({ at: z.string(), freedPages: z.number(), steps: z.number(), ms: z.number() }).nullable(),
    })
    .optional(),
});
export type StoreReport = z.infer<typeof StoreReportSchema>;
