import { APPLY_ORDER, type EntityName } from '../../../shared/sync/entities.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import type { SqlValue, SqlWriter } from '../store/types.js';
import {
  applyTracked,
  defer,
  entityPlan,
  finish,
  foreignKeysOf,
  insertParamsOf,
  isForeignKeyError,
  newest,
  parseBulkLine,
  rowKey,
  waitingRows,
  type ApplyOptions,
  type ApplyResult,
  type EntityPlan,
} from './apply.js';

/**
 * A new PC's first sync: /sync/bulk lines into (mostly) empty tables, as
 * fast as sql.js allows. Same rules as applyRows (apply.ts), two shortcuts:
 * - a line is parsed only when it is applied: a 100k-line chunk kept as
 *   parsed objects would all outlive the young generation, and collecting
 *   them cost more than parsing;
 * - rows are inserted GROUP at a time with one multi-row INSERT (a third
 *   fewer sql.js calls per row), after one query per group checks that their
 *   parents are here. Rows whose parent is missing wait (sync_deferred); a
 *   group where some row already existed is merged row by row.
 */
const GROUP = 16;

/** The entity a line names first (json_build_object and JSON.stringify keep key order): only a hint for the order. */
const ENTITY_PREFIX = /^\{\s*"entity"\s*:\s*"([a-z_]+)"/;

export interface BulkApplyResult extends ApplyResult {
  rows: number;
  firstSeq: number;
  maxSeq: number;
  /** the lines were in ascending sequence order */
  inOrder: boolean;
}

const multiInsert = new Map<string, string>();

/** `INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING` for n rows, from the declared columns. */
function multiInsertSql(plan: EntityPlan, n: number): string {
  const key = `${plan.decl.table}|${n}`;
  let sql = multiInsert.get(key);
  if (!sql) {
    const one = `(${plan.insertColumns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${plan.decl.table} (${plan.insertColumns.join(', ')}) VALUES ${Array<string>(n).fill(one).join(', ')} ON CONFLICT DO NOTHING`;
    multiInsert.set(key, sql);
  }
  return sql;
}

/** Ids inserted by this chunk, per table: most parents were, and need no query. */
type Inserted = Map<string, Set<string>>;

/**
 * Indexes (into `rows`) of rows whose parent is not here: parents this chunk
 * inserted are known; the others are looked up with one query per foreign key
 * for the whole group.
 */
function orphans(w: SqlWriter, plan: EntityPlan, rows: readonly PulledRow[], inserted: Inserted): Set<number> {
  const out = new Set<number>();
  for (const fk of foreignKeysOf(w, plan)) {
    const keyOf = (r: PulledRow): unknown => (fk.field === 'id' ? r.id : r.values[fk.field]);
    const known = fk.column === 'id' ? inserted.get(fk.table) : undefined;
    const keys = [...new Set(rows.map(keyOf).filter((k): k is string => typeof k === 'string' && !known?.has(k)))];
    if (keys.length === 0) continue;
    const present = new Set(w.all<{ k: string }>(`SELECT ${fk.column} AS k FROM ${fk.table} WHERE ${fk.column} IN (${keys.map(() => '?').join(', ')})`, keys).map((r) => r.k));
    for (const k of known ?? []) present.add(k);
    rows.forEach((r, i) => {
      const k = keyOf(r);
      if (typeof k === 'string' && !present.has(k)) out.add(i);
    });
  }
  return out;
}

function applyGroup(w: SqlWriter, plan: EntityPlan, rows: PulledRow[], opts: ApplyOptions, waiting: Set<string>, result: ApplyResult, inserted: Inserted): void {
  for (const r of rows) result.maxHlc = newest(r, result.maxHlc);
  const params = rows.map((r) => insertParamsOf(plan, r));
  const missing = orphans(w, plan, rows, inserted);
  const batch: number[] = [];
  rows.forEach((row, i) => {
    if (missing.has(i)) {
      defer(w, row);
      waiting.add(rowKey(row.entity, row.id));
    } else if (waiting.has(rowKey(row.entity, row.id))) {
      applyTracked(w, row, opts, waiting, result); // an older version waits: replace it properly
    } else batch.push(i);
  });
  if (batch.length === 0) return;
  let changes: number;
  try {
    changes = w.run(multiInsertSql(plan, batch.length), batch.flatMap((i) => params[i] as SqlValue[])).changes;
  } catch (e) {
    if (!isForeignKeyError(e)) throw e;
    for (const i of batch) applyTracked(w, rows[i] as PulledRow, opts, waiting, result);
    return;
  }
  // Some rows were here already: an lww row then merges field by field (the fresh ones merge to no change).
  if (changes < batch.length && plan.decl.kind === 'lww') {
    for (const i of batch) applyTracked(w, rows[i] as PulledRow, opts, waiting, result);
  } else result.changed += changes;
  if (plan.hasId) {
    let ids = inserted.get(plan.decl.table);
    if (!ids) inserted.set(plan.decl.table, (ids = new Set()));
    for (const i of batch) ids.add((rows[i] as PulledRow).id);
  }
}

/**
 * Applies /sync/bulk lines (one stream: every row at most once, in sequence
 * order) inside the caller's transaction, parents first by the entity each
 * line names (a wrong hint costs only a wait), then retries rows waiting for
 * a parent that arrived.
 */
export function applyBulkLines(w: SqlWriter, lines: readonly string[], opts: ApplyOptions = {}): BulkApplyResult {
  const buckets = new Map<string, number[]>(APPLY_ORDER.map((e) => [e, []]));
  lines.forEach((line, i) => {
    const entity = ENTITY_PREFIX.exec(line)?.[1] ?? '';
    let bucket = buckets.get(entity);
    if (!bucket) buckets.set(entity, (bucket = []));
    bucket.push(i);
  });
  const seqs = new Array<number>(lines.length);
  const waiting = waitingRows(w);
  const result: BulkApplyResult = { changed: 0, deferred: 0, tickets: new Set(), maxHlc: null, rows: lines.length, firstSeq: 0, maxSeq: 0, inOrder: true };
  const parse = (i: number): PulledRow => {
    const row = parseBulkLine(lines[i] as string);
    seqs[i] = row.seq;
    if (row.seq > result.maxSeq) result.maxSeq = row.seq;
    return row;
  };
  const inserted: Inserted = new Map();
  for (const [entity, bucket] of buckets) {
    const known = (APPLY_ORDER as readonly string[]).includes(entity);
    for (let start = 0; start < bucket.length; start += GROUP) {
      const rows = bucket.slice(start, start + GROUP).map(parse);
      // A line that named no known entity (or lied about it) goes the careful way.
      if (!known || rows.some((r) => r.entity !== entity)) {
        for (const row of rows) applyTracked(w, row, opts, waiting, result);
        continue;
      }
      applyGroup(w, entityPlan(entity as EntityName), rows, opts, waiting, result, inserted);
    }
  }
  result.firstSeq = seqs[0] ?? 0;
  for (let i = 1; i < seqs.length; i++) if ((seqs[i] as number) < (seqs[i - 1] as number)) result.inOrder = false;
  finish(w, opts, waiting, result);
  return result;
}
