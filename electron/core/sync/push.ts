import type { ConsoleKind } from '../../../shared/desk/schema.js';
import { ENTITIES, type EntityName } from '../../../shared/sync/entities.js';
import type { MutationResult, PulledRow, RowChange } from '../../../shared/sync/protocol.js';
import type { Store } from '../store/index.js';
import type { SqlWriter } from '../store/types.js';
import { applyRows, rowKey, type ForceMap } from './apply.js';
import { SyncError, type SyncHttp } from './http.js';
import { parseChanges, readBatch, removeFromOutbox, type OutboxRow, type PushBatch } from './outbox.js';
import { recordProblem, takeBackRecords } from './problems.js';

/**
 * Push: the outbox in id order, in batches. Every answered mutation leaves
 * the outbox in the same transaction that records what the answer means:
 * - applied, duplicate: done. The server stores every answer and replays a
 *   refusal as `rejected` again (server/push.ts), so `duplicate` always means
 *   the first attempt applied (its answer was lost on the way back);
 * - conflict: applied with some fields lost: a `conflict` problem, and the
 *   server's rows are merged in;
 * - rejected: a `rejected` problem keeping the local values, and the server's
 *   rows replace what the refused mutation wrote here.
 */

export interface PushDeps {
  store: Store;
  http: SyncHttp;
  clientId: string;
  now: () => number;
  /** the HLC sees the server's clocks */
  receive: (hlc: string) => void;
  /** tickets changed locally by the answers (server rows applied) */
  onTickets: (ids: Set<string>) => void;
  /** articles changed locally by the answers */
  onArticles?: (ids: Set<string>) => void;
  /** kinds of desk records changed locally by the answers */
  onDesk?: (kinds: Set<ConsoleKind>) => void;
  signal: AbortSignal;
}

export interface PushOutcome {
  /** mutations the server answered (any status) */
  answered: number;
  /** problems recorded, including changes that could never be sent */
  problems: number;
}

/** Fields a mutation wrote, per lww row: the server's values replace them when the mutation was refused. */
export function forceMapFor(changes: readonly RowChange[], hlc: string, into: ForceMap = new Map()): ForceMap {
  for (const c of changes) {
    if (ENTITIES[c.entity as EntityName].kind !== 'lww') continue;
    const key = rowKey(c.entity, c.id);
    const fields = into.get(key) ?? new Map<string, string>();
    for (const f of Object.keys(c.values)) fields.set(f, hlc);
    into.set(key, fields);
  }
  return into;
}

/**
 * Fields every edit writes as bookkeeping. Losing only those means the row
 * was changed later elsewhere (which is what they record), not that anything
 * the user typed was overwritten: no problem for the user.
 */
const INCIDENTAL = new Set(['updatedAt']);

function lostFieldsOf(result: Extract<MutationResult, { status: 'conflict' }>, row: OutboxRow): string[] {
  return result.lost.flatMap((l) => {
    const fields = l.fields.filter((f) => !INCIDENTAL.has(f));
    return l.entity === row.entity && l.id === row.entityId ? fields : fields.map((f) => `${l.entity}.${f}`);
  });
}

/** Records the answers to one batch; returns how many problems were added. */
export function recordAnswers(
  w: SqlWriter,
  batch: PushBatch,
  results: readonly MutationResult[],
  deps: Pick<PushDeps, 'now' | 'receive'>,
  tickets: Set<string>,
  articles: Set<string> = new Set(),
  desk: Set<ConsoleKind> = new Set(),
): { answered: OutboxRow[]; problems: number } {
  const at = new Date(deps.now()).toISOString();
  const answered: OutboxRow[] = [];
  let problems = 0;
  const seen = new Set<number>();
  const serverRows: PulledRow[] = [];
  const force: ForceMap = new Map();
  for (const result of results) {
    const row = batch.rows.get(result.mutationId);
    if (!row || seen.has(row.id)) continue;
    seen.add(row.id);
    answered.push(row);
    const local = batch.changes.get(row.id) ?? parseChanges(row.args);
    const base = { mutationId: row.id, name: row.name, entity: row.entity, entityId: row.entityId, local, createdAt: at };
    switch (result.status) {
      case 'applied':
      case 'duplicate':
        break;
      case 'conflict': {
        serverRows.push(...result.current);
        const lostFields = lostFieldsOf(result, row);
        if (lostFields.length === 0) break;
        recordProblem(w, {
          ...base,
          kind: 'conflict',
          code: 'CONFLICT',
          message: `Newer changes made elsewhere won over ${lostFields.join(', ')}; the server's values are shown`,
          lostFields,
          server: result.current,
        });
        problems += 1;
        break;
      }
      case 'rejected':
        recordProblem(w, { ...base, kind: 'rejected', code: result.error.code, message: result.error.message, lostFields: [], server: result.current });
        problems += 1;
        takeBackRecords(w, local);
        forceMapFor(local, row.hlc, force);
        serverRows.push(...result.current);
        break;
    }
  }
  for (const { row, reason } of batch.invalid) {
    answered.push(row);
    recordProblem(w, {
      mutationId: row.id,
      name: row.name,
      entity: row.entity,
      entityId: row.entityId,
      kind: 'rejected',
      code: 'INVALID_MUTATION',
      message: reason,
      local: batch.changes.get(row.id) ?? parseChanges(row.args),
      lostFields: [],
      server: [],
      createdAt: at,
    });
    problems += 1;
  }
  if (serverRows.length > 0) {
    const applied = applyRows(w, serverRows, { force });
    for (const t of applied.tickets) tickets.add(t);
    for (const a of applied.articles) articles.add(a);
    for (const k of applied.desk) desk.add(k);
    if (applied.maxHlc) deps.receive(applied.maxHlc);
  }
  removeFromOutbox(w, answered);
  return { answered, problems };
}

/**
 * Pushes everything pending, batch after batch. A mutation the server did
 * not answer stays queued and ends the push with an error, so the outbox is
 * never sent out of order past a gap.
 */
export async function pushAll(deps: PushDeps): Promise<PushOutcome> {
  const outcome: PushOutcome = { answered: 0, problems: 0 };
  for (;;) {
    if (deps.signal.aborted) throw new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
    const batch = deps.store.read((r) => readBatch(r, 0));
    if (batch.mutations.length === 0 && batch.invalid.length === 0) return outcome;
    const response = batch.mutations.length > 0 ? await deps.http.push({ clientId: deps.clientId, mutations: batch.mutations }) : { results: [], seq: 0 };
    const tickets = new Set<string>();
    const articles = new Set<string>();
    const desk = new Set<ConsoleKind>();
    const recorded = deps.store.write((w) => recordAnswers(w, batch, response.results, deps, tickets, articles, desk));
    // Changes that could never be sent became problems here; they were not pushed.
    outcome.answered += recorded.answered.length - batch.invalid.length;
    outcome.problems += recorded.problems;
    if (tickets.size > 0) deps.onTickets(tickets);
    if (articles.size > 0) deps.onArticles?.(articles);
    if (desk.size > 0) deps.onDesk?.(desk);
    const unanswered = batch.mutations.length - (recorded.answered.length - batch.invalid.length);
    if (unanswered > 0) {
      throw new SyncError('server', 'SYNC_SERVER_ERROR', `The server answered ${batch.mutations.length - unanswered} of ${batch.mutations.length} changes; the rest stay queued`);
    }
  }
}
