import { z } from 'zod';
import { DirectoryPersonSchema, type DirectoryPerson } from '../../../shared/sync/protocol.js';
import { AppError } from '../../../shared/result.js';
import { getMeta } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';

/**
 * Who a ticket can be assigned to and which teams it can go to (issue 14): a
 * misspelt free-text assignee was accepted and the follow-up created on
 * resolution went to nobody. The people are this PC's enabled standalone
 * accounts plus the sync server's users (GET /directory, kept in meta by
 * every sync round); the teams are the teams those people belong to.
 */
export const SERVER_DIRECTORY_KEY = 'server_directory';

export interface Directory {
  people: DirectoryPerson[];
  teams: string[];
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
  const people = [...byName.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
  const teams = [...new Set(people.flatMap((p) => (p.team ? [p.team] : [])))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { people, teams };
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
