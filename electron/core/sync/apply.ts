import { z } from 'zod';
import type { ConsoleKind } from '../../../shared/desk/schema.js';
import { APPLY_ORDER, CREATED_HLC_KEY, ENTITIES, EntityNameSchema, fieldHlcOf, type EntityDecl, type EntityName, type FieldHlc } from '../../../shared/sync/entities.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import type { SqlValue, SqlWriter } from '../store/types.js';
import { SyncError } from './http.js';

/**
 * Applies rows as the server holds them to the local tables, generically from
 * the entity declarations (shared/sync/entities.ts): no per-entity code, and
 * SQL is built once per entity from the DECLARED table and column names only,
 * never from field names found on the wire.
 *
 * - `append` rows are inserted once (INSERT ... ON CONFLICT DO NOTHING).
 * - `lww` rows are inserted if missing; otherwise each field takes the
 *   server's value when the server's clock for it is >= the local one, and
 *   keeps the local value otherwise (a pending local edit stays on top; it
 *   wins on the server too when it is pushed). The merged clocks are stored.
 * - A row whose parent (a foreign key) is not here yet waits in sync_deferred
 *   and is applied as soon as the parent arrives.
 */

interface Plan {
  decl: EntityDecl;
  /** accepts the values only if `values` would (see fastCheckOf); null: always ask zod */
  fastCheck: ((values: Record<string, unknown>) => boolean) | null;
  /** wire fields, in the order of `columns` */
  fields: readonly string[];
  columns: readonly string[];
  /** the row has its own `id` column (no composite key) */
  hasId: boolean;
  values: z.ZodObject;
  /** columns of `insert`, in parameter order: [id?, ...columns, field_hlc?] */
  insertColumns: readonly string[];
  insert: string;
  select?: string;
  update?: string;
}

/** The parts of a zod schema's definition the fast check understands; anything else means "ask zod". */
interface SchemaDef {
  type?: unknown;
  coerce?: unknown;
  innerType?: { _zod: { def: SchemaDef } };
  entries?: Record<string, unknown>;
  checks?: readonly { _zod: { def: CheckDef } }[];
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  catchall?: unknown;
}
interface CheckDef {
  check?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  format?: unknown;
  pattern?: unknown;
  when?: unknown;
}
type FieldCheck = (v: unknown) => boolean;

/** A string field's checks: length bounds and patterns only (what entities.ts uses for text), else null. */
function stringCheckOf(def: SchemaDef): FieldCheck | null {
  if (def.type !== 'string' || def.coerce) return null;
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    // zod guards length checks with "the value has a length", always true of the string checked here; any other condition is not understood.
    const lengthGuard = d.when === undefined || (typeof d.when === 'function' && d.when.name === '_whenHasLength');
    if (d.check === 'max_length' && typeof d.maximum === 'number' && lengthGuard) max = Math.min(max, d.maximum);
    else if (d.check === 'min_length' && typeof d.minimum === 'number' && lengthGuard) min = Math.max(min, d.minimum);
    else if (d.check === 'string_format' && d.format === 'regex' && d.pattern instanceof RegExp && d.when === undefined) patterns.push(d.pattern);
    else return null;
  }
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return false;
    for (const p of patterns) {
      p.lastIndex = 0; // as zod does: a /g pattern keeps state between tests
      if (!p.test(v)) return false;
    }
    return true;
  };
}

function fieldCheckOf(def: SchemaDef): FieldCheck | null {
  // An optional key (a field newer than some clients' rows): absent is as valid as zod finds it.
  if (def.type === 'optional' && def.innerType) {
    const inner = fieldCheckOf(def.innerType._zod.def);
    return inner && ((v) => v === undefined || inner(v));
  }
  if (def.type === 'nullable' && def.innerType) {
    const inner = fieldCheckOf(def.innerType._zod.def);
    return inner && ((v) => v === null || inner(v));
  }
  // z.enum of strings only (a TypeScript enum's reverse mappings are not values).
  if (def.type === 'enum' && def.entries && !def.checks?.length && Object.entries(def.entries).every(([k, v]) => k === v)) {
    const allowed = new Set<unknown>(Object.keys(def.entries));
    return (v) => typeof v === 'string' && allowed.has(v);
  }
  return stringCheckOf(def);
}

