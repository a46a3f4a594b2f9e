import { createHash } from 'node:crypto';
import type { Handlers } from '../../../shared/contract.js';
import type { AckStatus, Announcement, AnnouncementInput, AnnouncementUpdate, LinkedTicket, TicketOutages } from '../../../shared/announcements/schema.js';
import { AnnouncementSchema } from '../../../shared/announcements/schema.js';
import { announcementPhase, announcementVisible, ackVisible, canPublish, publishRefusal, windowProblems } from '../../../shared/announcements/rules.js';
import { AppError } from '../../../shared/result.js';
import type { CoreChannel } from '../api.js';
import { readDirectory } from '../desk/directory.js';
import { assertKnownAssignment } from '../desk/directory.js';
import { acting, type Acting, type WorkEnv } from '../desk/workEnv.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

export type AnnouncementChannel = Extract<CoreChannel, `announcements:${string}`>;
export type AnnouncementHandlers = Handlers<AnnouncementChannel>;

export interface AnnouncementDeps extends WorkEnv {
  /** a durable local write happened: wake the sync client */
  localChange: () => void;
}

interface Row extends Record<string, unknown> {
  id: string;
  title: string;
  body: string;
  level: string;
  team: string | null;
  validFrom: string;
  validTo: string;
  endedAt: string | null;
  endedBy: string | null;
  publishedBy: string;
  createdAt: string;
  updatedAt: string;
  ackCount: number;
  ticketCount: number;
  acknowledged: number;
  fieldHlc: string;
}

const SELECT = `SELECT a.id, a.title, a.body, a.level, a.team, a.valid_from AS validFrom, a.valid_to AS validTo, a.ended_at AS endedAt,
  a.ended_by AS endedBy, a.published_by AS publishedBy, a.created_at AS createdAt, a.updated_at AS updatedAt,
  a.field_hlc AS fieldHlc,
  (SELECT COUNT(*) FROM announcement_acks k WHERE k.announcement_id = a.id) AS ackCount,
  (SELECT COUNT(DISTINCT l.ticket_id) FROM announcement_tickets l WHERE l.announcement_id = a.id AND l.removed_at IS NULL) AS ticketCount,
  EXISTS (SELECT 1 FROM announcement_acks k WHERE k.announcement_id = a.id AND k.agent_id = ?) AS acknowledged
  FROM announcements a`;

function toAnnouncement(row: Row, now: number): Announcement {
  return AnnouncementSchema.parse({ ...row, acknowledged: row.acknowledged === 1, phase: announcementPhase(row, now) });
}

const notFound = (id: string): AppError =>
  new AppError('ANNOUNCEMENT_NOT_FOUND', `No announcement with id ${id}`, [{ path: 'id', code: 'announcement_not_found', message: `No announcement with id ${id}` }]);

/** The row as the user sees it, or ANNOUNCEMENT_NOT_FOUND (one they may not see is answered as one that does not exist). */
function requireRow(r: SqlReader, me: Acting, id: string): Row {
  const row = r.get<Row>(`${SELECT} WHERE a.id = ?`, [me.username, id]);
  if (!row || !announcementVisible(me, row)) throw notFound(id);
  return row;
}

function requirePublisher(me: Acting, team: string | null, path = 'team'): void {
  const why = publishRefusal(me, team);
  if (why) throw new AppError('FORBIDDEN', why, [{ path, code: 'forbidden', message: why }]);
}

/** The link's id, derived from both ends: two PCs linking the same ticket to the same outage write one row. */
export function outageLinkId(announcementId: string, ticketId: string): string {
  return createHash('sha256').update(`announcement_ticket|${announcementId}|${ticketId}`).digest('hex').slice(0, 32);
}

