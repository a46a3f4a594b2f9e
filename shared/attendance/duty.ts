/**
 * The after-hours duty roster (值班表, issue 16 point 7): who is on duty on
 * a date and a time span (possibly crossing midnight), their phone and a
 * backup. Conflicts with the shift roster and leave are flagged, never
 * refused: an admin may knowingly roster someone, and the flag says why the
 * entry needs a second look. Pure: the core, the CLI, the server and the
 * tests compute the same flags from plain roster entries and shift types.
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';
import { ClockSchema, clockMinutes, DateSchema, parseRosterEntry, type RosterEntry, type ShiftType } from './schema.js';

/** A phone number as people write it: digits, spaces, + - ( ) and an extension (转 / ext / x). */
export const DutyPhoneSchema = inputText()
  .min(3)
  .max(40)
  .regex(/^[+0-9()\s\-转extEXT.]+$/, 'A phone number: digits, spaces and + - ( ), an extension after 转 or ext');

const AgentIdSchema = inputText().min(1).max(64);

/** `duty set`'s input (the CLI's --json and the screen's form). `id` present: replace that entry. */
export const DutyInputSchema = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  date: DateSchema,
  start: ClockSchema,
  /** at or before `start`: the span ends the next day */
  end: ClockSchema,
  agentId: AgentIdSchema,
  phone: DutyPhoneSchema,
  backupId: AgentIdSchema.nullable().optional(),
});
export type DutyInput = z.infer<typeof DutyInputSchema>;

export const DUTY_CONFLICT_CODES = ['on_leave', 'shift_overlap', 'backup_is_agent', 'backup_on_leave'] as const;
export type DutyConflictCode = (typeof DUTY_CONFLICT_CODES)[number];
export const DutyConflictSchema = z.object({
  code: z.enum(DUTY_CONFLICT_CODES),
  /** who the flag is about */
  agentId: z.string(),
  /** the roster date it comes from (a shift the day before can run into the duty span) */
  date: z.string(),
  /** the roster entry that conflicts (`leave:sick`, `D`), or null */
  entry: z.string().nullable(),
  message: z.string(),
});
export type DutyConflict = z.infer<typeof DutyConflictSchema>;

export const DutyEntrySchema = z.object({
  id: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  agentId: z.string(),
  phone: z.string(),
  backupId: z.string().nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  conflicts: z.array(DutyConflictSchema),
});
export type DutyEntry = z.infer<typeof DutyEntrySchema>;

export const DutyListQuerySchema = z
  .strictObject({ from: DateSchema, to: DateSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '--to is before --from' })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) <= 366, { path: ['to'], message: 'At most 366 days at a time' });

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC arithmetic: dates, not instants). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** [start, end) in minutes from the date's midnight; an end at or before the start is the next day. */
export function spanMinutes(start: string, end: string): [number, number] {
  const s = clockMinutes(start);
  let e = clockMinutes(end);
  if (e <= s) e += 24 * 60;
  return [s, e];
}

/**
 * The flags of one duty entry against the shift roster:
 * - `on_leave`: the person on duty has `leave:<type>` on the duty date;
 * - `shift_overlap`: one of their rostered shifts (on the date, the day
 *   before or the day after: night shifts cross midnight) overlaps the span;
 *   touching ends (a shift ending 22:00, duty from 22:00) do not overlap;
 * - `backup_is_agent`: the backup is the person on duty;
 * - `backup_on_leave`: the backup is on leave that date (no backup in fact).
 * A shift code the roster names but the shift types do not know is skipped:
 * the roster's own import refuses such codes.
 */
export function dutyConflicts(
  duty: { date: string; start: string; end: string; agentId: string; backupId?: string | null },
  roster: readonly Pick<RosterEntry, 'agentId' | 'date' | 'entry'>[],
  shifts: readonly Pick<ShiftType, 'code' | 'start' | 'end'>[],
): DutyConflict[] {
  const out: DutyConflict[] = [];
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const byCode = new Map(shifts.map((s) => [s.code.toLowerCase(), s]));
  const [dutyStart, dutyEnd] = spanMinutes(duty.start, duty.end);
  const base = dayNumber(duty.date);
  for (const r of roster) {
    if (!same(r.agentId, duty.agentId)) continue;
    const parsed = parseRosterEntry(r.entry);
    if (!parsed) continue;
    const offset = (dayNumber(r.date) - base) * 24 * 60;
    if (parsed.kind === 'leave' && r.date === duty.date) {
      out.push({ code: 'on_leave', agentId: duty.agentId, date: r.date, entry: r.entry, message: `${duty.agentId} is on leave (${parsed.leave}) on ${r.date}` });
    }
    if (parsed.kind !== 'shift' || Math.abs(offset) > 24 * 60) continue;
    const shift = byCode.get(parsed.code.toLowerCase());
    if (!shift) continue;
    const [s, e] = spanMinutes(shift.start, shift.end);
    if (s + offset < dutyEnd && dutyStart < e + offset) {
      out.push({
        code: 'shift_overlap',
        agentId: duty.agentId,
        date: r.date,
        entry: r.entry,
        message: `${duty.agentId}'s shift ${shift.code} (${shift.start}-${shift.end}) on ${r.date} overlaps the duty ${duty.start}-${duty.end}`,
      });
    }
  }
  const backup = duty.backupId ?? null;
  if (backup !== null && same(backup, duty.agentId)) {
    out.push({ code: 'backup_is_agent', agentId: duty.agentId, date: duty.date, entry: null, message: `The backup is ${duty.agentId}, the person on duty` });
  } else if (backup !== null) {
    const leave = roster.find((r) => same(r.agentId, backup) && r.date === duty.date && parseRosterEntry(r.entry)?.kind === 'leave');
    if (leave) out.push({ code: 'backup_on_leave', agentId: backup, date: duty.date, entry: leave.entry, message: `The backup ${backup} is on leave (${leave.entry}) on ${duty.date}` });
  }
  return out;
}

/**
 * The entry "on duty tonight" at `now` (center time: `date` and `minutes`
 * since its midnight): the span running now, else the next one starting
 * today, else yesterday's still running past midnight.
 */
export function dutyTonight<T extends { date: string; start: string; end: string }>(entries: readonly T[], today: string, minutes: number): T | null {
  const running = entries.filter((e) => {
    const off = (dayNumber(e.date) - dayNumber(today)) * 24 * 60;
    const [s, en] = spanMinutes(e.start, e.end);
    return s + off <= minutes && minutes < en + off;
  });
  if (running[0]) return running[0];
  const later = entries.filter((e) => e.date === today && clockMinutes(e.start) > minutes).sort((a, b) => a.start.localeCompare(b.start));
  return later[0] ?? null;
}