/**
 * A plain-JavaScript check equivalent to the entity's zod schema for the
 * kinds of fields entities.ts declares (bounded, patterned text, nullable,
 * enums), built from the schema's own definition: a first sync validates
 * 240k rows, and zod's generic machinery cost it about a second. It only
 * ever says "valid" when zod would; a false goes to zod, which decides and
 * words the error. A schema with anything else (a refinement, a transform,
 * a default, a catchall) gets no fast check at all.
 */
function fastCheckOf(schema: z.ZodObject): Plan['fastCheck'] {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  if (def.type !== 'object' || !def.shape || def.catchall !== undefined || def.checks?.length) return null;
  const fields: [string, FieldCheck][] = [];
  for (const [name, field] of Object.entries(def.shape)) {
    const check = fieldCheckOf(field._zod.def);
    if (!check) return null;
    fields.push([name, check]);
  }
  return (values) => {
    for (const [name, check] of fields) if (!check(values[name])) return false;
    return true;
  };
}

function planFor(decl: EntityDecl): Plan {
  const fields = Object.keys(decl.columns);
  const columns = fields.map((f) => decl.columns[f] as string);
  const hasId = !decl.idOf;
  if (decl.kind === 'lww' && !hasId) throw new Error(`lww entity ${decl.name} must have an id column`);
  const insertColumns = [...(hasId ? ['id'] : []), ...columns, ...(decl.kind === 'lww' ? ['field_hlc'] : [])];
  // Pulled rows are full rows; fields a newer server adds are ignored rather than refused.
  const values = z.object(decl.schema.shape);
  const plan: Plan = {
    decl,
    fastCheck: fastCheckOf(values),
    fields,
    columns,
    hasId,
    values,
    insertColumns,
    insert: `INSERT INTO ${decl.table} (${insertColumns.join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  };
  if (decl.kind === 'lww') {
    plan.select = `SELECT ${columns.join(', ')}, field_hlc FROM ${decl.table} WHERE id = ?`;
    plan.update = `UPDATE ${decl.table} SET ${columns.map((c) => `${c} = ?`).join(', ')}, field_hlc = ? WHERE id = ?`;
  }
  return plan;
}

const PLANS = Object.fromEntries(Object.values(ENTITIES).map((d) => [d.name, planFor(d)])) as Record<EntityName, Plan>;
export type { Plan as EntityPlan };

export function entityPlan(entity: EntityName): Plan {
  return PLANS[entity];
}

function toSql(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

export function parseFieldHlc(text: unknown): FieldHlc {
  if (typeof text !== 'string' || text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * Fields to take from the server even though the local clock is newer: the
 * local value was written by a mutation the server refused (its clock is the
 * mutation's HLC). Key `entity|id`, value field -> that HLC. A field whose
 * local clock is different was written again since, and stays.
 */
export type ForceMap = Map<string, Map<string, string>>;
export const rowKey = (entity: string, id: string): string => `${entity}|${id}`;

export interface ApplyOptions {
  force?: ForceMap;
  /** first sync into a (mostly) empty table: try the insert before looking for a local row */
  insertFirst?: boolean;
  /** look up the tickets and articles each row touches (off for a first sync: every window reloads anyway) */
  collectTickets?: boolean;
}

export interface ApplyResult {
  /** rows whose local values changed (inserted, or a field taken from the server) */
  changed: number;
  /** rows now waiting for a parent */
  deferred: number;
  /** tickets to refresh in open windows (the row, or a child or customer of it, changed) */
  tickets: Set<string>;
  /** articles to refresh (the article, or its version, vote or use, changed) */
  articles: Set<string>;
  /** kinds of desk records to reload in open windows (console:changed) */
  desk: Set<ConsoleKind>;
  /** the newest clock seen, for the local HLC */
  maxHlc: string | null;
}

export function isForeignKeyError(e: unknown): boolean {
  return e instanceof Error && /FOREIGN KEY constraint failed/.test(e.message);
}

function valuesOf(plan: Plan, row: PulledRow): Record<string, unknown> {
  // Callers read only the declared fields, so the unchecked extras zod would strip do no harm.
  if (plan.fastCheck?.(row.values)) return row.values;
  const parsed = plan.values.safeParse(row.values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError('server', 'SYNC_SERVER_ERROR', `The server sent an invalid ${row.entity} ${row.id}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data as Record<string, unknown>;
}

/** The row's values, validated against its entity's schema, as `insert` parameters [id?, ...values, field_hlc?], appended to `out`. */
export function insertParamsOf(plan: Plan, row: PulledRow, out: SqlValue[] = []): SqlValue[] {
  const values = valuesOf(plan, row);
  if (plan.hasId) out.push(row.id);
  for (const f of plan.fields) out.push(toSql(values[f]));
  if (plan.decl.kind === 'lww') out.push(JSON.stringify(row.fieldHlc));
  return out;
}

/** Applies one row; returns whether local values changed. Throws on a missing parent (foreign key). */
function applyOne(w: SqlWriter, row: PulledRow, opts: ApplyOptions): boolean {
  const plan = PLANS[row.entity];
  const insertParams = insertParamsOf(plan, row);
  if (plan.decl.kind !== 'lww') return w.run(plan.insert, insertParams).changes > 0;
  if (opts.insertFirst && w.run(plan.insert, insertParams).changes > 0) return true;
  const sqlValues = insertParams.slice(1, -1);
  const local = w.get<Record<string, SqlValue>>(plan.select as string, [row.id]);
  if (!local) return w.run(plan.insert, insertParams).changes > 0;

  const localHlc = parseFieldHlc(local.field_hlc);
  const forced = opts.force?.get(rowKey(row.entity, row.id));
  const star = row.fieldHlc[CREATED_HLC_KEY] ?? localHlc[CREATED_HLC_KEY];
  const merged: FieldHlc = star ? { [CREATED_HLC_KEY]: star } : {};
  const next: SqlValue[] = [];
  let valuesChanged = false;
  plan.fields.forEach((f, i) => {
    const column = plan.columns[i] as string;
    const serverClock = fieldHlcOf(row.fieldHlc, f);
    const localClock = fieldHlcOf(localHlc, f);
    const refused = forced?.get(f);
    const takeServer = (refused !== undefined && localClock === refused) || localClock === undefined || (serverClock !== undefined && serverClock >= localClock);
    const value = takeServer ? (sqlValues[i] as SqlValue) : (local[column] ?? null);
    const clock = takeServer ? serverClock : localClock;
    if (clock !== undefined && clock !== star) merged[f] = clock;
    if (value !== (local[column] ?? null)) valuesChanged = true;
    next.push(value);
  });
  const mergedText = JSON.stringify(merged);
  if (!valuesChanged && mergedText === local.field_hlc) return false;
  w.run(plan.update as string, [...next, mergedText, row.id]);
  return valuesChanged;
}

/** The desk records each synced entity is shown as (console:changed kinds). */
const DESK_KINDS: Partial<Record<EntityName, ConsoleKind>> = {
  agent_state: 'agents',
  call: 'calls',
  call_ticket: 'calls',
  handoff: 'handoffs',
  work_order: 'workOrders',
  callback: 'callbacks',
  follow_up: 'followUps',
  setting: 'config',
  quality_review: 'quality',
  // ---- announcements and defects (issue 15 points 4-5)
  announcement: 'announcements',
  announcement_ack: 'announcements',
  announcement_ticket: 'announcements',
  defect: 'defects',
  defect_ticket: 'defects',
  // ---- attendance plan (issue 16 points 2-3)
  shift_type: 'plan',
  holiday: 'plan',
  roster_entry: 'plan',
  // ---- duty roster (issue 16 point 7)
  duty_entry: 'duty',
  // ---- attendance: corrections and overtime claims (issue 16 points 4-5)
  attendance_correction: 'attendance',
  overtime_claim: 'attendance',
  // ---- teams, seats and skills (issue 16 point 1)
  team: 'teams',
  skill: 'teams',
  agent_profile: 'teams',
};

/**
 * Tickets (the ticket, its history, its customer, a record about it) and
 * articles (the article, its records) whose view changed with this row, and
 * the kind of desk record it is.
 */
function touchedTickets(w: SqlWriter, row: PulledRow, into: Pick<ApplyResult, 'tickets' | 'articles' | 'desk'>): void {
  const v = row.values;
  const kind = DESK_KINDS[row.entity];
  if (kind) {
    into.desk.add(kind);
    // a hand-off, work order, callback, follow-up or call link shows on its ticket's page too
    if (typeof v.ticketId === 'string') into.tickets.add(v.ticketId);
    return;
  }
  switch (row.entity) {
    case 'ticket':
      into.tickets.add(row.id);
      return;
    case 'ticket_history':
    case 'ticket_note':
      if (typeof v.ticketId === 'string') into.tickets.add(v.ticketId);
      return;
    case 'article':
      into.articles.add(row.id);
      return;
    case 'article_version':
    case 'article_vote':
    case 'article_use':
      if (typeof v.articleId === 'string') into.articles.add(v.articleId);
      return;
    case 'customer':
    case 'customer_phone': {
      const customerId = row.entity === 'customer' ? row.id : v.customerId;
      if (typeof customerId !== 'string') return;
      for (const t of w.all<{ id: string }>('SELECT id FROM tickets WHERE customer_id = ? LIMIT 1000', [customerId])) into.tickets.add(t.id);
      return;
    }
  }
}

export function newest(row: PulledRow, current: string | null): string | null {
  let max = current;
  for (const h of Object.values(row.fieldHlc)) if (max === null || h > max) max = h;
  return max;
}

export interface ForeignKey {
  /** wire field holding the parent's key (or `id`) */
  field: string;
  table: string;
  column: string;
}

const DECLARED_TABLES = new Set<string>(Object.values(ENTITIES).map((d) => d.table));
const foreignKeys = new Map<string, ForeignKey[]>();

/** The table's foreign keys from SQLite itself, as wire fields (declared tables and columns only). */
export function foreignKeysOf(w: SqlWriter, plan: Plan): ForeignKey[] {
  const known = foreignKeys.get(plan.decl.table);
  if (known) return known;
  const fieldOf = new Map<string, string>(plan.columns.map((c, i) => [c, plan.fields[i] as string]));
  if (plan.hasId) fieldOf.set('id', 'id');
  const fks = w
    .all<{ table: string; from: string; to: string | null }>(`SELECT "table", "from", "to" FROM pragma_foreign_key_list('${plan.decl.table}')`)
    .flatMap((fk) => {
      const field = fieldOf.get(fk.from);
      return field && DECLARED_TABLES.has(fk.table) && fk.to && /^[a-z_]+$/.test(fk.to) ? [{ field, table: fk.table, column: fk.to }] : [];
    });
  foreignKeys.set(plan.decl.table, fks);
  return fks;
}

/** The first parent the row points to that is not here, or null if none can be named. */
function missingParent(w: SqlWriter, row: PulledRow): { fk: ForeignKey; key: string } | null {
  const plan = PLANS[row.entity];
  for (const fk of foreignKeysOf(w, plan)) {
    const key = fk.field === 'id' ? row.id : row.values[fk.field];
    if (typeof key !== 'string') continue;
    if (!w.get(`SELECT 1 AS found FROM ${fk.table} WHERE ${fk.column} = ?`, [key])) return { fk, key };
  }
  return null;
}

export function defer(w: SqlWriter, row: PulledRow): void {
  const missing = missingParent(w, row);
  w.run(
    `INSERT INTO sync_deferred (entity, id, seq, row, parent_table, parent_column, parent_key) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET seq = excluded.seq, row = excluded.row, parent_table = excluded.parent_table,
       parent_column = excluded.parent_column, parent_key = excluded.parent_key
     WHERE excluded.seq >= sync_deferred.seq`,
    [row.entity, row.id, row.seq, JSON.stringify(row), missing?.fk.table ?? null, missing?.fk.column ?? null, missing?.key ?? null],
  );
}

/**
 * Waiting rows whose missing parent is here now (or whose parent is not
 * known), oldest first. One query per kind of parent: a first sync may hold
 * tens of thousands of rows waiting for customers renamed at its very end.
 */
function readyToRetry(w: SqlWriter): PulledRow[] {
  const kinds = w.all<{ parent_table: string | null; parent_column: string | null }>('SELECT DISTINCT parent_table, parent_column FROM sync_deferred');
  let rows: { row: string; seq: number }[] = [];
  for (const k of kinds) {
    const known = k.parent_table !== null && k.parent_column !== null && DECLARED_TABLES.has(k.parent_table) && /^[a-z_]+$/.test(k.parent_column);
    const ready = known
      ? w.all<{ row: string; seq: number }>(
          `SELECT d.row, d.seq FROM sync_deferred d WHERE d.parent_table = ? AND d.parent_column = ?
             AND EXISTS (SELECT 1 FROM ${k.parent_table} p WHERE p.${k.parent_column} = d.parent_key)`,
          [k.parent_table, k.parent_column],
        )
      : w.all<{ row: string; seq: number }>('SELECT row, seq FROM sync_deferred WHERE parent_table IS ? AND parent_column IS ?', [k.parent_table, k.parent_column]);
    rows = rows.concat(ready);
  }
  return rows.sort((a, b) => a.seq - b.seq).map((r) => parseBulkLine(r.row));
}

/**
 * The batch in APPLY_ORDER (parents first), each entity's rows in sequence
 * order, only the newest version of a row that appears twice. Buckets, not a
 * comparison sort.
 */
function parentsFirst(rows: readonly PulledRow[]): PulledRow[] {
  const buckets = new Map<string, PulledRow[]>(APPLY_ORDER.map((e) => [e, []]));
  const latestSeq = new Map<string, number>();
  for (const row of rows) {
    const key = rowKey(row.entity, row.id);
    const seen = latestSeq.get(key);
    if (seen !== undefined && seen > row.seq) continue;
    latestSeq.set(key, row.seq);
    let bucket = buckets.get(row.entity);
    if (!bucket) buckets.set(row.entity, (bucket = []));
    bucket.push(row);
  }
  const out: PulledRow[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.some((r, i) => i > 0 && r.seq < (bucket[i - 1] as PulledRow).seq)) bucket.sort((a, b) => a.seq - b.seq);
    for (const row of bucket) if (latestSeq.get(rowKey(row.entity, row.id)) === row.seq) out.push(row);
  }
  return out;
}

