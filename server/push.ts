import { decodeHlc, HLC_MAX_DRIFT_MS } from '../shared/hlc.js';
import { MutationResultSchema, type Mutation, type MutationResult, type SessionUser } from '../shared/sync/protocol.js';
import { POKE_CHANNEL } from './channels.js';
import type { Db, Queryable } from './db.js';
import { MutationPlan, Rejection, storedToPulled, toPulled, type Touched } from './mutationPlan.js';
import { rowKey } from './rows.js';
import { num, sqlState, UNIQUE_VIOLATION } from './sql.js';
import { canSee } from './visibility.js';

/**
 * Seq numbers are drawn only while holding this transaction-scoped advisory
 * lock, which is held until commit. Seq order is therefore commit order: a
 * pull that has seen seq N can never later meet a row that commits with a
 * smaller seq. Any constant; all instances must agree.
 */
export const PUSH_LOCK_KEY = 7_270_002;

/** Lost a race that PostgreSQL resolved for us (a deadlock, a row created concurrently): run the mutation again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

class RaceLost extends Error {}

export interface PushOutcome {
  result: MutationResult;
  /** highest seq written, or null when nothing was written */
  wrote: number | null;
  /** rows written */
  rows: number;
}

export async function highWaterSeq(db: Queryable): Promise<number> {
  const rows = await db.query<{ seq: string | number }>('SELECT coalesce(max(seq), 0) AS seq FROM sync_rows');
  return num(rows[0]?.seq ?? 0);
}

/** A refusal that needs no data, e.g. a clock far in the future. */
function precheck(m: Mutation, now: number): Rejection | null {
  const wall = decodeHlc(m.hlc).wallMs;
  if (wall - now > HLC_MAX_DRIFT_MS) {
    return new Rejection('CLOCK_AHEAD', `The mutation's clock ${m.hlc} is more than ${HLC_MAX_DRIFT_MS / 60_000} minutes ahead of the server: correct this PC's date and time`);
  }
  return null;
}

/**
 * Applies one mutation exactly once, in its own transaction: all of its
 * changes or none. The mutation row (the idempotency key and the change
 * audit) is written in the same transaction, and so is the poke, which
 * PostgreSQL delivers only once the transaction has committed. A replay
 * answers `duplicate`; a replay of a rejected mutation answers its rejection
 * again, so a client that lost the first answer can never mistake a refused
 * change for an accepted one.
 */
export async function applyMutation(db: Db, user: SessionUser, clientId: string, m: Mutation): Promise<PushOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => applyInTransaction(tx, user, clientId, m));
    } catch (e) {
      // The same mutation, committed meanwhile by a concurrent request (a client retrying while its first push still runs).
      if (sqlState(e) === UNIQUE_VIOLATION && (e as { constraint?: string }).constraint === 'mutations_pkey') {
        return { result: { mutationId: m.mutationId, status: 'duplicate' }, wrote: null, rows: 0 };
      }
      if (attempt < MAX_ATTEMPTS && (e instanceof RaceLost || RETRYABLE.has(sqlState(e) ?? ''))) continue;
      throw e;
    }
  }
}

async function record(tx: Queryable, clientId: string, user: SessionUser, m: Mutation, result: MutationResult): Promise<void> {
  await tx.query('INSERT INTO mutations (client_id, mutation_id, user_id, name, hlc, status, seq, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)', [
    clientId,
    m.mutationId,
    user.id,
    m.name,
    m.hlc,
    result.status,
    result.status === 'applied' || result.status === 'conflict' ? result.seq : null,
    JSON.stringify(result),
  ]);
}

/*
 * Rows (upserted through the primary key whatever the planner thinks; a row
 * keeps the team it was created with), the mutation record and the poke, in
 * one statement. `inserted` tells a new row from an updated one.
 */
const WRITE = `
WITH w AS (
  INSERT INTO sync_rows (entity, id, team, "values", field_hlc, seq)
  SELECT u.entity, u.id, u.team, u.v::jsonb, u.f::jsonb, u.seq
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS u(entity, id, team, v, f, seq)
  ON CONFLICT (entity, id) DO UPDATE SET "values" = excluded."values", field_hlc = excluded.field_hlc, seq = excluded.seq, updated_at = now()
  RETURNING entity, id, (xmax = 0) AS inserted
), recorded AS (
  INSERT INTO mutations (client_id, mutation_id, user_id, name, hlc, status, seq, result) VALUES ($7, $8, $9, $10, $11, $12, $13, $14::jsonb)
  RETURNING seq
), poked AS (
  SELECT pg_notify($15, json_build_object('seq', seq)::text) FROM recorded
)
SELECT w.entity, w.id, w.inserted FROM w CROSS JOIN (SELECT count(*) FROM poked) p`;

