import type { z } from 'zod';
import { callbackOverdue, callbackReleased, canCloseCallback, canTakeCallback } from '../../../shared/desk/callbackRules.js';
import { CallbackSchema, type Callback, type CallbackInputSchema, type CallbackListQuerySchema, type CompleteCallbackSchema } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import { findCustomer } from '../domain/customers.js';
import type { SqlReader, SqlValue } from '../store/types.js';
import { readConsoleConfig } from './config.js';
import { acting, consoleChanged, notFound, type Acting, type WorkEnv } from './workEnv.js';

/**
 * Promised callbacks (回电). The owner makes it; once it is overdue longer
 * than callbackReleaseMinutes anyone on the team may take it
 * (shared/desk/callbackRules.ts). "team" lists everything in this folder
 * (sync already limits a folder to the team's rows); with nobody signed in
 * (the CLI) "mine" is the host operator's.
 */

const RowSchema = CallbackSchema.omit({ overdue: true, released: true });
const SELECT = `SELECT b.id, b.customer_id AS customerId, c.name AS customerName, b.ticket_id AS ticketId, t.no AS ticketNo, b.phone, b.due_at AS dueAt,
    b.owner_id AS ownerId, b.status, b.note, b.outcome, b.done_at AS doneAt
  FROM callbacks b JOIN customers c ON c.id = b.customer_id LEFT JOIN tickets t ON t.id = b.ticket_id`;

function decorate(row: unknown, now: number, releaseMinutes: number): Callback {
  const cb = RowSchema.parse(row);
  return { ...cb, overdue: callbackOverdue(cb, now), released: callbackReleased(cb, now, releaseMinutes) };
}

export function getCallback(r: SqlReader, id: string, now: number): Callback {
  const row = r.get(`${SELECT} WHERE b.id = ?`, [id]);
  if (!row) throw notFound('CALLBACK_NOT_FOUND', 'callback', id);
  return decorate(row, now, readConsoleConfig(r).callbackReleaseMinutes);
}

