import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { WallboardScope } from '../../../shared/reports/schema.js';
import type { SqlReader } from '../store/types.js';
import type { TicketRow } from './facts.js';

/** Who asks: the desk agent, or (nobody signed in: the CLI, tests) the PC's operator with an admin's rights. */
export interface Viewer {
  username: string;
  role: Role;
  team: string | null;
}

/** The people this folder knows: standalone accounts (name, team) and the server user at the desk. */
export interface Directory {
  names: Map<string, string>;
  teams: Map<string, string | null>;
}

export function readDirectory(r: SqlReader, viewer: Viewer): Directory {
  const rows = r.all<{ username: string; displayName: string; team: string | null }>('SELECT username, display_name AS displayName, team FROM local_accounts WHERE disabled_at IS NULL');
  const names = new Map(rows.map((a) => [a.username, a.displayName]));
  const teams = new Map(rows.map((a) => [a.username, a.team]));
  if (!teams.has(viewer.username) && viewer.team !== null) teams.set(viewer.username, viewer.team);
  return { names, teams };
}

/** Teams a supervisor may pick: the accounts' teams and the tickets' teams. */
export function knownTeams(r: SqlReader, dir: Directory): string[] {
  const teams = new Set<string>();
  for (const t of dir.teams.values()) if (t) teams.add(t);
  for (const row of r.all<{ team: string }>('SELECT DISTINCT team FROM tickets WHERE team IS NOT NULL')) teams.add(row.team);
  return [...teams].sort((a, b) => a.localeCompare(b));
}

/**
 * What a viewer's board covers. Rights (domain.md; architecture.md "roles
 * decide what each call may read, in main, never only in the UI"):
 * supervisors and admins: the center or any team; an agent: their own
 * figures; a senior: second line's queue (the escalated tickets) with their
 * own calls. Asking for a team without the right is FORBIDDEN.
 */
export interface Scope {
  kind: WallboardScope;
  team: string | null;
  viewer: Viewer;
  dir: Directory;
  /** whose calls, states and agent rows count; null: everyone's */
  agentIn(agentId: string): boolean;
  /** which tickets count (for seniors the caller narrows further to escalated ones) */
  ticketIn(t: Pick<TicketRow, 'team' | 'assigneeId' | 'createdBy'>): boolean;
}

const SUPERVISING: readonly Role[] = ['supervisor', 'admin'];

export function resolveScope(viewer: Viewer, dir: Directory, team: string | undefined): Scope {
  const supervising = SUPERVISING.includes(viewer.role);
  if (team !== undefined && !supervising) {
    throw new AppError('FORBIDDEN', `A ${viewer.role} sees their own figures only; a team's board is for supervisors and admins`, [{ path: 'team', code: 'forbidden', message: 'Only supervisors and admins pick a team' }]);
  }
  const owner = (t: Pick<TicketRow, 'assigneeId' | 'createdBy'>): string => t.assigneeId ?? t.createdBy;
  if (supervising && team === undefined) return { kind: 'center', team: null, viewer, dir, agentIn: () => true, ticketIn: () => true };
  if (supervising && team !== undefined) {
    const member = (id: string): boolean => dir.teams.get(id) === team;
    // A ticket is the team's when it says so, or (no team recorded) when its owner is on the team.
    return { kind: 'team', team, viewer, dir, agentIn: member, ticketIn: (t) => t.team === team || (t.team === null && member(owner(t))) };
  }
  const me = (id: string): boolean => id === viewer.username;
  if (viewer.role === 'senior') return { kind: 'secondLine', team: viewer.team, viewer, dir, agentIn: me, ticketIn: () => true };
  return { kind: 'agent', team: viewer.team, viewer, dir, agentIn: me, ticketIn: (t) => me(owner(t)) };
}
