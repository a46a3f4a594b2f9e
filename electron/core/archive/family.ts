import type { LocalFamily } from '../../../shared/archive/rules.js';
import { ENTITIES, type EntityDecl } from '../../../shared/sync/entities.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { applyRows, type ApplyResult } from '../sync/apply.js';

/**
 * A ticket's family on this PC, from the entity declarations
 * (shared/sync/entities.ts): the records whose parent is the ticket by
 * `ticketId` (history, notes, hand-offs, work orders, follow-ups, quality
 * reviews, announcement and defect links), its call links, and the calls
 * linked to it alone. Table and column names come from the declarations
 * only, never from data.
 */
interface Child {
  entity: string;
  table: string;
  column: string;
}

const CHILDREN: readonly Child[] = (Object.values(ENTITIES) as EntityDecl[])
  .filter((d) => d.parent?.entity === 'ticket' && d.parent.field === 'ticketId' && d.keyColumns.length === 1 && d.keyColumns[0] === 'id')
  .map((d) => ({ entity: d.name, table: d.table, column: d.columns.ticketId as string }));

/** Tables the job empties of a ticket's rows, for the tests' "nothing left behind". */
export const FAMILY_TABLES: readonly string[] = [...CHILDREN.map((c) => c.table), 'call_tickets'];

export const META_HORIZON = 'archive_horizon';
export const META_LAST_RUN = 'archive_last_run';

const IDS = '(SELECT value FROM json_each(?))';

/**
 * Outbox entries, sync problems and records of each candidate: entries whose
 * own row or any row they wrote (outbox_row) is the ticket, one of its
 * records or a linked call.
 */
export function familyFacts(r: SqlReader, tickets: readonly { id: string; closedAt: string }[]): LocalFamily[] {
  return tickets.map((t) => {
    const keys: { entity: string; id: string }[] = [{ entity: 'ticket', id: t.id }];
    let records = 0;
    for (const c of CHILDREN) {
      const ids = r.all<{ id: string }>(`SELECT id FROM ${c.table} WHERE ${c.column} = ?`, [t.id]);
      records += ids.length;
      for (const row of ids) keys.push({ entity: c.entity, id: row.id });
    }
    const links = r.all<{ callId: string }>('SELECT call_id AS callId FROM call_tickets WHERE ticket_id = ?', [t.id]);
    records += links.length;
    for (const l of links) keys.push({ entity: 'call', id: l.callId }, { entity: 'call_ticket', id: `${l.callId}|${t.id}` });
    const json = JSON.stringify(keys.map((k) => [k.entity, k.id]));
    const match = `(entity, entity_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;
    // An entry may write rows besides its own (a ticket's customer, a record): outbox_row names each of them.
    const rowMatch = `(entity, row_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;
    const pending =
      (r.get<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE ${match}`, [json])?.n ?? 0) + (r.get<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox_row WHERE ${rowMatch}`, [json])?.n ?? 0);
    const problems = r.get<{ n: number }>(`SELECT COUNT(*) AS n FROM sync_problems WHERE ${match}`, [json])?.n ?? 0;
    return { id: t.id, closedAt: t.closedAt, pending, problems, records };
  });
}

/**
 * Removes tickets and their families from this PC only: nothing is queued
 * for sync (the server keeps them). Calls linked to these tickets alone,
 * older than the cutoff and not tied to a callback in progress go too. One
 * line per ticket stays in archived_tickets. Runs inside the caller's write.
 */
export function purgeTickets(w: SqlWriter, ids: readonly string[], cutoff: string, at: string): number {
  if (ids.length === 0) return 0;
  const json = JSON.stringify(ids);
  // The append-only and report triggers step aside for this transaction only (migration 0027).
  w.run("INSERT INTO archive_purge (token) VALUES ('archiving')");
  try {
    w.run(
      `INSERT OR REPLACE INTO archived_tickets (id, no, subject, customer_id, customer_name, closed_at, archived_at)
       SELECT t.id, t.no, t.subject, t.customer_id, COALESCE(c.name, ''), t.closed_at, ? FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
       WHERE t.id IN ${IDS} AND t.status = 'closed' AND t.closed_at IS NOT NULL`,
      [at, json],
    );
    const calls = w
      .all<{ callId: string }>(
        `SELECT DISTINCT ct.call_id AS callId FROM call_tickets ct WHERE ct.ticket_id IN ${IDS}
           AND NOT EXISTS (SELECT 1 FROM call_tickets o WHERE o.call_id = ct.call_id AND o.ticket_id NOT IN ${IDS})`,
        [json, json],
      )
      .map((c) => c.callId);
    w.run(`DELETE FROM call_tickets WHERE ticket_id IN ${IDS}`, [json]);
    for (const c of CHILDREN) w.run(`DELETE FROM ${c.table} WHERE ${c.column} IN ${IDS}`, [json]);
    const removed = w.run(`DELETE FROM tickets WHERE id IN ${IDS}`, [json]).changes;
    if (calls.length > 0) {
      w.run(
        `DELETE FROM calls WHERE id IN ${IDS} AND ring_at < ? AND id NOT IN (SELECT call_id FROM call_callbacks)
           AND NOT EXISTS (SELECT 1 FROM call_tickets ct WHERE ct.call_id = calls.id)`,
        [JSON.stringify(calls), cutoff],
      );
    }
    // One reset of the report caches for the step (their delete triggers were quiet).
    w.run("INSERT INTO report_changes (kind, row_key) VALUES ('reset', '')");
    return removed;
  } finally {
    w.run('DELETE FROM archive_purge');
  }
}

/** Tickets closed before this moment may be missing here (null: nothing archived yet). */
export function readHorizon(r: SqlReader): string | null {
  return getMeta(r, META_HORIZON) ?? null;
}

export function raiseHorizon(w: SqlWriter, cutoff: string): void {
  const current = readHorizon(w);
  if (current === null || cutoff > current) setMeta(w, META_HORIZON, cutoff);
}

/**
 * Puts a ticket's family as the server holds it back on this PC (a pulled
 * change reopened or touched an archived ticket): the rows merge as a pull's
 * do, so newer local values stay, and its archived line goes.
 */
export function restoreFamily(w: SqlWriter, ticketId: string, rows: readonly PulledRow[]): ApplyResult {
  const applied = applyRows(w, rows);
  if (w.get('SELECT 1 AS found FROM tickets WHERE id = ?', [ticketId])) w.run('DELETE FROM archived_tickets WHERE id = ?', [ticketId]);
  return applied;
}

/**
 * Archived tickets that pulled rows have touched: among `ticketIds` (the
 * tickets a pull page changed: the ticket row came back, reopened or changed
 * on another PC), or with a record waiting in sync_deferred for them. Reads
 * archived_tickets by key only: a PC may hold 100k archived lines, and this
 * runs after every pulled page.
 */
export function touchedArchived(r: SqlReader, ticketIds: readonly string[], limit = 50): string[] {
  const found = new Set<string>();
  if (ticketIds.length > 0) {
    for (const row of r.all<{ id: string }>('SELECT id FROM archived_tickets WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ticketIds)])) found.add(row.id);
  }
  for (const row of r.all<{ id: string }>(
    `SELECT DISTINCT d.parent_key AS id FROM sync_deferred d JOIN archived_tickets a ON a.id = d.parent_key WHERE d.parent_table = 'tickets' LIMIT ?`,
    [limit],
  )) {
    found.add(row.id);
  }
  return [...found].slice(0, limit);
}
