import { AppError } from '../../../shared/result.js';
import { allowedTransitions, canTransition, isOpen, transitionNeedsNote, transitionNeedsResolution } from '../../../shared/tickets/stateMachine.js';
import type { Ticket, TicketChanges, TicketDetail, TicketInput, TicketTransition, TicketUpdate } from '../../../shared/tickets/schema.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from './context.js';
import { findCustomer, resolveInlineCustomer } from './customers.js';
import { allocateTicketNo } from './ticketNo.js';
import { requireTicket, ticketDetail } from './ticketQueries.js';
import { linkArticles } from '../kb/uses.js';
import type { Actor } from '../../../shared/roles.js';

type HistoryAction = 'created' | 'updated' | 'transition';
type FieldChanges = Record<string, { from: unknown; to: unknown }>;

const TICKET_VALUES_SQL = `no, status, subject, description, category, severity, channel, product, device_model, assignee_id,
  team, steps_taken, resolution, customer_id, created_by, created_at, updated_at, resolved_at, closed_at, field_hlc`;

function rowValues(t: Ticket, fieldHlc: string) {
  return [
    t.no, t.status, t.subject, t.description, t.category, t.severity, t.channel, t.product, t.deviceModel, t.assigneeId,
    t.team, t.stepsTaken, t.resolution, t.customerId, t.createdBy, t.createdAt, t.updatedAt, t.resolvedAt, t.closedAt, fieldHlc,
  ] as const;
}

/** Writes the whole row with one fixed statement: no SQL is assembled from field names. */
function saveTicket(w: SqlWriter, t: Ticket, fieldHlc: string, insert: boolean): void {
  if (insert) {
    w.run(`INSERT INTO tickets (id, ${TICKET_VALUES_SQL}) VALUES (?, ${Array(20).fill('?').join(', ')})`, [t.id, ...rowValues(t, fieldHlc)]);
    return;
  }
  w.run(
    `UPDATE tickets SET no = ?, status = ?, subject = ?, description = ?, category = ?, severity = ?, channel = ?, product = ?,
       device_model = ?, assignee_id = ?, team = ?, steps_taken = ?, resolution = ?, customer_id = ?, created_by = ?,
       created_at = ?, updated_at = ?, resolved_at = ?, closed_at = ?, field_hlc = ? WHERE id = ?`,
    [...rowValues(t, fieldHlc), t.id],
  );
}

/** Appends the history record and returns it as a sync change for the outbox. */
function appendHistory(ctx: DomainContext, w: SqlWriter, s: Stamp, ticketId: string, action: HistoryAction, changes: FieldChanges, note: string | null): RowChange {
  const id = ctx.newId();
  const values = { ticketId, at: s.at, actorId: ctx.actorId, action, changes: JSON.stringify(changes), note, hlc: s.hlc };
  w.run('INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, note, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    id, ticketId, values.at, values.actorId, action, values.changes, note, s.hlc,
  ]);
  return { entity: 'ticket_history', id, values };
}

/** Optional texts are stored as NULL, never '', so "cleared" has one spelling. */
function blankToNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v;
}

const OPTIONAL_TEXT = new Set<keyof TicketChanges>(['product', 'deviceModel', 'assigneeId', 'team', 'stepsTaken', 'resolution']);
/** A resolved ticket is only as good as its recorded solution (KB, follow-up call). */
const NEEDS_RESOLUTION = new Set<Ticket['status']>(['resolved', 'confirmed', 'closed']);

/** Only the fields whose value actually differs from the stored one. */
function diffChanges(current: Ticket, changes: TicketChanges): { next: Ticket; diff: FieldChanges } {
  const next: Ticket = { ...current };
  const diff: FieldChanges = {};
  for (const key of Object.keys(changes) as (keyof TicketChanges)[]) {
    const raw = changes[key];
    if (raw === undefined) continue;
    const value = OPTIONAL_TEXT.has(key) ? blankToNull(raw) : raw;
    if (value === current[key]) continue;
    diff[key] = { from: current[key], to: value };
    Object.assign(next, { [key]: value });
  }
  return { next, diff };
}

