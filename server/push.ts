import { decodeHlc, HLC_MAX_DRIFT_MS } from '../shared/hlc.js';
import { MutationResultSchema, type Mutation, type MutationResult, type SessionUser } from '../shared/sync/protocol.js';
import { audit } from './audit.js';
import { POKE_CHANNEL } from './channels.js';
import type { Db, Queryable } from './db.js';
import { MutationPlan, Rejection, storedToPulled, toPulled, type Touched } from './mutationPlan.js';
import { loadTicketFamily, rowKey } from './rows.js';
import { HttpError } from './errors.js';
import { num, sqlState, UNIQUE_VIOLATION } from './sql.js';
import { canSeeRow, isGlobal } from './visibility.js';
// ---- teams, seats and skills (issue 16 point 1)
import { checkTeamRows, followProfileTeams } from './teams.js';

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
  INSERT INTO sync_rows (entity, id, team, "values", field_hlc, seq, global, shared)
  SELECT u.entity, u.id, u.team, u.v::jsonb, u.f::jsonb, u.seq, u.g, CASE WHEN u.s IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(u.s::jsonb)) END
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $16::boolean[], $17::text[]) AS u(entity, id, team, v, f, seq, g, s)
  ON CONFLICT (entity, id) DO UPDATE SET "values" = excluded."values", field_hlc = excluded.field_hlc, seq = excluded.seq, shared = excluded.shared, updated_at = now()
  RETURNING entity, id, (xmax = 0) AS inserted
), recorded AS (
  INSERT INTO mutations (client_id, mutation_id, user_id, name, hlc, status, seq, result) VALUES ($7, $8, $9, $10, $11, $12, $13, $14::jsonb)
  RETURNING seq
), poked AS (
  SELECT pg_notify($15, json_build_object('seq', seq)::text) FROM recorded
)
SELECT w.entity, w.id, w.inserted FROM w CROSS JOIN (SELECT count(*) FROM poked) p`;

/**
 * What a group commit (PushQueue, below) keeps across the mutations of one
 * transaction: it took the push lock first, read the mutation records of the
 * whole group in one query, and draws seq numbers itself (nobody else may
 * while it holds the lock), setting the sequence once before commit.
 */
interface GroupState {
  /** records of the group's mutations already on the server, and those written by this group so far */
  priors: Map<string, { status: string; result: unknown }>;
  /** the first seq this group may hand out, and the next one */
  firstSeq: number;
  nextSeq: number;
}

/** The idempotency key: a mutation id is unique per client id of one user (mutations_pkey). */
function mutationKey(userId: string, clientId: string, mutationId: number): string {
  return `${userId}\u0000${clientId}\u0000${mutationId}`;
}

async function applyInTransaction(tx: Queryable, user: SessionUser, clientId: string, m: Mutation, group?: GroupState): Promise<PushOutcome> {
  const outcome = await applyOne(tx, user, clientId, m, group);
  // Any later copy of this mutation in the same group is a replay.
  const key = mutationKey(user.id, clientId, m.mutationId);
  if (group && !group.priors.has(key)) group.priors.set(key, { status: outcome.result.status, result: outcome.result });
  return outcome;
}

async function applyOne(tx: Queryable, user: SessionUser, clientId: string, m: Mutation, group?: GroupState): Promise<PushOutcome> {
  // Only this user's own record answers a replay: another user's answers are never read back.
  const prior = group
    ? group.priors.get(mutationKey(user.id, clientId, m.mutationId))
    : (await tx.query<{ status: string; result: unknown }>('SELECT status, result FROM mutations WHERE user_id = $1 AND client_id = $2 AND mutation_id = $3', [user.id, clientId, m.mutationId]))[0];
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
    plan.verify();
    await checkAssignees(tx, plan.touched.values());
    await checkHandoffTeams(tx, plan.touched.values());
    await plan.shareHandoffs((ticketId, customerId) => loadTicketFamily(tx, ticketId, customerId));
    await checkAttendanceSubjects(tx, user, plan.touched.values());
    await checkTeamRows(tx, plan.touched.values(), Date.now());
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    const current = [...plan.touched.values()].flatMap((t) => (t.stored && canSeeRow(user, t.entity, t.stored.team, t.stored.values, t.stored.shared) ? [storedToPulled(t.stored)] : []));
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
          current: conflicted.filter((t) => canSeeRow(user, t.entity, t.team, t.values, t.shared)).map(toPulled),
        };
  if (dirty.length === 0) {
    // Nothing to write (every field lost, or records replayed): no seq of its own.
    const result = conflicted.length === 0 ? outcome(await highWaterSeq(tx)) : outcome(null);
    await record(tx, clientId, user, m, result);
    return { result, wrote: null, rows: 0 };
  }

  // From here to commit the push lock is held (a group holds it from its start): the write and the commit, no reads.
  let last: number;
  if (group) {
    last = group.nextSeq + dirty.length - 1;
    group.nextSeq = last + 1;
  } else {
    const alloc = await tx.query<{ last: string | number }>("SELECT setval('sync_seq', nextval('sync_seq') + $2 - 1) AS last FROM pg_advisory_xact_lock($1)", [PUSH_LOCK_KEY, dirty.length]);
    last = num((alloc[0] as { last: string | number }).last);
  }
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
    dirty.map((t) => isGlobal(t.entity)),
    dirty.map((t) => (t.shared === null ? null : JSON.stringify(t.shared))),
  ]);
  checkWritten(dirty, written);
  await auditExports(tx, user, dirty);
  await auditAttendance(tx, user, dirty);
  await followProfileTeams(tx, dirty);
  return { result, wrote: last, rows: dirty.length };
}

/**
 * A report export a workstation recorded (the synced `report_export` audit
 * line, issue 15) also goes to the server's audit table, in the push's own
 * transaction: it is there exactly when the line is, once.
 */
async function auditExports(tx: Queryable, user: SessionUser, dirty: readonly Touched[]): Promise<void> {
  for (const t of dirty) {
    if (t.entity !== 'report_export' || t.stored !== null) continue;
    // `team` is the report's (null: the whole center); `userTeam` the exporting user's.
    await audit(tx, user.id, 'report.export', { ...t.values, id: t.id, username: user.username, userTeam: t.team });
  }
}

/**
 * Every attendance correction (补登, an imported line) and every overtime
 * decision (issue 16) goes to the server's audit too, in the push's own
 * transaction: who, for whom, what and why.
 */
async function auditAttendance(tx: Queryable, user: SessionUser, dirty: readonly Touched[]): Promise<void> {
  for (const t of dirty) {
    if (t.entity === 'attendance_correction' && t.stored === null) {
      await audit(tx, user.id, 'attendance.correct', { id: t.id, username: user.username, agentId: t.values.agentId, state: t.values.state, at: t.values.at, note: t.values.note, source: t.values.source });
    } else if (t.entity === 'overtime_claim' && t.values.status !== 'pending' && t.stored?.values.status !== t.values.status) {
      await audit(tx, user.id, t.values.status === 'approved' ? 'overtime.approved' : 'overtime.rejected', { id: t.id, username: user.username, agentId: t.values.agentId, date: t.values.date, kind: t.values.kind, minutes: t.values.minutes, approvedMinutes: t.values.approvedMinutes, compensation: t.values.compensation, rejectReason: t.values.rejectReason });
    }
  }
}

/**
 * Attendance corrections and overtime claims (issue 16) are about an agent:
 * a supervisor writes them for the agents of their own team only (the row
 * would otherwise land in the supervisor's team, out of sight of the
 * agent's). Admins write anyone's; an agent's own writes are the entity's check.
 */
async function checkAttendanceSubjects(tx: Queryable, user: SessionUser, touched: Iterable<Touched>): Promise<void> {
  if (user.role !== 'supervisor') return;
  for (const t of touched) {
    if ((t.entity !== 'attendance_correction' && t.entity !== 'overtime_claim') || !t.dirty) continue;
    const agent = t.values.agentId;
    if (typeof agent !== 'string' || agent === user.username) continue;
    const found = await tx.query<{ team: string | null }>('SELECT team FROM users WHERE username = $1', [agent]);
    if (found[0]?.team !== user.team) {
      throw new Rejection('FORBIDDEN', `agentId: ${agent} is not on your team (${user.team ?? 'none'}); a supervisor corrects attendance and decides overtime for their own team only`);
    }
  }
}

/**
 * A ticket assigned (in this mutation) to someone who is not an enabled user
 * of this server would create follow-ups that go to nobody: rejected with
 * the field named. Rows that merely keep an older assignee are not re-judged.
 */
async function checkAssignees(tx: Queryable, touched: Iterable<Touched>): Promise<void> {
  for (const t of touched) {
    if (t.entity !== 'ticket' || !t.written.has('assigneeId') || t.lost.has('assigneeId')) continue;
    const assignee = t.values.assigneeId;
    if (typeof assignee !== 'string' || assignee === '') continue;
    const found = await tx.query<{ found: number }>('SELECT 1 AS found FROM users WHERE username = $1 AND NOT disabled', [assignee]);
    if (found.length === 0) throw new Rejection('ASSIGNEE_UNKNOWN', `assigneeId: "${assignee}" is not an enabled user of this server; pick the assignee from the list`);
  }
}

/**
 * A hand-off goes to a team's queue (issue 14): one sent (in this mutation)
 * to a team no enabled user of this server belongs to would sit in nobody's
 * queue, so it is rejected with the field named. Hand-offs that merely keep
 * an older free-text destination ("二线", before destinations were teams)
 * are not re-judged, so answering or cancelling them still works.
 */
async function checkHandoffTeams(tx: Queryable, touched: Iterable<Touched>): Promise<void> {
  for (const t of touched) {
    if (t.entity !== 'handoff' || !t.written.has('to') || t.lost.has('to')) continue;
    const to = t.values.to;
    if (typeof to !== 'string' || (t.stored && t.stored.values.to === to)) continue;
    const found = await tx.query<{ found: number }>('SELECT 1 AS found FROM users WHERE team = $1 AND NOT disabled LIMIT 1', [to]);
    if (found.length === 0) throw new Rejection('TEAM_UNKNOWN', `to: there is no team "${to}" on this server (no enabled user belongs to it); pick the hand-off's team from the list`);
  }
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

