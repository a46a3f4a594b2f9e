import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../shared/reports/config.js';
import { answeredInTarget, callOutcome, handleSeconds, isFirstContactResolution } from '../../../shared/reports/figures.js';
import type { DrillFigure, DrillList, DrillRow } from '../../../shared/reports/schema.js';
import type { SqlReader } from '../store/types.js';
import type { DayCache } from './dayCache.js';
import { factsFrom, overdueCallbacks, ticketsById, type TicketRow } from './facts.js';
import type { Scope } from './scope.js';
import { escalationsInScope, readDay, type DayData } from './wallboard.js';

/** A list stops here; the board's figures count everything, the list says it was cut. */
const MAX_ROWS = 500;

type CallItem = DayData['calls'][number];

function callRow(c: CallItem, config: ReportsConfig, value: number | null): DrillRow {
  return { kind: 'call', id: c.row.id, at: c.row.ringAt, title: c.row.number, who: c.row.agentId, ticketId: null, ticketNo: null, status: callOutcome(c.fact, config), value };
}

function ticketRow(t: TicketRow, at: string | null, value: number | null = null): DrillRow {
  return { kind: 'ticket', id: t.id, at, title: t.subject, who: t.assigneeId ?? t.createdBy, ticketId: t.id, ticketNo: t.no, status: t.status, value };
}

const waitSeconds = (c: CallItem): number | null => (c.fact.answerAt === null ? null : Math.round((c.fact.answerAt - c.fact.ringAt) / 100) / 10);

/** Linked tickets of the listed calls, so a call opens its ticket too. */
function withCallTickets(r: SqlReader, rows: DrillRow[]): DrillRow[] {
  const ids = rows.filter((x) => x.kind === 'call').map((x) => x.id);
  if (ids.length === 0) return rows;
  const links = new Map<string, { ticketId: string; no: string }>();
  for (let i = 0; i < ids.length; i += 2_000) {
    const chunk = ids.slice(i, i + 2_000);
    const found = r.all<{ callId: string; ticketId: string; no: string }>(
      `SELECT ct.call_id AS callId, ct.ticket_id AS ticketId, t.no FROM call_tickets ct JOIN tickets t ON t.id = ct.ticket_id WHERE ct.call_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY ct.at`,
      chunk,
    );
    for (const l of found) if (!links.has(l.callId)) links.set(l.callId, { ticketId: l.ticketId, no: l.no });
  }
  return rows.map((x) => {
    const link = x.kind === 'call' ? links.get(x.id) : undefined;
    return link ? { ...x, ticketId: link.ticketId, ticketNo: link.no } : x;
  });
}

