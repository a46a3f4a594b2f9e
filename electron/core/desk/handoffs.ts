import type { z } from 'zod';
import {
  HANDOFF_STATUS_OF,
  HandoffSchema,
  type AnswerHandoffSchema,
  type Handoff,
  type HandoffInput,
  type HandoffKind,
  type QueueItemSchema,
  type QueueQuerySchema,
} from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { LIMITS, type TicketDetail } from '../../../shared/tickets/schema.js';
import type { TicketStatus } from '../../../shared/tickets/stateMachine.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import { requireTicket, ticketDetail, ticketSummaries } from '../domain/ticketQueries.js';
import { appendHistory, assertNotClosed, transitionInTx } from '../domain/tickets.js';
import type { SqlReader } from '../store/types.js';
import { readConsoleConfig } from './config.js';
import { assertKnownTeam, readDirectory } from './directory.js';
import { slaForTickets } from './slaQuery.js';
import { acting, atLeast, consoleChanged, notFound, type Acting, type WorkEnv } from './workEnv.js';

/**
 * Hand-offs (domain.md): a ticket passed on says what is asked, by when and
 * in what scope, and its first owner stays responsible for coordination.
 *
 * Who answers: an escalation is answered by second line (senior) or above;
 * a transfer by anyone (the other department may have no second-line role on
 * this team's server); a dispatch by anyone (the dispatcher relays the field
 * team's answer). A ticket has at most one open hand-off: a new one
 * supersedes (cancels) the open one, so the queue never shows a ticket twice.
 */

const STATUS_OF: Record<HandoffKind, TicketStatus> = HANDOFF_STATUS_OF;

const SELECT = `SELECT id, ticket_id AS ticketId, kind, coordinator_id AS coordinatorId, to_target AS "to", ask, due_by AS dueBy, scope,
  status, answer, answered_by AS answeredBy, answered_at AS answeredAt, created_at AS createdAt FROM handoffs`;

export function getHandoff(r: SqlReader, id: string): Handoff {
  const row = r.get(`${SELECT} WHERE id = ?`, [id]);
  if (!row) throw notFound('HANDOFF_NOT_FOUND', 'hand-off', id);
  return HandoffSchema.parse(row);
}

export function handoffsOfTicket(r: SqlReader, ticketId: string): Handoff[] {
  requireTicket(r, ticketId);
  return r.all(`${SELECT} WHERE ticket_id = ? ORDER BY created_at, rowid`, [ticketId]).map((row) => HandoffSchema.parse(row));
}

/** History notes are capped (LIMITS.note); the whole text lives in the hand-off row and the entry's changes. */
function capNote(text: string): string {
  return text.length <= LIMITS.note ? text : `${text.slice(0, LIMITS.note - 1)}…`;
}

