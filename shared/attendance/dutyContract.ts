import { z } from 'zod';
import { ExportFileSchema } from '../reports/periodReport.js';
import { DateSchema } from './schema.js';
import { DutyEntrySchema, DutyInputSchema, DutyListQuerySchema } from './duty.js';

/**
 * The duty roster's channels (issue 16 point 7); shared/contract.ts merges
 * them. Supervisors and admins keep the roster (checked in the core and by
 * the server); everyone reads it (every seat shows who is on duty tonight).
 */
export const dutyChannels = {
  /** creates (no id) or replaces an entry; answers it with its conflict flags (flags never refuse) */
  'duty:set': { owner: 'core', request: DutyInputSchema, result: DutyEntrySchema },
  'duty:list': { owner: 'core', request: DutyListQuerySchema, result: z.array(DutyEntrySchema) },
  'duty:remove': { owner: 'core', request: z.strictObject({ id: z.string().min(1).max(64) }), result: DutyEntrySchema },
  /** who is on duty now or next tonight (the seat's line, the wallboard's item), or null */
  'duty:tonight': { owner: 'core', request: z.strictObject({}), result: DutyEntrySchema.nullable() },
  /** the roster of a period as .xlsx or CSV (UTF-8 with BOM), audited like every export */
  'duty:export': {
    owner: 'core',
    request: z
      .strictObject({ from: DateSchema, to: DateSchema, format: z.enum(['xlsx', 'csv']), locale: z.enum(['zh-CN', 'en']).default('zh-CN') })
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' }),
    result: ExportFileSchema,
  },
} as const;
