import { ENTITIES, type EntityDecl, type EntityName } from '../../../shared/sync/entities.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { SqlReader, SqlValue, SqlWriter } from '../store/types.js';

/**
 * The lean outbox's rows (migration 0026_lean_outbox): what a waiting
 * mutation wrote, by reference. `queueRows` records a mutation's changes as
 * row references and field names; `readQueued` turns them back into the
 * changes to push, reading each value from its row, or from `kept` when the
 * row moved on before the push (the migration's trigger keeps it). SQL is
 * built from the declared tables and columns only.
 */

interface RowRef {
  outbox_id: number;
  seq: number;
  entity: string;
  row_id: string;
  fields: string | null;
  kept: string | null;
}

const DECLS = ENTITIES as Record<string, EntityDecl>;
const SELECTS = new Map<string, { sql: string; fields: string[]; columns: string[] }>();

function selectOf(decl: EntityDecl): { sql: string; fields: string[]; columns: string[] } {
  let s = SELECTS.get(decl.name);
  if (!s) {
    const fields = Object.keys(decl.columns);
    const columns = fields.map((f) => decl.columns[f] as string);
    s = { sql: `SELECT ${columns.join(', ')} FROM ${decl.table} WHERE id = ?`, fields, columns };
    SELECTS.set(decl.name, s);
  }
  return s;
}

/** Whether `values` names every declared field and nothing else (stored as `fields` NULL). */
function allFields(decl: EntityDecl, values: Record<string, unknown>): boolean {
  const keys = Object.keys(values);
  const declared = Object.keys(decl.columns);
  return keys.length === declared.length && keys.every((k) => Object.hasOwn(decl.columns, k));
}

/**
 * Every lww field a mutation queues carries the mutation's clock on its row,
 * as the server will record it. Services merge the clocks of the fields they
 * edit, and some leave bookkeeping (`updatedAt`) at an older clock: stamped
 * here, once, for all of them (the row then merges with the server's copy of
 * the field by the clock the server holds, and the keep trigger of migration
 * 0026 watches the right clock).
 */
function stampClocks(w: SqlWriter, decl: EntityDecl, change: RowChange, hlc: string): void {
  const text = w.get<{ h: string }>(`SELECT field_hlc AS h FROM ${decl.table} WHERE id = ?`, [change.id])?.h;
  if (text === undefined) return; // no such row: the write's own check (assertQueuedMatches) says so
  const clocks = parseObject(text) ?? {};
  const stale = Object.keys(change.values).filter((f) => (clocks[f] ?? clocks['*']) !== hlc);
  if (stale.length === 0) return;
  for (const f of stale) clocks[f] = hlc;
  w.run(`UPDATE ${decl.table} SET field_hlc = ? WHERE id = ?`, [JSON.stringify(clocks), change.id]);
}

/**
 * Records a mutation's changes (in its order) for `outboxId` and clock `hlc`,
 * in the caller's transaction: one statement for all its rows (a journaled
 * statement is replayed at every cold start until the next checkpoint).
 */
