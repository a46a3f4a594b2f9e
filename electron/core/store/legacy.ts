import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result.js';
import { type JournalEntry, type JournalOp, type JournalScan, JournalWriter, scanJournal } from './journal.js';
import { FolderLock } from './lock.js';
import { checksum, MIGRATIONS_TABLE_SQL, pendingMigrations } from './migrate.js';
import { encodeSnapshot, fsyncDir, readSnapshot } from './snapshot.js';
import { applyPragmas, type Database, loadSqlJs, makeReader, registerFunctions, runStatement, StatementCache } from './sqlite.js';
import type { BulkSqlWriter, Migration, SqlParams, SqlReader, SqlWriter, StoreFileReport, StoreFunctions, StoreOptions } from './types.js';

/**
 * The store's format before the page-level log (issue 18): a whole-database
 * snapshot plus a journal of SQL statements. Kept for two things only: the
 * Store converts a folder in this format on its first open (loadLegacy), and
 * the bench measures this design beside the new one in the same run
 * (LegacyStore). Nothing else opens it.
 *
 * Files in the data folder. The journal holds every transaction committed
 * after the snapshot's seq; the previous snapshot and the journal segment that
 * leads from it to the current snapshot are kept, so a damaged current
 * snapshot is recovered without losing anything.
 */
export const LEGACY_FILES = {
  snapshot: 'snapshot.db',
  prevSnapshot: 'snapshot.prev.db',
  journal: 'journal.log',
  prevJournal: 'journal.prev.log',
} as const;

const EMPTY_SCAN: JournalScan = { entries: [], validBytes: 0, totalBytes: 0, tornTail: false, damagedAt: null, dictionary: [] };

export interface LegacyOpenState {
  db: Database;
  seq: number;
  /** seq of the snapshot the data was loaded from */
  baseSeq: number;
  source: 'current' | 'previous' | 'none';
  snapshotBytes: number;
  replayed: number;
  tornTail: boolean;
  problems: string[];
  needsCheckpoint: boolean;
  /** the current journal file as read at open (parsing it twice cost a cold start ~250 ms at 10k entries) */
  journal: JournalScan;
}

export class LegacyStore {
  private readonly cache: StatementCache;
  private readonly reader: SqlReader;
  private journal: JournalWriter;
  private seq: number;
  private snapshotSeq: number;
  private inWrite = false;
  private closed = false;
  /** set if a journaled transaction could not be committed in memory: reopen to replay it */
  private poisoned: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private checkpointScheduled = false;
  /** a bulkWrite({ durable: false }) committed data that no file on disk holds yet */
  private unsavedBulk = false;
  private lastCheckpointAt: string | null = null;
  private integrity = 'not checked';
  private snapshotBytes: number;
  private source: LegacyOpenState['source'];
  private readonly replayed: number;
  private readonly tornTail: boolean;
  private readonly problems: string[];
  private readonly checkpointEvery: number;
  private readonly idleMs: number;

  private constructor(
    private db: Database,
    private readonly opts: StoreOptions,
    private readonly lock: FolderLock,
    state: LegacyOpenState,
    journalScan: { validBytes: number; entries: number; dictionary: string[] },
  ) {
    this.cache = new StatementCache(() => this.db);
    this.reader = makeReader(this.cache);
    this.seq = state.seq;
    this.snapshotSeq = state.baseSeq;
    this.source = state.source;
    this.snapshotBytes = state.snapshotBytes;
    this.replayed = state.replayed;
    this.tornTail = state.tornTail;
    this.problems = state.problems;
    this.checkpointEvery = opts.checkpointEvery ?? 1000;
    this.idleMs = opts.idleCheckpointMs ?? 5000;
    this.journal = new JournalWriter(path.join(opts.dataDir, LEGACY_FILES.journal), journalScan.validBytes, journalScan.entries, journalScan.dictionary);
  }

