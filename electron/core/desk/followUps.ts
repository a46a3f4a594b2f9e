import type { z } from 'zod';
import { FollowUpSchema, type FollowUp, type FollowUpListQuerySchema, type RecordFollowUpSchema } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { Ticket } from '../../../shared/tickets/schema.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlValue, SqlWriter } from '../store/types.js';
import { readConsoleConfig } from './config.js';
import { acting, atLeast, consoleChanged, HOUR, iso, notFound, type Acting, type WorkEnv } from './workEnv.js';

/**
 * Follow-ups (回访): after resolution the customer is asked for their
 * satisfaction (1-5); complaints always get a follow-up by the supervisor
 * (domain.md). A satisfaction follow-up is its assignee's (the ticket's
 * assignee, else its creator); a complaint follow-up waits for any
 * supervisor of the team (assigneeId null, forRole supervisor).
 */

type Kind = FollowUp['kind'];

const SELECT = `SELECT f.id, f.ticket_id AS ticketId, t.no AS ticketNo, t.subject, c.name AS customerName,
    (SELECT p.raw FROM customer_phones p WHERE p.customer_id = t.customer_id ORDER BY p.added_at, p.key, p.ext LIMIT 1) AS customerPhone,
    f.kind, f.assignee_id AS assigneeId, f.for_role AS forRole, f.due_at AS dueAt, f.status, f.satisfaction, f.reason, f.note,
    f.done_at AS doneAt, f.done_by AS doneBy
  FROM follow_ups f JOIN tickets t ON t.id = f.ticket_id JOIN customers c ON c.id = t.customer_id`;

interface NewFollowUp {
  ticketId: string;
  kind: Kind;
  assigneeId: string | null;
  forRole: Role;
  dueAt: string;
}

/** Inserts an open follow-up unless one of the same kind is already open for the ticket (a re-resolve does not double it). */
function addFollowUpInTx(ctx: DomainContext, w: SqlWriter, s: Stamp, f: NewFollowUp): RowChange[] {
  if (w.get("SELECT 1 AS found FROM follow_ups WHERE ticket_id = ? AND kind = ? AND status = 'open'", [f.ticketId, f.kind])) return [];
  const id = ctx.newId();
  const values = { ...f, status: 'open', satisfaction: null, reason: null, note: null, doneAt: null, doneBy: null, createdAt: s.at, updatedAt: s.at };
  w.run(
    `INSERT INTO follow_ups (id, ticket_id, kind, assignee_id, for_role, due_at, status, satisfaction, reason, note, done_at, done_by, created_at, updated_at, field_hlc)
     VALUES (?, ?, ?, ?, ?, ?, 'open', NULL, NULL, NULL, NULL, NULL, ?, ?, ?)`,
    [id, f.ticketId, f.kind, f.assigneeId, f.forRole, f.dueAt, s.at, s.at, createdFieldHlc(s.hlc)],
  );
  return [{ entity: 'follow_up', id, values }];
}

/**
 * Called inside the transaction that resolves a ticket: the satisfaction
 * follow-up for its owner and, for a complaint, the supervisor's.
 */
export function followUpsOnResolveInTx(ctx: DomainContext, w: SqlWriter, s: Stamp, ticket: Ticket): RowChange[] {
  const config = readConsoleConfig(w);
  const dueAt = iso(Date.parse(s.at) + config.followUpDueHours * HOUR);
  const out = addFollowUpInTx(ctx, w, s, { ticketId: ticket.id, kind: 'satisfaction', assigneeId: ticket.assigneeId ?? ticket.createdBy, forRole: 'agent', dueAt });
  if (ticket.category === 'complaint') out.push(...addFollowUpInTx(ctx, w, s, { ticketId: ticket.id, kind: 'complaint', assigneeId: null, forRole: 'supervisor', dueAt }));
  return out;
}

/** "Mine": assigned to me, or (a supervisor or admin) waiting for any supervisor. */
function mineWhere(me: Acting, where: string[], params: SqlValue[]): void {
  if (atLeast(me.role, 'supervisor')) {
    where.push("(f.assignee_id = ? OR (f.assignee_id IS NULL AND f.for_role IN ('supervisor', 'senior', 'agent')))");
  } else if (me.role === 'senior') {
    where.push("(f.assignee_id = ? OR (f.assignee_id IS NULL AND f.for_role IN ('senior', 'agent')))");
  } else {
    where.push("(f.assignee_id = ? OR (f.assignee_id IS NULL AND f.for_role = 'agent'))");
  }
  params.push(me.username);
}

