import { z } from 'zod';
import { inputText } from '../bidi.js';
import { CustomerSchema } from '../customers/schema.js';
import { PhoneInputSchema } from '../customers/schema.js';
import { RoleSchema } from '../roles.js';
import { CategorySchema, ChannelSchema, IdSchema, LIMITS, SeveritySchema, TicketSlaSchema, TicketSummarySchema } from '../tickets/schema.js';
import type { TicketStatus } from '../tickets/stateMachine.js';

export { SLA_STATES, SlaClockSchema, TicketSlaSchema, type SlaClock, type TicketSla } from '../tickets/schema.js';

/**
 * The agent console's shapes (issue 5): agent accounts and state, calls,
 * screen-pop, SLA clocks, hand-offs and work orders, callbacks, follow-ups,
 * ticket drafts, "my day" and the admin's console configuration. The domain
 * rules that compute on them live beside this file (agentState.ts,
 * callTimer.ts, sla.ts, ...); the numbers are domain.md's defaults.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const note = inputText().max(LIMITS.note);
const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9_]+$/, 'Codes are lower-case letters, digits and _');
const label = inputText().min(1).max(40);

// ------------------------------------------------------------------ accounts

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,32}$/;
export const UsernameSchema = inputText().regex(USERNAME_PATTERN, 'A username is 2-32 letters, digits, _ . or -');
export const PasswordSchema = z.string().min(8, 'A password has at least 8 characters').max(128);

/** A standalone account: signs in on this PC with no server (server accounts come from sync:login). */
export const AccountInputSchema = z.strictObject({
  username: UsernameSchema,
  displayName: inputText().min(1).max(40),
  password: PasswordSchema,
  role: RoleSchema,
  team: inputText().max(LIMITS.team).optional(),
});
export type AccountInput = z.infer<typeof AccountInputSchema>;

export const AccountSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  team: z.string().nullable(),
  createdAt: z.string(),
  disabled: z.boolean(),
  /** issue 16: a reset password must be changed at the next sign-in */
  mustChangePassword: z.boolean().default(false),
});
export type Account = z.infer<typeof AccountSchema>;

export const SignInSchema = z.strictObject({ username: UsernameSchema, password: z.string().min(1).max(128) });

// ------------------------------------------------------------- agent state

export const AGENT_STATES = ['offline', 'ready', 'on_call', 'after_call', 'not_ready'] as const;
export const AgentStateNameSchema = z.enum(AGENT_STATES);
export type AgentStateName = z.infer<typeof AgentStateNameSchema>;

/** One line of the append-only agent state log (attendance and the wallboard read it). */
export const AgentStateEntrySchema = z.object({
  id: z.string(),
  agentId: z.string(),
  state: AgentStateNameSchema,
  /** not_ready reason code (config notReadyReasons); null otherwise */
  reason: z.string().nullable(),
  at: z.string(),
  /** the call that caused on_call / after_call */
  callId: z.string().nullable(),
});
export type AgentStateEntry = z.infer<typeof AgentStateEntrySchema>;

/** Who is signed in at this desk and in what state; `agent: null` means nobody. */
export const AgentSessionSchema = z.object({
  agent: z
    .object({
      username: z.string(),
      displayName: z.string(),
      role: RoleSchema,
      team: z.string().nullable(),
      /** standalone (this PC's account) or server (signed in through sync) */
      source: z.enum(['local', 'server']),
    })
    .nullable(),
  state: AgentStateNameSchema,
  reason: z.string().nullable(),
  /** when the current state began: the status timer counts from here */
  since: z.string().nullable(),
  /** true when no standalone account exists yet: the first sign-in screen creates the admin */
  needsSetup: z.boolean(),
});
export type AgentSession = z.infer<typeof AgentSessionSchema>;

export const SetAgentStateSchema = z.strictObject({
  state: z.enum(['ready', 'not_ready']),
  reason: code.optional(),
});