/** One push request waiting for a group commit: its mutations, applied in order. */
interface Unit {
  user: SessionUser;
  clientId: string;
  mutations: readonly Mutation[];
  /** bytes of each mutation's changes (as JSON), to bound a group's size */
  sizes: readonly number[];
  /** outcomes of the mutations applied so far (a large request spans several groups) */
  done: PushOutcome[];
  /** answered with an error: not queued again */
  failed: boolean;
  resolve(outcomes: PushOutcome[]): void;
  reject(e: unknown): void;
}

/** A slice of one request in a group: mutations [from, to) planned; `applied` of them went into the group. */
interface Slice {
  unit: Unit;
  from: number;
  to: number;
}

/**
 * The bounds of one group (one transaction, one hold of the push lock and,
 * on PGlite, of the only connection): at most this many row changes, this
 * many bytes of values, and no further mutation of a request once this much
 * time went by. A workstation uploading a day of offline work (up to 500 x
 * 200 changes, 4 MiB, in one request) is applied over several groups, and
 * everyone else's pushes and pulls are served between them: one user's large
 * push holds other users' requests for about GROUP_BUDGET_MS, never for the
 * whole upload. Every slice gets at least one mutation, so a small request
 * always completes in the group it joins.
 */
export const MAX_GROUP_CHANGES = 2_000;
export const MAX_GROUP_BYTES = 512 * 1024;
export const GROUP_BUDGET_MS = 100;

