/**
 * `npm run bench`: the foundation's speed targets, measured on this machine.
 * - durable ticket write latency (p50/p95) at 1k and 100k tickets, beside the
 *   naive approach (export the whole database after every write);
 * - cold open with 100k tickets: snapshot load + replay of 10k journal entries;
 * - the longest stall of the calling thread while the worker checkpoints 100k tickets.
 * Prints a table and writes bench-results/foundation.json; then the sync
 * benchmark (tests/bench/sync.ts) writes bench-results/sync.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core/index.js';
import { readSnapshot } from '../../electron/core/store/snapshot.js';
import { loadSqlJs } from '../../electron/core/store/sqlite.js';
import { CoreWorkerClient } from '../../electron/core/workerClient.js';
import { benchTicket } from './generate.js';
import { ms, percentiles, type Percentiles } from './stats.js';
import { runKbBench } from './kb.js';
import { runSyncBench } from './sync.js';
import { runDeskBench } from './desk.js';
import { runReportsBench } from './reports.js';
// ---- attendance (issue 16 point 10)
import { runAttendanceBench } from './attendance.js';
// ---- a lean outbox (issue 18 point 2)
import { runOutboxBench } from './outbox.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LARGE = Number(process.env.BENCH_TICKETS ?? 100_000);
const SMALL = 1_000;
const JOURNAL_ENTRIES = 10_000;
const DEFAULT_CHECKPOINT_EVERY = 1_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * Copies a data folder and flushes it to disk, so a measurement that follows
 * is not queued behind gigabytes of write-back (a real cold start is not).
 */