export function listCallbacks(r: SqlReader, me: Acting, q: z.output<typeof CallbackListQuerySchema>, now: number, dueBefore?: string): Callback[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.scope === 'mine') {
    where.push('b.owner_id = ?');
    params.push(me.username);
  }
  if (q.status === 'open_all') where.push("b.status = 'scheduled'");
  else if (q.status !== 'all') {
    where.push('b.status = ?');
    params.push(q.status);
  }
  if (dueBefore) {
    where.push('b.due_at <= ?');
    params.push(dueBefore);
  }
  const release = readConsoleConfig(r).callbackReleaseMinutes;
  const rows = r.all(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.due_at, b.id LIMIT ?`, [...params, q.limit]);
  const list = rows.map((row) => decorate(row, now, release));
  // The team's view puts what anyone may take first: released callbacks, longest overdue first.
  if (q.scope === 'team') list.sort((a, b) => Number(b.released) - Number(a.released));
  return list;
}

export function scheduleCallback(env: WorkEnv, req: z.output<typeof CallbackInputSchema>): Callback {
  const { ctx } = env;
  const me = acting(env);
  const id = ctx.newId();
  ctx.store.write((w) => {
    if (!findCustomer(w, req.customerId)) throw new AppError('CUSTOMER_NOT_FOUND', `No customer with id ${req.customerId}`, [{ path: 'customerId', code: 'customer_not_found', message: `No customer with id ${req.customerId}` }]);
    if (req.ticketId && !w.get('SELECT 1 AS found FROM tickets WHERE id = ?', [req.ticketId])) {
      throw new AppError('NOT_FOUND', `No ticket with id ${req.ticketId}`, [{ path: 'ticketId', code: 'not_found', message: `No ticket with id ${req.ticketId}` }]);
    }
    const s = stamp(ctx);
    // A callback promised in the past is a typing mistake, not a plan; a minute of slack covers a clock tick.
    if (Date.parse(req.dueAt) < Date.parse(s.at) - 60_000) {
      throw new AppError('VALIDATION_FAILED', `The callback time ${req.dueAt} has already passed`, [{ path: 'dueAt', code: 'due_in_past', message: 'Choose a time in the future' }]);
    }
    const values = { customerId: req.customerId, ticketId: req.ticketId ?? null, phone: req.phone, dueAt: new Date(req.dueAt).toISOString(), ownerId: me.username, status: 'scheduled', note: req.note || null, outcome: null, doneAt: null, doneBy: null, createdBy: me.username, createdAt: s.at, updatedAt: s.at };
    w.run(
      `INSERT INTO callbacks (id, customer_id, ticket_id, phone, due_at, owner_id, status, note, outcome, done_at, done_by, created_by, created_at, updated_at, field_hlc)
       VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?, NULL, NULL, NULL, ?, ?, ?, ?)`,
      [id, values.customerId, values.ticketId, values.phone, values.dueAt, values.ownerId, values.note, values.createdBy, s.at, s.at, createdFieldHlc(s.hlc)],
    );
    appendOutbox(w, s, { name: 'callbacks:schedule', entity: 'callback', entityId: id, changes: [{ entity: 'callback', id, values }] });
  });
  consoleChanged(env, ['callbacks']);
  env.onTickets([]);
  return ctx.store.read((r) => getCallback(r, id, ctx.now()));
}

function writeCallback(env: WorkEnv, id: string, name: string, decide: (cb: Callback, me: Acting, now: number, release: number) => Record<string, string | null>): Callback {
  const { ctx } = env;
  const me = acting(env);
  ctx.store.write((w) => {
    const s = stamp(ctx);
    const now = Date.parse(s.at);
    const cb = getCallback(w, id, now);
    const next = decide(cb, me, now, readConsoleConfig(w).callbackReleaseMinutes);
    if (Object.keys(next).length === 0) return;
    const merged = { ownerId: cb.ownerId, status: cb.status, outcome: cb.outcome, doneAt: cb.doneAt, doneBy: null as string | null, ...next };
    const hlc = w.get<{ h: string; doneBy: string | null }>('SELECT field_hlc AS h, done_by AS doneBy FROM callbacks WHERE id = ?', [id]);
    w.run('UPDATE callbacks SET owner_id = ?, status = ?, outcome = ?, done_at = ?, done_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
      merged.ownerId, merged.status, merged.outcome, merged.doneAt, 'doneBy' in next ? merged.doneBy : (hlc?.doneBy ?? null), s.at, mergeFieldHlc(hlc?.h, Object.keys(next), s.hlc), id,
    ]);
    appendOutbox(w, s, { name, entity: 'callback', entityId: id, changes: [{ entity: 'callback', id, values: { ...next, updatedAt: s.at } }] });
  });
  consoleChanged(env, ['callbacks']);
  env.onTickets([]);
  return ctx.store.read((r) => getCallback(r, id, ctx.now()));
}

export function takeCallback(env: WorkEnv, id: string): Callback {
  return writeCallback(env, id, 'callbacks:take', (cb, me, now, release) => {
    const verdict = canTakeCallback(cb, me, now, release);
    if (!verdict.ok) throw new AppError(verdict.code, verdict.message);
    const next: Record<string, string | null> = {};
    if (cb.ownerId !== me.username) next.ownerId = me.username;
    return next;
  });
}

function requireClosable(cb: Callback, me: Acting, verb: string): void {
  if (cb.status !== 'scheduled') throw new AppError('ILLEGAL_TRANSITION', `This callback is already ${cb.status}`);
  if (!canCloseCallback(cb, me)) throw new AppError('FORBIDDEN', `This callback is ${cb.ownerId}'s; take it first (once released) to ${verb} it`);
}

export function completeCallback(env: WorkEnv, req: z.output<typeof CompleteCallbackSchema>): Callback {
  return writeCallback(env, req.id, 'callbacks:complete', (cb, me, now) => {
    requireClosable(cb, me, 'complete');
    return { status: 'done', outcome: req.outcome, doneAt: new Date(now).toISOString(), doneBy: me.username };
  });
}

export function cancelCallback(env: WorkEnv, id: string, reason: string): Callback {
  return writeCallback(env, id, 'callbacks:cancel', (cb, me, now) => {
    requireClosable(cb, me, 'cancel');
    return { status: 'cancelled', outcome: reason, doneAt: new Date(now).toISOString(), doneBy: me.username };
  });
}
