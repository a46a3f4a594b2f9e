import { AppError } from '../../../shared/result.js';
import { allowedTransitions, canTransition, isOpen, transitionNeedsNote, transitionNeedsResolution } from '../../../shared/tickets/stateMachine.js';
import type { z } from 'zod';
import type { Ticket, TicketChanges, TicketDetail, TicketInput, TicketListQuerySchema, TicketPage, TicketTransition, TicketUpdate } from '../../../shared/tickets/schema.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from './context.js';
import { findCustomer, resolveInlineCustomer } from './customers.js';
import { allocateTicketNo } from './ticketNo.js';
import { listTickets, requireTicket, ticketDetail } from './ticketQueries.js';
import { linkArticles } from '../kb/uses.js';
import type { Actor } from '../../../shared/roles.js';
import type { HISTORY_ACTIONS } from '../../../shared/tickets/schema.js';
import type { TicketStatus } from '../../../shared/tickets/stateMachine.js';
import { linkCallInTx } from '../desk/callLinks.js';
import { assertKnownAssignment } from '../desk/directory.js';
import { discardDraftInTx } from '../desk/drafts.js';
import type { DeskIdentity } from '../desk/identity.js';
import { followUpsOnResolveInTx } from '../desk/followUps.js';
import type { TicketRow } from './ticketQueries.js';