/**
 * A client id (the workstation's, per user: electron/core/sync) belongs to
 * the first user who pushes with it, recorded in sync_clients. Another user
 * pushing with it is refused as a whole (CLIENT_ID_TAKEN) before anything is
 * read: they can neither be answered from its idempotency records nor use up
 * its mutation ids. Owners never change, so they are cached.
 */
export class ClientOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly db: Queryable) {}

  async claim(user: SessionUser, clientId: string): Promise<void> {
    let owner = this.owners.get(clientId);
    if (owner === undefined) {
      owner = await claimClient(this.db, clientId, user.id);
      if (this.owners.size >= 50_000) this.owners.clear();
      this.owners.set(clientId, owner);
    }
    if (owner !== user.id) {
      throw new HttpError(409, 'CLIENT_ID_TAKEN', `The client id ${clientId} belongs to another user: each user pushes with a client id of their own (sign in again on an up-to-date workstation)`);
    }
  }
}

async function claimClient(db: Queryable, clientId: string, userId: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // The insert's conflict check sees rows committed by others; the plain SELECT in the same statement may not (its snapshot is older), hence the loop.
    const rows = await db.query<{ user_id: string }>(
      `WITH claimed AS (INSERT INTO sync_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING RETURNING user_id)
       SELECT user_id FROM claimed UNION ALL SELECT user_id FROM sync_clients WHERE client_id = $1`,
      [clientId, userId],
    );
    if (rows[0]) return rows[0].user_id;
  }
  throw new Error(`Could not read the owner of client id ${clientId}`);
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Group commit. Concurrent push requests on this process are queued and
 * applied together in one transaction, one request after the other, each
 * mutation exactly as applyMutation would (its own idempotency record, merge
 * and rows, its rejection recorded), so a group is one BEGIN, one push lock,
 * one COMMIT (one WAL flush on PostgreSQL) for many clients instead of one
 * each. The push lock is taken first and held to commit, so seq order stays
 * commit order and nothing can change the rows between a read and its write.
 *
 * While one group runs, new requests queue for the next; a request waits at
 * most for the running group and its own. A request's mutations stay in
 * order; a large request is applied over several groups (its earlier
 * mutations are committed first, as when each mutation had its own
 * transaction), each bounded (MAX_GROUP_CHANGES, MAX_GROUP_BYTES,
 * GROUP_BUDGET_MS), and goes to the back of the queue after each, so the
 * requests of other users are served in between. If anything in a group
 * fails with a database error (a mutation committed meanwhile by another
 * server process, a lost connection), the group is rolled back and each
 * slice in it is applied again on its own, one mutation per transaction: a
 * request's error never fails the others, and its earlier mutations stay
 * committed.
 */
