import { z } from 'zod';
import { ArchiveConfigPatchSchema, ArchiveConfigSchema, ArchiveHintQuerySchema, ArchiveHintSchema, ArchiveHorizonSchema, ArchiveRunSchema, ArchiveStatusSchema, ArchivedTicketViewSchema } from './schema.js';

const Empty = z.strictObject({});

/** Archiving's channels (issue 18 point 3); shared/contract.ts merges them. */
export const archiveChannels = {
  'archive:status': { owner: 'core', request: Empty, result: ArchiveStatusSchema },
  /** one pass of the job now (it also runs by itself in the background; the same rules either way) */
  'archive:run': { owner: 'core', request: Empty, result: ArchiveRunSchema },
  'archive:config': { owner: 'core', request: Empty, result: ArchiveConfigSchema },
  /** admin only */
  'archive:setConfig': { owner: 'core', request: ArchiveConfigPatchSchema, result: ArchiveConfigSchema },
  /** search and screen-pop: archived tickets matching the text or the caller */
  'archive:hint': { owner: 'core', request: ArchiveHintQuerySchema, result: ArchiveHintSchema },
  /** one archived ticket fetched from the server for reading; SYNC_OFFLINE when it cannot be reached */
  'archive:fetch': { owner: 'core', request: z.strictObject({ id: z.string().trim().min(1).max(64) }), result: ArchivedTicketViewSchema },
  /** what the PC holds, for reports over old periods */
  'archive:horizon': { owner: 'core', request: Empty, result: ArchiveHorizonSchema },
} as const;
