import { createHash } from 'node:crypto';
import type { Handlers } from '../../../shared/contract.js';
import type { Reminder } from '../../../shared/desk/schema.js';
import { canEditDefect, canMoveDefect, canSetDefectStatus, allowedDefectMoves, ownerOwedNotice, type DefectStatus } from '../../../shared/defects/rules.js';
import { DefectSchema, type Defect, type DefectDetail, type DefectFlag, type DefectNotice, type DefectRange, type DefectsByProduct, type DefectTicket, type DefectUpdate } from '../../../shared/defects/schema.js';
import { AppError } from '../../../shared/result.js';
import type { CoreChannel } from '../api.js';
import { acting, type Acting, type WorkEnv } from '../desk/workEnv.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

export type DefectChannel = Extract<CoreChannel, `defects:${string}`>;
export type DefectHandlers = Handlers<DefectChannel>;

export interface DefectDeps extends WorkEnv {
  localChange: () => void;
}

interface Row extends Omit<Defect, 'ticketCount'> {
  ticketCount: number;
  fieldHlc: string;
}

const SELECT = `SELECT d.id, d.title, d.product, d.version, d.steps, d.severity, d.tracker_ref AS trackerRef, d.status, d.status_by AS statusBy,
  d.status_at AS statusAt, d.status_note AS statusNote, d.created_by AS createdBy, d.created_at AS createdAt, d.updated_at AS updatedAt, d.field_hlc AS fieldHlc,
  (SELECT COUNT(DISTINCT l.ticket_id) FROM defect_tickets l WHERE l.defect_id = d.id AND l.removed_at IS NULL) AS ticketCount
  FROM defects d`;

/** The link's id, derived from both ends: two PCs flagging the same ticket with the same defect write one row. */
export function defectLinkId(defectId: string, ticketId: string): string {
  return createHash('sha256').update(`defect_ticket|${defectId}|${ticketId}`).digest('hex').slice(0, 32);
}

const toDefect = (row: Row): Defect => DefectSchema.parse(row);

function requireRow(r: SqlReader, id: string, path = 'id'): Row {
  const row = r.get<Row>(`${SELECT} WHERE d.id = ?`, [id]);
  if (!row) throw new AppError('DEFECT_NOT_FOUND', `No defect with id ${id}`, [{ path, code: 'defect_not_found', message: `No defect with id ${id}` }]);
  return row;
}

function requireTicket(r: SqlReader, id: string): void {
  if (!r.get('SELECT 1 AS found FROM tickets WHERE id = ?', [id])) {
    throw new AppError('TICKET_NOT_FOUND', `No ticket with id ${id}`, [{ path: 'ticketId', code: 'ticket_not_found', message: `No ticket with id ${id}` }]);
  }
}

/** Whose ticket it is: its assignee, or (unassigned) whoever registered it, as "my open tickets" reads it. */
const OWNER_SQL = 'COALESCE(t.assignee_id, t.created_by)';

function ticketsOf(r: SqlReader, defectId: string): DefectTicket[] {
  return r.all<DefectTicket>(
    `SELECT l.id AS linkId, t.id AS ticketId, t.no, t.subject, t.status, ${OWNER_SQL} AS ownerId, t.team, l.linked_by AS linkedBy, l.linked_at AS linkedAt,
            l.owner_noted_at AS ownerNotedAt
       FROM defect_tickets l JOIN tickets t ON t.id = l.ticket_id WHERE l.defect_id = ? AND l.removed_at IS NULL ORDER BY l.linked_at`,
    [defectId],
  );
}

function detail(r: SqlReader, id: string): DefectDetail {
  return { ...toDefect(requireRow(r, id)), tickets: ticketsOf(r, id) };
}

/** The day range [from 00:00, to+1 00:00) in the center's zone (+08:00), as ISO instants. */
function rangeBounds(range: DefectRange | undefined): { from: string; to: string } {
  const from = range?.from ? new Date(`${range.from}T00:00:00+08:00`).toISOString() : '0000';
  const to = range?.to ? new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString() : '9999';
  return { from, to };
}

/**
 * Open (and in-progress) defects per product, flagged within the range if
 * one is given, most first: what the reports list (issue 15 point 5), for
 * the period report and the weekly hard-problem summary.
 */
export function openDefectsByProduct(r: SqlReader, range?: DefectRange): DefectsByProduct {
  const { from, to } = rangeBounds(range);
  return r.all<DefectsByProduct[number]>(
    `SELECT d.product, SUM(d.status = 'open') AS open, SUM(d.status = 'in_progress') AS inProgress, COUNT(*) AS total,
            (SELECT COUNT(DISTINCT l.ticket_id) FROM defect_tickets l JOIN defects e ON e.id = l.defect_id
              WHERE e.product = d.product AND e.status IN ('open', 'in_progress') AND e.created_at >= ? AND e.created_at < ? AND l.removed_at IS NULL) AS tickets
       FROM defects d WHERE d.status IN ('open', 'in_progress') AND d.created_at >= ? AND d.created_at < ?
      GROUP BY d.product ORDER BY total DESC, d.product`,
    [from, to, from, to],
  );
}

