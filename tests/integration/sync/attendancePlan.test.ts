import { describe, expect, it } from 'vitest';
import { BACKENDS, failure, ok, openClient, signIn, suiteServer, syncAll, team } from './helpers.js';

/*
 * The attendance plan between PCs through the server (issue 16 point 8): an
 * admin's shift change, new calendar year and roster reach a supervisor's
 * PC; the supervisor plans their own team back; a seeded default the server
 * never had arrives as a create.
 */
describe.each(BACKENDS)('attendance plan over sync (%s)', (backend) => {
  const server = suiteServer(backend);

  it('shifts, the calendar and rosters planned on one PC reach another; the supervisor plans their own team back', { timeout: 120_000 }, async () => {
    const t = team();
    const admin = await server.user(t, 'admin');
    const boss = await server.user(t, 'supervisor');
    const agent = await server.user(t, 'agent');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, admin);
    await signIn(b, server, boss);
    await syncAll([a, b]);

    // PC A: the seeded D changes (the server never had it), 2027 is added, the agent gets a night shift.
    await ok(a, 'shifts:set', { code: 'D', name: '白班', start: '09:00', end: '18:00', breakMinutes: 60 });
    await ok(a, 'holidays:import', { days: [{ date: '2027-01-01', kind: 'statutory', name: '元旦' }] });
    expect(await ok(a, 'roster:set', { entries: [{ agentId: agent, date: '2027-01-04', entry: 'N' }] })).toEqual({ saved: 1 });
    expect(await ok(a, 'sync:now', {})).toMatchObject({ problems: 0, pending: 0 });

    const told = new Set<string>();
    b.onEvent((event, payload) => {
      if (event === 'console:changed') (payload as { kinds: string[] }).kinds.forEach((k) => told.add(k));
    });
    await syncAll([a, b]);
    expect(told.has('plan')).toBe(true);
    expect((await ok(b, 'shifts:list', {})).find((s) => s.code === 'D')).toMatchObject({ start: '09:00', end: '18:00', updatedBy: admin });
    expect(await ok(b, 'holidays:list', { year: 2027 })).toEqual([{ date: '2027-01-01', kind: 'statutory', name: '元旦' }]);
    const month = await ok(b, 'roster:month', { month: '2027-01' });
    expect(month).toMatchObject({ team: t, canEdit: true });
    expect(month.entries).toEqual([{ agentId: agent, date: '2027-01-04', entry: 'N' }]);
    expect(month.days.find((d) => d.date === '2027-01-01')?.dayType).toBe('statutory');

    // PC B: the supervisor changes the entry; shift types stay the admin's.
    await ok(b, 'roster:set', { entries: [{ agentId: agent, date: '2027-01-04', entry: 'leave:sick' }] });
    expect((await failure(b, 'shifts:set', { code: 'E', name: '晚班', start: '17:00', end: '23:00' })).code).toBe('FORBIDDEN');
    await syncAll([a, b]);
    expect(await ok(b, 'sync:status', {})).toMatchObject({ pending: 0, problems: 0 });
    expect((await ok(a, 'roster:month', { month: '2027-01', team: t })).entries).toEqual([{ agentId: agent, date: '2027-01-04', entry: 'leave:sick' }]);
  });
});
