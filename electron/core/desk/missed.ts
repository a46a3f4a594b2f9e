import { DESK_AGENT_ID, MissedCallSchema, type MissedCall } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { appendOutbox, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';

/**
 * The missed-call worklist (issue 14): every inbound call that rang at this
 * agent's desk (or at the empty desk) and was never answered, grouped by
 * caller, until somebody reaches that caller. "Reached" is read from the
 * calls themselves: an answered call with the same number after the missed
 * one, in either direction (the agent called back and was answered, or the
 * caller rang again and got through), settles the entry; so does an agent
 * closing it by hand (settled_at). Unanswered call-back attempts are counted
 * but settle nothing: the caller is still waiting.
 */

interface Candidate {
  id: string;
  key: string;
  number: string;
  customerId: string | null;
  agentId: string;
  ringAt: string;
}

/** How far back the list looks: a caller missed months ago is no longer waiting. */
export const MISSED_LOOKBACK_DAYS = 30;

export function listMissed(r: SqlReader, agentId: string, now: number): MissedCall[] {
  const since = new Date(now - MISSED_LOOKBACK_DAYS * 86_400_000).toISOString();
  const missed = r.all<Candidate>(
    `SELECT id, COALESCE(number_key, number) AS key, number, customer_id AS customerId, agent_id AS agentId, ring_at AS ringAt
       FROM calls
      WHERE status = 'missed' AND direction = 'inbound' AND settled_at IS NULL AND agent_id IN (?, ?) AND ring_at >= ?
      ORDER BY ring_at, id`,
    [agentId, DESK_AGENT_ID, since],
  );
  if (missed.length === 0) return [];
  const groups = new Map<string, Candidate[]>();
  for (const c of missed) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  const out: MissedCall[] = [];
  for (const [key, calls] of groups) {
    const reached = r.get<{ at: string | null }>(
      `SELECT MAX(ring_at) AS at FROM calls WHERE COALESCE(number_key, number) = ? AND answer_at IS NOT NULL`,
      [key],
    )?.at;
    const open = reached ? calls.filter((c) => c.ringAt > reached) : calls;
    const first = open[0];
    const last = open.at(-1);
    if (!first || !last) continue;
    const tries = r.get<{ n: number; at: string | null }>(
      `SELECT COUNT(*) AS n, MAX(ring_at) AS at FROM calls
        WHERE COALESCE(number_key, number) = ? AND direction = 'outbound' AND answer_at IS NULL AND ring_at > ?`,
      [key, first.ringAt],
    );
    const customerId = [...open].reverse().find((c) => c.customerId !== null)?.customerId ?? null;
    const customerName = customerId ? (r.get<{ name: string }>('SELECT name FROM customers WHERE id = ?', [customerId])?.name ?? null) : null;
    out.push(
      MissedCallSchema.parse({
        key,
        number: last.number,
        customerId,
        customerName,
        count: open.length,
        firstAt: first.ringAt,
        lastAt: last.ringAt,
        attempts: tries?.n ?? 0,
        lastAttemptAt: tries?.at ?? null,
        desk: open.some((c) => c.agentId === DESK_AGENT_ID),
        callIds: open.map((c) => c.id),
      }),
    );
  }
  // The longest-waiting caller first: that is who an agent calls back next.
  return out.sort((a, b) => (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0));
}

/**
 * Closes a caller's entry by hand: every open missed call of theirs on the
 * list is marked settled by `actorId`, in one write with its outbox entry.
 */
export function settleMissed(ctx: DomainContext, agentId: string, key: string): number {
  return ctx.store.write((w) => {
    const entry = listMissed(w, agentId, ctx.now()).find((m) => m.key === key);
    if (!entry) {
      const message = `No missed calls from ${key} are waiting on your list`;
      throw new AppError('NOT_FOUND', message, [{ path: 'key', code: 'missed_not_found', message }]);
    }
    const s = stamp(ctx);
    const changes: RowChange[] = [];
    for (const id of entry.callIds) {
      const row = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM calls WHERE id = ?', [id]);
      const fieldHlc = mergeFieldHlc(row?.fieldHlc ?? '{}', ['settledAt', 'settledBy', 'updatedAt'], s.hlc);
      w.run('UPDATE calls SET settled_at = ?, settled_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [s.at, agentId, s.at, fieldHlc, id]);
      changes.push({ entity: 'call', id, values: { settledAt: s.at, settledBy: agentId, updatedAt: s.at } });
    }
    const [firstId] = entry.callIds;
    appendOutbox(w, s, { name: 'calls:settleMissed', entity: 'call', entityId: firstId ?? key, changes });
    return entry.callIds.length;
  });
}
