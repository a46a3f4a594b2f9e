import { z } from 'zod';
import { WORK_ORDER_STATUSES, WorkOrderSchema, type WorkOrder, type WorkOrderUpdateSchema } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import { appendOutbox, mergeFieldHlc, stamp } from '../domain/context.js';
import { requireTicket } from '../domain/ticketQueries.js';
import type { SqlReader, SqlValue } from '../store/types.js';
import { readConsoleConfig } from './config.js';
import { consoleChanged, HOUR, iso, notFound, type WorkEnv } from './workEnv.js';

/**
 * On-site work orders (派单): scheduled → on_site (the engineer took the job:
 * takenAt, and the service feedback card is due workOrderFeedbackHours later)
 * → done (with the feedback recorded). Scheduled or on-site orders may be
 * cancelled; done and cancelled are final. Engineer and appointment change
 * only while scheduled.
 */

type Status = (typeof WORK_ORDER_STATUSES)[number];
const NEXT: Record<Status, readonly Status[]> = { scheduled: ['on_site', 'cancelled'], on_site: ['done', 'cancelled'], done: [], cancelled: [] };

const RowSchema = WorkOrderSchema.omit({ feedbackOverdue: true });
const SELECT = `SELECT id, ticket_id AS ticketId, handoff_id AS handoffId, engineer, address, appointment_at AS appointmentAt, status,
  taken_at AS takenAt, feedback_due_at AS feedbackDueAt, feedback, feedback_at AS feedbackAt FROM work_orders`;

function withOverdue(row: unknown, now: number): WorkOrder {
  const wo = RowSchema.parse(row);
  const feedbackOverdue = wo.feedback === null && wo.feedbackDueAt !== null && wo.status !== 'cancelled' && now > Date.parse(wo.feedbackDueAt);
  return { ...wo, feedbackOverdue };
}

export function getWorkOrder(r: SqlReader, id: string, now: number): WorkOrder {
  const row = r.get(`${SELECT} WHERE id = ?`, [id]);
  if (!row) throw notFound('WORK_ORDER_NOT_FOUND', 'work order', id);
  return withOverdue(row, now);
}

export function workOrdersOfTicket(r: SqlReader, ticketId: string, now: number): WorkOrder[] {
  requireTicket(r, ticketId);
  return r.all(`${SELECT} WHERE ticket_id = ? ORDER BY created_at, id`, [ticketId]).map((row) => withOverdue(row, now));
}

export const WorkOrderListSchema = z.object({ status: z.enum([...WORK_ORDER_STATUSES, 'open', 'all']), limit: z.number().int() });

/** Open = scheduled or on site, by appointment; feedback that is overdue shows first among on-site orders by its due time. */
export function listWorkOrders(r: SqlReader, q: z.infer<typeof WorkOrderListSchema>, now: number): WorkOrder[] {
  const params: SqlValue[] = [];
  let where = '';
  if (q.status === 'open') where = "WHERE status IN ('scheduled', 'on_site')";
  else if (q.status !== 'all') {
    where = 'WHERE status = ?';
    params.push(q.status);
  }
  return r.all(`${SELECT} ${where} ORDER BY COALESCE(feedback_due_at, appointment_at), id LIMIT ?`, [...params, q.limit]).map((row) => withOverdue(row, now));
}

export function updateWorkOrder(env: WorkEnv, req: z.output<typeof WorkOrderUpdateSchema>): WorkOrder {
  const { ctx } = env;
  let ticketId = '';
  ctx.store.write((w) => {
    const wo = getWorkOrder(w, req.id, ctx.now());
    ticketId = wo.ticketId;
    const s = stamp(ctx);
    const next: Record<string, string | null> = {};
    if (req.status !== undefined && req.status !== wo.status) {
      if (!NEXT[wo.status].includes(req.status)) {
        throw new AppError('ILLEGAL_TRANSITION', `Work order for ${wo.engineer} is ${wo.status}; it can move to ${NEXT[wo.status].join(', ') || 'nothing (final)'}, not ${req.status}`);
      }
      next.status = req.status;
      if (req.status === 'on_site') {
        next.takenAt = s.at;
        next.feedbackDueAt = iso(Date.parse(s.at) + readConsoleConfig(w).workOrderFeedbackHours * HOUR);
      }
      if (req.status === 'done' && wo.feedback === null && req.feedback === undefined) {
        throw new AppError('VALIDATION_FAILED', 'A work order is done with its service feedback card: record the feedback', [
          { path: 'feedback', code: 'feedback_required', message: 'Record the engineer’s feedback' },
        ]);
      }
    }
    const status = (next.status ?? wo.status) as Status;
    if ((req.engineer !== undefined && req.engineer !== wo.engineer) || (req.appointmentAt !== undefined && req.appointmentAt !== wo.appointmentAt)) {
      if (wo.status !== 'scheduled') throw new AppError('ILLEGAL_TRANSITION', `The engineer and appointment change only while the work order is scheduled; it is ${wo.status}`);
      if (req.engineer !== undefined && req.engineer !== wo.engineer) next.engineer = req.engineer;
      if (req.appointmentAt !== undefined && req.appointmentAt !== wo.appointmentAt) next.appointmentAt = req.appointmentAt;
    }
    if (req.feedback !== undefined && req.feedback !== wo.feedback) {
      if (status === 'scheduled' || status === 'cancelled') {
        throw new AppError('ILLEGAL_TRANSITION', `Feedback is recorded once the engineer took the job (on site); this work order is ${status}`, [
          { path: 'feedback', code: 'not_on_site', message: 'Only for a job taken on site' },
        ]);
      }
      next.feedback = req.feedback;
      next.feedbackAt = s.at;
    }
    // Nothing changes: nothing written.
    if (Object.keys(next).length === 0) return;
    const merged = { ...wo, ...next };
    const hlc = w.get<{ h: string }>('SELECT field_hlc AS h FROM work_orders WHERE id = ?', [wo.id])?.h;
    w.run(
      'UPDATE work_orders SET status = ?, engineer = ?, appointment_at = ?, taken_at = ?, feedback_due_at = ?, feedback = ?, feedback_at = ?, updated_at = ?, field_hlc = ? WHERE id = ?',
      [merged.status, merged.engineer, merged.appointmentAt, merged.takenAt, merged.feedbackDueAt, merged.feedback, merged.feedbackAt, s.at, mergeFieldHlc(hlc, Object.keys(next), s.hlc), wo.id],
    );
    // Mutation names on the wire are snake_case before the colon (protocol MutationSchema).
    appendOutbox(w, s, { name: 'work_orders:update', entity: 'work_order', entityId: wo.id, changes: [{ entity: 'work_order', id: wo.id, values: { ...next, updatedAt: s.at } }] });
  });
  env.onTickets([ticketId]);
  consoleChanged(env, ['workOrders']);
  return ctx.store.read((r) => getWorkOrder(r, req.id, ctx.now()));
}
