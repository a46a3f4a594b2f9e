import { contract } from '../../../shared/contract.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import type { AgentProfile, Team } from '../../../shared/teams/schema.js';
import type { Core } from '../api.js';

/**
 * The CLI's teams, skills and agent-profile commands (issue 16 point 1), JSON out:
 * - `teams list` prints [{"id","name","leader","active","members"}]; `teams set --json '{"id","name","leader"}'` the team;
 * - `skills list` prints [{"code","kind","name","retired"}]; `skills set --json '{"code","kind","name"}'` the skill;
 * - `agent profile list` prints [{"agentId","team","seat","skills","joinedOn"}];
 *   `agent profile set --json '{"agentId","team","seat","skills":[...],"joinedOn"}'` the profile.
 * Errors are {"error":{"code","message"}}, exit 2, nothing changed.
 */
export type TeamsCommand =
  | { kind: 'teamsList' }
  | { kind: 'teamsSet'; json: string }
  | { kind: 'skillsList' }
  | { kind: 'skillsSet'; json: string }
  | { kind: 'profileList' }
  | { kind: 'profileSet'; json: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = `--json is not valid JSON: ${(e as Error).message}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'json', code: 'invalid_json', message }]);
  }
}

const SET_CHANNEL = { teamsSet: 'teams:set', skillsSet: 'skills:set', profileSet: 'profiles:set' } as const;

/** Bad JSON or a bad shape is refused before the data folder is opened. */
export function precheckTeams(cmd: TeamsCommand): void {
  if (cmd.kind === 'teamsSet' || cmd.kind === 'skillsSet' || cmd.kind === 'profileSet') parseOrThrow(contract[SET_CHANNEL[cmd.kind]].request, parseJson(cmd.json));
}

async function call<C extends keyof typeof contract>(core: Core, channel: C, payload: unknown): Promise<unknown> {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return contract[channel].result.parse(result.value);
}

const teamShape = (t: Team) => ({ id: t.id, name: t.name, leader: t.leader, active: t.active, members: t.members });
const profileShape = (p: AgentProfile) => ({ agentId: p.agentId, team: p.team, seat: p.seat, skills: p.skills, joinedOn: p.joinedOn });

export async function runTeamsCommand(core: Core, cmd: TeamsCommand): Promise<unknown> {
  switch (cmd.kind) {
    case 'teamsList':
      return ((await call(core, 'teams:list', {})) as Team[]).map(teamShape);
    case 'teamsSet':
      return teamShape((await call(core, 'teams:set', parseJson(cmd.json))) as Team);
    case 'skillsList':
      return call(core, 'skills:list', {});
    case 'skillsSet':
      return call(core, 'skills:set', parseJson(cmd.json));
    case 'profileList':
      return ((await call(core, 'profiles:list', {})) as AgentProfile[]).map(profileShape);
    case 'profileSet':
      return profileShape((await call(core, 'profiles:set', parseJson(cmd.json))) as AgentProfile);
  }
}

/** `teams list|set`, `skills list|set`, `agent profile list|set`: the command and the options it takes. */
export function parseTeamsCommand(group: 'teams' | 'skills' | 'profile', verb: string | undefined, rest: readonly string[], json: string | undefined, usageError: (m: string) => AppError): { command: TeamsCommand; allowed: readonly string[] } {
  const what = `${group === 'profile' ? 'agent profile' : group} ${verb ?? ''}`.trim();
  if (verb !== 'list' && verb !== 'set') throw usageError(verb === undefined ? `${what} needs a subcommand: list, set` : `Unknown command: ${what}`);
  if (rest.length > 0) throw usageError(`${what} expects no positional arguments`);
  if (verb === 'list') return { command: { kind: group === 'teams' ? 'teamsList' : group === 'skills' ? 'skillsList' : 'profileList' }, allowed: [] };
  if (json === undefined) {
    const message = `${what} requires --json`;
    throw new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`, [{ path: 'json', code: 'required', message }]);
  }
  return { command: { kind: group === 'teams' ? 'teamsSet' : group === 'skills' ? 'skillsSet' : 'profileSet', json }, allowed: ['json'] };
}
