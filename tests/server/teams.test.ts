import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../server/db.js';
import { MIGRATIONS, migrate } from '../../server/migrations.js';
import type { DirectoryResponse, MutationResult, PullResponse } from '../../shared/sync/protocol.js';
import { ENGINES, ME, pushSuite, uniq } from './helpers.js';

/*
 * Teams, seats and skills on the sync server (issue 16 point 1): only admins
 * write them; a seat is held by one active agent (SEAT_TAKEN, also when two
 * PCs push the same seat at once); a leader is an enabled senior, supervisor
 * or admin; a profile's team and skills must exist; the user follows the
 * profile's team; existing users' team texts become records (0009_teams).
 */

const TS = new Date(Date.now() - 3_600_000).toISOString();
const teamValues = (over: Record<string, unknown> = {}) => ({ name: '二线技术支持', leader: null, deactivatedAt: null, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });
const profileValues = (agentId: string, over: Record<string, unknown> = {}) => ({ agentId, team: null, seat: null, skills: '[]', joinedOn: null, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });
const skillValues = (code: string, over: Record<string, unknown> = {}) => ({ kind: 'product', code, name: '宽带', retiredAt: null, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });

describe.each(ENGINES)('teams, seats and skills on $name', (engine) => {
  const { api, push, code } = pushSuite(
    engine,
    {
      agent: { username: 'agentA', role: 'agent', team: 'first' },
      agent2: { username: 'agentB', role: 'agent', team: 'first' },
      agent3: { username: 'agentC', role: 'agent', team: 'first' },
      senior: { username: 'seniorA', role: 'senior', team: 'second' },
      sup: { username: 'supA', role: 'supervisor', team: 'first' },
      admin: { username: 'root', role: 'admin', team: null },
      admin2: { username: 'root2', role: 'admin', team: null },
    },
    'teams:set',
  );
  const applied = (r: MutationResult | undefined) => expect(r?.status, JSON.stringify(r)).toBe('applied');

  it('lets only admins write teams, skills and profiles', async () => {
    const id = uniq('team');
    expect(code(await push('sup', 'wsSup', [{ entity: 'team', id, values: teamValues() }]))).toBe('FORBIDDEN');
    expect(code(await push('senior', 'wsSen', [{ entity: 'skill', id: 'cantonese_x', values: skillValues('cantonese_x') }]))).toBe('FORBIDDEN');
    expect(code(await push('agent', 'wsA', [{ entity: 'agent_profile', id: 'agentA', values: profileValues('agentA', { seat: 'Z-1' }) }]))).toBe('FORBIDDEN');
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id, values: teamValues() }]));
    // Everybody reads them (the pickers): an agent pulls the team.
    const rows = (await api('agent').get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
    expect(rows.some((r) => r.entity === 'team' && r.id === id)).toBe(true);
  });

  it('takes a leader who is an enabled senior, supervisor or admin, and names the field otherwise', async () => {
    const id = uniq('team');
    expect(code(await push('admin', 'wsRoot', [{ entity: 'team', id, values: teamValues({ leader: 'nobody' }) }]))).toBe('LEADER_UNKNOWN');
    expect(code(await push('admin', 'wsRoot', [{ entity: 'team', id, values: teamValues({ leader: 'agentA' }) }]))).toBe('LEADER_ROLE');
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id, values: teamValues({ leader: 'seniorA' }) }]));
    // Renaming keeps the leader without judging it again.
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id, values: { name: '二线', updatedBy: ME, updatedAt: TS } }]));
  });

  it('refuses to deactivate a team that still has active members', async () => {
    const r = await push('admin', 'wsRoot', [{ entity: 'team', id: 'first', values: teamValues({ name: 'first', deactivatedAt: TS }) }]);
    expect(code(r)).toBe('TEAM_HAS_MEMBERS');
    expect((r as Extract<MutationResult, { status: 'rejected' }>).error.message).toMatch(/agentA/);
    const empty = uniq('team');
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id: empty, values: teamValues() }]));
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id: empty, values: { deactivatedAt: TS, updatedBy: ME, updatedAt: TS } }]));
    // A deactivated team is no destination for a profile.
    expect(code(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'agentC', values: profileValues('agentC', { team: empty }) }], 'profiles:set'))).toBe('TEAM_UNKNOWN');
  });

  it('gives a seat to one active agent only (SEAT_TAKEN), also across two PCs pushing it at once', async () => {
    applied(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'agentA', values: profileValues('agentA', { seat: 'A-012', team: 'first' }) }], 'profiles:set'));
    expect(code(await push('admin2', 'wsRoot2', [{ entity: 'agent_profile', id: 'agentB', values: profileValues('agentB', { seat: 'a-012' }) }], 'profiles:set'))).toBe('SEAT_TAKEN');
    // Two admins on two PCs give the same free seat to two agents at the same time: exactly one wins.
    const [one, two] = await Promise.all([
      push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'agentB', values: profileValues('agentB', { seat: 'B-7' }) }], 'profiles:set'),
      push('admin2', 'wsRoot2', [{ entity: 'agent_profile', id: 'agentC', values: profileValues('agentC', { seat: 'B-7' }) }], 'profiles:set'),
    ]);
    expect([one?.status, two?.status].sort()).toEqual(['applied', 'rejected']);
    expect([code(one), code(two)]).toContain('SEAT_TAKEN');
    const pulled = (await api('admin').get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === 'agent_profile' && r.values.seat === 'B-7');
    expect(pulled).toHaveLength(1);
  });

  it('refuses unknown skills and agents and a future join date, and takes listed ones', async () => {
    expect(code(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'ghost', values: profileValues('ghost') }], 'profiles:set'))).toBe('AGENT_UNKNOWN');
    expect(code(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'seniorA', values: profileValues('seniorA', { skills: '["klingon"]' }) }], 'profiles:set'))).toBe('SKILL_UNKNOWN');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(code(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'seniorA', values: profileValues('seniorA', { joinedOn: future }) }], 'profiles:set'))).toBe('JOIN_DATE_FUTURE');
    // A skill created in the same mutation is known.
    applied(
      await push('admin', 'wsRoot', [
        { entity: 'skill', id: 'cantonese', values: skillValues('cantonese', { kind: 'language', name: '粤语' }) },
        { entity: 'agent_profile', id: 'seniorA', values: profileValues('seniorA', { skills: '["cantonese"]', joinedOn: '2024-03-01', team: 'second' }) },
      ], 'profiles:set'),
    );
  });

  it('moves the user to the team their profile names', async () => {
    const id = uniq('team');
    applied(await push('admin', 'wsRoot', [{ entity: 'team', id, values: teamValues() }]));
    applied(await push('admin', 'wsRoot', [{ entity: 'agent_profile', id: 'agentC', values: profileValues('agentC', { team: id }) }], 'profiles:set'));
    const dir = (await api('admin').get<DirectoryResponse>('/directory')).body;
    expect(dir.people.find((p) => p.username === 'agentC')?.team).toBe(id);
  });
});

