/**
 * `BENCH_ONLY=reports npm run -s bench`: the supervisor's reads (issue 15,
 * point 8) over a center-sized folder: the desk bench's 100k tickets (a
 * year, 50 agents), plus BENCH_REPORTS_CALLS (default 200k) calls and
 * BENCH_REPORTS_STATES (default 1M) agent state-log lines over the same
 * year, with a busy "today" (1,500 calls, 50 agents' state changes).
 * Measures p50/p95 of
 *  (a) wallboard:get for the center (today's figures, agents, trends),
 *  (b) wallboard:get right after one new call rang and was answered
 *      (the refresh a live board does on every call),
 *  (c) reports:summary, the first read of each month (nothing kept yet),
 *  (d) reports:summary for November again and again, a call landing today
 *      before each read (the service keeps the days of period reports and
 *      reads again only the days a change touched: electron/core/reports/periodCache.ts),
 *  (e) reports:agents and reports:period (November beside October) alike.
 * Targets: (a), (b) p95 <= 50 ms; (d) p95 <= 300 ms. Writes bench-results/reports.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Channel, RequestOf } from '../../shared/contract.js';
import { encodeHlc } from '../../shared/hlc.js';
import { openCore, type LocalCore } from '../../electron/core/index.js';
import { KB_SQL_FUNCTIONS } from '../../electron/core/kb/search.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import { generate } from './desk.js';
import { rng } from './kb.js';
import { ms, percentiles, type Percentiles } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CALLS = Number(process.env.BENCH_REPORTS_CALLS ?? 200_000);
const STATES = Number(process.env.BENCH_REPORTS_STATES ?? 1_000_000);
const TODAY_CALLS = 1_500;
const AGENTS = 50;
const RUNS = Number(process.env.BENCH_REPORTS_RUNS ?? 100);
/** 14:00 in Beijing, as the desk bench. */
const NOW = Date.parse('2026-11-24T06:00:00.000Z');
const TODAY_START = Date.parse('2026-11-24T00:00:00+08:00');
const DAY = 86_400_000;
const log = (m: string) => process.stderr.write(`${m}\n`);
const iso = (t: number) => new Date(t).toISOString();
const hex = (n: number) => n.toString(16).padStart(8, '0');
const agentOf = (i: number) => `agent${String(i % AGENTS).padStart(2, '0')}`;
const STATE_CYCLE = ['ready', 'on_call', 'after_call', 'ready', 'not_ready'] as const;

