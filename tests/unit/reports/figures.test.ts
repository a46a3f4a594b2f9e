import { describe, expect, it } from 'vitest';
import { agentRowBand, bandOf } from '../../../shared/reports/bands.js';
import { DEFAULT_REPORTS_CONFIG, mergeReportsConfig, ReportsConfigSchema } from '../../../shared/reports/config.js';
import { centerClock, centerDate, centerHour, dayBounds, daysInclusive } from '../../../shared/reports/day.js';
import { callFigures, callOutcome, firstContactResolution, occupancy, satisfaction, slaMet, type CallFact } from '../../../shared/reports/figures.js';

const RULES = { shortAbandonSeconds: 5, serviceLevelSeconds: 20 };
const T0 = Date.parse('2026-12-07T02:00:00Z'); // 10:00 in Beijing
const s = (n: number) => n * 1000;

/** An answered call: rang at `ring` s after T0, answered `wait` s later, with its timers. */
function answered(ring: number, wait: number, talk: number, hold = 0, wrap = 0): CallFact {
  return { ringAt: T0 + s(ring), answerAt: T0 + s(ring + wait), endAt: T0 + s(ring + wait + talk + hold), talkSeconds: talk, holdSeconds: hold, wrapSeconds: wrap };
}
function unanswered(ring: number, after: number | null): CallFact {
  return { ringAt: T0 + s(ring), answerAt: null, endAt: after === null ? null : T0 + s(ring + after), talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0 };
}

describe('call figures', () => {
  it('counts offered, answered, abandoned and short abandons, and leaves short abandons out of SL and abandon rate', () => {
    const calls = [
      answered(0, 10, 100, 20, 30), // in target, handle 150
      answered(60, 20, 200, 0, 40), // exactly 20 s: in target, handle 240
      answered(120, 35, 90, 0, 0), // late, handle 90
      unanswered(200, 30), // abandoned
      unanswered(300, 5), // exactly 5 s: short abandon
      unanswered(400, 4), // short abandon
      unanswered(500, null), // still ringing
    ];
    const f = callFigures(calls, RULES);
    expect(f).toEqual({
      offered: 7,
      answered: 3,
      abandoned: 1,
      shortAbandoned: 2,
      answeredInTarget: 2,
      serviceLevel: 50, // 2 / (3 + 1)
      abandonRate: 25, // 1 / 4
      asaSeconds: 21.7, // (10 + 20 + 35) / 3 = 21.67
      ahtSeconds: 160, // (150 + 240 + 90) / 3
      handleSeconds: 480,
    });
    expect(callOutcome(unanswered(0, 5.001), RULES)).toBe('abandoned');
  });

  it('gives null, never NaN, for an empty period and for a period of only short abandons', () => {
    const empty = callFigures([], RULES);
    expect(empty).toMatchObject({ offered: 0, answered: 0, abandoned: 0, serviceLevel: null, abandonRate: null, asaSeconds: null, ahtSeconds: null, handleSeconds: 0 });
    const onlyShort = callFigures([unanswered(0, 2), unanswered(10, 3)], RULES);
    expect(onlyShort).toMatchObject({ offered: 2, shortAbandoned: 2, serviceLevel: null, abandonRate: null, asaSeconds: null });
    expect(occupancy(0, 0)).toBeNull();
  });

  it('follows the configured short-abandon and service-level seconds', () => {
    const f = callFigures([answered(0, 25, 60), unanswered(100, 8)], { shortAbandonSeconds: 10, serviceLevelSeconds: 30 });
    expect(f).toMatchObject({ answered: 1, abandoned: 0, shortAbandoned: 1, serviceLevel: 100, abandonRate: 0 });
  });

  it('computes occupancy from handle time and ready time', () => {
    // 480 s handling, 1 440 s ready: 480 / 1 920 = 25 %
    expect(occupancy(480, 1440)).toBe(25);
    expect(occupancy(100, 200)).toBe(33.3);
  });
});

describe('ticket figures', () => {
  const t = (handedOff: boolean, reopened: boolean, linkedCalls: number, met: boolean) => ({ handedOff, reopened, linkedCalls, slaMet: met });
  it('counts first-contact resolution only without hand-off, reopen or a second call', () => {
    const resolved = [t(false, false, 1, true), t(false, false, 0, true), t(true, false, 1, true), t(false, true, 1, false), t(false, false, 2, false)];
    expect(firstContactResolution(resolved)).toBe(40); // 2 of 5
    expect(slaMet(resolved)).toBe(60); // 3 of 5
    expect(firstContactResolution([])).toBeNull();
    expect(slaMet([])).toBeNull();
  });

  it('computes CSAT as the share of 4 and 5 and the mean score', () => {
    expect(satisfaction([5, 4, 3, 5, 1, 4])).toEqual({ csat: 66.7, mean: 3.7, scored: 6 });
    expect(satisfaction([])).toEqual({ csat: null, mean: null, scored: 0 });
    expect(satisfaction([0, 6, 2.5])).toEqual({ csat: null, mean: null, scored: 0 });
  });
});

describe('center days', () => {
  it('puts a call that rang before midnight on the day it rang, in the center zone not the PC zone', () => {
    // 23:59:50 on 12-06 in Beijing is 15:59:50Z; answered after midnight.
    const ring = Date.parse('2026-12-06T15:59:50Z');
    expect(centerDate(ring, 480)).toBe('2026-12-06');
    expect(centerDate(ring + 15_000, 480)).toBe('2026-12-07');
    expect(dayBounds('2026-12-07', 480)).toEqual({ start: Date.parse('2026-12-06T16:00:00Z'), end: Date.parse('2026-12-07T16:00:00Z') });
    expect(centerHour(ring, 480)).toBe(23);
    expect(centerHour(Date.parse('2026-12-06T16:30:00Z'), 480)).toBe(0);
    expect(centerHour(Date.parse('2026-12-07T01:00:00Z'), -300)).toBe(20);
    expect(centerClock(Date.parse('2026-12-07T02:42:30Z'), 480)).toBe('10:42');
    expect(daysInclusive('2026-11-30', '2026-12-02')).toBe(3);
  });
});

