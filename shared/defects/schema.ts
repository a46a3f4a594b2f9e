import { z } from 'zod';
import { inputText } from '../bidi.js';
import { IdSchema, LIMITS, SeveritySchema } from '../tickets/schema.js';
import { DEFECT_STATUSES } from './rules.js';

export const DefectStatusSchema = z.enum(DEFECT_STATUSES);

const fields = {
  title: inputText().min(1).max(200),
  product: inputText().min(1).max(LIMITS.product),
  version: inputText().min(1).max(60),
  steps: inputText().min(1).max(LIMITS.longText),
  severity: SeveritySchema,
  /** the development tracker's reference (e.g. JIRA-1234); empty: not filed there yet */
  trackerRef: inputText().max(100).nullable().optional(),
};

/** Flags a ticket as a new defect. */
export const DefectFlagSchema = z.strictObject({ ticketId: IdSchema, ...fields });
export type DefectFlag = z.infer<typeof DefectFlagSchema>;

export const DefectUpdateSchema = z.strictObject({
  id: IdSchema,
  title: fields.title.optional(),
  product: fields.product.optional(),
  version: fields.version.optional(),
  steps: fields.steps.optional(),
  severity: fields.severity.optional(),
  trackerRef: fields.trackerRef,
});
export type DefectUpdate = z.infer<typeof DefectUpdateSchema>;

export const DefectStatusChangeSchema = z.strictObject({
  id: IdSchema,
  status: DefectStatusSchema,
  note: inputText().max(LIMITS.note).optional(),
});

export const DefectSchema = z.object({
  id: z.string(),
  title: z.string(),
  product: z.string(),
  version: z.string(),
  steps: z.string(),
  severity: SeveritySchema,
  trackerRef: z.string().nullable(),
  status: DefectStatusSchema,
  statusBy: z.string(),
  statusAt: z.string(),
  statusNote: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** tickets linked to it that this PC knows of */
  ticketCount: z.number().int(),
});
export type Defect = z.infer<typeof DefectSchema>;

export const DefectTicketSchema = z.object({
  linkId: z.string(),
  ticketId: z.string(),
  no: z.string(),
  subject: z.string(),
  status: z.string(),
  ownerId: z.string(),
  team: z.string().nullable(),
  linkedBy: z.string(),
  linkedAt: z.string(),
  ownerNotedAt: z.string().nullable(),
});
export type DefectTicket = z.infer<typeof DefectTicketSchema>;

export const DefectDetailSchema = DefectSchema.extend({ tickets: z.array(DefectTicketSchema) });
export type DefectDetail = z.infer<typeof DefectDetailSchema>;

export const DefectListQuerySchema = z.strictObject({
  /** `open`: open and in progress */
  status: z.enum(['open', 'in_progress', 'fixed', 'wont_fix', 'unresolved', 'all']).default('unresolved'),
  product: inputText().max(LIMITS.product).optional(),
  limit: z.number().int().min(1).max(1000).default(300),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
/** An optional range of days (flagged within it), as the reports take them. */
export const DefectRangeSchema = z
  .strictObject({ from: day.optional(), to: day.optional() })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  });
export type DefectRange = z.infer<typeof DefectRangeSchema>;

export const DefectsByProductSchema = z.array(
  z.object({ product: z.string(), open: z.number().int(), inProgress: z.number().int(), total: z.number().int(), tickets: z.number().int() }),
);
export type DefectsByProduct = z.infer<typeof DefectsByProductSchema>;

/** A fixed defect the owner of a linked ticket is still to be told about. */
export const DefectNoticeSchema = z.object({
  linkId: z.string(),
  defectId: z.string(),
  title: z.string(),
  product: z.string(),
  version: z.string(),
  trackerRef: z.string().nullable(),
  statusAt: z.string(),
  statusBy: z.string(),
  statusNote: z.string().nullable(),
  ticketId: z.string(),
  ticketNo: z.string(),
  subject: z.string(),
});
export type DefectNotice = z.infer<typeof DefectNoticeSchema>;

export const TicketDefectsSchema = z.array(DefectSchema);
