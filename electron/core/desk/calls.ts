import { z } from 'zod';
import { wrapDeadline, cappedWrapEnd } from '../../../shared/desk/callTimer.js';
import { CallSchema, DESK_AGENT_ID, type Call, type CallEvent } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { AgentEvent } from '../../../shared/desk/agentState.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlValue, SqlWriter } from '../store/types.js';
import { linkCallInTx } from './callLinks.js';
import { readConsoleConfig } from './config.js';
import { customerIdForNumber, dialledNumber } from './number.js';
import type { DeskSession } from './session.js';

/**
 * Calls: one service for both adapters (the agent's buttons and the CTI
 * endpoint). Each action is ONE write: the call row, the agent's state
 * change it causes and one outbox entry. Statuses:
 * ringing → talking ⇄ held → wrap_up → ended; never answered → missed.
 */

type Row = Omit<Call, 'ticketIds'> & { createdAt: string; updatedAt: string; fieldHlc: string };

const COLUMNS = `id, external_id AS externalId, source, direction, number, number_key AS numberKey, line_number AS lineNumber,
  customer_id AS customerId, agent_id AS agentId, status, ring_at AS ringAt, answer_at AS answerAt,
  hold_started_at AS holdStartedAt, hold_seconds AS holdSeconds, end_at AS endAt, wrap_end_at AS wrapEndAt,
  disposition, note, settled_at AS settledAt, settled_by AS settledBy, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc`;

const RowSchema = CallSchema.omit({ ticketIds: true }).extend({ createdAt: z.string(), updatedAt: z.string(), fieldHlc: z.string() });

/** Fields an action may change (all but identity and creation). */
const MUTABLE = ['customerId', 'status', 'answerAt', 'holdStartedAt', 'holdSeconds', 'endAt', 'wrapEndAt', 'disposition', 'note', 'settledAt', 'settledBy'] as const;
type Mutable = (typeof MUTABLE)[number];
type Patch = Partial<Pick<Row, Mutable>>;

function readRow(r: SqlReader, id: string): Row | undefined {
  const row = r.get(`SELECT ${COLUMNS} FROM calls WHERE id = ?`, [id]);
  return row ? RowSchema.parse(row) : undefined;
}

function ticketIdsOf(r: SqlReader, callId: string): string[] {
  return r.all<{ ticketId: string }>('SELECT ticket_id AS ticketId FROM call_tickets WHERE call_id = ? ORDER BY at, ticket_id', [callId]).map((t) => t.ticketId);
}

function toCall(r: SqlReader, row: Row): Call {
  const { createdAt: _c, updatedAt: _u, fieldHlc: _f, ...call } = row;
  return CallSchema.parse({ ...call, ticketIds: ticketIdsOf(r, row.id) });
}

export function getCall(r: SqlReader, id: string): Call {
  const row = readRow(r, id);
  if (!row) throw new AppError('CALL_NOT_FOUND', `No call with id ${id}`, [{ path: 'id', code: 'call_not_found', message: `No call with id ${id}` }]);
  return toCall(r, row);
}

/**
 * The agent's active call: the one on the line (talking or held) first, then
 * a ringing one, else the newest one waiting for its disposition. A call that
 * rings while another is on the line is a waiting call (waitingCalls), not
 * the current one.
 */
export function currentCall(r: SqlReader, agentId: string): Call | null {
  const row =
    r.get(
      `SELECT ${COLUMNS} FROM calls WHERE agent_id = ? AND status IN ('ringing', 'talking', 'held')
        ORDER BY CASE status WHEN 'ringing' THEN 1 ELSE 0 END, ring_at DESC, id DESC LIMIT 1`,
      [agentId],
    ) ??
    r.get(`SELECT ${COLUMNS} FROM calls WHERE agent_id = ? AND status = 'wrap_up' ORDER BY end_at DESC, id DESC LIMIT 1`, [agentId]);
  return row ? toCall(r, RowSchema.parse(row)) : null;
}

/** Calls ringing for the agent (or at the desk) besides the current one: callers waiting while the agent is busy. */
export function waitingCalls(r: SqlReader, agentId: string): Call[] {
  const current = currentCall(r, agentId);
  return r
    .all(`SELECT ${COLUMNS} FROM calls WHERE agent_id IN (?, ?) AND status = 'ringing' ORDER BY ring_at, id`, [agentId, DESK_AGENT_ID])
    .map((row) => RowSchema.parse(row))
    .filter((row) => row.id !== current?.id)
    .map((row) => toCall(r, row));
}

