import { describe, expect, it } from 'vitest';
import { addDays, change, periodOf, previousPeriod, weekStart } from '../../../shared/reports/periods.js';
import { DEFAULT_QUALITY_CONFIG, QualityConfigSchema, recordAccuracy, reviewScore, sampleIds } from '../../../shared/reports/quality.js';
import { notReadyByReason } from '../../../shared/reports/stateTime.js';

describe('report periods', () => {
  it('finds the calendar unit that holds a day (weeks start on Monday)', () => {
    // 2026-12-07 is a Monday, 2026-12-13 a Sunday.
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
    expect(weekStart('2026-12-13')).toBe('2026-12-07');
    expect(periodOf('week', '2026-12-10')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(periodOf('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodOf('month', '2026-02-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2028-02-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('quarter', '2026-11-24')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodOf('year', '2026-07-04')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('range', '2026-07-04')).toEqual({ from: '2026-07-04', to: '2026-07-04' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('compares a calendar unit with the previous whole unit, and a range with as many days just before', () => {
    expect(previousPeriod('month', { from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('month', { from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod('week', { from: '2026-12-07', to: '2026-12-13' })).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(previousPeriod('quarter', { from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod('year', { from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    // 10 days (Nov 21..30) are compared with the 10 days before.
    expect(previousPeriod('range', { from: '2026-11-21', to: '2026-11-30' })).toEqual({ from: '2026-11-11', to: '2026-11-20' });
    expect(previousPeriod('range', { from: '2026-11-24', to: '2026-11-24' })).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('says up / down % against the previous period, with no percent over a 0 base and nothing for missing figures', () => {
    expect(change(120, 100)).toEqual({ delta: 20, percent: 20, direction: 'up' });
    expect(change(75, 100)).toEqual({ delta: -25, percent: -25, direction: 'down' });
    expect(change(2, 3)).toEqual({ delta: -1, percent: -33.3, direction: 'down' }); // -1/3 = -33.33
    expect(change(88.5, 80)).toEqual({ delta: 8.5, percent: 10.6, direction: 'up' }); // 8.5/80 = 10.625
    expect(change(5, 5)).toEqual({ delta: 0, percent: 0, direction: 'flat' });
    // 0 base: up (new) but no percent; 0 -> 0 is flat, 0 %.
    expect(change(4, 0)).toEqual({ delta: 4, percent: null, direction: 'up' });
    expect(change(0, 0)).toEqual({ delta: 0, percent: 0, direction: 'flat' });
    expect(change(0, 7)).toEqual({ delta: -7, percent: -100, direction: 'down' });
    // An empty period (a null figure) compares to nothing.
    expect(change(null, 80)).toEqual({ delta: null, percent: null, direction: 'none' });
    expect(change(80, null)).toEqual({ delta: null, percent: null, direction: 'none' });
  });
});

describe('quality reviews', () => {
  it('scores a review as items met / items, and record accuracy as the mean score', () => {
    const five = (met: number) => Array.from({ length: 5 }, (_, i) => ({ passed: i < met }));
    expect(reviewScore(five(5))).toBe(100);
    expect(reviewScore(five(4))).toBe(80);
    expect(reviewScore(five(0))).toBe(0);
    expect(reviewScore([{ passed: true }, { passed: false }, { passed: false }])).toBe(33.3);
    expect(reviewScore([])).toBeNull();
    // (100 + 80 + 60) / 3 = 80; (100 + 33.3) / 2 = 66.65 -> 66.7; unscored reviews do not count.
    expect(recordAccuracy([100, 80, 60])).toBe(80);
    expect(recordAccuracy([100, 33.3, null])).toBe(66.7);
    expect(recordAccuracy([])).toBeNull();
    expect(recordAccuracy([null])).toBeNull();
  });

  it('draws a seeded sample without repeats, and all tickets when there are fewer', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const ids = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
    const a = sampleIds(ids, 5, random);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(a.every((id) => ids.includes(id))).toBe(true);
    // The same seed and ids in another order draw the same tickets.
    seed = 7;
    expect(sampleIds([...ids].reverse(), 5, random)).toEqual(a);
    expect(sampleIds(['t2', 't1', 't1'], 5, random).sort()).toEqual(['t1', 't2']);
    expect(sampleIds([], 5, random)).toEqual([]);
    // A random source at its ends still stays in range: always the last one swapped forward,
    // t8 <-> t1, then t1 (now last) <-> t2, then t2 (now last) <-> t3.
    expect(sampleIds(ids, 3, () => 0.999999)).toEqual(['t8', 't1', 't2']);
    expect(sampleIds(ids, 3, () => 0)).toEqual(['t1', 't2', 't3']);
  });

  it('validates the checklist an admin edits', () => {
    expect(QualityConfigSchema.parse(DEFAULT_QUALITY_CONFIG).sampleSize).toBe(5);
    const dup = QualityConfigSchema.safeParse({ sampleSize: 5, items: [DEFAULT_QUALITY_CONFIG.items[0], DEFAULT_QUALITY_CONFIG.items[0]] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual(['items', 1, 'id']);
    expect(QualityConfigSchema.safeParse({ sampleSize: 0, items: DEFAULT_QUALITY_CONFIG.items }).success).toBe(false);
    expect(QualityConfigSchema.safeParse({ sampleSize: 5, items: [] }).success).toBe(false);
  });
});

describe('not-ready time by reason', () => {
  const T = Date.parse('2026-11-24T00:00:00Z');
  const m = (min: number) => T + min * 60_000;
  it('adds each not-ready stretch to its reason inside the window, and not ready without a reason under ""', () => {
    const lines = [
      { state: 'not_ready' as const, reason: 'break', at: m(10) },
      { state: 'ready' as const, reason: null, at: m(25) },
      { state: 'not_ready' as const, reason: 'meal', at: m(60) },
      { state: 'not_ready' as const, reason: 'break', at: m(90) },
      { state: 'not_ready' as const, reason: null, at: m(100) },
      { state: 'offline' as const, reason: null, at: m(110) },
    ];
    // The window opens at T with the agent in training since before it.
    const before = { state: 'not_ready' as const, reason: 'training', at: T - 3_600_000 };
    expect(notReadyByReason(lines, T, m(120), before)).toEqual({ training: 600, break: 900 + 600, meal: 1800, '': 600 });
    // A window ending mid-stretch cuts it; nothing before the window counts.
    expect(notReadyByReason(lines, m(20), m(70))).toEqual({ break: 300, meal: 600 });
    expect(notReadyByReason([], T, m(60))).toEqual({});
  });
});
