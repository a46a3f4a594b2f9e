/**
 * A month's attendance over the state log, the corrections and the roster
 * (issue 16 point 4): who the viewer may see, their lines, and the pure
 * rules of shared/attendance/attendance.ts. The CLI's `attendance month`,
 * the month view, the sheets and the overtime claims all read it here.
 */
import { computeAgentMonth, monthBounds, monthLineRange, type AgentMonth, type PresenceLine } from '../../../shared/attendance/attendance.js';
import { addDays } from '../../../shared/attendance/calendar.js';
import { DEFAULT_ATTENDANCE_RULES, type AttendanceRules } from '../../../shared/attendance/schema.js';
import type { MonthQuery } from '../../../shared/attendance/contract.js';
import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import { readDirectory } from '../desk/directory.js';
import type { SqlReader } from '../store/types.js';
import { holidayIndex, rosterFor, shiftMap } from './plan.js';

/** Who asks: the desk user, or (nobody signed in: the CLI) the PC's operator with an admin's rights. */
export interface Viewer {
  username: string;
  role: Role;
  team: string | null;
}

export const supervising = (v: Viewer): boolean => v.role === 'supervisor' || v.role === 'admin';

export interface Person {
  agentId: string;
  name: string;
  team: string | null;
}

/**
 * Whose attendance the viewer may read: agents and seniors their own;
 * supervisors their team's (asking for another team is FORBIDDEN); admins
 * everyone's, or one team's. `agent` narrows to one person in that scope.
 */
export interface Audience {
  team: string | null;
  /** null: everyone (an admin without --team) */
  member: (agentId: string, team: string | null) => boolean;
}

export function audienceOf(viewer: Viewer, query: Pick<MonthQuery, 'team' | 'agent'>): Audience {
  if (!supervising(viewer)) {
    if (query.team !== undefined) throw new AppError('FORBIDDEN', `A ${viewer.role} sees their own attendance only; a team's month is for supervisors and admins`, [{ path: 'team', code: 'forbidden', message: 'Only supervisors and admins pick a team' }]);
    if (query.agent !== undefined && query.agent !== viewer.username) {
      throw new AppError('FORBIDDEN', `A ${viewer.role} sees their own attendance only, not ${query.agent}'s`, [{ path: 'agent', code: 'forbidden', message: 'Only your own attendance' }]);
    }
    return { team: viewer.team, member: (id) => id === viewer.username };
  }
  if (viewer.role === 'supervisor') {
    if (query.team !== undefined && query.team !== viewer.team) {
      throw new AppError('FORBIDDEN', `A supervisor sees their own team's attendance (${viewer.team ?? 'none'}), not ${query.team}'s`, [{ path: 'team', code: 'forbidden', message: 'Only your own team' }]);
    }
    const team = viewer.team;
    return { team, member: (id, t) => (query.agent === undefined || id === query.agent) && (t === team || id === viewer.username) };
  }
  const team = query.team ?? null;
  return { team, member: (id, t) => (query.agent === undefined || id === query.agent) && (team === null || t === team) };
}

/** Everyone the month may show: the directory's people, the roster's and the log's agents of the range. */
export function peopleOf(r: SqlReader, month: string, rules: AttendanceRules): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const p of readDirectory(r).people) people.set(p.username, { agentId: p.username, name: p.displayName, team: p.team });
  const { first, last } = monthBounds(month);
  for (const e of r.all<{ agentId: string; team: string | null }>('SELECT DISTINCT agent_id AS agentId, team FROM roster_entry WHERE date >= ? AND date <= ?', [first, last])) {
    const known = people.get(e.agentId);
    if (!known) people.set(e.agentId, { agentId: e.agentId, name: e.agentId, team: e.team });
    else if (known.team === null && e.team !== null) known.team = e.team;
  }
  const range = monthLineRange(month, rules);
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  for (const table of ['agent_state_log', 'attendance_correction'] as const) {
    for (const row of r.all<{ agentId: string }>(`SELECT DISTINCT agent_id AS agentId FROM ${table} WHERE at >= ? AND at < ?`, [from, to])) {
      if (!people.has(row.agentId)) people.set(row.agentId, { agentId: row.agentId, name: row.agentId, team: null });
    }
  }
  return people;
}

/** Lines of the range for these agents (state log and corrections), plus each one's last line before it. */
function linesOf(r: SqlReader, agents: readonly string[], month: string, rules: AttendanceRules): Map<string, PresenceLine[]> {
  const wanted = new Set(agents);
  const out = new Map<string, PresenceLine[]>(agents.map((a) => [a, []]));
  const range = monthLineRange(month, rules);
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  for (const table of ['agent_state_log', 'attendance_correction'] as const) {
    const rows = r.all<{ agentId: string; state: string; at: string }>(`SELECT agent_id AS agentId, state, at FROM ${table} WHERE at >= ? AND at < ?`, [from, to]);
    for (const row of rows) if (wanted.has(row.agentId)) out.get(row.agentId)?.push({ at: Date.parse(row.at), state: row.state });
    // Signed in when the range begins? The last line before it says.
    for (const agent of agents) {
      const before = r.get<{ state: string; at: string }>(`SELECT state, at FROM ${table} WHERE agent_id = ? AND at < ? ORDER BY at DESC LIMIT 1`, [agent, from]);
      if (before) out.get(agent)?.push({ at: Date.parse(before.at), state: before.state });
    }
  }
  return out;
}

export interface ComputedAgent {
  person: Person;
  month: AgentMonth;
}

/** The month of every agent the viewer may see, by agent id. */
export function computeMonth(r: SqlReader, viewer: Viewer, query: MonthQuery, now: number, rules: AttendanceRules = DEFAULT_ATTENDANCE_RULES): ComputedAgent[] {
  const audience = audienceOf(viewer, query);
  const people = [...peopleOf(r, query.month, rules).values()]
    .filter((p) => audience.member(p.agentId, p.team))
    .sort((a, b) => a.agentId.localeCompare(b.agentId));
  // An agent always has a month of their own; an admin asking for someone with no line and no entry gets their empty month.
  if (people.length === 0 && !supervising(viewer)) people.push({ agentId: viewer.username, name: viewer.username, team: viewer.team });
  if (people.length === 0 && viewer.role === 'admin' && query.agent !== undefined && query.team === undefined) people.push({ agentId: query.agent, name: query.agent, team: null });
  const ids = people.map((p) => p.agentId);
  const { first, last } = monthBounds(query.month);
  const year = Number(query.month.slice(0, 4));
  const shifts = shiftMap(r);
  const holidays = holidayIndex(r, year - 1, year + 1);
  const roster = new Map<string, Map<string, string>>(ids.map((id) => [id, new Map()]));
  for (const e of rosterFor(r, ids, addDays(first, -2), addDays(last, 2))) roster.get(e.agentId)?.set(e.date, e.entry);
  const lines = linesOf(r, ids, query.month, rules);
  return people.map((person) => ({
    person,
    month: computeAgentMonth({ month: query.month, roster: roster.get(person.agentId) ?? new Map<string, string>(), shifts, holidays, lines: lines.get(person.agentId) ?? [], rules, now }),
  }));
}
