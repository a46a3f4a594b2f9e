import { z } from 'zod';
import { DirectoryPersonSchema, type DirectoryPerson } from '../../../shared/sync/protocol.js';
import { AppError } from '../../../shared/result.js';
import { getMeta } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';
// ---- teams, seats and skills (issue 16 point 1)
import { profileRows, skillRows, teamRows } from '../teams/queries.js';

/**
 * Who a ticket can be assigned to and which teams it can go to (issue 14): a
 * misspelt free-text assignee was accepted and the follow-up created on
 * resolution went to nobody. The people are this PC's enabled standalone
 * accounts plus the sync server's users (GET /directory, kept in meta by
 * every sync round); the teams are the teams those people belong to.
 */
export const SERVER_DIRECTORY_KEY = 'server_directory';

export interface DirectoryTeam {
  id: string;
  name: string;
  leader: string | null;
}

export interface Directory {
  people: DirectoryPerson[];
  /** ids of the active teams (what tickets, hand-offs and rosters carry) */
  teams: string[];
  /** the same teams with their display names and leaders (issue 16) */
  teamList: DirectoryTeam[];
}

export function readDirectory(r: SqlReader): Directory {
  const local = r
    .all<{ username: string; displayName: string; role: string; team: string | null }>(
      'SELECT username, display_name AS displayName, role, team FROM local_accounts WHERE disabled_at IS NULL ORDER BY username',
    )
    .map((row) => DirectoryPersonSchema.parse(row));
  let server: DirectoryPerson[] = [];
  const raw = getMeta(r, SERVER_DIRECTORY_KEY);
  if (raw) {
    try {
      const parsed = z.array(DirectoryPersonSchema).safeParse(JSON.parse(raw));
      if (parsed.success) server = parsed.data;
    } catch {
      // A damaged copy is as good as none: the next sync round writes it again.
    }
  }
  const byName = new Map<string, DirectoryPerson>();
  for (const p of [...server, ...local]) byName.set(p.username.toLowerCase(), { ...byName.get(p.username.toLowerCase()), ...p });
  // issue 16: a profile's team is the person's team (an admin moves agents there); seat and skills ride along for the pickers.
  const profiles = new Map(profileRows(r).map((p) => [p.agentId.toLowerCase(), p]));
  const skillNames = new Map(skillRows(r).map((s) => [s.code, s.name]));
  for (const [key, person] of byName) {
    const profile = profiles.get(key);
    if (!profile) continue;
    byName.set(key, { ...person, team: profile.team, seat: profile.seat, skills: profile.skills.map((c) => skillNames.get(c) ?? c) });
  }
  const people = [...byName.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
  // Teams are records (0021_teams); a team only named on accounts (before records, or a server user's team whose
  // record has not arrived yet) is still a team, by its text. A deactivated record is no destination.
  const records = teamRows(r);
  const byId = new Map(records.map((t) => [t.id, t]));
  const teamList: DirectoryTeam[] = records.filter((t) => t.deactivatedAt === null).map((t) => ({ id: t.id, name: t.name, leader: t.leader }));
  for (const p of people) {
    if (p.team && !byId.has(p.team) && !teamList.some((t) => t.id === p.team)) teamList.push({ id: p.team, name: p.team, leader: null });
  }
  teamList.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { people, teams: teamList.map((t) => t.id), teamList };
}

/**
 * Refuses an assignee or a team the directory does not know, naming the
 * field. A PC that knows nobody yet (signed in to a server that has not
 * answered its directory) cannot judge; the server refuses unknown
 * assignees itself (ASSIGNEE_UNKNOWN), so nothing wrong is kept.
 */
export function assertKnownAssignment(r: SqlReader, fields: { assigneeId?: string | null | undefined; team?: string | null | undefined }, prefix = ''): void {
  const dir = readDirectory(r);
  if (dir.people.length === 0) return;
  const { assigneeId, team } = fields;
  if (assigneeId && !dir.people.some((p) => p.username.toLowerCase() === assigneeId.toLowerCase())) {
    const message = `"${assigneeId}" is not an account here; pick the assignee from the list`;
    throw new AppError('ASSIGNEE_UNKNOWN', message, [{ path: `${prefix}assigneeId`, code: 'assignee_unknown', message }]);
  }
  if (team) assertTeamIn(dir, team, `${prefix}team`);
}

function assertTeamIn(dir: Directory, team: string, path: string): void {
  if (dir.teams.includes(team)) return;
  const message = `There is no team "${team}"; teams: ${dir.teams.join(', ') || 'none yet'}`;
  throw new AppError('TEAM_UNKNOWN', message, [{ path, code: 'team_unknown', message }]);
}

/**
 * A hand-off goes to a team's queue (second line, another department, the
 * field-service team): a destination typed by hand reached nobody's queue.
 * Judged like assignees: a PC that knows nobody yet leaves it to the server.
 */
export function assertKnownTeam(r: SqlReader, team: string, path: string): void {
  const dir = readDirectory(r);
  if (dir.people.length === 0) return;
  assertTeamIn(dir, team, path);
}
