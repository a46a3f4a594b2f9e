import { z } from 'zod';
import { PulledRowSchema } from '../sync/protocol.js';
import { CustomerSchema } from '../customers/schema.js';
import { TicketHistoryEntrySchema, TicketSchema } from '../tickets/schema.js';

/**
 * Archiving (issue 18 point 3): closed tickets older than an admin-set age
 * leave this PC's database once the server holds them, with their history,
 * notes, hand-offs, follow-ups, work orders, call links and reviews. The PC
 * keeps a one-line record of each (archived_tickets) so search and
 * screen-pop can say "older tickets on the server" and fetch one on demand.
 */

/** Kept as the synced, admin-only `setting` row `archive`, so every PC of a center keeps the same horizon. */
export const ArchiveConfigSchema = z.strictObject({
  /** off: nothing leaves any PC */
  enabled: z.boolean(),
  /** a ticket closed at least this many months ago may leave the PC (default 12) */
  afterMonths: z.number().int().min(1).max(120),
  /** tickets removed per step of the background job: each step is one short write */
  batchSize: z.number().int().min(1).max(1_000),
});
export type ArchiveConfig = z.infer<typeof ArchiveConfigSchema>;
export const ArchiveConfigPatchSchema = ArchiveConfigSchema.partial().strict();
export type ArchiveConfigPatch = z.infer<typeof ArchiveConfigPatchSchema>;

export const DEFAULT_ARCHIVE_CONFIG: ArchiveConfig = { enabled: true, afterMonths: 12, batchSize: 100 };

/** One archived ticket as the PC remembers it: enough to say it exists and fetch it. */
export const ArchivedTicketSchema = z.object({
  id: z.string(),
  no: z.string(),
  subject: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  closedAt: z.string(),
  archivedAt: z.string(),
});
export type ArchivedTicket = z.infer<typeof ArchivedTicketSchema>;

/** Why the job does not archive now (status), or null when it may. */
export const ARCHIVE_BLOCKERS = ['disabled', 'no_server', 'signed_out', 'never_synced'] as const;
export const ArchiveBlockerSchema = z.enum(ARCHIVE_BLOCKERS);
export type ArchiveBlocker = z.infer<typeof ArchiveBlockerSchema>;

export const ArchiveStatusSchema = z.object({
  config: ArchiveConfigSchema,
  /** null: the job may run; otherwise why it does not */
  blocked: ArchiveBlockerSchema.nullable(),
  /** tickets closed before this moment may have left the PC (null: none has) */
  horizon: z.string().nullable(),
  archived: z.number().int(),
  /** closed tickets old enough now (still here: pending sync, or not yet run) */
  eligible: z.number().int(),
  lastRunAt: z.string().nullable(),
});
export type ArchiveStatus = z.infer<typeof ArchiveStatusSchema>;

export const ArchiveRunSchema = z.object({
  archived: z.number().int(),
  /** old enough but kept: changes not yet on the server, or the server does not hold them */
  kept: z.number().int(),
  blocked: ArchiveBlockerSchema.nullable(),
  horizon: z.string().nullable(),
});
export type ArchiveRun = z.infer<typeof ArchiveRunSchema>;

/** Search or screen-pop: which archived tickets match (by text, or the caller's customer). */
export const ArchiveHintQuerySchema = z
  .strictObject({
    q: z.string().trim().min(1).max(100).optional(),
    customerId: z.string().trim().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .refine((v) => v.q !== undefined || v.customerId !== undefined, { message: 'Give q (search text) or customerId', path: ['q'] });

export const ArchiveHintSchema = z.object({
  total: z.number().int(),
  items: z.array(ArchivedTicketSchema),
  horizon: z.string().nullable(),
});
export type ArchiveHint = z.infer<typeof ArchiveHintSchema>;

/** An archived ticket fetched from the server for reading (not kept on the PC). */
export const ArchivedTicketViewSchema = z.object({
  ticket: TicketSchema,
  customer: CustomerSchema,
  history: z.array(TicketHistoryEntrySchema),
  notes: z.array(z.object({ id: z.string(), authorId: z.string(), body: z.string(), at: z.string() })),
  calls: z.number().int(),
  fetchedAt: z.string(),
});
export type ArchivedTicketView = z.infer<typeof ArchivedTicketViewSchema>;

/** What the PC holds for reports: figures before `horizon` are incomplete. */
export const ArchiveHorizonSchema = z.object({ horizon: z.string().nullable(), archived: z.number().int() });

// ------------------------------------------------------------ server routes

/** GET /sync/ticket/:id: one ticket's family as the server holds it and the caller may see. */
export const TicketFamilyParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
export const TicketFamilyResponseSchema = z.object({ rows: z.array(PulledRowSchema) });
export type TicketFamilyResponse = z.infer<typeof TicketFamilyResponseSchema>;

/** POST /sync/tickets/held: which of these tickets the server holds, closed, with how many records. */
export const HeldRequestSchema = z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(1_000) });
export const HeldTicketSchema = z.object({ id: z.string(), status: z.string(), closedAt: z.string().nullable(), records: z.number().int() });
export const HeldResponseSchema = z.object({ tickets: z.array(HeldTicketSchema) });
export type HeldTicket = z.infer<typeof HeldTicketSchema>;