/** The rows behind one figure of today's board, in the order a supervisor acts on them. */
function rowsFor(r: SqlReader, figure: DrillFigure, scope: Scope, data: DayData, console: ConsoleConfig, config: ReportsConfig): DrillRow[] {
  const now = data.now;
  const outcome = (c: CallItem) => callOutcome(c.fact, config);
  const newestFirst = <T extends { at: string | null }>(rows: T[]): T[] => rows.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  switch (figure) {
    case 'offered':
      return newestFirst(data.calls.map((c) => callRow(c, config, waitSeconds(c))));
    case 'answered':
      return newestFirst(data.calls.filter((c) => outcome(c) === 'answered').map((c) => callRow(c, config, waitSeconds(c))));
    case 'abandoned':
      return newestFirst(data.calls.filter((c) => outcome(c) === 'abandoned').map((c) => callRow(c, config, c.fact.endAt === null ? null : Math.round((c.fact.endAt - c.fact.ringAt) / 1000))));
    case 'shortAbandoned':
      return newestFirst(data.calls.filter((c) => outcome(c) === 'short_abandon').map((c) => callRow(c, config, c.fact.endAt === null ? null : Math.round((c.fact.endAt - c.fact.ringAt) / 1000))));
    case 'serviceLevel':
      // What cost the service level: answered late, or abandoned.
      return newestFirst(data.calls.filter((c) => (outcome(c) === 'answered' && !answeredInTarget(c.fact, config)) || outcome(c) === 'abandoned').map((c) => callRow(c, config, waitSeconds(c))));
    case 'asaSeconds':
      return data.calls
        .filter((c) => outcome(c) === 'answered')
        .map((c) => callRow(c, config, waitSeconds(c)))
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    case 'ahtSeconds':
      return data.calls
        .filter((c) => outcome(c) === 'answered')
        .map((c) => callRow(c, config, handleSeconds(c.fact)))
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    case 'created':
      return newestFirst(data.created.map((t) => ticketRow(t, t.createdAt)));
    case 'resolved':
      return newestFirst(data.resolved.map((t) => ticketRow(t, t.resolvedAt)));
    case 'fcr':
    case 'slaMet': {
      // The misses: resolved today but not at first contact / not in time.
      const facts = factsFrom(
        data.resolved,
        data.rows.closure(data.resolved.map((t) => t.id)),
        data.rows.sla(data.resolved, { includeClosed: true }),
      );
      const missed = data.resolved.filter((t) => {
        const f = facts.get(t.id);
        return f !== undefined && (figure === 'fcr' ? !isFirstContactResolution(f) : !f.slaMet);
      });
      return newestFirst(missed.map((t) => ticketRow(t, t.resolvedAt)));
    }
    case 'csat':
      // Lowest scores first: those are the customers to call back.
      return data.scores
        .map((s): DrillRow => {
          const t = data.scoreTickets.get(s.ticketId);
          return { kind: 'followUp', id: s.id, at: s.doneAt, title: t?.subject ?? s.ticketId, who: s.doneBy, ticketId: s.ticketId, ticketNo: t?.no ?? null, status: null, value: s.satisfaction };
        })
        .sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || (b.at ?? '').localeCompare(a.at ?? ''));
    case 'ticketsPastSla':
    case 'contactsOwed': {
      const sla = data.rows.sla(data.open);
      const rows: DrillRow[] = [];
      for (const t of data.open) {
        const clocks = sla.get(t.id);
        if (!clocks) continue;
        if (figure === 'ticketsPastSla' && clocks.resolution.state === 'breached') rows.push(ticketRow(t, clocks.resolution.dueAt, Math.round(-(clocks.resolution.remainingMs ?? 0) / 1000)));
        if (figure === 'contactsOwed' && clocks.contactOwed) rows.push(ticketRow(t, clocks.contactDueAt, Math.round((now - Date.parse(clocks.contactDueAt)) / 1000)));
      }
      // Longest overdue first.
      return rows.sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    }
    case 'callbacksOverdue': {
      const callbacks = overdueCallbacks(r, now).filter((c) => scope.agentIn(c.ownerId));
      const tickets = ticketsById(
        r,
        callbacks.flatMap((c) => (c.ticketId ? [c.ticketId] : [])),
      );
      return callbacks.map((c) => ({ kind: 'callback', id: c.id, at: c.dueAt, title: c.customerName ?? c.phone, who: c.ownerId, ticketId: c.ticketId, ticketNo: c.ticketId ? (tickets.get(c.ticketId)?.no ?? null) : null, status: null, value: Math.round((now - Date.parse(c.dueAt)) / 1000) }));
    }
    case 'complaintsOpen':
      return data.open
        .filter((t) => t.category === 'complaint')
        .map((t) => ticketRow(t, t.createdAt))
        .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
    case 'escalationsWaiting': {
      const waiting = escalationsInScope(r, scope);
      const tickets = ticketsById(
        r,
        waiting.map((h) => h.ticketId),
      );
      return waiting.map((h) => {
        const t = tickets.get(h.ticketId);
        return { kind: 'handoff', id: h.id, at: h.dueBy, title: t?.subject ?? h.ticketId, who: h.coordinatorId, ticketId: h.ticketId, ticketNo: t?.no ?? null, status: t?.status ?? null, value: Math.round((now - Date.parse(h.createdAt)) / 1000) };
      });
    }
  }
}

export function drillList(r: SqlReader, figure: DrillFigure, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: DayCache): DrillList {
  const data = readDay(r, scope, console, now, cache);
  const rows = rowsFor(r, figure, scope, data, console, config);
  const cut = rows.slice(0, MAX_ROWS);
  return { figure, rows: withCallTickets(r, cut), truncated: rows.length > MAX_ROWS };
}

