/**
 * The attendance plan's channels (issue 16 points 2-3): shift types, the
 * holiday calendar and the roster. shared/contract.ts merges them. Everyone
 * reads; admins change shifts and the calendar; supervisors plan their own
 * team's roster, admins every team's (shared/attendance/planRules.ts).
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';
import { ExportFileSchema } from '../reports/periodReport.js';
import { DAY_TYPES, DateSchema, HolidayDaySchema, HolidayYearSchema, MonthSchema, RosterEntrySchema, ShiftTypeSchema } from './schema.js';

export const ShiftTypeRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  breakMinutes: z.number().int(),
  retiredAt: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

const TeamSchema = inputText().min(1).max(64);

export const HolidayStatusSchema = z.object({
  /** the years that have a calendar */
  years: z.array(z.number().int()),
  /** the current and the coming year, where they have none (the admin screens warn) */
  missing: z.array(z.number().int()),
});

export const RosterMonthQuerySchema = z.strictObject({
  month: MonthSchema,
  /** the team to plan; absent: the acting user's team (an admin with none: the first team) */
  team: TeamSchema.optional(),
});

export const RosterMonthSchema = z.object({
  month: z.string(),
  team: z.string().nullable(),
  /** the teams this user may look at (admins: all) */
  teams: z.array(z.string()),
  /** whether this user may change this team's roster */
  canEdit: z.boolean(),
  days: z.array(z.object({ date: z.string(), dayType: z.enum(DAY_TYPES), holiday: z.string().nullable() })),
  agents: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.string() })),
  /** the planned entries (a missing one is rest) */
  entries: z.array(z.object({ agentId: z.string(), date: z.string(), entry: z.string() })),
  shifts: z.array(ShiftTypeRowSchema),
});
export type RosterMonth = z.infer<typeof RosterMonthSchema>;

export const RosterSaveSchema = z.strictObject({ entries: z.array(RosterEntrySchema).min(1).max(10_000) });

export const RosterFillSchema = z.strictObject({
  month: MonthSchema,
  team: TeamSchema.optional(),
  shiftCode: z.string().trim().min(1).max(8),
  /** only these agents (the selected rows); absent: every agent of the team */
  agentIds: z.array(inputText().min(1).max(64)).max(500).optional(),
});

export const RosterCopyWeekSchema = z.strictObject({
  /** the Monday of the week to fill from the week before */
  weekStart: DateSchema,
  team: TeamSchema.optional(),
  agentIds: z.array(inputText().min(1).max(64)).max(500).optional(),
});

/** A roster file (.csv or .xlsx, base64) or pasted text (CSV or tab-separated, as Excel copies). */
export const RosterImportSchema = z.union([
  z.strictObject({ fileName: z.string().trim().min(1).max(260), base64: z.string().min(1).max(20_000_000) }),
  z.strictObject({ text: z.string().min(1).max(5_000_000) }),
]);

export const RosterImportResultSchema = z.object({ imported: z.number().int(), shape: z.enum(['wide', 'long']) });

export const RosterExportSchema = z.strictObject({
  month: MonthSchema,
  team: TeamSchema.optional(),
  format: z.enum(['csv', 'xlsx']),
  shape: z.enum(['wide', 'long']).default('wide'),
});

export const SavedCountSchema = z.object({ saved: z.number().int() });

export const planChannels = {
  'shifts:list': { owner: 'core', request: z.strictObject({ includeRetired: z.boolean().default(false) }), result: z.array(ShiftTypeRowSchema) },
  /** admin: creates or replaces a shift type (by code) */
  'shifts:set': { owner: 'core', request: ShiftTypeSchema, result: ShiftTypeRowSchema },
  /** admin: retires a shift type (hidden from the pickers; old rosters still name it) or brings it back */
  'shifts:retire': { owner: 'core', request: z.strictObject({ code: z.string().trim().min(1).max(8), retired: z.boolean() }), result: ShiftTypeRowSchema },
  'holidays:list': { owner: 'core', request: z.strictObject({ year: z.number().int().min(1970).max(2100) }), result: z.array(HolidayDaySchema) },
  /** admin: a whole year's calendar (replaces that year's listed days), all or nothing */
  'holidays:import': { owner: 'core', request: z.strictObject({ days: HolidayYearSchema }), result: z.object({ year: z.number().int(), days: z.number().int() }) },
  'holidays:status': { owner: 'core', request: z.strictObject({}), result: HolidayStatusSchema },
  'roster:month': { owner: 'core', request: RosterMonthQuerySchema, result: RosterMonthSchema },
  /** supervisors (their team) and admins: sets entries; all or nothing */
  'roster:set': { owner: 'core', request: RosterSaveSchema, result: SavedCountSchema },
  'roster:fill': { owner: 'core', request: RosterFillSchema, result: SavedCountSchema },
  'roster:copyWeek': { owner: 'core', request: RosterCopyWeekSchema, result: SavedCountSchema },
  'roster:import': { owner: 'core', request: RosterImportSchema, result: RosterImportResultSchema },
  'roster:export': { owner: 'core', request: RosterExportSchema, result: ExportFileSchema },
} as const;
