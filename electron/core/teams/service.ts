/**
 * Teams, skills and agent profiles (issue 16 point 1). Every write is one
 * local transaction with its outbox entry, whole rows (a seeded team or skill
 * the server has never seen arrives there as a create). The rules are
 * shared/teams/rules.ts, judged here against what this PC knows (the field
 * named in the error) and again by the server against what it knows.
 */
import type { Handlers } from '../../../shared/contract.js';
import type { AccountInput } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import {
  centerToday,
  deactivationProblem,
  joinDateProblem,
  leaderProblem,
  seatHolder,
  seatTakenProblem,
  skillsProblem,
  teamsWriteProblem,
  uniqueSkills,
  unknownSkills,
  type Problem,
} from '../../../shared/teams/rules.js';
import type { AgentProfile, ProfileFields, ProfileSetInput, Skill, SkillSetInput, Team, TeamSetInput } from '../../../shared/teams/schema.js';
import type { CoreChannel } from '../api.js';
import { hashPassword, insertAccount } from '../desk/accounts.js';
import { readDirectory } from '../desk/directory.js';
import { acting, type Acting, type WorkEnv } from '../desk/workEnv.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { profileRow, profileRows, skillRows, teamRow, teamRows } from './queries.js';

export type TeamsChannel = Extract<CoreChannel, `teams:${string}` | `skills:${string}` | `profiles:${string}` | 'profiles:createAgent'>;
export type TeamsHandlers = Handlers<TeamsChannel>;

export interface TeamsDeps extends WorkEnv {
  localChange: () => void;
}

function refuse(p: Problem): AppError {
  return new AppError(p.code, p.message, [{ path: p.path, code: p.code.toLowerCase(), message: p.message }]);
}

function requireAdmin(user: Acting, what: 'teams' | 'skills' | 'agent profiles'): void {
  const p = teamsWriteProblem(user, what);
  if (p) throw new AppError(p.code, p.message, [{ path: '', code: 'forbidden', message: p.message }]);
}

/** '' and null both clear a nullable field; undefined keeps it. */
const cleared = <T extends string>(v: T | '' | null | undefined): T | null | undefined => (v === '' ? null : v);

/** The teams as the admin screen lists them: records (with their members), then teams only named on accounts. */
export function listTeams(r: SqlReader): Team[] {
  const dir = readDirectory(r);
  const members = new Map<string, number>();
  for (const p of dir.people) if (p.team) members.set(p.team, (members.get(p.team) ?? 0) + 1);
  const records = teamRows(r);
  const out: Team[] = records.map((t) => ({ id: t.id, name: t.name, leader: t.leader, active: t.deactivatedAt === null, members: members.get(t.id) ?? 0, derived: false, updatedAt: t.updatedAt }));
  const known = new Set(records.map((t) => t.id));
  for (const [id, n] of members) if (!known.has(id)) out.push({ id, name: id, leader: null, active: true, members: n, derived: true, updatedAt: null });
  return out.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh-CN'));
}

export function listSkills(r: SqlReader): Skill[] {
  return skillRows(r).map(({ code, kind, name, retired }) => ({ code, kind, name, retired }));
}

/** Every person of the directory with their profile (or an empty one), and profiles of people it does not know (left, or not yet synced). */
export function listProfiles(r: SqlReader): AgentProfile[] {
  const dir = readDirectory(r);
  const profiles = new Map(profileRows(r).map((p) => [p.agentId.toLowerCase(), p]));
  const out: AgentProfile[] = dir.people.map((person) => {
    const p = profiles.get(person.username.toLowerCase());
    profiles.delete(person.username.toLowerCase());
    return { agentId: person.username, displayName: person.displayName, role: person.role, team: p ? p.team : person.team, seat: p?.seat ?? null, skills: p?.skills ?? [], joinedOn: p?.joinedOn ?? null, updatedAt: p?.updatedAt ?? null };
  });
  for (const p of profiles.values()) out.push({ agentId: p.agentId, displayName: p.agentId, role: null, team: p.team, seat: p.seat, skills: p.skills, joinedOn: p.joinedOn, updatedAt: p.updatedAt });
  return out.sort((a, b) => a.agentId.localeCompare(b.agentId));
}

