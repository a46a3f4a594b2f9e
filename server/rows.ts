import { ENTITY_NAMES, type EntityName, type FieldHlc } from '../shared/sync/entities.js';
import type { SessionUser } from '../shared/sync/protocol.js';
import type { Queryable } from './db.js';
import { num } from './sql.js';

export interface StoredRow {
  entity: EntityName;
  id: string;
  team: string | null;
  values: Record<string, unknown>;
  fieldHlc: FieldHlc;
  seq: number;
}

interface RawRow {
  entity: string;
  id: string;
  team: string | null;
  values: Record<string, unknown>;
  field_hlc: FieldHlc;
  seq: string | number;
}

const ENTITY_SET = new Set<string>(ENTITY_NAMES);

export function rowKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

function toStored(r: RawRow): StoredRow {
  if (!ENTITY_SET.has(r.entity)) throw new Error(`sync_rows holds an unknown entity ${r.entity}`);
  return { entity: r.entity as EntityName, id: r.id, team: r.team, values: r.values, fieldHlc: r.field_hlc, seq: num(r.seq) };
}

const LOAD = `SELECT s.entity, s.id, s.team, s."values", s.field_hlc, s.seq
  FROM unnest($1::text[], $2::text[]) AS k(entity, id)
  CROSS JOIN LATERAL (SELECT * FROM sync_rows r WHERE r.entity = k.entity AND r.id = k.id) s`;
const LOAD_FOR_UPDATE = `SELECT s.entity, s.id, s.team, s."values", s.field_hlc, s.seq
  FROM unnest($1::text[], $2::text[]) AS k(entity, id)
  CROSS JOIN LATERAL (SELECT * FROM sync_rows r WHERE r.entity = k.entity AND r.id = k.id FOR UPDATE) s`;

/**
 * The current state of many rows in one query, keyed by rowKey. LATERAL: one
 * primary-key lookup per key whatever the statistics say (a plain join may
 * hash the whole table when the planner misjudges it). `forUpdate` locks the
 * rows until the transaction ends, in key order, so that two transactions
 * locking overlapping rows cannot deadlock.
 */
export async function loadRows(tx: Queryable, keys: readonly { entity: string; id: string }[], opts: { forUpdate?: boolean } = {}): Promise<Map<string, StoredRow>> {
  const found = new Map<string, StoredRow>();
  if (keys.length === 0) return found;
  const sorted = [...keys].sort((a, b) => (a.entity === b.entity ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.entity < b.entity ? -1 : 1));
  const rows = await tx.query<RawRow>(opts.forUpdate ? LOAD_FOR_UPDATE : LOAD, [sorted.map((k) => k.entity), sorted.map((k) => k.id)]);
  for (const r of rows) found.set(rowKey(r.entity, r.id), toStored(r));
  return found;
}

/*
 * Pulls render each row to its PulledRow JSON inside the database: the rows
 * go to the client as text without being parsed into objects and serialised
 * again here, which is most of the cost of a first sync of 100k rows.
 * Keyset pages in index order: sync_rows_seq for admins, sync_rows_team_seq
 * (team = $3, so `ORDER BY team, seq` is seq order) for everyone else.
 */
const COLUMNS = 'entity, id, "values", field_hlc AS "fieldHlc", seq';
const PAGE_ALL = `SELECT r.seq, row_to_json(r)::text AS line FROM (SELECT ${COLUMNS} FROM sync_rows WHERE seq > $1 ORDER BY seq LIMIT $2) r ORDER BY r.seq`;
const PAGE_TEAM = `SELECT r.seq, row_to_json(r)::text AS line FROM (SELECT ${COLUMNS} FROM sync_rows WHERE team = $3 AND seq > $1 ORDER BY team, seq LIMIT $2) r ORDER BY r.seq`;

export interface Page {
  /** one PulledRow JSON text per row, in seq order */
  lines: string[];
  /** the seq of each line */
  seqs: number[];
}

/** Rows after `cursor` that `user` may see (callers check requireSyncScope first). */
export async function readPage(db: Queryable, user: SessionUser, cursor: number, limit: number): Promise<Page> {
  const rows =
    user.role === 'admin'
      ? await db.query<{ seq: string | number; line: string }>(PAGE_ALL, [cursor, limit])
      : await db.query<{ seq: string | number; line: string }>(PAGE_TEAM, [cursor, limit, user.team]);
  return { lines: rows.map((r) => r.line), seqs: rows.map((r) => num(r.seq)) };
}

/** The PullResponse JSON text for one page (`more` when the limit was reached). */
export async function pullBody(db: Queryable, user: SessionUser, cursor: number, limit: number): Promise<string> {
  // One extra row tells whether more are waiting without a second query.
  const page = await readPage(db, user, cursor, limit + 1);
  const more = page.lines.length > limit;
  const lines = more ? page.lines.slice(0, limit) : page.lines;
  const next = lines.length > 0 ? (page.seqs[lines.length - 1] as number) : cursor;
  return `{"rows":[${lines.join(',')}],"cursor":${next},"more":${more}}`;
}

export const BULK_PAGE = 10_000;

/** NDJSON for /sync/bulk: pages by keyset on seq, so memory stays flat for any number of rows. */
export async function* bulkLines(db: Queryable, user: SessionUser, from: number, counter: { rows: number }): AsyncGenerator<string> {
  let cursor = from;
  for (;;) {
    const page = await readPage(db, user, cursor, BULK_PAGE);
    if (page.lines.length > 0) yield page.lines.join('\n') + '\n';
    counter.rows += page.lines.length;
    cursor = page.seqs[page.seqs.length - 1] ?? cursor;
    if (page.lines.length < BULK_PAGE) break;
  }
  yield JSON.stringify({ end: true, cursor, rows: counter.rows }) + '\n';
}
