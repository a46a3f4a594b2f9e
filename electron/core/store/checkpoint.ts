import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';
import { encodeSumsHeader, SUMS_HEADER, writeAllAt } from './dbFile.js';
import { PAGE } from './wal.js';

/**
 * One checkpoint as a list of small steps (see DESIGN.md "Checkpoint"):
 * the pages of the log segment being checkpointed (`wal.prev.log`), as of
 * its last seq, written in place into the backup and then into the database
 * file, each file's manifest entries after its pages and its manifest header
 * last, then the segment removed. Every step is idempotent, so a run that
 * failed (or a crash) is simply started again from the first step.
 *
 * The steps run either all at once (`runSync`: `Store.checkpoint()`,
 * `close()`) or across turns of the event loop (`runAsync`: the policy and
 * idle checkpoints), where no stretch holds the thread longer than a slice
 * (a few ms) and every fsync runs in libuv's thread pool on a descriptor of
 * its own, so a synchronous run taking over never races a write in flight
 * (writes are only ever made synchronously, on the thread, in order).
 */
export interface CheckpointJob {
  /** the seq the files hold once the job is done (the segment's last record) */
  seq: number;
  /** database pages at that seq */
  dbPages: number;
  /** the newest image of every page the segment changed, sorted by page number */
  pages: [number, Uint8Array][];
  /** the segment's records and bytes (the report counts them as not yet checkpointed) */
  entries: number;
  bytes: number;
  /** the backup is damaged (doctor): rewritten whole from the database file instead of in place */
  rebuildBackup: boolean;
  /** the next step to run */
  step: number;
  /** bumped when a run is abandoned (a synchronous run took over, the store reloaded or closed) */
  generation: number;
  running: boolean;
  startedAt: number;
  bytesWritten: number;
  /** the longest stretch the job held the thread */
  longestHoldMs: number;
  failedAt: number | null;
}

export type Step = { kind: 'run'; what: string; run: () => number } | { kind: 'fsync'; what: string; file: string };

/** Pages written per step (1 MiB): a step is a write into the page cache, well under a slice. */
const PAGES_PER_STEP = 256;

function runsOf(pages: readonly [number, Uint8Array][]): [number, Uint8Array][][] {
  const runs: [number, Uint8Array][][] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i + 1;
    while (j < pages.length && j - i < PAGES_PER_STEP && (pages[j] as [number, Uint8Array])[0] === (pages[j - 1] as [number, Uint8Array])[0] + 1) j++;
    runs.push(pages.slice(i, j));
    i = j;
  }
  return runs;
}