/** Applies one row of a batch: changed rows are counted, a row missing its parent waits in sync_deferred. */
export function applyTracked(w: SqlWriter, row: PulledRow, opts: ApplyOptions, waiting: Set<string>, result: ApplyResult): void {
  result.maxHlc = newest(row, result.maxHlc);
  const key = rowKey(row.entity, row.id);
  let changed: boolean;
  try {
    changed = applyOne(w, row, opts);
  } catch (e) {
    if (!isForeignKeyError(e)) throw e;
    defer(w, row);
    waiting.add(key);
    return;
  }
  if (waiting.delete(key)) w.run('DELETE FROM sync_deferred WHERE entity = ? AND id = ?', [row.entity, row.id]);
  if (changed) {
    result.changed += 1;
    if (opts.collectTickets !== false) touchedTickets(w, row, result);
  }
}

export function finish(w: SqlWriter, opts: ApplyOptions, waiting: Set<string>, result: ApplyResult): void {
  if (waiting.size > 0) applyDeferred(w, opts, result);
  result.deferred = waiting.size > 0 ? (w.get<{ n: number }>('SELECT COUNT(*) AS n FROM sync_deferred')?.n ?? 0) : 0;
}

export function waitingRows(w: SqlWriter): Set<string> {
  return new Set(w.all<{ entity: string; id: string }>('SELECT entity, id FROM sync_deferred').map((r) => rowKey(r.entity, r.id)));
}

