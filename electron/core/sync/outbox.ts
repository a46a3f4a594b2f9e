import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, MutationSchema, RowChangeSchema, type Mutation, type RowChange } from '../../../shared/sync/protocol.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { readQueued, removeQueued, type Queued } from './outboxRows.js';
import { META, raiseMeta } from './syncMeta.js';

/**
 * Reading the outbox for push, and removing what the server answered. Rows
 * are pushed in id order (the order they were written). An entry's changes
 * are read back from the rows it wrote (outboxRows.ts, migration
 * 0026_lean_outbox); an entry of the old shape still carries them in `args`.
 */

export interface OutboxRow {
  id: number;
  name: string;
  entity: string;
  entityId: string;
  args: string;
  hlc: string;
  createdAt: string;
}

export interface PushBatch {
  /** valid mutations, in id order, within MAX_PUSH_MUTATIONS and MAX_PUSH_BYTES */
  mutations: Mutation[];
  rows: Map<number, OutboxRow>;
  /** rows that can never be pushed (malformed, or larger than a request may be): they become sync problems */
  invalid: { row: OutboxRow; reason: string }[];
  /** the last outbox id looked at */
  lastId: number;
  /** each entry's changes as pushed (or as far as they could be read): what a problem keeps as the local values */
  changes: Map<number, RowChange[]>;
}

/** Room for `{"clientId":"…","mutations":[…]}` around the mutations. */
const ENVELOPE_BYTES = 1024;
const READ_PAGE = 200;

export function pendingCount(r: SqlReader): number {
  return r.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')?.n ?? 0;
}

export function parseChanges(args: string): RowChange[] {
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed && typeof parsed === 'object' && 'changes' in parsed && Array.isArray(parsed.changes)) {
      return parsed.changes.flatMap((c: unknown) => {
        const change = RowChangeSchema.safeParse(c);
        return change.success ? [change.data] : [];
      });
    }
  } catch {
    // reported by the caller as an invalid mutation
  }
  return [];
}

function toMutation(row: OutboxRow, queued: Queued | undefined): { mutation: Mutation } | { reason: string } {
  let args: unknown;
  if (row.args === '') {
    if (!queued) return { reason: 'The queued change names no rows' };
    if ('reason' in queued) return queued;
    args = { changes: queued.changes };
  } else {
    try {
      args = JSON.parse(row.args);
    } catch {
      return { reason: 'The queued change is not valid JSON' };
    }
  }
  const parsed = MutationSchema.safeParse({ mutationId: row.id, name: row.name, args, hlc: row.hlc });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: `The queued change cannot be sent: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
  }
  return { mutation: parsed.data };
}

/**
 * The next batch after `afterId`. The byte budget counts each mutation's
 * JSON as it will be sent, so the request body stays under MAX_PUSH_BYTES.
 */
export function readBatch(r: SqlReader, afterId: number): PushBatch {
  const batch: PushBatch = { mutations: [], rows: new Map(), invalid: [], lastId: afterId, changes: new Map() };
  let bytes = ENVELOPE_BYTES;
  for (;;) {
    const page = r.all<OutboxRow>(
      'SELECT id, name, entity, entity_id AS entityId, args, hlc, created_at AS createdAt FROM outbox WHERE id > ? ORDER BY id LIMIT ?',
      [batch.lastId, READ_PAGE],
    );
    const queued = readQueued(
      r,
      page.filter((row) => row.args === '').map((row) => row.id),
    );
    for (const row of page) {
      const q = queued.get(row.id);
      const m = toMutation(row, q);
      batch.changes.set(row.id, 'mutation' in m ? m.mutation.args.changes : q && 'changes' in q ? q.changes : parseChanges(row.args));
      if ('reason' in m) {
        batch.invalid.push({ row, reason: m.reason });
        batch.lastId = row.id;
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(m.mutation)) + 1;
      if (size + ENVELOPE_BYTES > MAX_PUSH_BYTES) {
        batch.invalid.push({ row, reason: `The queued change is ${size} bytes, more than a push may carry (${MAX_PUSH_BYTES})` });
        batch.lastId = row.id;
        continue;
      }
      if (batch.mutations.length >= MAX_PUSH_MUTATIONS || bytes + size > MAX_PUSH_BYTES) return batch;
      batch.mutations.push(m.mutation);
      batch.rows.set(row.id, row);
      batch.lastId = row.id;
      bytes += size;
    }
    if (page.length < READ_PAGE) return batch;
  }
}

/**
 * Deletes answered rows. First raises the floors that the newest rows stood
 * for (see lastIssuedHlc / appendOutbox in domain/context.ts): the clock must
 * not restart below an HLC already sent, and an id already used must never
 * be issued again (the server would answer `duplicate` to a new change).
 */
export function removeFromOutbox(w: SqlWriter, rows: readonly OutboxRow[]): void {
  if (rows.length === 0) return;
  let maxId = 0;
  let maxHlc = '';
  for (const row of rows) {
    if (row.id > maxId) maxId = row.id;
    if (row.hlc > maxHlc) maxHlc = row.hlc;
  }
  raiseMeta(w, META.hlcLast, maxHlc, 'text');
  raiseMeta(w, META.outboxNext, String(maxId + 1), 'number');
  const ids = rows.map((r) => r.id);
  w.run('DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
  removeQueued(w, ids);
}
