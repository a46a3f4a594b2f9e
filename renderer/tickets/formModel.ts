import type { z } from 'zod';
import { TicketDraftFieldsSchema } from '../../shared/desk/schema.js';
import { fieldIssuesFrom, type FieldIssue } from '../../shared/result.js';
import {
  TicketChangesSchema,
  TicketInputSchema,
  type Category,
  type Channel,
  type Severity,
  type Ticket,
  type TicketChanges,
  type TicketDetail,
  type TicketInput,
} from '../../shared/tickets/schema.js';
import { isBlank } from '../i18n/messages.js';

export interface CustomerFormValues {
  name?: string;
  phone?: string;
  organisation?: string;
  address?: string;
}

/** What the antd form holds; loose on purpose, the shared schemas decide what is valid. */
export interface TicketFormValues {
  customerId?: string;
  customer?: CustomerFormValues;
  subject?: string;
  description?: string;
  category?: Category;
  severity?: Severity;
  channel?: Channel;
  product?: string;
  deviceModel?: string;
  assigneeId?: string;
  team?: string;
  stepsTaken?: string;
  resolution?: string;
}

const OPTIONAL_TEXT = ['product', 'deviceModel', 'assigneeId', 'team', 'stepsTaken', 'resolution'] as const;
const REQUIRED_TEXT = ['subject', 'description'] as const;
const ENUMS = ['category', 'severity', 'channel'] as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Domain defaults: most contacts arrive by phone and are of normal severity. */
export function defaultFormValues(): TicketFormValues {
  return { channel: 'phone', severity: 'normal', customer: {} };
}

export function formValuesFromTicket(detail: TicketDetail): TicketFormValues {
  const { ticket } = detail;
  const values: TicketFormValues = {
    customerId: ticket.customerId,
    subject: ticket.subject,
    description: ticket.description,
    category: ticket.category,
    severity: ticket.severity,
    channel: ticket.channel,
  };
  for (const key of OPTIONAL_TEXT) values[key] = ticket[key] ?? undefined;
  return values;
}

function optional(value: string | undefined): string | undefined {
  return isBlank(value) ? undefined : value;
}

export function parseCreate(values: TicketFormValues): Parsed<TicketInput> {
  const raw: Record<string, unknown> = {
    subject: values.subject ?? '',
    description: values.description ?? '',
    category: values.category,
    severity: values.severity,
    channel: values.channel,
  };
  for (const key of OPTIONAL_TEXT) {
    const v = optional(values[key]);
    if (v !== undefined) raw[key] = v;
  }
  if (values.customerId) {
    raw.customerId = values.customerId;
  } else {
    const c = values.customer ?? {};
    const customer: Record<string, unknown> = { name: c.name ?? '', phone: c.phone ?? '' };
    const organisation = optional(c.organisation);
    const address = optional(c.address);
    if (organisation !== undefined) customer.organisation = organisation;
    if (address !== undefined) customer.address = address;
    raw.customer = customer;
  }
  const parsed = TicketInputSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fieldIssuesFrom(parsed.error) };
}

/**
 * Only the fields the agent changed; a cleared optional field becomes `null`
 * (the contract's "clear"). `value: null` means nothing changed.
 */
export function parseChanges(original: Ticket, values: TicketFormValues): Parsed<TicketChanges | null> {
  const changes: Record<string, unknown> = {};
  for (const key of REQUIRED_TEXT) {
    const v = values[key] ?? '';
    if (v.trim() !== original[key]) changes[key] = v;
  }
  for (const key of ENUMS) {
    if (values[key] !== original[key]) changes[key] = values[key];
  }
  for (const key of OPTIONAL_TEXT) {
    const v = optional(values[key]);
    const before = original[key];
    if (v === undefined && before !== null) changes[key] = null;
    else if (v !== undefined && v.trim() !== before) changes[key] = v;
  }
  if (values.customerId && values.customerId !== original.customerId) changes.customerId = values.customerId;
  if (Object.keys(changes).length === 0) return { ok: true, value: null };
  const parsed = TicketChangesSchema.safeParse(changes);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: fieldIssuesFrom(parsed.error) };
}

export type FieldName = string | (string | number)[];

/**
 * Where an issue is shown in the form. Issues on the customer as a whole go to
 * the first customer input the agent can see; anything else unknown is
 * returned as `null` and shown in the form's alert, never dropped.
 */
