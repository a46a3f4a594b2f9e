import { z } from 'zod';
import { ReportsConfigPatchSchema, ReportsConfigSchema } from './config.js';
import { TvBoardSchema, TvCloseSchema, TvDisplaySchema, TvOpenedSchema, TvOpenSchema, TvQuerySchema } from './tv.js';
import { AgentKpiSheetSchema, ExportFileSchema, ExportRequestSchema, PeriodReportQuerySchema, PeriodReportSchema, ProblemSummarySchema } from './periodReport.js';
import { QualityConfigSchema, QualityMineQuerySchema, QualityReviewSchema, QualitySampleSchema, QualityScoreSchema, QualityWeekQuerySchema } from './quality.js';
import { AgentSheetRowSchema, DrillListSchema, DrillQuerySchema, PeriodQuerySchema, PeriodSummarySchema, WallboardQuerySchema, WallboardSchema } from './schema.js';

export const ExportLogEntrySchema = z.object({ id: z.string(), actorId: z.string(), kind: z.string(), format: z.string(), from: z.string(), to: z.string(), team: z.string().nullable(), rows: z.number().int(), fileName: z.string(), at: z.string() });
export const SaveFileRequestSchema = z.strictObject({
  /** a bare file name (no folders): the user picks where */
  fileName: z
    .string()
    .min(1)
    .max(200)
    .refine((name) => ![...name].some((ch) => ch.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(ch)), 'A file name without folders'),
  base64: z.string().max(70_000_000),
});
export const QualityWeekSchema = z.object({ week: z.string(), team: z.string().nullable(), teams: z.array(z.string()), sampleSize: z.number().int(), drawn: z.number().int(), reviews: z.array(QualityReviewSchema) });

/**
 * The supervision and reports domain's channels; shared/contract.ts merges
 * them. Rights are checked in the core: supervisors and admins see any team
 * or the center; an agent sees their own figures; a senior second line's queue.
 */
export const reportsChannels = {
  /** today's live figures; `team` for one team (supervisors and admins) */
  'wallboard:get': { owner: 'core', request: WallboardQuerySchema, result: WallboardSchema },
  /** the list behind a figure of today's board (which calls were abandoned, which tickets are past SLA) */
  'wallboard:list': { owner: 'core', request: DrillQuerySchema, result: DrillListSchema },
  /** the thresholds and rules the figures are coloured with */
  'reports:config': { owner: 'core', request: z.strictObject({}), result: ReportsConfigSchema },
  /** admin only */
  'reports:setConfig': { owner: 'core', request: ReportsConfigPatchSchema, result: ReportsConfigSchema },
  /** a period's volume and KPIs (supervisors and admins) */
  'reports:summary': { owner: 'core', request: PeriodQuerySchema, result: PeriodSummarySchema },
  /** the agent KPI sheet (坐席考核表) of a period (supervisors and admins) */
  'reports:agents': { owner: 'core', request: PeriodQuerySchema, result: z.array(AgentSheetRowSchema) },
  // --- TV mode (tv.ts): open a display (supervisors and admins), read it by its key (nobody signed in), list, stop
  'wallboard:tvOpen': { owner: 'core', request: TvOpenSchema, result: TvOpenedSchema },
  'wallboard:tv': { owner: 'core', request: TvQuerySchema, result: TvBoardSchema },
  'wallboard:tvList': { owner: 'core', request: z.strictObject({}), result: z.array(TvDisplaySchema) },
  'wallboard:tvClose': { owner: 'core', request: TvCloseSchema, result: z.array(TvDisplaySchema) },

  // ---- period reports, exports and quality reviews (issue 15 points 2, 3)
  /** a period's volume and KPIs beside the previous period (supervisors and admins) */
  'reports:period': { owner: 'core', request: PeriodReportQuerySchema, result: PeriodReportSchema },
  /** the full agent KPI sheet (坐席考核表) of a period (supervisors and admins) */
  'reports:agentSheet': { owner: 'core', request: PeriodQuerySchema, result: AgentKpiSheetSchema },
  /** the hard-problem summary (周技术疑难问题总结) of a period (supervisors and admins) */
  'reports:problems': { owner: 'core', request: PeriodQuerySchema, result: ProblemSummarySchema },
  /** a report as .xlsx or CSV (supervisors and admins); recorded in the audit, locally and (synced) on the server */
  'reports:export': { owner: 'core', request: ExportRequestSchema, result: ExportFileSchema },
  /** this PC's export audit lines, newest first (supervisors and admins) */
  'reports:exportLog': { owner: 'core', request: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }), result: z.array(ExportLogEntrySchema) },
  /** the desktop shell asks where to save a file and writes it; the browser preview downloads instead */
  'shell:saveFile': { owner: 'shell', request: SaveFileRequestSchema, result: z.object({ saved: z.boolean(), file: z.string().nullable() }) },
  /** the checklist and the sample size */
  'quality:config': { owner: 'core', request: z.strictObject({}), result: QualityConfigSchema },
  /** admin only */
  'quality:setConfig': { owner: 'core', request: QualityConfigSchema, result: QualityConfigSchema },
  /** a week's sample and scores for the center or a team (supervisors and admins) */
  'quality:week': { owner: 'core', request: QualityWeekQuerySchema, result: QualityWeekSchema },
  /** draws the week's sample (supervisors and admins) */
  'quality:sample': { owner: 'core', request: QualitySampleSchema, result: QualityWeekSchema },
  /** scores one sampled ticket (supervisors and admins) */
  'quality:score': { owner: 'core', request: QualityScoreSchema, result: QualityReviewSchema },
  /** the signed-in agent's own reviews */
  'quality:mine': { owner: 'core', request: QualityMineQuerySchema, result: z.array(QualityReviewSchema) },
} as const;
