import { z } from 'zod';
import { ENTITIES, type EntityName } from '../../../shared/sync/entities.js';
import { PulledRowSchema, RowChangeSchema, type PulledRow, type RowChange } from '../../../shared/sync/protocol.js';
import { SyncProblemSchema, type SyncProblem } from '../../../shared/sync/status.js';
import { AppError } from '../../../shared/result.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { META } from './syncMeta.js';

/**
 * The sync problems list: every change the server refused (`rejected`: not
 * applied at all) or applied only in part (`conflict`: some fields lost to
 * newer edits), with what this PC wrote and what the server holds. A problem
 * leaves the list only when the user retries or discards it: nothing is
 * dropped silently.
 */

export interface NewProblem {
  mutationId: number;
  name: string;
  entity: string;
  entityId: string;
  kind: 'rejected' | 'conflict';
  code: string;
  message: string;
  local: readonly RowChange[];
  lostFields: readonly string[];
  server: readonly PulledRow[];
  createdAt: string;
}

export function recordProblem(w: SqlWriter, p: NewProblem): number {
  // Ids are never reused, so a window holding an old id cannot resolve a newer problem.
  const row = w.get<{ next: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM sync_problems');
  const id = Math.max(row?.next ?? 1, Number(getMeta(w, META.problemNextId) ?? 1));
  w.run(
    `INSERT INTO sync_problems (id, mutation_id, name, entity, entity_id, kind, code, message, local, lost_fields, server, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, p.mutationId, p.name, p.entity, p.entityId, p.kind, p.code, p.message, JSON.stringify(p.local), JSON.stringify(p.lostFields), JSON.stringify(p.server), p.createdAt],
  );
  setMeta(w, META.problemNextId, String(id + 1));
  return id;
}

const ProblemRowSchema = z.object({
  id: z.number(),
  mutationId: z.number(),
  name: z.string(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  code: z.string(),
  message: z.string(),
  local: z.string(),
  lostFields: z.string(),
  server: z.string(),
  createdAt: z.string(),
});

const PROBLEM_COLUMNS = `id, mutation_id AS mutationId, name, entity, entity_id AS entityId, kind, code, message, local,
  lost_fields AS lostFields, server, created_at AS createdAt`;

function jsonOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

function toProblem(raw: unknown): SyncProblem {
  const row = ProblemRowSchema.parse(raw);
  // Read back from disk: validated like any boundary.
  return SyncProblemSchema.parse({
    ...row,
    local: z.array(RowChangeSchema).catch([]).parse(jsonOr(row.local, [])),
    lostFields: z.array(z.string()).catch([]).parse(jsonOr(row.lostFields, [])),
    server: z.array(PulledRowSchema).catch([]).parse(jsonOr(row.server, [])),
  });
}

export function listProblems(r: SqlReader): SyncProblem[] {
  return r.all(`SELECT ${PROBLEM_COLUMNS} FROM sync_problems ORDER BY id`).map(toProblem);
}

export function getProblem(r: SqlReader, id: number): SyncProblem {
  const raw = r.get(`SELECT ${PROBLEM_COLUMNS} FROM sync_problems WHERE id = ?`, [id]);
  if (!raw) throw new AppError('SYNC_PROBLEM_NOT_FOUND', `No sync problem with id ${id}`);
  return toProblem(raw);
}

export function problemCount(r: SqlReader): number {
  return r.get<{ n: number }>('SELECT COUNT(*) AS n FROM sync_problems')?.n ?? 0;
}

export function deleteProblem(w: SqlWriter, id: number): void {
  w.run('DELETE FROM sync_problems WHERE id = ?', [id]);
}

export function updateProblemMessage(w: SqlWriter, id: number, code: string, message: string): void {
  w.run('UPDATE sync_problems SET code = ?, message = ? WHERE id = ?', [code, message, id]);
}

/**
 * A refused mutation's own records (rows with their own id, like a history
 * entry) never happened on the server: they are taken back here too, so this
 * PC shows what every other PC shows. The problem keeps them (`local`), and a
 * retry writes them again. Records keyed by their values (a customer's phone)
 * may have been written by another change as well, and stay. Append-only
 * tables guard against deletes with triggers; they are lifted for this one
 * statement inside the same transaction (and replay identically).
 */
export function takeBackRecords(w: SqlWriter, changes: readonly RowChange[]): void {
  for (const change of changes) {
    const decl = ENTITIES[change.entity as EntityName];
    if (decl.kind !== 'append' || 'idOf' in decl) continue;
    const triggers = w.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", [decl.table]);
    for (const t of triggers) w.run(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
    w.run(`DELETE FROM ${decl.table} WHERE id = ?`, [change.id]);
    for (const t of triggers) w.run(t.sql);
  }
}