type HistoryAction = (typeof HISTORY_ACTIONS)[number];
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
export function appendHistory(ctx: DomainContext, w: SqlWriter, s: Stamp, ticketId: string, action: HistoryAction, changes: FieldChanges, note: string | null): RowChange {
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

/**
 * A closed ticket is the record of finished work: nothing about it changes
 * (fields, notes, contacts) until it is reopened, which says why (domain.md).
 */
export function assertNotClosed(t: Ticket): void {
  if (t.status === 'closed') {
    throw new AppError('TICKET_CLOSED', `Ticket ${t.no} is closed and read-only; reopen it first (tickets:transition to reopened, with the reason)`, [
      { path: 'id', code: 'ticket_closed', message: 'The ticket is closed; reopen it first' },
    ]);
  }
}

/** Statuses reached only through tickets:handoff, which records what is asked, by when and in what scope. */
export const HANDOFF_STATUSES: readonly TicketStatus[] = ['escalated', 'transferred', 'dispatched'];

export interface TransitionInTx {
  to: TicketStatus;
  note: string | null;
  resolution?: string | undefined;
  /** the history action recording it: a plain transition, or second line's answer moving the ticket back */
  action?: 'transition' | 'handoff_answered';
  /** recorded in the same history entry beside the field changes (the hand-off's ask, an answer) */
  record?: FieldChanges;
}

/**
 * Moves a ticket inside the caller's transaction: the state machine's rules,
 * the row, the history entry and, on resolution, the follow-ups (回访).
 * Returns every sync change written, for the caller's outbox entry.
 */
export function transitionInTx(ctx: DomainContext, w: SqlWriter, s: Stamp, current: TicketRow, req: TransitionInTx): { next: Ticket; changes: RowChange[] } {
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
  const history = appendHistory(ctx, w, s, t.id, req.action ?? 'transition', { ...diff, ...req.record }, note);
  const values = { ...changedValues(diff), updatedAt: s.at };
  const changes: RowChange[] = [{ entity: 'ticket', id: t.id, values }, history];
  // The 回访 is owed from the moment the ticket is resolved: written with it, or not at all.
  if (to === 'resolved') changes.push(...followUpsOnResolveInTx(ctx, w, s, next));
  return { next, changes };
}

export interface TicketService {
  create(input: TicketInput): TicketDetail;
  update(req: TicketUpdate): TicketDetail;
  transition(req: TicketTransition): TicketDetail;
  get(id: string): TicketDetail;
  /** a page of tickets, open ones with their SLA clocks at the context's clock */
  list(q: z.output<typeof TicketListQuerySchema>): TicketPage;
  /**
   * Ticket work (work.ts) attaches the desk: whose drafts a created ticket
   * discards, and who hears that follow-ups were created. Until then the
   * context's actor owns drafts and nobody listens.
   */
  attachDesk(desk: { identity: DeskIdentity; onConsole: (kinds: ('calls' | 'followUps' | 'drafts')[]) => void }): void;
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
  const get = (id: string) => store.read((r) => ticketDetail(r, id, ctx.now()));
  let identity: DeskIdentity = { current: () => null };
  let onConsole: (kinds: ('calls' | 'followUps' | 'drafts')[]) => void = () => undefined;

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
      assertKnownAssignment(w, { assigneeId: input.assigneeId, team: input.team });
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
      // The call this ticket registers, and the form's draft: with the ticket, or neither.
      const calls = input.callId ? linkCallInTx(ctx, w, s, input.callId, ticket.id) : [];
      if (input.draftKey) discardDraftInTx(w, identity.current()?.username ?? ctx.actorId, input.draftKey);
      appendOutbox(w, s, { name: 'tickets:create', entity: 'ticket', entityId: ticket.id, changes: [{ entity: 'ticket', id: ticket.id, values }, history, ...uses, ...calls] });
      return ticket.id;
    });
    onChanged([id]);
    const kinds: ('calls' | 'drafts')[] = [];
    if (input.callId) kinds.push('calls');
    if (input.draftKey) kinds.push('drafts');
    if (kinds.length > 0) onConsole(kinds);
    if (articleIds.length > 0) onArticles([...new Set(articleIds)]);
    return get(id);
  }

  function update(req: TicketUpdate): TicketDetail {
    const before = store.read((r) => {
      const current = requireTicket(r, req.id).ticket;
      assertNotClosed(current);
      return diffChanges(current, req.changes).diff;
    });
    // Nothing really changes: no transaction, no history, no outbox, no event.
    if (Object.keys(before).length === 0) return get(req.id);
    store.write((w) => {
      const current = requireTicket(w, req.id);
      assertNotClosed(current.ticket);
      const { next, diff } = diffChanges(current.ticket, req.changes);
      if (diff.customerId) requireCustomer(w, next.customerId, 'changes.customerId');
      assertKnownAssignment(w, { assigneeId: diff.assigneeId ? next.assigneeId : null, team: diff.team ? next.team : null }, 'changes.');
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
    let resolved = false;
    store.write((w) => {
      const current = requireTicket(w, req.id);
      if (HANDOFF_STATUSES.includes(req.to)) {
        // A hand-off without what is asked, by when and in what scope is the "I thought you had it" loop domain.md forbids.
        throw new AppError('HANDOFF_REQUIRED', `Ticket ${current.ticket.no} moves to ${req.to} through tickets:handoff, which records what is asked, by when and in what scope`, [
          { path: 'to', code: 'handoff_required', message: 'Use tickets:handoff to escalate, transfer or dispatch' },
        ]);
      }
      const s = stamp(ctx);
      const { changes } = transitionInTx(ctx, w, s, current, { to: req.to, note: req.note ?? null, resolution: req.resolution });
      resolved = changes.some((c) => c.entity === 'follow_up');
      appendOutbox(w, s, { name: 'tickets:transition', entity: 'ticket', entityId: req.id, changes });
    });
    onChanged([req.id]);
    if (resolved) onConsole(['followUps']);
    return get(req.id);
  }

  function attachDesk(desk: { identity: DeskIdentity; onConsole: (kinds: ('calls' | 'followUps' | 'drafts')[]) => void }): void {
    identity = desk.identity;
    onConsole = desk.onConsole;
  }

  const list = (q: z.output<typeof TicketListQuerySchema>): TicketPage => store.read((r) => listTickets(r, q, ctx.now()));

  return { create, update, transition, get, list, attachDesk };
}
