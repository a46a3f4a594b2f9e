/**
 * Attendance from the state log and the roster: domain.md "Attendance and
 * overtime: the exact rules", as pure functions of plain data so the core,
 * the CLI, the sheets, the bench and the tests compute it the same way.
 *
 * Instants are epoch milliseconds; dates are the center's calendar dates
 * (rules.utcOffsetMinutes). Minutes are whole minutes rounded down, and a
 * grace is exceeded only by more than its length, to the millisecond
 * (5:00 late is on time, 5:01 is 5 minutes late).
 */
import { addDays, dayType as dayTypeOf, monthDates, type HolidayIndex } from './calendar.js';
import {
  clockMinutes,
  crossesMidnight,
  parseRosterEntry,
  type AttendanceDay,
  type AttendanceRules,
  type AttendanceStatus,
  type AttendanceTotals,
  type LeaveType,
  type OvertimeMinutes,
  type ShiftType,
} from './schema.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One state-log line (or a correction line) as attendance reads it. */
export interface PresenceLine {
  at: number;
  /** the state log's states: `offline` ends presence, any other begins or continues it */
  state: string;
}

/** A span of presence: [from, to). `open`: no `offline` line closed it (it runs to `now`). */
export interface Span {
  from: number;
  to: number;
  open: boolean;
}

/** A rostered shift placed in time, with the window its presence is counted in. */
export interface ShiftWindow {
  date: string;
  code: string;
  start: number;
  end: number;
  windowStart: number;
  windowEnd: number;
}

export interface AgentMonthInput {
  month: string;
  /** the agent's roster entries by date (entry text: a shift code, `rest`, `leave:<type>`); a missing date is `rest` */
  roster: ReadonlyMap<string, string>;
  shifts: ReadonlyMap<string, ShiftType>;
  holidays: HolidayIndex;
  /** the agent's lines in any order, including the last one before the month (it says whether they were signed in) */
  lines: readonly PresenceLine[];
  rules: AttendanceRules;
  /** an open span (signed in, never signed out) runs to here */
  now: number;
}

/** One agent-day with what it came from (the day's detail). */
export interface AttendanceDayDetail extends AttendanceDay {
  leaveType: LeaveType | null;
  /** the presence that belongs to this day: the shift's window, or (rest day) the calendar day outside every window */
  spans: Span[];
  window: { start: number; end: number; windowStart: number; windowEnd: number } | null;
}

export interface AgentMonth {
  days: AttendanceDayDetail[];
  totals: AttendanceTotals;
  leaveDaysByType: Partial<Record<LeaveType, number>>;
}

/** Epoch ms of a local date and HH:MM (the center's zone). */
export function localInstant(date: string, clock: string, rules: Pick<AttendanceRules, 'utcOffsetMinutes'>): number {
  return Date.parse(`${date}T00:00:00Z`) + clockMinutes(clock) * MINUTE - rules.utcOffsetMinutes * MINUTE;
}

/** The local calendar date of an instant. */
export function localDate(ms: number, rules: Pick<AttendanceRules, 'utcOffsetMinutes'>): string {
  return new Date(ms + rules.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** ISO 8601 with the center's offset, to the second: 2026-03-02T08:31:00+08:00. */
export function formatLocal(ms: number, rules: Pick<AttendanceRules, 'utcOffsetMinutes'>): string {
  const off = rules.utcOffsetMinutes;
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A date and a wall-clock time at the center as an ISO instant with the
 * center's offset (rules.utcOffsetMinutes): what a correction (补登) typed as
 * "2026-03-05, 08:29" means, whatever the zone of the PC it is typed on.
 */
export function localIso(date: string, clock: string, rules: Pick<AttendanceRules, 'utcOffsetMinutes'>): string {
  return formatLocal(localInstant(date, clock, rules), rules);
}

/**
 * Presence: every span from a non-`offline` line to the next `offline`
 * line. Lines at the same instant keep their given order (a sign-out and a
 * sign-in logged in one millisecond).
 */
export function presenceSpans(lines: readonly PresenceLine[], now: number): Span[] {
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.at - b.l.at || a.i - b.i);
  const spans: Span[] = [];
  let open: number | null = null;
  for (const { l } of sorted) {
    if (l.state === 'offline') {
      if (open !== null) {
        if (l.at > open) spans.push({ from: open, to: l.at, open: false });
        open = null;
      }
    } else if (open === null) {
      open = l.at;
    }
  }
  if (open !== null && now > open) spans.push({ from: open, to: now, open: true });
  return spans;
}

/** Total milliseconds of `spans` inside [from, to). */
function overlap(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const s of spans) {
    const a = Math.max(s.from, from);
    const b = Math.min(s.to, to);
    if (b > a) total += b - a;
  }
  return total;
}

/** The parts of `spans` inside [from, to). */
function clip(spans: readonly Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const a = Math.max(s.from, from);
    const b = Math.min(s.to, to);
    if (b > a) out.push({ from: a, to: b, open: s.open && b === s.to });
  }
  return out;
}

