import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { HybridClock } from '../../../shared/hlc.js';
import { uuidv7 } from './ids.js';
import type { Store } from '../store/index.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import type { EntityName } from '../../../shared/sync/entities.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { assertQueuedMatches, queueRows } from '../sync/outboxRows.js';

/**
 * What every domain service needs: the store, who is acting, and the two
 * sources of non-determinism (time, randomness) — injectable so tests can pin
 * them, and only ever used in TypeScript so journaled SQL stays deterministic.
 */
export interface DomainContext {
  store: Store;
  actorId: string;
  clientId: string;
  clock: HybridClock;
  now: () => number;
  randomBytes: (size: number) => Uint8Array;
  newId: () => string;
}

/** meta keys; the client id names this data folder's HLC node and outbox. */
const META_CLIENT_ID = 'client_id';
const META_LAST_HLC = 'hlc_last';
const META_OUTBOX_NEXT = 'outbox_next_id';

export function getMeta(r: SqlReader, key: string): string | undefined {
  return r.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value;
}

export function setMeta(w: SqlWriter, key: string, value: string): void {
  w.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

export interface DomainContextOptions {
  actorId: string;
  now?: () => number;
  randomBytes?: (size: number) => Uint8Array;
  newId?: () => string;
}

/**
 * Loads (or on first open creates) the data folder's client id and restores
 * the clock from the last persisted HLC, so timestamps stay monotonic across
 * restarts even if the PC clock was set back.
 */
export function createDomainContext(store: Store, opts: DomainContextOptions): DomainContext {
  const now = opts.now ?? Date.now;
  let clientId = store.read((r) => getMeta(r, META_CLIENT_ID));
  if (!clientId) {
    // HLC node ids allow [A-Za-z0-9_]{1,32}; 64 random bits tell a center's PCs apart
    // and keep every HLC stamped on rows and outbox entries short.
    const fresh = randomUUID().replace(/-/g, '').slice(0, 16);
    store.write((w) => setMeta(w, META_CLIENT_ID, fresh));
    clientId = fresh;
  }
  const last = store.read((r) => lastIssuedHlc(r));
  return {
    store,
    actorId: opts.actorId,
    clientId,
    clock: new HybridClock(clientId, now, last),
    now,
    randomBytes: opts.randomBytes ?? ((size) => nodeRandomBytes(size)),
    newId: opts.newId ?? (() => uuidv7(now())),
  };
}

/** One HLC and wall-clock time for everything a write transaction records. */
export interface Stamp {
  hlc: string;
  at: string;
}

/**
 * Call inside the write transaction that uses the stamp; the outbox row it
 * stamps is what a restart resumes the clock from. If the transaction rolls
 * back, the in-memory clock has still advanced, which only skips a value and
 * never breaks monotonicity.
 */
export function stamp(ctx: DomainContext): Stamp {
  const hlc = ctx.clock.tick();
  return { hlc, at: new Date(ctx.now()).toISOString() };
}

/**
 * The newest HLC this folder issued. Every write stamps an outbox row, and
 * outbox ids grow with the clock, so the newest row (a primary-key lookup, not
 * a scan: this runs on every start) holds it; no meta row is upserted per
 * write (a third of the statements a cold start replays). Whoever deletes
 * acknowledged outbox rows (sync) must first record their newest HLC in meta
 * `hlc_last` and the next id in `outbox_next_id`.
 */
export function lastIssuedHlc(r: SqlReader): string | undefined {
  const row = r.get<{ h: string | null }>(
    `SELECT MAX(h) AS h FROM (
       SELECT value AS h FROM meta WHERE key = ?
       UNION ALL SELECT hlc FROM (SELECT hlc FROM outbox ORDER BY id DESC LIMIT 1))`,
    [META_LAST_HLC],
  );
  return row?.h ?? undefined;
}

export interface OutboxEntry {
  /** operation name, the contract channel that caused it, e.g. `tickets:create` */
  name: string;
  /** the main row the mutation is about (indexed, for "pending edits of X") */
  entity: EntityName;
  entityId: string;
  /**
   * Every row the transaction wrote, in the sync protocol's shape: an `lww`
   * row with the fields written, an `append` record whole. The outbox keeps
   * which rows and fields (migration 0026_lean_outbox), not a second copy of
   * the values: the push reads them back from the rows, so these must be
   * exactly the values the rows now hold, with this stamp's clock on every
   * lww field written (checked under HOTLINE_OUTBOX_CHECK=1, as the tests run).
   */
  changes: RowChange[];
}

const CHECK_QUEUED = process.env.HOTLINE_OUTBOX_CHECK === '1';

/** Queues a mutation for sync in the caller's transaction; returns the mutation id. */
export function appendOutbox(w: SqlWriter, s: Stamp, entry: OutboxEntry): number {
  // Max of the live rows and the floor left by purged ones: no meta upsert per write.
  const row = w.get<{ next: number }>('SELECT MAX(COALESCE((SELECT MAX(id) FROM outbox), 0) + 1, CAST(COALESCE((SELECT value FROM meta WHERE key = ?), 1) AS INTEGER)) AS next', [META_OUTBOX_NEXT]);
  const next = row?.next ?? 1;
  // args '': the values are the rows' (outbox_row); only entries of the old shape carry a copy.
  w.run("INSERT INTO outbox (id, name, entity, entity_id, args, hlc, history_id, created_at) VALUES (?, ?, ?, ?, '', ?, NULL, ?)", [next, entry.name, entry.entity, entry.entityId, s.hlc, s.at]);
  queueRows(w, next, s.hlc, entry.changes);
  if (CHECK_QUEUED) assertQueuedMatches(w, next, entry.changes);
  return next;
}

/**
 * Per-field clocks of a row: `{ field: hlc }`. A new row gets `{ "*": hlc }`:
 * every field carries the creation clock until it is written again, without
 * repeating the clock per field. Readers take `map[field] ?? map['*']`.
 */
export const CREATED_HLC_KEY = '*';
export function fieldHlcOf(map: Record<string, string>, field: string): string | undefined {
  return map[field] ?? map[CREATED_HLC_KEY];
}
export function createdFieldHlc(hlc: string): string {
  return JSON.stringify({ [CREATED_HLC_KEY]: hlc });
}
/** The clocks of the written fields, merged over what the row had. */
export function mergeFieldHlc(previous: string | null | undefined, fields: readonly string[], hlc: string): string {
  let base: Record<string, string> = {};
  if (previous) {
    try {
      const parsed: unknown = JSON.parse(previous);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) base = parsed as Record<string, string>;
    } catch {
      // A damaged map only loses merge precision; the next sync rewrites it.
    }
  }
  for (const f of fields) base[f] = hlc;
  return JSON.stringify(base);
}

/** Escapes LIKE wildcards; use with `ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
