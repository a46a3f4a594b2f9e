import { z } from 'zod';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../tickets/schema.js';
import { PeriodKindSchema } from './periods.js';
import { periodShape, refinePeriod } from './schema.js';

/**
 * The period reports' shapes (报表, issue 15 point 2): volume and KPIs of a
 * period beside the previous one, the agent KPI sheet (坐席考核表) and the
 * weekly hard-problem summary (周技术疑难问题总结); and their exports.
 */

const n = z.number().int();
const x = z.number().nullable();

export const PeriodReportQuerySchema = z.strictObject({ ...periodShape, kind: PeriodKindSchema.default('range') }).superRefine(refinePeriod);

/** Volume and KPIs of one period. */
export const PeriodFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  calls: z.object({
    inbound: z.object({ offered: n, answered: n, abandoned: n, shortAbandoned: n }),
    outbound: z.object({ placed: n, connected: n, notConnected: n }),
  }),
  tickets: z.object({
    created: n,
    resolved: n,
    byChannel: z.record(z.enum(CHANNELS), n),
    byCategory: z.record(z.enum(CATEGORIES), z.object({ created: n, resolved: n })),
    bySeverity: z.record(z.enum(SEVERITIES), n),
    /** created per product (device model when no product), most first; `null`: none recorded */
    byProduct: z.array(z.object({ product: z.string().nullable(), created: n })),
  }),
  /** announcements published in the period; `tracked` false while this PC has no announcements yet (count 0) */
  announcements: z.object({ published: n, tracked: z.boolean() }),
  kpi: z.object({ serviceLevel: x, abandonRate: x, asaSeconds: x, ahtSeconds: x, fcr: x, csat: x, csatMean: x, slaMet: x }),
});
export type PeriodFigures = z.infer<typeof PeriodFiguresSchema>;

export const PeriodReportSchema = z.object({
  kind: PeriodKindSchema,
  team: z.string().nullable(),
  /** teams the viewer may pick */
  teams: z.array(z.string()),
  current: PeriodFiguresSchema,
  previous: PeriodFiguresSchema,
});
export type PeriodReport = z.infer<typeof PeriodReportSchema>;

/** One row of the agent KPI sheet (坐席考核表). */
export const AgentKpiRowSchema = z.object({
  agentId: z.string(),
  displayName: z.string(),
  team: z.string().nullable(),
  callsAnswered: n,
  /** talk time of the answered calls (hold excluded), seconds */
  talkSeconds: n,
  ahtSeconds: x,
  /** the agent's tickets created or resolved in the period */
  ticketsHandled: n,
  ticketsResolved: n,
  fcr: x,
  /** timeliness: resolved within target / resolved x 100 */
  slaMet: x,
  csat: x,
  csatMean: x,
  /** record accuracy: mean quality-review score of the period */
  quality: x,
  reviews: n,
  /** not-ready seconds by reason code; `''` for not ready without a reason */
  notReady: z.record(z.string(), n),
  notReadySeconds: n,
});
export type AgentKpiRow = z.infer<typeof AgentKpiRowSchema>;
export const AgentKpiSheetSchema = z.object({ from: z.string(), to: z.string(), team: z.string().nullable(), reasons: z.array(z.object({ code: z.string(), label: z.string() })), rows: z.array(AgentKpiRowSchema) });
export type AgentKpiSheet = z.infer<typeof AgentKpiSheetSchema>;

/** One ticket of the hard-problem summary. */
export const ProblemTicketSchema = z.object({
  ticketId: z.string(),
  no: z.string(),
  subject: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.string(),
  category: z.enum(CATEGORIES),
  product: z.string().nullable(),
  owner: z.string(),
  createdAt: z.string(),
  /** the first escalation in the period: when, to whom, what was asked, what second line answered */
  escalatedAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  ask: z.string().nullable(),
  answer: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** the product defect the ticket is flagged with (程序不完善反馈), if any: its title, tracker reference and status */
  defect: z.object({ title: z.string(), trackerRef: z.string().nullable(), status: z.enum(['open', 'in_progress', 'fixed', 'wont_fix']) }).nullable(),
});
export type ProblemTicket = z.infer<typeof ProblemTicketSchema>;
export const ProblemGroupSchema = z.object({ product: z.string().nullable(), tickets: z.array(ProblemTicketSchema), resolved: n });
export type ProblemGroup = z.infer<typeof ProblemGroupSchema>;
export const ProblemSummarySchema = z.object({ from: z.string(), to: z.string(), team: z.string().nullable(), groups: z.array(ProblemGroupSchema) });
export type ProblemSummary = z.infer<typeof ProblemSummarySchema>;

export const EXPORT_KINDS = ['summary', 'agents', 'problems'] as const;
export const ExportKindSchema = z.enum(EXPORT_KINDS, { message: 'kind is summary, agents or problems' });
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS, { message: 'format is xlsx or csv' });
export type ExportKind = z.infer<typeof ExportKindSchema>;
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportRequestSchema = z
  .strictObject({
    ...periodShape,
    kind: ExportKindSchema,
    format: ExportFormatSchema,
    /** the period's kind, for the comparison (summary) */
    period: PeriodKindSchema.default('range'),
    /** the language of titles and headers */
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .superRefine(refinePeriod);
export type ExportRequest = z.output<typeof ExportRequestSchema>;

/** The file made: its suggested name, rows of data written (headers and titles not counted), and its bytes. */
export const ExportFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), rows: n, base64: z.string() });
export type ExportFile = z.infer<typeof ExportFileSchema>;
