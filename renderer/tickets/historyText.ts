import type { TFunction } from 'i18next';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../shared/tickets/schema.js';
import { TICKET_STATUSES } from '../../shared/tickets/stateMachine.js';
import zhCN from '../i18n/locales/zh-CN.js';

type FieldKey = keyof typeof zhCN.fields;
const isFieldKey = (k: string): k is FieldKey => Object.prototype.hasOwnProperty.call(zhCN.fields, k);

const includes = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** History values are raw stored values; enum fields are shown in the agent's language. */
export function historyValueText(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  if (field === 'status' && includes(TICKET_STATUSES, value)) return t(`status.${value}`);
  if (field === 'category' && includes(CATEGORIES, value)) return t(`category.${value}`);
  if (field === 'severity' && includes(SEVERITIES, value)) return t(`severity.${value}`);
  if (field === 'channel' && includes(CHANNELS, value)) return t(`channel.${value}`);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function fieldLabel(t: TFunction, field: string): string {
  // An unknown field (from a newer core) is shown by its key rather than hidden from the record.
  return isFieldKey(field) ? t(`fields.${field}`) : field;
}