export function queueRows(w: SqlWriter, outboxId: number, hlc: string, changes: readonly RowChange[]): void {
  const rows = changes.map((c) => {
    const decl = DECLS[c.entity];
    if (!decl) throw new Error(`Unknown synced entity ${c.entity}`);
    if (decl.kind === 'lww') stampClocks(w, decl, c, hlc);
    // Records keyed by their values have no id column to read them back by: their few values stay here.
    const byValue = decl.kind === 'append' && decl.idOf !== undefined;
    const fields = byValue || !allFields(decl, c.values) ? JSON.stringify(Object.keys(c.values)) : null;
    return [c.entity, c.id, fields, byValue ? JSON.stringify(c.values) : null];
  });
  w.run(
    `INSERT INTO outbox_row (outbox_id, seq, entity, row_id, fields, kept)
     SELECT ?, CAST(key AS INTEGER), value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
    [outboxId, JSON.stringify(rows)],
  );
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseFields(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

export type Queued = { changes: RowChange[] } | { reason: string };

function changeOf(r: SqlReader, ref: RowRef): RowChange | { reason: string } {
  const decl = DECLS[ref.entity];
  if (!decl) return { reason: `The queued change names an unknown entity ${ref.entity}` };
  const kept = ref.kept === null ? {} : parseObject(ref.kept);
  if (kept === null) return { reason: `The kept values of ${ref.entity} ${ref.row_id} are damaged` };
  const listed = ref.fields === null ? null : parseFields(ref.fields);
  if (ref.fields !== null && listed === null) return { reason: `The field list of ${ref.entity} ${ref.row_id} is damaged` };
  const select = selectOf(decl);
  const fields = listed ?? select.fields;
  const needsRow = fields.some((f) => !Object.hasOwn(kept, f));
  let row: Record<string, SqlValue> | undefined;
  if (needsRow) {
    if (decl.idOf) return { reason: `The queued ${ref.entity} ${ref.row_id} lost its values` };
    row = r.get<Record<string, SqlValue>>(select.sql, [ref.row_id]);
    if (!row) return { reason: `The ${ref.entity} ${ref.row_id} this change wrote is no longer on this PC` };
  }
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    if (Object.hasOwn(kept, f)) values[f] = kept[f];
    else {
      const column = decl.columns[f];
      if (column === undefined) return { reason: `The queued change names an unknown field ${ref.entity}.${f}` };
      values[f] = (row as Record<string, SqlValue>)[column] ?? null;
    }
  }
  return { entity: ref.entity as EntityName, id: ref.row_id, values };
}

/**
 * The changes of the given outbox ids, as they will be pushed. An entry
 * whose rows cannot be read back gets a reason instead (a sync problem).
 * Ids without rows here (entries of the old shape, with `args`) are absent.
 */
export function readQueued(r: SqlReader, ids: readonly number[]): Map<number, Queued> {
  const out = new Map<number, Queued>();
  if (ids.length === 0) return out;
  const refs = r.all<RowRef>('SELECT outbox_id, seq, entity, row_id, fields, kept FROM outbox_row WHERE outbox_id IN (SELECT value FROM json_each(?)) ORDER BY outbox_id, seq', [
    JSON.stringify(ids),
  ]);
  for (const ref of refs) {
    const so_far = out.get(ref.outbox_id) ?? { changes: [] };
    if ('reason' in so_far) continue;
    const change = changeOf(r, ref);
    out.set(ref.outbox_id, 'reason' in change ? change : { changes: [...so_far.changes, change] });
  }
  return out;
}

/** Rewrites kept values of actor/owner fields (a first sign-in adopting standalone work); returns how many changed. */
export function rewriteKept(w: SqlWriter, rewrite: (entity: EntityDecl, values: Record<string, unknown>) => boolean): number {
  let changed = 0;
  const rows = w.all<{ outbox_id: number; seq: number; entity: string; kept: string }>('SELECT outbox_id, seq, entity, kept FROM outbox_row WHERE kept IS NOT NULL ORDER BY outbox_id, seq');
  for (const row of rows) {
    const decl = DECLS[row.entity];
    const kept = parseObject(row.kept);
    if (!decl || !kept || !rewrite(decl, kept)) continue;
    w.run('UPDATE outbox_row SET kept = ? WHERE outbox_id = ? AND seq = ?', [JSON.stringify(kept), row.outbox_id, row.seq]);
    changed += 1;
  }
  return changed;
}

/** Deletes the rows of answered entries. */
export function removeQueued(w: SqlWriter, ids: readonly number[]): void {
  if (ids.length > 0) w.run('DELETE FROM outbox_row WHERE outbox_id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/**
 * The lean outbox's promise, checked where a write queues it (tests turn it
 * on, HOTLINE_OUTBOX_CHECK=1): what the rows give back is exactly what the
 * write said it wrote. A service that queued values its rows do not hold
 * fails here, at its own test, instead of pushing something else later.
 */
export function assertQueuedMatches(r: SqlReader, outboxId: number, changes: readonly RowChange[]): void {
  const got = readQueued(r, [outboxId]).get(outboxId);
  const want = canonical(changes.map((c) => ({ entity: c.entity, id: c.id, values: c.values })));
  const have = got && 'changes' in got ? canonical(got.changes) : `unreadable: ${got ? got.reason : 'no rows'}`;
  if (have !== want) throw new Error(`Outbox entry ${outboxId} reads back differently from what was written:\n wrote ${want}\n reads ${have}`);
  // And each lww field it wrote carries its clock: the keep trigger watches that clock.
  const hlc = r.get<{ hlc: string }>('SELECT hlc FROM outbox WHERE id = ?', [outboxId])?.hlc;
  for (const c of changes) {
    const decl = DECLS[c.entity];
    if (!decl || decl.kind !== 'lww') continue;
    const text = r.get<{ h: string }>(`SELECT field_hlc AS h FROM ${decl.table} WHERE id = ?`, [c.id])?.h ?? '{}';
    const clocks = parseObject(text) ?? {};
    for (const f of Object.keys(c.values)) {
      const clock = clocks[f] ?? clocks['*'];
      if (clock !== hlc) throw new Error(`Outbox entry ${outboxId} wrote ${c.entity}.${f} of ${c.id} but the row's clock for it is ${String(clock)}, not ${String(hlc)}`);
    }
  }
}

/**
 * Outbox rows selected by `sql` (which must select `id`) with `args` as the
 * `{ changes }` JSON they push: for reading and inspecting the outbox (tests,
 * diagnostics) the way it was stored before the lean shape.
 */
export function withQueuedArgs<T extends { id: number; args?: string }>(r: SqlReader, sql: string, params: readonly SqlValue[] = []): (T & { args: string })[] {
  const rows = r.all<T>(sql, params);
  const queued = readQueued(
    r,
    rows.filter((row) => !row.args).map((row) => row.id),
  );
  return rows.map((row) => {
    if (row.args) return row as T & { args: string };
    const q = queued.get(row.id);
    return { ...row, args: q && 'changes' in q ? JSON.stringify({ changes: q.changes }) : '' };
  });
}
