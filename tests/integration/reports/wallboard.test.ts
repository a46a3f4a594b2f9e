import { describe, expect, it } from 'vitest';
import { failure, ok } from '../../unit/core/helpers.js';
import { at, hotlineDay, NOW } from '../../support/wallboardFixture.js';

describe('the live wallboard through the core', () => {
  it('gives an agent their own figures and colours their row by time in state', async () => {
    const day = await hotlineDay();
    const board = await ok(day.core, 'wallboard:get', {});
    expect(board).toMatchObject({ scope: 'agent', date: '2026-11-24', utcOffsetMinutes: 480, teams: [] });
    // li: c1 (wait 10, handle 360), c2 (wait 30, handle 150), c3 abandoned, c4 short; cy rang yesterday.
    expect(board.calls).toEqual({
      offered: { value: 4, band: 'none' },
      answered: { value: 2, band: 'none' },
      abandoned: { value: 1, band: 'none' },
      shortAbandoned: { value: 1, band: 'none' },
      serviceLevel: { value: 33.3, band: 'red' },
      abandonRate: { value: 33.3, band: 'red' },
      asaSeconds: { value: 20, band: 'green' },
      ahtSeconds: { value: 255, band: 'none' },
      // 510 s handled; ready 00:00-00:00:05, 00:01:35-00:02, 08:30-09:00:10, 09:06:10-09:10:30, 09:13-09:40 = 3 720 s
      occupancy: { value: 12.1, band: 'none' },
    });
    expect(board.agents).toEqual([
      expect.objectContaining({ agentId: 'li.agent', displayName: '李坐席', state: 'not_ready', reason: 'break', since: new Date(at('2026-11-24T09:40:00')).toISOString(), callsAnswered: 2, ahtSeconds: 255, band: 'amber', currentCall: null }),
    ]);
    // An agent may not look at a team's board, and the refusal names the field.
    const refused = await failure(day.core, 'wallboard:get', { team: 'hotline' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'team' }] });
    expect((await failure(day.core, 'reports:summary', { from: '2026-11-24', to: '2026-11-24' })).code).toBe('FORBIDDEN');
  });

  it('shows a supervisor the center and each team, every figure with its band', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const center = await ok(day.core, 'wallboard:get', {});
    expect(center.scope).toBe('center');
    expect(center.teams).toEqual(['billing', 'hotline']);
    // + zhao's c5 (wait 5, handle 300): 2 of 4 in 20 s; ASA (10+30+5)/3; AHT 810/3; ready + zhao's 900 s.
    expect(center.calls).toMatchObject({
      offered: { value: 5 },
      answered: { value: 3 },
      serviceLevel: { value: 50, band: 'red' },
      abandonRate: { value: 25, band: 'red' },
      asaSeconds: { value: 15, band: 'green' },
      ahtSeconds: { value: 270 },
      occupancy: { value: 14.9 },
    });
    expect(center.tickets).toEqual({
      created: { value: 3, band: 'none' },
      resolved: { value: 2, band: 'none' },
      fcr: { value: 50, band: 'red' },
      csat: { value: 50, band: 'red' },
      csatMean: { value: 4, band: 'none' },
      slaMet: { value: 100, band: 'green' },
    });
    expect(center.now).toEqual({
      ticketsPastSla: { value: 1, band: 'amber' },
      contactsOwed: { value: 1, band: 'amber' },
      callbacksOverdue: { value: 1, band: 'amber' },
      complaintsOpen: { value: 1, band: 'none' },
      escalationsWaiting: { value: 1, band: 'none' },
    });
    expect(center.trends.byHour).toHaveLength(11);
    expect(center.trends.byHour[8]).toEqual({ hour: 8, offered: 1, answered: 1, abandoned: 0, serviceLevel: 100 });
    expect(center.trends.byHour[9]).toEqual({ hour: 9, offered: 4, answered: 2, abandoned: 1, serviceLevel: 33.3 });
    expect(center.trends.byHour[0]).toEqual({ hour: 0, offered: 0, answered: 0, abandoned: 0, serviceLevel: null });
    expect(center.trends.byCategory.find((c) => c.category === 'fault')).toEqual({ category: 'fault', created: 1, resolved: 1 });
    expect(center.trends.byCategory.find((c) => c.category === 'consult')).toEqual({ category: 'consult', created: 1, resolved: 1 });
    expect(center.agents.map((a) => [a.agentId, a.state])).toEqual([
      ['chen.sup', 'not_ready'], // a supervisor signs in not taking calls (issue 14)
      ['li.agent', 'offline'],
      ['sun.senior', 'offline'],
      ['zhang.admin', 'offline'],
      ['zhao.agent', 'offline'],
    ]);

    const billing = await ok(day.core, 'wallboard:get', { team: 'billing' });
    expect(billing.calls).toMatchObject({ offered: { value: 1 }, serviceLevel: { value: 100, band: 'green' }, asaSeconds: { value: 5 }, ahtSeconds: { value: 300 }, occupancy: { value: 25 } });
    expect(billing.tickets.created.value).toBe(0);
    expect(billing.now.ticketsPastSla).toEqual({ value: 0, band: 'green' });
    expect(billing.agents.map((a) => a.agentId)).toEqual(['zhao.agent']);

    const hotline = await ok(day.core, 'wallboard:get', { team: 'hotline' });
    expect(hotline.calls).toMatchObject({ offered: { value: 4 }, serviceLevel: { value: 33.3 } });
    expect(hotline.tickets.created.value).toBe(3);
    expect(hotline.now.ticketsPastSla.value).toBe(1);
  });

  it('opens the list behind a figure: the abandoned call, the tickets past SLA, the misses of FCR', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const abandoned = await ok(day.core, 'wallboard:list', { figure: 'abandoned' });
    expect(abandoned.rows).toEqual([expect.objectContaining({ kind: 'call', id: day.ids.c3, who: 'li.agent', status: 'abandoned', value: 40 })]);
    const short = await ok(day.core, 'wallboard:list', { figure: 'shortAbandoned' });
    expect(short.rows.map((r) => r.id)).toEqual([day.ids.c4]);
    const answered = await ok(day.core, 'wallboard:list', { figure: 'answered' });
    const c1 = answered.rows.find((r) => r.id === day.ids.c1);
    expect(c1).toMatchObject({ ticketId: day.ids.t1, value: 10 });
    const past = await ok(day.core, 'wallboard:list', { figure: 'ticketsPastSla' });
    // urgent: due 2 h after 11-23 08:00, so 24 h overdue at 10:00.
    expect(past.rows).toEqual([expect.objectContaining({ kind: 'ticket', ticketId: day.ids.t3, value: 24 * 3600 })]);
    expect((await ok(day.core, 'wallboard:list', { figure: 'fcr' })).rows.map((r) => r.ticketId)).toEqual([day.ids.t2]);
    expect((await ok(day.core, 'wallboard:list', { figure: 'csat' })).rows.map((r) => r.value)).toEqual([3, 5]);
    expect((await ok(day.core, 'wallboard:list', { figure: 'escalationsWaiting' })).rows.map((r) => r.ticketId)).toEqual([day.ids.t4]);
    const callbacks = await ok(day.core, 'wallboard:list', { figure: 'callbacksOverdue' });
    expect(callbacks.rows).toEqual([expect.objectContaining({ kind: 'callback', ticketId: day.ids.t4, who: 'li.agent', value: 15 * 60 })]);
    expect((await ok(day.core, 'wallboard:list', { figure: 'abandoned', team: 'billing' })).rows).toEqual([]);
  });

  it('turns a call ringing past 20 s red and counts it as offered, not answered', async () => {
    const day = await hotlineDay();
    day.time.set(at('2026-11-24T10:05:00'));
    await day.signIn('li');
    const c6 = await day.cti('2026-11-24T10:05:00', { event: 'ringing', callId: 'pbx-6', from: '13800138006' });
    day.time.set(at('2026-11-24T10:05:20'));
    expect((await ok(day.core, 'wallboard:get', {})).agents[0]).toMatchObject({ state: 'ringing', band: 'green', currentCall: { id: c6, status: 'ringing' } });
    day.time.set(at('2026-11-24T10:05:21'));
    const board = await ok(day.core, 'wallboard:get', {});
    expect(board.agents[0]).toMatchObject({ state: 'ringing', band: 'red', since: new Date(at('2026-11-24T10:05:00')).toISOString() });
    expect(board.calls).toMatchObject({ offered: { value: 5 }, answered: { value: 2 }, abandoned: { value: 1 }, serviceLevel: { value: 33.3 } });
  });

  it('gives a senior the second-line queue, and an empty day nulls instead of NaN', async () => {
    const day = await hotlineDay();
    await day.signIn('sun');
    const board = await ok(day.core, 'wallboard:get', {});
    expect(board.scope).toBe('secondLine');
    expect(board.now.escalationsWaiting.value).toBe(1);
    // The queue's tickets only: t4 was created today and escalated.
    expect(board.tickets.created.value).toBe(1);
    expect(board.calls).toMatchObject({ offered: { value: 0 }, serviceLevel: { value: null, band: 'none' }, asaSeconds: { value: null, band: 'none' }, occupancy: { value: null } });
    day.time.set(at('2026-11-30T10:00:00'));
    await day.signIn('chen');
    const quiet = await ok(day.core, 'wallboard:get', {});
    expect(quiet.date).toBe('2026-11-30');
    expect(quiet.calls.serviceLevel).toEqual({ value: null, band: 'none' });
    expect(quiet.tickets.fcr).toEqual({ value: null, band: 'none' });
    expect(quiet.tickets.csat).toEqual({ value: null, band: 'none' });
    expect(JSON.stringify(quiet)).not.toContain('NaN');
  });

  it('lets only an admin change the thresholds, validated, and colours by them', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    expect((await failure(day.core, 'reports:setConfig', { thresholds: { serviceLevel: { green: 50, amber: 40 } } })).code).toBe('FORBIDDEN');
    await day.signIn('admin');
    const bad = await failure(day.core, 'reports:setConfig', { thresholds: { serviceLevel: { green: 40, amber: 50 } } });
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'thresholds.serviceLevel.amber' })] });
    expect((await ok(day.core, 'reports:config', {})).thresholds.serviceLevel).toEqual({ green: 80, amber: 70 });
    await ok(day.core, 'reports:setConfig', { thresholds: { serviceLevel: { green: 50, amber: 40 } } });
    expect((await ok(day.core, 'wallboard:get', {})).calls.serviceLevel).toEqual({ value: 50, band: 'green' });
    expect(day.time.now()).toBe(NOW);
  });
});
