/**
 * What the core reads of teams, skills and agent profiles (issue 16 point 1).
 * The directory (desk/directory.ts), the pickers, the roster and the CLI all
 * read through here, so a team is the same record everywhere.
 */
import { parseSkills } from '../../../shared/teams/rules.js';
import type { Skill, SkillKind } from '../../../shared/teams/schema.js';
import type { SqlReader } from '../store/types.js';

export interface TeamRow {
  id: string;
  name: string;
  leader: string | null;
  deactivatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  fieldHlc: string;
}

export interface ProfileRow {
  agentId: string;
  team: string | null;
  seat: string | null;
  skills: string[];
  joinedOn: string | null;
  createdAt: string;
  updatedAt: string;
  fieldHlc: string;
}

export interface SkillRow extends Skill {
  createdAt: string;
  fieldHlc: string;
}

export function teamRows(r: SqlReader): TeamRow[] {
  return r.all<TeamRow>(
    'SELECT id, name, leader, deactivated_at AS deactivatedAt, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc FROM team ORDER BY id',
  );
}

export function teamRow(r: SqlReader, id: string): TeamRow | undefined {
  return r.get<TeamRow>(
    'SELECT id, name, leader, deactivated_at AS deactivatedAt, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc FROM team WHERE id = ?',
    [id],
  );
}

export function skillRows(r: SqlReader): SkillRow[] {
  return r
    .all<{ code: string; kind: SkillKind; name: string; retiredAt: string | null; createdAt: string; fieldHlc: string }>(
      "SELECT code, kind, name, retired_at AS retiredAt, created_at AS createdAt, field_hlc AS fieldHlc FROM skill ORDER BY CASE kind WHEN 'product' THEN 0 ELSE 1 END, code",
    )
    .map(({ retiredAt, ...s }) => ({ ...s, retired: retiredAt !== null }));
}

const PROFILE_SELECT =
  'SELECT agent_id AS agentId, team, seat, skills, joined_on AS joinedOn, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc FROM agent_profile';

function toProfile(row: Omit<ProfileRow, 'skills'> & { skills: string }): ProfileRow {
  return { ...row, skills: parseSkills(row.skills) };
}

export function profileRows(r: SqlReader): ProfileRow[] {
  return r.all<Omit<ProfileRow, 'skills'> & { skills: string }>(`${PROFILE_SELECT} ORDER BY agent_id`).map(toProfile);
}

/** A profile by username, any case (usernames are unique regardless of case). */
export function profileRow(r: SqlReader, agentId: string): ProfileRow | undefined {
  const row = r.get<Omit<ProfileRow, 'skills'> & { skills: string }>(`${PROFILE_SELECT} WHERE lower(agent_id) = lower(?)`, [agentId]);
  return row ? toProfile(row) : undefined;
}
