import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';
import type { Row, SqlParams, SqlReader, SqlValue, StoreFunction, StoreFunctions } from './types.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** sql.js is loaded once per thread; the wasm file comes from the installed package. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = initSqlJs({ locateFile: () => wasm });
  }
  return sqlJs;
}

/**
 * Connection settings. `export()` closes and reopens the sql.js connection,
 * which resets per-connection pragmas, so these are applied again after every
 * checkpoint. The in-memory file system makes SQLite's own journal pointless;
 * durability is ours (the journal file), so it is kept in memory.
 */
export function applyPragmas(db: Database): void {
  db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;');
}

/**
 * Registers scalar SQL functions on a connection. sql.js keeps them across
 * `export()` since 1.13 (it exports through the backup API), but older
 * releases reopened the connection and lost them, so the Store registers them
 * again after every checkpoint; re-registering replaces the old one. The
 * arity is the function's `length`: a rest-parameter function (length 0)
 * is registered as variadic.
 */
export function registerFunctions(db: Database, functions: StoreFunctions | undefined): void {
  if (!functions) return;
  for (const [name, fn] of Object.entries(functions)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid SQL function name: ${name}`);
    // sql.js registers `fn.length` arguments; -1 (any) is what a variadic JS function means.
    let registered: StoreFunction = fn;
    if (fn.length === 0) {
      registered = (...args) => fn(...args);
      Object.defineProperty(registered, 'length', { value: -1 });
    }
    db.create_function(name, registered);
  }
}

/** Prepared statements cached by SQL text; must be cleared before `export()` frees them. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: () => Database) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db().prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  clear(): void {
    for (const stmt of this.cache.values()) stmt.free();
    this.cache.clear();
  }
}

export function runStatement(db: Database, cache: StatementCache, sql: string, params: SqlParams | readonly [Uint8Array] | undefined): number {
  const stmt = cache.get(sql);
  try {
    if (params && params.length > 0) stmt.bind(params as (SqlValue | Uint8Array)[]);
    stmt.step();
  } finally {
    stmt.reset();
  }
  return db.getRowsModified();
}

export function makeReader(cache: StatementCache): SqlReader {
  const all = <T extends object = Row>(sql: string, params?: SqlParams): T[] => {
    const stmt = cache.get(sql);
    const rows: T[] = [];
    try {
      if (params && params.length > 0) stmt.bind(params as SqlValue[]);
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
    } finally {
      stmt.reset();
    }
    return rows;
  };
  const get = <T extends object = Row>(sql: string, params?: SqlParams): T | undefined => {
    const stmt = cache.get(sql);
    try {
      if (params && params.length > 0) stmt.bind(params as SqlValue[]);
      return stmt.step() ? (stmt.getAsObject() as T) : undefined;
    } finally {
      stmt.reset();
    }
  };
  return { all, get };
}

export type { Database };
