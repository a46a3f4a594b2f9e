import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result.js';
import { type CheckpointJob, fsyncInBackground, jobSteps, now, runStepSync, SLICE_MS, type Step } from './checkpoint.js';
import { readImage, writeFileDurably, writeWholeImage } from './dbFile.js';
import { hasLegacyFiles, LEGACY_FILES, LegacyStore } from './legacy.js';
import { FolderLock } from './lock.js';
import { checksum, MIGRATIONS_TABLE_SQL, pendingMigrations } from './migrate.js';
import { captureFailure, capturing, own, type PageSink } from './pageCapture.js';
import { fsyncDir } from './snapshot.js';
import { applyPragmas, type Database, loadSqlJs, PAGE_CACHE_KIB, makeReader, registerFunctions, runStatement, StatementCache } from './sqlite.js';
import type { BulkSqlWriter, Migration, SqlParams, SqlReader, SqlWriter, StoreFileReport, StoreFunctions, StoreOptions } from './types.js';
import { applyRecord, encodeRecord, encodeWalHeader, PAGE, recordPages, scanWal, type WalScan, WalWriter } from './wal.js';

export type { BulkSqlWriter, Migration, SqlReader, SqlWriter, StoreOptions, SqlParams, StoreFunction, StoreFunctions } from './types.js';
export { LEGACY_FILES } from './legacy.js';

/**
 * Files in the data folder (see DESIGN.md). The database file is SQLite's own
 * format; the log holds the page images of every transaction committed since
 * the last checkpoint. The backup is the same database as of the same
 * checkpoint, kept so a damaged database file is recovered (backup + log)
 * without losing anything.
 */
export const FILES = {
  db: 'store.db',
  sums: 'store.sums',
  backup: 'backup.db',
  backupSums: 'backup.sums',
  wal: 'wal.log',
  /** the log segment a checkpoint in progress is writing into the files (see DESIGN.md) */
  walPrev: 'wal.prev.log',
} as const;

/** Checkpoint when the log passes this many bytes, whatever the entry count (bounds a cold open's reading). */
const CHECKPOINT_BYTES = 64 * 1024 * 1024;

interface LoadedState {
  image: Buffer;
  /** last committed seq (the log's last commit, else the file's) */
  seq: number;
  /** seq the database files hold */
  fileSeq: number;
  dbPages: number;
  /** the newest segment (`wal.log`), which later writes append to */
  wal: WalScan;
  /** the image of every page the newest segment covers */
  dirty: Map<number, Uint8Array>;
  /** a checkpoint a crash (or a failure) left half-done: the older segment's pages, as of its last seq */
  unfinished: Pick<CheckpointJob, 'seq' | 'dbPages' | 'pages' | 'entries' | 'bytes'> | null;
  source: 'current' | 'previous' | 'none';
  replayed: number;
  problems: string[];
}

/** What the last checkpoint cost (the bench reads it; `report` does not carry it). */
export interface CheckpointStats {
  /** from its start to its end (a background checkpoint spans many turns of the event loop) */
  ms: number;
  /** the longest stretch it held the thread */
  longestHoldMs: number;
  pages: number;
  bytesWritten: number;
}

export class Store {
  private readonly cache: StatementCache;
  private readonly reader: SqlReader;
  private wal: WalWriter;
  private seq: number;
  private fileSeq: number;
  private dbPages: number;
  /** pages SQLite wrote in memory that the log does not hold yet (page number → image) */
  private readonly pending = new Map<number, Uint8Array>();
  /** the newest image of every page in the log (`wal.log`): the base of the next delta, and what the next checkpoint writes */
  private dirty: Map<number, Uint8Array>;
  /** the checkpoint under way (its segment is `wal.prev.log`), run across turns of the event loop or finished synchronously */
  private job: CheckpointJob | null = null;
  private jobSteps: Step[] = [];
  private captureError: string | null = null;
  private fd: number | null = null;
  private readonly sink: PageSink;
  private inWrite = false;
  private closed = false;
  /** set when memory and files may disagree and could not be brought back together: reopen */
  private poisoned: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private checkpointScheduled = false;
  private lastCheckpointAt: string | null = null;
  private integrity = 'not checked';
  private source: LoadedState['source'];
  private replayed: number;
  private tornTail: boolean;
  private readonly problems: string[];
  private readonly checkpointEvery: number;
  private readonly idleMs: number;
  /** doctor found the backup damaged: the next checkpoint rewrites it whole */
  private rebuildBackup = false;
  lastCheckpoint: CheckpointStats | null = null;
  private compacting = false;
  private lastCompaction: { at: string; freedPages: number; steps: number; ms: number } | null = null;

