/**
 * Pure rules of teams, seats and skills (issue 16 point 1), shared by the
 * core (local checks with the field named) and the server (the same checks
 * on every push), so both refuse the same things with the same codes.
 */
import type { ErrorCode } from '../result.js';
import type { Actor, Role } from '../roles.js';
import type { SkillKind } from './schema.js';

export interface Problem {
  code: ErrorCode;
  /** the request field it is about */
  path: string;
  message: string;
}

/** Who may lead a team: second line and up (a team's 班长 / 主管). */
export const LEADER_ROLES: readonly Role[] = ['senior', 'supervisor', 'admin'];

/** Only admins edit teams, the skill list and agent profiles (seat allocation, skill confirmation: 综合岗). */
export function teamsWriteProblem(user: Pick<Actor, 'role' | 'username'>, what: 'teams' | 'skills' | 'agent profiles'): { code: ErrorCode; message: string } | null {
  return user.role === 'admin' ? null : { code: 'FORBIDDEN', message: `Only an admin edits ${what}; ${user.username} is ${user.role}` };
}

/** The leader must be an enabled account of a leading role; `person` is what the directory knows of them. */
export function leaderProblem(leader: string, person: { role: Role; disabled?: boolean } | undefined): Problem | null {
  if (!person || person.disabled) return { code: 'LEADER_UNKNOWN', path: 'leader', message: `leader: "${leader}" is not an enabled account; pick the leader from the list` };
  if (!LEADER_ROLES.includes(person.role)) {
    return { code: 'LEADER_ROLE', path: 'leader', message: `leader: ${leader} is ${person.role}; a team is led by a senior, supervisor or admin` };
  }
  return null;
}

/** A team is deactivated only once nobody active is left in it (their work would sit in a queue nobody sees). */
export function deactivationProblem(teamId: string, activeMembers: readonly string[]): Problem | null {
  if (activeMembers.length === 0) return null;
  const shown = activeMembers.slice(0, 5).join(', ') + (activeMembers.length > 5 ? ` and ${activeMembers.length - 5} more` : '');
  return { code: 'TEAM_HAS_MEMBERS', path: 'active', message: `active: team ${teamId} still has ${activeMembers.length} active member(s) (${shown}); move them to another team first` };
}

/** Seats compare without case or surrounding space: A-012 and a-012 are one desk. */
export function seatKey(seat: string): string {
  return seat.trim().toUpperCase();
}

/**
 * Who already holds `seat` among the active agents' profiles (never `agentId`
 * itself), or null. `profiles` are every profile with its agent's activity.
 */
export function seatHolder(seat: string, agentId: string, profiles: Iterable<{ agentId: string; seat: string | null; active: boolean }>): string | null {
  const key = seatKey(seat);
  for (const p of profiles) {
    if (p.active && p.seat !== null && p.agentId.toLowerCase() !== agentId.toLowerCase() && seatKey(p.seat) === key) return p.agentId;
  }
  return null;
}

export function seatTakenProblem(seat: string, holder: string): Problem {
  return { code: 'SEAT_TAKEN', path: 'seat', message: `seat: ${seat} is already the seat of ${holder}; free it there first or pick another seat` };
}

/** A join date is a past or today's date of the center (+08:00), never a future one. */
export function joinDateProblem(joinedOn: string, today: string): Problem | null {
  return joinedOn > today ? { code: 'JOIN_DATE_FUTURE', path: 'joinedOn', message: `joinedOn: ${joinedOn} is in the future (today is ${today})` } : null;
}

/** The center's today (+08:00), YYYY-MM-DD, from epoch milliseconds. */
export function centerToday(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Skills of a profile must be on the list (retired ones a profile already had may stay). */
export function unknownSkills(skills: readonly string[], known: ReadonlySet<string>, kept: ReadonlySet<string> = new Set()): string[] {
  return skills.filter((s) => !known.has(s) && !kept.has(s));
}

export function skillsProblem(unknown: readonly string[]): Problem | null {
  return unknown.length === 0 ? null : { code: 'SKILL_UNKNOWN', path: 'skills', message: `skills: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not on the skill list; an admin adds skills first` };
}

/** The same skill twice is one skill: kept once, in the order given. */
export function uniqueSkills(skills: readonly string[]): string[] {
  return [...new Set(skills)];
}

/** Skills JSON as stored and synced (a JSON array of codes); anything else reads as none. */
export function parseSkills(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The defaults a new installation starts with (zh-CN names; an admin renames, adds and retires). */
export const DEFAULT_SKILLS: readonly { code: string; kind: SkillKind; name: string }[] = [
  { code: 'broadband', kind: 'product', name: '宽带' },
  { code: 'landline', kind: 'product', name: '固话' },
  { code: 'iptv', kind: 'product', name: 'IPTV' },
  { code: 'leased_line', kind: 'product', name: '企业专线' },
  { code: 'mandarin', kind: 'language', name: '普通话' },
  { code: 'cantonese', kind: 'language', name: '粤语' },
  { code: 'english', kind: 'language', name: 'English' },
];

/**
 * The text a person is found by in a picker: name, username, seat and the
 * names of their skills, so typing 粤语 or IPTV finds the right second-line
 * person (selectSearch matches pinyin of the Chinese parts too).
 */
export function personSearchText(p: { displayName: string; username: string; seat?: string | null; skillNames?: readonly string[] }): string {
  return [p.displayName, p.username, p.seat ?? '', ...(p.skillNames ?? [])].filter((x) => x !== '').join(' ');
}
