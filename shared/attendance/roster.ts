/**
 * Roster rules (issue 16 point 2), pure so the grid, the core services, the
 * CLI and the tests plan the same way: "fill from the calendar", "copy last
 * week", the entry a typed cell means, and reading a roster table (CSV or
 * .xlsx cells, already turned into rows of text) in either shape:
 * - wide: `agent[,name],<date>,<date>...`, one row per agent (what an admin
 *   keeps in Excel); an empty cell is `rest`;
 * - long: `agent,date,entry`, one row per agent-day.
 * All or nothing: the first bad cell is reported by its line and column.
 */
import { addDays, dayType, isOfficialWorkday, type HolidayIndex } from './calendar.js';
import { DateSchema, formatRosterEntry, parseRosterEntry, type RosterEntry } from './schema.js';

/** `fill from the calendar`: the shift on every official working day of `dates`; leave already planned stays. */
export function fillFromCalendar(
  agentIds: readonly string[],
  dates: readonly string[],
  holidays: HolidayIndex,
  shiftCode: string,
  current: ReadonlyMap<string, string> = new Map(),
): RosterEntry[] {
  const out: RosterEntry[] = [];
  for (const agentId of agentIds) {
    for (const date of dates) {
      if (!isOfficialWorkday(dayType(date, holidays))) continue;
      const now = current.get(`${agentId}|${date}`);
      if (now !== undefined && parseRosterEntry(now)?.kind === 'leave') continue;
      out.push({ agentId, date, entry: shiftCode });
    }
  }
  return out;
}

/** Monday (YYYY-MM-DD) of the week holding `date`. */
export function weekStartOf(date: string): string {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, wd === 0 ? -6 : 1 - wd);
}

/**
 * `copy last week`: each day of the week starting `weekStart` takes the
 * entry of the same weekday a week earlier (none there: `rest`).
 */
export function copyLastWeek(agentIds: readonly string[], weekStart: string, current: ReadonlyMap<string, string>): RosterEntry[] {
  const out: RosterEntry[] = [];
  for (const agentId of agentIds) {
    for (let i = 0; i < 7; i++) {
      const date = addDays(weekStart, i);
      out.push({ agentId, date, entry: current.get(`${agentId}|${addDays(date, -7)}`) ?? 'rest' });
    }
  }
  return out;
}

/**
 * What a typed cell means in the grid: a known shift code (any case), `rest`
 * (also 休 / R / -), or leave (`leave:sick`, 假 alone is `leave:other`).
 * Null: not an entry, or a shift code nobody defined.
 */
export function entryFromTyped(text: string, shiftCodes: readonly string[]): string | null {
  const t = text.trim();
  if (t === '') return 'rest';
  if (['休', '-', 'r', 'R'].includes(t)) return 'rest';
  if (t === '假') return 'leave:other';
  const parsed = parseRosterEntry(t);
  if (!parsed) return null;
  if (parsed.kind !== 'shift') return formatRosterEntry(parsed);
  return shiftCodes.find((c) => c.toLowerCase() === parsed.code.toLowerCase()) ?? null;
}

// ---------------------------------------------------------------- roster tables

export type RosterTableShape = 'wide' | 'long';

export interface RosterTableProblem {
  /** 1-based line of the file (the header is line 1) */
  line: number;
  /** 1-based column, and its spreadsheet letter (A, B, ... AA) */
  column: number;
  columnLetter: string;
  code: 'ROSTER_FILE_INVALID' | 'AGENT_UNKNOWN' | 'SHIFT_UNKNOWN';
  message: string;
}

export type RosterTableResult = { ok: true; shape: RosterTableShape; entries: RosterEntry[] } | { ok: false; problem: RosterTableProblem };

export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const AGENT_HEADERS = ['agent', 'agentid', '坐席', '工号', '账号'];
const NAME_HEADERS = ['name', '姓名', '名字'];
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

export interface RosterTableKnown {
  /** usernames the roster may name (compared case-insensitively; the stored spelling is used) */
  agents: readonly string[];
  /** shift codes in use */
  shifts: readonly string[];
}