// ------------------------------------------------------------------- calls

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
/** ringing → talking ⇄ held → wrap_up → ended; a call never answered ends as missed. */
export const CALL_STATUSES = ['ringing', 'talking', 'held', 'wrap_up', 'ended', 'missed'] as const;
export const CallStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const CallSchema = z.object({
  id: z.string(),
  /** the PBX / softphone call id for CTI calls; null for manual calls */
  externalId: z.string().nullable(),
  source: z.enum(['manual', 'cti']),
  direction: z.enum(CALL_DIRECTIONS),
  /** the customer's number as delivered or typed */
  number: z.string(),
  /** E.164 key of `number` (shared/phone.ts), null when it does not parse */
  numberKey: z.string().nullable(),
  /** our side: the hotline number or extension */
  lineNumber: z.string().nullable(),
  customerId: z.string().nullable(),
  agentId: z.string(),
  status: CallStatusSchema,
  ringAt: z.string(),
  answerAt: z.string().nullable(),
  /** set while held: the current hold began here */
  holdStartedAt: z.string().nullable(),
  /** completed holds, in whole seconds */
  holdSeconds: z.number().int().nonnegative(),
  endAt: z.string().nullable(),
  /** when after-call work ended (disposition saved) */
  wrapEndAt: z.string().nullable(),
  disposition: z.string().nullable(),
  note: z.string().nullable(),
  /** a missed call an agent closed by hand (reached another way, wrong number) */
  settledAt: z.string().nullable(),
  settledBy: z.string().nullable(),
  ticketIds: z.array(z.string()),
});
export type Call = z.infer<typeof CallSchema>;

/**
 * The agent id of a call that reached the desk while nobody was signed in:
 * it is recorded (never answered 409 and lost) and becomes a missed call of
 * the desk, which whoever signs in works off the missed list. Not a valid
 * username (USERNAME_PATTERN has no '@'), so it never names a person.
 */
export const DESK_AGENT_ID = '@desk';

/**
 * One caller on the missed-call worklist: their unanswered inbound calls
 * since anyone last reached them (an answered call with the same number in
 * either direction settles the entry), oldest first in `callIds`.
 */
export const MissedCallSchema = z.object({
  /** the group key: the number's E.164 key, or the number as delivered when it does not parse */
  key: z.string(),
  number: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** how many times they rang unanswered */
  count: z.number().int().positive(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** unanswered call-back attempts since the first missed call */
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.string().nullable(),
  /** true when a call rang at the empty desk (nobody signed in) */
  desk: z.boolean(),
  callIds: z.array(z.string()),
});
export type MissedCall = z.infer<typeof MissedCallSchema>;
export const SettleMissedSchema = z.strictObject({ key: inputText().min(1).max(60) });

/** Timer figures of a call at a moment, from its stored timestamps (callTimer.ts). */
export const CallTimesSchema = z.object({
  ringSeconds: z.number().int().nonnegative(),
  talkSeconds: z.number().int().nonnegative(),
  holdSeconds: z.number().int().nonnegative(),
  wrapSeconds: z.number().int().nonnegative(),
  /** seconds left of the after-call work limit; null outside wrap-up */
  wrapRemainingSeconds: z.number().int().nullable(),
});
export type CallTimes = z.infer<typeof CallTimesSchema>;

export const StartCallSchema = z.strictObject({
  direction: z.enum(CALL_DIRECTIONS),
  /** typed, pasted or from a tel: link */
  number: inputText().min(1).max(60),
  /** an outbound callback being made */
  callbackId: IdSchema.optional(),
});
export const CallIdSchema = z.strictObject({ id: IdSchema });
export const WrapUpSchema = z.strictObject({
  id: IdSchema,
  disposition: code,
  note: note.optional(),
  /** false: stay in after-call work (e.g. to finish the ticket); default true: back to ready */
  ready: z.boolean().default(true),
});
/**
 * What a console:changed event says went stale: each names a kind of desk
 * record (the event carries no ids; views reload what they show of that
 * kind). `agents`: some agent's state changed (another PC's, through sync).
 */
export const ConsoleKindSchema = z.enum([
  'calls', 'callbacks', 'followUps', 'handoffs', 'workOrders', 'drafts', 'config', 'agents', 'quality',
  // ---- announcements and defects (issue 15 points 4-5)
  'announcements', 'defects',
  // ---- attendance plan (issue 16 points 2-3): shift types, the holiday calendar, rosters
  'plan',
  // ---- duty roster (issue 16 point 7)
  'duty',
  // ---- attendance: corrections and overtime claims (issue 16 points 4-5)
  'attendance',
  // ---- teams, seats and skills (issue 16 point 1)
  'teams',
]);
export type ConsoleKind = z.infer<typeof ConsoleKindSchema>;

export const LinkCallSchema = z.strictObject({ callId: IdSchema, ticketId: IdSchema });
export const CallListQuerySchema = z.strictObject({
  /** only calls that rang today (local day of the core's clock) */
  today: z.boolean().optional(),
  agentId: IdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

/** Events a softphone / PBX connector posts to the local call-event endpoint (CTI). */
export const CallEventSchema = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('ringing'),
    callId: inputText().min(1).max(64),
    direction: z.enum(CALL_DIRECTIONS).default('inbound'),
    from: inputText().min(1).max(60),
    to: inputText().max(60).optional(),
    at: isoDateTime.optional(),
  }),
  z.strictObject({ event: z.literal('answered'), callId: inputText().min(1).max(64), at: isoDateTime.optional() }),
  z.strictObject({ event: z.literal('held'), callId: inputText().min(1).max(64), at: isoDateTime.optional() }),
  z.strictObject({ event: z.literal('resumed'), callId: inputText().min(1).max(64), at: isoDateTime.optional() }),
  z.strictObject({ event: z.literal('ended'), callId: inputText().min(1).max(64), at: isoDateTime.optional() }),
]);
export type CallEvent = z.infer<typeof CallEventSchema>;

