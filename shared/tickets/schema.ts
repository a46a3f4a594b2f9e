import { z } from 'zod';
import { inputText } from '../bidi.js';
import { CustomerInputSchema, CustomerSchema } from '../customers/schema.js';
import { TICKET_STATUSES } from './stateMachine.js';

export const CATEGORIES = ['consult', 'complaint', 'fault', 'change', 'suggestion', 'activation'] as const;
export const SEVERITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const CHANNELS = ['phone', 'email', 'chat', 'forum', 'fax', 'walkin'] as const;

export const CategorySchema = z.enum(CATEGORIES);
export const SeveritySchema = z.enum(SEVERITIES);
export const ChannelSchema = z.enum(CHANNELS);
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type Category = z.infer<typeof CategorySchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type Channel = z.infer<typeof ChannelSchema>;

export const LIMITS = {
  subject: 200,
  description: 20_000,
  longText: 20_000,
  product: 100,
  deviceModel: 100,
  id: 64,
  team: 64,
  note: 2_000,
} as const;

export const IdSchema = inputText().min(1).max(LIMITS.id);
const optionalText = (max: number) => inputText().max(max).optional();

/** Fields an agent edits; shared by create and update. */
const editable = {
  subject: inputText().min(1).max(LIMITS.subject),
  description: inputText().min(1).max(LIMITS.description),
  category: CategorySchema,
  severity: SeveritySchema,
  channel: ChannelSchema,
  product: optionalText(LIMITS.product),
  deviceModel: optionalText(LIMITS.deviceModel),
  assigneeId: IdSchema.optional(),
  team: optionalText(LIMITS.team),
  stepsTaken: optionalText(LIMITS.longText),
  resolution: optionalText(LIMITS.longText),
};

/**
 * The one ticket input: IPC `tickets:create` and the CLI's `--json` both parse it.
 * Exactly one of `customerId` (an existing customer) or `customer` (matched by
 * normalised phone number, or created) must be given.
 */
export const TicketInputSchema = z
  .strictObject({
    ...editable,
    customerId: IdSchema.optional(),
    customer: CustomerInputSchema.optional(),
    /** knowledge-base articles used to answer: linked (and their usage counted) in the same transaction */
    articleIds: z.array(IdSchema).max(20).optional(),
    /** the call this ticket registers: linked in the same transaction */
    callId: IdSchema.optional(),
    /** the form's autosaved draft (drafts:save key), discarded in the same transaction */
    draftKey: inputText().min(1).max(80).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.customerId && !v.customer) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'Give either customerId or customer {name, phone}', params: { code: 'customer_required' } });
    }
    if (v.customerId && v.customer) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'Give customerId or customer, not both', params: { code: 'customer_ambiguous' } });
    }
  });
export type TicketInput = z.infer<typeof TicketInputSchema>;

/** Changed fields only; status changes go through `tickets:transition`. */
export const TicketChangesSchema = z
  .strictObject({
    subject: editable.subject.optional(),
    description: editable.description.optional(),
    category: CategorySchema.optional(),
    severity: SeveritySchema.optional(),
    channel: ChannelSchema.optional(),
    // null clears an optional field
    product: inputText().max(LIMITS.product).nullable().optional(),
    deviceModel: inputText().max(LIMITS.deviceModel).nullable().optional(),
    assigneeId: IdSchema.nullable().optional(),
    team: inputText().max(LIMITS.team).nullable().optional(),
    stepsTaken: inputText().max(LIMITS.longText).nullable().optional(),
    resolution: inputText().max(LIMITS.longText).nullable().optional(),
    customerId: IdSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'No fields to change', params: { code: 'no_changes' } });
export type TicketChanges = z.infer<typeof TicketChangesSchema>;

export const TicketUpdateSchema = z.strictObject({ id: IdSchema, changes: TicketChangesSchema });
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;