export function handoff(env: WorkEnv, req: HandoffInput): TicketDetail {
  const { ctx } = env;
  const me = acting(env);
  const now = ctx.now();
  if (Date.parse(req.dueBy) <= now) {
    throw new AppError('VALIDATION_FAILED', `The hand-off's due time ${req.dueBy} has already passed; say by when the answer is needed`, [
      { path: 'dueBy', code: 'due_in_past', message: 'The due time must be in the future' },
    ]);
  }
  if (req.workOrder && Date.parse(req.workOrder.appointmentAt) <= now - 60 * 60_000) {
    throw new AppError('VALIDATION_FAILED', `The appointment ${req.workOrder.appointmentAt} is in the past`, [
      { path: 'workOrder.appointmentAt', code: 'appointment_in_past', message: 'The appointment must not be in the past' },
    ]);
  }
  ctx.store.write((w) => {
    const current = requireTicket(w, req.ticketId);
    const t = current.ticket;
    assertNotClosed(t);
    assertKnownTeam(w, req.to, 'to');
    const s = stamp(ctx);
    const id = ctx.newId();
    // People read the note (the CLI, a sync problem): no ISO time in it; the due time is in the record beside it.
    const note = capNote(`${req.to}: ${req.ask} / ${req.scope}`);
    // The structured hand-off rides in the history entry too: the ticket's record says what was asked, in full.
    const record = { handoff: { from: null, to: { id, kind: req.kind, to: req.to, ask: req.ask, dueBy: req.dueBy, scope: req.scope } } };
    const { changes } = transitionInTx(ctx, w, s, current, { to: STATUS_OF[req.kind], note, record });
    for (const open of w.all<{ id: string; fieldHlc: string }>("SELECT id, field_hlc AS fieldHlc FROM handoffs WHERE ticket_id = ? AND status = 'open'", [t.id])) {
      w.run("UPDATE handoffs SET status = 'cancelled', updated_at = ?, field_hlc = ? WHERE id = ?", [s.at, mergeFieldHlc(open.fieldHlc, ['status'], s.hlc), open.id]);
      changes.push({ entity: 'handoff', id: open.id, values: { status: 'cancelled', updatedAt: s.at } });
    }
    const coordinatorId = t.assigneeId ?? t.createdBy;
    const values = { ticketId: t.id, kind: req.kind, coordinatorId, to: req.to, ask: req.ask, dueBy: req.dueBy, scope: req.scope, status: 'open', answer: null, answeredBy: null, answeredAt: null, createdAt: s.at, updatedAt: s.at };
    w.run(
      `INSERT INTO handoffs (id, ticket_id, kind, coordinator_id, to_target, ask, due_by, scope, status, answer, answered_by, answered_at, created_at, updated_at, field_hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, NULL, ?, ?, ?)`,
      [id, t.id, req.kind, coordinatorId, req.to, req.ask, req.dueBy, req.scope, s.at, s.at, createdFieldHlc(s.hlc)],
    );
    changes.push({ entity: 'handoff', id, values });
    if (req.workOrder) {
      const wo = req.workOrder;
      const woId = ctx.newId();
      const woValues = { ticketId: t.id, handoffId: id, engineer: wo.engineer, address: wo.address, appointmentAt: wo.appointmentAt, status: 'scheduled', takenAt: null, feedbackDueAt: null, feedback: null, feedbackAt: null, createdBy: me.username, createdAt: s.at, updatedAt: s.at };
      w.run(
        `INSERT INTO work_orders (id, ticket_id, handoff_id, engineer, address, appointment_at, status, taken_at, feedback_due_at, feedback, feedback_at, created_by, created_at, updated_at, field_hlc)
         VALUES (?, ?, ?, ?, ?, ?, 'scheduled', NULL, NULL, NULL, NULL, ?, ?, ?, ?)`,
        [woId, t.id, id, wo.engineer, wo.address, wo.appointmentAt, me.username, s.at, s.at, createdFieldHlc(s.hlc)],
      );
      changes.push({ entity: 'work_order', id: woId, values: woValues });
    }
    appendOutbox(w, s, { name: 'tickets:handoff', entity: 'ticket', entityId: t.id, changes });
  });
  env.onTickets([req.ticketId]);
  consoleChanged(env, req.workOrder ? ['handoffs', 'workOrders'] : ['handoffs']);
  return ctx.store.read((r) => ticketDetail(r, req.ticketId, ctx.now()));
}

