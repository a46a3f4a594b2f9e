/**
 * Attendance, corrections, overtime claims and the two monthly sheets
 * (issue 16 points 4-6); shared/contract.ts merges these channels. Rights
 * are checked in the core (and on the server for what syncs): agents read
 * their own month and claims and may add a reason to their own claim;
 * supervisors read and correct their team, approve its overtime and export
 * its sheets; admins all.
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';
import { AGENT_STATES } from '../desk/schema.js';
import { ExportFileSchema } from '../reports/periodReport.js';
import { ATTENDANCE_STATUSES, COMPENSATIONS, DAY_TYPES, LEAVE_TYPES, MonthSchema, OVERTIME_KINDS, OVERTIME_STATUSES } from './schema.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An instant as ISO 8601 with its offset (2026-03-02T08:30:00+08:00); a time without a zone is refused. */
export const InstantSchema = z
  .string()
  .regex(ISO_WITH_ZONE, 'A time is ISO 8601 with its offset, e.g. 2026-03-02T08:30:00+08:00')
  .refine((s) => Number.isFinite(Date.parse(s)), 'Not a real date and time');

const agentId = inputText().min(1).max(64);
const team = inputText().min(1).max(64);
const minutes = z.number().int().min(0);
const OvertimeMinutesSchema = z.object({ workday: minutes, restday: minutes, holiday: minutes });

export const MonthQuerySchema = z.strictObject({ month: MonthSchema, team: team.optional(), agent: agentId.optional() });
export type MonthQuery = z.infer<typeof MonthQuerySchema>;

export const AttendanceDaySchema = z.object({
  date: z.string(),
  dayType: z.enum(DAY_TYPES),
  entry: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  firstIn: z.string().nullable(),
  lastOut: z.string().nullable(),
  lateMinutes: minutes,
  earlyMinutes: minutes,
  overtime: OvertimeMinutesSchema,
});
export const AttendanceTotalsSchema = z.object({
  scheduledDays: minutes,
  attendedDays: minutes,
  lateCount: minutes,
  lateMinutes: minutes,
  earlyCount: minutes,
  earlyMinutes: minutes,
  absentDays: minutes,
  leaveDays: minutes,
  restDays: minutes,
  overtimeMinutes: OvertimeMinutesSchema,
});
/** Exactly what `attendance month` prints. */
export const AttendanceMonthSchema = z.object({
  month: z.string(),
  agents: z.array(z.object({ agentId: z.string(), days: z.array(AttendanceDaySchema), totals: AttendanceTotalsSchema })),
});
export type AttendanceMonth = z.infer<typeof AttendanceMonthSchema>;

// ------------------------------------------------------------------ symbols (configurable)

export const SYMBOL_KEYS = ['normal', 'late', 'early', 'absent', 'leave', 'rest', 'overtime'] as const;
export type SymbolKey = (typeof SYMBOL_KEYS)[number];
export const AttendanceSymbolsSchema = z.strictObject({
  normal: inputText().min(1).max(4).default('√'),
  late: inputText().min(1).max(4).default('迟'),
  early: inputText().min(1).max(4).default('早'),
  absent: inputText().min(1).max(4).default('旷'),
  leave: inputText().min(1).max(4).default('假'),
  rest: inputText().min(1).max(4).default('休'),
  overtime: inputText().min(1).max(4).default('加'),
});
export type AttendanceSymbols = z.output<typeof AttendanceSymbolsSchema>;
export const DEFAULT_SYMBOLS: AttendanceSymbols = AttendanceSymbolsSchema.parse({});
export const AttendanceConfigSchema = z.strictObject({ symbols: AttendanceSymbolsSchema.default(DEFAULT_SYMBOLS) });
export type AttendanceConfig = z.output<typeof AttendanceConfigSchema>;
export const AttendanceConfigPatchSchema = z.strictObject({ symbols: AttendanceSymbolsSchema.partial() });

// ------------------------------------------------------------------ the sheet (screen and files)

/** One agent-day as the month view and the sheet show it. */
export const SheetCellSchema = z.object({
  date: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  /** the symbols shown (status, then 加 when approved overtime fell on the day) */
  text: z.string(),
  lateMinutes: minutes,
  earlyMinutes: minutes,
  /** computed overtime of the day (before approval) */
  overtime: OvertimeMinutesSchema,
  /** approved overtime of the day */
  approved: OvertimeMinutesSchema,
  corrected: z.boolean(),
});
export const SheetAgentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  cells: z.array(SheetCellSchema),
  totals: AttendanceTotalsSchema,
  leaveByType: z.partialRecord(z.enum(LEAVE_TYPES), z.number().int()),
  /** approved overtime minutes by kind (what payroll gets) */
  approvedMinutes: OvertimeMinutesSchema,
  /** approved rest-day minutes taken as time off in lieu */
  timeOffMinutes: minutes,
});
export const AttendanceSheetSchema = z.object({
  month: z.string(),
  team: z.string().nullable(),
  days: z.array(z.object({ date: z.string(), weekday: z.number().int(), dayType: z.enum(DAY_TYPES), holiday: z.string().nullable() })),
  agents: z.array(SheetAgentSchema),
  symbols: AttendanceSymbolsSchema,
  teams: z.array(z.string()),
  /** what the viewer may do here */
  canCorrect: z.boolean(),
});
export type AttendanceSheet = z.infer<typeof AttendanceSheetSchema>;
export type SheetAgent = z.infer<typeof SheetAgentSchema>;