/** Announcements, known outages and their acknowledgements (issue 15 point 4). */
export function createAnnouncements(deps: AnnouncementDeps): { handlers: AnnouncementHandlers } {
  const { ctx } = deps;
  const me = (): Acting => acting(deps);
  const changed = (tickets: string[] = []): void => {
    deps.localChange();
    deps.emit('console:changed', { kinds: ['announcements'], origin: 'local' });
    if (tickets.length > 0) deps.emit('tickets:changed', { ids: tickets, origin: 'local' });
  };
  const get = (r: SqlReader, id: string): Announcement => toAnnouncement(requireRow(r, me(), id), ctx.now());

  function list(r: SqlReader, scope: 'current' | 'all' | 'active', limit: number): Announcement[] {
    const user = me();
    const nowIso = new Date(ctx.now()).toISOString();
    const rows =
      scope === 'all'
        ? r.all<Row>(`${SELECT} ORDER BY a.valid_from DESC LIMIT ?`, [user.username, limit * 4])
        : r.all<Row>(`${SELECT} WHERE a.valid_to > ? AND (a.ended_at IS NULL OR a.ended_at > ?) ORDER BY a.valid_from DESC`, [user.username, nowIso, nowIso]);
    const now = ctx.now();
    return rows
      .filter((row) => announcementVisible(user, row))
      .map((row) => toAnnouncement(row, now))
      .filter((a) => scope !== 'active' || a.phase === 'active')
      .slice(0, limit);
  }

  function publish(req: AnnouncementInput): Announcement {
    const user = me();
    const team = req.team && req.team !== '' ? req.team : null;
    requirePublisher(user, team);
    const id = ctx.newId();
    ctx.store.write((w) => {
      if (team) assertKnownAssignment(w, { team });
      const s = stamp(ctx);
      const values = {
        title: req.title,
        body: req.body,
        level: req.level,
        team,
        validFrom: new Date(req.validFrom).toISOString(),
        validTo: new Date(req.validTo).toISOString(),
        endedAt: null,
        endedBy: null,
        publishedBy: user.username,
        createdAt: s.at,
        updatedAt: s.at,
      };
      w.run(
        `INSERT INTO announcements (id, title, body, level, team, valid_from, valid_to, ended_at, ended_by, published_by, created_at, updated_at, field_hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
        [id, values.title, values.body, values.level, team, values.validFrom, values.validTo, user.username, s.at, s.at, createdFieldHlc(s.hlc)],
      );
      appendOutbox(w, s, { name: 'announcements:publish', entity: 'announcement', entityId: id, changes: [{ entity: 'announcement', id, values }] });
    });
    changed();
    return ctx.store.read((r) => get(r, id));
  }

  function update(req: AnnouncementUpdate): Announcement {
    const user = me();
    ctx.store.write((w) => {
      const row = requireRow(w, user, req.id);
      requirePublisher(user, row.team, 'id');
      if (announcementPhase(row, ctx.now()) === 'ended') throw new AppError('ANNOUNCEMENT_ENDED', `The announcement "${row.title}" was ended; publish a new one`);
      const next = {
        title: req.title ?? row.title,
        body: req.body ?? row.body,
        level: req.level ?? row.level,
        team: req.team === undefined ? row.team : req.team === '' ? null : req.team,
        validFrom: req.validFrom ? new Date(req.validFrom).toISOString() : row.validFrom,
        validTo: req.validTo ? new Date(req.validTo).toISOString() : row.validTo,
      };
      requirePublisher(user, next.team);
      if (next.team) assertKnownAssignment(w, { team: next.team });
      const problems = windowProblems(next.validFrom, next.validTo);
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), problems);
      const written: Record<string, unknown> = {};
      for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] !== row[k]) written[k] = next[k];
      if (Object.keys(written).length === 0) return;
      const s = stamp(ctx);
      Object.assign(written, { updatedAt: s.at });
      w.run('UPDATE announcements SET title = ?, body = ?, level = ?, team = ?, valid_from = ?, valid_to = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        next.title, next.body, next.level, next.team, next.validFrom, next.validTo, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(written), s.hlc), row.id,
      ]);
      appendOutbox(w, s, { name: 'announcements:update', entity: 'announcement', entityId: row.id, changes: [{ entity: 'announcement', id: row.id, values: written }] });
    });
    changed();
    return ctx.store.read((r) => get(r, req.id));
  }

  function end(id: string): Announcement {
    const user = me();
    ctx.store.write((w) => {
      const row = requireRow(w, user, id);
      requirePublisher(user, row.team, 'id');
      const phase = announcementPhase(row, ctx.now());
      if (phase === 'ended' || phase === 'expired') throw new AppError('ANNOUNCEMENT_NOT_ACTIVE', `The announcement "${row.title}" is already ${phase}`);
      const s = stamp(ctx);
      const values = { endedAt: s.at, endedBy: user.username, updatedAt: s.at };
      w.run('UPDATE announcements SET ended_at = ?, ended_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        s.at, user.username, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(values), s.hlc), id,
      ]);
      appendOutbox(w, s, { name: 'announcements:end', entity: 'announcement', entityId: id, changes: [{ entity: 'announcement', id, values }] });
    });
    changed();
    return ctx.store.read((r) => get(r, id));
  }

  function acknowledge(id: string): Announcement {
    const user = me();
    const wrote = ctx.store.write((w) => {
      const row = requireRow(w, user, id);
      if (row.acknowledged === 1) return false;
      if (announcementPhase(row, ctx.now()) !== 'active') throw new AppError('ANNOUNCEMENT_NOT_ACTIVE', `The announcement "${row.title}" is not on the consoles now; there is nothing to acknowledge`);
      const s = stamp(ctx);
      const values = { announcementId: id, agentId: user.username, team: user.team, at: s.at, hlc: s.hlc };
      w.run('INSERT INTO announcement_acks (announcement_id, agent_id, team, at, hlc) VALUES (?, ?, ?, ?, ?)', [id, user.username, user.team, s.at, s.hlc]);
      appendOutbox(w, s, { name: 'announcements:acknowledge', entity: 'announcement_ack', entityId: `${id}|${user.username}`, changes: [{ entity: 'announcement_ack', id: `${id}|${user.username}`, values }] });
      return true;
    });
    if (wrote) changed();
    return ctx.store.read((r) => get(r, id));
  }

  function acks(r: SqlReader, id: string): AckStatus {
    const user = me();
    const row = requireRow(r, user, id);
    if (!canPublish(user.role)) throw new AppError('FORBIDDEN', `Only supervisors and admins see who acknowledged; a ${user.role} sees their own acknowledgement on the banner`);
    const dir = readDirectory(r);
    const names = new Map(dir.people.map((p) => [p.username, p]));
    const acked = r
      .all<{ agentId: string; team: string | null; at: string }>('SELECT agent_id AS agentId, team, at FROM announcement_acks WHERE announcement_id = ? ORDER BY at', [id])
      .filter((a) => ackVisible(user, a));
    const done = new Set(acked.map((a) => a.agentId));
    // Expected: the people who take calls in the announcement's audience, as far as this user may see them.
    const pending = dir.people
      .filter((p) => (p.role === 'agent' || p.role === 'senior') && (row.team === null || p.team === row.team) && (user.role === 'admin' || p.team === user.team) && !done.has(p.username))
      .map((p) => ({ agentId: p.username, name: p.displayName, team: p.team }));
    return {
      announcementId: id,
      acknowledged: acked.map((a) => ({ agentId: a.agentId, name: names.get(a.agentId)?.displayName ?? null, team: a.team, at: a.at })),
      pending,
    };
  }

  function linkedTickets(r: SqlReader, id: string): LinkedTicket[] {
    const user = me();
    requireRow(r, user, id);
    if (!canPublish(user.role)) throw new AppError('FORBIDDEN', `Only supervisors and admins list an outage's tickets; a ${user.role} sees the link on their ticket`);
    return r.all<LinkedTicket>(
      `SELECT t.id AS ticketId, t.no, t.subject, t.status, t.assignee_id AS assigneeId, t.team, c.name AS customerName, l.linked_by AS linkedBy, l.linked_at AS linkedAt
         FROM announcement_tickets l JOIN tickets t ON t.id = l.ticket_id JOIN customers c ON c.id = t.customer_id
        WHERE l.announcement_id = ? AND l.removed_at IS NULL ORDER BY l.linked_at DESC`,
      [id],
    );
  }

  function forTicket(r: SqlReader, ticketId: string): TicketOutages {
    const user = me();
    if (!r.get('SELECT 1 AS found FROM tickets WHERE id = ?', [ticketId])) {
      throw new AppError('TICKET_NOT_FOUND', `No ticket with id ${ticketId}`, [{ path: 'ticketId', code: 'ticket_not_found', message: `No ticket with id ${ticketId}` }]);
    }
    const now = ctx.now();
    const linkedIds = new Set(r.all<{ id: string }>('SELECT announcement_id AS id FROM announcement_tickets WHERE ticket_id = ? AND removed_at IS NULL', [ticketId]).map((x) => x.id));
    const linked = [...linkedIds].flatMap((id) => {
      const row = r.get<Row>(`${SELECT} WHERE a.id = ?`, [user.username, id]);
      return row && announcementVisible(user, row) ? [toAnnouncement(row, now)] : [];
    });
    const ongoing = list(r, 'active', 200).filter((a) => a.level === 'outage' && !linkedIds.has(a.id));
    return { linked, ongoing };
  }

  function setLink(announcementId: string, ticketId: string, link: boolean): TicketOutages {
    const user = me();
    const wrote = ctx.store.write((w: SqlWriter) => {
      const row = requireRow(w, user, announcementId);
      if (!w.get('SELECT 1 AS found FROM tickets WHERE id = ?', [ticketId])) {
        throw new AppError('TICKET_NOT_FOUND', `No ticket with id ${ticketId}`, [{ path: 'ticketId', code: 'ticket_not_found', message: `No ticket with id ${ticketId}` }]);
      }
      const id = outageLinkId(announcementId, ticketId);
      const existing = w.get<{ removedAt: string | null; fieldHlc: string }>('SELECT removed_at AS removedAt, field_hlc AS fieldHlc FROM announcement_tickets WHERE id = ?', [id]);
      const s = stamp(ctx);
      if (link) {
        if (row.level !== 'outage') throw new AppError('NOT_AN_OUTAGE', `"${row.title}" is ${row.level}, not an outage: only tickets an outage brought are linked`, [{ path: 'announcementId', code: 'not_an_outage', message: 'Not an outage' }]);
        if (announcementPhase(row, ctx.now()) !== 'active') throw new AppError('ANNOUNCEMENT_NOT_ACTIVE', `The outage "${row.title}" is not ongoing`, [{ path: 'announcementId', code: 'not_active', message: 'Not ongoing' }]);
        if (existing && existing.removedAt === null) return false;
        const values = { announcementId, ticketId, linkedBy: user.username, linkedAt: s.at, removedAt: null, removedBy: null, updatedAt: s.at };
        if (existing) {
          // Linked again after a removal: the first linker stays on record, the time is the new link's.
          const written = { linkedAt: s.at, removedAt: null, removedBy: null, updatedAt: s.at };
          w.run('UPDATE announcement_tickets SET linked_at = ?, removed_at = NULL, removed_by = NULL, updated_at = ?, field_hlc = ? WHERE id = ?', [
            s.at, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(written), s.hlc), id,
          ]);
          appendOutbox(w, s, { name: 'announcements:linkTicket', entity: 'announcement_ticket', entityId: id, changes: [{ entity: 'announcement_ticket', id, values: written }] });
        } else {
          w.run(
            'INSERT INTO announcement_tickets (id, announcement_id, ticket_id, linked_by, linked_at, removed_at, removed_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
            [id, announcementId, ticketId, user.username, s.at, s.at, createdFieldHlc(s.hlc)],
          );
          appendOutbox(w, s, { name: 'announcements:linkTicket', entity: 'announcement_ticket', entityId: id, changes: [{ entity: 'announcement_ticket', id, values }] });
        }
        return true;
      }
      if (!existing || existing.removedAt !== null) {
        throw new AppError('LINK_NOT_FOUND', 'This ticket is not linked to that announcement', [{ path: 'announcementId', code: 'link_not_found', message: 'Not linked' }]);
      }
      const values = { removedAt: s.at, removedBy: user.username, updatedAt: s.at };
      w.run('UPDATE announcement_tickets SET removed_at = ?, removed_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [s.at, user.username, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), id]);
      appendOutbox(w, s, { name: 'announcements:unlinkTicket', entity: 'announcement_ticket', entityId: id, changes: [{ entity: 'announcement_ticket', id, values }] });
      return true;
    });
    if (wrote) changed([ticketId]);
    return ctx.store.read((r) => forTicket(r, ticketId));
  }

  const handlers: AnnouncementHandlers = {
    'announcements:active': () => ctx.store.read((r) => list(r, 'active', 50)),
    'announcements:list': (req) => {
      const user = me();
      if (!canPublish(user.role)) throw new AppError('FORBIDDEN', `Only supervisors and admins manage announcements; a ${user.role} sees them on the console`);
      return ctx.store.read((r) => list(r, req.scope, req.limit));
    },
    'announcements:publish': (req) => publish(req),
    'announcements:update': (req) => update(req),
    'announcements:end': (req) => end(req.id),
    'announcements:acknowledge': (req) => acknowledge(req.id),
    'announcements:acks': (req) => ctx.store.read((r) => acks(r, req.id)),
    'announcements:tickets': (req) => ctx.store.read((r) => linkedTickets(r, req.id)),
    'announcements:forTicket': (req) => ctx.store.read((r) => forTicket(r, req.ticketId)),
    'announcements:linkTicket': (req) => setLink(req.announcementId, req.ticketId, true),
    'announcements:unlinkTicket': (req) => setLink(req.announcementId, req.ticketId, false),
  };
  return { handlers };
}
