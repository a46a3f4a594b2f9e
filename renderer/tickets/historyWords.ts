import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { HANDOFF_KINDS, type HandoffKind } from '../../shared/desk/schema.js';
import { CHANNELS, type TicketHistoryEntry } from '../../shared/tickets/schema.js';
import { TICKET_STATUSES } from '../../shared/tickets/stateMachine.js';
import { formatDateTime } from '../format.js';
import { fieldLabel, historyValueText } from './historyText.js';

/**
 * The ticket's history as people read it (issue 14, point 6): what happened
 * in words (交接给 二线 · 需 17:00 前答复), local times, display names and
 * ticket numbers; never the stored JSON, an ISO string or a row id. Pure:
 * everything it needs to name people and calls comes in `HistoryContext`.
 */
export interface HistoryContext {
  /** a username as the person's display name (the username when nobody by that name is known) */
  nameOf(username: string): string;
  ticketNo: string;
  customer: { id: string; name: string };
  /** a call as the agent knows it ("138 0013 8000 · 11-24 10:02"), or null when this PC does not have it */
  callText(callId: string): string | null;
}

export interface HistoryWords {
  headline: string;
  lines: { key: string; label: string; text: string }[];
  /** the entry's note only repeats what the lines say (a hand-off's summary): not shown again */
  noteInLines?: boolean;
}

const includes = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A moment relative to when it was written: 17:00 the same day, 11-25 17:00 later that year, else the full date. */
export function shortTime(iso: string, relativeTo: string): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  const ref = dayjs(relativeTo);
  if (ref.isValid() && d.isSame(ref, 'day')) return d.format('HH:mm');
  if (ref.isValid() && d.isSame(ref, 'year')) return d.format('MM-DD HH:mm');
  return formatDateTime(iso);
}

/** One stored value in words: people by name, the customer by name, times local; never a row id or JSON. */
export function valueWords(t: TFunction, field: string, value: unknown, ctx: HistoryContext): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  if (field === 'assigneeId' || field === 'createdBy') return typeof value === 'string' ? ctx.nameOf(value) : t('common.empty');
  if (field === 'customerId') return value === ctx.customer.id ? ctx.customer.name : t('ticketwork.history.otherCustomer');
  if (field === 'callId') return (typeof value === 'string' && ctx.callText(value)) || t('ticketwork.history.callLinkedUnknown');
  if (typeof value === 'string' && ISO.test(value)) return formatDateTime(value);
  if (typeof value === 'string' && UUID.test(value)) return t('common.empty');
  if (isRecord(value) || Array.isArray(value)) {
    // A structured record from a newer version: its plain values, never its JSON.
    const parts = Object.values(value).filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => (typeof v === 'string' && ISO.test(v) ? formatDateTime(v) : String(v)));
    return parts.filter((p) => !UUID.test(p)).join(' · ') || t('common.empty');
  }
  return historyValueText(t, field, value);
}

/** Fields a transition records beside the status that the headline already says (when it was resolved or closed is the entry's own time). */
const IMPLIED = new Set(['status', 'resolvedAt', 'closedAt', 'handoff', 'no']);

function handoffOf(entry: TicketHistoryEntry): { kind: HandoffKind; to: string; dueBy: string; ask: string; scope: string } | null {
  const rec = entry.changes.handoff?.to;
  if (!isRecord(rec) || !includes(HANDOFF_KINDS, rec.kind) || typeof rec.to !== 'string' || typeof rec.dueBy !== 'string') return null;
  return { kind: rec.kind, to: rec.to, dueBy: rec.dueBy, ask: typeof rec.ask === 'string' ? rec.ask : '', scope: typeof rec.scope === 'string' ? rec.scope : '' };
}

function changeLines(t: TFunction, entry: TicketHistoryEntry, ctx: HistoryContext, skip: Set<string>): HistoryWords['lines'] {
  const lines: HistoryWords['lines'] = [];
  for (const [field, { from, to }] of Object.entries(entry.changes)) {
    if (skip.has(field)) continue;
    const toText = valueWords(t, field, to, ctx);
    const text = from === null || from === undefined ? toText : t('tickets.detail.changeArrow', { from: valueWords(t, field, from, ctx), to: toText });
    lines.push({ key: field, label: fieldLabel(t, field), text });
  }
  return lines;
}

function statusWords(t: TFunction, entry: TicketHistoryEntry): string | null {
  const s = entry.changes.status;
  if (!s || !includes(TICKET_STATUSES, s.to)) return null;
  return includes(TICKET_STATUSES, s.from) ? t('ticketwork.history.status', { from: t(`status.${s.from}`), to: t(`status.${s.to}`) }) : t(`status.${s.to}`);
}

export function historyWords(t: TFunction, entry: TicketHistoryEntry, ctx: HistoryContext): HistoryWords {
  const c = entry.changes;
  switch (entry.action) {
    case 'created': {
      const no = typeof c.no?.to === 'string' ? c.no.to : ctx.ticketNo;
      return { headline: t('ticketwork.history.created', { no }), lines: changeLines(t, entry, ctx, IMPLIED) };
    }
    case 'transition': {
      const h = handoffOf(entry);
      if (h) {
        const lines = [
          ...(h.ask ? [{ key: 'ask', label: t('ticketwork.history.ask'), text: h.ask }] : []),
          ...(h.scope ? [{ key: 'scope', label: t('ticketwork.history.scope'), text: h.scope }] : []),
        ];
        return { headline: t(`ticketwork.history.handedOff.${h.kind}`, { to: h.to, due: shortTime(h.dueBy, entry.at) }), lines, noteInLines: true };
      }
      return { headline: statusWords(t, entry) ?? t('historyAction.transition'), lines: changeLines(t, entry, ctx, IMPLIED) };
    }
    case 'handoff_answered': {
      const status = statusWords(t, entry);
      const lines = status ? [{ key: 'status', label: fieldLabel(t, 'status'), text: status }] : [];
      return { headline: t('ticketwork.history.answered', { who: ctx.nameOf(entry.actorId) }), lines };
    }
    case 'contact': {
      const channel = c.channel?.to;
      return { headline: t('ticketwork.history.contact', { channel: includes(CHANNELS, channel) ? t(`channel.${channel}`) : t('channel.phone') }), lines: [] };
    }
    case 'call_linked': {
      const callId = c.callId?.to;
      const call = typeof callId === 'string' ? ctx.callText(callId) : null;
      return { headline: call ? t('ticketwork.history.callLinked', { call }) : t('ticketwork.history.callLinkedUnknown'), lines: [] };
    }
    case 'follow_up': {
      const kind = includes(['satisfaction', 'complaint'] as const, c.kind?.to) ? t(`work.followUp.kind.${c.kind.to}`) : t('historyAction.follow_up');
      const score = c.satisfaction?.to;
      if (c.followUp?.to === 'unreachable') return { headline: t('ticketwork.history.followUp.unreachable', { kind }), lines: [] };
      return { headline: typeof score === 'number' ? t('ticketwork.history.followUp.done', { kind, score }) : t('ticketwork.history.followUp.doneNoScore', { kind }), lines: [] };
    }
    case 'updated': {
      const fields = Object.keys(c).map((f) => fieldLabel(t, f));
      return { headline: t('ticketwork.history.updated', { fields: fields.join(t('ticketwork.history.listSep')) }), lines: changeLines(t, entry, ctx, new Set()) };
    }
  }
}
