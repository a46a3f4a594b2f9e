import type { TFunction } from 'i18next';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../shared/tickets/schema.js';
import { TICKET_STATUSES } from '../../shared/tickets/stateMachine.js';
import zhCN from '../i18n/locales/zh-CN.js';

type FieldKey = keyof typeof zhCN.fields;
const isFieldKey = (k: string): k is FieldKey => Object.prototype.hasOwnProperty.call(zhCN.fields, k);
/** Keys the console's history entries record (hand-off answered, follow-up, call linked) besides the ticket's own fields. */
type WorkFieldKey = keyof typeof zhCN.work.history.field;
const isWorkFieldKey = (k: string): k is WorkFieldKey => Object.prototype.hasOwnProperty.call(zhCN.work.history.field, k);
const HANDOFF_STATES = ['open', 'answered', 'cancelled'] as const;
const FOLLOW_UP_STATES = ['open', 'done', 'unreachable'] as const;
const FOLLOW_UP_KINDS = ['satisfaction', 'complaint'] as const;

const includes = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** History values are raw stored values; enum fields are shown in the agent's language. */
export function historyValueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  if (field === 'status' && includes(TICKET_STATUSES, value)) return t(`status.${value}`);
  if (field === 'category' && includes(CATEGORIES, value)) return t(`category.${value}`);
  if (field === 'severity' && includes(SEVERITIES, value)) return t(`severity.${value}`);
  if (field === 'channel' && includes(CHANNELS, value)) return t(`channel.${value}`);
  if (field === 'handoff' && includes(HANDOFF_STATES, value)) return t(`work.handoff.status.${value}`);
  if (field === 'followUp' && includes(FOLLOW_UP_STATES, value)) return t(`work.followUp.status.${value}`);
  if (field === 'kind' && includes(FOLLOW_UP_KINDS, value)) return t(`work.followUp.kind.${value}`);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function fieldLabel(t: TFunction, field: string): string {
  // An unknown field (from a newer core) is shown by its key rather than hidden from the record.
  if (isFieldKey(field)) return t(`fields.${field}`);
  return isWorkFieldKey(field) ? t(`work.history.field.${field}`) : field;
}

/** What the note of a console entry is: what the customer was told, second line's answer, the follow-up's reason. */
export function historyNoteLabel(t: TFunction, action: string): string {
  if (action === 'contact') return t('work.history.note.contact');
  if (action === 'handoff_answered') return t('work.history.note.handoff_answered');
  if (action === 'follow_up') return t('work.history.note.follow_up');
  return t('fields.note');
}