export const CtiInfoSchema = z.object({
  /** the endpoint is listening */
  running: z.boolean(),
  url: z.string().nullable(),
  port: z.number().int(),
  /** shown to admins only; null for other roles */
  token: z.string().nullable(),
  /** why it is not running (port taken...) */
  error: z.string().nullable(),
});
export type CtiInfo = z.infer<typeof CtiInfoSchema>;

// --------------------------------------------------------------- screen-pop

export const ScreenPopSchema = z.object({
  number: z.string(),
  numberKey: z.string().nullable(),
  customer: CustomerSchema.nullable(),
  /** the customer's open tickets, most urgent first */
  openTickets: z.array(TicketSummarySchema),
  /** closed or resolved tickets of the last 30 days, newest first */
  recentTickets: z.array(TicketSummarySchema),
});
export type ScreenPop = z.infer<typeof ScreenPopSchema>;

// ---------------------------------------------------------------------- SLA

export const RecordContactSchema = z.strictObject({
  ticketId: IdSchema,
  /** what the customer was told (客户已告知进展) */
  note: inputText().min(1).max(LIMITS.note),
  channel: ChannelSchema.default('phone'),
});

// ------------------------------------------------------ hand-offs, work orders

export const HANDOFF_KINDS = ['escalate', 'transfer', 'dispatch'] as const;
export const HandoffKindSchema = z.enum(HANDOFF_KINDS);
export type HandoffKind = z.infer<typeof HandoffKindSchema>;
/** The ticket status each hand-off puts its ticket in; a ticket reaches these only with its hand-off (HANDOFF_REQUIRED). */
export const HANDOFF_STATUS_OF = { escalate: 'escalated', transfer: 'transferred', dispatch: 'dispatched' } as const satisfies Record<HandoffKind, TicketStatus>;

export const WorkOrderInputSchema = z.strictObject({
  appointmentAt: isoDateTime,
  engineer: inputText().min(1).max(60),
  address: inputText().min(1).max(500),
});

/** Escalate / transfer / dispatch: what is asked, by when, in what scope (domain.md). */
export const HandoffInputSchema = z
  .strictObject({
    ticketId: IdSchema,
    kind: HandoffKindSchema,
    /** the team whose queue it goes to: second line, the department, or the field-service team (a team of the directory) */
    to: inputText().min(1).max(LIMITS.team),
    ask: inputText().min(1).max(LIMITS.note),
    dueBy: isoDateTime,
    scope: inputText().min(1).max(LIMITS.note),
    /** required for dispatch */
    workOrder: WorkOrderInputSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'dispatch' && !v.workOrder) ctx.addIssue({ code: 'custom', path: ['workOrder'], message: 'A dispatch needs a work order: appointment, engineer, address', params: { code: 'work_order_required' } });
    if (v.kind !== 'dispatch' && v.workOrder) ctx.addIssue({ code: 'custom', path: ['workOrder'], message: 'Only a dispatch carries a work order', params: { code: 'work_order_not_allowed' } });
  });
