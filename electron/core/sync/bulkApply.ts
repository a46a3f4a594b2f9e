import { APPLY_ORDER, type EntityName } from '../../../shared/sync/entities.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import type { BulkSqlWriter, SqlValue, SqlWriter } from '../store/types.js';
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
 * fast as sql.js allows. Same rules as applyRows (apply.ts), with shortcuts:
 * - a line is parsed only when it is applied: a 100k-line chunk kept as
 *   parsed objects would all outlive the young generation, and collecting
 *   them cost more than parsing;
 * - rows are inserted GROUP at a time with one INSERT, after one query per
 *   group checks that their parents are here (parents this chunk inserted
 *   are known without asking). The group's values travel as ONE parameter:
 *   a JSON array of rows, UTF-8 encoded here (native) and bound as bytes,
 *   unpacked by SQLite's jsonb_each (json_each hands each row over as text
 *   that `->>` parses again for every column: slower than binding). Bound
 *   one by one, sql.js turned every string into UTF-8 in JavaScript (three
 *   passes per character): that cost more than the inserts themselves. Groups whose values JSON could carry
 *   differently from a bound parameter go the old way (see jsonExact);
 * - a row whose parent comes later in the stream (a customer renamed after
 *   its tickets were written has a later sequence number) is held in memory,
 *   keyed by that parent, and applied as soon as it arrives. Whatever is
 *   still held at the end waits in sync_deferred like any pulled row.
 */
const GROUP = 128;
/** rows per multi-row INSERT ... VALUES, for the groups that cannot travel as JSON */
const VALUES_GROUP = 16;

