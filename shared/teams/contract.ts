import { z } from 'zod';
import { AccountInputSchema, AccountSchema } from '../desk/schema.js';
import { AgentProfileSchema, ProfileFieldsSchema, ProfileSetSchema, SkillSchema, SkillSetSchema, TeamSchema, TeamSetSchema } from './schema.js';

const Empty = z.strictObject({});

/**
 * Teams, skills and agent profiles (issue 16 point 1); shared/contract.ts
 * merges it. Everyone signed in reads them (pickers, the directory); only an
 * admin writes, in the core and again on the server (shared/sync/entities.ts).
 */
export const teamsChannels = {
  /** the teams: records, plus teams only named on accounts (derived), active first */
  'teams:list': { owner: 'core', request: Empty, result: z.array(TeamSchema) },
  /** admin: create a team, rename it, set or clear its leader, (de)activate it */
  'teams:set': { owner: 'core', request: TeamSetSchema, result: TeamSchema },
  /** the skill list (retired ones too, flagged) */
  'skills:list': { owner: 'core', request: Empty, result: z.array(SkillSchema) },
  /** admin: add or change a skill (kind, code, name), retire it */
  'skills:set': { owner: 'core', request: SkillSetSchema, result: SkillSchema },
  /** every known account with its profile (team, seat, skills, join date) */
  'profiles:list': { owner: 'core', request: Empty, result: z.array(AgentProfileSchema) },
  /** admin: an agent's team, seat, skills, join date (absent fields keep their value) */
  'profiles:set': { owner: 'core', request: ProfileSetSchema, result: AgentProfileSchema },
  /** admin: a standalone account and its profile together (the admin's "add an agent" form): both or neither */
  'profiles:createAgent': {
    owner: 'core',
    request: z.strictObject({ account: AccountInputSchema, profile: ProfileFieldsSchema }),
    result: z.object({ account: AccountSchema, profile: AgentProfileSchema }),
  },
} as const;
