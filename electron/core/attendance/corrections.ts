/**
 * Corrections (补登), issue 16 point 4: a supervisor or admin adds a missing
 * sign-in or sign-out line for an agent with the reason; `agent log import`
 * brings many (an old attendance system's lines) in one transaction. Each is
 * a synced, append-only `attendance_correction` record, audited on the
 * server by its entity's push and marked as a correction wherever it shows.
 */
import type { Correction, LogLine } from '../../../shared/attendance/contract.js';
import { AppError } from '../../../shared/result.js';
import { appendOutbox, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { supervising, type Person, type Viewer } from './month.js';

const SELECT = `SELECT id, agent_id AS agentId, state, reason, at, note, source, actor_id AS actorId, created_at AS createdAt FROM attendance_correction`;

/** Corrections of one agent in [from, to) (ISO instants), oldest first. */
export function correctionsOf(r: SqlReader, agentId: string, from: string, to: string): Correction[] {
  return r.all<Correction>(`${SELECT} WHERE agent_id = ? AND at >= ? AND at < ? ORDER BY at, id`, [agentId, from, to]);
}

/** Agents with a correction in [from, to), for the month view's marks. */
export function correctedDays(r: SqlReader, from: string, to: string): { agentId: string; at: string }[] {
  return r.all<{ agentId: string; at: string }>('SELECT agent_id AS agentId, at FROM attendance_correction WHERE at >= ? AND at < ?', [from, to]);
}

export function assertMayCorrect(viewer: Viewer, person: Person | undefined, agentId: string, path = 'agentId'): void {
  if (!supervising(viewer)) throw new AppError('FORBIDDEN', `Only supervisors and admins add attendance corrections; a ${viewer.role} reads their own`, [{ path, code: 'forbidden', message: 'Supervisors and admins only' }]);
  if (viewer.role === 'supervisor' && (person?.team ?? null) !== viewer.team) {
    throw new AppError('FORBIDDEN', `A supervisor corrects their own team's attendance (${viewer.team ?? 'none'}); ${agentId} is not on it`, [{ path, code: 'forbidden', message: `${agentId} is not on your team` }]);
  }
}

/** Appends correction lines (one outbox entry for all) in the caller's transaction. */
export function appendCorrectionsInTx(
  ctx: DomainContext,
  w: SqlWriter,
  actorId: string,
  lines: readonly (Pick<LogLine, 'agentId' | 'state' | 'at'> & { reason?: string | undefined; team: string | null })[],
  note: string,
  source: 'correction' | 'import',
): Correction[] {
  const out: Correction[] = [];
  // A mutation carries at most 200 changes (shared/sync/protocol.ts): one outbox entry, and one clock, per 200 lines.
  for (let i = 0; i < lines.length; i += 200) {
    const s = stamp(ctx);
    const changes = lines.slice(i, i + 200).map((l) => {
      const id = ctx.newId();
      const at = new Date(l.at).toISOString();
      const values = { agentId: l.agentId, state: l.state, reason: l.reason ?? null, at, note, source, actorId, team: l.team, createdAt: s.at, hlc: s.hlc };
      w.run('INSERT INTO attendance_correction (id, agent_id, state, reason, at, note, source, actor_id, team, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id, l.agentId, l.state, values.reason, at, note, source, actorId, l.team, s.at, s.hlc,
      ]);
      out.push({ id, agentId: l.agentId, state: l.state, reason: values.reason, at, note, source, actorId, createdAt: s.at });
      return { entity: 'attendance_correction' as const, id, values };
    });
    appendOutbox(w, s, { name: source === 'import' ? 'attendance:importLog' : 'attendance:correct', entity: 'attendance_correction', entityId: changes[0]?.id ?? '', changes });
  }
  return out;
}