export const CorrectionSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  state: z.enum(AGENT_STATES),
  reason: z.string().nullable(),
  at: z.string(),
  note: z.string(),
  source: z.enum(['correction', 'import']),
  actorId: z.string(),
  createdAt: z.string(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const DayDetailSchema = z.object({
  agentId: z.string(),
  day: AttendanceDaySchema,
  leaveType: z.enum(LEAVE_TYPES).nullable(),
  window: z.object({ start: z.string(), end: z.string(), windowStart: z.string(), windowEnd: z.string() }).nullable(),
  spans: z.array(z.object({ from: z.string(), to: z.string(), open: z.boolean(), corrected: z.boolean() })),
  /** the correction lines of the day's range, marked as such */
  corrections: z.array(CorrectionSchema),
  /** the center's offset the day is computed in (rules.utcOffsetMinutes): a correction's time is typed in it */
  utcOffsetMinutes: z.number().int(),
});
export type DayDetail = z.infer<typeof DayDetailSchema>;

export const CorrectionInputSchema = z.strictObject({
  agentId,
  /** a sign-in (`ready`) or a sign-out (`offline`) */
  state: z.enum(['ready', 'offline']),
  at: InstantSchema,
  note: inputText().min(1, 'A correction needs its reason').max(500),
});

/** One line of `agent log import`: the state log's shape. */
export const LogLineSchema = z.strictObject({
  agentId,
  state: z.enum(AGENT_STATES),
  reason: inputText().min(1).max(32).optional(),
  at: InstantSchema,
});
export type LogLine = z.infer<typeof LogLineSchema>;
export const LogImportSchema = z.strictObject({ lines: z.array(LogLineSchema).min(1).max(200_000), reason: inputText().min(1, 'An import needs its reason').max(500) });

// ------------------------------------------------------------------ overtime

export const ClaimSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  date: z.string(),
  kind: z.enum(OVERTIME_KINDS),
  minutes: minutes,
  status: z.enum(OVERTIME_STATUSES),
  approvedMinutes: z.number().int().nullable(),
  compensation: z.enum(COMPENSATIONS).nullable(),
  agentReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** art. 41 warnings this claim is part of (as approved, or as it would be if approved with its minutes) */
  warnings: z.array(z.object({ code: z.enum(['DAILY_EXTENSION', 'MONTHLY_EXTENSION']), period: z.string(), minutes: minutes, limitMinutes: minutes })),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const ClaimListQuerySchema = z.strictObject({ month: MonthSchema, status: z.enum(OVERTIME_STATUSES).optional(), team: team.optional(), agent: agentId.optional() });
export const ApproveSchema = z.strictObject({ id: z.string().min(1).max(80), minutes: z.number().int().min(1).optional(), compensation: z.enum(COMPENSATIONS).optional() });
export const RejectSchema = z.strictObject({ id: z.string().min(1).max(80), reason: inputText().min(1, 'A rejection needs its reason').max(500) });
export const ClaimReasonSchema = z.strictObject({ id: z.string().min(1).max(80), reason: inputText().min(1).max(500) });

export const SheetExportSchema = z.strictObject({
  sheet: z.enum(['attendance', 'overtime']),
  month: MonthSchema,
  format: z.enum(['xlsx', 'csv']),
  team: team.optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type SheetExport = z.output<typeof SheetExportSchema>;

export const attendanceChannels = {
  /** the month as computed (`attendance month`): agents see their own, supervisors their team, admins all */
  'attendance:month': { owner: 'core', request: MonthQuerySchema, result: AttendanceMonthSchema },
  /** the month view and the 月度考勤表 (same query): symbols, totals, approved overtime */
  'attendance:sheet': { owner: 'core', request: MonthQuerySchema, result: AttendanceSheetSchema },
  /** one agent-day: the presence spans it came from and its corrections */
  'attendance:day': { owner: 'core', request: z.strictObject({ agentId, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), result: DayDetailSchema },
  /** 补登: a supervisor or admin adds a missing sign-in or sign-out with its reason */
  'attendance:correct': { owner: 'core', request: CorrectionInputSchema, result: CorrectionSchema },
  /** `agent log import`: all lines or none */
  'attendance:importLog': { owner: 'core', request: LogImportSchema, result: z.object({ imported: z.number().int() }) },
  'attendance:config': { owner: 'core', request: z.strictObject({}), result: AttendanceConfigSchema },
  /** admin only */
  'attendance:setConfig': { owner: 'core', request: AttendanceConfigPatchSchema, result: AttendanceConfigSchema },
  /** 月度考勤表 / 加班统计表 as .xlsx or CSV (audited) */
  'attendance:export': { owner: 'core', request: SheetExportSchema, result: ExportFileSchema },
  'overtime:list': { owner: 'core', request: ClaimListQuerySchema, result: z.array(ClaimSchema) },
  'overtime:approve': { owner: 'core', request: ApproveSchema, result: ClaimSchema },
  'overtime:reject': { owner: 'core', request: RejectSchema, result: ClaimSchema },
  /** the claim's agent adds why */
  'overtime:reason': { owner: 'core', request: ClaimReasonSchema, result: ClaimSchema },
} as const;
