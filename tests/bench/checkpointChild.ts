// Child process for the store bench (issue 18): opens a data folder with the
// old design or the page log, commits N tickets since the last checkpoint
// (the default interval), then measures one checkpoint on this thread — the
// time it holds the thread, the bytes it writes (/proc/self/io) and the
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
const t0 = performance.now();
core.checkpoint();
const checkpointMs = performance.now() - t0;
const writtenBytes = procField('/proc/self/io', 'wchar') - written0;
const peakBytes = procField('/proc/self/status', 'VmHWM') * 1024;
process.stdout.write(`${JSON.stringify({ checkpointMs, writtenBytes, peakExtraBytes: peakBytes - rssBefore, peakRssBytes: peakBytes })}\n`);
process.exit(0);