/** The parts of `spans` outside every window. */
function subtract(spans: readonly Span[], windows: readonly { windowStart: number; windowEnd: number }[]): Span[] {
  let parts = [...spans];
  for (const w of windows) {
    const next: Span[] = [];
    for (const s of parts) {
      if (s.to <= w.windowStart || s.from >= w.windowEnd) {
        next.push(s);
        continue;
      }
      if (s.from < w.windowStart) next.push({ from: s.from, to: w.windowStart, open: false });
      if (s.to > w.windowEnd) next.push({ from: w.windowEnd, to: s.to, open: s.open });
    }
    parts = next;
  }
  return parts;
}

/** The first and last date of a YYYY-MM month. */
export function monthBounds(month: string): { first: string; last: string } {
  const n = monthDates(month).length;
  return { first: `${month}-01`, last: `${month}-${String(n).padStart(2, '0')}` };
}

/** firstIn / lastOut of a day's spans: the first start, the last end (none while still signed in). */
function firstAndLast(spans: readonly Span[], rules: AttendanceRules): { firstIn: string | null; lastOut: string | null } {
  const first = spans[0];
  const last = spans.at(-1);
  return { firstIn: first ? formatLocal(first.from, rules) : null, lastOut: last && !last.open ? formatLocal(last.to, rules) : null };
}

/** Whole minutes, rounded down. */
const minutesOf = (ms: number): number => Math.floor(ms / MINUTE);

/** Overtime in whole units (30 min by default), rounded down: 29 minutes is none, 59 is 30. */
export function overtimeUnits(ms: number, rules: Pick<AttendanceRules, 'overtimeUnitMinutes'>): number {
  const unit = rules.overtimeUnitMinutes;
  return Math.floor(minutesOf(ms) / unit) * unit;
}

/**
 * The shift windows of the given dates' shift entries: [start - 2 h, end +
 * 8 h), each cut short so that it never overlaps the next one of the same
 * agent (the next one's start - 2 h wins). Unknown shift codes place no
 * window (the day reads as rest; the roster grid refuses them).
 */
export function shiftWindows(dates: readonly string[], roster: ReadonlyMap<string, string>, shifts: ReadonlyMap<string, ShiftType>, rules: AttendanceRules): ShiftWindow[] {
  const out: ShiftWindow[] = [];
  for (const date of dates) {
    const entry = parseRosterEntry(roster.get(date) ?? 'rest');
    if (entry?.kind !== 'shift') continue;
    const shift = shifts.get(entry.code);
    if (!shift) continue;
    const start = localInstant(date, shift.start, rules);
    const end = localInstant(crossesMidnight(shift) ? addDays(date, 1) : date, shift.end, rules);
    out.push({ date, code: shift.code, start, end, windowStart: start - rules.windowBeforeMinutes * MINUTE, windowEnd: end + rules.windowAfterMinutes * MINUTE });
  }
  out.sort((a, b) => a.start - b.start);
  out.forEach((cur, i) => {
    const next = out[i + 1];
    if (next && cur.windowEnd > next.windowStart) cur.windowEnd = Math.max(cur.windowStart, next.windowStart);
  });
  return out;
}

const NO_OVERTIME: OvertimeMinutes = { workday: 0, restday: 0, holiday: 0 };

interface ShiftOutcome {
  status: AttendanceStatus;
  lateMinutes: number;
  earlyMinutes: number;
  overtime: OvertimeMinutes;
  spans: Span[];
}

/** Late, early leave, absent and overtime of one rostered shift. */
export function judgeShift(w: ShiftWindow, spans: readonly Span[], statutory: boolean, rules: AttendanceRules): ShiftOutcome {
  const inWindow = clip(spans, w.windowStart, w.windowEnd);
  // Late and early look at [start - 2 h, end), as domain.md words them (a cut window still owns only its own overtime).
  const duty = clip(spans, w.windowStart, w.end);
  const grace = rules.graceMinutes * MINUTE;
  let status: AttendanceStatus;
  let lateMinutes = 0;
  let earlyMinutes = 0;
  const firstSpan = duty[0];
  const lastSpan = duty.at(-1);
  if (!firstSpan || !lastSpan) {
    status = 'absent';
  } else {
    const lateMs = firstSpan.from - w.start;
    const earlyMs = w.end - lastSpan.to;
    const late = lateMs > grace;
    const early = earlyMs > grace;
    lateMinutes = late ? minutesOf(lateMs) : 0;
    earlyMinutes = early ? minutesOf(earlyMs) : 0;
    status = late && early ? 'late_early' : late ? 'late' : early ? 'early' : 'normal';
  }
  const overtime = statutory
    ? { ...NO_OVERTIME, holiday: overtimeUnits(overlap(spans, w.windowStart, w.windowEnd), rules) }
    : { ...NO_OVERTIME, workday: overtimeUnits(overlap(spans, w.end, w.windowEnd), rules) };
  return { status, lateMinutes, earlyMinutes, overtime, spans: inWindow };
}