/** The entity a line names first (json_build_object and JSON.stringify keep key order): only a hint for the order. */
const ENTITY_PREFIX = /^\{\s*"entity"\s*:\s*"([a-z_]+)"/;
const COMPACT_PREFIX = '{"entity":"';

/** The entity hint of a line: the compact form the server writes is read without the regex (it showed in profiles). */
function entityHint(text: string): string {
  if (text.startsWith(COMPACT_PREFIX)) {
    const end = text.indexOf('"', COMPACT_PREFIX.length);
    if (end > 0) return text.slice(COMPACT_PREFIX.length, end);
  }
  return ENTITY_PREFIX.exec(text)?.[1] ?? '';
}

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

const jsonInsert = new Map<string, string>();

/** `INSERT ... SELECT` the rows of a JSON array of rows (each row: its values in `insertColumns` order). */
function jsonInsertSql(plan: EntityPlan): string {
  let sql = jsonInsert.get(plan.decl.table);
  if (!sql) {
    // `WHERE true`: without it SQLite would read ON CONFLICT as part of the SELECT's join.
    sql = `INSERT INTO ${plan.decl.table} (${plan.insertColumns.join(', ')}) SELECT ${plan.insertColumns.map((_, i) => `value ->> ${i}`).join(', ')} FROM jsonb_each(CAST(? AS TEXT)) WHERE true ON CONFLICT DO NOTHING`;
    jsonInsert.set(plan.decl.table, sql);
  }
  return sql;
}

/**
 * The rows as JSON text if SQLite reads back from it exactly what binding
 * the values one by one stores, else null. Strings and small integers are
 * exact. Not so: other numbers (sql.js binds a non-int32 number as a REAL,
 * JSON reads an integral one as an INTEGER, and a fraction through another
 * decimal conversion), U+0000 (a bound string ends there) and lone
 * surrogates (JSON.stringify escapes them, sql.js encodes them as they are).
 * The last two show in the text as the escapes `\u0000` and `\udXXX`
 * (JSON.stringify leaves other non-ASCII characters alone); a string that
 * merely contains such a backslash sequence only takes the slow way.
 */
function jsonExact(rows: readonly SqlValue[][]): string | null {
  for (const row of rows) for (const v of row) if (typeof v === 'number' && (v | 0) !== v) return null;
  const json = JSON.stringify(rows);
  return json.includes('\\u') && /\\u(?:0000|d[89a-f])/i.test(json) ? null : json;
}

const utf8 = new TextEncoder();

/** Inserts the rows (ON CONFLICT DO NOTHING), as one JSON parameter when that is exact; returns how many were new. */
function insertRows(w: BulkSqlWriter, plan: EntityPlan, rows: readonly SqlValue[][]): number {
  const json = jsonExact(rows);
  if (json !== null) return w.runBlob(jsonInsertSql(plan), utf8.encode(json)).changes;
  let changes = 0;
  for (let start = 0; start < rows.length; start += VALUES_GROUP) {
    const slice = rows.slice(start, start + VALUES_GROUP);
    changes += w.run(multiInsertSql(plan, slice.length), slice.flat()).changes;
  }
  return changes;
}

/** Ids inserted by the current chunk, per table: most parents were, and need no query. */
type Inserted = Map<string, Set<string>>;

interface Line {
  text: string;
  /** known once the line was parsed */
  seq?: number;
  /** kept only while the row is held for its parent: parsed rows of a whole chunk must not all stay alive */
  row?: PulledRow;
}

/** Parses (and validates) a line when it is applied. */
function rowOf(line: Line): PulledRow {
  const row = line.row ?? parseBulkLine(line.text);
  line.seq = row.seq;
  return row;
}

/**
 * The missing parent (`table|key`) of each row in the group that has one:
 * parents this chunk inserted are known; the others are looked up with one
 * query per foreign key for the whole group.
 */
function orphans(w: SqlWriter, plan: EntityPlan, rows: readonly PulledRow[], inserted: Inserted): Map<number, string> {
  const out = new Map<number, string>();
  for (const fk of foreignKeysOf(w, plan)) {
    const keyOf = (r: PulledRow): unknown => (fk.field === 'id' ? r.id : r.values[fk.field]);
    const known = fk.column === 'id' ? inserted.get(fk.table) : undefined;
    const keys = [...new Set(rows.map(keyOf).filter((k): k is string => typeof k === 'string' && !known?.has(k)))];
    if (keys.length === 0) continue;
    const present = new Set(w.all<{ k: string }>(`SELECT ${fk.column} AS k FROM ${fk.table} WHERE ${fk.column} IN (${keys.map(() => '?').join(', ')})`, keys).map((r) => r.k));
    rows.forEach((r, i) => {
      const k = keyOf(r);
      if (typeof k === 'string' && !present.has(k) && !known?.has(k) && !out.has(i)) out.set(i, `${fk.table}|${k}`);
    });
  }
  return out;
}

/**
 * Applies one stream of /sync/bulk lines chunk by chunk (each chunk inside
 * the caller's transaction), remembering across chunks the rows that wait
 * for a parent still to come.
 */
export class BulkApplier {
  private readonly held = new Map<string, Line[]>();
  private heldCount = 0;
  private heldMinSeq = Infinity;

  constructor(private readonly opts: ApplyOptions) {}

  /** Rows held in memory for a parent; a stored cursor must stay below the oldest. */
  get oldestHeldSeq(): number | null {
    return this.heldCount > 0 ? this.heldMinSeq : null;
  }

  /**
   * Applies a chunk, parents first by the entity each line names (a wrong
   * hint costs only a wait). `final`: the stream has ended, so rows still
   * held go to sync_deferred.
   */
  apply(w: BulkSqlWriter, texts: readonly string[], final: boolean): BulkApplyResult {
    const result: BulkApplyResult = { changed: 0, deferred: 0, tickets: new Set(), articles: new Set(), desk: new Set(), maxHlc: null, rows: texts.length, firstSeq: 0, maxSeq: 0, inOrder: true };
    const lines = texts.map((text): Line => ({ text }));
    const waiting = waitingRows(w);
    const inserted: Inserted = new Map();
    this.applyLines(w, lines, waiting, result, inserted);
    // Rows held for a parent this chunk brought, and their own children, in turn.
    for (let released = this.release(inserted); released.length > 0; released = this.release(inserted)) this.applyLines(w, released, waiting, result, inserted);
    if (final) {
      for (const list of this.held.values()) for (const line of list) defer(w, rowOf(line));
      this.held.clear();
      this.heldCount = 0;
      this.heldMinSeq = Infinity;
    }
    // Every line of the chunk was parsed on its way in (applied or held).
    lines.forEach((line, i) => {
      const seq = line.seq ?? rowOf(line).seq;
      if (i === 0) result.firstSeq = seq;
      else if (seq < ((lines[i - 1] as Line).seq ?? 0)) result.inOrder = false;
      if (seq > result.maxSeq) result.maxSeq = seq;
    });
    finish(w, this.opts, final ? waitingRows(w) : waiting, result);
    return result;
  }

  private applyLines(w: BulkSqlWriter, lines: readonly Line[], waiting: Set<string>, result: ApplyResult, inserted: Inserted): void {
    const buckets = new Map<string, Line[]>(APPLY_ORDER.map((e) => [e, []]));
    for (const line of lines) {
      const entity = entityHint(line.text);
      let bucket = buckets.get(entity);
      if (!bucket) buckets.set(entity, (bucket = []));
      bucket.push(line);
    }
    for (const [entity, bucket] of buckets) {
      const known = (APPLY_ORDER as readonly string[]).includes(entity);
      for (let start = 0; start < bucket.length; start += GROUP) {
        const group = bucket.slice(start, start + GROUP);
        const rows = group.map(rowOf);
        // A line that named no known entity (or lied about it) goes the careful way.
        if (!known || rows.some((r) => r.entity !== entity)) {
          for (const r of rows) applyTracked(w, r, this.opts, waiting, result);
          continue;
        }
        this.applyGroup(w, entityPlan(entity as EntityName), group, rows, waiting, result, inserted);
      }
    }
  }

  private applyGroup(w: BulkSqlWriter, plan: EntityPlan, group: Line[], rows: PulledRow[], waiting: Set<string>, result: ApplyResult, inserted: Inserted): void {
    for (const r of rows) result.maxHlc = newest(r, result.maxHlc);
    const missing = orphans(w, plan, rows, inserted);
    const batch: number[] = [];
    const values: SqlValue[][] = [];
    rows.forEach((row, i) => {
      const parent = missing.get(i);
      if (parent !== undefined) this.hold(parent, group[i] as Line, row);
      else if (waiting.has(rowKey(row.entity, row.id))) applyTracked(w, row, this.opts, waiting, result); // an older version waits: replace it properly
      else {
        values.push(insertParamsOf(plan, row));
        batch.push(i);
      }
    });
    if (batch.length === 0) return;
    let changes: number;
    try {
      changes = insertRows(w, plan, values);
    } catch (e) {
      if (!isForeignKeyError(e)) throw e;
      for (const i of batch) applyTracked(w, rows[i] as PulledRow, this.opts, waiting, result);
      return;
    }
    // Some rows were here already: an lww row then merges field by field (the fresh ones merge to no change).
    if (changes < batch.length && plan.decl.kind === 'lww') {
      for (const i of batch) applyTracked(w, rows[i] as PulledRow, this.opts, waiting, result);
    } else result.changed += changes;
    if (plan.hasId) {
      let ids = inserted.get(plan.decl.table);
      if (!ids) inserted.set(plan.decl.table, (ids = new Set()));
      for (const i of batch) ids.add((rows[i] as PulledRow).id);
    }
  }

  private hold(parent: string, line: Line, row: PulledRow): void {
    line.row = row;
    const list = this.held.get(parent);
    if (list) list.push(line);
    else this.held.set(parent, [line]);
    this.heldCount += 1;
    this.heldMinSeq = Math.min(this.heldMinSeq, row.seq);
  }

  /** Held rows whose parent this chunk inserted. */
  private release(inserted: Inserted): Line[] {
    const out: Line[] = [];
    for (const [parent, list] of this.held) {
      const bar = parent.indexOf('|');
      if (!inserted.get(parent.slice(0, bar))?.has(parent.slice(bar + 1))) continue;
      this.held.delete(parent);
      out.push(...list);
    }
    if (out.length > 0) {
      this.heldCount -= out.length;
      this.heldMinSeq = Infinity;
      for (const list of this.held.values()) for (const line of list) this.heldMinSeq = Math.min(this.heldMinSeq, rowOf(line).seq);
    }
    return out;
  }
}
