import { describe, expect, it } from 'vitest';
import { readConsoleConfig } from '../../../electron/core/desk/config.js';
import { KB_SQL_FUNCTIONS } from '../../../electron/core/kb/search.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { readReportsConfig } from '../../../electron/core/reports/config.js';
import { DayCache } from '../../../electron/core/reports/dayCache.js';
import { drillList } from '../../../electron/core/reports/drill.js';
import { readDirectory, resolveScope, type Viewer } from '../../../electron/core/reports/scope.js';
import { wallboard } from '../../../electron/core/reports/wallboard.js';
import { Store } from '../../../electron/core/store/index.js';
import type { SqlReader } from '../../../electron/core/store/types.js';
import { DRILL_FIGURES } from '../../../shared/reports/schema.js';
import { rng } from '../../bench/kb.js';
import { changeSteps } from '../../support/reportChanges.js';
import { at, hotlineDay, NOW } from '../../support/wallboardFixture.js';

/*
 * The wallboard's day is kept between refreshes and only the changed rows
 * are read again (issue 15 point 8). Whatever happens in between (calls
 * ringing and ending, tickets created, moved, handed off and scored, state
 * lines arriving late from another PC, rows deleted, the clock crossing SLA
 * thresholds and midnight), a board from the kept day must equal a board
 * read afresh, for every scope and every list behind a figure.
 */

const VIEWERS: Viewer[] = [
  { username: 'zhang.admin', role: 'admin', team: 'hotline' },
  { username: 'chen.sup', role: 'supervisor', team: 'hotline' },
  { username: 'sun.senior', role: 'senior', team: 'hotline' },
  { username: 'li.agent', role: 'agent', team: 'hotline' },
];

const iso = (ms: number): string => new Date(ms).toISOString();

function boards(r: SqlReader, cache: DayCache, now: number): { kept: string; fresh: string } {
  const console = readConsoleConfig(r);
  const config = readReportsConfig(r);
  const kept: unknown[] = [];
  const fresh: unknown[] = [];
  for (const v of VIEWERS) {
    const scope = resolveScope(v, readDirectory(r, v), undefined);
    kept.push(wallboard(r, scope, console, config, now, cache));
    fresh.push(wallboard(r, scope, console, config, now));
    for (const figure of DRILL_FIGURES) {
      kept.push(drillList(r, figure, scope, console, config, now, cache));
      fresh.push(drillList(r, figure, scope, console, config, now));
    }
  }
  return { kept: JSON.stringify(kept), fresh: JSON.stringify(fresh) };
}

describe('the wallboard day kept between refreshes', () => {
  it('equals a fresh read after every kind of change, in every scope and list', { timeout: 120_000 }, async () => {
    const day = await hotlineDay();
    const { ids } = day;
    await day.core.close();
    const store = await Store.open({ dataDir: day.dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
    try {
      const cache = new DayCache();
      const random = rng(20261207);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const clock = { now: NOW };
      const { steps } = changeSteps(store, ids, random, clock);
      const names = Object.keys(steps);
      for (let i = 0; i < 60; i++) {
        const name = pick(names);
        steps[name]?.();
        const { kept, fresh } = store.read((r) => boards(r, cache, clock.now));
        expect(kept, `after step ${i} (${name})`).toBe(fresh);
      }
      // One new call: the refresh reads the changes, not the day.
      store.read((r) => cache.day(r, readConsoleConfig(r), clock.now));
      steps.newCall?.();
      store.read((r) => cache.day(r, readConsoleConfig(r), clock.now));
      expect(cache.lastRead).toEqual({ rebuilt: false, changes: 1 });
      // Past midnight the day is read anew, and still equals a fresh read.
      clock.now = at('2026-11-25T09:00:00');
      steps.newCall?.();
      const { kept, fresh } = store.read((r) => boards(r, cache, clock.now));
      expect(cache.lastRead.rebuilt).toBe(false);
      expect(kept).toBe(fresh);
    } finally {
      store.close();
    }
  });

  it('rebuilds after more changes than it reads one by one, or a deleted row', async () => {
    const day = await hotlineDay();
    await day.core.close();
    const store = await Store.open({ dataDir: day.dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
    try {
      const cache = new DayCache();
      const read = () => store.read((r) => cache.day(r, readConsoleConfig(r), NOW));
      read();
      // 5,000 state lines from yesterday (a bulk sync): more than the board reads change by change.
      store.write((w) => {
        for (let i = 0; i < 5_000; i++) w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [`old-${i}`, 'li.agent', 'ready', iso(at('2026-11-23T10:00:00') + i), `h-${i}`]);
      });
      const rows = read();
      expect(cache.lastRead.rebuilt).toBe(true);
      expect(rows.calls.length).toBeGreaterThan(0);
      store.write((w) => w.run("DELETE FROM calls WHERE id NOT IN (SELECT call_id FROM call_tickets) AND status = 'missed'"));
      read();
      expect(cache.lastRead).toMatchObject({ rebuilt: true });
      read();
      expect(cache.lastRead).toEqual({ rebuilt: false, changes: 0 });
    } finally {
      store.close();
    }
  });
});