/**
 * One agent's month. Windows of the two days either side of the month are
 * placed too: a night shift on the last day of the previous month holds the
 * first morning of this one.
 */
export function computeAgentMonth(input: AgentMonthInput): AgentMonth {
  const { rules } = input;
  const dates = monthDates(input.month);
  const { first, last } = monthBounds(input.month);
  const around = [addDays(first, -2), addDays(first, -1), ...dates, addDays(last, 1), addDays(last, 2)];
  const windows = shiftWindows(around, input.roster, input.shifts, rules);
  const byDate = new Map(windows.map((w) => [w.date, w]));
  const spans = presenceSpans(input.lines, input.now);

  const days: AttendanceDayDetail[] = [];
  const totals: AttendanceTotals = {
    scheduledDays: 0,
    attendedDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    absentDays: 0,
    leaveDays: 0,
    restDays: 0,
    overtimeMinutes: { ...NO_OVERTIME },
  };
  const leaveDaysByType: Partial<Record<LeaveType, number>> = {};

  for (const date of dates) {
    const type = dayTypeOf(date, input.holidays);
    const text = input.roster.get(date) ?? 'rest';
    const entry = parseRosterEntry(text);
    const w = byDate.get(date);
    const base = { date, dayType: type, entry: text, firstIn: null, lastOut: null, lateMinutes: 0, earlyMinutes: 0, overtime: { ...NO_OVERTIME }, leaveType: null, spans: [], window: null };
    let day: AttendanceDayDetail;
    if (entry?.kind === 'leave') {
      // Leave counts neither attendance nor overtime.
      day = { ...base, status: 'leave', leaveType: entry.leave };
      totals.leaveDays += 1;
      leaveDaysByType[entry.leave] = (leaveDaysByType[entry.leave] ?? 0) + 1;
    } else if (w) {
      const o = judgeShift(w, spans, type === 'statutory', rules);
      day = {
        ...base,
        status: o.status,
        lateMinutes: o.lateMinutes,
        earlyMinutes: o.earlyMinutes,
        overtime: o.overtime,
        spans: o.spans,
        window: { start: w.start, end: w.end, windowStart: w.windowStart, windowEnd: w.windowEnd },
        ...firstAndLast(o.spans, rules),
      };
      totals.scheduledDays += 1;
      if (o.status === 'absent') totals.absentDays += 1;
      else totals.attendedDays += 1;
      if (o.lateMinutes > 0) {
        totals.lateCount += 1;
        totals.lateMinutes += o.lateMinutes;
      }
      if (o.earlyMinutes > 0) {
        totals.earlyCount += 1;
        totals.earlyMinutes += o.earlyMinutes;
      }
    } else {
      // A rest (or unrostered) date: the presence of the calendar day that no shift window holds.
      const dayStart = localInstant(date, '00:00', rules);
      const free = subtract(clip(spans, dayStart, dayStart + DAY), windows);
      const units = overtimeUnits(free.reduce((t, s) => t + (s.to - s.from), 0), rules);
      const overtime = type === 'statutory' ? { ...NO_OVERTIME, holiday: units } : { ...NO_OVERTIME, restday: units };
      day = {
        ...base,
        status: 'rest',
        overtime,
        spans: free,
        ...firstAndLast(free, rules),
      };
      totals.restDays += 1;
    }
    totals.overtimeMinutes.workday += day.overtime.workday;
    totals.overtimeMinutes.restday += day.overtime.restday;
    totals.overtimeMinutes.holiday += day.overtime.holiday;
    days.push(day);
  }
  return { days, totals, leaveDaysByType };
}

/** The instants [from, to) whose lines a month needs: two days either side (night shifts, 8 h windows), plus the line before. */
export function monthLineRange(month: string, rules: Pick<AttendanceRules, 'utcOffsetMinutes'>): { from: number; to: number } {
  const { first, last } = monthBounds(month);
  return { from: localInstant(addDays(first, -2), '00:00', rules), to: localInstant(addDays(last, 3), '00:00', rules) };
}