  private constructor(
    private db: Database,
    private readonly SQL: Awaited<ReturnType<typeof loadSqlJs>>,
    private readonly opts: StoreOptions,
    private readonly lock: FolderLock,
    state: LoadedState,
  ) {
    this.cache = new StatementCache(() => this.db);
    this.reader = makeReader(this.cache);
    this.seq = state.seq;
    this.fileSeq = state.fileSeq;
    this.dbPages = state.dbPages;
    this.source = state.source;
    this.replayed = state.replayed;
    this.tornTail = state.wal.tornTail;
    this.problems = state.problems;
    this.checkpointEvery = opts.checkpointEvery ?? 1000;
    this.idleMs = opts.idleCheckpointMs ?? 5000;
    this.wal = Store.writerFor(opts.dataDir, state.wal);
    this.dirty = state.dirty;
    if (state.unfinished) this.adoptUnfinished(state.unfinished);
    this.sink = {
      write: (offset, bytes) => {
        if (offset % PAGE !== 0 || bytes.length % PAGE !== 0) {
          this.captureError = `SQLite wrote ${bytes.length} bytes at offset ${offset}, not whole ${PAGE}-byte pages`;
          return;
        }
        for (let i = 0; i < bytes.length / PAGE; i++) this.pending.set(offset / PAGE + i, bytes.subarray(i * PAGE, (i + 1) * PAGE));
      },
      fail: (reason) => {
        this.captureError = reason;
      },
    };
  }

