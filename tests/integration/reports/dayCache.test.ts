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
import type { SqlReader, SqlWriter } from '../../../electron/core/store/types.js';
import { DRILL_FIGURES } from '../../../shared/reports/schema.js';
import { rng } from '../../bench/kb.js';
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

/** A copy of one row of `table` with some columns changed (so the test needs no column lists). */
function copyRow(w: SqlWriter, table: string, id: string, set: Record<string, string | number | null>): void {
  w.run(`CREATE TEMP TABLE copy_row AS SELECT * FROM ${table} WHERE id = ?`, [id]);
  const cols = Object.keys(set);
  w.run(`UPDATE copy_row SET ${cols.map((c) => `${c} = ?`).join(', ')}`, cols.map((c) => set[c] ?? null));
  w.run(`INSERT INTO ${table} SELECT * FROM copy_row`);
  w.run('DROP TABLE copy_row');
}

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
      let now = NOW;
      const agents = ['li.agent', 'zhao.agent', 'sun.senior', 'chen.sup'];
      const calls: string[] = [ids.c1, ids.c3, ids.c4];
      const tickets: string[] = [ids.t1, ids.t2, ids.t3, ids.t4];
      const firstHistory = store.read((r) => r.get<{ id: string }>('SELECT id FROM ticket_history WHERE ticket_id = ? ORDER BY rowid LIMIT 1', [ids.t1]))?.id ?? '';
      const firstHandoff = store.read((r) => r.get<{ id: string }>('SELECT id FROM handoffs ORDER BY rowid LIMIT 1'))?.id ?? '';
      const firstScore = store.read((r) => r.get<{ id: string }>('SELECT id FROM follow_ups WHERE satisfaction IS NOT NULL ORDER BY rowid LIMIT 1'))?.id ?? '';
      expect([firstHistory, firstHandoff, firstScore].every((x) => x !== '')).toBe(true);
      const linked = new Set<string>([ids.c1]);
      let n = 0;
      const next = (p: string): string => `${p}-${++n}`;

      const steps: Record<string, () => void> = {
        newCall: () =>
          store.write((w) => {
            const id = next('call');
            const ring = now - Math.floor(random() * 3_600_000);
            const answered = random() > 0.3;
            copyRow(w, 'calls', ids.c1, {
              id,
              external_id: id,
              agent_id: pick(agents),
              status: answered ? 'ended' : 'missed',
              ring_at: iso(ring),
              answer_at: answered ? iso(ring + Math.floor(random() * 40_000)) : null,
              end_at: iso(ring + 60_000 + Math.floor(random() * 300_000)),
              wrap_end_at: answered ? iso(ring + 400_000) : null,
            });
            calls.push(id);
          }),
        ringing: () =>
          store.write((w) => {
            const id = next('call');
            copyRow(w, 'calls', ids.c1, { id, external_id: id, agent_id: pick(agents), status: 'ringing', ring_at: iso(now - 25_000), answer_at: null, end_at: null, wrap_end_at: null });
            calls.push(id);
          }),
        endCall: () => store.write((w) => w.run("UPDATE calls SET status = 'ended', end_at = ? WHERE id = ?", [iso(now), pick(calls)])),
        newTicket: () =>
          store.write((w) => {
            const id = next('ticket');
            copyRow(w, 'tickets', ids.t4, { id, no: id, status: 'new', category: pick(['fault', 'complaint', 'consult']), severity: pick(['urgent', 'normal', 'low']), created_at: iso(now - Math.floor(random() * 600_000)), resolved_at: null, closed_at: null });
            copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, at: iso(now), hlc: `${iso(now)}-${n}` });
            tickets.push(id);
          }),
        resolve: () =>
          store.write((w) => {
            const id = pick(tickets);
            w.run("UPDATE tickets SET status = 'resolved', resolved_at = ?, resolution = 'ok' WHERE id = ?", [iso(now), id]);
            copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, action: 'transition', changes: '{"status":{"from":"in_progress","to":"resolved"}}', at: iso(now), hlc: `${iso(now)}-${n}` });
          }),
        reopen: () =>
          store.write((w) => {
            const id = pick(tickets);
            w.run("UPDATE tickets SET status = 'reopened', resolved_at = NULL WHERE id = ?", [id]);
            copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, action: 'transition', changes: '{"status":{"from":"resolved","to":"reopened"}}', at: iso(now), hlc: `${iso(now)}-${n}` });
          }),
        contact: () => store.write((w) => copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: pick(tickets), action: 'contact', changes: '{}', at: iso(now), hlc: `${iso(now)}-${n}` })),
        escalate: () =>
          store.write((w) => {
            const id = pick(tickets);
            w.run("UPDATE tickets SET status = 'escalated' WHERE id = ?", [id]);
            copyRow(w, 'handoffs', firstHandoff, { id: next('ho'), ticket_id: id, status: 'open', created_at: iso(now) });
          }),
        link: () =>
          store.write((w) => {
            const call = pick(calls);
            linked.add(call);
            w.run('INSERT INTO call_tickets (call_id, ticket_id, actor_id, at) VALUES (?, ?, ?, ?)', [call, pick(tickets), 'li.agent', iso(now)]);
          }),
        score: () => store.write((w) => copyRow(w, 'follow_ups', firstScore, { id: next('f'), ticket_id: pick(tickets), satisfaction: 1 + Math.floor(random() * 5), done_at: iso(now - 1_000) })),
        state: () =>
          store.write((w) =>
            w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, ?, ?, NULL, ?)', [next('s'), pick(agents), pick(['ready', 'not_ready', 'offline', 'after_call']), 'break', iso(now - 1_000), `${iso(now)}-${n}`]),
          ),
        // Another PC's line from yesterday, synced only now: the agent's line before the day may change.
        lateState: () =>
          store.write((w) =>
            w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [next('s'), pick(agents), pick(['ready', 'offline']), iso(at('2026-11-23T23:59:00')), `${iso(now)}-${n}`]),
          ),
        // Rows are not deleted in normal work; a deleted one (a repair) reads the day anew.
        deleteCall: () => {
          const call = calls.find((c) => c.startsWith('call-') && !linked.has(c));
          if (!call) return;
          calls.splice(calls.indexOf(call), 1);
          store.write((w) => w.run('DELETE FROM calls WHERE id = ?', [call]));
        },
        tick: () => (now += Math.floor(random() * 40 * 60_000)),
      };
      const names = Object.keys(steps);
      for (let i = 0; i < 60; i++) {
        const name = pick(names);
        steps[name]?.();
        const { kept, fresh } = store.read((r) => boards(r, cache, now));
        expect(kept, `after step ${i} (${name})`).toBe(fresh);
      }
      // One new call: the refresh reads the changes, not the day.
      store.read((r) => cache.day(r, readConsoleConfig(r), now));
      steps.newCall?.();
      store.read((r) => cache.day(r, readConsoleConfig(r), now));
      expect(cache.lastRead).toEqual({ rebuilt: false, changes: 1 });
      // Past midnight the day is read anew, and still equals a fresh read.
      now = at('2026-11-25T09:00:00');
      steps.newCall?.();
      const { kept, fresh } = store.read((r) => boards(r, cache, now));
      expect(cache.lastRead.rebuilt).toBe(false);
      expect(kept).toBe(fresh);
    } finally {
      store.close();
    }
  });

  it('rebuilds when it fell behind the trimmed change log, or a row was deleted', async () => {
    const day = await hotlineDay();
    await day.core.close();
    const store = await Store.open({ dataDir: day.dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
    try {
      const cache = new DayCache();
      const read = () => store.read((r) => cache.day(r, readConsoleConfig(r), NOW));
      read();
      // 5,000 state lines from yesterday: the log keeps its last 4,000 entries only.
      store.write((w) => {
        for (let i = 0; i < 5_000; i++) w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [`old-${i}`, 'li.agent', 'ready', iso(at('2026-11-23T10:00:00') + i), `h-${i}`]);
      });
      expect(store.read((r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM report_changes')?.n ?? 0)).toBeLessThanOrEqual(4_999);
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
