import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, readRaw } from '../core/helpers.js';
import { ADMIN, deskCore } from '../desk/helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

/*
 * The attendance plan's core services (issue 16 points 2-3, 8): who may
 * change what at this desk, all-or-nothing writes, and what goes to the
 * outbox for the server.
 */

const SUP = { username: 'chen.sup', displayName: '陈班长', password: 'sup-pass-12', role: 'supervisor' as const, team: 'hotline' };
const OTHER = { username: 'zhao.other', displayName: '赵其他', password: 'other-pass-1', role: 'agent' as const, team: 'billing' };

async function planCore() {
  const t = await deskCore();
  await ok(t.core, 'accounts:create', SUP);
  await ok(t.core, 'accounts:create', OTHER);
  return t;
}

describe('attendance plan services', () => {
  it('shows a team month with its day types and shifts; the admin plans any team, whole rows go to the outbox', async () => {
    const { core, dir } = await planCore();
    const month = await ok(core, 'roster:month', { month: '2026-10' });
    expect(month).toMatchObject({ team: 'hotline', teams: ['billing', 'hotline'], canEdit: true });
    expect(month.agents.map((a) => a.username).sort()).toEqual(['chen.sup', 'li.agent', 'zhang.admin']);
    expect(month.days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', dayType: 'adjusted_workday', holiday: '国庆节' });
    expect(month.shifts.map((s) => s.code)).toEqual(['D', 'E', 'N']);
    expect(await ok(core, 'roster:set', { entries: [{ agentId: 'li.agent', date: '2026-10-08', entry: 'd' }, { agentId: 'zhao.other', date: '2026-10-08', entry: 'leave:comp' }] })).toEqual({ saved: 2 });
    // The same entry again changes nothing.
    expect(await ok(core, 'roster:set', { entries: [{ agentId: 'li.agent', date: '2026-10-08', entry: 'D' }] })).toEqual({ saved: 0 });
    expect((await ok(core, 'roster:month', { month: '2026-10', team: 'billing' })).entries).toEqual([{ agentId: 'zhao.other', date: '2026-10-08', entry: 'leave:comp' }]);
    const outbox = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number }>(r, "SELECT id FROM outbox WHERE entity = 'roster_entry'"));
    expect(JSON.parse(outbox[0]?.args ?? '{}').changes).toEqual([
      { entity: 'roster_entry', id: 'li.agent|2026-10-08', values: expect.objectContaining({ agentId: 'li.agent', date: '2026-10-08', entry: 'D', team: 'hotline', updatedBy: ADMIN.username }) },
      { entity: 'roster_entry', id: 'zhao.other|2026-10-08', values: expect.objectContaining({ entry: 'leave:comp', team: 'billing' }) },
    ]);
  });

  it('lets a supervisor plan their own team only, and read (not change) shifts and the calendar', async () => {
    const { core } = await planCore();
    await ok(core, 'agent:signIn', { username: SUP.username, password: SUP.password });
    expect((await ok(core, 'roster:month', { month: '2026-12' })).canEdit).toBe(true);
    expect(await ok(core, 'roster:fill', { month: '2026-12', shiftCode: 'E' })).toEqual({ saved: 3 * 23 });
    expect((await failure(core, 'roster:month', { month: '2026-12', team: 'billing' })).code).toBe('FORBIDDEN');
    const before = await footprint(core);
    expect((await failure(core, 'roster:set', { entries: [{ agentId: 'li.agent', date: '2026-12-01', entry: 'N' }, { agentId: 'zhao.other', date: '2026-12-01', entry: 'D' }] })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'shifts:set', { code: 'X', name: '测试', start: '08:00', end: '16:00' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'holidays:import', { days: [{ date: '2027-01-01', kind: 'statutory', name: '元旦' }] })).code).toBe('FORBIDDEN');
    expect(await footprint(core)).toEqual(before);
    expect((await ok(core, 'holidays:list', { year: 2026 })).length).toBeGreaterThan(30);
  });

  it('keeps an agent to reading their own team', async () => {
    const { core } = await planCore();
    await ok(core, 'agent:signIn', { username: 'li.agent', password: 'agent-pass-1' });
    expect((await ok(core, 'roster:month', { month: '2026-12' })).canEdit).toBe(false);
    expect((await failure(core, 'roster:set', { entries: [{ agentId: 'li.agent', date: '2026-12-01', entry: 'rest' }] })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'roster:import', { text: 'agent,date,entry\nli.agent,2026-12-01,D' })).code).toBe('FORBIDDEN');
  });

  it('imports all or nothing: an unknown shift on the last line leaves the roster as it was', async () => {
    const { core } = await planCore();
    const before = await footprint(core);
    const bad = await failure(core, 'roster:import', { text: 'agent,date,entry\nli.agent,2026-12-01,D\nli.agent,2026-12-02,Z\n' });
    expect(bad).toMatchObject({ code: 'SHIFT_UNKNOWN', fields: [{ path: 'line 3, column C' }] });
    expect(await footprint(core)).toEqual(before);
    // Tab-separated text pasted from Excel, the wide grid.
    expect(await ok(core, 'roster:import', { text: 'agent\tname\t2026-12-01\t2026-12-02\nli.agent\t李坐席\tD\t\n' })).toEqual({ imported: 2, shape: 'wide' });
  });

  it('copies last week and fills from the calendar around holidays; shift codes clash case-insensitively', async () => {
    const { core } = await planCore();
    await ok(core, 'roster:set', { entries: [{ agentId: 'li.agent', date: '2026-09-28', entry: 'N' }, { agentId: 'li.agent', date: '2026-10-03', entry: 'leave:annual' }] });
    expect(await ok(core, 'roster:copyWeek', { weekStart: '2026-10-05' })).toEqual({ saved: 2 });
    const oct = await ok(core, 'roster:month', { month: '2026-10' });
    expect(oct.entries.filter((e) => e.agentId === 'li.agent')).toEqual([
      { agentId: 'li.agent', date: '2026-10-03', entry: 'leave:annual' },
      { agentId: 'li.agent', date: '2026-10-05', entry: 'N' },
      { agentId: 'li.agent', date: '2026-10-10', entry: 'leave:annual' },
    ]);
    expect(await ok(core, 'shifts:set', { code: 'D2', name: '白班二', start: '09:00', end: '18:00', breakMinutes: 60 })).toMatchObject({ code: 'D2', retiredAt: null });
    expect((await failure(core, 'shifts:set', { code: 'd2', name: 'x', start: '09:00', end: '18:00' })).code).toBe('VALIDATION_FAILED');
    expect((await ok(core, 'shifts:retire', { code: 'D2', retired: true })).retiredAt).not.toBeNull();
    expect((await ok(core, 'shifts:list', {})).map((s) => s.code)).toEqual(['D', 'E', 'N']);
    expect((await ok(core, 'holidays:status', {})).missing).toEqual([2027]);
  });
});