export type HandoffInput = z.infer<typeof HandoffInputSchema>;

export const HandoffSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: HandoffKindSchema,
  /** the first owner, who stays the coordinator */
  coordinatorId: z.string(),
  to: z.string(),
  ask: z.string(),
  dueBy: z.string(),
  scope: z.string(),
  status: z.enum(['open', 'answered', 'cancelled']),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Handoff = z.infer<typeof HandoffSchema>;

export const AnswerHandoffSchema = z.strictObject({ id: IdSchema, answer: inputText().min(1).max(LIMITS.longText) });

export const QueueItemSchema = z.object({ handoff: HandoffSchema, ticket: TicketSummarySchema, sla: TicketSlaSchema });
export const QueueQuerySchema = z.strictObject({
  kind: HandoffKindSchema.default('escalate'),
  /** the team whose queue (supervisors and admins; absent: every team); others always read their own team's */
  team: inputText().min(1).max(LIMITS.team).optional(),
  status: z.enum(['open', 'answered', 'all']).default('open'),
  limit: z.number().int().min(1).max(500).default(100),
});

export const WORK_ORDER_STATUSES = ['scheduled', 'on_site', 'done', 'cancelled'] as const;
export const WorkOrderSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  handoffId: z.string(),
  engineer: z.string(),
  address: z.string(),
  appointmentAt: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  /** when the engineer took the job (on site); the feedback card is due 24 h later */
  takenAt: z.string().nullable(),
  feedbackDueAt: z.string().nullable(),
  feedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  /** feedback past due and not recorded */
  feedbackOverdue: z.boolean(),
});
export type WorkOrder = z.infer<typeof WorkOrderSchema>;

export const WorkOrderUpdateSchema = z.strictObject({
  id: IdSchema,
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  engineer: inputText().min(1).max(60).optional(),
  appointmentAt: isoDateTime.optional(),
  feedback: inputText().min(1).max(LIMITS.longText).optional(),
});

// --------------------------------------------------------------- callbacks

export const CALLBACK_STATUSES = ['scheduled', 'done', 'cancelled'] as const;
export const CallbackInputSchema = z.strictObject({
  customerId: IdSchema,
  ticketId: IdSchema.optional(),
  phone: PhoneInputSchema,
  dueAt: isoDateTime,
  note: note.optional(),
});
export const CallbackSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  ticketId: z.string().nullable(),
  ticketNo: z.string().nullable(),
  phone: z.string(),
  dueAt: z.string(),
  ownerId: z.string(),
  status: z.enum(CALLBACK_STATUSES),
  note: z.string().nullable(),
  outcome: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** due time passed, not done */
  overdue: z.boolean(),
  /** overdue longer than callbackReleaseMinutes: anyone on the team may take it */
  released: z.boolean(),
});
export type Callback = z.infer<typeof CallbackSchema>;
export const CallbackListQuerySchema = z.strictObject({
  /** mine: owned by me; team: everything open on my team (released ones first) */
  scope: z.enum(['mine', 'team']).default('mine'),
  status: z.enum([...CALLBACK_STATUSES, 'open_all', 'all']).default('scheduled'),
  limit: z.number().int().min(1).max(500).default(100),
});
export const CompleteCallbackSchema = z.strictObject({ id: IdSchema, outcome: inputText().min(1).max(LIMITS.note) });

// -------------------------------------------------------------- follow-ups

/** satisfaction: the 回访 after resolution; complaint: the supervisor's follow-up. */
export const FOLLOW_UP_KINDS = ['satisfaction', 'complaint'] as const;
export const FollowUpSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNo: z.string(),
  subject: z.string(),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  kind: z.enum(FOLLOW_UP_KINDS),
  /** a person, or null when it waits for anyone of `forRole` on the team */
  assigneeId: z.string().nullable(),
  forRole: RoleSchema,
  dueAt: z.string(),
  status: z.enum(['open', 'done', 'unreachable']),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;
