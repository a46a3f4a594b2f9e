import type { TFunction } from 'i18next';
import type { AppErrorData, FieldIssue } from '../../shared/result.js';
import zhCN from './locales/zh-CN.js';

type IssueKey = keyof typeof zhCN.issues;

function isIssueKey(code: string): code is IssueKey {
  return Object.prototype.hasOwnProperty.call(zhCN.issues, code);
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The translated text for an error code; the core's English `message` is for logs, not agents. */
/** The error in the user's language; a figure the core attached (seconds of a lock) fills its {{limit}}. */
export function errorText(t: TFunction, error: Pick<AppErrorData, 'code'> & { fields?: AppErrorData['fields'] }): string {
  const limit = error.fields?.find((f) => f.limit !== undefined)?.limit;
  const text = limit === undefined ? t(`errors.${error.code}`) : t(`errors.${error.code}`, { limit, wait: waitText(t, limit) });
  // A phone connector's refusal carries its own words (issue 14): the agent reads both.
  const said = error.fields?.find((f) => f.path === 'connector' && f.code === 'connector_said')?.message;
  return said ? `${text}${t('desk.phone.connectorSaid', { words: said })}` : text;
}

/** How long to wait, as a person says it: seconds under a minute, whole minutes (rounded up) from there. */
export function waitText(t: TFunction, seconds: number): string {
  return seconds < 60 ? t('common.waitSeconds', { count: Math.max(1, Math.ceil(seconds)) }) : t('common.waitMinutes', { count: Math.ceil(seconds / 60) });
}

/** Codes whose own words already say what an empty field needs (which customer, why a note): kept for blanks too. */
const SAYS_MORE_THAN_REQUIRED: ReadonlySet<string> = new Set(['account_exists', 'customer_required', 'customer_ambiguous', 'note_required', 'no_changes', 'locked', 'unrecognized_keys']);

/**
 * The translated text for one field issue. An empty value is reported as
 * "required" whatever zod called it (too_small of 1, invalid_type of undefined,
 * invalid_value of an unset select, a pattern or a format an empty string
 * fails): that is what the agent needs to hear, not a length or format rule.
 */
export function issueText(t: TFunction, issue: Pick<FieldIssue, 'code' | 'limit'>, value?: unknown): string {
  if (isBlank(value) && !SAYS_MORE_THAN_REQUIRED.has(issue.code)) return t('issues.required');
  if (issue.code === 'too_small' && issue.limit === 1) return t('issues.required');
  const key: IssueKey = isIssueKey(issue.code) ? issue.code : 'unknown';
  return t(`issues.${key}`, { limit: issue.limit ?? 0, wait: waitText(t, issue.limit ?? 0) });
}
