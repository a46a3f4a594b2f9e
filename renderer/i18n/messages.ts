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
  const text = limit === undefined ? t(`errors.${error.code}`) : t(`errors.${error.code}`, { limit });
  // A phone connector's refusal carries its own words (issue 14): the agent reads both.
  const said = error.fields?.find((f) => f.path === 'connector' && f.code === 'connector_said')?.message;
  return said ? `${text}${t('desk.phone.connectorSaid', { words: said })}` : text;
}

/**
 * The translated text for one field issue. An empty value is reported as
 * "required" whatever zod called it (too_small of 1, invalid_type of undefined,
 * invalid_value of an unset select): that is what the agent needs to hear.
 */
export function issueText(t: TFunction, issue: Pick<FieldIssue, 'code' | 'limit'>, value?: unknown): string {
  if (isBlank(value) && ['too_small', 'invalid_type', 'invalid_value', 'invalid_phone'].includes(issue.code)) return t('issues.required');
  if (issue.code === 'too_small' && issue.limit === 1) return t('issues.required');
  const key: IssueKey = isIssueKey(issue.code) ? issue.code : 'unknown';
  return t(`issues.${key}`, { limit: issue.limit ?? 0 });
}
