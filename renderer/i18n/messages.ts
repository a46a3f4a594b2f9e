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
export function errorText(t: TFunction, error: Pick<AppErrorData, 'code'>): string {
  return t(`errors.${error.code}`);
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
