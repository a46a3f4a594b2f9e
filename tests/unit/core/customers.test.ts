import { describe, expect, it } from 'vitest';
import { failure, ok, openTestCore, ticketInput } from './helpers.js';

describe('customers', () => {
  async function seeded() {
    const t = await openTestCore();
    const a = await ok(t.core, 'tickets:create', ticketInput());
    t.time.advance(1000);
    const b = await ok(t.core, 'tickets:create', ticketInput({ customer: { name: '王芳', phone: '13912345678', organisation: '上海某银行' } }));
    return { ...t, a: a.customer, b: b.customer };
  }

  it('finds customers by part of the name, most recently changed first', async () => {
    const { core, a, b } = await seeded();
    expect((await ok(core, 'customers:search', { q: '王' })).map((c) => c.id)).toEqual([b.id, a.id]);
  });

  it('finds customers by organisation', async () => {
    const { core, b } = await seeded();
    expect((await ok(core, 'customers:search', { q: '银行' })).map((c) => c.id)).toEqual([b.id]);
  });

  it('finds customers by phone digits in any common spelling', async () => {
    const { core, a } = await seeded();
    for (const q of ['65529988', '010-6552 9988', '+86 10 65529988']) {
      expect((await ok(core, 'customers:search', { q })).map((c) => c.id)).toEqual([a.id]);
    }
  });

  it('honours the limit', async () => {
    const { core } = await seeded();
    expect(await ok(core, 'customers:search', { q: '王', limit: 1 })).toHaveLength(1);
  });

  it('gets a customer by id with phones, and CUSTOMER_NOT_FOUND otherwise', async () => {
    const { core, a } = await seeded();
    expect(await ok(core, 'customers:get', { id: a.id })).toEqual(a);
    expect((await failure(core, 'customers:get', { id: 'ghost' })).code).toBe('CUSTOMER_NOT_FOUND');
  });
});
