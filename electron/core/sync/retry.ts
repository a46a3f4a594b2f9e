import { AppError } from '../../../shared/result.js';
import { ENTITIES, type EntityName } from '../../../shared/sync/entities.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { SyncProblem } from '../../../shared/sync/status.js';
import { canTransition, type TicketStatus } from '../../../shared/tickets/stateMachine.js';
import { TicketChangesSchema, TicketStatusSchema } from '../../../shared/tickets/schema.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import { findTicket } from '../domain/ticketQueries.js';
import type { TicketService } from '../domain/tickets.js';
import type { SqlValue } from '../store/types.js';
import { entityPlan, rowKey } from './apply.js';
import { deleteProblem, updateProblemMessage } from './problems.js';

/**
 * Retrying a sync problem re-applies what this PC wrote as a NEW local write:
 * a new HLC and a new outbox entry, so it is pushed like any other change
 * (and wins by clock now, unless someone edits the same field again).
 * Tickets go through the ticket service, so the retry is in their history
 * like any edit; a refused transition is attempted again from the ticket's
 * current status. Other entities are written back generically from the
 * declarations. The problem is removed only once the retry is saved; if the
 * retry itself fails, the problem stays (with the reason when it is a rule).
 */

export interface RetryDeps {
  ctx: DomainContext;
  tickets: TicketService;
}

/** Fields a ticket edit may change (status goes through a transition; the rest is bookkeeping). */
const EDITABLE: ReadonlySet<string> = new Set(Object.keys(TicketChangesSchema.shape));

/** The fields to write again: the lost ones for a conflict, everything the change wrote for a refusal. */
function fieldsToRetry(problem: SyncProblem, change: RowChange): string[] {
  const written = Object.keys(change.values);
  if (problem.kind === 'rejected') return written;
  const main = change.entity === problem.entity && change.id === problem.entityId;
  return written.filter((f) => problem.lostFields.includes(main ? f : `${change.entity}.${f}`));
}

function serverHasRow(problem: SyncProblem, change: RowChange): boolean {
  return problem.server.some((r) => rowKey(r.entity, r.id) === rowKey(change.entity, change.id));
}

export function retryProblem(deps: RetryDeps, problem: SyncProblem): void {
  const isTicketEdit = problem.entity === 'ticket' && !(problem.kind === 'rejected' && problem.name === 'tickets:create' && !serverHasRow(problem, mainChange(problem)));
  if (isTicketEdit) retryTicket(deps, problem);
  else rewrite(deps.ctx, problem);
}

function mainChange(problem: SyncProblem): RowChange {
  return problem.local.find((c) => c.entity === problem.entity && c.id === problem.entityId) ?? { entity: problem.entity, id: problem.entityId, values: {} };
}

function retryTicket(deps: RetryDeps, problem: SyncProblem): void {
  const { store } = deps.ctx;
  const change = mainChange(problem);
  const fields = fieldsToRetry(problem, change);
  const current = store.read((r) => findTicket(r, problem.entityId));
  if (!current) throw new AppError('NOT_FOUND', `Ticket ${problem.entityId} is not on this PC; discard the problem instead`);
  const note = problem.local.find((c) => c.entity === 'ticket_history' && c.values.ticketId === problem.entityId)?.values.note;

  if (fields.includes('status')) {
    const wanted = TicketStatusSchema.safeParse(change.values.status);
    if (wanted.success && wanted.data !== current.ticket.status) {
      const from: TicketStatus = current.ticket.status;
      if (!canTransition(from, wanted.data)) {
        const message = `The ticket is now ${from}; it cannot move from ${from} to ${wanted.data}. Discard this problem, or change the ticket's status by hand.`;
        store.write((w) => updateProblemMessage(w, problem.id, 'ILLEGAL_TRANSITION', message));
        throw new AppError('ILLEGAL_TRANSITION', message);
      }
      const resolution = typeof change.values.resolution === 'string' && wanted.data === 'resolved' ? change.values.resolution : undefined;
      deps.tickets.transition({
        id: problem.entityId,
        to: wanted.data,
        ...(typeof note === 'string' ? { note } : {}),
        ...(resolution ? { resolution } : {}),
      });
    }
  }
  const after = store.read((r) => findTicket(r, problem.entityId));
  const changes: Record<string, unknown> = {};
  for (const f of fields) {
    if (!EDITABLE.has(f)) continue;
    const value = change.values[f];
    if (after && value !== (after.ticket as Record<string, unknown>)[f]) changes[f] = value;
  }
  if (Object.keys(changes).length > 0) {
    const parsed = TicketChangesSchema.safeParse(changes);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', `The local values can no longer be applied: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    deps.tickets.update({ id: problem.entityId, changes: parsed.data });
  }
  store.write((w) => deleteProblem(w, problem.id));
}

/**
 * Generic retry from the declarations: every lww row of the change gets the
 * local values back with a new clock (the whole row when the server does not
 * have it, e.g. a refused create), every record is written again, and one
 * outbox entry carries them; the problem goes in the same transaction.
 */
function rewrite(ctx: DomainContext, problem: SyncProblem): void {
  ctx.store.write((w) => {
    const s = stamp(ctx);
    const changes: RowChange[] = [];
    for (const change of problem.local) {
      const entity = change.entity as EntityName;
      const plan = entityPlan(entity);
      if (ENTITIES[entity].kind === 'append') {
        const values = plan.values.safeParse(change.values);
        if (!values.success) continue;
        const v = values.data as Record<string, unknown>;
        const params = plan.fields.map((f) => (v[f] ?? null) as SqlValue);
        w.run(plan.insert, plan.hasId ? [change.id, ...params] : params);
        changes.push(change);
        continue;
      }
      const local = w.get<Record<string, SqlValue>>(plan.select as string, [change.id]);
      const full = !serverHasRow(problem, change) && problem.kind === 'rejected';
      if (!local) {
        const values = plan.values.safeParse(change.values);
        if (!values.success) continue;
        const v = values.data as Record<string, unknown>;
        w.run(plan.insert, [change.id, ...plan.fields.map((f) => (v[f] ?? null) as SqlValue), createdFieldHlc(s.hlc)]);
        changes.push({ entity: change.entity, id: change.id, values: v });
        continue;
      }
      const fields = fieldsToRetry(problem, change).filter((f) => plan.fields.includes(f));
      if (fields.length === 0 && !full) continue;
      const next = plan.fields.map((f, i) => (fields.includes(f) ? ((change.values[f] ?? null) as SqlValue) : (local[plan.columns[i] as string] ?? null)));
      const fieldHlc = full ? createdFieldHlc(s.hlc) : mergeFieldHlc(typeof local.field_hlc === 'string' ? local.field_hlc : null, fields, s.hlc);
      w.run(plan.update as string, [...next, fieldHlc, change.id]);
      const values = Object.fromEntries(plan.fields.flatMap((f, i) => (full || fields.includes(f) ? [[f, next[i]]] : [])));
      changes.push({ entity: change.entity, id: change.id, values });
    }
    if (changes.length > 0) appendOutbox(w, s, { name: problem.name, entity: problem.entity, entityId: problem.entityId, changes });
    deleteProblem(w, problem.id);
  });
}
