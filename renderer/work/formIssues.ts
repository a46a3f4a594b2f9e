import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../shared/result.js';
import { issueText } from '../i18n/messages.js';
import zhCN from '../i18n/locales/zh-CN.js';

type WorkIssueKey = keyof typeof zhCN.work.issues;
const isWorkIssue = (code: string): code is WorkIssueKey => Object.prototype.hasOwnProperty.call(zhCN.work.issues, code);

/** The console's own rule codes (work_order_required, reason_required...) read better than the generic "invalid". */
export function workIssueText(t: TFunction, issue: Pick<FieldIssue, 'code' | 'limit'>, value?: unknown): string {
  return isWorkIssue(issue.code) ? t(`work.issues.${issue.code}`) : issueText(t, issue, value);
}

function valueAt(values: unknown, path: string[]): unknown {
  let cur: unknown = values;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Puts each issue under the field it names (dotted paths: `workOrder.engineer`);
 * issues for fields the form does not show are returned so the dialog can say
 * them above the fields instead of dropping them.
 */
export function showIssues<V>(form: FormInstance<V>, t: TFunction, issues: FieldIssue[], shown: readonly string[]): FieldIssue[] {
  const values: unknown = form.getFieldsValue(true);
  const seen = new Set<string>();
  const fields: { name: string[]; errors: string[] }[] = [];
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const target = shown.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (!target) {
      rest.push(issue);
      continue;
    }
    if (seen.has(target)) continue;
    seen.add(target);
    const path = target.split('.');
    fields.push({ name: path, errors: [workIssueText(t, issue, valueAt(values, path))] });
  }
  form.setFields(fields as Parameters<FormInstance<V>['setFields']>[0]);
  return rest;
}