/** A call in wrap-up inside the after-call limit: the agent is still doing its after-call work. */
export function pendingWrapUp(r: SqlReader, agentId: string, now: number): Row | undefined {
  const acw = readConsoleConfig(r).afterCallWorkSeconds;
  return r
    .all(`SELECT ${COLUMNS} FROM calls WHERE agent_id = ? AND status = 'wrap_up' ORDER BY end_at DESC`, [agentId])
    .map((row) => RowSchema.parse(row))
    .find((c) => {
      const deadline = wrapDeadline(c, acw);
      return deadline !== null && now < deadline;
    });
}

/** Local midnight of `now` on this PC, as an ISO instant comparable with ring_at. */
export function localMidnight(now: number): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

export interface CallListQuery {
  today?: boolean | undefined;
  agentId?: string | undefined;
  limit: number;
  offset: number;
}

export function listCalls(r: SqlReader, q: CallListQuery, now: number): Call[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.today) {
    where.push('ring_at >= ?');
    params.push(localMidnight(now));
  }
  if (q.agentId) {
    where.push('agent_id = ?');
    params.push(q.agentId);
  }
  const rows = r.all(`SELECT ${COLUMNS} FROM calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ring_at DESC, id DESC LIMIT ? OFFSET ?`, [...params, q.limit, q.offset]);
  return rows.map((row) => toCall(r, RowSchema.parse(row)));
}

export function callsForTicket(r: SqlReader, ticketId: string): Call[] {
  const rows = r.all(`SELECT ${COLUMNS} FROM calls WHERE id IN (SELECT call_id FROM call_tickets WHERE ticket_id = ?) ORDER BY ring_at DESC, id DESC`, [ticketId]);
  return rows.map((row) => toCall(r, RowSchema.parse(row)));
}

/** Who caused an action: the agent's buttons, or the phone system (CTI) with its own timestamp. */
export type Origin = { by: 'agent'; channel: string } | { by: 'cti'; at?: string | undefined };

export interface CallAfterWrite {
  call: Call;
  agentChanged: boolean;
  /** a promised callback was completed in the same write (the customer was reached) */
  callbackDone?: boolean;
}

/** The outcome written on a callback completed because its call was answered (a record people read, in both languages). */
export const REACHED_OUTCOME = '电话已接通 · Reached by phone';

/**
 * The callback an outbound call keeps (call_callbacks, this PC only) is
 * completed when the customer answers: one more change in the call's write,
 * with its own outbox entry. A callback no longer scheduled, or not the
 * call's agent's to close, is left as it is.
 */
function completeLinkedCallbackInTx(w: SqlWriter, s: Stamp, callId: string, agentId: string, at: string): boolean {
  const link = w.get<{ callbackId: string }>('SELECT callback_id AS callbackId FROM call_callbacks WHERE call_id = ?', [callId]);
  if (!link) return false;
  const cb = w.get<{ status: string; ownerId: string; fieldHlc: string }>('SELECT status, owner_id AS ownerId, field_hlc AS fieldHlc FROM callbacks WHERE id = ?', [link.callbackId]);
  if (!cb || cb.status !== 'scheduled' || cb.ownerId !== agentId) return false;
  const values = { status: 'done', outcome: REACHED_OUTCOME, doneAt: at, doneBy: agentId, updatedAt: s.at };
  w.run('UPDATE callbacks SET status = ?, outcome = ?, done_at = ?, done_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
    values.status, values.outcome, values.doneAt, values.doneBy, values.updatedAt, mergeFieldHlc(cb.fieldHlc, ['status', 'outcome', 'doneAt', 'doneBy', 'updatedAt'], s.hlc), link.callbackId,
  ]);
  appendOutbox(w, s, { name: 'callbacks:complete', entity: 'callback', entityId: link.callbackId, changes: [{ entity: 'callback', id: link.callbackId, values }] });
  return true;
}

export interface CallServiceDeps {
  ctx: DomainContext;
  session: DeskSession;
  /** after a durable write: events, sync wake-up */
  afterWrite: (result: CallAfterWrite) => void;
}

const invalid = (call: Row, action: string): AppError =>
  new AppError('CALL_STATE_INVALID', `Cannot ${action} a call that is ${call.status.replace('_', ' ')}`, [{ path: 'id', code: `call_${call.status}`, message: `The call is ${call.status}` }]);