export function formFieldFor(path: string, values: TicketFormValues): FieldName | null {
  if (path === 'customer' || path === 'customerId') return values.customerId ? 'customerId' : ['customer', 'phone'];
  const parts = path.split('.');
  if (parts[0] === 'customer' && parts.length === 2) return values.customerId ? 'customerId' : parts;
  const known: readonly string[] = [...REQUIRED_TEXT, ...ENUMS, ...OPTIONAL_TEXT];
  if (parts.length === 1 && known.includes(path)) return path;
  return null;
}

export function valueAt(values: TicketFormValues, name: FieldName): unknown {
  const parts = Array.isArray(name) ? name : [name];
  let cur: unknown = values;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(p)];
  }
  return cur;
}

export type DraftFields = z.input<typeof TicketDraftFieldsSchema>;

const DRAFT_TEXT = ['subject', 'description', 'product', 'deviceModel', 'assigneeId', 'team', 'stepsTaken', 'resolution'] as const;
/** what drafts keep of the customer section, and the form field each comes from */
const DRAFT_CUSTOMER = { customerName: 'name', customerPhone: 'phone', organisation: 'organisation', address: 'address' } as const;

/**
 * The form as a draft (drafts:save). Only what the agent typed: blanks are
 * left out, and text longer than the ticket allows is cut to the limit (the
 * draft keeps what fits; the form itself still shows the full text and says
 * it is too long when submitted).
 */
export function draftFromValues(values: TicketFormValues): DraftFields {
  const draft: DraftFields = {};
  const shape = TicketDraftFieldsSchema.shape;
  const fit = (key: (typeof DRAFT_TEXT)[number] | keyof typeof DRAFT_CUSTOMER, value: string | undefined): string | undefined => {
    if (isBlank(value) || value === undefined) return undefined;
    const max = shape[key].unwrap().maxLength;
    return max === null ? value : value.slice(0, max);
  };
  for (const key of DRAFT_TEXT) {
    const v = fit(key, values[key]);
    if (v !== undefined) draft[key] = v;
  }
  if (values.category) draft.category = values.category;
  if (values.severity) draft.severity = values.severity;
  if (values.channel) draft.channel = values.channel;
  if (values.customerId) draft.customerId = values.customerId;
  const c = values.customer ?? {};
  for (const [key, field] of Object.entries(DRAFT_CUSTOMER) as [keyof typeof DRAFT_CUSTOMER, keyof CustomerFormValues][]) {
    const v = fit(key, c[field]);
    if (v !== undefined) draft[key] = v;
  }
  return draft;
}

/** A draft back into the form: the form's defaults under what the draft kept. */
export function valuesFromDraft(draft: DraftFields): TicketFormValues {
  const values: TicketFormValues = { ...defaultFormValues() };
  for (const key of DRAFT_TEXT) if (draft[key] !== undefined) values[key] = draft[key];
  if (draft.category) values.category = draft.category;
  if (draft.severity) values.severity = draft.severity;
  if (draft.channel) values.channel = draft.channel;
  if (draft.customerId) values.customerId = draft.customerId;
  const customer: CustomerFormValues = {};
  for (const [key, field] of Object.entries(DRAFT_CUSTOMER) as [keyof typeof DRAFT_CUSTOMER, keyof CustomerFormValues][]) {
    const v = draft[key];
    if (v !== undefined) customer[field] = v;
  }
  values.customer = customer;
  return values;
}

/** True when the draft holds nothing the agent typed (a form opened and left alone). */
export function isEmptyDraft(draft: DraftFields): boolean {
  const { channel, severity, ...rest } = draft;
  void channel;
  void severity;
  return Object.keys(rest).length === 0;
}

/**
 * Where the cursor goes when a ticket form opens (or Ctrl+N is pressed on an
 * open one): the first empty field of the ones the agent fills in talking
 * order. A known caller: the subject. A new caller whose number the call
 * brought: the name, never the filled phone field, so the first words typed
 * do not land in the number (and in the draft).
 */
export function firstEmptyField(values: TicketFormValues, customerPicked: boolean): (string | number)[] {
  const blank = (v: string | undefined): boolean => (v ?? '').trim() === '';
  if (!customerPicked) {
    if (blank(values.customer?.phone)) return ['customer', 'phone'];
    if (blank(values.customer?.name)) return ['customer', 'name'];
  }
  if (blank(values.subject)) return ['subject'];
  if (blank(values.description)) return ['description'];
  return ['subject'];
}
