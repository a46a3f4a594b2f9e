/**
 * `BENCH_ONLY=attendance npm run -s bench`: issue 16 point 10. A folder with
 * 200 agents, BENCH_ATT_STATES (default 1M) state-log lines over 2026 (a
 * working day each: sign-in near 08:30, calls and breaks, sign-out near
 * 17:30; weekends off) and a March roster (D on working days). Measures
 *  (a) attendance:month for March, every agent (what `attendance month` and the month view compute);
 *  (b) attendance:export of March's 月度考勤表 as .xlsx.
 * Targets: (a) p95 <= 2 s; (b) <= 3 s. Writes bench-results/attendance.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeHlc } from '../../shared/hlc.js';
import { dayType, indexHolidays, isOfficialWorkday, monthDates } from '../../shared/attendance/calendar.js';
import { HOLIDAYS_2026 } from '../../shared/attendance/holidays.js';
import { openCore } from '../../electron/core/index.js';
import { KB_SQL_FUNCTIONS } from '../../electron/core/kb/search.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import { rng } from './kb.js';
import { ms, percentiles } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const AGENTS = 200;
const STATES = Number(process.env.BENCH_ATT_STATES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_ATT_RUNS ?? 10);
const log = (m: string) => process.stderr.write(`${m}\n`);
const agent = (i: number) => `a${String(i).padStart(3, '0')}`;

async function generate(dir: string): Promise<void> {
  const store = await Store.open({ dataDir: dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
  const holidays = indexHolidays(HOLIDAYS_2026);
  const workdays: string[] = [];
  for (let m = 1; m <= 12; m++) for (const d of monthDates(`2026-${String(m).padStart(2, '0')}`)) if (isOfficialWorkday(dayType(d, holidays))) workdays.push(d);
  const perDay = Math.max(2, Math.round(STATES / AGENTS / workdays.length));
  const r = rng(16);
  const t0 = performance.now();
  let n = 0;
  const states = ['on_call', 'after_call', 'ready', 'not_ready', 'ready'];
  for (const [di, date] of workdays.entries()) {
    store.bulkWrite((w) => {
      for (let a = 0; a < AGENTS && n < STATES; a++) {
        const start = Date.parse(`${date}T08:20:00+08:00`) + Math.floor(r() * 20 * 60_000);
        const end = Date.parse(`${date}T17:25:00+08:00`) + Math.floor(r() * 90 * 60_000);
        const step = (end - start) / (perDay - 1);
        for (let k = 0; k < perDay && n < STATES; k++, n++) {
          const at = Math.floor(start + k * step);
          const state = k === 0 ? 'ready' : k === perDay - 1 ? 'offline' : (states[k % states.length] ?? 'ready');
          w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, ?, ?, NULL, ?)', [`s-${n.toString(16)}`, agent(a), state, state === 'not_ready' ? 'break' : null, new Date(at).toISOString(), encodeHlc({ wallMs: at, counter: 0, nodeId: 'bench' })]);
        }
      }
      if (date.startsWith('2026-03')) {
        for (let a = 0; a < AGENTS; a++) {
          w.run("INSERT INTO roster_entry (id, agent_id, date, entry, team, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, 'D', ?, 'bench', ?, ?, '{}')", [`${agent(a)}|${date}`, agent(a), date, `t${a % 8}`, '2026-02-20T00:00:00.000Z', '2026-02-20T00:00:00.000Z']);
        }
      }
    });
    if (di % 50 === 0) log(`  ${n} state lines (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  log(`  ${n} state lines, ${perDay} a day per agent (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  store.close();
}

export async function runAttendanceBench(): Promise<void> {
  const keep = process.env.BENCH_ATT_DIR;
  const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-att-'));
  const dir = path.join(work, 'data');
  if (!fs.existsSync(path.join(dir, 'store.db'))) {
    fs.mkdirSync(dir, { recursive: true });
    log(`attendance bench folder: ${work}; generating ${STATES} state lines for ${AGENTS} agents`);
    await generate(dir);
  }
  const core = await openCore({ dataDir: dir, actorId: 'bench-admin', idleCheckpointMs: 0, now: () => Date.parse('2026-04-01T12:00:00+08:00'), sync: { autoStart: false } });
  const month: number[] = [];
  let agents = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const res = await core.call('attendance:month', { month: '2026-03' });
    const dt = performance.now() - t;
    if (!res.ok) throw new Error(`attendance:month: ${res.error.message}`);
    agents = (res.value as { agents: unknown[] }).agents.length;
    if (i >= 2) month.push(dt);
  }
  const exportTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    const t = performance.now();
    const res = await core.call('attendance:export', { sheet: 'attendance', month: '2026-03', format: 'xlsx' });
    const dt = performance.now() - t;
    if (!res.ok) throw new Error(`attendance:export: ${res.error.message}`);
    rows = (res.value as { rows: number }).rows;
    exportTimes.push(dt);
  }
  await core.close();
  const a = percentiles(month);
  const b = percentiles(exportTimes);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const result = {
    agents,
    stateLines: STATES,
    load,
    month: { ...a, target: 2000, pass: a.p95 <= 2000 },
    xlsx: { ...b, rows, target: 3000, pass: b.max <= 3000 },
  };
  log(`attendance bench (load ${load}): month of ${agents} agents p50 ${ms(a.p50)} p95 ${ms(a.p95)} (target p95 <= 2 s); xlsx of ${rows} rows p50 ${ms(b.p50)} max ${ms(b.max)} (target <= 3 s)`);
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'attendance.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}
