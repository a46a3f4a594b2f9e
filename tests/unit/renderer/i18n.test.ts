import { describe, expect, it } from 'vitest';
import { CustomerInputSchema } from '../../../shared/customers/schema.js';
import { ERROR_CODES, fieldIssuesFrom } from '../../../shared/result.js';
import { LOCALES, THEMES } from '../../../shared/settings.js';
import {
  CATEGORIES,
  CHANNELS,
  HISTORY_ACTIONS,
  SEVERITIES,
  TicketChangesSchema,
  TicketInputSchema,
  TicketTransitionSchema,
} from '../../../shared/tickets/schema.js';
import { allowedTransitions, TICKET_STATUSES } from '../../../shared/tickets/stateMachine.js';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';
import type { z } from 'zod';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { 'zh-CN': flatten(zhCN as Tree), en: flatten(en as Tree) } as const;

/** Every issue code the shared schemas produce for typical bad input, plus the zod codes the UI must always be able to say. */
function issueCodesFromSchemas(): Set<string> {
  const codes = new Set(['too_big', 'too_small', 'invalid_type', 'invalid_value', 'unrecognized_keys', 'invalid_phone', 'customer_required']);
  const collect = (schema: z.ZodType, input: unknown): void => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) for (const issue of fieldIssuesFrom(parsed.error)) codes.add(issue.code);
  };
  collect(TicketInputSchema, {});
  collect(TicketInputSchema, { subject: 'x'.repeat(201), description: '', category: 'nope', severity: 1, channel: 'phone', extra: true });
  collect(TicketInputSchema, { subject: 's', description: 'd', category: 'fault', severity: 'low', channel: 'phone', customerId: 'c1', customer: { name: 'n', phone: '13812345678' } });
  collect(TicketInputSchema, { subject: 's', description: 'd', category: 'fault', severity: 'low', channel: 'phone', customer: { name: '', phone: '123' } });
  collect(CustomerInputSchema, { name: 'n', phone: 'not a phone' });
  collect(TicketChangesSchema, {});
  collect(TicketTransitionSchema, { id: '', to: 'nowhere', resolution: '' });
  return codes;
}

describe('i18n catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = [...catalogues['zh-CN'].keys()].sort();
    const enKeys = [...catalogues.en.keys()].sort();
    expect(enKeys.filter((k) => !catalogues['zh-CN'].has(k))).toEqual([]);
    expect(zh.filter((k) => !catalogues.en.has(k))).toEqual([]);
  });

  it('has no empty translation', () => {
    for (const [locale, map] of Object.entries(catalogues)) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${locale}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort();
    const mismatched = [...catalogues['zh-CN']].filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(catalogues.en.get(k) ?? ''))).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  const required: [string, readonly string[]][] = [
    ['status', TICKET_STATUSES],
    ['category', CATEGORIES],
    ['severity', SEVERITIES],
    ['channel', CHANNELS],
    ['historyAction', HISTORY_ACTIONS],
    ['errors', ERROR_CODES],
    ['themes', THEMES],
    ['locales', LOCALES],
    ['transitionAction', [...new Set(TICKET_STATUSES.flatMap((s) => allowedTransitions(s)))]],
    ['issues', [...issueCodesFromSchemas()]],
  ];

  for (const [group, values] of required) {
    it(`translates every ${group} value from shared in both languages`, () => {
      expect(values.length).toBeGreaterThan(0);
      for (const [locale, map] of Object.entries(catalogues)) {
        const missing = values.filter((v) => !map.has(`${group}.${v}`)).map((v) => `${locale}:${group}.${v}`);
        expect(missing).toEqual([]);
      }
    });
  }

  it('says the limit in too_big / too_small messages', () => {
    for (const map of Object.values(catalogues)) {
      expect(map.get('issues.too_big')).toContain('{{limit}}');
      expect(map.get('issues.too_small')).toContain('{{limit}}');
    }
  });
});
