// Child process: a cold start (fresh process, sql.js not yet loaded) opening a data folder.
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core/index.js';

const [dataDir, design] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: coldOpen DIR [legacy|wal]');
const t0 = performance.now();
const core = await openCore({ dataDir, actorId: 'bench', idleCheckpointMs: 0, checkpointEvery: 1_000_000_000 }, { legacyStore: design === 'legacy' });
const openMs = performance.now() - t0;
const status = await core.call('store:status', {});
if (!status.ok) throw new Error(status.error.message);
const report = status.value as { journal: { replayed: number }; counts: { tickets: number }; snapshot: { bytes: number } };
process.stdout.write(`${JSON.stringify({ openMs, replayed: report.journal.replayed, tickets: report.counts.tickets, snapshotBytes: report.snapshot.bytes })}\n`);
// No close: the process exits like a crash would, leaving the folder as it found it (plus a stale lock).
process.exit(0);
