import { z } from 'zod';
import { SessionUserSchema, type SessionUser } from '../../../shared/sync/protocol.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/**
 * What sync keeps in the local meta table: the server, who is signed in, the
 * pull cursor and when the last round finished. Never the token (TokenStore).
 */
export const META = {
  server: 'sync_server',
  user: 'sync_user',
  cursor: 'sync_cursor',
  lastSyncedAt: 'sync_last_synced_at',
  paused: 'sync_paused',
  /** the first sync (bulk) finished: later rounds pull pages even while the cursor is 0 (nothing visible yet) */
  firstSyncDone: 'sync_first_done',
  problemNextId: 'sync_problem_next_id',
  hlcLast: 'hlc_last',
  outboxNext: 'outbox_next_id',
} as const;

export interface SyncMeta {
  server: string | null;
  user: SessionUser | null;
  cursor: number;
  lastSyncedAt: string | null;
  paused: boolean;
}

function parseUser(text: string | undefined): SessionUser | null {
  if (!text) return null;
  try {
    const parsed = SessionUserSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const CursorSchema = z.coerce.number().int().min(0);

export function readSyncMeta(r: SqlReader): SyncMeta {
  const cursor = CursorSchema.safeParse(getMeta(r, META.cursor) ?? '0');
  return {
    server: getMeta(r, META.server) ?? null,
    user: parseUser(getMeta(r, META.user)),
    cursor: cursor.success ? cursor.data : 0,
    lastSyncedAt: getMeta(r, META.lastSyncedAt) ?? null,
    paused: getMeta(r, META.paused) === '1',
  };
}

export function readCursor(r: SqlReader): number {
  return readSyncMeta(r).cursor;
}

export function writeCursor(w: SqlWriter, cursor: number): void {
  setMeta(w, META.cursor, String(cursor));
}

export function deleteMeta(w: SqlWriter, key: string): void {
  w.run('DELETE FROM meta WHERE key = ?', [key]);
}

/** Raises a meta value that must never go down (HLC strings compare as text, ids as numbers). */
export function raiseMeta(w: SqlWriter, key: string, value: string, compare: 'text' | 'number'): void {
  const current = getMeta(w, key);
  const higher = current === undefined ? true : compare === 'number' ? Number(value) > Number(current) : value > current;
  if (higher) setMeta(w, key, value);
}