/** Reads a roster table (first row: the header). Which shape it is follows from the header. */
export function parseRosterTable(rows: readonly (readonly string[])[], known: RosterTableKnown): RosterTableResult {
  const fail = (line: number, column: number, code: RosterTableProblem['code'], message: string): RosterTableResult => ({
    ok: false,
    problem: { line, column, columnLetter: columnLetter(column), code, message: `line ${line}, column ${columnLetter(column)}: ${message}` },
  });
  const header = (rows[0] ?? []).map((h) => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) return fail(1, 1, 'ROSTER_FILE_INVALID', 'the file is empty; the first line is the header (agent,date,entry, or agent then one column per date)');
  if (!AGENT_HEADERS.includes(norm(header[0] ?? ''))) return fail(1, 1, 'ROSTER_FILE_INVALID', `the first column's header must be "agent", not "${header[0] ?? ''}"`);
  const agents = new Map(known.agents.map((a) => [a.toLowerCase(), a]));
  const shifts = new Map(known.shifts.map((c) => [c.toLowerCase(), c]));
  const long = header.length === 3 && norm(header[1] ?? '') === 'date' && norm(header[2] ?? '') === 'entry';

  const agentAt = (line: number, column: number, text: string): string | RosterTableResult => {
    const t = text.trim();
    if (t === '') return fail(line, column, 'ROSTER_FILE_INVALID', 'the agent is missing');
    return agents.get(t.toLowerCase()) ?? fail(line, column, 'AGENT_UNKNOWN', `no agent "${t}" here`);
  };
  const entryAt = (line: number, column: number, text: string, emptyIsRest: boolean): string | RosterTableResult => {
    const t = text.trim();
    if (t === '') return emptyIsRest ? 'rest' : fail(line, column, 'ROSTER_FILE_INVALID', 'the entry is missing (a shift code, rest or leave:<type>)');
    const parsed = parseRosterEntry(t);
    if (!parsed) return fail(line, column, 'ROSTER_FILE_INVALID', `"${t}" is not an entry: a shift code, rest or leave:<type> (annual, personal, sick, comp, marriage, maternity, other)`);
    if (parsed.kind !== 'shift') return formatRosterEntry(parsed);
    return shifts.get(parsed.code.toLowerCase()) ?? fail(line, column, 'SHIFT_UNKNOWN', `no shift type "${t}" (shift types: ${known.shifts.join(', ') || 'none'})`);
  };

  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  const add = (line: number, column: number, agentId: string, date: string, entry: string): RosterTableResult | null => {
    const key = `${agentId.toLowerCase()}|${date}`;
    const before = seen.get(key);
    if (before !== undefined) return fail(line, column, 'ROSTER_FILE_INVALID', `${agentId} on ${date} is already given on line ${before}`);
    seen.set(key, line);
    entries.push({ agentId, date, entry });
    return null;
  };

  if (long) {
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const line = i + 1;
      if (row.every((c) => c.trim() === '')) continue;
      const agent = agentAt(line, 1, row[0] ?? '');
      if (typeof agent !== 'string') return agent;
      const date = (row[1] ?? '').trim();
      if (!DateSchema.safeParse(date).success) return fail(line, 2, 'ROSTER_FILE_INVALID', `"${date}" is not a date (YYYY-MM-DD)`);
      const entry = entryAt(line, 3, row[2] ?? '', false);
      if (typeof entry !== 'string') return entry;
      if (row.slice(3).some((c) => c.trim() !== '')) return fail(line, 4, 'ROSTER_FILE_INVALID', 'a line has three values: agent,date,entry');
      const dup = add(line, 1, agent, date, entry);
      if (dup) return dup;
    }
    return { ok: true, shape: 'long', entries };
  }

  // Wide: agent, an optional name column, then one column per date.
  const dateColumns: { index: number; date: string }[] = [];
  for (let c = 1; c < header.length; c++) {
    const h = header[c] ?? '';
    if (c === 1 && NAME_HEADERS.includes(norm(h))) continue;
    if (!DateSchema.safeParse(h).success) {
      return fail(1, c + 1, 'ROSTER_FILE_INVALID', `"${h}" is not a date (YYYY-MM-DD); a roster has agent,date,entry or agent then one column per date`);
    }
    if (dateColumns.some((d) => d.date === h)) return fail(1, c + 1, 'ROSTER_FILE_INVALID', `the date ${h} is a column twice`);
    dateColumns.push({ index: c, date: h });
  }
  if (dateColumns.length === 0) return fail(1, 2, 'ROSTER_FILE_INVALID', 'no date columns: a wide roster has agent then one column per date (YYYY-MM-DD)');
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const line = i + 1;
    if (row.every((c) => c.trim() === '')) continue;
    const agent = agentAt(line, 1, row[0] ?? '');
    if (typeof agent !== 'string') return agent;
    if (row.slice(header.length).some((c) => c.trim() !== '')) return fail(line, header.length + 1, 'ROSTER_FILE_INVALID', 'a value beyond the last date column');
    for (const { index, date } of dateColumns) {
      const entry = entryAt(line, index + 1, row[index] ?? '', true);
      if (typeof entry !== 'string') return entry;
      const dup = add(line, 1, agent, date, entry);
      if (dup) return dup;
    }
  }
  return { ok: true, shape: 'wide', entries };
}

/**
 * Splits CSV text (RFC 4180: quoted fields may hold commas, quotes as "" and
 * line breaks; CRLF or LF; a leading byte-order mark ignored) into rows.
 * Also reads tab-separated text (what Excel puts on the clipboard) when
 * `separator` is a tab.
 */
export function splitDelimited(text: string, separator: ',' | '\t' = ','): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV text cell a spreadsheet would run as a formula is kept as text; quoting per RFC 4180. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