export function listFollowUps(r: SqlReader, me: Acting, q: z.output<typeof FollowUpListQuerySchema>, dueBefore?: string): FollowUp[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  // "team": every follow-up in this folder; sync already limits a folder to its team's rows.
  if (q.scope === 'mine') mineWhere(me, where, params);
  if (q.status !== 'all') {
    where.push('f.status = ?');
    params.push(q.status);
  }
  if (q.kind) {
    where.push('f.kind = ?');
    params.push(q.kind);
  }
  if (dueBefore) {
    where.push('f.due_at <= ?');
    params.push(dueBefore);
  }
  const rows = r.all(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.due_at, f.id LIMIT ?`, [...params, q.limit]);
  return rows.map((row) => FollowUpSchema.parse(row));
}

export function getFollowUp(r: SqlReader, id: string): FollowUp {
  const row = r.get(`${SELECT} WHERE f.id = ?`, [id]);
  if (!row) throw notFound('FOLLOW_UP_NOT_FOUND', 'follow-up', id);
  return FollowUpSchema.parse(row);
}

/** Who may record a follow-up: its assignee; for an unassigned one, anyone of its role or above; supervisors and admins always. */
function mayRecord(f: FollowUp, me: Acting): boolean {
  if (atLeast(me.role, 'supervisor')) return true;
  if (f.assigneeId !== null) return f.assigneeId === me.username;
  return atLeast(me.role, f.forRole);
}

export function recordFollowUp(env: WorkEnv, req: z.output<typeof RecordFollowUpSchema>): FollowUp {
  const { ctx } = env;
  const me = acting(env);
  if (!req.reached && (req.satisfaction !== undefined || req.reason)) {
    throw new AppError('VALIDATION_FAILED', 'A customer who was not reached gave no satisfaction; record reached: true with it, or leave it out', [
      { path: 'satisfaction', code: 'not_reached', message: 'Only a reached customer gives a satisfaction' },
    ]);
  }
  let ticketId = '';
  ctx.store.write((w) => {
    const f = getFollowUp(w, req.id);
    if (f.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', `This follow-up is already ${f.status} (${f.doneAt ?? ''} by ${f.doneBy ?? ''})`);
    if (!mayRecord(f, me)) {
      throw new AppError('FORBIDDEN', f.assigneeId ? `This follow-up is ${f.assigneeId}'s` : `This follow-up is for a ${f.forRole}`);
    }
    ticketId = f.ticketId;
    const s = stamp(ctx);
    const status = req.reached ? 'done' : 'unreachable';
    const values = { status, satisfaction: req.satisfaction ?? null, reason: req.reason ?? null, note: req.note ?? null, doneAt: s.at, doneBy: me.username, updatedAt: s.at };
    const fieldHlc = w.get<{ h: string }>('SELECT field_hlc AS h FROM follow_ups WHERE id = ?', [f.id])?.h;
    w.run('UPDATE follow_ups SET status = ?, satisfaction = ?, reason = ?, note = ?, done_at = ?, done_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
      status, values.satisfaction, values.reason, values.note, s.at, me.username, s.at,
      mergeFieldHlc(fieldHlc, ['status', 'satisfaction', 'reason', 'note', 'doneAt', 'doneBy'], s.hlc), f.id,
    ]);
    const changes: RowChange[] = [{ entity: 'follow_up', id: f.id, values }];
    // The result is part of the ticket's record: the coordinator and the supervisor read it there.
    const recorded: Record<string, { from: unknown; to: unknown }> = { followUp: { from: 'open', to: status }, kind: { from: null, to: f.kind } };
    if (req.satisfaction !== undefined) recorded.satisfaction = { from: null, to: req.satisfaction };
    const historyNote = [req.reason, req.note].filter((x) => x).join(' — ') || null;
    const historyId = ctx.newId();
    const changesText = JSON.stringify(recorded);
    w.run('INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, note, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [historyId, f.ticketId, s.at, me.username, 'follow_up', changesText, historyNote, s.hlc]);
    changes.push({ entity: 'ticket_history', id: historyId, values: { ticketId: f.ticketId, at: s.at, actorId: me.username, action: 'follow_up', changes: changesText, note: historyNote, hlc: s.hlc } });
    // A dissatisfied customer (1 or 2) is a complaint: the supervisor follows up.
    if (req.satisfaction !== undefined && req.satisfaction <= 2) {
      const config = readConsoleConfig(w);
      changes.push(...addFollowUpInTx(ctx, w, s, { ticketId: f.ticketId, kind: 'complaint', assigneeId: null, forRole: 'supervisor', dueAt: iso(Date.parse(s.at) + config.followUpDueHours * HOUR) }));
    }
    // Mutation names on the wire are snake_case before the colon (protocol MutationSchema).
    appendOutbox(w, s, { name: 'follow_ups:record', entity: 'follow_up', entityId: f.id, changes });
  });
  env.onTickets([ticketId]);
  consoleChanged(env, ['followUps']);
  return ctx.store.read((r) => getFollowUp(r, req.id));
}
