import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ConsoleKindSchema, type ConsoleKind } from '../../../shared/desk/schema.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import type { Store } from '../store/index.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { applyRows } from './apply.js';
import { BulkApplier } from './bulkApply.js';
import { SyncError, type SyncHttp } from './http.js';
import { pendingCount } from './outbox.js';
import { getMeta, setMeta } from '../domain/context.js';
import { META, raiseMeta, readCursor, writeCursor } from './syncMeta.js';

/**
 * Pull: every row changed since the cursor, page by page, each page applied
 * in ONE store.write together with the new cursor (a crash between pages
 * resumes from the last applied page). A new PC's first sync streams
 * /sync/bulk instead and applies large chunks with Store.bulkWrite.
 */

export interface PullDeps {
  store: Store;
  http: SyncHttp;
  /** merges a remote clock into the local HLC; returns the local clock to persist, or null if refused (drift) */
  receive: (hlc: string) => string | null;
  /** tickets to refresh; `all` after a first-sync chunk */
  onTickets: (ids: Set<string> | 'all') => void;
  /** articles to refresh; `all` after a first-sync chunk */
  onArticles?: (ids: Set<string> | 'all') => void;
  /** kinds of desk records changed by pulled rows (all of them after a first sync) */
  onDesk?: (kinds: Set<ConsoleKind>) => void;
  signal: AbortSignal;
  /** rows per first-sync chunk, fixed (tests); default: growing, see nextChunkRows */
  bulkChunkRows?: number;
  /** save a first-sync chunk when this long passed since the last save (tests); default BULK_SAVE_EVERY_MS */
  bulkSaveEveryMs?: number;
}

export interface PullOutcome {
  rows: number;
  cursor: number;
  bulk: boolean;
}

/**
 * Rows per first-sync chunk. A durable chunk ends in a checkpoint that writes
 * the whole (growing) database twice, so chunks grow with what is already
 * there: 25k, 25k, 50k, 100k, 100k... keeps the checkpoints' total a small
 * multiple of the final size (fixed 25k chunks wrote 1.2 GB for 100k
 * tickets), while a chunk stays bounded in memory and in how long it holds
 * the core's thread.
 */
const BULK_CHUNK_MIN = 25_000;
const BULK_CHUNK_MAX = 100_000;
/** Page cache while a chunk is applied: index pages stay in memory and are written once, at commit (about 2x faster than the default 2 MB). Reset by the checkpoint. */
const BULK_CACHE_KIB = 65_536;
const PAGE_LIMIT = 1000;
/**
 * A chunk is saved to disk (checkpointed) only when this long has passed
 * since the last saved one; the others stay in memory until then (see
 * Store.bulkWrite's `durable`). A 100k-ticket first sync then writes the
 * database once, at its end, instead of after every chunk (a third of its
 * time), while a much longer one still keeps its progress every half minute.
 * A crash loses only the unsaved chunks, and their cursor with them: the
 * next start pulls them again.
 */
const BULK_SAVE_EVERY_MS = 30_000;

function nextChunkRows(applied: number): number {
  return Math.min(BULK_CHUNK_MAX, Math.max(BULK_CHUNK_MIN, applied));
}

/** Applies one page inside the caller's transaction and lets the local HLC see its clocks. */
function applyPage(w: SqlWriter, rows: readonly PulledRow[], deps: Pick<PullDeps, 'receive'>): { tickets: Set<string>; articles: Set<string>; desk: Set<ConsoleKind>; changed: number } {
  const applied = applyRows(w, rows);
  if (applied.maxHlc) {
    // Persisted so a restart never issues a clock below one already seen (an edit would lose to an older one).
    const local = deps.receive(applied.maxHlc);
    if (local) raiseMeta(w, META.hlcLast, local, 'text');
  }
  return { tickets: applied.tickets, articles: applied.articles, desk: applied.desk, changed: applied.changed };
}