/**
 * Applies a batch inside the caller's transaction: parents first
 * (APPLY_ORDER), the newest version of a row when it appears twice, then any
 * deferred rows whose parent is now here.
 */
export function applyRows(w: SqlWriter, rows: readonly PulledRow[], opts: ApplyOptions = {}): ApplyResult {
  const waiting = waitingRows(w);
  const result: ApplyResult = { changed: 0, deferred: 0, tickets: new Set(), articles: new Set(), desk: new Set(), maxHlc: null };
  for (const row of parentsFirst(rows)) applyTracked(w, row, opts, waiting, result);
  finish(w, opts, waiting, result);
  return result;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One /sync/bulk row: PulledRowSchema's shape, checked without copying
 * `values` (400k of them in a first sync); the values are then validated in
 * full against their entity's schema by applyOne, before anything is written.
 */
const BulkRowSchema = z.object({
  entity: EntityNameSchema,
  id: z.string(),
  values: z.custom<Record<string, unknown>>(isRecord, 'values must be an object'),
  fieldHlc: z.custom<Record<string, string>>((v) => isRecord(v) && Object.values(v).every((h) => typeof h === 'string'), 'fieldHlc must map fields to clocks'),
  seq: z.number().int().positive(),
});

const ENTITY_NAMES = new Set<string>(EntityNameSchema.options);

/**
 * BulkRowSchema's common case in plain JavaScript (zod's object machinery
 * cost a first sync a third of a second): the same row it would output
 * (its five fields, in its order), or null to let zod decide and word the
 * error. Stricter than zod only where zod then decides (a seq that is not a
 * safe integer).
 */
function bulkRowOf(raw: unknown): PulledRow | null {
  if (!isRecord(raw)) return null;
  const { entity, id, values, fieldHlc, seq } = raw;
  if (typeof entity !== 'string' || !ENTITY_NAMES.has(entity) || typeof id !== 'string' || !isRecord(values) || !isRecord(fieldHlc)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return null;
  for (const h of Object.values(fieldHlc)) if (typeof h !== 'string') return null;
  return { entity: entity as EntityName, id, values, fieldHlc: fieldHlc as Record<string, string>, seq };
}

/** A row as JSON text (a /sync/bulk line, or a waiting row read back from sync_deferred). */
export function parseBulkLine(line: string): PulledRow {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new SyncError('server', 'SYNC_SERVER_ERROR', 'A pulled row is not JSON');
  }
  const fast = bulkRowOf(raw);
  if (fast) return fast;
  const row = BulkRowSchema.safeParse(raw);
  if (!row.success) throw new SyncError('server', 'SYNC_SERVER_ERROR', `A pulled row is malformed: ${row.error.issues[0]?.message ?? 'invalid'}`);
  return row.data;
}

/**
 * Retries waiting rows, parents first, until a pass makes no progress. They
 * are older versions than anything pulled since, so they merge by clock only
 * (no forcing).
 */
function applyDeferred(w: SqlWriter, opts: ApplyOptions, result: ApplyResult): void {
  for (let progress = true; progress; ) {
    progress = false;
    for (const row of parentsFirst(readyToRetry(w))) {
      let changed: boolean;
      try {
        changed = applyOne(w, row, {});
      } catch (e) {
        if (!isForeignKeyError(e)) throw e;
        defer(w, row); // another parent is missing now: wait for that one
        continue;
      }
      w.run('DELETE FROM sync_deferred WHERE entity = ? AND id = ?', [row.entity, row.id]);
      progress = true;
      if (changed) {
        result.changed += 1;
        if (opts.collectTickets !== false) touchedTickets(w, row, result);
      }
    }
  }
}