export function createCallService(deps: CallServiceDeps) {
  const { ctx, session } = deps;
  const { store } = ctx;

  /** The action's timestamp: the PBX's when it sent one, never before the call's last one nor after now. */
  function when(origin: Origin, s: Stamp, floor: string | null): string {
    if (origin.by !== 'cti' || !origin.at) return floor && s.at < floor ? floor : s.at;
    let t = Math.min(Date.parse(origin.at), ctx.now());
    if (floor) t = Math.max(t, Date.parse(floor));
    return new Date(t).toISOString();
  }

  function writeRow(w: SqlWriter, row: Row): void {
    w.run(
      `INSERT INTO calls (id, external_id, source, direction, number, number_key, line_number, customer_id, agent_id, status, ring_at, answer_at,
         hold_started_at, hold_seconds, end_at, wrap_end_at, disposition, note, settled_at, settled_by, created_at, updated_at, field_hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id, row.externalId, row.source, row.direction, row.number, row.numberKey, row.lineNumber, row.customerId, row.agentId, row.status, row.ringAt,
        row.answerAt, row.holdStartedAt, row.holdSeconds, row.endAt, row.wrapEndAt, row.disposition, row.note, row.settledAt, row.settledBy, row.createdAt, row.updatedAt, row.fieldHlc,
      ],
    );
  }

  /** Writes the changed fields with one fixed statement and returns the lww change (written fields + updatedAt). */
  function patchRow(w: SqlWriter, s: Stamp, row: Row, patch: Patch): { row: Row; change: RowChange } {
    const written = MUTABLE.filter((k) => patch[k] !== undefined && patch[k] !== row[k]);
    const next: Row = { ...row, ...patch, updatedAt: s.at };
    next.fieldHlc = mergeFieldHlc(row.fieldHlc, [...written, 'updatedAt'], s.hlc);
    w.run(
      `UPDATE calls SET customer_id = ?, status = ?, answer_at = ?, hold_started_at = ?, hold_seconds = ?, end_at = ?, wrap_end_at = ?,
         disposition = ?, note = ?, settled_at = ?, settled_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?`,
      [
        next.customerId, next.status, next.answerAt, next.holdStartedAt, next.holdSeconds, next.endAt, next.wrapEndAt, next.disposition, next.note,
        next.settledAt, next.settledBy, next.updatedAt, next.fieldHlc, row.id,
      ],
    );
    const values: Record<string, unknown> = { updatedAt: s.at };
    for (const k of written) values[k] = next[k];
    return { row: next, change: { entity: 'call', id: row.id, values } };
  }

  /**
   * The agent's state follows the call, but a call event never fails because
   * of it (a PBX reports what happened; the agent may have signed out).
   */
  function follow(w: SqlWriter, s: Stamp, agentId: string, event: AgentEvent, callId: string, at: string): RowChange | null {
    // The empty desk has no state log.
    if (agentId === DESK_AGENT_ID) return null;
    try {
      return session.moveInTx(w, s, agentId, event, callId, at);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'AGENT_STATE_INVALID' || e.code === 'REASON_UNKNOWN')) return null;
      throw e;
    }
  }

  function assertNoActiveCall(w: SqlReader, agentId: string): void {
    const live = w.get<{ id: string; status: string }>(`SELECT id, status FROM calls WHERE agent_id = ? AND status IN ('ringing', 'talking', 'held') LIMIT 1`, [agentId]);
    if (live) throw new AppError('CALL_ACTIVE', `${agentId} already has a ${live.status} call; hang it up first`);
    if (pendingWrapUp(w, agentId, ctx.now())) throw new AppError('CALL_ACTIVE', `${agentId} is in after-call work; save the last call's disposition first`);
  }

  function done(result: CallAfterWrite): Call {
    deps.afterWrite(result);
    return result.call;
  }

  function create(
    input: { direction: 'inbound' | 'outbound'; number: string; externalId: string | null; lineNumber: string | null; source: 'manual' | 'cti'; id?: string; callbackId?: string | undefined },
    origin: Origin,
    agentId: string,
  ): Call {
    const { number, parsed } = dialledNumber(input.number, origin.by === 'cti' ? 'from' : 'number', origin.by !== 'cti');
    let agentChanged = false;
    const call = store.write((w) => {
      // The phone system reports what reached the desk: a call ringing while
      // another is on the line (or in wrap-up) is recorded as waiting, never
      // refused and lost. Only the agent's own buttons start one call at a time.
      if (origin.by === 'agent') assertNoActiveCall(w, agentId);
      const busy = origin.by === 'cti' && (w.get(`SELECT 1 AS found FROM calls WHERE agent_id = ? AND status IN ('ringing', 'talking', 'held')`, [agentId]) !== undefined || pendingWrapUp(w, agentId, ctx.now()) !== undefined);
      const s = stamp(ctx);
      const at = when(origin, s, null);
      // Manual inbound: the agent logs a call already on the line. Outbound and CTI calls ring first.
      const talking = input.source === 'manual' && input.direction === 'inbound';
      const row: Row = {
        id: input.id ?? ctx.newId(),
        externalId: input.externalId,
        source: input.source,
        direction: input.direction,
        number,
        numberKey: parsed?.key ?? null,
        lineNumber: input.lineNumber,
        customerId: customerIdForNumber(w, parsed),
        agentId,
        status: talking ? 'talking' : 'ringing',
        ringAt: at,
        answerAt: talking ? at : null,
        holdStartedAt: null,
        holdSeconds: 0,
        endAt: null,
        wrapEndAt: null,
        disposition: null,
        note: null,
        settledAt: null,
        settledBy: null,
        createdAt: s.at,
        updatedAt: s.at,
        fieldHlc: createdFieldHlc(s.hlc),
      };
      writeRow(w, row);
      if (input.callbackId) w.run('INSERT INTO call_callbacks (call_id, callback_id, created_at) VALUES (?, ?, ?)', [row.id, input.callbackId, s.at]);
      const { id: _id, fieldHlc: _f, ...values } = row;
      const changes: RowChange[] = [{ entity: 'call', id: row.id, values }];
      // On the line as soon as the agent dials out or picks up (a waiting CTI call does not move the agent).
      if ((talking || input.direction === 'outbound') && !busy) {
        const moved = follow(w, s, agentId, { kind: 'call_start' }, row.id, at);
        if (moved) changes.push(moved);
        agentChanged = moved !== null;
      }
      appendOutbox(w, s, { name: origin.by === 'cti' ? 'cti:event' : 'calls:start', entity: 'call', entityId: row.id, changes });
      return toCall(w, row);
    });
    return done({ call, agentChanged });
  }

  type StepResult = { patch: Patch; agent?: AgentEvent };
  type Step = (row: Row, at: string, w: SqlWriter) => StepResult;

  function act(id: string, action: string, origin: Origin, step: Step): Call {
    let agentChanged = false;
    let callbackDone = false;
    const call = store.write((w) => {
      const row = readRow(w, id);
      if (!row) throw new AppError('CALL_NOT_FOUND', `No call with id ${id}`, [{ path: 'id', code: 'call_not_found', message: `No call with id ${id}` }]);
      if (origin.by === 'agent') {
        const actor = session.actor();
        if (row.agentId !== actor.username && actor.role !== 'supervisor' && actor.role !== 'admin') {
          throw new AppError('FORBIDDEN', `This call belongs to ${row.agentId}; only they or a supervisor may ${action} it`);
        }
      }
      const s = stamp(ctx);
      const floor = [row.ringAt, row.answerAt, row.holdStartedAt, row.endAt].filter((t): t is string => t !== null).sort().at(-1) ?? null;
      const at = when(origin, s, floor);
      const { patch, agent } = step(row, at, w);
      const { row: next, change } = patchRow(w, s, row, patch);
      const changes: RowChange[] = [change];
      // With another call on the line the agent's state belongs to that one:
      // a waiting call answered or dropped meanwhile does not move it.
      const otherOnLine = w.get(`SELECT 1 AS found FROM calls WHERE agent_id = ? AND id <> ? AND status IN ('talking', 'held')`, [row.agentId, row.id]) !== undefined;
      if (agent && !otherOnLine) {
        const moved = follow(w, s, row.agentId, agent, row.id, at);
        if (moved) changes.push(moved);
        agentChanged = moved !== null;
      }
      appendOutbox(w, s, { name: origin.by === 'cti' ? 'cti:event' : `calls:${action}`, entity: 'call', entityId: row.id, changes });
      // The customer picked up a call dialled to keep a promise: the promise is kept.
      if (row.direction === 'outbound' && row.status === 'ringing' && next.status === 'talking') callbackDone = completeLinkedCallbackInTx(w, s, row.id, row.agentId, at);
      return toCall(w, next);
    });
    return done({ call, agentChanged, callbackDone });
  }

  const heldFor = (row: Row, at: string): number => (row.holdStartedAt ? Math.max(0, Math.floor((Date.parse(at) - Date.parse(row.holdStartedAt)) / 1000)) : 0);

  const answer = (row: Row, at: string): StepResult => {
    if (row.status !== 'ringing') throw invalid(row, 'answer');
    return { patch: { status: 'talking', answerAt: at }, agent: { kind: 'call_start' } };
  };
  const hold = (row: Row, at: string): StepResult => {
    if (row.status !== 'talking') throw invalid(row, 'hold');
    return { patch: { status: 'held', holdStartedAt: at } };
  };
  const resume = (row: Row, at: string): StepResult => {
    if (row.status !== 'held') throw invalid(row, 'resume');
    return { patch: { status: 'talking', holdStartedAt: null, holdSeconds: row.holdSeconds + heldFor(row, at) } };
  };
  const hangup = (row: Row, at: string): StepResult => {
    if (row.status === 'ringing') {
      // Never answered: nothing to wrap up; an outbound attempt returns the agent to ready
      // (an inbound call that only rang never moved the agent).
      const patch: Patch = { status: 'missed', endAt: at };
      return row.direction === 'outbound' ? { patch, agent: { kind: 'call_end', answered: false } } : { patch };
    }
    if (row.status !== 'talking' && row.status !== 'held') throw invalid(row, 'hang up');
    return { patch: { status: 'wrap_up', endAt: at, holdStartedAt: null, holdSeconds: row.holdSeconds + heldFor(row, at) }, agent: { kind: 'call_end', answered: true } };
  };

  const STEPS = { answer, hold, resume, hangup };

  /** The checks calls:start makes before it writes, so a dial command is never sent for a call that would be refused. */
  function checkStart(req: { direction: 'inbound' | 'outbound'; number: string; callbackId?: string | undefined }): { agentId: string; number: string } {
    const agent = session.requireAgent();
    if (req.callbackId) {
      const exists = store.read((r) => r.get('SELECT 1 AS found FROM callbacks WHERE id = ?', [req.callbackId ?? '']));
      if (!exists) throw new AppError('CALLBACK_NOT_FOUND', `No callback with id ${req.callbackId}`, [{ path: 'callbackId', code: 'callback_not_found', message: `No callback with id ${req.callbackId}` }]);
    }
    const { number } = dialledNumber(req.number, 'number', true);
    store.read((r) => assertNoActiveCall(r, agent.username));
    return { agentId: agent.username, number };
  }

  return {
    checkStart,
    /**
     * `placed`: the phone system accepted a dial command for this call: the
     * id the command announced, and the phone system's own id if it gave one
     * (its later events then find this call).
     */
    start(req: { direction: 'inbound' | 'outbound'; number: string; callbackId?: string | undefined }, placed?: { id: string; externalId: string | null }): Call {
      if (placed?.externalId) {
        // The phone system may have reported the call (ringing) before it answered the command.
        const known = store.read((r) => r.get<{ id: string }>('SELECT id FROM calls WHERE external_id = ? ORDER BY ring_at DESC LIMIT 1', [placed.externalId ?? '']));
        if (known) return store.read((r) => getCall(r, known.id));
      }
      const { agentId } = checkStart(req);
      return create(
        { direction: req.direction, number: req.number, externalId: placed?.externalId ?? null, lineNumber: null, source: 'manual', callbackId: req.callbackId, ...(placed ? { id: placed.id } : {}) },
        { by: 'agent', channel: 'calls:start' },
        agentId,
      );
    },

    /**
     * The checks an agent's action makes before it writes (the call exists,
     * is theirs, and is in a state the action applies to), without writing:
     * the command goes to the phone system only for an action that the
     * console would then accept.
     */
    check(id: string, action: keyof typeof STEPS): Call {
      return store.read((r) => {
        const row = readRow(r, id);
        if (!row) throw new AppError('CALL_NOT_FOUND', `No call with id ${id}`, [{ path: 'id', code: 'call_not_found', message: `No call with id ${id}` }]);
        const actor = session.actor();
        if (row.agentId !== actor.username && actor.role !== 'supervisor' && actor.role !== 'admin') {
          throw new AppError('FORBIDDEN', `This call belongs to ${row.agentId}; only they or a supervisor may ${action} it`);
        }
        STEPS[action](row, new Date(ctx.now()).toISOString());
        return toCall(r, row);
      });
    },
    answer: (id: string) => act(id, 'answer', { by: 'agent', channel: 'calls:answer' }, answer),
    hold: (id: string) => act(id, 'hold', { by: 'agent', channel: 'calls:hold' }, hold),
    resume: (id: string) => act(id, 'resume', { by: 'agent', channel: 'calls:resume' }, resume),
    hangup: (id: string) => act(id, 'hangup', { by: 'agent', channel: 'calls:hangup' }, hangup),

    /**
     * Saves the disposition and closes the call. After the after-call limit
     * the agent is already ready (logged at the deadline) and stays so; the
     * stored wrap-up end is capped at the limit, so AHT is not inflated by a
     * call left undisposed over lunch.
     */
    wrapUp(req: { id: string; disposition: string; note?: string | undefined; ready: boolean }): Call {
      session.catchUp();
      return act(req.id, 'wrapUp', { by: 'agent', channel: 'calls:wrapUp' }, (row, at, w) => {
        if (row.status !== 'wrap_up') {
          throw new AppError('CALL_STATE_INVALID', row.status === 'talking' || row.status === 'held' ? 'Hang up before saving the disposition' : `Cannot wrap up a call that is ${row.status}`, [
            { path: 'id', code: `call_${row.status}`, message: `The call is ${row.status}` },
          ]);
        }
        const config = readConsoleConfig(w);
        if (!config.dispositions.some((d) => d.code === req.disposition)) {
          const message = `Unknown disposition "${req.disposition}"; configured: ${config.dispositions.map((d) => d.code).join(', ')}`;
          throw new AppError('DISPOSITION_UNKNOWN', message, [{ path: 'disposition', code: 'disposition_unknown', message }]);
        }
        const note = req.note && req.note.trim() !== '' ? req.note.trim() : row.note;
        const wrapEndAt = new Date(cappedWrapEnd(row, Date.parse(at), config.afterCallWorkSeconds)).toISOString();
        const step: StepResult = { patch: { status: 'ended', disposition: req.disposition, note, wrapEndAt } };
        if (req.ready) step.agent = { kind: 'wrap_done' };
        return step;
      });
    },

    link(callId: string, ticketId: string): Call {
      session.requireAgent();
      const call = store.write((w) => {
        if (!w.get('SELECT 1 AS found FROM tickets WHERE id = ?', [ticketId])) {
          throw new AppError('NOT_FOUND', `No ticket with id ${ticketId}`, [{ path: 'ticketId', code: 'ticket_not_found', message: `No ticket with id ${ticketId}` }]);
        }
        const s = stamp(ctx);
        const changes = linkCallInTx(ctx, w, s, callId, ticketId);
        if (changes.length > 0) appendOutbox(w, s, { name: 'calls:link', entity: 'call', entityId: callId, changes });
        return { call: getCall(w, callId), linked: changes.length > 0 };
      });
      if (!call.linked) return call.call;
      return done({ call: call.call, agentChanged: false });
    },

    /**
     * The CTI adapter: the same transitions, keyed by the PBX's call id. A
     * call that rings with nobody signed in belongs to the desk (DESK_AGENT_ID).
     */
    event(ev: CallEvent): Call {
      const agentId = session.current()?.username ?? DESK_AGENT_ID;
      const origin: Origin = { by: 'cti', at: ev.at };
      if (ev.event === 'ringing') {
        // The PBX repeats an event when our answer was lost: the same call, not a second one.
        // Also a call the agent dialled through the connector, which gave this id in its answer.
        const existing = store.read((r) => r.get<{ id: string }>('SELECT id FROM calls WHERE external_id = ? ORDER BY ring_at DESC LIMIT 1', [ev.callId]));
        if (existing) return store.read((r) => getCall(r, existing.id));
        return create({ direction: ev.direction, number: ev.from, externalId: ev.callId, lineNumber: ev.to && ev.to !== '' ? ev.to : null, source: 'cti' }, origin, agentId);
      }
      const found = store.read((r) => r.get<{ id: string }>('SELECT id FROM calls WHERE external_id = ? ORDER BY ring_at DESC LIMIT 1', [ev.callId]));
      if (!found) throw new AppError('CALL_NOT_FOUND', `No call with the phone system's id ${ev.callId}; send "ringing" first`, [{ path: 'callId', code: 'call_not_found', message: `Unknown call ${ev.callId}` }]);
      const step = { answered: answer, held: hold, resumed: resume, ended: hangup }[ev.event];
      return act(found.id, ev.event, origin, step);
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
