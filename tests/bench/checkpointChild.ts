// Child process for the store bench (issue 18): opens a data folder with the
// old design or the page log, commits N tickets since the last checkpoint
// (the default interval), then measures one checkpoint — the old design's on
// this thread, the page log's in the background: the longest time it holds the
// thread (and the longest gap between timer ticks meanwhile), its duration, the bytes it writes (/proc/self/io) and the
// process's peak memory while it runs (VmHWM after clear_refs reset it).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core/index.js';
import { benchTicket } from './generate.js';

const [dataDir, design, count] = process.argv.slice(2);
if (!dataDir || (design !== 'legacy' && design !== 'wal')) throw new Error('usage: checkpointChild DIR legacy|wal N');

function procField(file: string, field: string): number {
  try {
    const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : NaN;
  } catch {
    return NaN;
  }
}

const core = await openCore({ dataDir, actorId: 'bench', idleCheckpointMs: 0, checkpointEvery: 1_000_000_000 }, { legacyStore: design === 'legacy' });
for (let i = 0; i < Number(count ?? 1000); i++) {
  const r = await core.call('tickets:create', benchTicket(800_000 + i));
  if (!r.ok) throw new Error(r.error.message);
}
const rssBefore = procField('/proc/self/status', 'VmRSS') * 1024;
try {
  fs.writeFileSync('/proc/self/clear_refs', '5');
} catch {
  /* not Linux: the peak is then the process's lifetime peak */
}
const written0 = procField('/proc/self/io', 'wchar');
// The longest gap between timer ticks while the checkpoint runs: what a save or a search waits at most.
let last = performance.now();
let longestGapMs = 0;
let ticking = true;
const tick = () => {
  const t = performance.now();
  longestGapMs = Math.max(longestGapMs, t - last);
  last = t;
  if (ticking) setTimeout(tick, 1);
};
setTimeout(tick, 1);
const t0 = performance.now();
let longestHoldMs: number;
if (design === 'legacy') {
  // The old design's checkpoint: one synchronous export and rewrite.
  core.checkpoint();
  longestHoldMs = performance.now() - t0;
} else {
  // The page log's policy checkpoint runs in the background.
  const stats = await core.checkpointInBackground();
  if (!stats) throw new Error('the checkpoint did not run');
  longestHoldMs = stats.longestHoldMs;
}
const checkpointMs = performance.now() - t0;
ticking = false;
longestGapMs = Math.max(longestGapMs, performance.now() - last);
const writtenBytes = procField('/proc/self/io', 'wchar') - written0;
const peakBytes = procField('/proc/self/status', 'VmHWM') * 1024;
process.stdout.write(`${JSON.stringify({ checkpointMs, longestHoldMs, longestGapMs, writtenBytes, peakExtraBytes: peakBytes - rssBefore, peakRssBytes: peakBytes })}\n`);
process.exit(0);