export function createTeams(deps: TeamsDeps): { handlers: TeamsHandlers } {
  const { ctx } = deps;
  const me = (): Acting => acting(deps);
  const changed = (): void => {
    deps.localChange();
    deps.emit('console:changed', { kinds: ['teams'], origin: 'local' });
  };

  // ------------------------------------------------------------ teams

  function setTeam(input: TeamSetInput): Team {
    const user = me();
    requireAdmin(user, 'teams');
    ctx.store.write((w) => {
      const dir = readDirectory(w);
      const old = teamRow(w, input.id);
      const leader = input.leader === undefined ? (old?.leader ?? null) : cleared(input.leader) ?? null;
      if (leader !== null && (old?.leader ?? null) !== leader) {
        const person = dir.people.find((p) => p.username.toLowerCase() === leader.toLowerCase());
        const p = leaderProblem(leader, person);
        if (p) throw refuse(p);
      }
      const wasActive = old ? old.deactivatedAt === null : true;
      const active = input.active ?? wasActive;
      if (!active && wasActive) {
        const p = deactivationProblem(input.id, dir.people.filter((x) => x.team === input.id).map((x) => x.username));
        if (p) throw refuse(p);
      }
      const s = stamp(ctx);
      const values = {
        name: input.name,
        leader: leader === null ? null : (dir.people.find((p) => p.username.toLowerCase() === leader.toLowerCase())?.username ?? leader),
        deactivatedAt: active ? null : (old?.deactivatedAt ?? s.at),
        updatedBy: user.username,
        createdAt: old?.createdAt ?? s.at,
        updatedAt: s.at,
      };
      if (old) {
        w.run('UPDATE team SET name = ?, leader = ?, deactivated_at = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
          values.name, values.leader, values.deactivatedAt, values.updatedBy, values.updatedAt, mergeFieldHlc(old.fieldHlc, Object.keys(values), s.hlc), input.id,
        ]);
      } else {
        w.run('INSERT INTO team (id, name, leader, deactivated_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          input.id, values.name, values.leader, values.deactivatedAt, values.updatedBy, values.createdAt, values.updatedAt, createdFieldHlc(s.hlc),
        ]);
      }
      appendOutbox(w, s, { name: 'teams:set', entity: 'team', entityId: input.id, changes: [{ entity: 'team', id: input.id, values }] });
    });
    changed();
    return ctx.store.read((r) => listTeams(r).find((t) => t.id === input.id)) as Team;
  }

  // ------------------------------------------------------------ skills

  function setSkill(input: SkillSetInput): Skill {
    const user = me();
    requireAdmin(user, 'skills');
    ctx.store.write((w) => {
      const old = skillRows(w).find((x) => x.code === input.code);
      const s = stamp(ctx);
      const retired = input.retired ?? old?.retired ?? false;
      const oldRetiredAt = w.get<{ at: string | null }>('SELECT retired_at AS at FROM skill WHERE id = ?', [input.code])?.at ?? null;
      const values = { kind: input.kind, code: input.code, name: input.name, retiredAt: retired ? (oldRetiredAt ?? s.at) : null, updatedBy: user.username, createdAt: old?.createdAt ?? s.at, updatedAt: s.at };
      if (old) {
        w.run('UPDATE skill SET kind = ?, name = ?, retired_at = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
          values.kind, values.name, values.retiredAt, values.updatedBy, values.updatedAt, mergeFieldHlc(old.fieldHlc, Object.keys(values), s.hlc), input.code,
        ]);
      } else {
        w.run('INSERT INTO skill (id, kind, code, name, retired_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          input.code, values.kind, input.code, values.name, values.retiredAt, values.updatedBy, values.createdAt, values.updatedAt, createdFieldHlc(s.hlc),
        ]);
      }
      appendOutbox(w, s, { name: 'skills:set', entity: 'skill', entityId: input.code, changes: [{ entity: 'skill', id: input.code, values }] });
    });
    changed();
    return ctx.store.read((r) => listSkills(r).find((x) => x.code === input.code)) as Skill;
  }

  // ------------------------------------------------------------ profiles

  /**
   * Writes `agentId`'s profile inside `w` after every check; `accountTeam` is
   * the team the account has (the default of a first profile).
   */
  function writeProfile(w: SqlWriter, s: Stamp, user: Acting, agentId: string, fields: ProfileFields, accountTeam: string | null, knownAgent: boolean): void {
    const dir = readDirectory(w);
    if (!knownAgent && !dir.people.some((p) => p.username.toLowerCase() === agentId.toLowerCase())) {
      const message = `agentId: "${agentId}" is not an account here; pick the agent from the list`;
      throw new AppError('AGENT_UNKNOWN', message, [{ path: 'agentId', code: 'agent_unknown', message }]);
    }
    const old = profileRow(w, agentId);
    const id = old?.agentId ?? dir.people.find((p) => p.username.toLowerCase() === agentId.toLowerCase())?.username ?? agentId;
    const team = fields.team === undefined ? (old ? old.team : accountTeam) : (cleared(fields.team) ?? null);
    if (team !== null && team !== (old?.team ?? accountTeam)) {
      const record = teamRow(w, team);
      if (!dir.teams.includes(team) || (record && record.deactivatedAt !== null)) {
        const message = `team: there is no active team "${team}"; teams: ${dir.teams.join(', ') || 'none yet'}`;
        throw new AppError('TEAM_UNKNOWN', message, [{ path: 'team', code: 'team_unknown', message }]);
      }
    }
    const seat = fields.seat === undefined ? (old?.seat ?? null) : (cleared(fields.seat) ?? null);
    if (seat !== null) {
      const active = new Set(dir.people.map((p) => p.username.toLowerCase()));
      const everyone = active.size === 0;
      const holder = seatHolder(seat, id, profileRows(w).map((p) => ({ agentId: p.agentId, seat: p.seat, active: everyone || active.has(p.agentId.toLowerCase()) })));
      if (holder) throw refuse(seatTakenProblem(seat, holder));
    }
    const skills = fields.skills === undefined ? (old?.skills ?? []) : uniqueSkills(fields.skills);
    const listed = skillRows(w);
    const sp = skillsProblem(unknownSkills(skills, new Set(listed.filter((x) => !x.retired).map((x) => x.code)), new Set(old?.skills ?? [])));
    if (sp) throw refuse(sp);
    const joinedOn = fields.joinedOn === undefined ? (old?.joinedOn ?? null) : (cleared(fields.joinedOn) ?? null);
    if (joinedOn !== null && joinedOn !== old?.joinedOn) {
      const jp = joinDateProblem(joinedOn, centerToday(ctx.now()));
      if (jp) throw refuse(jp);
    }
    const values = { agentId: id, team, seat, skills: JSON.stringify(skills), joinedOn, updatedBy: user.username, createdAt: old?.createdAt ?? s.at, updatedAt: s.at };
    if (old) {
      w.run('UPDATE agent_profile SET team = ?, seat = ?, skills = ?, joined_on = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        team, seat, values.skills, joinedOn, user.username, s.at, mergeFieldHlc(old.fieldHlc, Object.keys(values), s.hlc), id,
      ]);
    } else {
      w.run('INSERT INTO agent_profile (id, agent_id, team, seat, skills, joined_on, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id, id, team, seat, values.skills, joinedOn, user.username, s.at, s.at, createdFieldHlc(s.hlc),
      ]);
    }
    // A standalone account follows its profile's team: sign-in, scoping and the roster read the account.
    w.run('UPDATE local_accounts SET team = ? WHERE lower(username) = lower(?)', [team, id]);
    appendOutbox(w, s, { name: 'profiles:set', entity: 'agent_profile', entityId: id, changes: [{ entity: 'agent_profile', id, values }] });
  }

  function profileOf(agentId: string): AgentProfile {
    return ctx.store.read((r) => listProfiles(r).find((p) => p.agentId.toLowerCase() === agentId.toLowerCase())) as AgentProfile;
  }

  function setProfile(input: ProfileSetInput): AgentProfile {
    const user = me();
    requireAdmin(user, 'agent profiles');
    const { agentId, ...fields } = input;
    ctx.store.write((w) => {
      const person = readDirectory(w).people.find((p) => p.username.toLowerCase() === agentId.toLowerCase());
      writeProfile(w, stamp(ctx), user, agentId, fields, person?.team ?? null, false);
    });
    changed();
    return profileOf(agentId);
  }

  async function createAgent(req: { account: AccountInput; profile: ProfileFields }): Promise<{ account: ReturnType<typeof insertAccount>; profile: AgentProfile }> {
    requireAdmin(me(), 'agent profiles');
    const hash = await hashPassword(req.account.password);
    // Checked again after the (slow) hash: the desk's session may have changed meanwhile.
    const user = me();
    requireAdmin(user, 'agent profiles');
    const team = req.profile.team === undefined ? (req.account.team?.trim() || null) : (cleared(req.profile.team) ?? null);
    const account = ctx.store.write((w) => {
      const s = stamp(ctx);
      // The profile's checks run before the account exists in the directory: a refusal rolls both back.
      const created = insertAccount(w, { ...req.account, ...(team ? { team } : {}) }, hash, s.at);
      writeProfile(w, s, user, created.username, { ...req.profile, team }, null, true);
      return { ...created, team };
    });
    changed();
    return { account, profile: profileOf(account.username) };
  }

  const handlers: TeamsHandlers = {
    'teams:list': () => ctx.store.read((r) => listTeams(r)),
    'teams:set': (req) => setTeam(req),
    'skills:list': () => ctx.store.read((r) => listSkills(r)),
    'skills:set': (req) => setSkill(req),
    'profiles:list': () => ctx.store.read((r) => listProfiles(r)),
    'profiles:set': (req) => setProfile(req),
    'profiles:createAgent': (req) => createAgent(req),
  };
  return { handlers };
}
