import type { TFunction } from 'i18next';
import { ENTITIES, type EntityName } from '../../shared/sync/entities.js';
import type { SyncProblem } from '../../shared/sync/status.js';
import { fieldLabel, historyValueText } from '../tickets/historyText.js';

export interface FieldRow {
  key: string;
  entity: EntityName;
  field: string;
  local: unknown;
  server: unknown;
  /** the server holds this row at all */
  onServer: boolean;
  /** the field lost to a newer edit (conflict) */
  lost: boolean;
  differs: boolean;
}

/** Bookkeeping the agent did not type: shown only when nothing else is left to compare. */
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'createdBy', 'customerId', 'resolvedAt', 'closedAt', 'no']);

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';
const same = (a: unknown, b: unknown): boolean => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b);

/**
 * The local value next to the server's, per field, for the rows a problem
 * wrote. Only `lww` rows are compared: append-only records (history, phones)
 * never conflict and carry no field the agent could choose between. For a
 * conflict only the fields that lost are listed; for a rejection every field
 * the change wrote, minus pairs that are empty on both sides.
 */
export function problemFieldRows(problem: SyncProblem): FieldRow[] {
  const lost = new Set(problem.lostFields);
  const rows: FieldRow[] = [];
  for (const change of problem.local) {
    if (ENTITIES[change.entity].kind !== 'lww') continue;
    const server = problem.server.find((r) => r.entity === change.entity && r.id === change.id);
    for (const [field, local] of Object.entries(change.values)) {
      if (problem.kind === 'conflict' && lost.size > 0 && !lost.has(field)) continue;
      const serverValue = server?.values[field];
      if (blank(local) && blank(serverValue)) continue;
      rows.push({
        key: `${change.entity}:${change.id}:${field}`,
        entity: change.entity,
        field,
        local,
        server: serverValue,
        onServer: server !== undefined,
        lost: lost.has(field),
        differs: !same(local, serverValue),
      });
    }
  }
  const typed = rows.filter((r) => !BOOKKEEPING.has(r.field));
  return typed.length > 0 ? typed : rows;
}

/** Field names in the agent's language, with the ticket form's labels (a customer's `name` is "customer name"). */
export function entityFieldLabel(t: TFunction, entity: EntityName, field: string): string {
  if (entity === 'customer' && field === 'name') return t('fields.customerName');
  return fieldLabel(t, field);
}

export function fieldValueText(t: TFunction, field: string, value: unknown): string {
  return historyValueText(t, field, value);
}

export type ProblemSubjectKind = 'ticket' | 'customer' | 'article';

/** The ticket, customer or article a problem is about, for its label and "open ticket". */
export function problemSubject(problem: SyncProblem): { kind: ProblemSubjectKind; id: string } | null {
  const own = problem.local.find((c) => c.entity === problem.entity && c.id === problem.entityId);
  switch (problem.entity) {
    case 'ticket':
      return { kind: 'ticket', id: problem.entityId };
    case 'ticket_history':
    case 'ticket_note': {
      const ticketId = own?.values['ticketId'];
      return typeof ticketId === 'string' ? { kind: 'ticket', id: ticketId } : null;
    }
    case 'customer':
      return { kind: 'customer', id: problem.entityId };
    case 'customer_phone': {
      const customerId = own?.values['customerId'];
      return typeof customerId === 'string' ? { kind: 'customer', id: customerId } : null;
    }
    case 'article':
      return { kind: 'article', id: problem.entityId };
    case 'article_version':
    case 'article_vote':
    case 'article_use': {
      const articleId = own?.values['articleId'];
      return typeof articleId === 'string' ? { kind: 'article', id: articleId } : null;
    }
    case 'handoff':
    case 'work_order':
    case 'follow_up':
    case 'quality_review': {
      const ticketId = own?.values['ticketId'];
      return typeof ticketId === 'string' ? { kind: 'ticket', id: ticketId } : null;
    }
    case 'callback': {
      const customerId = own?.values['customerId'];
      return typeof customerId === 'string' ? { kind: 'customer', id: customerId } : null;
    }
    // announcements and defects (issue 15 points 4-5): a link opens its ticket
    case 'call_ticket':
    case 'announcement_ticket':
    case 'defect_ticket': {
      const ticketId = own?.values['ticketId'];
      return typeof ticketId === 'string' ? { kind: 'ticket', id: ticketId } : null;
    }
    // a state log line, a call record, the center configuration: nothing to open
    case 'agent_state':
    case 'announcement':
    case 'announcement_ack':
    case 'defect':
    case 'call':
    case 'setting':
    case 'kb_synonym': // knowledge base synonyms (issue 17): a list entry, nothing to open
    case 'report_export':
    case 'duty_entry':
    case 'shift_type': // ---- attendance plan (issue 16 points 2-3): planned on their own screens
    case 'holiday':
    case 'roster_entry':
    case 'attendance_correction': // ---- attendance: corrections and overtime claims (issue 16 points 4-5): shown on the attendance screens
    case 'overtime_claim':
    case 'team': // ---- teams, seats and skills (issue 16 point 1): kept on the admin's screen
    case 'skill':
    case 'agent_profile':
      return null;
  }
}

/** What the local change itself says about the row, when this PC no longer has it. */
export function localLabel(problem: SyncProblem, subject: { kind: ProblemSubjectKind; id: string }): string | null {
  const entity = subject.kind;
  const values = problem.local.find((c) => c.entity === entity && c.id === subject.id)?.values ?? problem.server.find((r) => r.entity === entity && r.id === subject.id)?.values;
  if (!values) return null;
  if (entity === 'customer') return typeof values['name'] === 'string' ? values['name'] : null;
  if (entity === 'article') return typeof values['title'] === 'string' ? values['title'] : null;
  const parts = [values['no'], values['subject']].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}
