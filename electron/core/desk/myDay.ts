import type { ConsoleConfig, MyDay, TicketWithSla } from '../../../shared/desk/schema.js';
import { callTimes, type TimedCall } from '../../../shared/desk/callTimer.js';
import { slaUrgency } from '../../../shared/desk/sla.js';
import { TicketSummarySchema } from '../../../shared/tickets/schema.js';
import { OPEN_STATUSES } from '../../../shared/tickets/stateMachine.js';
import type { SqlReader } from '../store/types.js';
import { listCallbacks } from './callbacks.js';
import { readConsoleConfig } from './config.js';
import { listFollowUps } from './followUps.js';
import { slaForTickets, statusOfChanges } from './slaQuery.js';
import { HOUR, iso, type Acting } from './workEnv.js';

/**
 * "My day": what the agent must do next and how the day went. My tickets
 * are the open ones assigned to me, or unassigned ones I registered (an
 * agent who registers a ticket owns it until someone assigns it). "Today" is
 * the center's day (its UTC offset from the business hours, China's +08:00
 * without them), never the PC's zone.
 */

const DAY = 24 * HOUR;
const CHINA_OFFSET_MINUTES = 480;
/** A desk rarely holds more open tickets than this; the list is a worklist, not a report. */
const MY_OPEN_LIMIT = 500;

const SUMMARY = `t.id, t.no, t.status, t.subject, t.category, t.severity, t.channel, t.product, t.device_model AS deviceModel,
  t.assignee_id AS assigneeId, t.team, t.customer_id AS customerId, t.created_by AS createdBy, t.created_at AS createdAt,
  t.updated_at AS updatedAt, t.resolved_at AS resolvedAt, t.closed_at AS closedAt, c.name AS customerName,
  (SELECT p.raw FROM customer_phones p WHERE p.customer_id = t.customer_id ORDER BY p.added_at, p.key, p.ext LIMIT 1) AS customerPhone`;

/** [start, end) of the center's calendar day containing `now`. */
export function centerDay(config: ConsoleConfig, now: number): { from: string; to: string } {
  const offset = (config.sla.businessHours?.utcOffsetMinutes ?? CHINA_OFFSET_MINUTES) * 60_000;
  const start = Math.floor((now + offset) / DAY) * DAY - offset;
  return { from: iso(start), to: iso(start + DAY) };
}

/** My open tickets with their clocks, most urgent first (breached, then soonest due). */
export function myOpenTickets(r: SqlReader, me: Acting, now: number, config: ConsoleConfig): TicketWithSla[] {
  // Through the status index: open tickets are a small part of a center's history.
  const rows = r.all(
    `SELECT ${SUMMARY} FROM tickets t JOIN customers c ON c.id = t.customer_id
      WHERE t.status IN (${OPEN_STATUSES.map(() => '?').join(', ')})
        AND (t.assignee_id = ? OR (t.assignee_id IS NULL AND t.created_by = ?))
      ORDER BY t.created_at LIMIT ?`,
    [...OPEN_STATUSES, me.username, me.username, MY_OPEN_LIMIT],
  );
  const tickets = rows.map((row) => TicketSummarySchema.parse(row));
  const clocks = slaForTickets(r, tickets, now, config);
  const out: TicketWithSla[] = [];
  for (const ticket of tickets) {
    const sla = clocks.get(ticket.id);
    if (sla) out.push({ ticket: { ...ticket, sla }, sla });
  }
  return out.sort((a, b) => slaUrgency(a.sla) - slaUrgency(b.sla));
}

const TAIL_CHUNK = 1_000;

/**
 * Tickets whose resolving history entry today is mine (whoever owns the
 * ticket: second line resolves others' escalations). tickets.resolved_at has
 * no index, and scanning 100k tickets costs more than the whole rest of "my
 * day"; history is appended in the order it reaches this PC, so today's
 * entries are at the end of the table: it is read backwards in chunks until
 * a chunk holds nothing from today. (A batch of more than a chunk of older
 * entries synced in after today's could hide earlier ones: a figure for the
 * day's glance, not for payroll.)
 */
function resolvedBy(r: SqlReader, username: string, day: { from: string; to: string }): number {
  const tickets = new Set<string>();
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = r.all<{ rid: number; ticketId: string; at: string; changes: string | null }>(
      `SELECT rowid AS rid, ticket_id AS ticketId, at, CASE WHEN action = 'transition' AND actor_id = ? THEN changes END AS changes
         FROM ticket_history WHERE rowid < ? ORDER BY rowid DESC LIMIT ?`,
      [username, before, TAIL_CHUNK],
    );
    let today = false;
    for (const row of rows) {
      if (row.at < day.from || row.at >= day.to) continue;
      today = true;
      if (row.changes !== null && statusOfChanges(parseJson(row.changes)) === 'resolved') tickets.add(row.ticketId);
    }
    const last = rows[rows.length - 1];
    if (!today || !last || rows.length < TAIL_CHUNK) break;
    before = last.rid;
  }
  return tickets.size;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function myDay(r: SqlReader, me: Acting, now: number): MyDay {
  const config = readConsoleConfig(r);
  const day = centerDay(config, now);
  const horizon = iso(now + DAY);
  const calls = r.all<TimedCall>(
    `SELECT ring_at AS ringAt, answer_at AS answerAt, hold_started_at AS holdStartedAt, hold_seconds AS holdSeconds, end_at AS endAt, wrap_end_at AS wrapEndAt, status
       FROM calls WHERE agent_id = ? AND ring_at >= ? AND ring_at < ?`,
    [me.username, day.from, day.to],
  );
  let answered = 0;
  let talkSeconds = 0;
  let handle = 0;
  for (const c of calls) {
    if (!c.answerAt) continue;
    answered++;
    // The console's own timer rules (wrap-up capped at the after-call work limit), so the figures agree.
    const s = callTimes(c, now, config.afterCallWorkSeconds);
    talkSeconds += s.talkSeconds;
    handle += s.talkSeconds + s.holdSeconds + s.wrapSeconds;
  }
  const created = r.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE created_at >= ? AND created_at < ? AND created_by = ?', [day.from, day.to, me.username])?.n ?? 0;
  const resolved = resolvedBy(r, me.username, day);
  return {
    openTickets: myOpenTickets(r, me, now, config),
    callbacksDue: listCallbacks(r, me, { scope: 'mine', status: 'scheduled', limit: 100 }, now, horizon),
    followUpsDue: listFollowUps(r, me, { scope: 'mine', status: 'open', limit: 100 }, horizon),
    today: {
      calls: calls.length,
      answered,
      talkSeconds,
      ahtSeconds: answered === 0 ? null : Math.round(handle / answered),
      ticketsCreated: created,
      ticketsResolved: resolved,
    },
  };
}
