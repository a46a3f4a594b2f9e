/**
 * Who may change the attendance plan (issue 16 point 8), one rule for the
 * core services and the server's entity checks (shared/sync/entities.ts):
 * - shift types and the holiday calendar: admins only;
 * - rosters: supervisors their own team's, admins every team's;
 * - everyone reads them.
 */
import type { Actor, Role } from '../roles.js';

/**
 * The id of an agent's roster entry on a date: both PCs planning the same
 * cell write one row (the local table holds one row per agent and date, and
 * the server refuses any other id for it).
 */
export function rosterEntryId(agentId: string, date: string): string {
  return `${agentId}|${date}`;
}

export function canEditShifts(role: Role): boolean {
  return role === 'admin';
}

export function canEditCalendar(role: Role): boolean {
  return role === 'admin';
}

/** May `user` plan the roster of `team` (the agent's team; null: an agent in no team, admins only)? */
export function canEditRoster(user: Pick<Actor, 'role' | 'team'>, team: string | null): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'supervisor' && team !== null && (user.team ?? null) === team;
}

type Problem = { code: string; message: string } | null;

export function checkShiftWrite(user: Actor): Problem {
  return canEditShifts(user.role) ? null : { code: 'FORBIDDEN', message: `Only an admin changes shift types; a ${user.role} reads them` };
}

export function checkHolidayWrite(user: Actor): Problem {
  return canEditCalendar(user.role) ? null : { code: 'FORBIDDEN', message: `Only an admin changes the holiday calendar; a ${user.role} reads it` };
}

/** A roster row: supervisors and admins; a supervisor only rows of their own team (before and after the write). */
export function checkRosterWrite(before: Record<string, unknown> | null, after: Record<string, unknown>, user: Actor): Problem {
  const teams = [before?.team, after.team].filter((t, i) => i === 1 || before !== null).map((t) => (typeof t === 'string' ? t : null));
  if (teams.every((t) => canEditRoster(user, t))) return null;
  if (user.role !== 'supervisor' && user.role !== 'admin') {
    return { code: 'FORBIDDEN', message: `Only supervisors and admins plan rosters; a ${user.role} reads them` };
  }
  return { code: 'FORBIDDEN', message: `A supervisor plans the roster of their own team (${user.team ?? 'none'}), not of ${teams.find((t) => !canEditRoster(user, t)) ?? 'no team'}` };
}