export const TicketTransitionSchema = z.strictObject({
  id: IdSchema,
  to: TicketStatusSchema,
  note: inputText().max(LIMITS.note).optional(),
  /** may be given with `to: 'resolved'` to record the resolution in the same step */
  resolution: inputText().min(1).max(LIMITS.longText).optional(),
});
export type TicketTransition = z.infer<typeof TicketTransitionSchema>;

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const TicketListQuerySchema = z.strictObject({
  status: z.array(TicketStatusSchema).max(TICKET_STATUSES.length).optional(),
  assigneeId: IdSchema.optional(),
  category: z.array(CategorySchema).optional(),
  severity: z.array(SeveritySchema).optional(),
  /** text in subject, description, customer name, organisation or phone */
  q: inputText().max(100).optional(),
  /** created at or after (ISO date or date-time) */
  createdFrom: isoDate.optional(),
  /** created before (ISO date-time), or on or before (ISO date) */
  createdTo: isoDate.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type TicketListQuery = z.input<typeof TicketListQuerySchema>;

export const TicketSchema = z.object({
  id: z.string(),
  /** the number agents read to callers: digits in groups of four, e.g. 2611-2438-1755-2093 (shared/tickets/ticketNo.ts; older ones GD20261124-7K3Q9M) */
  no: z.string(),
  status: TicketStatusSchema,
  subject: z.string(),
  description: z.string(),
  category: CategorySchema,
  severity: SeveritySchema,
  channel: ChannelSchema,
  product: z.string().nullable(),
  deviceModel: z.string().nullable(),
  assigneeId: z.string().nullable(),
  team: z.string().nullable(),
  stepsTaken: z.string().nullable(),
  resolution: z.string().nullable(),
  customerId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

// ---------------------------------------------------------------------- SLA

export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'paused'] as const;
export const SlaClockSchema = z.object({
  state: z.enum(SLA_STATES),
  /** when it breaches (or breached); null while paused with no due time */
  dueAt: z.string().nullable(),
  /** business milliseconds left (negative: overdue); null once met */
  remainingMs: z.number().nullable(),
});
export type SlaClock = z.infer<typeof SlaClockSchema>;

/** A ticket's clocks at a moment (shared/desk/sla.ts computes it from the ticket and its history). */
export const TicketSlaSchema = z.object({
  firstResponse: SlaClockSchema,
  resolution: SlaClockSchema,
  /** the 4-hour rule: a progress contact is owed and not yet recorded */
  contactOwed: z.boolean(),
  /** when the 4-hour rule falls due (created + fourHourRuleMinutes) */
  contactDueAt: z.string(),
  lastContactAt: z.string().nullable(),
});
export type TicketSla = z.infer<typeof TicketSlaSchema>;

export const TicketSummarySchema = TicketSchema.omit({ description: true, stepsTaken: true, resolution: true }).extend({
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  /** the SLA clocks at the time of the answer, for open tickets and where asked (countdown badges) */
  sla: TicketSlaSchema.optional(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const HistoryChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });
/**
 * created / updated / transition: the ticket's own fields; contact: a recorded
 * progress contact with the customer (the 4-hour rule); handoff_answered:
 * second line's (or the department's) answer to a hand-off; call_linked: a
 * call was linked; follow_up: the 回访 result.
 */
export const HISTORY_ACTIONS = ['created', 'updated', 'transition', 'contact', 'handoff_answered', 'call_linked', 'follow_up'] as const;
export const TicketHistoryEntrySchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  at: z.string(),
  actorId: z.string(),
  action: z.enum(HISTORY_ACTIONS),
  changes: z.record(z.string(), HistoryChangeSchema),
  note: z.string().nullable(),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntrySchema>;

export const TicketDetailSchema = z.object({
  ticket: TicketSchema,
  customer: CustomerSchema,
  history: z.array(TicketHistoryEntrySchema),
  /** the SLA clocks at the time of the answer (open tickets): the detail header's countdown */
  sla: TicketSlaSchema.optional(),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const TicketPageSchema = z.object({
  items: z.array(TicketSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type TicketPage = z.infer<typeof TicketPageSchema>;
