import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldIssuesFrom } from '../../shared/result.js';
import { isBlank, issueText } from '../i18n/messages.js';

/**
 * An antd rule backed by one field of a shared schema, for feedback while
 * typing. The whole-form check on save parses with the full schema; this rule
 * only brings the same messages forward so the agent sees them sooner.
 */
export function zodRule(t: TFunction, schema: z.ZodType, options: { optional?: boolean } = {}): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (options.optional && isBlank(value)) return;
      const parsed = schema.safeParse(value ?? undefined);
      if (parsed.success) return;
      const [issue] = fieldIssuesFrom(parsed.error);
      if (issue) throw new Error(issueText(t, issue, value));
    },
  };
}