export const RecordFollowUpSchema = z
  .strictObject({
    id: IdSchema,
    reached: z.boolean(),
    satisfaction: z.number().int().min(1).max(5).optional(),
    /** required when satisfaction is 1 or 2 */
    reason: inputText().max(LIMITS.note).optional(),
    note: note.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reached && v.satisfaction === undefined) ctx.addIssue({ code: 'custom', path: ['satisfaction'], message: 'Record the satisfaction (1-5) the customer gave', params: { code: 'satisfaction_required' } });
    if (v.satisfaction !== undefined && v.satisfaction <= 2 && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the customer is dissatisfied (1 or 2)', params: { code: 'reason_required' } });
  });
export const FollowUpListQuerySchema = z.strictObject({
  scope: z.enum(['mine', 'team']).default('mine'),
  status: z.enum(['open', 'done', 'unreachable', 'all']).default('open'),
  kind: z.enum(FOLLOW_UP_KINDS).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

// ------------------------------------------------------------------- drafts

/** A ticket form in progress, autosaved as the agent types (never synced). */
export const TicketDraftFieldsSchema = z.strictObject({
  subject: z.string().max(LIMITS.subject).optional(),
  description: z.string().max(LIMITS.description).optional(),
  category: CategorySchema.optional(),
  severity: SeveritySchema.optional(),
  channel: ChannelSchema.optional(),
  product: z.string().max(LIMITS.product).optional(),
  deviceModel: z.string().max(LIMITS.deviceModel).optional(),
  stepsTaken: z.string().max(LIMITS.longText).optional(),
  resolution: z.string().max(LIMITS.longText).optional(),
  assigneeId: z.string().max(LIMITS.id).optional(),
  team: z.string().max(LIMITS.team).optional(),
  customerId: IdSchema.optional(),
  customerName: z.string().max(100).optional(),
  customerPhone: z.string().max(40).optional(),
  organisation: z.string().max(200).optional(),
  address: z.string().max(500).optional(),
  articleIds: z.array(IdSchema).max(20).optional(),
});
export const SaveDraftSchema = z.strictObject({
  /** the form's key: `call:<callId>`, `ticket:<ticketId>` or `new` */
  key: inputText().min(1).max(80),
  fields: TicketDraftFieldsSchema,
});
export const TicketDraftSchema = z.object({ key: z.string(), fields: TicketDraftFieldsSchema, updatedAt: z.string() });
export type TicketDraft = z.infer<typeof TicketDraftSchema>;

// ------------------------------------------------------------------- my day

export const TicketWithSlaSchema = z.object({ ticket: TicketSummarySchema, sla: TicketSlaSchema });
export type TicketWithSla = z.infer<typeof TicketWithSlaSchema>;
export const MyDaySchema = z.object({
  /** my open tickets, most urgent SLA first */
  openTickets: z.array(TicketWithSlaSchema),
  callbacksDue: z.array(CallbackSchema),
  followUpsDue: z.array(FollowUpSchema),
  today: z.object({
    calls: z.number().int(),
    answered: z.number().int(),
    talkSeconds: z.number().int(),
    /** average handle time: (talk + hold + wrap-up) / answered calls, seconds; null without calls */
    ahtSeconds: z.number().nullable(),
    ticketsCreated: z.number().int(),
    ticketsResolved: z.number().int(),
  }),
});
export type MyDay = z.infer<typeof MyDaySchema>;

export const SimilarTicketSchema = z.object({
  id: z.string(),
  no: z.string(),
  subject: z.string(),
  resolution: z.string(),
  resolvedAt: z.string().nullable(),
  score: z.number(),
});
export const SimilarQuerySchema = z.strictObject({
  text: inputText().min(1).max(2_000),
  excludeId: IdSchema.optional(),
  limit: z.number().int().min(1).max(20).default(5),
});

// ----------------------------------------------------------- configuration

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM');
export const BusinessHoursSchema = z
  .strictObject({
    /** ISO weekdays 1 (Mon) .. 7 (Sun) that are working days */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: hhmm,
    end: hhmm,
    /** dates (YYYY-MM-DD) with no business hours (holidays) */
    closedDates: z.array(z.iso.date()).max(400).default([]),
    /** dates that are working days although their weekday is not (调休) */
    openDates: z.array(z.iso.date()).max(400).default([]),
    /** the center's UTC offset in minutes (China: 480); the PC's zone must not move deadlines */
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
  })
  .refine((v) => v.start < v.end, { message: 'Business hours must end after they start', params: { code: 'hours_order' } });
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

const minutes = (max: number) => z.number().int().min(1).max(max);
export const ConsoleConfigSchema = z.strictObject({
  afterCallWorkSeconds: z.number().int().min(10).max(900),
  notReadyReasons: z.array(z.strictObject({ code, label })).min(1).max(30),
  dispositions: z.array(z.strictObject({ code, label })).min(1).max(60),
  sla: z.strictObject({
    firstResponseMinutes: minutes(7 * 24 * 60),
    resolutionMinutes: z.strictObject({ urgent: minutes(60 * 24 * 60), high: minutes(60 * 24 * 60), normal: minutes(60 * 24 * 60), low: minutes(60 * 24 * 60) }),
    warnBeforeMinutes: minutes(24 * 60),
    /** null: the clocks run around the clock */
    businessHours: BusinessHoursSchema.nullable(),
  }),
  fourHourRuleMinutes: minutes(7 * 24 * 60),
  callbackReleaseMinutes: minutes(7 * 24 * 60),
  /** the 回访 is due this long after resolution */
  followUpDueHours: z.number().int().min(1).max(24 * 30),
  /** the field engineer's feedback card is due this long after taking the job */
  workOrderFeedbackHours: z.number().int().min(1).max(24 * 30),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

/** Two reasons (or dispositions) with one code: which one a logged code means would be a guess. Refused at the second. */
function uniqueCodes(list: readonly { code: string }[], field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [field, i, 'code'], message: `The code "${item.code}" is used twice`, params: { code: 'duplicate_code' } });
    seen.add(item.code);
  });
}