function copyFolder(from: string, name: string): string {
  const to = path.join(work, name);
  fs.mkdirSync(to);
  for (const f of fs.readdirSync(from)) {
    if (f === 'LOCK') continue;
    fs.copyFileSync(path.join(from, f), path.join(to, f));
    const fd = fs.openSync(path.join(to, f), 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  return to;
}

async function seed(dir: string, from: number, to: number, opts: { checkpointEvery?: number; crash?: boolean } = {}): Promise<void> {
  const core = await openCore({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 0, checkpointEvery: opts.checkpointEvery ?? 20_000 });
  const t0 = performance.now();
  for (let i = from; i < to; i++) {
    const r = await core.call('tickets:create', benchTicket(i));
    if (!r.ok) throw new Error(`seed failed at ${i}: ${r.error.message}`);
    if ((i + 1) % 20_000 === 0) log(`  seeded ${i + 1} tickets (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (opts.crash) return; // leave the journal un-checkpointed, as a crash would
  await core.close();
}

async function durableWrites(dir: string, n: number): Promise<Percentiles> {
  const core = await openCore({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 0, checkpointEvery: 1_000_000_000 });
  const samples: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t0 = performance.now();
    const r = await core.call('tickets:create', benchTicket(900_000 + i));
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(r.error.message);
    if (i >= 20) samples.push(dt);
  }
  await core.close();
  return percentiles(samples);
}

/** The approach we rejected: rewrite the whole database file (durably) after every change. */
async function naiveWrites(dir: string, n: number): Promise<Percentiles> {
  const SQL = await loadSqlJs();
  const snap = readSnapshot(path.join(dir, 'snapshot.db'));
  if (!snap.ok) throw new Error(snap.reason);
  const db = new SQL.Database(snap.db);
  const template = db.exec('SELECT * FROM tickets LIMIT 1')[0];
  if (!template) throw new Error('no ticket to copy');
  const cols = template.columns;
  const row = template.values[0] ?? [];
  const insert = db.prepare(`INSERT INTO tickets (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const target = path.join(dir, 'naive.db');
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    insert.run(row.map((v, c) => (cols[c] === 'id' ? `naive-${i}` : cols[c] === 'no' ? `NAIVE-${i}` : v)));
    const bytes = db.export();
    const fd = fs.openSync(`${target}.tmp`, 'w');
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(`${target}.tmp`, target);
    samples.push(performance.now() - t0);
  }
  db.close();
  return percentiles(samples);
}

function coldOpen(dir: string): { openMs: number; replayed: number; tickets: number; snapshotBytes: number } {
  const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/bench/coldOpen.ts'), dir], { cwd: ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`cold open failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as ReturnType<typeof coldOpen>;
}

/** Longest gap between timer ticks on this thread while `during` runs. */
async function maxStall(during: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await during();
  running = false;
  return worst;
}

async function checkpointStall(dir: string): Promise<{ workerStallMs: number; inThreadStallMs: number; checkpointed: boolean }> {
  const client = await CoreWorkerClient.start({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 300, checkpointEvery: 1_000_000_000 });
  let checkpointed = false;
  const workerStallMs = await maxStall(async () => {
    const r = await client.invoke('tickets:create', benchTicket(990_000));
    if (!r.ok) throw new Error(r.error.message);
    // the idle checkpoint fires 300 ms later in the worker; poll until it is done
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      await new Promise((res) => setTimeout(res, 50));
      const s = await client.invoke('store:status', {});
      if (s.ok && (s.value as { lastCheckpointAt: string | null }).lastCheckpointAt) {
        checkpointed = true;
        break;
      }
    }
  });
  await client.close();
  // The same checkpoint on the calling thread, for contrast: what a window would suffer without the worker.
  const core = await openCore({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 0 });
  await core.call('tickets:create', benchTicket(990_001));
  const inThreadStallMs = await maxStall(async () => {
    await new Promise((res) => setTimeout(res, 20));
    core.checkpoint();
    await new Promise((res) => setTimeout(res, 20));
  });
  await core.close();
  return { workerStallMs, inThreadStallMs, checkpointed };
}

async function main(): Promise<void> {
  log(`bench folder: ${work}`);
  const small = path.join(work, 'seed-small');
  const large = path.join(work, 'seed-large');
  log(`seeding ${SMALL} tickets`);
  await seed(small, 0, SMALL);
  log(`seeding ${LARGE} tickets (through the real create path)`);
  fs.cpSync(small, large, { recursive: true });
  await seed(large, SMALL, LARGE);

  log('durable writes');
  const write1k = await durableWrites(copyFolder(small, 'w-small'), 500);
  const write100k = await durableWrites(copyFolder(large, 'w-large'), 500);
  log('naive writes');
  const naive1k = await naiveWrites(copyFolder(small, 'n-small'), 100);
  const naive100k = await naiveWrites(copyFolder(large, 'n-large'), 15);

  log(`cold open: ${LARGE} tickets + ${JOURNAL_ENTRIES} journal entries`);
  const crashed = copyFolder(large, 'cold-src');
  await seed(crashed, LARGE, LARGE + JOURNAL_ENTRIES, { checkpointEvery: 1_000_000_000, crash: true });
  const colds = [0, 1, 2].map((i) => coldOpen(copyFolder(crashed, `cold-${i}`)));
  const cold = colds.sort((a, b) => a.openMs - b.openMs)[1] ?? colds[0];
  if (!cold) throw new Error('no cold open measured');
  // What an agent actually meets: the store checkpoints every 1,000 entries by default.
  log(`cold open: ${LARGE} tickets + ${DEFAULT_CHECKPOINT_EVERY} journal entries (the default checkpoint interval)`);
  const crashedDefault = copyFolder(large, 'cold-default-src');
  await seed(crashedDefault, LARGE, LARGE + DEFAULT_CHECKPOINT_EVERY, { checkpointEvery: 1_000_000_000, crash: true });
  const coldsDefault = [0, 1, 2].map((i) => coldOpen(copyFolder(crashedDefault, `cold-default-${i}`)));
  const coldDefault = coldsDefault.sort((a, b) => a.openMs - b.openMs)[1] ?? coldsDefault[0];
  if (!coldDefault) throw new Error('no cold open measured');

  log('checkpoint stall');
  const stall = await checkpointStall(copyFolder(large, 'stall'));

  const results = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
    tickets: LARGE,
    durableWrite: { at1k: write1k, at100k: write100k },
    naiveExportEveryWrite: { at1k: naive1k, at100k: naive100k },
    coldOpen: { ...cold, journalEntries: JOURNAL_ENTRIES, runs: colds.map((c) => c.openMs) },
    coldOpenDefaultInterval: { ...coldDefault, journalEntries: DEFAULT_CHECKPOINT_EVERY, runs: coldsDefault.map((c) => c.openMs) },
    checkpointStall: stall,
    targets: { durableWriteP95Ms: 2, coldOpenMs: 500, stallMs: 16 },
  };
  const rows: [string, string, string][] = [
    ['durable write p50 / p95 @1k', `${ms(write1k.p50)} / ${ms(write1k.p95)}`, ''],
    [`durable write p50 / p95 @${LARGE / 1000}k`, `${ms(write100k.p50)} / ${ms(write100k.p95)}`, `p95 <= 2 ms: ${write100k.p95 <= 2 ? 'PASS' : 'FAIL'}`],
    ['naive (export per write) p50 / p95 @1k', `${ms(naive1k.p50)} / ${ms(naive1k.p95)}`, ''],
    [`naive (export per write) p50 / p95 @${LARGE / 1000}k`, `${ms(naive100k.p50)} / ${ms(naive100k.p95)}`, ''],
    [`cold open (${cold.tickets} tickets, ${cold.replayed} replayed)`, ms(cold.openMs), `<= 500 ms: ${cold.openMs <= 500 ? 'PASS' : 'FAIL'}`],
    [`cold open (${coldDefault.tickets} tickets, ${coldDefault.replayed} replayed: default interval)`, ms(coldDefault.openMs), ''],
    ['snapshot size', `${(cold.snapshotBytes / 1024 / 1024).toFixed(1)} MiB`, ''],
    ['longest stall, checkpoint in worker', ms(stall.workerStallMs), `< 16 ms: ${stall.workerStallMs < 16 && stall.checkpointed ? 'PASS' : 'FAIL'}`],
    ['  same checkpoint on the calling thread', ms(stall.inThreadStallMs), ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'measure'.padEnd(w0)}  ${'result'.padEnd(w1)}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'foundation.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nsaved bench-results/foundation.json');
  fs.rmSync(work, { recursive: true, force: true });
}

// BENCH_ONLY=foundation|sync|kb|desk|reports|attendance|outbox runs one part.
const only = process.env.BENCH_ONLY;
if (!only || only === 'foundation') await main();
if (!only || only === 'sync') await runSyncBench();
if (!only || only === 'kb') await runKbBench();
if (!only || only === 'desk') await runDeskBench();
if (!only || only === 'reports') await runReportsBench();
if (!only || only === 'attendance') await runAttendanceBench();
// ---- a lean outbox (issue 18 point 2)
if (!only || only === 'outbox') await runOutboxBench();