function withFd<T>(file: string, fn: (fd: number) => T): T {
  const fd = fs.openSync(file, 'r+');
  try {
    return fn(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Steps that bring one database file + manifest to `job.seq` in place. */
function fileSteps(job: CheckpointJob, dbFile: string, sumsFile: string): Step[] {
  const steps: Step[] = [];
  const kept = job.pages.filter(([p]) => p < job.dbPages);
  // Group steps of consecutive runs up to PAGES_PER_STEP pages each.
  let batch: [number, Uint8Array][][] = [];
  let batchPages = 0;
  const flushBatch = () => {
    const runs = batch;
    if (runs.length === 0) return;
    steps.push({
      kind: 'run',
      what: `write ${runs.reduce((n, r) => n + r.length, 0)} pages into ${dbFile}`,
      run: () =>
        withFd(dbFile, (fd) => {
          let bytes = 0;
          for (const run of runs) {
            const data = run.length === 1 ? (run[0] as [number, Uint8Array])[1] : Buffer.concat(run.map((r) => r[1]));
            writeAllAt(fd, data, (run[0] as [number, Uint8Array])[0] * PAGE);
            bytes += data.length;
          }
          return bytes;
        }),
    });
    batch = [];
    batchPages = 0;
  };
  for (const run of runsOf(kept)) {
    if (batchPages + run.length > PAGES_PER_STEP) flushBatch();
    batch.push(run);
    batchPages += run.length;
  }
  flushBatch();
  steps.push({
    kind: 'run',
    what: `cut ${dbFile} to ${job.dbPages} pages`,
    run: () =>
      withFd(dbFile, (fd) => {
        if (fs.fstatSync(fd).size > job.dbPages * PAGE) fs.ftruncateSync(fd, job.dbPages * PAGE);
        return 0;
      }),
  });
  steps.push({ kind: 'fsync', what: `fsync ${dbFile}`, file: dbFile });
  // Manifest entries, one write per run of consecutive pages, then the header (seq, pages) last.
  for (let i = 0; i < kept.length; i += PAGES_PER_STEP * 4) {
    const slice = kept.slice(i, i + PAGES_PER_STEP * 4);
    steps.push({
      kind: 'run',
      what: `manifest entries of ${slice.length} pages into ${sumsFile}`,
      run: () =>
        withFd(sumsFile, (fd) => {
          let bytes = 0;
          for (const run of runsOf(slice)) {
            const entries = Buffer.allocUnsafe(run.length * 4);
            run.forEach(([, image], k) => entries.writeUInt32LE(crc32(image), k * 4));
            writeAllAt(fd, entries, SUMS_HEADER + (run[0] as [number, Uint8Array])[0] * 4);
            bytes += entries.length;
          }
          return bytes;
        }),
    });
  }
  steps.push({
    kind: 'run',
    what: `cut ${sumsFile} to ${job.dbPages} entries`,
    run: () =>
      withFd(sumsFile, (fd) => {
        if (fs.fstatSync(fd).size !== SUMS_HEADER + job.dbPages * 4) fs.ftruncateSync(fd, SUMS_HEADER + job.dbPages * 4);
        return 0;
      }),
  });
  steps.push({ kind: 'fsync', what: `fsync ${sumsFile}`, file: sumsFile });
  steps.push({
    kind: 'run',
    what: `manifest header of ${sumsFile} (seq ${job.seq})`,
    run: () => withFd(sumsFile, (fd) => (writeAllAt(fd, encodeSumsHeader(job.seq, job.dbPages), 0), SUMS_HEADER)),
  });
  steps.push({ kind: 'fsync', what: `fsync ${sumsFile}`, file: sumsFile });
  return steps;
}

export interface JobFiles {
  db: string;
  sums: string;
  backup: string;
  backupSums: string;
  /** the segment the job checkpoints: removed by the last step */
  prev: string;
  dir: string;
  /** rewrites the backup whole from the database file (doctor found it damaged) */
  rebuildBackup: () => number;
  fsyncDir: () => void;
}

export function jobSteps(job: CheckpointJob, f: JobFiles): Step[] {
  const steps: Step[] = [];
  if (!job.rebuildBackup) steps.push(...fileSteps(job, f.backup, f.backupSums));
  steps.push(...fileSteps(job, f.db, f.sums));
  if (job.rebuildBackup) steps.push({ kind: 'run', what: 'rewrite the backup whole', run: f.rebuildBackup });
  steps.push({
    kind: 'run',
    what: `remove ${f.prev}`,
    run: () => {
      fs.rmSync(f.prev, { force: true });
      return 0;
    },
  });
  // The removal need not be durable: a segment left behind is laid over the files again, harmlessly.
  steps.push({ kind: 'run', what: 'fsync the folder', run: () => (f.fsyncDir(), 0) });
  return steps;
}

export function runStepSync(step: Step): number {
  if (step.kind === 'run') return step.run();
  const fd = fs.openSync(step.file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return 0;
}

/** An fsync in the thread pool, on a descriptor nothing else uses. */
export async function fsyncInBackground(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** How long one turn of the event loop may run a checkpoint's steps before it yields. */
export const SLICE_MS = 4;

export const now = (): number => performance.now();
