import type { Reminder } from '../../../shared/desk/schema.js';
import { callbackReleased } from '../../../shared/desk/callbackRules.js';
import type { SqlReader } from '../store/types.js';
import { listCallbacks } from './callbacks.js';
import { readConsoleConfig } from './config.js';
import { listFollowUps } from './followUps.js';
import { myOpenTickets } from './myDay.js';
import { listWorkOrders } from './workOrders.js';
import type { Acting } from './workEnv.js';

/**
 * What is due for the agent at the desk, as reminders. Each reminder has a
 * key per occurrence (the thing and its due time), so a moved due time
 * reminds again and an unchanged one never twice; the caller remembers the
 * keys it has shown.
 *
 * - sla_warning: a clock (first response or resolution) is within
 *   warnBeforeMinutes of its due time; sla_breach: past it;
 * - contact_owed: the 4-hour rule asks for a progress contact;
 * - callback_due: my callback's time has come; callback_released: someone
 *   else's is released, so anyone on the team may take it;
 * - follow_up_due: my follow-up is due;
 * - work_order_feedback: the feedback card of a work order on my ticket is overdue.
 */
export function dueReminders(r: SqlReader, me: Acting, now: number): Reminder[] {
  const config = readConsoleConfig(r);
  const out: Reminder[] = [];
  const mine = myOpenTickets(r, me, now, config);
  const myTicketIds = new Set<string>();
  for (const { ticket, sla } of mine) {
    myTicketIds.add(ticket.id);
    const base = { ticketId: ticket.id, ticketNo: ticket.no, callbackId: null, label: ticket.subject };
    for (const [clock, which] of [
      [sla.firstResponse, 'first'],
      [sla.resolution, 'resolution'],
    ] as const) {
      if (!clock.dueAt) continue;
      if (clock.state === 'warning') out.push({ ...base, kind: 'sla_warning', key: `sla_warning:${which}:${ticket.id}:${clock.dueAt}`, dueAt: clock.dueAt });
      if (clock.state === 'breached') out.push({ ...base, kind: 'sla_breach', key: `sla_breach:${which}:${ticket.id}:${clock.dueAt}`, dueAt: clock.dueAt });
    }
    if (sla.contactOwed) out.push({ ...base, kind: 'contact_owed', key: `contact_owed:${ticket.id}:${sla.contactDueAt}`, dueAt: sla.contactDueAt });
  }
  const nowIso = new Date(now).toISOString();
  for (const cb of listCallbacks(r, me, { scope: 'mine', status: 'scheduled', limit: 500 }, now, nowIso)) {
    out.push({ kind: 'callback_due', key: `callback_due:${cb.id}:${cb.dueAt}`, ticketId: cb.ticketId, ticketNo: cb.ticketNo, callbackId: cb.id, label: cb.customerName, dueAt: cb.dueAt });
  }
  for (const cb of listCallbacks(r, me, { scope: 'team', status: 'scheduled', limit: 500 }, now, nowIso)) {
    if (cb.ownerId === me.username || !callbackReleased(cb, now, config.callbackReleaseMinutes)) continue;
    out.push({ kind: 'callback_released', key: `callback_released:${cb.id}:${cb.dueAt}`, ticketId: cb.ticketId, ticketNo: cb.ticketNo, callbackId: cb.id, label: cb.customerName, dueAt: cb.dueAt });
  }
  for (const f of listFollowUps(r, me, { scope: 'mine', status: 'open', limit: 500 }, nowIso)) {
    out.push({ kind: 'follow_up_due', key: `follow_up_due:${f.id}:${f.dueAt}`, ticketId: f.ticketId, ticketNo: f.ticketNo, callbackId: null, label: f.subject, dueAt: f.dueAt });
  }
  for (const wo of listWorkOrders(r, { status: 'on_site', limit: 500 }, now)) {
    if (!wo.feedbackOverdue || !wo.feedbackDueAt) continue;
    // Mine: the ticket is mine, or I coordinate its hand-off.
    const coordinator = r.get<{ c: string }>('SELECT coordinator_id AS c FROM handoffs WHERE id = ?', [wo.handoffId])?.c;
    if (!myTicketIds.has(wo.ticketId) && coordinator !== me.username) continue;
    const t = r.get<{ no: string; subject: string }>('SELECT no, subject FROM tickets WHERE id = ?', [wo.ticketId]);
    out.push({ kind: 'work_order_feedback', key: `work_order_feedback:${wo.id}:${wo.feedbackDueAt}`, ticketId: wo.ticketId, ticketNo: t?.no ?? null, callbackId: null, label: t?.subject ?? wo.engineer, dueAt: wo.feedbackDueAt });
  }
  return out;
}

/** Remembers what was shown, per agent: a reminder is raised once per occurrence. */
export class ReminderLog {
  private readonly shown = new Map<string, Set<string>>();

  /** The reminders not yet shown to `agent`, marking them shown. */
  fresh(agent: string, reminders: readonly Reminder[]): Reminder[] {
    let seen = this.shown.get(agent);
    if (!seen) this.shown.set(agent, (seen = new Set()));
    const out: Reminder[] = [];
    for (const rem of reminders) {
      if (seen.has(rem.key)) continue;
      seen.add(rem.key);
      out.push(rem);
    }
    return out;
  }
}
