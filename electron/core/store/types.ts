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

/** An ordered migration; `id` sorts (e.g. `0001_init`). `sql` may hold several statements. */
export interface Migration {
  id: string;
  sql: string;
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
}

export type StoreFileReport = Omit<StoreReport, 'counts'>;