  static async open(options: StoreOptions): Promise<LegacyStore> {
    const SQL = await loadSqlJs();
    // The migrations' functions (their triggers call them), then the caller's.
    const functions: StoreFunctions = Object.assign({}, ...options.migrations.map((m) => m.functions ?? {}), options.functions ?? {}) as StoreFunctions;
    const opts: StoreOptions = { ...options, functions };
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const lock = FolderLock.acquire(opts.dataDir);
    try {
      const log = opts.log ?? ((m: string) => console.warn(`[store] ${m}`));
      for (const f of fs.readdirSync(opts.dataDir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(opts.dataDir, f), { force: true });
      // Functions first: replayed statements and migrations may fire triggers that call them.
      const state = LegacyStore.load(
        opts.dataDir,
        (bytes) => {
          const db = new SQL.Database(bytes);
          registerFunctions(db, opts.functions);
          return db;
        },
        log,
      );
      // The writer continues the current journal file where its valid prefix ends.
      const scan = state.journal;
      const store = new LegacyStore(state.db, opts, lock, state, { validBytes: scan.validBytes, entries: scan.entries.length, dictionary: scan.dictionary });
      store.migrate(opts.migrations);
      if (state.needsCheckpoint) store.checkpoint({ refreshPrevious: true });
      return store;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** Snapshot (current, else previous, else empty) + every journal entry after it. */
  static load(dir: string, openDb: (bytes?: Uint8Array) => Database, log: (m: string) => void): LegacyOpenState {
    const problems: string[] = [];
    let db: Database | null = null;
    let seq = 0;
    let source: LegacyOpenState['source'] = 'none';
    let snapshotBytes = 0;
    let damaged = false;
    let currentDamaged = false;
    for (const [file, which] of [
      [LEGACY_FILES.snapshot, 'current'],
      [LEGACY_FILES.prevSnapshot, 'previous'],
    ] as const) {
      const snap = readSnapshot(path.join(dir, file));
      if (!snap.ok) {
        if (!snap.missing) {
          damaged = true;
          if (which === 'current') currentDamaged = true;
          problems.push(`${which} snapshot ${file} is damaged: ${snap.reason}`);
          log(`${file}: ${snap.reason}`);
        }
        continue;
      }
      let candidate: Database | null = null;
      try {
        // The checksum in the header proves these are the exact bytes a healthy
        // database exported, so a full integrity check (seconds on a large
        // folder) is left to `doctor`; this only proves SQLite can read it.
        candidate = openDb(snap.db);
        candidate.exec('SELECT count(*) FROM sqlite_master');
      } catch (e) {
        candidate?.close();
        damaged = true;
        if (which === 'current') currentDamaged = true;
        problems.push(`${which} snapshot ${file} failed the integrity check: ${(e as Error).message}`);
        continue;
      }
      db = candidate;
      seq = snap.seq;
      source = which;
      snapshotBytes = snap.bytes;
      break;
    }
    db ??= openDb();
    applyPragmas(db);
    // Replay starts with the migrations' own bookkeeping table in place (idempotent DDL).
    db.exec(MIGRATIONS_TABLE_SQL);

    // The previous segment leads from the previous snapshot to the current
    // one: needed only when we start from the previous snapshot (or none).
    // Parsing it otherwise costs a cold start thousands of skipped entries.
    const prev = source === 'current' ? EMPTY_SCAN : scanJournal(path.join(dir, LEGACY_FILES.prevJournal));
    const cur = scanJournal(path.join(dir, LEGACY_FILES.journal));
    for (const [name, scan] of [
      [LEGACY_FILES.prevJournal, prev],
      [LEGACY_FILES.journal, cur],
    ] as const) {
      if (scan.damagedAt !== null) {
        db.close();
        throw new AppError('STORE_CORRUPT', `Journal ${name} is damaged at byte ${scan.damagedAt} with valid entries after it; refusing to open so nothing is lost. Run doctor and restore from backup.`);
      }
    }
    const entries = [...prev.entries, ...cur.entries].filter((e) => e.seq > seq).sort((a, b) => a.seq - b.seq);
    const baseSeq = seq;
    let replayed = 0;
    const cache = new StatementCache(() => db);
    // One transaction for the whole replay: SQLite then journals each page
    // once instead of once per entry (several times faster on a cold open).
    // A failure anywhere aborts the open, so per-entry atomicity buys nothing.
    // (A larger page cache measured slower: its commit rewrites the in-memory file.)
    db.exec('BEGIN');
    try {
      for (const entry of entries) {
        if (entry.seq <= seq) continue; // the same entry in both segments
        if (entry.seq !== seq + 1) {
          throw new AppError(
            'STORE_CORRUPT',
            `Journal entries ${seq + 1}..${entry.seq - 1} are missing after the ${source} snapshot (seq ${seq}); refusing to open rather than start without them. Run doctor and restore from backup.`,
          );
        }
        applyEntry(db, cache, entry);
        seq = entry.seq;
        replayed += 1;
      }
      db.exec('COMMIT');
    } catch (e) {
      cache.clear();
      db.close();
      throw e;
    }
    cache.clear();
    if (source === 'none' && seq === 0 && damaged) {
      db.close();
      throw new AppError('STORE_CORRUPT', `Every snapshot in ${dir} is damaged and the journal cannot rebuild the data; refusing to start empty over existing data. Restore from backup.`);
    }
    if (currentDamaged) {
      // Only now that the data is back do we move the damaged file aside (kept for forensics).
      const kept = `snapshot.damaged-${Date.now()}.db`;
      fs.renameSync(path.join(dir, LEGACY_FILES.snapshot), path.join(dir, kept));
      const from = source === 'previous' ? 'the previous snapshot plus the journal' : 'the journal alone';
      problems.push(`recovered from ${from} (${replayed} entries replayed); the damaged file was kept as ${kept}`);
      log(problems[problems.length - 1] as string);
    }
    return { db, seq, baseSeq, source, snapshotBytes, replayed, tornTail: cur.tornTail || prev.tornTail, problems, needsCheckpoint: damaged, journal: cur };
  }

  private migrate(migrations: readonly Migration[]): void {
    this.db.exec(MIGRATIONS_TABLE_SQL);
    for (const m of pendingMigrations(this.reader, migrations)) {
      this.writeOps((w, ops) => {
        this.db.exec(m.sql);
        ops.push(['x', m.sql]);
        w.run('INSERT INTO _store_migrations (id, checksum) VALUES (?, ?)', [m.id, checksum(m)]);
      });
    }
  }

  read<T>(fn: (r: SqlReader) => T): T {
    this.assertOpen();
    return fn(this.reader);
  }

  /**
   * One transaction. Returns only after its journal entry is on disk
   * (fdatasync), so a caller that got a result may tell the user "saved".
   * If `fn` throws, everything is rolled back and nothing is journaled.
   */
  write<T>(fn: (w: SqlWriter) => T): T {
    return this.writeOps((w) => fn(w));
  }

  /**
   * One transaction that is NOT journaled statement by statement, for bulk
   * loads (a new PC's first sync: journaling 100k rows one by one is the slow
   * part). After COMMIT it writes a checkpoint before returning, so the batch
   * is durable when this returns; a crash before that loses this batch only,
   * because the files on disk never saw it. The checkpoint also becomes the
   * previous snapshot: the old (snapshot, journal) pair no longer leads to the
   * current data, and recovering from it would silently drop the batch. If
   * `fn` throws, everything is rolled back. If the checkpoint fails, the data
   * is in memory but not on disk: the store refuses further writes (their
   * journal entries would replay on a snapshot without the batch); reopen it.
   *
   * `durable: false` skips that checkpoint (each one exports and writes the
   * whole database twice: most of a first sync's disk time). The batch then
   * lives in memory only until the next checkpoint, which comes at the latest
   * before the next journaled write (so no journal entry ever follows a
   * snapshot that lacks the batch), at close, or with the next durable bulk
   * write. A crash in between loses the unsaved batches, and only them: the
   * files still hold the state before them, so a caller that keeps its
   * progress marker (a sync cursor) inside the batches resumes from there.
   */
  bulkWrite<T>(fn: (w: BulkSqlWriter) => T, options: { durable?: boolean } = {}): T {
    this.assertOpen();
    if (this.poisoned) throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    if (this.inWrite) throw new Error('Store.write is not re-entrant');
    let changed = false;
    const writer: BulkSqlWriter = {
      ...this.reader,
      run: (sql: string, params?: SqlParams) => {
        const changes = runStatement(this.db, this.cache, sql, params);
        changed = true;
        return { changes };
      },
      runBlob: (sql: string, blob: Uint8Array) => {
        const changes = runStatement(this.db, this.cache, sql, [blob]);
        changed = true;
        return { changes };
      },
    };
    this.inWrite = true;
    this.db.exec('BEGIN');
    let result: T;
    try {
      result = fn(writer);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.inWrite = false;
    }
    if (!changed) return result;
    this.seq += 1;
    this.unsavedBulk = true;
    if (options.durable !== false) this.saveBulk();
    return result;
  }

  /** Writes the checkpoint that makes unsaved bulk batches durable; if it fails, no journaled write may follow. */
  private saveBulk(): void {
    try {
      this.checkpoint({ refreshPrevious: true });
    } catch (e) {
      this.poisoned = `A bulk write could not be saved (${(e as Error).message}); restart the app: the batch is fetched again.`;
      throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    }
  }

  private writeOps<T>(fn: (w: SqlWriter, ops: JournalOp[]) => T): T {
    this.assertOpen();
    if (this.poisoned) throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    if (this.inWrite) throw new Error('Store.write is not re-entrant');
    // A journal entry replays on the snapshot: that snapshot must hold the bulk batches this write may build on.
    if (this.unsavedBulk) this.saveBulk();
    const ops: JournalOp[] = [];
    const writer: SqlWriter = {
      ...this.reader,
      run: (sql: string, params?: SqlParams) => {
        const changes = runStatement(this.db, this.cache, sql, params);
        ops.push(['r', sql, params ? [...params] : []]);
        return { changes };
      },
    };
    this.inWrite = true;
    this.db.exec('BEGIN');
    let result: T;
    try {
      result = fn(writer, ops);
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.inWrite = false;
      throw e;
    }
    if (ops.length === 0) {
      this.db.exec('COMMIT');
      this.inWrite = false;
      return result;
    }
    try {
      this.journal.append({ seq: this.seq + 1, ops });
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.inWrite = false;
      throw new AppError('STORE_WRITE_FAILED', `Could not write the journal, nothing was saved: ${(e as Error).message}`);
    }
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      this.poisoned = `The change was journaled but could not be applied in memory (${(e as Error).message}); restart the app to replay it.`;
      throw new AppError('STORE_WRITE_FAILED', this.poisoned);
    } finally {
      this.inWrite = false;
    }
    this.seq += 1;
    this.afterWrite();
    return result;
  }

  private afterWrite(): void {
    if (this.journal.entries >= this.checkpointEvery && !this.checkpointScheduled) {
      this.checkpointScheduled = true;
      setImmediate(() => {
        this.checkpointScheduled = false;
        if (!this.closed && this.journal.entries >= this.checkpointEvery) this.checkpoint();
      });
    }
    if (this.idleMs > 0) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (!this.closed && this.journal.entries > 0) this.checkpoint();
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }

  /**
   * Fold the journal into a new snapshot. Order matters for crash safety:
   * the new file is complete and fsync'd before anything is renamed, and the
   * renames keep (previous snapshot, previous journal) a complete pair at
   * every instant. `refreshPrevious` (after recovery) makes the new snapshot
   * the previous one too, since the old pair no longer leads here.
   */
  checkpoint(options: { refreshPrevious?: boolean } = {}): void {
    this.assertOpen();
    if (this.inWrite) throw new Error('checkpoint inside a write');
    const dir = this.opts.dataDir;
    const p = (f: string) => path.join(dir, f);
    this.cache.clear();
    const bytes = encodeSnapshot(this.seq, this.db.export());
    applyPragmas(this.db);
    registerFunctions(this.db, this.opts.functions);
    const tmp = p(`${LEGACY_FILES.snapshot}.tmp`);
    writeAll(tmp, bytes);
    this.journal.close();
    const hadCurrent = fs.existsSync(p(LEGACY_FILES.snapshot));
    // After unsaved bulk batches the old pair does not lead here either (the batches were never journaled).
    if (hadCurrent && !options.refreshPrevious && !this.unsavedBulk) {
      // Until the last rename there is no current snapshot, so an open starts
      // from the previous one and reads the previous segment: complete.
      fs.renameSync(p(LEGACY_FILES.snapshot), p(LEGACY_FILES.prevSnapshot));
      if (fs.existsSync(p(LEGACY_FILES.journal))) fs.renameSync(p(LEGACY_FILES.journal), p(LEGACY_FILES.prevJournal));
      fs.renameSync(tmp, p(LEGACY_FILES.snapshot));
    } else {
      // No usable previous pair: the new snapshot becomes both. It lands first,
      // so every journaled entry is already in it when the journals go.
      fs.renameSync(tmp, p(LEGACY_FILES.snapshot));
      fsyncDir(dir);
      writeAll(`${p(LEGACY_FILES.prevSnapshot)}.tmp`, bytes);
      fs.renameSync(`${p(LEGACY_FILES.prevSnapshot)}.tmp`, p(LEGACY_FILES.prevSnapshot));
      fs.rmSync(p(LEGACY_FILES.prevJournal), { force: true });
      fs.rmSync(p(LEGACY_FILES.journal), { force: true });
    }
    fsyncDir(dir);
    this.journal = new JournalWriter(p(LEGACY_FILES.journal), 0, 0);
    fsyncDir(dir);
    this.unsavedBulk = false;
    this.snapshotBytes = bytes.length;
    this.snapshotSeq = this.seq;
    this.source = 'current';
    this.lastCheckpointAt = new Date().toISOString();
  }

  /**
   * `integrity: true` runs SQLite's full integrity check (seconds on a large
   * folder: `doctor` asks for it); otherwise the last result is reported, or
   * 'not checked' — the snapshot's checksum already vouched for the bytes.
   */
  report(options: { integrity?: boolean } = {}): StoreFileReport {
    this.assertOpen();
    const problems = [...this.problems];
    if (options.integrity) {
      const rows = this.db.exec('PRAGMA integrity_check')[0]?.values ?? [];
      this.integrity = rows.map((r) => String(r[0])).join('; ') || 'unknown';
      // The fallback is only worth something if it is whole; a normal open never reads it.
      const prev = readSnapshot(path.join(this.opts.dataDir, LEGACY_FILES.prevSnapshot));
      if (!prev.ok && !prev.missing) problems.push(`previous snapshot ${LEGACY_FILES.prevSnapshot} is damaged: ${prev.reason}; the next checkpoint replaces it`);
    }
    const integrity = this.integrity;
    if (this.poisoned) problems.push(this.poisoned);
    return {
      dataDir: this.opts.dataDir,
      healthy: (integrity === 'ok' || integrity === 'not checked') && problems.length === 0,
      integrity,
      snapshot: { file: path.join(this.opts.dataDir, LEGACY_FILES.snapshot), bytes: this.snapshotBytes, seq: this.snapshotSeq, source: this.source },
      journal: { entries: this.journal.entries, bytes: this.journal.bytes, tornTail: this.tornTail, replayed: this.replayed },
      migrations: this.reader.all<{ id: string }>('SELECT id FROM _store_migrations ORDER BY id').map((r) => r.id),
      lastCheckpointAt: this.lastCheckpointAt,
      problems,
    };
  }

  /** Checkpoints if anything is journaled, then releases the folder. Idempotent. */
  close(): void {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      if ((this.journal.entries > 0 || this.unsavedBulk) && !this.poisoned) this.checkpoint();
    } finally {
      this.closed = true;
      this.cache.clear();
      this.journal.close();
      this.db.close();
      this.lock.release();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('STORE_CLOSED', 'The local store is closed');
  }
}

function applyEntry(db: Database, cache: StatementCache, entry: JournalEntry): void {
  try {
    for (const op of entry.ops) {
      if (op[0] === 'x') db.exec(op[1]);
      else runStatement(db, cache, op[1], op[2]);
    }
  } catch (e) {
    throw new AppError('STORE_CORRUPT', `Journal entry ${entry.seq} could not be replayed: ${(e as Error).message}`);
  }
}

function writeAll(file: string, data: Uint8Array): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    let written = 0;
    while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the folder holds files of the old format. */
export function hasLegacyFiles(dir: string): boolean {
  return Object.values(LEGACY_FILES).some((f) => fs.existsSync(path.join(dir, f)));
}