/** First sync: nothing pulled yet, and nothing local waiting to be merged (or nothing local at all). */
function wantsBulk(r: SqlReader): boolean {
  if (readCursor(r) !== 0 || getMeta(r, META.firstSyncDone) === '1') return false;
  if (pendingCount(r) === 0) return true;
  return (r.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')?.n ?? 0) === 0;
}

export async function pullAll(deps: PullDeps): Promise<PullOutcome> {
  if (deps.store.read(wantsBulk)) return bulkSync(deps);
  let cursor = deps.store.read(readCursor);
  let rows = 0;
  for (;;) {
    if (deps.signal.aborted) throw new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
    const page = await deps.http.pull(cursor, PAGE_LIMIT);
    if (page.more && page.cursor <= cursor) throw new SyncError('server', 'SYNC_SERVER_ERROR', `The server says more rows wait after ${cursor} but did not move the cursor`);
    const next = Math.max(cursor, page.cursor);
    const { tickets, articles, desk } = deps.store.write((w) => {
      const result = applyPage(w, page.rows, deps);
      writeCursor(w, next);
      return result;
    });
    cursor = next;
    rows += page.rows.length;
    if (tickets.size > 0) deps.onTickets(tickets);
    if (articles.size > 0) deps.onArticles?.(articles);
    if (desk.size > 0) deps.onDesk?.(desk);
    if (!page.more) break;
  }
  return { rows, cursor, bulk: false };
}

/**
 * Streams /sync/bulk and applies it in chunks with Store.bulkWrite (saved to
 * disk every BULK_SAVE_EVERY_MS and at the end). A full
 * chunk is applied when the next line arrives, so the last one goes with the
 * end line's cursor (no extra checkpoint). A chunk's cursor is stored only
 * while everything so far came in sequence order (then every row up to it
 * has arrived), and never past a row still held for its parent; otherwise
 * only the end's, and an interrupted first sync starts over (applying a row
 * twice is harmless: inserts are idempotent and fields merge by clock).
 */
async function bulkSync(deps: PullDeps): Promise<PullOutcome> {
  const start = deps.store.read(readCursor);
  let lines: string[] = [];
  let rows = 0;
  let inOrder = true;
  let cursor = start;
  let limit = deps.bulkChunkRows ?? nextChunkRows(0);
  const applier = new BulkApplier({ insertFirst: true, collectTickets: false });
  const saveEvery = deps.bulkSaveEveryMs ?? BULK_SAVE_EVERY_MS;
  let savedAt = performance.now();
  const flush = (end: number | null): void => {
    const chunk = lines;
    lines = [];
    // The last chunk is always saved: a finished first sync is on disk when it is reported.
    const durable = end !== null || performance.now() - savedAt >= saveEvery;
    deps.store.bulkWrite((w) => {
      w.run(`PRAGMA cache_size = -${BULK_CACHE_KIB}`);
      const applied = applier.apply(w, chunk, end !== null);
      if (applied.rows > 0) inOrder &&= applied.inOrder && applied.firstSeq > cursor;
      cursor = Math.max(cursor, applied.maxSeq, end ?? 0);
      if (applied.maxHlc) {
        const local = deps.receive(applied.maxHlc);
        if (local) raiseMeta(w, META.hlcLast, local, 'text');
      }
      if (end !== null) {
        writeCursor(w, cursor);
        setMeta(w, META.firstSyncDone, '1');
      } else if (inOrder) {
        // Never past a row held in memory for its parent: after a crash it is pulled again.
        const held = applier.oldestHeldSeq;
        writeCursor(w, held === null ? cursor : Math.min(cursor, held - 1));
      }
    }, { durable });
    if (durable) savedAt = performance.now();
    rows += chunk.length;
    deps.onTickets('all');
    deps.onArticles?.('all');
    deps.onDesk?.(new Set(ConsoleKindSchema.options));
  };
  for await (const item of deps.http.bulk(start)) {
    if ('end' in item) {
      flush(item.end.cursor);
      return { rows, cursor, bulk: true };
    }
    if (lines.length >= limit) {
      flush(null);
      limit = deps.bulkChunkRows ?? nextChunkRows(rows);
      // Let calls queued behind the chunk run before the next one.
      await yieldToEventLoop();
      if (deps.signal.aborted) throw new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
    }
    lines.push(item.line);
  }
  throw new SyncError('offline', 'SYNC_OFFLINE', 'The first-sync download was cut off before its end');
}