/**
 * Ids of the tickets flagged as defects in the week starting `weekStart`
 * (YYYY-MM-DD, the center's day), linked within [weekStart, +7 days): the
 * weekly hard-problem summary (周技术疑难问题总结) adds them beside escalations.
 */
export function defectTicketIdsInWeek(r: SqlReader, weekStart: string): string[] {
  const start = Date.parse(`${weekStart}T00:00:00+08:00`);
  if (!Number.isFinite(start)) throw new AppError('VALIDATION_FAILED', `weekStart ${weekStart} is not a date (YYYY-MM-DD)`, [{ path: 'weekStart', code: 'invalid_date', message: 'A date as YYYY-MM-DD' }]);
  const from = new Date(start).toISOString();
  const to = new Date(start + 7 * 24 * 3600 * 1000).toISOString();
  return r
    .all<{ id: string }>('SELECT DISTINCT ticket_id AS id FROM defect_tickets WHERE removed_at IS NULL AND linked_at >= ? AND linked_at < ? ORDER BY ticket_id', [from, to])
    .map((x) => x.id);
}

/** Fixed defects on `me`'s tickets that `me` has not noted since they were fixed. */
export function defectNotices(r: SqlReader, me: Pick<Acting, 'username'>): DefectNotice[] {
  const rows = r.all<DefectNotice & { ownerNotedAt: string | null; removedAt: string | null; status: DefectStatus }>(
    `SELECT l.id AS linkId, d.id AS defectId, d.title, d.product, d.version, d.tracker_ref AS trackerRef, d.status, d.status_at AS statusAt,
            d.status_by AS statusBy, d.status_note AS statusNote, t.id AS ticketId, t.no AS ticketNo, t.subject,
            l.owner_noted_at AS ownerNotedAt, l.removed_at AS removedAt
       FROM defects d JOIN defect_tickets l ON l.defect_id = d.id JOIN tickets t ON t.id = l.ticket_id
      WHERE d.status = 'fixed' AND l.removed_at IS NULL AND ${OWNER_SQL} = ?
      ORDER BY d.status_at DESC LIMIT 200`,
    [me.username],
  );
  return rows.filter((x) => ownerOwedNotice(x, x)).map(({ ownerNotedAt: _n, removedAt: _r, status: _s, ...notice }) => notice);
}

/** The notices as reminders (the console's and the shell's notification), one per fix of each link. */
export function defectReminders(r: SqlReader, me: Pick<Acting, 'username'>): Reminder[] {
  return defectNotices(r, me).map((n) => ({
    kind: 'defect_fixed',
    key: `defect_fixed:${n.linkId}:${n.statusAt}`,
    ticketId: n.ticketId,
    ticketNo: n.ticketNo,
    callbackId: null,
    label: `${n.product} ${n.version}: ${n.title}`,
    dueAt: n.statusAt,
  }));
}