describe('bands', () => {
  const c = DEFAULT_REPORTS_CONFIG;
  it('bands higher-is-better and lower-is-better figures at the defaults', () => {
    expect([bandOf('serviceLevel', 80, c), bandOf('serviceLevel', 79.9, c), bandOf('serviceLevel', 70, c), bandOf('serviceLevel', 69.9, c)]).toEqual(['green', 'amber', 'amber', 'red']);
    expect([bandOf('abandonRate', 5, c), bandOf('abandonRate', 5.1, c), bandOf('abandonRate', 10, c), bandOf('abandonRate', 10.1, c)]).toEqual(['green', 'amber', 'amber', 'red']);
    expect([bandOf('asaSeconds', 20, c), bandOf('asaSeconds', 40, c), bandOf('asaSeconds', 41, c)]).toEqual(['green', 'amber', 'red']);
    expect([bandOf('fcr', 95, c), bandOf('fcr', 90, c), bandOf('fcr', 89, c)]).toEqual(['green', 'amber', 'red']);
    expect([bandOf('csat', 99, c), bandOf('csat', 95, c), bandOf('csat', 94.9, c)]).toEqual(['green', 'amber', 'red']);
    expect([bandOf('ticketsPastSla', 0, c), bandOf('ticketsPastSla', 3, c), bandOf('ticketsPastSla', 4, c)]).toEqual(['green', 'amber', 'red']);
    expect(bandOf('csat', null, c)).toBe('none');
  });

  it('colours agent rows by state and time in state', () => {
    const row = (state: 'not_ready' | 'after_call' | 'ringing' | 'ready' | 'offline', secondsInState: number, wrapOverdue = false) => agentRowBand({ state, secondsInState, wrapOverdue }, c, 120);
    expect([row('not_ready', 15 * 60), row('not_ready', 15 * 60 + 1), row('not_ready', 30 * 60), row('not_ready', 30 * 60 + 1)]).toEqual(['green', 'amber', 'amber', 'red']);
    expect([row('after_call', 120), row('after_call', 121)]).toEqual(['green', 'red']);
    expect([row('ringing', 20), row('ringing', 21)]).toEqual(['green', 'red']);
    expect([row('ready', 99_999), row('offline', 99_999), row('ready', 10, true)]).toEqual(['green', 'none', 'red']);
  });
});

describe('the reports configuration', () => {
  it('accepts the defaults and an admin change that keeps amber between green and red', () => {
    expect(ReportsConfigSchema.parse(DEFAULT_REPORTS_CONFIG)).toEqual(DEFAULT_REPORTS_CONFIG);
    const merged = ReportsConfigSchema.parse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { thresholds: { serviceLevel: { green: 90, amber: 85 } } }));
    expect(merged.thresholds.serviceLevel).toEqual({ green: 90, amber: 85 });
    expect(merged.thresholds.abandonRate).toEqual({ green: 5, amber: 10 });
  });

  it('refuses amber outside green..red, in each direction, naming the field', () => {
    const higher = ReportsConfigSchema.safeParse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { thresholds: { serviceLevel: { green: 70, amber: 80 } } }));
    expect(higher.success).toBe(false);
    expect(higher.error?.issues[0]?.path).toEqual(['thresholds', 'serviceLevel', 'amber']);
    const lower = ReportsConfigSchema.safeParse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { thresholds: { asaSeconds: { green: 40, amber: 20 } } }));
    expect(lower.error?.issues[0]?.path).toEqual(['thresholds', 'asaSeconds', 'amber']);
    const unknown = ReportsConfigSchema.safeParse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { thresholds: { nonsense: { green: 1, amber: 2 } } }));
    expect(unknown.success).toBe(false);
    const rows = ReportsConfigSchema.safeParse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { agentRows: { notReadyAmberMinutes: 40 } }));
    expect(rows.error?.issues[0]?.path).toEqual(['agentRows', 'notReadyRedMinutes']);
    const pct = ReportsConfigSchema.safeParse(mergeReportsConfig(DEFAULT_REPORTS_CONFIG, { thresholds: { csat: { green: 120, amber: 95 } } }));
    expect(pct.success).toBe(false);
  });
});

describe('time in state', () => {
  it('splits an agent log into seconds per state inside the day, from the line before the day', async () => {
    const { secondsByState } = await import('../../../shared/reports/stateTime.js');
    const day = dayBounds('2026-12-07', 480);
    const at = (hhmm: string) => Date.parse(`2026-12-07T${hhmm}:00+08:00`);
    const before = { state: 'ready' as const, at: Date.parse('2026-12-06T23:30:00+08:00') };
    const lines = [
      { state: 'on_call' as const, at: at('00:10') },
      { state: 'after_call' as const, at: at('00:15') },
      { state: 'ready' as const, at: at('00:17') },
      { state: 'not_ready' as const, at: at('00:20') },
      { state: 'offline' as const, at: at('00:30') },
    ];
    // Counted until 00:40 ("now"): ready 00:00-00:10 and 00:17-00:20 = 13 min; offline 10 min.
    expect(secondsByState(lines, day.start, at('00:40'), before)).toEqual({ ready: 780, on_call: 300, after_call: 120, not_ready: 600, offline: 600 });
    expect(secondsByState([], day.start, at('00:40'))).toEqual({ ready: 0, on_call: 0, after_call: 0, not_ready: 0, offline: 0 });
  });
});