  private static writerFor(dir: string, scan: WalScan): WalWriter {
    const file = path.join(dir, FILES.wal);
    // A torn tail is cut off now, so a later record never sits before stale bytes.
    if (scan.totalBytes > scan.validBytes) {
      const fd = fs.openSync(file, 'r+');
      try {
        fs.ftruncateSync(fd, scan.validBytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    return new WalWriter(file, scan.validBytes, scan.commits.length);
  }

  static async open(options: StoreOptions): Promise<Store> {
    const SQL = await loadSqlJs();
    const unsupported = captureFailure();
    if (unsupported) {
      console.error(`[store] refusing to open ${options.dataDir}: ${unsupported}`);
      throw new AppError('STORE_WRITE_FAILED', `This build's sql.js does not let the store see the pages it writes (${unsupported}); nothing can be saved safely, so the data folder was not opened.`);
    }
    // The migrations' functions (their triggers call them), then the caller's.
    const functions: StoreFunctions = Object.assign({}, ...options.migrations.map((m) => m.functions ?? {}), options.functions ?? {}) as StoreFunctions;
    const opts: StoreOptions = { ...options, functions };
    const dir = opts.dataDir;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const lock = FolderLock.acquire(dir);
    try {
      const log = opts.log ?? ((m: string) => console.warn(`[store] ${m}`));
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
      const openDb = (bytes?: Uint8Array): Database => {
        const db = new SQL.Database(bytes);
        registerFunctions(db, opts.functions);
        return db;
      };
      let converted: number | null = null;
      // Fresh (or old-format) only when none of the files that hold data exist: the backup is
      // written first and the log second, so a crash inside initialise leaves neither or the backup.
      if (![FILES.db, FILES.backup, FILES.wal].some((f) => fs.existsSync(path.join(dir, f)))) converted = Store.initialise(dir, openDb, log);
      const state = Store.load(dir, log);
      if (converted !== null) state.replayed = converted;
      const db = openDb(state.image);
      applyPragmas(db, { cacheKiB: PAGE_CACHE_KIB });
      const store = new Store(db, SQL, opts, lock, state);
      try {
        store.checkPageSize();
        store.migrate(opts.migrations);
      } catch (e) {
        store.release();
        throw e;
      }
      // A checkpoint a crash cut short is finished in the background, not on the open's path.
      if (store.job) setImmediate(() => store.backgroundCheckpoint());
      else setImmediate(() => {
        if (!store.closed && !store.poisoned) store.maybeCompact();
      });
      // Old-format files go only once the new files hold everything (they did since initialise).
      if (hasLegacyFiles(dir)) {
        for (const f of Object.values(LEGACY_FILES)) fs.rmSync(path.join(dir, f), { force: true });
        fsyncDir(dir);
      }
      return store;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /**
   * A folder without the new files: converted from the old format (snapshot
   * + journal, replayed once), or started empty when it holds nothing. The
   * backup and the log are written before the database file, whose presence
   * marks the folder as converted. Returns the journal entries replayed.
   */
  private static initialise(dir: string, openDb: (bytes?: Uint8Array) => Database, log: (m: string) => void): number | null {
    let image: Uint8Array = new Uint8Array(0);
    let seq = 0;
    let replayed: number | null = null;
    if (hasLegacyFiles(dir)) {
      const legacy = LegacyStore.load(dir, openDb, log);
      try {
        const size = legacy.db.exec('PRAGMA page_size')[0]?.values[0]?.[0];
        const autoVacuum = legacy.db.exec('PRAGMA auto_vacuum')[0]?.values[0]?.[0];
        // Once, on conversion: the page log's page size, and free pages given back in small steps (compaction).
        if (size !== PAGE || autoVacuum !== 2) legacy.db.exec(`PRAGMA page_size = ${PAGE}; PRAGMA auto_vacuum = INCREMENTAL; VACUUM;`);
        image = legacy.db.export();
      } finally {
        legacy.db.close();
      }
      seq = legacy.seq;
      replayed = legacy.replayed;
      log(`converted the data folder to the page log format (snapshot seq ${legacy.baseSeq}, ${legacy.replayed} journal entries replayed)`);
      // A recovery the old loader made (a damaged snapshot) is kept as a finding.
      for (const p of legacy.problems) log(p);
    }
    writeWholeImage(dir, path.join(dir, FILES.backup), path.join(dir, FILES.backupSums), image, seq);
    const wal = path.join(dir, FILES.wal);
    writeFileDurably(`${wal}.tmp`, encodeWalHeader(seq));
    fs.renameSync(`${wal}.tmp`, wal);
    writeWholeImage(dir, path.join(dir, FILES.db), path.join(dir, FILES.sums), image, seq);
    return replayed;
  }

  /**
   * The database file (else the backup) with the log's committed pages laid
   * over it. A damaged database file is moved aside once the data is back
   * and rewritten from the recovered image; if no copy is whole, the open is
   * refused rather than started empty.
   */
  private static load(dir: string, log: (m: string) => void): LoadedState {
    const problems: string[] = [];
    const walFile = path.join(dir, FILES.wal);
    const prevFile = path.join(dir, FILES.walPrev);
    // A crash between a checkpoint's two renames (wal.log → wal.prev.log, new log → wal.log)
    // leaves the older segment alone: it is the log again.
    if (fs.existsSync(prevFile) && !fs.existsSync(walFile)) {
      fs.renameSync(prevFile, walFile);
      fsyncDir(dir);
    }
    const damaged = (scan: WalScan, name: string): void => {
      if (scan.baseSeq === null) {
        throw new AppError(
          'STORE_CORRUPT',
          `The log ${name} in ${dir} is ${scan.headerProblem ?? 'missing'}: the transactions since the last checkpoint cannot be read; refusing to open so nothing is lost. Run doctor and restore from backup.`,
        );
      }
      if (scan.damagedAt !== null) {
        throw new AppError('STORE_CORRUPT', `The log ${name} is damaged at byte ${scan.damagedAt} with valid records after it; refusing to open so nothing is lost. Run doctor and restore from backup.`);
      }
    };
    const wal = scanWal(walFile);
    damaged(wal, FILES.wal);
    const prevScan = fs.existsSync(prevFile) ? scanWal(prevFile) : null;
    if (prevScan) {
      damaged(prevScan, FILES.walPrev);
      const prevLast = prevScan.commits[prevScan.commits.length - 1]?.seq ?? prevScan.baseSeq;
      if (prevLast !== wal.baseSeq) {
        throw new AppError('STORE_CORRUPT', `The log ${FILES.wal} starts at seq ${wal.baseSeq} but the segment before it, ${FILES.walPrev}, ends at ${prevLast}; refusing to open so nothing is lost. Run doctor and restore from backup.`);
      }
    }
    const segments = prevScan ? [prevScan, wal] : [wal];
    const firstBase = (segments[0] as WalScan).baseSeq as number;
    const covered = new Set(segments.flatMap((seg) => seg.commits.flatMap((c) => recordPages(seg.buf, c))));
    const allCommits = segments.flatMap((seg) => seg.commits);
    // Room for every page a record names, even one past its own page count (a commit that shrank the file).
    const capacity = Math.max(0, ...allCommits.map((c) => c.dbPages), ...[...covered].map((page) => page + 1));
    const last = allCommits[allCommits.length - 1];
    const lastSeq = last?.seq ?? (wal.baseSeq as number);
    let currentDamaged = false;
    for (const [dbName, sumsName, which] of [
      [FILES.db, FILES.sums, 'current'],
      [FILES.backup, FILES.backupSums, 'previous'],
    ] as const) {
      const read = readImage(path.join(dir, dbName), path.join(dir, sumsName), covered, capacity);
      let reason: string | null = read.ok ? null : read.reason;
      if (read.ok && (read.seq < firstBase || read.seq > lastSeq)) {
        reason = `holds seq ${read.seq}, which the log (${firstBase}..${lastSeq}) does not continue`;
      }
      if (!read.ok || reason !== null) {
        if (which === 'current') currentDamaged = true;
        problems.push(`${which === 'current' ? 'database file' : 'backup'} ${dbName} is damaged: ${reason}`);
        log(problems[problems.length - 1] as string);
        continue;
      }
      let unfinished: LoadedState['unfinished'] = null;
      for (const seg of segments) {
        for (const c of seg.commits) {
          const wrong = applyRecord(seg.buf, c, read.image);
          if (wrong !== null) {
            throw new AppError('STORE_CORRUPT', `The log's record ${c.seq} does not rebuild page ${wrong + 1} (its checksum fails); refusing to open so nothing is lost. Run doctor and restore from backup.`);
          }
        }
        if (seg === prevScan) {
          // The unfinished checkpoint writes the older segment's pages as they were at its end.
          const pages = [...new Set(seg.commits.flatMap((c) => recordPages(seg.buf, c)))].sort((x, y) => x - y);
          const segLast = seg.commits[seg.commits.length - 1];
          unfinished = {
            seq: segLast?.seq ?? (seg.baseSeq as number),
            dbPages: segLast?.dbPages ?? read.pages,
            pages: pages.map((page) => [page, Uint8Array.prototype.slice.call(read.image, page * PAGE, (page + 1) * PAGE)]),
            entries: seg.commits.length,
            bytes: seg.validBytes,
          };
        }
      }
      const dirty = new Map<number, Uint8Array>();
      for (const c of wal.commits) for (const page of recordPages(wal.buf, c)) if (!dirty.has(page)) dirty.set(page, Uint8Array.prototype.slice.call(read.image, page * PAGE, (page + 1) * PAGE));
      const dbPages = last?.dbPages ?? read.pages;
      const image = read.image.subarray(0, dbPages * PAGE);
      if (currentDamaged) {
        // Only now that the data is back is the damaged file moved aside (kept for forensics) and rewritten.
        const kept = `store.damaged-${Date.now()}.db`;
        if (fs.existsSync(path.join(dir, FILES.db))) fs.renameSync(path.join(dir, FILES.db), path.join(dir, kept));
        writeWholeImage(dir, path.join(dir, FILES.db), path.join(dir, FILES.sums), image, lastSeq);
        problems.push(`recovered from the backup plus the log (${allCommits.length} transactions); the damaged file was kept as ${kept}`);
        log(problems[problems.length - 1] as string);
      }
      return { image, seq: lastSeq, fileSeq: currentDamaged ? lastSeq : read.seq, dbPages, wal, dirty, unfinished, source: which, replayed: allCommits.length, problems };
    }
    throw new AppError('STORE_CORRUPT', `Both the database file and its backup in ${dir} are damaged (${problems.join('; ')}); refusing to start empty over existing data. Restore from backup.`);
  }

  private checkPageSize(): void {
    const size = this.reader.get<{ page_size: number }>('PRAGMA page_size')?.page_size;
    // A new database gives free pages back in small steps (compaction); only settable before its first table.
    if (this.dbPages === 0) this.db.exec(`PRAGMA page_size = ${PAGE}; PRAGMA auto_vacuum = INCREMENTAL;`);
    else if (size !== PAGE) throw new AppError('STORE_CORRUPT', `The database uses ${size}-byte pages; the store logs ${PAGE}-byte pages only.`);
  }

  private migrate(migrations: readonly Migration[]): void {
    const hasTable = this.reader.get("SELECT 1 AS x FROM sqlite_master WHERE name = '_store_migrations'") !== undefined;
    if (!hasTable) this.writeTx(() => this.db.exec(MIGRATIONS_TABLE_SQL), true, false);
    for (const m of pendingMigrations(this.reader, migrations)) {
      this.writeTx(
        (w) => {
          this.db.exec(m.sql);
          w.run('INSERT INTO _store_migrations (id, checksum) VALUES (?, ?)', [m.id, checksum(m)]);
        },
        true,
        false,
      );
    }
  }

  read<T>(fn: (r: SqlReader) => T): T {
    this.assertOpen();
    return fn(this.reader);
  }

  /**
   * One transaction. Returns only after the pages it changed are in the log
   * on disk (fdatasync), so a caller that got a result may tell the user
   * "saved". If `fn` throws, everything is rolled back and nothing is logged.
   */
  write<T>(fn: (w: SqlWriter) => T): T {
    return this.writeTx(fn, true, false);
  }

  /**
   * One transaction for bulk loads (a new PC's first sync), with `runBlob`.
   * Durable like `write` by default. `durable: false` keeps the changed
   * pages in memory only, until the next durable write, checkpoint or close
   * logs them (with that write): a crash in between loses the unsaved
   * batches, and only them; a caller that keeps its progress marker (a sync
   * cursor) inside the batches resumes from there. If `fn` throws, everything
   * is rolled back.
   */
  bulkWrite<T>(fn: (w: BulkSqlWriter) => T, options: { durable?: boolean } = {}): T {
    return this.writeTx(fn, options.durable !== false, true);
  }

  private writeTx<T>(fn: (w: BulkSqlWriter) => T, durable: boolean, bulk: boolean): T {
    this.assertOpen();
    if (this.poisoned) throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    if (this.inWrite) throw new AppError('STORE_WRITE_FAILED', 'A write was started inside another write (the store is not re-entrant); nothing was saved.');
    const writer: BulkSqlWriter = {
      ...this.reader,
      run: (sql: string, params?: SqlParams) => ({ changes: runStatement(this.db, this.cache, sql, params) }),
      runBlob: (sql: string, blob: Uint8Array) => {
        if (!bulk) throw new Error('runBlob is for bulk writes');
        return { changes: runStatement(this.db, this.cache, sql, [blob]) };
      },
    };
    const pendingBefore = new Set(this.pending.keys());
    this.inWrite = true;
    let result: T;
    try {
      result = this.captured(() => {
        this.db.exec('BEGIN');
        let value: T;
        try {
          value = fn(writer);
        } catch (e) {
          this.rollback();
          throw e;
        }
        try {
          this.db.exec('COMMIT');
        } catch (e) {
          this.rollback();
          throw new AppError('STORE_WRITE_FAILED', `The transaction could not be committed, nothing was saved: ${(e as Error).message}`);
        }
        return value;
      });
    } catch (e) {
      // Pages the rollback wrote back hold what the log already has.
      for (const page of [...this.pending.keys()]) if (!pendingBefore.has(page)) this.pending.delete(page);
      this.inWrite = false;
      this.checkCapture();
      throw e;
    }
    this.inWrite = false;
    this.checkCapture();
    if (durable) this.flush();
    return result;
  }

  /** A failed ROLLBACK leaves memory unknown: it is rebuilt from the files. */
  private rollback(): void {
    try {
      this.db.exec('ROLLBACK');
    } catch (e) {
      this.reload(`a rollback failed (${(e as Error).message})`);
    }
  }

  private captured<T>(fn: () => T): T {
    const run = capturing(this.sink, this.fd, fn);
    if (run.fd !== null && this.fd === null) {
      this.fd = run.fd;
      own(run.fd, this.sink);
    }
    return run.value;
  }

  private checkCapture(): void {
    if (this.captureError === null) return;
    const reason = this.captureError;
    this.captureError = null;
    console.error(`[store] ${reason}`);
    this.reload(`a page write could not be captured: ${reason}`);
    throw new AppError('STORE_WRITE_FAILED', `The store could not see a page it wrote (${reason}); nothing was saved.`);
  }

  /** Logs the pending pages as one committed transaction (durable before it returns). */
  private flush(): void {
    if (this.pending.size === 0) return;
    const dbPages = Number(this.reader.get<{ page_count: number }>('PRAGMA page_count')?.page_count ?? 0);
    const record = encodeRecord(this.seq + 1, dbPages, this.pending, this.dirty);
    try {
      this.wal.append(record);
    } catch (e) {
      this.reload(`the log could not be written (${(e as Error).message})`);
      throw new AppError('STORE_WRITE_FAILED', `Could not write the log, nothing was saved: ${(e as Error).message}`);
    }
    for (const [page, image] of this.pending) this.dirty.set(page, image);
    this.pending.clear();
    this.seq += 1;
    this.dbPages = dbPages;
    this.afterWrite();
  }

  /**
   * Memory went ahead of the files (a commit the log did not take): the
   * database is rebuilt from the files, which hold exactly the acknowledged
   * writes. If that fails too, the store refuses further writes until reopened.
   */
  private reload(why: string): void {
    try {
      this.wal.truncate();
      this.cache.clear();
      if (this.fd !== null) own(this.fd, null);
      this.fd = null;
      this.db.close();
      const state = Store.load(this.opts.dataDir, () => undefined);
      this.db = new this.SQL.Database(state.image);
      registerFunctions(this.db, this.opts.functions);
      applyPragmas(this.db, { cacheKiB: PAGE_CACHE_KIB });
      this.pending.clear();
      this.dirty = state.dirty;
      // A checkpoint under way is abandoned; the segment it was writing is checkpointed again from the files.
      if (this.job) this.job.generation += 1;
      this.job = null;
      this.jobSteps = [];
      if (state.unfinished) this.adoptUnfinished(state.unfinished);
      this.seq = state.seq;
      this.fileSeq = state.fileSeq;
      this.dbPages = state.dbPages;
      this.wal.close();
      this.wal = Store.writerFor(this.opts.dataDir, state.wal);
    } catch (e) {
      this.poisoned = `The store's memory no longer matches its files (${why}) and could not be rebuilt (${(e as Error).message}); restart the app.`;
      console.error(`[store] ${this.poisoned}`);
    }
  }

  private afterWrite(): void {
    // A caller that never yields to the event loop (a loop of awaited calls that resolve at once)
    // would starve the background checkpoint: past twice the limits it runs right here.
    if (this.wal.entries >= 2 * this.checkpointEvery || this.wal.bytes >= 2 * CHECKPOINT_BYTES) {
      this.guardedCheckpoint();
      return;
    }
    if ((this.wal.entries >= this.checkpointEvery || this.wal.bytes >= CHECKPOINT_BYTES) && !this.checkpointScheduled) {
      this.checkpointScheduled = true;
      setImmediate(() => {
        this.checkpointScheduled = false;
        this.backgroundCheckpoint();
      });
    }
    if (this.idleMs > 0) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        this.backgroundCheckpoint();
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }

  /** A synchronous checkpoint that fails leaves file + log as they were (still complete); it is tried again later. */
  private guardedCheckpoint(): void {
    try {
      this.checkpoint();
    } catch (e) {
      console.error(`[store] checkpoint failed, the log keeps every change: ${(e as Error).message}`);
    }
  }

  /**
   * The policy's and the idle checkpoint: rotates the log now (a few small
   * synchronous file operations), then writes the pages across turns of the
   * event loop; writes meanwhile go to the new log. Resolves with the
   * checkpoint's cost, or null when there was nothing to do or it did not
   * finish (it failed: the files and logs still hold everything, and it is
   * tried again later; or a synchronous checkpoint or a close took it over).
   */
  checkpointInBackground(): Promise<CheckpointStats | null> {
    if (this.closed || this.poisoned || this.inWrite) return Promise.resolve(null);
    if (this.job?.running) return this.runJobAsync(this.job, true);
    if (!this.job) {
      try {
        if (!this.rotate()) return Promise.resolve(null);
      } catch (e) {
        console.error(`[store] checkpoint could not start, the log keeps every change: ${(e as Error).message}`);
        return Promise.resolve(null);
      }
    }
    return this.runJobAsync(this.job as CheckpointJob, false);
  }

  private backgroundCheckpoint(): void {
    if (this.closed || this.poisoned) return;
    // A job that failed is retried, but not in a tight loop against a failing disk.
    if (this.job && !this.job.running && this.job.failedAt !== null && now() - this.job.failedAt < 1000) return;
    if (this.job || this.wal.entries > 0 || this.pending.size > 0) void this.checkpointInBackground();
  }

  /**
   * Starts a checkpoint: logs what is pending, then the log becomes the
   * segment the checkpoint writes (`wal.prev.log`) and a new empty log takes
   * its place. Returns false when there is nothing to checkpoint.
   */
  private rotate(): boolean {
    this.flush();
    if (this.wal.entries === 0 && !this.rebuildBackup) return false;
    const t0 = now();
    const dir = this.opts.dataDir;
    const p = (f: string) => path.join(dir, f);
    const header = encodeWalHeader(this.seq);
    writeFileDurably(`${p(FILES.wal)}.tmp`, header);
    // A crash between the renames leaves wal.prev.log alone, which the next open renames back.
    fs.renameSync(p(FILES.wal), p(FILES.walPrev));
    fs.renameSync(`${p(FILES.wal)}.tmp`, p(FILES.wal));
    fsyncDir(dir);
    const entries = this.wal.entries;
    const bytes = this.wal.bytes;
    this.wal.close();
    this.wal = new WalWriter(p(FILES.wal), header.length, 0);
    this.adoptUnfinished({ seq: this.seq, dbPages: this.dbPages, pages: [...this.dirty].sort((x, y) => x[0] - y[0]), entries, bytes });
    (this.job as CheckpointJob).bytesWritten = header.length;
    // The rotation (two small fsyncs, two renames) holds the thread too.
    (this.job as CheckpointJob).longestHoldMs = now() - t0;
    (this.job as CheckpointJob).startedAt = t0;
    this.dirty = new Map();
    return true;
  }

  private adoptUnfinished(u: NonNullable<LoadedState['unfinished']>): void {
    const dir = this.opts.dataDir;
    const p = (f: string) => path.join(dir, f);
    const job: CheckpointJob = {
      ...u,
      rebuildBackup: this.rebuildBackup,
      step: 0,
      generation: 0,
      running: false,
      startedAt: now(),
      bytesWritten: 0,
      longestHoldMs: 0,
      failedAt: null,
    };
    this.job = job;
    this.jobSteps = jobSteps(job, {
      db: p(FILES.db),
      sums: p(FILES.sums),
      backup: p(FILES.backup),
      backupSums: p(FILES.backupSums),
      prev: p(FILES.walPrev),
      dir,
      fsyncDir: () => fsyncDir(dir),
      rebuildBackup: () => {
        const image = fs.readFileSync(p(FILES.db));
        writeWholeImage(dir, p(FILES.backup), p(FILES.backupSums), image, job.seq);
        return image.length;
      },
    });
  }

  private async runJobAsync(job: CheckpointJob, joining: boolean): Promise<CheckpointStats | null> {
    if (joining) {
      // Another caller runs it: wait for its end.
      while (this.job === job && job.running) await new Promise((r) => setTimeout(r, 5));
      return this.job === job || this.lastCheckpointJob !== job ? null : this.lastCheckpoint;
    }
    job.running = true;
    job.failedAt = null;
    const generation = ++job.generation;
    const alive = () => this.job === job && job.generation === generation && !this.closed;
    try {
      let sliceStart = now();
      while (job.step < this.jobSteps.length) {
        if (!alive()) return null;
        const step = this.jobSteps[job.step] as Step;
        if (step.kind === 'fsync') {
          job.longestHoldMs = Math.max(job.longestHoldMs, now() - sliceStart);
          await fsyncInBackground(step.file);
          if (!alive()) return null;
          job.step += 1;
          sliceStart = now();
          continue;
        }
        job.bytesWritten += step.run();
        job.step += 1;
        if (now() - sliceStart >= SLICE_MS) {
          job.longestHoldMs = Math.max(job.longestHoldMs, now() - sliceStart);
          await new Promise((r) => setImmediate(r));
          if (!alive()) return null;
          sliceStart = now();
        }
      }
      job.longestHoldMs = Math.max(job.longestHoldMs, now() - sliceStart);
      this.finishJob(job);
      return this.lastCheckpoint;
    } catch (e) {
      if (alive()) {
        // Every step is idempotent: the next attempt starts from the first.
        job.step = 0;
        job.failedAt = now();
        console.error(`[store] checkpoint failed, the log keeps every change: ${(e as Error).message}`);
      }
      return null;
    } finally {
      if (job.generation === generation) job.running = false;
    }
  }

  private runJobSync(job: CheckpointJob): void {
    // A background run is abandoned where it stands (an fsync in flight uses its own descriptor).
    job.generation += 1;
    job.running = false;
    const t0 = now();
    try {
      while (job.step < this.jobSteps.length) {
        job.bytesWritten += runStepSync(this.jobSteps[job.step] as Step);
        job.step += 1;
      }
    } catch (e) {
      job.step = 0;
      job.failedAt = now();
      throw e;
    }
    job.longestHoldMs = Math.max(job.longestHoldMs, now() - t0);
    this.finishJob(job);
  }

  private lastCheckpointJob: CheckpointJob | null = null;

  private finishJob(job: CheckpointJob): void {
    this.job = null;
    this.jobSteps = [];
    this.lastCheckpointJob = job;
    if (job.rebuildBackup) this.rebuildBackup = false;
    this.fileSeq = Math.max(this.fileSeq, job.seq);
    this.source = 'current';
    this.lastCheckpointAt = new Date().toISOString();
    this.lastCheckpoint = { ms: now() - job.startedAt, longestHoldMs: job.longestHoldMs, pages: job.pages.length, bytesWritten: job.bytesWritten };
    if (!this.closed && !this.poisoned) this.maybeCompact();
    // The log may have passed the policy's limit meanwhile.
    if (!this.closed && !this.poisoned && (this.wal.entries >= this.checkpointEvery || this.wal.bytes >= CHECKPOINT_BYTES) && !this.checkpointScheduled) {
      this.checkpointScheduled = true;
      setImmediate(() => {
        this.checkpointScheduled = false;
        this.backgroundCheckpoint();
      });
    }
  }

  /** Free pages, and when compaction would start (null: it is off or the database cannot do it). */
  private space(): { pages: number; freePages: number; compactable: boolean; compactAt: number | null } {
    const pages = Number(this.reader.get<{ page_count: number }>('PRAGMA page_count')?.page_count ?? 0);
    const freePages = Number(this.reader.get<{ freelist_count: number }>('PRAGMA freelist_count')?.freelist_count ?? 0);
    const compactable = this.reader.get<{ auto_vacuum: number }>('PRAGMA auto_vacuum')?.auto_vacuum === 2;
    const policy = this.opts.compaction;
    const compactAt = !compactable || policy === false ? null : Math.max(policy?.minFreePages ?? 2048, Math.ceil(pages * (policy?.freeRatio ?? 0.25)));
    return { pages, freePages, compactable, compactAt };
  }

  /**
   * Compaction: past the threshold, the free pages are given back by
   * SQLite's incremental vacuum (pages from the end of the file moved into
   * free slots, the file cut), a few pages per transaction, each an ordinary
   * durable write through the log, one per turn of the event loop — so it
   * never holds the thread long, saves go on in between, and a crash at any
   * point leaves the acknowledged writes (the log's own guarantee). The
   * database file shrinks at the checkpoint that follows.
   */
  private maybeCompact(): void {
    if (this.compacting || this.inWrite) return;
    const { freePages, compactAt } = this.space();
    if (compactAt === null || freePages < compactAt) return;
    this.compacting = true;
    void this.compact(freePages);
  }

  /** Resolves once the free pages are given back (or the store closed); exposed for tests and the bench. */
  compactNow(): Promise<void> {
    if (this.compacting) return new Promise((r) => {
      const wait = () => (this.compacting ? setTimeout(wait, 5) : r());
      wait();
    });
    this.compacting = true;
    return this.compact(this.space().freePages);
  }

  private async compact(freeAtStart: number): Promise<void> {
    const t0 = now();
    let perStep = 16;
    let steps = 0;
    try {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (this.closed || this.poisoned) return;
        if (this.inWrite) continue;
        const free = Number(this.reader.get<{ freelist_count: number }>('PRAGMA freelist_count')?.freelist_count ?? 0);
        if (free === 0) break;
        const s0 = now();
        this.write(() => this.db.exec(`PRAGMA incremental_vacuum(${Math.min(perStep, free)})`));
        steps += 1;
        // Steps of about 5 ms: more pages when they are quick, fewer when they are not.
        const took = now() - s0;
        perStep = Math.max(1, Math.min(4096, Math.round(took < 2.5 ? perStep * 2 : took > 8 ? perStep / 2 : perStep)));
      }
      this.lastCompaction = { at: new Date().toISOString(), freedPages: freeAtStart, steps, ms: now() - t0 };
      // The file shrinks when the pages reach it.
      this.backgroundCheckpoint();
    } catch (e) {
      console.error(`[store] compaction stopped (nothing is lost; it is tried again after a later checkpoint): ${(e as Error).message}`);
    } finally {
      this.compacting = false;
    }
  }

  /**
   * Brings the files up to the last acknowledged write, synchronously: a
   * checkpoint under way is finished first, then the log is rotated and its
   * pages written. Each changed page is written into the backup, then into
   * the database file (in place, fsync'd, manifest after the pages), then the
   * old log segment is removed. A crash at any point leaves files that the
   * log segments still complete: their frames are idempotent.
   */
  checkpoint(): void {
    this.assertOpen();
    if (this.inWrite) throw new AppError('STORE_WRITE_FAILED', 'A checkpoint was asked for inside a write; nothing was changed.');
    if (this.poisoned) throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    if (this.job) this.runJobSync(this.job);
    if (!this.rotate()) return;
    this.runJobSync(this.job as unknown as CheckpointJob);
  }

  /**
   * `integrity: true` runs SQLite's full integrity check and checks both
   * files against their manifests (`doctor` asks for it); otherwise the last
   * result is reported, or 'not checked' — the manifest vouched for the pages read at open.
   */
  report(options: { integrity?: boolean } = {}): StoreFileReport {
    this.assertOpen();
    const problems = [...this.problems];
    const dir = this.opts.dataDir;
    if (options.integrity) {
      const rows = this.db.exec('PRAGMA integrity_check')[0]?.values ?? [];
      this.integrity = rows.map((r) => String(r[0])).join('; ') || 'unknown';
      // Pages a checkpoint under way is writing may be half-written: the log segments replace them.
      const covered = new Set([...this.dirty.keys(), ...(this.job?.pages.map(([page]) => page) ?? [])]);
      for (const [dbName, sumsName, what] of [
        [FILES.db, FILES.sums, 'database file'],
        [FILES.backup, FILES.backupSums, 'backup'],
      ] as const) {
        const read = readImage(path.join(dir, dbName), path.join(dir, sumsName), covered, 0);
        if (!read.ok) {
          problems.push(`${what} ${dbName} is damaged: ${read.reason}; the next checkpoint replaces it`);
          if (what === 'backup') this.rebuildBackup = true;
        }
      }
    }
    const integrity = this.integrity;
    if (this.poisoned) problems.push(this.poisoned);
    const fileBytes = fs.statSync(path.join(dir, FILES.db), { throwIfNoEntry: false })?.size ?? 0;
    return {
      dataDir: dir,
      healthy: (integrity === 'ok' || integrity === 'not checked') && problems.length === 0,
      integrity,
      snapshot: { file: path.join(dir, FILES.db), bytes: fileBytes, seq: this.fileSeq, source: this.source },
      // Records not yet in the database file: the log, plus the segment a checkpoint under way is writing.
      journal: { entries: this.wal.entries + (this.job?.entries ?? 0), bytes: this.wal.bytes + (this.job?.bytes ?? 0), tornTail: this.tornTail, replayed: this.replayed },
      migrations: this.reader.all<{ id: string }>('SELECT id FROM _store_migrations ORDER BY id').map((r) => r.id),
      lastCheckpointAt: this.lastCheckpointAt,
      problems,
      space: (() => {
        const sp = this.space();
        return { pages: sp.pages, freePages: sp.freePages, compactable: sp.compactable, compactAtFreePages: sp.compactAt, compacting: this.compacting, lastCompaction: this.lastCompaction };
      })(),
    };
  }

  /** Logs what is pending, checkpoints if anything is logged, then releases the folder. Idempotent. */
  close(): void {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      if (!this.poisoned && (this.wal.entries > 0 || this.pending.size > 0 || this.job)) this.checkpoint();
    } finally {
      this.release();
    }
  }

  private release(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.fd !== null) own(this.fd, null);
    this.cache.clear();
    this.wal.close();
    this.db.close();
    this.lock.release();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('STORE_CLOSED', 'The local store is closed');
  }
}
