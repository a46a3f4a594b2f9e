import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';
import { identifyTaps, installTaps, type ProbeDatabase } from './pageCapture.js';
import type { Row, SqlParams, SqlReader, SqlValue, StoreFunction, StoreFunctions } from './types.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** The little of the WebAssembly API used here (the Node typings of this project have no DOM lib). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: unknown): Promise<{ instance: { exports: Record<string, unknown> } }>;
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** sql.js is loaded once per thread; the wasm file comes from the installed package. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = new Promise<SqlJsStatic>((resolve, reject) => {
      let memory: WasmMemory | null = null;
      initSqlJs({
        locateFile: () => wasm,
        // Emscripten's hook for instantiating the module ourselves: the one
        // way to hold the instance's memory, which fastBlobReads needs.
        instantiateWasm(imports: unknown, done: (instance: never) => void) {
          // The page capture's wrappers go in before instantiation (the imports are bound then).
          installTaps(imports);
          wasmApi.instantiate(readFileSync(wasm), imports).then(({ instance }) => {
            memory = Object.values(instance.exports).find((x): x is WasmMemory => x instanceof wasmApi.Memory) ?? null;
            done(instance as never);
          }, reject);
          return {};
        },
      }).then((SQL) => {
        if (memory) fastBlobReads(SQL, memory);
        const failure = identifyTaps(memory, (image) => new SQL.Database(image) as unknown as ProbeDatabase);
        // Loud: the store cannot open without it (see pageCapture.ts); plain sql.js use is unaffected.
        if (failure) console.error(`[store] page capture unavailable in this sql.js build: ${failure}`);
        resolve(SQL);
      }, reject);
    });
  }
  return sqlJs;
}

/** The exported SQLite calls fastBlobReads uses (checked before use). */
interface BlobModule {
  _sqlite3_column_blob?: (stmt: number, col: number) => number;
  _sqlite3_column_bytes?: (stmt: number, col: number) => number;
  _sqlite3_column_count?: (stmt: number) => number;
}
type BlobGetter = (this: Record<string, unknown>, pos?: number | null) => Uint8Array;

/**
 * sql.js copies a blob out of the wasm heap one byte at a time in JS (about
 * 4 ns a byte: a 300 KB search-index block costs over a millisecond); this
 * copies it with one native slice of the same memory, through the same
 * exported SQLite calls. sql.js's builds are minified, so the statement's
 * pointer field is found by asking SQLite (the field whose value is a
 * statement with the probe's column count), and the new copy is checked
 * against sql.js's own on a known blob before it is installed: a different
 * sql.js build keeps its own (slower, correct) copy.
 */
function fastBlobReads(SQL: SqlJsStatic, memory: WasmMemory): void {
  const mod = SQL as unknown as BlobModule;
  const columnBlob = mod._sqlite3_column_blob;
  const columnBytes = mod._sqlite3_column_bytes;
  const columnCount = mod._sqlite3_column_count;
  if (typeof columnBlob !== 'function' || typeof columnBytes !== 'function' || typeof columnCount !== 'function') return;
  const db = new SQL.Database();
  try {
    const probe = db.prepare("SELECT X'00017F80FF', zeroblob(0), 3, 4, 5, 6, 7");
    const fields = probe as unknown as Record<string, unknown>;
    const proto = Object.getPrototypeOf(probe) as { getBlob?: BlobGetter };
    const original = proto.getBlob;
    const key = Object.keys(fields).find((k) => {
      const v = fields[k];
      return typeof v === 'number' && v > 1024 && v < memory.buffer.byteLength && columnCount(v) === 7;
    });
    if (!key || typeof original !== 'function') return;
    const fast: BlobGetter = function getBlob(pos) {
      if (pos === undefined || pos === null) return original.call(this);
      const stmt = this[key] as number;
      // blob first, then its size: the order SQLite documents as safe
      const ptr = columnBlob(stmt, pos);
      const size = columnBytes(stmt, pos);
      return size === 0 ? new Uint8Array(0) : new Uint8Array(memory.buffer, ptr, size).slice();
    };
    probe.step();
    const same = [0, 1].every((col) => {
      const a = original.call(fields, col);
      const b = fast.call(fields, col);
      return a.length === b.length && a.every((x, i) => x === b[i]);
    });
    probe.free();
    if (same) proto.getBlob = fast;
  } finally {
    db.close();
  }
}

/**
 * Connection settings. `export()` closes and reopens the sql.js connection,
 * which resets per-connection pragmas, so these are applied again after every
 * checkpoint. The in-memory file system makes SQLite's own journal pointless;
 * durability is ours (the journal file), so it is kept in memory.
 */
export function applyPragmas(db: Database, options: { cacheKiB?: number } = {}): void {
  db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;');
  if (options.cacheKiB !== undefined) db.exec(`PRAGMA cache_size = -${options.cacheKiB}`);
}

/**
 * SQLite's page cache for the page log's store (issue 18). Its default, 2 MiB
 * (~500 pages), is smaller than the pages a save walks at 100k tickets: each
 * miss is a read through the in-memory file system's wasm import (a copy and
 * a crossing per page), and a query that walks an index — the sync status's
 * COUNT(*) over the outbox after every save (1,717 pages at 100k tickets) —
 * reread the whole index each time: 23 ms against 0.12 ms with the index
 * cached, measured under load. 32 MiB holds the hot index pages; it is
 * memory on top of the database image (~280 MiB at 100k tickets), bounded.
 */
export const PAGE_CACHE_KIB = 32 * 1024;

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
      // The column names once per query, not once per row (getAsObject decodes them from wasm memory for every row):
      // a month's report reads tens of thousands of rows, and the names were a fifth of its time.
      let names: string[] | null = null;
      while (stmt.step()) {
        names ??= stmt.getColumnNames();
        const values = stmt.get();
        const row: Record<string, SqlValue> = {};
        for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i] as SqlValue;
        rows.push(row as T);
      }
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