export class PushQueue {
  private readonly queue: Unit[] = [];
  private running: Promise<void> | null = null;
  private readonly owners: ClientOwners;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.owners = new ClientOwners(db);
  }

  async submit(user: SessionUser, clientId: string, mutations: readonly Mutation[]): Promise<PushOutcome[]> {
    await this.owners.claim(user, clientId);
    const sizes = mutations.map((m) => JSON.stringify(m.args).length);
    return new Promise((resolve, reject) => {
      this.queue.push({ user, clientId, mutations, sizes, done: [], failed: false, resolve, reject });
      this.running ??= this.drain().finally(() => {
        this.running = null;
      });
    });
  }

  /** Resolves once nothing is queued or running (shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // Every waiting request gets a slice of this group (round robin): one that just arrived never waits behind
      // the further slices of a large one. Requests that started earlier go last, so the new ones get their share first.
      const units = this.queue.splice(0).sort((a, b) => Number(a.done.length > 0) - Number(b.done.length > 0));
      const group: Slice[] = [];
      let changes = 0;
      let bytes = 0;
      for (const unit of units) {
        const from = unit.done.length;
        let to = from;
        // At least one mutation per slice, however large.
        while (to < unit.mutations.length) {
          const c = (unit.mutations[to] as Mutation).args.changes.length;
          const b = unit.sizes[to] as number;
          if (to > from && (changes + c > MAX_GROUP_CHANGES || bytes + b > MAX_GROUP_BYTES)) break;
          changes += c;
          bytes += b;
          to++;
        }
        group.push({ unit, from, to });
      }
      await this.runGroup(group);
      for (const { unit } of group) {
        if (unit.failed) continue;
        if (unit.done.length === unit.mutations.length) unit.resolve(unit.done);
        else this.queue.push(unit);
      }
      // Let requests that waited meanwhile (pulls, sign-ins) reach the database before the next group.
      await tick();
    }
  }

  private async runGroup(group: readonly Slice[]): Promise<void> {
    let outcomes: PushOutcome[][];
    const started = this.now();
    let lastMs = 0;
    try {
      outcomes = await this.db.transaction(async (tx) => {
        const state = await openGroup(tx, group);
        const all: PushOutcome[][] = [];
        for (const { unit, from, to } of group) {
          const list: PushOutcome[] = [];
          for (let i = from; i < to; i++) {
            // Out of time (or would be after one more mutation like the last): the rest of this request waits
            // for a later group. Every slice keeps its first mutation.
            const elapsed = this.now() - started;
            if (i > from && elapsed + lastMs > GROUP_BUDGET_MS) break;
            list.push(await applyInTransaction(tx, unit.user, unit.clientId, unit.mutations[i] as Mutation, state));
            lastMs = this.now() - started - elapsed;
          }
          all.push(list);
        }
        await closeGroup(tx, state);
        return all;
      });
    } catch {
      // Rolled back: apply each slice on its own, so the failure lands on the request that causes it.
      for (const { unit, from, to } of group) {
        try {
          for (const m of unit.mutations.slice(from, to)) unit.done.push(await applyMutation(this.db, unit.user, unit.clientId, m));
        } catch (e) {
          unit.failed = true;
          unit.reject(e);
        }
      }
      return;
    }
    group.forEach(({ unit }, i) => unit.done.push(...(outcomes[i] as PushOutcome[])));
  }
}

/**
 * Takes the push lock and reads where the seq sequence stands (under the lock
 * nobody else draws from it) and the records of every mutation in the group,
 * in two queries.
 */
