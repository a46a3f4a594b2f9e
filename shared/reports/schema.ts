import { z } from 'zod';
import { CATEGORIES, CHANNELS, CategorySchema, LIMITS } from '../tickets/schema.js';
import { BANDS } from './bands.js';
import { daysInclusive } from './day.js';

/** Wallboard and period-report shapes (the `wallboard:*` and `reports:*` channels, the CLI). */

export const BandSchema = z.enum(BANDS);
/** A figure with its colour band; value null: no data in the period. */
export const FigureSchema = z.object({ value: z.number().nullable(), band: BandSchema });
export type Figure = z.infer<typeof FigureSchema>;

export const TeamSchema = z.string().trim().min(1).max(LIMITS.team);

/** Who the board is about: the center, one team, an agent's own figures, or second line's queue. */
export const WallboardScopeSchema = z.enum(['center', 'team', 'agent', 'secondLine']);
export type WallboardScope = z.infer<typeof WallboardScopeSchema>;

export const AgentRowStateSchema = z.enum(['offline', 'ready', 'on_call', 'after_call', 'not_ready', 'ringing']);

export const WallboardAgentSchema = z.object({
  agentId: z.string(),
  displayName: z.string(),
  team: z.string().nullable(),
  /** `ringing` while a call rings at the desk; otherwise the logged state */
  state: AgentRowStateSchema,
  /** not-ready reason code */
  reason: z.string().nullable(),
  /** when that state began (for ringing: when the call began to ring) */
  since: z.string(),
  callsAnswered: z.number().int().nonnegative(),
  ahtSeconds: z.number().nullable(),
  /** the call on the line or in wrap-up: its status and when it rang (the duration ticks from ringAt) */
  currentCall: z.object({ id: z.string(), status: z.string(), ringAt: z.string(), answerAt: z.string().nullable() }).nullable(),
  /** a call waits for its disposition past the after-call limit */
  wrapOverdue: z.boolean(),
  band: BandSchema,
});
export type WallboardAgent = z.infer<typeof WallboardAgentSchema>;

export const HourTrendSchema = z.object({ hour: z.number().int().min(0).max(23), offered: z.number().int(), answered: z.number().int(), abandoned: z.number().int(), serviceLevel: z.number().nullable() });
export const CategoryTrendSchema = z.object({ category: CategorySchema, created: z.number().int(), resolved: z.number().int() });

export const WallboardSchema = z.object({
  scope: WallboardScopeSchema,
  team: z.string().nullable(),
  /** the center's day the figures are for (YYYY-MM-DD) and the offset that defines it */
  date: z.string(),
  utcOffsetMinutes: z.number().int(),
  generatedAt: z.string(),
  /** teams this user may switch to (supervisors and admins) */
  teams: z.array(z.string()),
  /** the after-call work limit the agent rows are coloured with (the screen ticks them) */
  afterCallWorkSeconds: z.number().int(),
  agents: z.array(WallboardAgentSchema),
  calls: z.object({
    offered: FigureSchema,
    answered: FigureSchema,
    abandoned: FigureSchema,
    shortAbandoned: FigureSchema,
    serviceLevel: FigureSchema,
    abandonRate: FigureSchema,
    asaSeconds: FigureSchema,
    ahtSeconds: FigureSchema,
    occupancy: FigureSchema,
  }),
  tickets: z.object({ created: FigureSchema, resolved: FigureSchema, fcr: FigureSchema, csat: FigureSchema, csatMean: FigureSchema, slaMet: FigureSchema }),
  now: z.object({ ticketsPastSla: FigureSchema, contactsOwed: FigureSchema, callbacksOverdue: FigureSchema, complaintsOpen: FigureSchema, escalationsWaiting: FigureSchema }),
  trends: z.object({ byHour: z.array(HourTrendSchema), byCategory: z.array(CategoryTrendSchema) }),
});
export type Wallboard = z.infer<typeof WallboardSchema>;