async function applyInTransaction(tx: Queryable, user: SessionUser, clientId: string, m: Mutation): Promise<PushOutcome> {
  const seen = await tx.query<{ status: string; result: unknown }>('SELECT status, result FROM mutations WHERE client_id = $1 AND mutation_id = $2', [clientId, m.mutationId]);
  const prior = seen[0];
  if (prior) {
    const stored = MutationResultSchema.safeParse(prior.result);
    const result: MutationResult = prior.status === 'rejected' && stored.success ? stored.data : { mutationId: m.mutationId, status: 'duplicate' };
    return { result, wrote: null, rows: 0 };
  }

  // Read (rows locked) and merge; a rejection writes nothing but the mutation record.
  const plan = new MutationPlan(tx, user, m.hlc);
  try {
    const early = precheck(m, Date.now());
    if (early) throw early;
    await plan.prefetch(m.args.changes);
    for (const change of m.args.changes) await plan.apply(change);
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    const current = [...plan.touched.values()].flatMap((t) => (t.stored && canSee(user, t.stored.team) ? [storedToPulled(t.stored)] : []));
    const result: MutationResult = { mutationId: m.mutationId, status: 'rejected', error: { code: e.code, message: e.message }, current };
    await record(tx, clientId, user, m, result);
    return { result, wrote: null, rows: 0 };
  }

  const touched = [...plan.touched.values()];
  const conflicted = touched.filter((t) => t.lost.size > 0);
  const dirty = touched.filter((t) => t.dirty);
  const outcome = (seq: number | null): MutationResult =>
    conflicted.length === 0
      ? { mutationId: m.mutationId, status: 'applied', seq: seq ?? 0 }
      : {
          mutationId: m.mutationId,
          status: 'conflict',
          seq,
          lost: conflicted.map((t) => ({ entity: t.entity, id: t.id, fields: [...t.lost] })),
          current: conflicted.map(toPulled),
        };
  if (dirty.length === 0) {
    // Nothing to write (every field lost, or records replayed): no seq of its own.
    const result = conflicted.length === 0 ? outcome(await highWaterSeq(tx)) : outcome(null);
    await record(tx, clientId, user, m, result);
    return { result, wrote: null, rows: 0 };
  }

  // From here to commit the push lock is held: two statements and the commit, no reads.
  const alloc = await tx.query<{ last: string | number }>("SELECT setval('sync_seq', nextval('sync_seq') + $2 - 1) AS last FROM pg_advisory_xact_lock($1)", [
    PUSH_LOCK_KEY,
    dirty.length,
  ]);
  const last = num((alloc[0] as { last: string | number }).last);
  dirty.forEach((t, i) => (t.seq = last - dirty.length + 1 + i));
  const result = outcome(last);
  const written = await tx.query<{ entity: string; id: string; inserted: boolean }>(WRITE, [
    dirty.map((t) => t.entity),
    dirty.map((t) => t.id),
    dirty.map((t) => t.team),
    dirty.map((t) => JSON.stringify(t.values)),
    dirty.map((t) => JSON.stringify(t.fieldHlc)),
    dirty.map((t) => t.seq),
    clientId,
    m.mutationId,
    user.id,
    m.name,
    m.hlc,
    result.status,
    last,
    JSON.stringify(result),
    POKE_CHANNEL,
  ]);
  checkWritten(dirty, written);
  return { result, wrote: last, rows: dirty.length };
}

/**
 * A row planned as new that already existed was created by a concurrent push
 * after we read (new rows cannot be locked in advance): the merge was made
 * against the wrong state, so the transaction is rolled back and run again.
 */
function checkWritten(dirty: readonly Touched[], written: readonly { entity: string; id: string; inserted: boolean }[]): void {
  const inserted = new Map(written.map((w) => [rowKey(w.entity, w.id), w.inserted]));
  for (const t of dirty) {
    const wasNew = inserted.get(rowKey(t.entity, t.id));
    if (wasNew === undefined) throw new Error(`${t.entity} ${t.id} was not written`);
    if (wasNew !== (t.stored === null)) throw new RaceLost(`${t.entity} ${t.id} changed under the push`);
  }
}