/** Defects to development (issue 15 point 5). */
export function createDefects(deps: DefectDeps): { handlers: DefectHandlers } {
  const { ctx } = deps;
  const me = (): Acting => acting(deps);
  const changed = (tickets: string[]): void => {
    deps.localChange();
    deps.emit('console:changed', { kinds: ['defects'], origin: 'local' });
    if (tickets.length > 0) deps.emit('tickets:changed', { ids: tickets, origin: 'local' });
  };

  /** Writes the link (new, or back after a removal) in the caller's transaction; false: it was there. */
  function linkInTx(w: SqlWriter, user: Acting, defectId: string, ticketId: string): boolean {
    const id = defectLinkId(defectId, ticketId);
    const existing = w.get<{ removedAt: string | null; fieldHlc: string }>('SELECT removed_at AS removedAt, field_hlc AS fieldHlc FROM defect_tickets WHERE id = ?', [id]);
    if (existing && existing.removedAt === null) return false;
    const s = stamp(ctx);
    if (existing) {
      // Linked again after a removal: the first linker stays on record.
      const values = { linkedAt: s.at, removedAt: null, removedBy: null, updatedAt: s.at };
      w.run('UPDATE defect_tickets SET linked_at = ?, removed_at = NULL, removed_by = NULL, updated_at = ?, field_hlc = ? WHERE id = ?', [
        s.at, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), id,
      ]);
      appendOutbox(w, s, { name: 'defects:link', entity: 'defect_ticket', entityId: id, changes: [{ entity: 'defect_ticket', id, values }] });
      return true;
    }
    const values = { defectId, ticketId, linkedBy: user.username, linkedAt: s.at, removedAt: null, removedBy: null, ownerNotedAt: null, ownerNotedBy: null, updatedAt: s.at };
    w.run(
      `INSERT INTO defect_tickets (id, defect_id, ticket_id, linked_by, linked_at, removed_at, removed_by, owner_noted_at, owner_noted_by, updated_at, field_hlc)
       VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`,
      [id, defectId, ticketId, user.username, s.at, s.at, createdFieldHlc(s.hlc)],
    );
    appendOutbox(w, s, { name: 'defects:link', entity: 'defect_ticket', entityId: id, changes: [{ entity: 'defect_ticket', id, values }] });
    return true;
  }

  function flag(req: DefectFlag): DefectDetail {
    const user = me();
    const id = ctx.newId();
    ctx.store.write((w) => {
      requireTicket(w, req.ticketId);
      const s = stamp(ctx);
      const values = {
        title: req.title,
        product: req.product,
        version: req.version,
        steps: req.steps,
        severity: req.severity,
        trackerRef: req.trackerRef ? req.trackerRef : null,
        status: 'open' as const,
        statusBy: user.username,
        statusAt: s.at,
        statusNote: null,
        createdBy: user.username,
        createdAt: s.at,
        updatedAt: s.at,
      };
      w.run(
        `INSERT INTO defects (id, title, product, version, steps, severity, tracker_ref, status, status_by, status_at, status_note, created_by, created_at, updated_at, field_hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, NULL, ?, ?, ?, ?)`,
        [id, values.title, values.product, values.version, values.steps, values.severity, values.trackerRef, user.username, s.at, user.username, s.at, s.at, createdFieldHlc(s.hlc)],
      );
      appendOutbox(w, s, { name: 'defects:flag', entity: 'defect', entityId: id, changes: [{ entity: 'defect', id, values }] });
      linkInTx(w, user, id, req.ticketId);
    });
    changed([req.ticketId]);
    return ctx.store.read((r) => detail(r, id));
  }

  function link(defectId: string, ticketId: string, on: boolean): DefectDetail {
    const user = me();
    const wrote = ctx.store.write((w) => {
      requireRow(w, defectId, 'defectId');
      requireTicket(w, ticketId);
      if (on) return linkInTx(w, user, defectId, ticketId);
      const id = defectLinkId(defectId, ticketId);
      const existing = w.get<{ removedAt: string | null; fieldHlc: string }>('SELECT removed_at AS removedAt, field_hlc AS fieldHlc FROM defect_tickets WHERE id = ?', [id]);
      if (!existing || existing.removedAt !== null) throw new AppError('LINK_NOT_FOUND', 'This ticket is not linked to that defect', [{ path: 'defectId', code: 'link_not_found', message: 'Not linked' }]);
      const s = stamp(ctx);
      const values = { removedAt: s.at, removedBy: user.username, updatedAt: s.at };
      w.run('UPDATE defect_tickets SET removed_at = ?, removed_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [s.at, user.username, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), id]);
      appendOutbox(w, s, { name: 'defects:unlink', entity: 'defect_ticket', entityId: id, changes: [{ entity: 'defect_ticket', id, values }] });
      return true;
    });
    if (wrote) changed([ticketId]);
    return ctx.store.read((r) => detail(r, defectId));
  }

  function update(req: DefectUpdate): DefectDetail {
    const user = me();
    const wrote = ctx.store.write((w) => {
      const row = requireRow(w, req.id);
      if (!canEditDefect(user, row.createdBy, row.status)) {
        throw new AppError('FORBIDDEN', `Only second line and up (or whoever flagged it, while it is open) edit this defect; a ${user.role} cannot now`);
      }
      const next = {
        title: req.title ?? row.title,
        product: req.product ?? row.product,
        version: req.version ?? row.version,
        steps: req.steps ?? row.steps,
        severity: req.severity ?? row.severity,
        trackerRef: req.trackerRef === undefined ? row.trackerRef : req.trackerRef === null || req.trackerRef === '' ? null : req.trackerRef,
      };
      const written: Record<string, unknown> = {};
      for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] !== row[k]) written[k] = next[k];
      if (Object.keys(written).length === 0) return false;
      const s = stamp(ctx);
      Object.assign(written, { updatedAt: s.at });
      w.run('UPDATE defects SET title = ?, product = ?, version = ?, steps = ?, severity = ?, tracker_ref = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        next.title, next.product, next.version, next.steps, next.severity, next.trackerRef, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(written), s.hlc), row.id,
      ]);
      appendOutbox(w, s, { name: 'defects:update', entity: 'defect', entityId: row.id, changes: [{ entity: 'defect', id: row.id, values: written }] });
      return true;
    });
    if (wrote) changed([]);
    return ctx.store.read((r) => detail(r, req.id));
  }

  function setStatus(id: string, status: DefectStatus, note: string | undefined): DefectDetail {
    const user = me();
    const ticketIds = ctx.store.write((w) => {
      const row = requireRow(w, id);
      if (!canSetDefectStatus(user.role)) throw new AppError('FORBIDDEN', `A defect's status is changed by second line, supervisors and admins, not a ${user.role}`, [{ path: 'status', code: 'forbidden', message: 'Not allowed' }]);
      if (!canMoveDefect(row.status, status)) {
        const allowed = allowedDefectMoves(row.status);
        throw new AppError('ILLEGAL_TRANSITION', `The defect is ${row.status}; it can move to ${allowed.join(', ') || 'nothing'}, not ${status}`, [{ path: 'status', code: 'illegal_transition', message: `Not from ${row.status}` }]);
      }
      const s = stamp(ctx);
      const values = { status, statusBy: user.username, statusAt: s.at, statusNote: note && note !== '' ? note : null, updatedAt: s.at };
      w.run('UPDATE defects SET status = ?, status_by = ?, status_at = ?, status_note = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        status, user.username, s.at, values.statusNote, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(values), s.hlc), id,
      ]);
      appendOutbox(w, s, { name: 'defects:setStatus', entity: 'defect', entityId: id, changes: [{ entity: 'defect', id, values }] });
      return ticketsOf(w, id).map((t) => t.ticketId);
    });
    changed(ticketIds);
    return ctx.store.read((r) => detail(r, id));
  }

  function noteNotice(linkId: string): DefectNotice[] {
    const user = me();
    ctx.store.write((w) => {
      const notice = defectNotices(w, user).find((n) => n.linkId === linkId);
      if (!notice) throw new AppError('NOTICE_NOT_FOUND', 'There is no fixed-defect notice for you on that link', [{ path: 'linkId', code: 'notice_not_found', message: 'No such notice' }]);
      const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM defect_tickets WHERE id = ?', [linkId]);
      const s = stamp(ctx);
      const values = { ownerNotedAt: s.at, ownerNotedBy: user.username, updatedAt: s.at };
      w.run('UPDATE defect_tickets SET owner_noted_at = ?, owner_noted_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [s.at, user.username, s.at, mergeFieldHlc(existing?.fieldHlc, Object.keys(values), s.hlc), linkId]);
      appendOutbox(w, s, { name: 'defects:noteNotice', entity: 'defect_ticket', entityId: linkId, changes: [{ entity: 'defect_ticket', id: linkId, values }] });
    });
    changed([]);
    return ctx.store.read((r) => defectNotices(r, user));
  }

  function list(r: SqlReader, status: string, product: string | undefined, limit: number): Defect[] {
    const statuses = status === 'all' ? ['open', 'in_progress', 'fixed', 'wont_fix'] : status === 'unresolved' ? ['open', 'in_progress'] : [status];
    const rows = r.all<Row>(
      `${SELECT} WHERE d.status IN (${statuses.map(() => '?').join(', ')}) AND (? IS NULL OR d.product = ?) ORDER BY d.status_at DESC LIMIT ?`,
      [...statuses, product ?? null, product ?? null, limit],
    );
    return rows.map(toDefect);
  }

  const handlers: DefectHandlers = {
    'defects:flag': (req) => flag(req),
    'defects:link': (req) => link(req.defectId, req.ticketId, true),
    'defects:unlink': (req) => link(req.defectId, req.ticketId, false),
    'defects:update': (req) => update(req),
    'defects:setStatus': (req) => setStatus(req.id, req.status, req.note),
    'defects:get': (req) => ctx.store.read((r) => detail(r, req.id)),
    'defects:list': (req) => ctx.store.read((r) => list(r, req.status, req.product, req.limit)),
    'defects:forTicket': (req) =>
      ctx.store.read((r) => {
        requireTicket(r, req.ticketId);
        return r.all<Row>(`${SELECT} WHERE d.id IN (SELECT defect_id FROM defect_tickets WHERE ticket_id = ? AND removed_at IS NULL) ORDER BY d.created_at`, [req.ticketId]).map(toDefect);
      }),
    'defects:openByProduct': (req) => ctx.store.read((r) => openDefectsByProduct(r, req)),
    'defects:notices': () => ctx.store.read((r) => defectNotices(r, me())),
    'defects:noteNotice': (req) => noteNotice(req.linkId),
  };
  return { handlers };
}