describe.each(ENGINES)('migration 0009_teams on $name', (engine) => {
  it('makes a team record of every team text the existing users carry', async () => {
    const store = await engine.create();
    const db = store.opts.databaseUrl ? await openPostgres(store.opts.databaseUrl) : await openPglite(`${store.opts.dataDir as string}/pgdata`);
    try {
      await migrate(db, MIGRATIONS.filter((m) => m.id < '0009'));
      for (const [id, team] of [['u1', '一线'], ['u2', '一线'], ['u3', '二线'], ['u4', null]] as const) {
        await db.query("INSERT INTO users (id, username, password_hash, role, team) VALUES ($1, $1, 'x', 'agent', $2)", [id, team]);
      }
      expect(await migrate(db)).toContain('0009_teams');
      const rows = await db.query<{ id: string; values: Record<string, unknown>; global: boolean }>("SELECT id, \"values\", global FROM sync_rows WHERE entity = 'team' ORDER BY id");
      expect(rows.map((r) => r.id)).toEqual(['一线', '二线']);
      expect(rows[0]?.values).toMatchObject({ name: '一线', leader: null, deactivatedAt: null });
      expect(rows.every((r) => r.global)).toBe(true);
      // The records are valid rows of the entity, so every PC can apply them.
      const { TeamValuesSchema } = await import('../../shared/sync/entities.js');
      for (const r of rows) expect(TeamValuesSchema.safeParse(r.values).success).toBe(true);
    } finally {
      await db.close();
      await store.dispose();
    }
  }, 60_000);
});
