import { describe, expect, it } from 'vitest';
import { AgentProfileValuesSchema, entityDecl } from '../../../shared/sync/entities.js';
import { centerToday, deactivationProblem, joinDateProblem, leaderProblem, parseSkills, personSearchText, seatHolder, skillsProblem, teamsWriteProblem, uniqueSkills, unknownSkills } from '../../../shared/teams/rules.js';
import { ProfileSetSchema, TeamSetSchema } from '../../../shared/teams/schema.js';

describe('teams, seats and skills: pure rules (issue 16 point 1)', () => {
  it('finds who holds a seat among active agents only, ignoring case and the agent asking', () => {
    const profiles = [
      { agentId: 'li', seat: 'A-012', active: true },
      { agentId: 'old', seat: 'B-1', active: false },
      { agentId: 'wang', seat: null, active: true },
    ];
    expect(seatHolder('a-012', 'wang', profiles)).toBe('li');
    expect(seatHolder(' A-012 ', 'LI', profiles)).toBeNull();
    expect(seatHolder('B-1', 'wang', profiles)).toBeNull();
    expect(seatHolder('C-3', 'wang', profiles)).toBeNull();
  });

  it('takes an enabled senior, supervisor or admin as leader, names the field otherwise', () => {
    expect(leaderProblem('zhou', { role: 'senior' })).toBeNull();
    expect(leaderProblem('boss', { role: 'admin' })).toBeNull();
    expect(leaderProblem('li', { role: 'agent' })).toMatchObject({ code: 'LEADER_ROLE', path: 'leader' });
    expect(leaderProblem('ghost', undefined)).toMatchObject({ code: 'LEADER_UNKNOWN', path: 'leader' });
    expect(leaderProblem('gone', { role: 'supervisor', disabled: true })).toMatchObject({ code: 'LEADER_UNKNOWN' });
  });

  it('deactivates only an empty team and names who is still in it', () => {
    expect(deactivationProblem('一线', [])).toBeNull();
    const p = deactivationProblem('一线', ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(p).toMatchObject({ code: 'TEAM_HAS_MEMBERS', path: 'active' });
    expect(p?.message).toMatch(/a, b, c, d, e and 2 more/);
  });

  it('refuses a join date after the center day (+08:00), today included is fine', () => {
    // 2026-11-24T17:00Z is already 2026-11-25 in Beijing.
    const today = centerToday(Date.parse('2026-11-24T17:00:00Z'));
    expect(today).toBe('2026-11-25');
    expect(joinDateProblem('2026-11-25', today)).toBeNull();
    expect(joinDateProblem('2026-11-26', today)).toMatchObject({ code: 'JOIN_DATE_FUTURE', path: 'joinedOn' });
  });

  it('keeps skills from the list (a retired one the profile already had may stay), once each', () => {
    const known = new Set(['broadband', 'iptv']);
    expect(unknownSkills(['broadband', 'klingon', 'old'], known, new Set(['old']))).toEqual(['klingon']);
    expect(skillsProblem(['klingon'])).toMatchObject({ code: 'SKILL_UNKNOWN', path: 'skills' });
    expect(skillsProblem([])).toBeNull();
    expect(uniqueSkills(['iptv', 'broadband', 'iptv'])).toEqual(['iptv', 'broadband']);
    expect(parseSkills('["a","b"]')).toEqual(['a', 'b']);
    expect(parseSkills('nope')).toEqual([]);
    expect(parseSkills(null)).toEqual([]);
  });

  it('lets only admins write, on the client and in the entity checks the server runs', () => {
    expect(teamsWriteProblem({ role: 'admin', username: 'boss' }, 'teams')).toBeNull();
    expect(teamsWriteProblem({ role: 'supervisor', username: 'sup' }, 'teams')?.code).toBe('FORBIDDEN');
    for (const name of ['team', 'skill', 'agent_profile'] as const) {
      const check = entityDecl(name).check;
      if (!check) throw new Error(`${name} has no check`);
      expect(check(null, {}, [], { username: 'sup', role: 'supervisor', team: 't1' }, { parent: null })?.code).toBe('FORBIDDEN');
      expect(check(null, {}, [], { username: 'boss', role: 'admin', team: null }, { parent: null })).toBeNull();
    }
  });

  it('validates requests and synced values: a calendar date, a seat shape, skill codes', () => {
    expect(ProfileSetSchema.safeParse({ agentId: 'li', joinedOn: '2026-02-30' }).success).toBe(false);
    expect(ProfileSetSchema.safeParse({ agentId: 'li', seat: 'A 12' }).success).toBe(false);
    expect(ProfileSetSchema.safeParse({ agentId: 'li', seat: 'A-012', skills: ['broadband'], joinedOn: '2024-02-29' }).success).toBe(true);
    expect(TeamSetSchema.safeParse({ id: '一线', name: '' }).success).toBe(false);
    const row = { agentId: 'li', team: null, seat: 'A-1', skills: '["iptv"]', joinedOn: null, updatedBy: 'boss', createdAt: '2026-11-24T00:00:00.000Z', updatedAt: '2026-11-24T00:00:00.000Z' };
    expect(AgentProfileValuesSchema.safeParse(row).success).toBe(true);
    expect(AgentProfileValuesSchema.safeParse({ ...row, skills: '["IPTV TV"]' }).success).toBe(false);
  });

  it('finds a person in a picker by skill name and seat, as well as by name', () => {
    const text = personSearchText({ displayName: '周工', username: 'zhou', seat: 'B-7', skillNames: ['粤语', 'IPTV'] });
    expect(text).toContain('粤语');
    expect(text).toContain('IPTV');
    expect(text).toContain('B-7');
  });
});
