/**
 * The attendance plan's services (issue 16 points 2-3): shift types, the
 * holiday calendar, the roster. Every write is one local transaction with its
 * outbox entries (all or nothing); the server re-checks the roles
 * (shared/sync/entities.ts). Writes send whole rows, so a seeded default (a
 * row the server has never seen) arrives there as a create.
 */
import { rosterEntryId } from '../../../shared/attendance/planRules.js';
import type { Handlers } from '../../../shared/contract.js';
import { dayType, monthDates, addDays } from '../../../shared/attendance/calendar.js';
import { canEditCalendar, canEditRoster, canEditShifts } from '../../../shared/attendance/planRules.js';
import { copyLastWeek, fillFromCalendar, parseRosterTable, splitDelimited } from '../../../shared/attendance/roster.js';
import type { HolidayDay, RosterEntry, ShiftTypeInput } from '../../../shared/attendance/schema.js';
import { ShiftTypeSchema } from '../../../shared/attendance/schema.js';
import type { RosterMonth } from '../../../shared/attendance/planContract.js';
import type { ExportFile } from '../../../shared/reports/periodReport.js';
import { AppError } from '../../../shared/result.js';
import type { CoreChannel } from '../api.js';
import { acting, type Acting, type WorkEnv } from '../desk/workEnv.js';
import { readDirectory } from '../desk/directory.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { calendarYears, getShift, holidayIndex, listHolidays, listShifts, rosterFor, rosterIndex, type ShiftTypeRow } from './plan.js';
import { readRosterFile, rosterCsv, rosterRows, rosterXlsx } from './rosterFiles.js';

export type PlanChannel = Extract<CoreChannel, `shifts:${string}` | `holidays:${string}` | `roster:${string}`>;
export type PlanHandlers = Handlers<PlanChannel>;

export interface PlanDeps extends WorkEnv {
  localChange: () => void;
}

/** The sync protocol takes at most 200 row changes per mutation. */
const CHANGES_PER_MUTATION = 200;

interface PlanPerson {
  username: string;
  displayName: string;
  role: string;
  team: string | null;
}

function forbidden(message: string, path = ''): AppError {
  return new AppError('FORBIDDEN', message, [{ path, code: 'forbidden', message }]);
}

