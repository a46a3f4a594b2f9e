import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/protocol.js';
import { ENGINES, ME, pushSuite } from './helpers.js';

/*
 * The attendance plan on the sync server (issue 16 point 8): shift types and
 * the holiday calendar are global rows only admins write; roster entries are
 * the agent's team's rows that its supervisor and admins write; everyone in
 * scope reads them.
 */

const TS = new Date(Date.now() - 3_600_000).toISOString();

const shift = (code: string, over: Record<string, unknown> = {}) => ({ code, name: '白班', start: '08:30', end: '17:30', breakMinutes: 60, retiredAt: null, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });
const holiday = (date: string, over: Record<string, unknown> = {}) => ({ date, kind: 'statutory', name: '元旦', removedAt: null, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });
const roster = (agentId: string, date: string, team: string | null, over: Record<string, unknown> = {}) => ({ agentId, date, entry: 'D', team, updatedBy: ME, createdAt: TS, updatedAt: TS, ...over });

describe.each(ENGINES)('attendance plan (shifts, holidays, rosters) on $name', (engine) => {
  const { api, push, code } = pushSuite(engine, {
    agentN: { username: 'agentN', role: 'agent', team: 'north' },
    agentS: { username: 'agentS', role: 'agent', team: 'south' },
    supN: { username: 'supN', role: 'supervisor', team: 'north' },
    supS: { username: 'supS', role: 'supervisor', team: 'south' },
    admin: { username: 'root', role: 'admin', team: null },
  });
  async function pulled(who: Parameters<typeof api>[0], entity: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await api(who).get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === entity);
    return new Map(rows.map((r) => [r.id, r.values]));
  }

  it('lets only an admin create or change a shift type, and everyone read it', async () => {
    expect(code(await push('agentN', 'pcAgentN', [{ entity: 'shift_type', id: 'D', values: shift('D') }], 'shifts:set'))).toBe('FORBIDDEN');
    expect(code(await push('supN', 'pcSupN', [{ entity: 'shift_type', id: 'D', values: shift('D') }], 'shifts:set'))).toBe('FORBIDDEN');
    expect((await push('admin', 'pcAdmin', [{ entity: 'shift_type', id: 'D', values: shift('D') }], 'shifts:set'))?.status).toBe('applied');
    expect(code(await push('supN', 'pcSupN', [{ entity: 'shift_type', id: 'D', values: { name: '早班', updatedBy: ME, updatedAt: TS } }], 'shifts:set'))).toBe('FORBIDDEN');
    expect((await push('admin', 'pcAdmin', [{ entity: 'shift_type', id: 'D', values: { end: '18:00', updatedBy: ME, updatedAt: TS } }], 'shifts:set'))?.status).toBe('applied');
    // A code is fixed once created; a bad time is refused.
    expect(code(await push('admin', 'pcAdmin', [{ entity: 'shift_type', id: 'D', values: { code: 'X' } }], 'shifts:set'))).toBe('FIELD_FIXED');
    expect(code(await push('admin', 'pcAdmin', [{ entity: 'shift_type', id: 'Z', values: shift('Z', { start: '25:00' }) }], 'shifts:set'))).toBe('VALIDATION_FAILED');
    for (const who of ['agentN', 'agentS', 'supS'] as const) expect((await pulled(who, 'shift_type')).get('D')).toMatchObject({ code: 'D', end: '18:00', updatedBy: 'root' });
  });

  it('lets only an admin write the holiday calendar; a supervisor cannot', async () => {
    expect(code(await push('supN', 'pcSupN', [{ entity: 'holiday', id: '2027-01-01', values: holiday('2027-01-01') }], 'holidays:import'))).toBe('FORBIDDEN');
    expect(code(await push('agentS', 'pcAgentS', [{ entity: 'holiday', id: '2027-01-01', values: holiday('2027-01-01') }], 'holidays:import'))).toBe('FORBIDDEN');
    const r = await push('admin', 'pcAdmin', [
      { entity: 'holiday', id: '2027-01-01', values: holiday('2027-01-01') },
      { entity: 'holiday', id: '2027-01-02', values: holiday('2027-01-02', { kind: 'holiday_rest' }) },
    ], 'holidays:import');
    expect(r?.status).toBe('applied');
    expect(code(await push('supN', 'pcSupN', [{ entity: 'holiday', id: '2027-01-02', values: { removedAt: TS, updatedBy: ME, updatedAt: TS } }], 'holidays:import'))).toBe('FORBIDDEN');
    expect(code(await push('admin', 'pcAdmin', [{ entity: 'holiday', id: '2027-01-03', values: holiday('2027-01-03', { kind: 'festival' }) }], 'holidays:import'))).toBe('VALIDATION_FAILED');
    expect([...(await pulled('agentN', 'holiday')).keys()].sort()).toEqual(['2027-01-01', '2027-01-02']);
  });

  it('lets a supervisor plan their own team and admins any team; an agent cannot write a roster', async () => {
    expect(code(await push('agentN', 'pcAgentN', [{ entity: 'roster_entry', id: 'agentN|2027-01-04', values: roster('agentN', '2027-01-04', 'north') }], 'roster:set'))).toBe('FORBIDDEN');
    expect((await push('supN', 'pcSupN', [{ entity: 'roster_entry', id: 'agentN|2027-01-04', values: roster('agentN', '2027-01-04', 'north') }], 'roster:set'))?.status).toBe('applied');
    // Another team's supervisor: a row in their own name for a team not theirs is refused, and the north row is out of reach.
    expect(code(await push('supS', 'pcSupS', [{ entity: 'roster_entry', id: 'agentN|2027-01-05', values: roster('agentN', '2027-01-05', 'north') }], 'roster:set'))).toBe('FORBIDDEN');
    expect(code(await push('supS', 'pcSupS', [{ entity: 'roster_entry', id: 'agentN|2027-01-04', values: { entry: 'rest', updatedBy: ME, updatedAt: TS } }], 'roster:set'))).toBe('NOT_FOUND');
    // The agent cannot change their own entry either; an admin places a south row with its team.
    expect(code(await push('agentN', 'pcAgentN', [{ entity: 'roster_entry', id: 'agentN|2027-01-04', values: { entry: 'leave:annual', updatedBy: ME, updatedAt: TS } }], 'roster:set'))).toBe('FORBIDDEN');
    expect((await push('admin', 'pcAdmin', [{ entity: 'roster_entry', id: 'agentS|2027-01-04', values: roster('agentS', '2027-01-04', 'south', { entry: 'N' }) }], 'roster:import'))?.status).toBe('applied');
    expect((await push('admin', 'pcAdmin', [{ entity: 'roster_entry', id: 'agentN|2027-01-04', values: { entry: 'leave:sick', updatedBy: ME, updatedAt: TS } }], 'roster:set'))?.status).toBe('applied');
    expect(code(await push('admin', 'pcAdmin', [{ entity: 'roster_entry', id: 'agentN|2027-01-06', values: roster('agentN', '2027-01-06', 'north', { entry: 'leave:holiday' }) }], 'roster:set'))).toBe('VALIDATION_FAILED');
    // Everyone reads their team's roster; a team sees no other team's rows.
    expect((await pulled('agentN', 'roster_entry')).get('agentN|2027-01-04')).toMatchObject({ entry: 'leave:sick', team: 'north', updatedBy: 'root' });
    expect([...(await pulled('agentN', 'roster_entry')).keys()]).toEqual(['agentN|2027-01-04']);
    expect([...(await pulled('supS', 'roster_entry')).keys()]).toEqual(['agentS|2027-01-04']);
  });

  it('refuses a new shift type, holiday or roster entry whose id is not the one its values make (one row per key on every PC)', async () => {
    for (const [entity, id, values, name] of [
      ['shift_type', 'shift-1', shift('M'), 'shifts:set'],
      ['holiday', '2027-02-01x', holiday('2027-02-01'), 'holidays:import'],
      ['roster_entry', 'agentN|2027-01-09', roster('agentN', '2027-01-08', 'north'), 'roster:set'],
      ['roster_entry', 'x-1', roster('agentN', '2027-01-08', 'north'), 'roster:set'],
    ] as const) {
      const result = await push('admin', 'pcAdmin', [{ entity, id, values }], name);
      expect(code(result), `${entity} ${id}`).toBe('VALIDATION_FAILED');
      expect(result?.status === 'rejected' ? result.error.message : '').toContain('derived from its values');
    }
    expect((await pulled('admin', 'shift_type')).has('shift-1')).toBe(false);
    expect([...(await pulled('admin', 'roster_entry')).keys()].filter((k) => k.includes('2027-01-08') || k.includes('2027-01-09') || k === 'x-1')).toEqual([]);
    // The id its values make is taken.
    expect((await push('admin', 'pcAdmin', [{ entity: 'roster_entry', id: 'agentN|2027-01-08', values: roster('agentN', '2027-01-08', 'north') }], 'roster:set'))?.status).toBe('applied');
  });
});
