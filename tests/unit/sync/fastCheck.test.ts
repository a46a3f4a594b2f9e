import { describe, expect, it } from 'vitest';
import { entityPlan, parseBulkLine } from '../../../electron/core/sync/apply.js';
import { SyncError } from '../../../electron/core/sync/http.js';
import { ENTITIES, type EntityName } from '../../../shared/sync/entities.js';
import { customer, history, ticket } from './bulkLines.js';

/**
 * The plain-JavaScript checks that stand in for zod on a first sync's hot
 * path may only ever accept what zod accepts: every field of every entity,
 * against values on and around each boundary.
 */
const awkward: unknown[] = [
  null, undefined, '', 'x', 'ok text', 0, 1, true, {}, [], 'a\u0000b', 'lone \ud800 high', 'lone \udc00 low', 'pair 😀', 'x'.repeat(40), 'x'.repeat(41),
  'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(20_000), 'x'.repeat(20_001), 'new', 'closed', 'fault',
  'urgent', 'phone', 'created', 'helpful', 'draft', 'published', '[]', '["a"]', 'not json',
];

function validValues(entity: EntityName): Record<string, unknown> {
  const line = { customer: customer('c1'), ticket: ticket('t1', 'c1'), ticket_history: history('h1', 't1') }[entity as 'customer' | 'ticket' | 'ticket_history'];
  return (JSON.parse(line) as { values: Record<string, unknown> }).values;
}

describe('fast checks on the first-sync path', () => {
  it('exist for the ticket entities, and never accept a value their zod schema refuses', () => {
    for (const entity of ['customer', 'ticket', 'ticket_history'] as const) {
      const plan = entityPlan(entity);
      expect(plan.fastCheck).not.toBeNull();
      const base = validValues(entity);
      expect(plan.fastCheck?.(base)).toBe(true);
      let accepted = 0;
      for (const field of Object.keys(base)) {
        for (const v of awkward) {
          const values = { ...base, [field]: v };
          const fast = plan.fastCheck?.(values) ?? false;
          const zod = plan.values.safeParse(values).success;
          // Accepting only what zod accepts is the rule; here it even agrees on every refusal.
          expect({ entity, field, v, fast }).toEqual({ entity, field, v, fast: zod });
          if (fast) accepted += 1;
        }
        const missing = Object.fromEntries(Object.entries(base).filter(([k]) => k !== field));
        if (plan.fastCheck?.(missing)) expect(plan.values.safeParse(missing).success).toBe(true);
      }
      expect(accepted).toBeGreaterThan(0);
    }
  });

  it('leaves every other entity to zod unless its schema is fully understood, and agrees with zod where it answers', () => {
    for (const entity of Object.keys(ENTITIES) as EntityName[]) {
      const plan = entityPlan(entity);
      if (!plan.fastCheck) continue;
      for (const field of Object.keys(plan.values.shape)) {
        for (const v of awkward) {
          const values: Record<string, unknown> = {};
          for (const f of Object.keys(plan.values.shape)) values[f] = 'x';
          values[field] = v;
          if (plan.fastCheck(values)) expect(plan.values.safeParse(values).success).toBe(true);
        }
      }
    }
    // A refinement (article tags must be a JSON list) is not understood: zod checks articles.
    expect(entityPlan('article').fastCheck).toBeNull();
  });

  it('parses bulk lines as zod would: the same row, the same refusals', () => {
    const line = ticket('t9', 'c9');
    const row = parseBulkLine(line.replace('"seq"', '"extra":1,"seq"'));
    expect(Object.keys(row)).toEqual(['entity', 'id', 'values', 'fieldHlc', 'seq']);
    expect(row).toEqual(parseBulkLine(line));
    const raw = JSON.parse(line) as Record<string, unknown>;
    const variants = [{ entity: 'nope' }, { id: 7 }, { values: [] }, { values: null }, { fieldHlc: { '*': 1 } }, { seq: 0 }, { seq: 1.5 }, { seq: '3' }].map((bad) => JSON.stringify({ ...raw, ...bad }));
    // beyond a double: JSON.parse makes it Infinity
    variants.push(line.replace(/"seq":\d+/, '"seq":1e400'));
    for (const bad of variants) expect(() => parseBulkLine(bad)).toThrow(SyncError);
  });
});
