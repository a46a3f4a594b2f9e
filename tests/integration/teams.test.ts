import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import { failure, ok, openTestCore, tempDir } from '../unit/core/helpers.js';
import { cli, errorOf } from './cliRun.js';

/*
 * Teams, seats and skills (issue 16 point 1) through the core's channels and
 * the CLI: string teams of an existing PC become records; the admin's "add an
 * agent" writes the account and its profile together or neither; a seat is
 * one active agent's; skills come from the list; the join date is not in the
 * future; only an admin writes; the directory carries seats and skills.
 */

async function adminPc() {
  const t = await openTestCore({ requireSignIn: true });
  await ok(t.core, 'agent:setup', { username: 'boss', displayName: '主任', password: 'boss-pass-1', role: 'admin' });
  await ok(t.core, 'accounts:create', { username: 'zhou', displayName: '周组长', password: 'zhou-pass-1', role: 'senior', team: '二线' });
  return t;
}

const agent = (username: string, team = '一线') => ({ username, displayName: username, password: `${username}-pass-1`, role: 'agent' as const, team });

describe('teams, seats and skills in the core', { timeout: 60_000 }, () => {
  it('turns the team texts of an existing PC into team records, keeping what the accounts carry', async () => {
    const dir = tempDir();
    const old = await Store.open({ dataDir: dir, migrations: migrations.filter((m) => m.id < '0021'), idleCheckpointMs: 0, log: () => undefined });
    old.write((w) => {
      for (const [u, role, team] of [['boss', 'admin', null], ['li', 'agent', '一线'], ['wang', 'agent', ' 一线 '], ['zhou', 'senior', '二线']] as const) {
        w.run("INSERT INTO local_accounts (username, display_name, role, team, password_hash, created_at) VALUES (?, ?, ?, ?, 'x', '2026-01-01T00:00:00.000Z')", [u, u, role, team]);
      }
    });
    old.close();
    const { core } = await openTestCore({ dataDir: dir });
    const teams = await ok(core, 'teams:list', {});
    expect(teams.map((t) => [t.id, t.name, t.derived, t.leader])).toEqual([
      ['二线', '二线', false, null],
      ['一线', '一线', false, null],
    ]);
    expect((await ok(core, 'accounts:list', {})).find((a) => a.username === 'wang')?.team).toBe('一线');
    // The default skill list is there too.
    expect((await ok(core, 'skills:list', {})).map((s) => s.name)).toEqual(['宽带', 'IPTV', '固话', '企业专线', '粤语', 'English', '普通话']);
  });

  it('adds an agent with team, seat, skills and join date; a taken seat refuses both account and profile', async () => {
    const { core } = await adminPc();
    await ok(core, 'teams:set', { id: '一线', name: '一线受理组', leader: 'zhou' });
    const made = await ok(core, 'profiles:createAgent', { account: agent('li'), profile: { seat: 'A-012', skills: ['broadband', 'cantonese'], joinedOn: '2025-03-01' } });
    expect(made.profile).toMatchObject({ agentId: 'li', team: '一线', seat: 'A-012', skills: ['broadband', 'cantonese'], joinedOn: '2025-03-01' });
    expect(made.account.team).toBe('一线');

    const taken = await failure(core, 'profiles:createAgent', { account: agent('wang'), profile: { seat: 'a-012' } });
    expect(taken.code).toBe('SEAT_TAKEN');
    expect(taken.fields?.[0]?.path).toBe('seat');
    expect((await ok(core, 'accounts:list', {})).map((a) => a.username)).not.toContain('wang');

    const future = await failure(core, 'profiles:createAgent', { account: agent('wang'), profile: { joinedOn: '2026-12-01' } });
    expect([future.code, future.fields?.[0]?.path]).toEqual(['JOIN_DATE_FUTURE', 'joinedOn']);
    const skill = await failure(core, 'profiles:set', { agentId: 'li', skills: ['klingon'] });
    expect([skill.code, skill.fields?.[0]?.path]).toEqual(['SKILL_UNKNOWN', 'skills']);
    const team = await failure(core, 'profiles:set', { agentId: 'li', team: '三线' });
    expect([team.code, team.fields?.[0]?.path]).toEqual(['TEAM_UNKNOWN', 'team']);
    expect((await failure(core, 'profiles:set', { agentId: 'li', joinedOn: '2026-02-30' })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'profiles:set', { agentId: 'nobody', seat: 'B-1' })).code).toBe('AGENT_UNKNOWN');

    // A disabled agent's seat is free again.
    await ok(core, 'accounts:setDisabled', { username: 'li', disabled: true });
    await ok(core, 'profiles:createAgent', { account: agent('wang'), profile: { seat: 'A-012', skills: ['iptv'] } });

    // The pickers read seat and skill names from the directory.
    const wang = (await ok(core, 'directory:list', {})).people.find((p) => p.username === 'wang');
    expect(wang).toMatchObject({ team: '一线', seat: 'A-012', skills: ['IPTV'] });
  });

  it('checks a team leader and refuses to deactivate a team with active members', async () => {
    const { core } = await adminPc();
    await ok(core, 'accounts:create', agent('li'));
    const role = await failure(core, 'teams:set', { id: '一线', name: '一线', leader: 'li' });
    expect([role.code, role.fields?.[0]?.path]).toEqual(['LEADER_ROLE', 'leader']);
    expect((await failure(core, 'teams:set', { id: '一线', name: '一线', leader: 'ghost' })).code).toBe('LEADER_UNKNOWN');
    expect((await failure(core, 'teams:set', { id: '一线', name: '一线', active: false })).code).toBe('TEAM_HAS_MEMBERS');
    const made = await ok(core, 'teams:set', { id: '三线', name: '三线 (夜间)', leader: 'zhou' });
    expect(made).toMatchObject({ id: '三线', name: '三线 (夜间)', leader: 'zhou', active: true, members: 0, derived: false });
    // Moving the agent there moves the account too (scoping and the roster read it).
    await ok(core, 'profiles:set', { agentId: 'li', team: '三线' });
    expect((await ok(core, 'accounts:list', {})).find((a) => a.username === 'li')?.team).toBe('三线');
    expect((await failure(core, 'teams:set', { id: '三线', name: '三线', active: false })).code).toBe('TEAM_HAS_MEMBERS');
    await ok(core, 'profiles:set', { agentId: 'li', team: '一线' });
    expect((await ok(core, 'teams:set', { id: '三线', name: '三线', active: false })).active).toBe(false);
    expect((await ok(core, 'directory:list', {})).teams).not.toContain('三线');
    expect((await failure(core, 'profiles:set', { agentId: 'li', team: '三线' })).code).toBe('TEAM_UNKNOWN');
  });

  it('lets only an admin write teams, skills and profiles; everyone reads them', async () => {
    const { core } = await adminPc();
    await ok(core, 'accounts:create', agent('li'));
    await ok(core, 'agent:signOut', {});
    await ok(core, 'agent:signIn', { username: 'li', password: 'li-pass-1' });
    expect((await failure(core, 'teams:set', { id: '一线', name: 'x' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'skills:set', { code: 'hokkien', kind: 'language', name: '闽南语' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'profiles:set', { agentId: 'li', seat: 'Z-9' })).code).toBe('FORBIDDEN');
    expect((await ok(core, 'teams:list', {})).length).toBeGreaterThan(0);
    expect((await ok(core, 'skills:list', {})).length).toBe(7);
  });
});

describe('teams CLI', { timeout: 180_000 }, () => {
  const ProfileShape = z.strictObject({ agentId: z.string(), team: z.string().nullable(), seat: z.string().nullable(), skills: z.array(z.string()), joinedOn: z.string().nullable() });
  const TeamShape = z.strictObject({ id: z.string(), name: z.string(), leader: z.string().nullable(), active: z.boolean(), members: z.number() });

  async function run(args: string[]): Promise<unknown> {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  }
  async function refused(args: string[]): Promise<string> {
    const r = await cli(args);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    return errorOf(r).code;
  }

  it('sets and lists teams, skills and agent profiles in the exact shapes; errors exit 2 and change nothing', async () => {
    const d = ['--data', path.join(tempDir(), 'data')];
    await run([...d, 'agent', 'add', '--username', 'zhou', '--password', 'zhou-pass-1', '--role', 'senior', '--team', '二线']);
    await run([...d, 'agent', 'add', '--username', 'li', '--password', 'li-pass-12', '--role', 'agent', '--team', '一线']);
    await run([...d, 'agent', 'add', '--username', 'wang', '--password', 'wang-pass-1', '--role', 'agent', '--team', '一线']);
    expect(TeamShape.parse(await run([...d, 'teams', 'set', '--json', '{"id":"二线","name":"二线技术支持","leader":"zhou"}']))).toEqual({ id: '二线', name: '二线技术支持', leader: 'zhou', active: true, members: 1 });
    expect(z.array(TeamShape).parse(await run([...d, 'teams', 'list'])).map((t) => t.id)).toEqual(['二线', '一线']);
    expect(await run([...d, 'skills', 'set', '--json', '{"code":"hokkien","kind":"language","name":"闽南语"}'])).toEqual({ code: 'hokkien', kind: 'language', name: '闽南语', retired: false });
    expect((await run([...d, 'skills', 'list'])) as unknown[]).toHaveLength(8);
    const set = ProfileShape.parse(await run([...d, 'agent', 'profile', 'set', '--json', '{"agentId":"li","team":"一线","seat":"A-012","skills":["broadband","hokkien"],"joinedOn":"2025-03-01"}']));
    expect(set).toEqual({ agentId: 'li', team: '一线', seat: 'A-012', skills: ['broadband', 'hokkien'], joinedOn: '2025-03-01' });

    const before = await run([...d, 'agent', 'profile', 'list']);
    expect(await refused([...d, 'agent', 'profile', 'set', '--json', '{"agentId":"wang","seat":"A-012"}'])).toBe('SEAT_TAKEN');
    expect(await refused([...d, 'agent', 'profile', 'set', '--json', '{"agentId":"wang","joinedOn":"2999-01-01"}'])).toBe('JOIN_DATE_FUTURE');
    expect(await refused([...d, 'agent', 'profile', 'set', '--json', '{"agentId":"wang","skills":["klingon"]}'])).toBe('SKILL_UNKNOWN');
    expect(await refused([...d, 'agent', 'profile', 'set', '--json', '{nope'])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'teams', 'set', '--json', '{"id":"一线","name":"一线","leader":"li"}'])).toBe('LEADER_ROLE');
    expect(await refused([...d, 'teams', 'set'])).toBe('VALIDATION_FAILED');
    expect(await run([...d, 'agent', 'profile', 'list'])).toEqual(before);
    expect(z.array(ProfileShape).parse(before).find((p) => p.agentId === 'wang')).toEqual({ agentId: 'wang', team: '一线', seat: null, skills: [], joinedOn: null });
  });
});