async function addCallsAndStates(dir: string): Promise<void> {
  const store = await Store.open({ dataDir: dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
  const r = rng(11);
  const t0 = performance.now();
  const BATCH = 50_000;
  const older = CALLS - TODAY_CALLS;
  for (let start = 0; start < CALLS; start += BATCH) {
    store.bulkWrite((w) => {
      for (let i = start; i < Math.min(CALLS, start + BATCH); i++) {
        // The older calls over the year before today; the last TODAY_CALLS between 08:00 and now today.
        const ring = i < older ? TODAY_START - 365 * DAY + Math.floor((i / older) * 365 * DAY) + 8 * 3_600_000 + Math.floor(r() * 10 * 3_600_000) : TODAY_START + 8 * 3_600_000 + Math.floor(((i - older) / TODAY_CALLS) * (NOW - TODAY_START - 8 * 3_600_000));
        const answered = r() > 0.08;
        const answer = answered ? ring + Math.floor(r() * 40_000) : null;
        const end = (answer ?? ring) + (answered ? 60_000 + Math.floor(r() * 400_000) : Math.floor(r() * 60_000));
        const wrapEnd = answered ? end + Math.floor(r() * 90_000) : null;
        w.run(
          `INSERT INTO calls (id, external_id, source, direction, number, number_key, line_number, customer_id, agent_id, status, ring_at, answer_at, hold_started_at, hold_seconds, end_at, wrap_end_at, disposition, note, created_at, updated_at, field_hlc)
           VALUES (?, ?, 'cti', 'inbound', ?, ?, NULL, NULL, ?, ?, ?, ?, NULL, 0, ?, ?, ?, NULL, ?, ?, '{}')`,
          [`call-${hex(i)}`, `pbx-${i}`, `138${String(i % 20_000).padStart(8, '0')}`, `+86138${String(i % 20_000).padStart(8, '0')}`, agentOf(i), answered ? 'ended' : 'missed', iso(ring), answer === null ? null : iso(answer), iso(end), wrapEnd === null ? null : iso(wrapEnd), answered ? 'info_given' : null, iso(ring), iso(wrapEnd ?? end)],
        );
      }
    });
    log(`  ${Math.min(CALLS, start + BATCH)} calls (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const todayStates = AGENTS * 60;
  const olderStates = STATES - todayStates;
  for (let start = 0; start < STATES; start += 100_000) {
    store.bulkWrite((w) => {
      for (let i = start; i < Math.min(STATES, start + 100_000); i++) {
        const at = i < olderStates ? TODAY_START - 365 * DAY + Math.floor((i / olderStates) * 365 * DAY) : TODAY_START + 8 * 3_600_000 + Math.floor(((i - olderStates) / todayStates) * (NOW - TODAY_START - 8 * 3_600_000));
        const state = STATE_CYCLE[Math.floor(i / AGENTS) % STATE_CYCLE.length] ?? 'ready';
        w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, ?, ?, NULL, ?)', [`s-${hex(i)}`, agentOf(i), state, state === 'not_ready' ? 'break' : null, iso(at), encodeHlc({ wallMs: at, counter: 0, nodeId: 'bench' })]);
      }
    });
    log(`  ${Math.min(STATES, start + 100_000)} state lines (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  store.close();
}

async function measure<C extends Channel>(core: LocalCore, channel: C, payload: RequestOf<C>, before?: (i: number) => Promise<void>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    if (before) await before(i);
    const t = performance.now();
    const res = await core.call(channel, payload);
    const dt = performance.now() - t;
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
    if (i >= 5) samples.push(dt);
  }
  return percentiles(samples);
}

export async function runReportsBench(): Promise<void> {
  // BENCH_REPORTS_DIR keeps the generated folder and reuses it on the next run (profiling).
  const keep = process.env.BENCH_REPORTS_DIR;
  const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-reports-'));
  const dir = path.join(work, 'data');
  if (!fs.existsSync(path.join(dir, 'store.db'))) {
    fs.mkdirSync(dir, { recursive: true });
    log(`reports bench folder: ${work}; generating tickets, ${CALLS} calls and ${STATES} state lines`);
    await generate(dir);
    await addCallsAndStates(dir);
  }
  let clock = NOW;
  const core = await openCore({ dataDir: dir, actorId: 'bench-admin', idleCheckpointMs: 0, now: () => clock, sync: { autoStart: false } });
  // The supervisor's PC: its admin at the desk (the center's board), taking calls for the "one new call" case.
  const admin = { username: 'bench.admin', displayName: '基准管理员', password: 'bench-pass-2026' };
  for (const [channel, payload] of [
    ['agent:setup', { ...admin, role: 'admin' }],
    ['agent:signIn', { username: admin.username, password: admin.password }],
    ['agent:setState', { state: 'ready' }],
  ] as const) {
    const r = await core.call(channel, payload);
    if (!r.ok && !(channel === 'agent:setup' && r.error.code === 'SETUP_DONE')) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  }
  const first = await core.call('wallboard:get', {});
  if (!first.ok) throw new Error(first.error.message);
  const offered = (first.value as { calls: { offered: { value: number | null } } }).calls.offered.value;
  const board = await measure(core, 'wallboard:get', {});
  // A call rings and is answered (a manual inbound call answered at once) before each read: the live center's refresh.
  const oneCall = async (i: number): Promise<void> => {
    clock += 1_000;
    const call = await core.call('calls:start', { direction: 'inbound', number: `1390000${String(i).padStart(4, '0')}` });
    if (!call.ok) throw new Error(call.error.message);
    const id = (call.value as { id: string }).id;
    for (const [channel, payload] of [
      ['calls:hangup', { id }],
      ['calls:wrapUp', { id, disposition: 'info_given' }],
    ] as const) {
      const r = await core.call(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    }
  };
  const afterCall = await measure(core, 'wallboard:get', {}, oneCall);
  // The first read of each month this year (January..November): nothing of it kept yet.
  const coldSamples: number[] = [];
  for (let m = 1; m <= 11; m++) {
    const from = `2026-${String(m).padStart(2, '0')}-01`;
    const to = new Date(Date.UTC(2026, m, 0)).toISOString().slice(0, 10);
    const t = performance.now();
    const res = await core.call('reports:summary', { from, to });
    coldSamples.push(performance.now() - t);
    if (!res.ok) throw new Error(`reports:summary: ${res.error.code} ${res.error.message}`);
  }
  const cold = percentiles(coldSamples);
  // November again and again while the center works: a call lands today before each read.
  const month = { from: '2026-11-01', to: '2026-11-30' };
  const summary = await measure(core, 'reports:summary', month, oneCall);
  const agents = await measure(core, 'reports:agents', month, oneCall);
  const period = await measure(core, 'reports:period', { ...month, kind: 'month' }, oneCall);
  await core.close();

  const rows: [string, Percentiles, string][] = [
    [`wallboard:get, center (${offered ?? 0} calls offered today)`, board, `p95 <= 50 ms: ${board.p95 <= 50 ? 'PASS' : 'FAIL'}`],
    ['wallboard:get after one new call', afterCall, `p95 <= 50 ms: ${afterCall.p95 <= 50 ? 'PASS' : 'FAIL'}`],
    ['reports:summary, a month, first read (Jan..Nov)', cold, '(informative)'],
    ['reports:summary, a month, a call before each', summary, `p95 <= 300 ms: ${summary.p95 <= 300 ? 'PASS' : 'FAIL'}`],
    ['reports:agents, a month, a call before each', agents, '(informative)'],
    ['reports:period, month beside the previous', period, '(informative)'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'reports measure'.padEnd(w0)}  ${'p50'.padEnd(10)}  ${'p95'.padEnd(10)}  target`);
  for (const [name, p, target] of rows) console.log(`${name.padEnd(w0)}  ${ms(p.p50).padEnd(10)}  ${ms(p.p95).padEnd(10)}  ${target}`);
  const results = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: os.loadavg() },
    calls: CALLS,
    stateLines: STATES,
    runs: RUNS,
    wallboard: board,
    wallboardAfterCall: afterCall,
    monthSummaryFirstRead: cold,
    monthSummary: summary,
    monthAgents: agents,
    monthPeriod: period,
    targets: { wallboardP95Ms: 50, monthSummaryP95Ms: 300 },
  };
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'reports.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nsaved bench-results/reports.json');
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}