function changedValues(diff: FieldChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, v.to]));
}

function requireCustomer(r: SqlReader, id: string, path: string): void {
  if (!findCustomer(r, id)) throw new AppError('CUSTOMER_NOT_FOUND', `No customer with id ${id}`, [{ path, code: 'customer_not_found', message: `No customer with id ${id}` }]);
}

export interface TicketService {
  create(input: TicketInput): TicketDetail;
  update(req: TicketUpdate): TicketDetail;
  transition(req: TicketTransition): TicketDetail;
  get(id: string): TicketDetail;
}

/**
 * Ticket writes. Each one is a single `store.write`: the ticket row, its
 * history entry, the outbox mutation and the persisted HLC commit together or
 * not at all. `onChanged` (and `onArticles`, for articles linked on
 * creation) run only after the write is durable. `articleActor` says who
 * links articles (which drafts they may see); by default the context's actor
 * as a reviewer, as on a standalone PC.
 */
export function createTicketService(
  ctx: DomainContext,
  onChanged: (ids: string[]) => void,
  onArticles: (ids: string[]) => void = () => undefined,
  articleActor: () => Actor = () => ({ username: ctx.actorId, role: 'admin' }),
): TicketService {
  const { store } = ctx;
  const get = (id: string) => store.read((r) => ticketDetail(r, id));

  function create(input: TicketInput): TicketDetail {
    const articleIds = input.articleIds ?? [];
    const id = store.write((w) => {
      const s = stamp(ctx);
      let customerId: string;
      if (input.customerId) {
        requireCustomer(w, input.customerId, 'customerId');
        customerId = input.customerId;
      } else if (input.customer) {
        customerId = resolveInlineCustomer(ctx, w, s, input.customer).id;
      } else {
        throw new AppError('VALIDATION_FAILED', 'Give either customerId or customer {name, phone}', [
          { path: 'customer', code: 'customer_required', message: 'Give either customerId or customer {name, phone}' },
        ]);
      }
      const ticket: Ticket = {
        id: ctx.newId(),
        no: allocateTicketNo(w, Date.parse(s.at), ctx.randomBytes),
        status: 'new',
        subject: input.subject,
        description: input.description,
        category: input.category,
        severity: input.severity,
        channel: input.channel,
        product: blankToNull(input.product),
        deviceModel: blankToNull(input.deviceModel),
        assigneeId: blankToNull(input.assigneeId),
        team: blankToNull(input.team),
        stepsTaken: blankToNull(input.stepsTaken),
        resolution: blankToNull(input.resolution),
        customerId,
        createdBy: ctx.actorId,
        createdAt: s.at,
        updatedAt: s.at,
        resolvedAt: null,
        closedAt: null,
      };
      // The initial values live in the row (and every later change records its
      // `from`), so the creation entry names only what identifies the event;
      // repeating a 20,000-character description here would triple the
      // journal, the snapshot and every cold start.
      const recorded: FieldChanges = { no: { from: null, to: ticket.no }, status: { from: null, to: ticket.status } };
      saveTicket(w, ticket, createdFieldHlc(s.hlc), true);
      const history = appendHistory(ctx, w, s, ticket.id, 'created', recorded, null);
      const values: Record<string, unknown> = { ...ticket };
      delete values.id;
      // Articles that answered the call: linked (usage counted) with the ticket, or nothing is saved.
      const uses = linkArticles(ctx, w, s, { ticketId: ticket.id, articleIds, actor: articleActor(), pathOf: (i) => `articleIds.${i}` });
      appendOutbox(w, s, { name: 'tickets:create', entity: 'ticket', entityId: ticket.id, changes: [{ entity: 'ticket', id: ticket.id, values }, history, ...uses] });
      return ticket.id;
    });
    onChanged([id]);
    if (articleIds.length > 0) onArticles([...new Set(articleIds)]);
    return get(id);
  }

  function update(req: TicketUpdate): TicketDetail {
    const before = store.read((r) => diffChanges(requireTicket(r, req.id).ticket, req.changes).diff);
    // Nothing really changes: no transaction, no history, no outbox, no event.
    if (Object.keys(before).length === 0) return get(req.id);
    store.write((w) => {
      const current = requireTicket(w, req.id);
      const { next, diff } = diffChanges(current.ticket, req.changes);
      if (diff.customerId) requireCustomer(w, next.customerId, 'changes.customerId');
      if (diff.resolution && next.resolution === null && NEEDS_RESOLUTION.has(next.status)) {
        throw new AppError('VALIDATION_FAILED', `Ticket ${next.no} is ${next.status}; its resolution cannot be cleared`, [
          { path: 'changes.resolution', code: 'resolution_required', message: 'A resolved ticket must keep its resolution' },
        ]);
      }
      const s = stamp(ctx);
      next.updatedAt = s.at;
      saveTicket(w, next, mergeFieldHlc(current.fieldHlc, Object.keys(diff), s.hlc), false);
      const history = appendHistory(ctx, w, s, next.id, 'updated', diff, null);
      const values = { ...changedValues(diff), updatedAt: s.at };
      appendOutbox(w, s, { name: 'tickets:update', entity: 'ticket', entityId: next.id, changes: [{ entity: 'ticket', id: next.id, values }, history] });
    });
    onChanged([req.id]);
    return get(req.id);
  }

  function transition(req: TicketTransition): TicketDetail {
    store.write((w) => {
      const current = requireTicket(w, req.id);
      const t = current.ticket;
      const from = t.status;
      const { to } = req;
      if (!canTransition(from, to)) {
        const allowed = allowedTransitions(from);
        throw new AppError('ILLEGAL_TRANSITION', `Cannot move ticket ${t.no} from ${from} to ${to}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`);
      }
      const note = blankToNull(req.note);
      if (transitionNeedsNote(from, to) && note === null) {
        throw new AppError('NOTE_REQUIRED', `Moving ticket ${t.no} from ${from} to ${to} needs a note: what is asked, by when, and why`, [
          { path: 'note', code: 'note_required', message: 'A note is required for this transition' },
        ]);
      }
      if (req.resolution !== undefined && to !== 'resolved') {
        throw new AppError('VALIDATION_FAILED', `A resolution can only be given when resolving; edit it with tickets:update instead`, [
          { path: 'resolution', code: 'resolution_not_allowed', message: 'Only allowed with to: resolved' },
        ]);
      }
      const resolution = blankToNull(req.resolution) ?? t.resolution;
      if (transitionNeedsResolution(to) && resolution === null) {
        throw new AppError('RESOLUTION_REQUIRED', `Ticket ${t.no} needs a resolution before it can be resolved`, [
          { path: 'resolution', code: 'resolution_required', message: 'Describe the resolution' },
        ]);
      }
      const s = stamp(ctx);
      const next: Ticket = { ...t, status: to, resolution, updatedAt: s.at };
      if (to === 'resolved') next.resolvedAt = s.at;
      if (to === 'closed') next.closedAt = s.at;
      // Back to work (reopen, "not fixed after all"): the ticket is no longer resolved or closed.
      if (isOpen(to)) {
        next.resolvedAt = null;
        next.closedAt = null;
      }
      const diff: FieldChanges = {};
      for (const key of ['status', 'resolution', 'resolvedAt', 'closedAt'] as const) {
        if (next[key] !== t[key]) diff[key] = { from: t[key], to: next[key] };
      }
      saveTicket(w, next, mergeFieldHlc(current.fieldHlc, Object.keys(diff), s.hlc), false);
      const history = appendHistory(ctx, w, s, t.id, 'transition', diff, note);
      const values = { ...changedValues(diff), updatedAt: s.at };
      appendOutbox(w, s, { name: 'tickets:transition', entity: 'ticket', entityId: t.id, changes: [{ entity: 'ticket', id: t.id, values }, history] });
    });
    onChanged([req.id]);
    return get(req.id);
  }

  return { create, update, transition, get };
}