/** Figures that open the list behind them. */
export const DRILL_FIGURES = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'serviceLevel',
  'asaSeconds',
  'ahtSeconds',
  'created',
  'resolved',
  'fcr',
  'csat',
  'slaMet',
  'ticketsPastSla',
  'contactsOwed',
  'callbacksOverdue',
  'complaintsOpen',
  'escalationsWaiting',
] as const;
export const DrillFigureSchema = z.enum(DRILL_FIGURES);
export type DrillFigure = z.infer<typeof DrillFigureSchema>;

/**
 * One line of a list behind a figure: a call, a ticket, a callback, a
 * hand-off or a follow-up; `ticketId` opens the ticket. `detail` is a code
 * or number the screen words (an outcome, a wait in seconds, a score).
 */
export const DrillRowSchema = z.object({
  kind: z.enum(['call', 'ticket', 'callback', 'handoff', 'followUp']),
  id: z.string(),
  /** when: the call rang, the ticket was created / resolved / due, the callback was due */
  at: z.string().nullable(),
  /** the call's number, the ticket's subject, the customer's name */
  title: z.string(),
  /** the agent or owner */
  who: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNo: z.string().nullable(),
  /** e.g. the call's outcome (answered / abandoned / short_abandon / ringing) or the ticket's status */
  status: z.string().nullable(),
  /** seconds (wait, handle, overdue) or a score, per figure */
  value: z.number().nullable(),
});
export type DrillRow = z.infer<typeof DrillRowSchema>;
export const DrillListSchema = z.object({ figure: DrillFigureSchema, rows: z.array(DrillRowSchema), truncated: z.boolean() });
export type DrillList = z.infer<typeof DrillListSchema>;

export const WallboardQuerySchema = z.strictObject({ team: TeamSchema.optional() });
export const DrillQuerySchema = z.strictObject({ figure: DrillFigureSchema, team: TeamSchema.optional() });

/** A period: center days from..to inclusive, at most MAX_PERIOD_DAYS. */
export const MAX_PERIOD_DAYS = 1_096;
export const periodShape = { from: z.iso.date({ message: 'A date is YYYY-MM-DD' }), to: z.iso.date({ message: 'A date is YYYY-MM-DD' }), team: TeamSchema.optional() };
/** --to not before --from, at most MAX_PERIOD_DAYS days: shared by every period request. */
export function refinePeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `--to (${q.to}) is before --from (${q.from})`, params: { code: 'range_order' } });
  else if (daysInclusive(q.from, q.to) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A period is at most ${MAX_PERIOD_DAYS} days`, params: { code: 'range_too_long' } });
}
export const PeriodQuerySchema = z.strictObject(periodShape).superRefine(refinePeriod);
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

const nullableNumber = z.number().nullable();
export const PeriodSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  tickets: z.object({
    created: z.number().int(),
    resolved: z.number().int(),
    byCategory: z.record(z.enum(CATEGORIES), z.object({ created: z.number().int(), resolved: z.number().int() })),
    byChannel: z.record(z.enum(CHANNELS), z.object({ created: z.number().int() })),
  }),
  calls: z.object({ offered: z.number().int(), answered: z.number().int(), abandoned: z.number().int(), serviceLevel: nullableNumber, asaSeconds: nullableNumber, ahtSeconds: nullableNumber }),
  kpi: z.object({ fcr: nullableNumber, csat: nullableNumber, slaMet: nullableNumber }),
});
export type PeriodSummary = z.infer<typeof PeriodSummarySchema>;

export const AgentSheetRowSchema = z.object({
  agentId: z.string(),
  callsAnswered: z.number().int(),
  ahtSeconds: nullableNumber,
  ticketsResolved: z.number().int(),
  fcr: nullableNumber,
  slaMet: nullableNumber,
  csat: nullableNumber,
  /** record accuracy: the mean score of the quality reviews recorded in the period; null without any */
  quality: nullableNumber,
});
export type AgentSheetRow = z.infer<typeof AgentSheetRowSchema>;
