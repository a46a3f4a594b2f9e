import { describe, expect, it } from 'vitest';
import { readConsoleConfig } from '../../../electron/core/desk/config.js';
import { KB_SQL_FUNCTIONS } from '../../../electron/core/kb/search.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { agentKpiSheet } from '../../../electron/core/reports/agentKpi.js';
import { readReportsConfig } from '../../../electron/core/reports/config.js';
import { periodSummary } from '../../../electron/core/reports/period.js';
import { PeriodCache } from '../../../electron/core/reports/periodCache.js';
import { periodReport } from '../../../electron/core/reports/periodReport.js';
import { readDirectory, resolveScope, type Viewer } from '../../../electron/core/reports/scope.js';
import { Store } from '../../../electron/core/store/index.js';
import type { SqlReader } from '../../../electron/core/store/types.js';
import { rng } from '../../bench/kb.js';
import { changeSteps, copyRow } from '../../support/reportChanges.js';
import { at, hotlineDay, NOW } from '../../support/wallboardFixture.js';

/*
 * The days of period reports are kept between reads, and a read after a
 * change reads again only the days the change touched (issue 15: a month's
 * summary within 300 ms at 100k tickets). Whatever happens in between
 * (calls and tickets landing on past days, as a late sync brings them,
 * tickets resolved, reopened, handed off, linked and scored, rows deleted,
 * the clock running on over days), a report from the kept days must equal a
 * report read afresh, for every scope and period.
 */

const VIEWERS: { viewer: Viewer; team?: string }[] = [
  { viewer: { username: 'zhang.admin', role: 'admin', team: 'hotline' } },
  { viewer: { username: 'zhang.admin', role: 'admin', team: 'hotline' }, team: 'billing' },
  { viewer: { username: 'chen.sup', role: 'supervisor', team: 'hotline' } },
];
const RANGES = [
  { from: '2026-11-01', to: '2026-11-30', kind: 'month' },
  { from: '2026-11-23', to: '2026-11-29', kind: 'week' },
  { from: '2026-11-16', to: '2026-11-22', kind: 'week' },
  { from: '2026-11-20', to: '2026-11-26', kind: 'range' },
] as const;

function reports(r: SqlReader, cache: PeriodCache, now: number): { kept: string; fresh: string } {
  const console = readConsoleConfig(r);
  const config = readReportsConfig(r);
  const kept: unknown[] = [];
  const fresh: unknown[] = [];
  for (const { viewer, team } of VIEWERS) {
    const scope = resolveScope(viewer, readDirectory(r, viewer), team);
    for (const range of RANGES) {
      kept.push(periodReport(r, range, scope, console, config, now, cache), agentKpiSheet(r, range, scope, console, config, now, cache), periodSummary(r, range, scope, console, config, now, cache));
      fresh.push(periodReport(r, range, scope, console, config, now), agentKpiSheet(r, range, scope, console, config, now), periodSummary(r, range, scope, console, config, now));
    }
  }
  return { kept: JSON.stringify(kept), fresh: JSON.stringify(fresh) };
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('the days of period reports kept between reads', () => {
  it('equal a fresh read after every kind of change, in every scope and period', { timeout: 180_000 }, async () => {
    const day = await hotlineDay();
    await day.core.close();
    const store = await Store.open({ dataDir: day.dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
    try {
      const cache = new PeriodCache();
      const random = rng(20261208);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const clock = { now: NOW };
      // Rows land up to ten days back (another PC's work synced late), resolutions and scores up to a week back.
      const { steps } = changeSteps(store, day.ids, random, clock, { callSpreadMs: 10 * DAY, ticketSpreadMs: 10 * DAY, resolveSpreadMs: 7 * DAY, scoreSpreadMs: 7 * DAY, tickMs: 8 * 3_600_000 });
      const names = Object.keys(steps);
      let kept = 0;
      for (let i = 0; i < 50; i++) {
        const name = pick(names);
        steps[name]?.();
        const read = store.read((r) => reports(r, cache, clock.now));
        expect(read.kept, `after step ${i} (${name})`).toBe(read.fresh);
        kept += cache.lastRead.daysKept;
      }
      // The cache did keep days (the comparison is not between two fresh reads).
      expect(kept).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  it('reads again only the days a change touched, and starts afresh when it fell behind or a row was deleted', async () => {
    const day = await hotlineDay();
    await day.core.close();
    const store = await Store.open({ dataDir: day.dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
    try {
      const cache = new PeriodCache();
      const month = (): unknown => store.read((r) => cache.period(r, '2026-11-01', '2026-11-30', readConsoleConfig(r), NOW));
      month();
      expect(cache.lastRead).toEqual({ cleared: true, daysRead: 30, daysKept: 0 });
      month();
      expect(cache.lastRead).toEqual({ cleared: false, daysRead: 0, daysKept: 30 });
      // A state line changes no report day; a ticket of yesterday's reads yesterday again, nothing else.
      store.write((w) => w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', ['s-1', 'li.agent', 'ready', iso(NOW), 'h-s-1']));
      month();
      expect(cache.lastRead).toEqual({ cleared: false, daysRead: 0, daysKept: 30 });
      store.write((w) => w.run("UPDATE tickets SET subject = subject || '。' WHERE id = ?", [day.ids.t3]));
      month();
      expect(cache.lastRead).toEqual({ cleared: false, daysRead: 1, daysKept: 29 });
      // A call synced late onto the 10th (a day that held nothing of it) reads the 10th again.
      store.write((w) => copyRow(w, 'calls', day.ids.c1, { id: 'late-call', external_id: 'late-call', ring_at: iso(at('2026-11-10T10:00:00')), answer_at: iso(at('2026-11-10T10:00:08')), end_at: iso(at('2026-11-10T10:04:00')), wrap_end_at: iso(at('2026-11-10T10:05:00')) }));
      month();
      expect(cache.lastRead).toEqual({ cleared: false, daysRead: 1, daysKept: 29 });
      expect(store.read((r) => cache.period(r, '2026-11-10', '2026-11-10', readConsoleConfig(r), NOW)).calls.map((c) => c.id)).toEqual(['late-call']);
      // Fell behind the change log (it keeps its last 50,000 entries): the days are read anew.
      store.write((w) => {
        for (let i = 0; i < 52_000; i++) w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [`old-${i}`, 'li.agent', 'ready', iso(at('2026-11-23T10:00:00') + i), `h-${i}`]);
      });
      expect(store.read((r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM report_changes')?.n ?? 0)).toBeLessThan(52_000);
      month();
      expect(cache.lastRead.cleared).toBe(true);
      store.write((w) => w.run("DELETE FROM calls WHERE id NOT IN (SELECT call_id FROM call_tickets) AND status = 'missed'"));
      month();
      expect(cache.lastRead).toMatchObject({ cleared: true, daysRead: 30 });
    } finally {
      store.close();
    }
  });
});