/** domain.md's numbers. Labels are zh-CN; the UI shows translated labels for the default codes. */
export const DEFAULT_CONSOLE_CONFIG: ConsoleConfig = {
  afterCallWorkSeconds: 120,
  notReadyReasons: [
    { code: 'break', label: '小休' },
    { code: 'meal', label: '用餐' },
    { code: 'training', label: '培训' },
    { code: 'meeting', label: '会议' },
    { code: 'outbound', label: '外呼' },
  ],
  dispositions: [
    { code: 'resolved', label: '已解决' },
    { code: 'ticket_created', label: '已建工单' },
    { code: 'info_given', label: '咨询已答复' },
    { code: 'escalated', label: '已升级' },
    { code: 'callback', label: '需回电' },
    { code: 'wrong_number', label: '打错电话' },
    { code: 'nuisance', label: '骚扰电话' },
  ],
  sla: {
    firstResponseMinutes: 30,
    resolutionMinutes: { urgent: 120, high: 240, normal: 240, low: 1440 },
    warnBeforeMinutes: 15,
    businessHours: null,
  },
  fourHourRuleMinutes: 240,
  callbackReleaseMinutes: 30,
  followUpDueHours: 24,
  workOrderFeedbackHours: 24,
};

/** A whole configuration as the admin's form submits it: the same rules plus unique codes. */
export const ConsoleConfigCheckedSchema = ConsoleConfigSchema.superRefine((v, ctx) => {
  uniqueCodes(v.notReadyReasons, 'notReadyReasons', ctx);
  uniqueCodes(v.dispositions, 'dispositions', ctx);
});

export const ConsoleConfigPatchSchema = ConsoleConfigSchema.partial()
  .strict()
  .superRefine((v, ctx) => {
    if (v.notReadyReasons) uniqueCodes(v.notReadyReasons, 'notReadyReasons', ctx);
    if (v.dispositions) uniqueCodes(v.dispositions, 'dispositions', ctx);
  });

/** Reminders the core raises (the shell shows them as native notifications). */
export const ReminderSchema = z.object({
  kind: z.enum([
    'sla_warning', 'sla_breach', 'contact_owed', 'callback_due', 'callback_released', 'follow_up_due', 'work_order_feedback',
    // ---- defects (issue 15 point 5): a defect on my ticket was fixed
    'defect_fixed',
  ]),
  /** stable per occurrence, so a reminder is shown once */
  key: z.string(),
  ticketId: z.string().nullable(),
  ticketNo: z.string().nullable(),
  callbackId: z.string().nullable(),
  /** the ticket's subject or the customer's name: the shell words the notification from kind + label */
  label: z.string(),
  dueAt: z.string(),
});
export type Reminder = z.infer<typeof ReminderSchema>;