async function openGroup(tx: Queryable, group: readonly Slice[]): Promise<GroupState> {
  const seq = await tx.query<{ last_value: string | number; is_called: boolean }>('SELECT s.last_value, s.is_called FROM pg_advisory_xact_lock($1) CROSS JOIN sync_seq s', [PUSH_LOCK_KEY]);
  const { last_value, is_called } = seq[0] as { last_value: string | number; is_called: boolean };
  const users: string[] = [];
  const clients: string[] = [];
  const ids: number[] = [];
  for (const { unit, from, to } of group) {
    for (const m of unit.mutations.slice(from, to)) {
      users.push(unit.user.id);
      clients.push(unit.clientId);
      ids.push(m.mutationId);
    }
  }
  const seen = await tx.query<{ user_id: string; client_id: string; mutation_id: string | number; status: string; result: unknown }>(
    `SELECT m.user_id, m.client_id, m.mutation_id, m.status, m.result
       FROM unnest($1::text[], $2::text[], $3::bigint[]) AS k(user_id, client_id, mutation_id)
       CROSS JOIN LATERAL (SELECT * FROM mutations x WHERE x.user_id = k.user_id AND x.client_id = k.client_id AND x.mutation_id = k.mutation_id) m`,
    [users, clients, ids],
  );
  const priors = new Map<string, { status: string; result: unknown }>();
  for (const r of seen) priors.set(mutationKey(r.user_id, r.client_id, num(r.mutation_id)), { status: r.status, result: r.result });
  const firstSeq = is_called ? num(last_value) + 1 : num(last_value);
  return { priors, firstSeq, nextSeq: firstSeq };
}

/** Moves the sequence past the seq numbers the group handed out (still under the lock, just before commit). */
async function closeGroup(tx: Queryable, state: GroupState): Promise<void> {
  if (state.nextSeq > state.firstSeq) await tx.query("SELECT setval('sync_seq', $1)", [state.nextSeq - 1]);
}
