import { z } from 'zod';
import { ReportsConfigPatchSchema, ReportsConfigSchema } from './config.js';
import { TvBoardSchema, TvCloseSchema, TvDisplaySchema, TvOpenedSchema, TvOpenSchema, TvQuerySchema } from './tv.js';
import { AgentSheetRowSchema, DrillListSchema, DrillQuerySchema, PeriodQuerySchema, PeriodSummarySchema, WallboardQuerySchema, WallboardSchema } from './schema.js';

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
} as const;