/** The center's today (+08:00), YYYY-MM-DD. */
function todayOf(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function createPlan(deps: PlanDeps): { handlers: PlanHandlers } {
  const { ctx } = deps;
  const me = (): Acting => acting(deps);
  const changed = (): void => {
    deps.localChange();
    deps.emit('console:changed', { kinds: ['plan'], origin: 'local' });
  };

  function people(r: SqlReader): PlanPerson[] {
    return readDirectory(r).people;
  }

  /** The team a request is about: a non-admin always their own; an admin the one asked, else their own, else the first. */
  function teamFor(r: SqlReader, user: Acting, asked: string | undefined): { team: string | null; teams: string[] } {
    const all = readDirectory(r).teams;
    if (user.role !== 'admin') {
      if (asked !== undefined && asked !== user.team) throw forbidden(`A ${user.role} sees the roster of their own team (${user.team ?? 'none'}), not ${asked}`, 'team');
      return { team: user.team, teams: user.team ? [user.team] : [] };
    }
    if (asked !== undefined) {
      if (!all.includes(asked)) {
        const message = `There is no team "${asked}"; teams: ${all.join(', ') || 'none yet'}`;
        throw new AppError('TEAM_UNKNOWN', message, [{ path: 'team', code: 'team_unknown', message }]);
      }
      return { team: asked, teams: all };
    }
    return { team: user.team ?? all[0] ?? null, teams: all };
  }

  function teamAgents(r: SqlReader, team: string | null): PlanPerson[] {
    return people(r).filter((p) => p.team === team);
  }

  // ------------------------------------------------------------ shifts

  function writeShift(w: SqlWriter, s: Stamp, user: Acting, shift: { code: string; name: string; start: string; end: string; breakMinutes: number; retiredAt: string | null }, name: string): void {
    const existing = w.get<{ createdAt: string; fieldHlc: string }>('SELECT created_at AS createdAt, field_hlc AS fieldHlc FROM shift_type WHERE id = ?', [shift.code]);
    const values = { ...shift, updatedBy: user.username, createdAt: existing?.createdAt ?? s.at, updatedAt: s.at };
    if (existing) {
      w.run('UPDATE shift_type SET name = ?, start_time = ?, end_time = ?, break_minutes = ?, retired_at = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        shift.name, shift.start, shift.end, shift.breakMinutes, shift.retiredAt, user.username, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), shift.code,
      ]);
    } else {
      w.run(
        'INSERT INTO shift_type (id, code, name, start_time, end_time, break_minutes, retired_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [shift.code, shift.code, shift.name, shift.start, shift.end, shift.breakMinutes, shift.retiredAt, user.username, s.at, s.at, createdFieldHlc(s.hlc)],
      );
    }
    appendOutbox(w, s, { name, entity: 'shift_type', entityId: shift.code, changes: [{ entity: 'shift_type', id: shift.code, values }] });
  }

  function setShift(input: ShiftTypeInput): ShiftTypeRow {
    const user = me();
    if (!canEditShifts(user.role)) throw forbidden(`Only an admin changes shift types; a ${user.role} reads them`);
    const shift = ShiftTypeSchema.parse(input);
    ctx.store.write((w) => {
      // Codes are matched case-insensitively in the grid: D and d are one shift.
      const clash = w.get<{ code: string }>('SELECT code FROM shift_type WHERE lower(code) = lower(?) AND code <> ?', [shift.code, shift.code]);
      if (clash) throw new AppError('VALIDATION_FAILED', `code: ${shift.code} would clash with the shift ${clash.code}`, [{ path: 'code', code: 'code_taken', message: `Clashes with ${clash.code}` }]);
      writeShift(w, stamp(ctx), user, { ...shift, retiredAt: null }, 'shifts:set');
    });
    changed();
    return ctx.store.read((r) => getShift(r, shift.code)) as ShiftTypeRow;
  }

  function retireShift(code: string, retired: boolean): ShiftTypeRow {
    const user = me();
    if (!canEditShifts(user.role)) throw forbidden(`Only an admin changes shift types; a ${user.role} reads them`);
    ctx.store.write((w) => {
      const row = getShift(w, code);
      if (!row) throw new AppError('SHIFT_UNKNOWN', `No shift type ${code}`, [{ path: 'code', code: 'shift_unknown', message: `No shift type ${code}` }]);
      if ((row.retiredAt !== null) === retired) return;
      const s = stamp(ctx);
      writeShift(w, s, user, { code: row.code, name: row.name, start: row.start, end: row.end, breakMinutes: row.breakMinutes, retiredAt: retired ? s.at : null }, 'shifts:retire');
    });
    changed();
    return ctx.store.read((r) => getShift(r, code)) as ShiftTypeRow;
  }

  // ------------------------------------------------------------ holidays

  function importYear(days: readonly HolidayDay[]): { year: number; days: number } {
    const user = me();
    if (!canEditCalendar(user.role)) throw forbidden(`Only an admin changes the holiday calendar; a ${user.role} reads it`);
    const year = Number(days[0]?.date.slice(0, 4));
    ctx.store.write((w) => {
      const s = stamp(ctx);
      const stored = new Map(
        w
          .all<{ date: string; kind: string; name: string; removedAt: string | null; createdAt: string; fieldHlc: string }>(
            'SELECT date, kind, name, removed_at AS removedAt, created_at AS createdAt, field_hlc AS fieldHlc FROM holiday WHERE date >= ? AND date < ?',
            [`${year}-01-01`, `${year + 1}-01-01`],
          )
          .map((d) => [d.date, d]),
      );
      const changes: { entity: 'holiday'; id: string; values: Record<string, unknown> }[] = [];
      const put = (date: string, kind: string, name: string, removedAt: string | null): void => {
        const old = stored.get(date);
        if (old && old.kind === kind && old.name === name && old.removedAt === removedAt) return;
        if (old && removedAt !== null && old.removedAt !== null) return;
        const values = { date, kind, name, removedAt, updatedBy: user.username, createdAt: old?.createdAt ?? s.at, updatedAt: s.at };
        if (old) {
          w.run('UPDATE holiday SET kind = ?, name = ?, removed_at = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
            kind, name, removedAt, user.username, s.at, mergeFieldHlc(old.fieldHlc, Object.keys(values), s.hlc), date,
          ]);
        } else {
          w.run('INSERT INTO holiday (id, date, kind, name, removed_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
            date, date, kind, name, removedAt, user.username, s.at, s.at, createdFieldHlc(s.hlc),
          ]);
        }
        changes.push({ entity: 'holiday', id: date, values });
      };
      const given = new Set(days.map((d) => d.date));
      for (const d of days) put(d.date, d.kind, d.name, null);
      for (const old of stored.values()) if (!given.has(old.date)) put(old.date, old.kind, old.name, s.at);
      for (let i = 0; i < changes.length; i += CHANGES_PER_MUTATION) {
        appendOutbox(w, s, { name: 'holidays:import', entity: 'holiday', entityId: String(year), changes: changes.slice(i, i + CHANGES_PER_MUTATION) });
      }
    });
    changed();
    return { year, days: days.length };
  }

  function holidayStatus(): { years: number[]; missing: number[] } {
    const years = ctx.store.read((r) => calendarYears(r));
    const current = Number(todayOf(ctx.now()).slice(0, 4));
    return { years, missing: [current, current + 1].filter((y) => !years.includes(y)) };
  }

  // ------------------------------------------------------------ roster

  function month(req: { month: string; team?: string | undefined }): RosterMonth {
    const user = me();
    return ctx.store.read((r) => {
      const { team, teams } = teamFor(r, user, req.team);
      const dates = monthDates(req.month);
      const year = Number(req.month.slice(0, 4));
      const index = holidayIndex(r, year);
      const agents = teamAgents(r, team);
      const entries = rosterIndex(r, agents.map((a) => a.username), dates[0] as string, dates[dates.length - 1] as string);
      return {
        month: req.month,
        team,
        teams,
        canEdit: canEditRoster(user, team),
        days: dates.map((date) => ({ date, dayType: dayType(date, index), holiday: index.get(date)?.name ?? null })),
        agents: agents.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role })),
        entries: [...entries].map(([key, entry]) => {
          const [agentId, date] = key.split('|') as [string, string];
          return { agentId, date, entry };
        }),
        shifts: listShifts(r),
      };
    });
  }

  /**
   * Checks every entry (a known agent this user may plan, a shift code in
   * use) and writes the changed ones in the caller's transaction. Throws on
   * the first bad one, naming it, so nothing is written.
   */
  function saveEntries(w: SqlWriter, user: Acting, entries: readonly RosterEntry[], name: string): number {
    const byName = new Map(people(w).map((p) => [p.username.toLowerCase(), p]));
    const shifts = new Map(listShifts(w).map((s) => [s.code.toLowerCase(), s.code]));
    const s = stamp(ctx);
    const changes: { entity: 'roster_entry'; id: string; values: Record<string, unknown> }[] = [];
    entries.forEach((e, i) => {
      const person = byName.get(e.agentId.toLowerCase());
      if (!person) throw new AppError('AGENT_UNKNOWN', `entries.${i}.agentId: no agent "${e.agentId}" here`, [{ path: `entries.${i}.agentId`, code: 'agent_unknown', message: `No agent ${e.agentId}` }]);
      if (!canEditRoster(user, person.team)) {
        throw forbidden(
          user.role === 'supervisor' ? `A supervisor plans their own team (${user.team ?? 'none'}); ${person.username} is in ${person.team ?? 'no team'}` : `Only supervisors and admins plan rosters; a ${user.role} reads them`,
          `entries.${i}.agentId`,
        );
      }
      let entry = e.entry.trim();
      if (!entry.startsWith('leave:') && entry.toLowerCase() !== 'rest') {
        const code = shifts.get(entry.toLowerCase());
        if (!code) throw new AppError('SHIFT_UNKNOWN', `entries.${i}.entry: no shift type "${entry}"`, [{ path: `entries.${i}.entry`, code: 'shift_unknown', message: `No shift type ${entry}` }]);
        entry = code;
      } else if (entry.toLowerCase() === 'rest') entry = 'rest';
      const agentId = person.username;
      const id = rosterEntryId(agentId, e.date);
      const old = w.get<{ entry: string; team: string | null; createdAt: string; fieldHlc: string }>('SELECT entry, team, created_at AS createdAt, field_hlc AS fieldHlc FROM roster_entry WHERE id = ?', [id]);
      if (old && old.entry === entry) return;
      if (!old && entry === 'rest' && !changes.some((c) => c.id === id)) {
        // No entry already means rest: nothing to store.
        return;
      }
      const team = old ? old.team : person.team;
      const values = { agentId, date: e.date, entry, team, updatedBy: user.username, createdAt: old?.createdAt ?? s.at, updatedAt: s.at };
      if (old) {
        w.run('UPDATE roster_entry SET entry = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [entry, user.username, s.at, mergeFieldHlc(old.fieldHlc, Object.keys(values), s.hlc), id]);
      } else {
        w.run('INSERT INTO roster_entry (id, agent_id, date, entry, team, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          id, agentId, e.date, entry, team, user.username, s.at, s.at, createdFieldHlc(s.hlc),
        ]);
      }
      const at = changes.findIndex((c) => c.id === id);
      if (at >= 0) changes.splice(at, 1);
      changes.push({ entity: 'roster_entry', id, values });
    });
    for (let i = 0; i < changes.length; i += CHANGES_PER_MUTATION) {
      const part = changes.slice(i, i + CHANGES_PER_MUTATION);
      appendOutbox(w, s, { name, entity: 'roster_entry', entityId: part[0]?.id ?? '', changes: part });
    }
    return changes.length;
  }

  function save(entries: readonly RosterEntry[], name: string): { saved: number } {
    const user = me();
    const saved = ctx.store.write((w) => saveEntries(w, user, entries, name));
    if (saved > 0) changed();
    return { saved };
  }

  function agentsFor(r: SqlReader, user: Acting, team: string | undefined, only: readonly string[] | undefined): string[] {
    const t = teamFor(r, user, team).team;
    const all = teamAgents(r, t).map((a) => a.username);
    if (!only) return all;
    const lower = new Map(all.map((a) => [a.toLowerCase(), a]));
    return only.map((a, i) => {
      const found = lower.get(a.toLowerCase());
      if (!found) throw new AppError('AGENT_UNKNOWN', `agentIds.${i}: ${a} is not in the team ${t ?? '(none)'}`, [{ path: `agentIds.${i}`, code: 'agent_unknown', message: `Not in the team` }]);
      return found;
    });
  }

  function fill(req: { month: string; team?: string | undefined; shiftCode: string; agentIds?: string[] | undefined }): { saved: number } {
    const user = me();
    const planned = ctx.store.read((r) => {
      const agents = agentsFor(r, user, req.team, req.agentIds);
      const dates = monthDates(req.month);
      const current = rosterIndex(r, agents, dates[0] as string, dates[dates.length - 1] as string);
      return fillFromCalendar(agents, dates, holidayIndex(r, Number(req.month.slice(0, 4))), req.shiftCode, current);
    });
    return planned.length > 0 ? save(planned, 'roster:fill') : { saved: 0 };
  }

  function copyWeek(req: { weekStart: string; team?: string | undefined; agentIds?: string[] | undefined }): { saved: number } {
    const user = me();
    const planned = ctx.store.read((r) => {
      const agents = agentsFor(r, user, req.team, req.agentIds);
      const current = rosterIndex(r, agents, addDays(req.weekStart, -7), addDays(req.weekStart, -1));
      return copyLastWeek(agents, req.weekStart, current);
    });
    return planned.length > 0 ? save(planned, 'roster:copyWeek') : { saved: 0 };
  }

  async function importRoster(req: { fileName: string; base64: string } | { text: string }): Promise<{ imported: number; shape: 'wide' | 'long' }> {
    const rows =
      'text' in req
        ? splitDelimited(req.text, req.text.split(/\r?\n/, 1)[0]?.includes('\t') ? '\t' : ',')
        : await readRosterFile(req.fileName, Buffer.from(req.base64, 'base64'));
    const user = me();
    const done = ctx.store.write((w) => {
      const result = parseRosterTable(rows, { agents: people(w).map((p) => p.username), shifts: listShifts(w).map((s) => s.code) });
      if (!result.ok) {
        const p = result.problem;
        throw new AppError(p.code, p.message, [{ path: `line ${p.line}, column ${p.columnLetter}`, code: p.code.toLowerCase(), message: p.message }]);
      }
      const saved = saveEntries(w, user, result.entries, 'roster:import');
      return { imported: result.entries.length, shape: result.shape, saved };
    });
    if (done.saved > 0) changed();
    return { imported: done.imported, shape: done.shape };
  }

  function wholeCenter(monthText: string): RosterMonth {
    const one = month({ month: monthText });
    return ctx.store.read((r) => {
      const agents = people(r).filter((p) => p.team !== null);
      const dates = monthDates(monthText);
      const entries = rosterFor(r, agents.map((a) => a.username), dates[0] as string, dates[dates.length - 1] as string);
      return { ...one, team: null, agents: agents.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role })), entries };
    });
  }

  async function exportRoster(req: { month: string; team?: string | undefined; format: 'csv' | 'xlsx'; shape: 'wide' | 'long' }): Promise<ExportFile> {
    const user = me();
    // An admin's export without a team is the whole center: every agent of every team.
    const whole = req.team === undefined && user.role === 'admin';
    const m = whole ? wholeCenter(req.month) : month(req);
    const grid = {
      month: m.month,
      team: m.team,
      dates: m.days.map((d) => d.date),
      agents: m.agents,
      entries: new Map(m.entries.map((e) => [rosterEntryId(e.agentId, e.date), e.entry])),
    };
    const rows = rosterRows(grid, req.shape);
    const index = ctx.store.read((r) => holidayIndex(r, Number(req.month.slice(0, 4))));
    const bytes = req.format === 'csv' ? rosterCsv(rows) : await rosterXlsx(grid, rows, req.shape, index);
    const safeTeam = [...(m.team ?? 'all')].map((ch) => (ch.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(ch) ? '_' : ch)).join('');
    return {
      fileName: `roster-${safeTeam}-${req.month}${req.shape === 'long' ? '-long' : ''}.${req.format}`,
      mimeType: req.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: rows.length - 1,
      base64: bytes.toString('base64'),
    };
  }

  const handlers: PlanHandlers = {
    'shifts:list': (req) => ctx.store.read((r) => listShifts(r, { includeRetired: req.includeRetired })),
    'shifts:set': (req) => setShift(req),
    'shifts:retire': (req) => retireShift(req.code, req.retired),
    'holidays:list': (req) => ctx.store.read((r) => listHolidays(r, req.year)),
    'holidays:import': (req) => importYear(req.days),
    'holidays:status': () => holidayStatus(),
    'roster:month': (req) => month(req),
    'roster:set': (req) => save(req.entries, 'roster:set'),
    'roster:fill': (req) => fill(req),
    'roster:copyWeek': (req) => copyWeek(req),
    'roster:import': (req) => importRoster(req),
    'roster:export': (req) => exportRoster(req),
  };
  return { handlers };
}