export function answerHandoff(env: WorkEnv, req: z.output<typeof AnswerHandoffSchema>): Handoff {
  const { ctx } = env;
  const me = acting(env);
  let ticketId = '';
  ctx.store.write((w) => {
    const h = getHandoff(w, req.id);
    if (h.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', `This hand-off is already ${h.status}${h.answeredBy ? ` (answered by ${h.answeredBy})` : ''}`);
    if (h.kind === 'escalate' && !atLeast(me.role, 'senior')) {
      throw new AppError('FORBIDDEN', 'An escalation is answered by second line (senior), a supervisor or an admin');
    }
    ticketId = h.ticketId;
    const s = stamp(ctx);
    const hlc = w.get<{ h: string }>('SELECT field_hlc AS h FROM handoffs WHERE id = ?', [h.id])?.h;
    w.run("UPDATE handoffs SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?, updated_at = ?, field_hlc = ? WHERE id = ?", [
      req.answer, me.username, s.at, s.at, mergeFieldHlc(hlc, ['status', 'answer', 'answeredBy', 'answeredAt'], s.hlc), h.id,
    ]);
    const changes: RowChange[] = [{ entity: 'handoff', id: h.id, values: { status: 'answered', answer: req.answer, answeredBy: me.username, answeredAt: s.at, updatedAt: s.at } }];
    const current = requireTicket(w, h.ticketId);
    const note = capNote(req.answer);
    if (current.ticket.status === STATUS_OF[h.kind]) {
      // Back to the coordinator, who stays responsible: the ticket is theirs to work again.
      const moved = transitionInTx(ctx, w, s, current, { to: 'in_progress', note, action: 'handoff_answered', record: { handoff: { from: 'open', to: 'answered' } } });
      changes.push(...moved.changes);
    } else {
      // The ticket moved on meanwhile (resolved, handed elsewhere): the answer is still recorded where the coordinator reads it.
      changes.push(appendHistory(ctx, w, s, h.ticketId, 'handoff_answered', { handoff: { from: 'open', to: 'answered' } }, note));
    }
    appendOutbox(w, s, { name: 'handoffs:answer', entity: 'handoff', entityId: h.id, changes });
  });
  env.onTickets([ticketId]);
  consoleChanged(env, ['handoffs']);
  return ctx.store.read((r) => getHandoff(r, req.id));
}

const SEVERITY_RANK = "CASE t.severity WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

/**
 * Whose queue a viewer reads: a hand-off goes to a team, and a senior (or an
 * agent) of team X works the hand-offs to X. Supervisors and admins choose a
 * team, or every team when they name none. Someone with no team sees them all
 * (a standalone PC whose accounts were never given teams).
 */
export function queueTeamOf(viewer: Pick<Acting, 'role' | 'team'>, asked: string | undefined): string | null {
  if (atLeast(viewer.role, 'supervisor')) return asked ?? null;
  return viewer.team;
}

/**
 * The second-line queue (or transfers / dispatches) of one team: most urgent
 * due first, each with its ticket and clocks. Hand-offs written before
 * destinations were teams carry free text ("二线") that names no team: they
 * show in every team's queue, so none is orphaned.
 */
export function handoffQueue(r: SqlReader, q: z.output<typeof QueueQuerySchema>, now: number, viewer: Pick<Acting, 'role' | 'team'>): z.infer<typeof QueueItemSchema>[] {
  const params: (string | number)[] = [q.kind];
  let status = '';
  if (q.status !== 'all') {
    status = 'AND h.status = ?';
    params.push(q.status);
  }
  const team = queueTeamOf(viewer, q.team);
  let teamSql = '';
  if (team !== null) {
    // Not another known team's: the team's own, or a destination that names no team.
    const others = readDirectory(r).teams.filter((x) => x !== team);
    if (others.length > 0) {
      teamSql = `AND h.to_target NOT IN (${others.map(() => '?').join(', ')})`;
      params.push(...others);
    }
  }
  const rows = r.all(
    `SELECT h.id, h.ticket_id AS ticketId, h.kind, h.coordinator_id AS coordinatorId, h.to_target AS "to", h.ask, h.due_by AS dueBy, h.scope,
       h.status, h.answer, h.answered_by AS answeredBy, h.answered_at AS answeredAt, h.created_at AS createdAt
     FROM handoffs h JOIN tickets t ON t.id = h.ticket_id
     WHERE h.kind = ? ${status} ${teamSql}
     ORDER BY h.due_by, ${SEVERITY_RANK}, h.created_at, h.id LIMIT ?`,
    [...params, q.limit],
  );
  const handoffs = rows.map((row) => HandoffSchema.parse(row));
  const tickets = ticketSummaries(
    r,
    handoffs.map((h) => h.ticketId),
  );
  const config = readConsoleConfig(r);
  const clocks = slaForTickets(r, [...tickets.values()], now, config, { includeClosed: true });
  const out: z.infer<typeof QueueItemSchema>[] = [];
  for (const h of handoffs) {
    const ticket = tickets.get(h.ticketId);
    const sla = clocks.get(h.ticketId);
    if (ticket && sla) out.push({ handoff: h, ticket: { ...ticket, sla }, sla });
  }
  return out;
}
