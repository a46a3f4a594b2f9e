import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CustomerSearchSchema } from '../../../shared/customers/schema.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import { LIMITS, TicketChangesSchema, TicketInputSchema, TicketListQuerySchema, TicketTransitionSchema } from '../../../shared/tickets/schema.js';

const valid = {
  subject: '打印机无法打印',
  description: '报错 ERR_0x80070005',
  category: 'fault',
  severity: 'normal',
  channel: 'phone',
  customer: { name: '王伟', phone: '010-6552 9988' },
} as const;

function issuesOf(schema: z.ZodType, input: unknown) {
  try {
    parseOrThrow(schema, input);
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, fields: e.fields ?? [] };
    throw e;
  }
  return null;
}

describe('TicketInputSchema', () => {
  it('accepts a ticket with an inline customer', () => {
    expect(TicketInputSchema.safeParse(valid).success).toBe(true);
  });

  it('accepts a subject of exactly 200 characters and refuses 201, reporting the limit', () => {
    expect(TicketInputSchema.safeParse({ ...valid, subject: 'a'.repeat(LIMITS.subject) }).success).toBe(true);
    const err = issuesOf(TicketInputSchema, { ...valid, subject: 'a'.repeat(LIMITS.subject + 1) });
    expect(err?.code).toBe('VALIDATION_FAILED');
    expect(err?.fields).toContainEqual(expect.objectContaining({ path: 'subject', code: 'too_big', limit: 200 }));
  });

  it('accepts a description of exactly 20,000 characters and refuses 20,001', () => {
    expect(TicketInputSchema.safeParse({ ...valid, description: '故'.repeat(20_000) }).success).toBe(true);
    const err = issuesOf(TicketInputSchema, { ...valid, description: '故'.repeat(20_001) });
    expect(err?.fields).toContainEqual(expect.objectContaining({ path: 'description', code: 'too_big', limit: 20_000 }));
  });

  it('refuses a subject that is only whitespace, reporting the minimum', () => {
    const err = issuesOf(TicketInputSchema, { ...valid, subject: '   ' });
    expect(err?.fields).toContainEqual(expect.objectContaining({ path: 'subject', code: 'too_small', limit: 1 }));
  });

  it('refuses unknown keys instead of dropping them', () => {
    const err = issuesOf(TicketInputSchema, { ...valid, priority: 'p1' });
    expect(err?.fields.map((f) => f.code)).toContain('unrecognized_keys');
  });

  it('refuses unknown keys inside the inline customer', () => {
    expect(TicketInputSchema.safeParse({ ...valid, customer: { ...valid.customer, email: 'a@b.c' } }).success).toBe(false);
  });

  it('requires a customer and reports it with our own code', () => {
    const { customer: _omit, ...noCustomer } = valid;
    const err = issuesOf(TicketInputSchema, noCustomer);
    expect(err?.fields).toContainEqual(expect.objectContaining({ path: 'customer', code: 'customer_required' }));
  });

  it('refuses both customerId and customer', () => {
    const err = issuesOf(TicketInputSchema, { ...valid, customerId: 'c1' });
    expect(err?.fields).toContainEqual(expect.objectContaining({ code: 'customer_ambiguous' }));
  });

  it('refuses an invalid phone number with code invalid_phone', () => {
    const err = issuesOf(TicketInputSchema, { ...valid, customer: { name: 'x', phone: '12345' } });
    expect(err?.fields).toContainEqual(expect.objectContaining({ path: 'customer.phone', code: 'invalid_phone' }));
  });

  it('refuses unknown categories, severities and channels', () => {
    expect(TicketInputSchema.safeParse({ ...valid, category: 'other' }).success).toBe(false);
    expect(TicketInputSchema.safeParse({ ...valid, severity: 'critical' }).success).toBe(false);
    expect(TicketInputSchema.safeParse({ ...valid, channel: 'sms' }).success).toBe(false);
  });

  it('trims text fields', () => {
    expect(TicketInputSchema.parse({ ...valid, subject: '  网络故障  ' }).subject).toBe('网络故障');
  });
});

describe('TicketChangesSchema', () => {
  it('refuses an empty change set', () => {
    expect(TicketChangesSchema.safeParse({}).success).toBe(false);
  });

  it('accepts null to clear an optional field but not a required one', () => {
    expect(TicketChangesSchema.safeParse({ product: null }).success).toBe(true);
    expect(TicketChangesSchema.safeParse({ subject: null }).success).toBe(false);
  });

  it('refuses status changes, which must go through a transition', () => {
    expect(TicketChangesSchema.safeParse({ status: 'closed' }).success).toBe(false);
  });
});

describe('other request schemas', () => {
  it('applies list defaults of 50 items from offset 0', () => {
    expect(TicketListQuerySchema.parse({})).toMatchObject({ limit: 50, offset: 0 });
  });

  it('refuses a list limit above 500', () => {
    expect(TicketListQuerySchema.safeParse({ limit: 501 }).success).toBe(false);
  });

  it('accepts plain dates and date-times with offsets as list bounds', () => {
    expect(TicketListQuerySchema.safeParse({ createdFrom: '2026-11-24', createdTo: '2026-11-24T18:00:00+08:00' }).success).toBe(true);
    expect(TicketListQuerySchema.safeParse({ createdFrom: '24/11/2026' }).success).toBe(false);
  });

  it('refuses an unknown target status', () => {
    expect(TicketTransitionSchema.safeParse({ id: 't1', to: 'done' }).success).toBe(false);
  });

  it('refuses an empty customer search', () => {
    expect(CustomerSearchSchema.safeParse({ q: ' ' }).success).toBe(false);
  });
});
