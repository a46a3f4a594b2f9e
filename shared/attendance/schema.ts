/**
 * The attendance domain's vocabulary (issue 16): holiday calendar, shift
 * types, roster entries, attendance statuses and overtime claims. Pure
 * schemas and types; the rules that compute with them live beside this file
 * (calendar.ts, and the attendance / overtime rules), so the core, the CLI,
 * the server and the tests compute the same way. The defaults are those of
 * ../shared/docs/domain.md, "Attendance and overtime: the exact rules".
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';

/** YYYY-MM-DD that is a real calendar date. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a calendar date');

/** YYYY-MM of a real month. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM');

/** HH:MM on a 24-hour clock (00:00-23:59). */
export const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day is HH:MM (00:00-23:59)');

// ---------------------------------------------------------------- calendar

/**
 * Kinds of an official calendar day. Days not listed in a year's calendar are
 * ordinary weekdays (`workday`) or weekends (`weekend`); see calendar.ts.
 */
export const HOLIDAY_KINDS = ['statutory', 'holiday_rest', 'adjusted_workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const HolidayKindSchema = z.enum(HOLIDAY_KINDS);

/** Every kind a date can have once the calendar is applied. */
export const DAY_TYPES = ['workday', 'weekend', ...HOLIDAY_KINDS] as const;
export type DayType = (typeof DAY_TYPES)[number];

/** One listed day of a year's calendar: the shape `holidays list` prints and `holidays import` reads. */
export const HolidayDaySchema = z.strictObject({
  date: DateSchema,
  kind: HolidayKindSchema,
  /** the holiday's name (元旦, 春节, ...); for an adjusted working day, the holiday it makes up for */
  name: inputText().min(1).max(40),
});
export type HolidayDay = z.infer<typeof HolidayDaySchema>;

/** A whole year's listed days, all in that year, each date once. */
export const HolidayYearSchema = z
  .array(HolidayDaySchema)
  .min(1)
  .max(366)
  .superRefine((days, ctx) => {
    const year = days[0]?.date.slice(0, 4);
    const seen = new Set<string>();
    days.forEach((d, i) => {
      if (d.date.slice(0, 4) !== year) {
        ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `Every day of one import belongs to the same year (${year ?? '?'})` });
      }
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${d.date} is listed twice` });
      seen.add(d.date);
    });
  });

// ---------------------------------------------------------------- shifts

/** A shift code: what an admin types in the roster grid (D, E, N, D2 ...). Not `rest`, not `leave:...`. */
export const ShiftCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,7}$/, 'A shift code is a letter then up to 7 letters or digits')
  .refine((c) => c.toLowerCase() !== 'rest', '"rest" is reserved for a rest day');

export const ShiftTypeSchema = z.strictObject({
  code: ShiftCodeSchema,
  name: inputText().min(1).max(40),
  start: ClockSchema,
  /** at or before `start`: the shift ends the next day */
  end: ClockSchema,
  breakMinutes: z.number().int().min(0).max(240).default(0),
});
export type ShiftTypeInput = z.input<typeof ShiftTypeSchema>;
export type ShiftType = z.output<typeof ShiftTypeSchema>;

/** domain.md's defaults: D 白班 08:30-17:30 (60 min break), E 晚班 17:00-22:00, N 值班 22:00-08:30. */
export const DEFAULT_SHIFTS: readonly ShiftType[] = [
  { code: 'D', name: '白班', start: '08:30', end: '17:30', breakMinutes: 60 },
  { code: 'E', name: '晚班', start: '17:00', end: '22:00', breakMinutes: 0 },
  { code: 'N', name: '值班', start: '22:00', end: '08:30', breakMinutes: 0 },
];

/** Minutes after midnight of HH:MM. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when the shift ends the next day (its end is at or before its start). */
export function crossesMidnight(shift: Pick<ShiftType, 'start' | 'end'>): boolean {
  return clockMinutes(shift.end) <= clockMinutes(shift.start);
}

// ---------------------------------------------------------------- roster

export const LEAVE_TYPES = ['annual', 'personal', 'sick', 'comp', 'marriage', 'maternity', 'other'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const LeaveTypeSchema = z.enum(LEAVE_TYPES);

/** A roster entry as written in files and the CLI: a shift code, `rest`, or `leave:<type>`. */
export type RosterEntryValue = { kind: 'shift'; code: string } | { kind: 'rest' } | { kind: 'leave'; leave: LeaveType };

/** Parses `D` / `rest` / `leave:sick`; null when it is none of them (the caller names the line and column). */
export function parseRosterEntry(text: string): RosterEntryValue | null {
  const t = text.trim();
  if (t.toLowerCase() === 'rest') return { kind: 'rest' };
  if (t.toLowerCase().startsWith('leave:')) {
    const leave = LeaveTypeSchema.safeParse(t.slice(6).toLowerCase());
    return leave.success ? { kind: 'leave', leave: leave.data } : null;
  }
  return ShiftCodeSchema.safeParse(t).success ? { kind: 'shift', code: t } : null;
}

export function formatRosterEntry(entry: RosterEntryValue): string {
  if (entry.kind === 'rest') return 'rest';
  if (entry.kind === 'leave') return `leave:${entry.leave}`;
  return entry.code;
}

export const RosterEntryTextSchema = z
  .string()
  .trim()
  .refine((t) => parseRosterEntry(t) !== null, 'An entry is a shift code, "rest" or "leave:<type>" (annual, personal, sick, comp, marriage, maternity, other)');

/** One agent's entry on one date (a date with none is `rest`). */
export const RosterEntrySchema = z.strictObject({
  agentId: inputText().min(1).max(64),
  date: DateSchema,
  entry: RosterEntryTextSchema,
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

// ---------------------------------------------------------------- attendance

export const ATTENDANCE_STATUSES = ['normal', 'late', 'early', 'late_early', 'absent', 'leave', 'rest'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const OVERTIME_KINDS = ['workday', 'restday', 'holiday'] as const;
export type OvertimeKind = (typeof OVERTIME_KINDS)[number];
/** Pay rate in percent by kind (Labour Law art. 44). */
export const OVERTIME_RATES: Record<OvertimeKind, number> = { workday: 150, restday: 200, holiday: 300 };

export type OvertimeMinutes = Record<OvertimeKind, number>;

/** One agent-day as `attendance month` prints it. Times are ISO 8601 with the center's offset. */
export interface AttendanceDay {
  date: string;
  dayType: DayType;
  entry: string;
  status: AttendanceStatus;
  firstIn: string | null;
  lastOut: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  overtime: OvertimeMinutes;
}

export interface AttendanceTotals {
  scheduledDays: number;
  attendedDays: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  absentDays: number;
  leaveDays: number;
  restDays: number;
  overtimeMinutes: OvertimeMinutes;
}

/** The configurable rule numbers (domain.md defaults). */
export const AttendanceRulesSchema = z.strictObject({
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
  graceMinutes: z.number().int().min(0).max(120).default(5),
  windowBeforeMinutes: z.number().int().min(0).max(720).default(120),
  windowAfterMinutes: z.number().int().min(0).max(1440).default(480),
  overtimeUnitMinutes: z.number().int().min(1).max(240).default(30),
  dailyExtensionWarnMinutes: z.number().int().min(0).default(180),
  monthlyExtensionWarnMinutes: z.number().int().min(0).default(36 * 60),
});
export type AttendanceRules = z.output<typeof AttendanceRulesSchema>;
export const DEFAULT_ATTENDANCE_RULES: AttendanceRules = AttendanceRulesSchema.parse({});

// ---------------------------------------------------------------- overtime claims

export const OVERTIME_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type OvertimeStatus = (typeof OVERTIME_STATUSES)[number];
export const COMPENSATIONS = ['pay', 'time_off'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];
