import type { StoreReport } from '../../../shared/store.js';

export type SqlValue = string | number | null;
/** Positional (`?`) parameters only: the journal records them verbatim. */
export type SqlParams = readonly SqlValue[];
export type Row = Record<string, SqlValue>;

export interface SqlReader {
  all<T extends object = Row>(sql: string, params?: SqlParams): T[];
  get<T extends object = Row>(sql: string, params?: SqlParams): T | undefined;
}

/**
 * Writes inside `Store.write`. Every `run` is recorded in the journal and
 * replayed verbatim after a crash, so statements MUST be deterministic: no
 * `datetime('now')`, `random()` or `last_insert_rowid()`-dependent SQL; pass
 * ids and timestamps as parameters.
 */
export interface SqlWriter extends SqlReader {
  run(sql: string, params?: SqlParams): { changes: number };
}

/**
 * Writes inside `Store.bulkWrite`, which journals nothing: the batch lands in
 * a checkpoint whole. So a statement may also take bytes, which a journal
 * entry could not record verbatim.
 */
export interface BulkSqlWriter extends SqlWriter {
  /**
   * Runs `sql` with one parameter bound as a BLOB (copied into SQLite's
   * memory as is). A bulk load passes many rows as one UTF-8 JSON document
   * (`json_each(CAST(?1 AS TEXT))`): sql.js converts each string parameter to
   * UTF-8 in JavaScript, three passes per character, which cost a first sync
   * more than SQLite's own work of inserting the rows.
   */
  runBlob(sql: string, blob: Uint8Array): { changes: number };
}

/** An ordered migration; `id` sorts (e.g. `0001_init`). `sql` may hold several statements. */
export interface Migration {
  id: string;
  sql: string;
  /**
   * SQL functions this migration's schema calls (e.g. from triggers). The
   * Store registers the functions of every migration it is given (see
   * StoreOptions.functions), so whoever opens the database with these
   * migrations can write to it. Not part of the checksum.
   */
  functions?: StoreFunctions;
}

export interface StoreOptions {
  dataDir: string;
  migrations: readonly Migration[];
  /** checkpoint after this many journal entries (default 1000) */
  checkpointEvery?: number;
  /** checkpoint after this long without writes, if anything is journaled (default 5000 ms; 0 disables) */
  idleCheckpointMs?: number;
  /** where recovery findings go besides the report (default: console.warn) */
  log?: (message: string) => void;
  /**
   * SQL functions registered on the connection before the journal is
   * replayed and the migrations run (triggers may call them), and again after
   * every checkpoint. They MUST be deterministic (the journal replays the
   * statements that call them) and must not touch the database.
   */
  functions?: StoreFunctions;
  /**
   * Compaction (see DESIGN.md): free pages are given back in small logged
   * steps (SQLite's incremental vacuum) once they are at least `freeRatio` of
   * the file (default 0.25) and at least `minFreePages` (default 2048 = 8 MiB).
   * `false` turns it off.
   */
  compaction?: false | { freeRatio?: number; minFreePages?: number };
}

/**
 * A scalar SQL function. Its arity is the function's declared parameter
 * count (`fn.length`); SQLite integers arrive as numbers, blobs as Uint8Array.
 * Throwing aborts the statement with the error's message.
 */
export type StoreFunction = (...args: (SqlValue | Uint8Array)[]) => SqlValue;
export type StoreFunctions = Readonly<Record<string, StoreFunction>>;

export type StoreFileReport = Omit<StoreReport, 'counts'>;
