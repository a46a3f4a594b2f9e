import { parseRosterEntry } from '../../../shared/attendance/schema.js';
import { entryFromTyped, splitDelimited } from '../../../shared/attendance/roster.js';
import type { LeaveType, RosterEntry } from '../../../shared/attendance/schema.js';

/** A cell of the grid: row (agent) and column (day) index. */
export interface Pos {
  r: number;
  c: number;
}

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rangeOf(a: Pos, b: Pos | null): Range {
  const o = b ?? a;
  return { top: Math.min(a.r, o.r), bottom: Math.max(a.r, o.r), left: Math.min(a.c, o.c), right: Math.max(a.c, o.c) };
}

export function inRange(range: Range, r: number, c: number): boolean {
  return r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;
}

export const clamp = (n: number, max: number): number => Math.max(0, Math.min(max, n));

export const cellKey = (agentId: string, date: string): string => `${agentId}|${date}`;

/** The range as tab-separated text, as Excel copies it (a missing entry is rest). */
export function rangeText(range: Range, agents: readonly string[], dates: readonly string[], entries: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const cells: string[] = [];
    for (let c = range.left; c <= range.right; c++) cells.push(entries.get(cellKey(agents[r] as string, dates[c] as string)) ?? 'rest');
    lines.push(cells.join('\t'));
  }
  return lines.join('\r\n');
}

export type PasteResult = { ok: true; entries: RosterEntry[]; clipped: boolean } | { ok: false; row: number; col: number; text: string };

/**
 * Pasted text (tab-separated from Excel, or one value) as entries from the
 * top-left of the selection; one value into a larger selection fills it.
 * All or nothing: the first cell that is no entry is reported (1-based).
 */
export function pasteEntries(text: string, range: Range, agents: readonly string[], dates: readonly string[], shiftCodes: readonly string[]): PasteResult {
  const rows = splitDelimited(text.replace(/(\r?\n)+$/, ''), '\t');
  const single = rows.length === 1 && rows[0]?.length === 1;
  const height = single ? range.bottom - range.top + 1 : rows.length;
  const out: RosterEntry[] = [];
  let clipped = false;
  for (let i = 0; i < height; i++) {
    const row = single ? rows[0] ?? [] : rows[i] ?? [];
    const width = single ? range.right - range.left + 1 : row.length;
    for (let j = 0; j < width; j++) {
      const raw = single ? row[0] ?? '' : row[j] ?? '';
      const entry = entryFromTyped(raw, shiftCodes);
      if (entry === null) return { ok: false, row: i + 1, col: j + 1, text: raw };
      const agent = agents[range.top + i];
      const date = dates[range.left + j];
      if (agent === undefined || date === undefined) {
        clipped = true;
        continue;
      }
      out.push({ agentId: agent, date, entry });
    }
  }
  return { ok: true, entries: out, clipped };
}

export type EntryLook = { kind: 'shift'; text: string } | { kind: 'rest'; planned: boolean } | { kind: 'leave'; leave: LeaveType };

export function lookOf(entry: string | undefined): EntryLook {
  if (entry === undefined) return { kind: 'rest', planned: false };
  const parsed = parseRosterEntry(entry);
  if (!parsed || parsed.kind === 'rest') return { kind: 'rest', planned: true };
  if (parsed.kind === 'leave') return { kind: 'leave', leave: parsed.leave };
  return { kind: 'shift', text: parsed.code };
}

const WEEKDAY_KEYS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'] as const;
/** The catalogue key of a date's weekday (roster.weekday.d0 = Sunday). */
export function weekdayKey(date: string): (typeof WEEKDAY_KEYS)[number] {
  return WEEKDAY_KEYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'd0';
}
