import { describe, expect, it } from 'vitest';
import { decodeHlc } from '../../../shared/hlc.js';
import { failure, footprint, ok, openTestCore, readRaw, T0, ticketInput } from './helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

const TICKET_NO = /^\d{4}-\d{4}-\d{4}-\d{4}$/;

describe('tickets:create', () => {
  it('creates a ticket in status new with a digits-only number dated in UTC', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    expect(d.ticket.status).toBe('new');
    expect(d.ticket.no).toMatch(TICKET_NO);
    expect(d.ticket.no.startsWith('2611-24')).toBe(true);
    expect(d.ticket.createdAt).toBe(new Date(T0).toISOString());
    expect(d.ticket.createdBy).toBe('agent-7');
    expect(d.ticket.resolvedAt).toBeNull();
  });

  it('stores blank optional fields as null', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput({ product: '  ', team: '二线' }));
    expect(d.ticket.product).toBeNull();
    expect(d.ticket.team).toBe('二线');
  });

  it('records a created history entry naming the ticket number and its first status, not a copy of every field', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput({ assigneeId: 'agent-9' }));
    expect(d.history).toHaveLength(1);
    const h = d.history[0];
    expect(h).toMatchObject({ action: 'created', actorId: 'agent-7', note: null, at: d.ticket.createdAt });
    expect(h?.changes).toEqual({ no: { from: null, to: d.ticket.no }, status: { from: null, to: 'new' } });
  });

  it('creates the inline customer when the phone number is not known', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    expect(d.customer).toMatchObject({ name: '王伟', organisation: '北京某科技有限公司', phones: [{ raw: '010-6552 9988', key: '+861065529988' }] });
    expect((await footprint(core)).counts.customers).toBe(1);
  });

  it('matches the caller by normalised phone however the number is written', async () => {
    const { core } = await openTestCore();
    const first = await ok(core, 'tickets:create', ticketInput());
    const second = await ok(core, 'tickets:create', ticketInput({ customer: { name: '王伟', phone: '+86 10 6552 9988' } }));
    expect(second.customer.id).toBe(first.customer.id);
    expect((await footprint(core)).counts).toMatchObject({ tickets: 2, customers: 1 });
  });

  it('does not rename a matched customer but fills in a missing address', async () => {
    const { core } = await openTestCore();
    const first = await ok(core, 'tickets:create', ticketInput());
    const second = await ok(core, 'tickets:create', ticketInput({ customer: { name: '王先生', phone: '01065529988', address: '朝阳区建国路 1 号' } }));
    expect(second.customer.id).toBe(first.customer.id);
    expect(second.customer.name).toBe('王伟');
    expect(second.customer.address).toBe('朝阳区建国路 1 号');
    expect(second.customer.organisation).toBe('北京某科技有限公司');
  });

  it('tells people behind one switchboard apart by extension', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'tickets:create', ticketInput({ customer: { name: '张三', phone: '010-65529988 转 801' } }));
    const b = await ok(core, 'tickets:create', ticketInput({ customer: { name: '李四', phone: '010-65529988 转 802' } }));
    const c = await ok(core, 'tickets:create', ticketInput({ customer: { name: '张三', phone: '010-65529988-801' } }));
    const d = await ok(core, 'tickets:create', ticketInput({ customer: { name: '李经理', phone: '010 6552 9988 ext 802' } }));
    expect(b.customer.id).not.toBe(a.customer.id);
    expect(c.customer.id).toBe(a.customer.id);
    expect(d.customer.id).toBe(b.customer.id);
  });

  it('links an existing customer by id', async () => {
    const { core } = await openTestCore();
    const first = await ok(core, 'tickets:create', ticketInput());
    const { customer: _c, ...rest } = ticketInput();
    const d = await ok(core, 'tickets:create', { ...rest, customerId: first.customer.id });
    expect(d.ticket.customerId).toBe(first.customer.id);
  });

  it('refuses an unknown customerId with CUSTOMER_NOT_FOUND and writes nothing', async () => {
    const { core } = await openTestCore();
    await ok(core, 'tickets:create', ticketInput());
    const before = await footprint(core);
    const { customer: _c, ...rest } = ticketInput();
    const err = await failure(core, 'tickets:create', { ...rest, customerId: 'no-such-customer' });
    expect(err.code).toBe('CUSTOMER_NOT_FOUND');
    expect(await footprint(core)).toEqual(before);
  });

  it('refuses invalid input with field issues and writes nothing', async () => {
    const { core } = await openTestCore();
    const before = await footprint(core);
    const err = await failure(core, 'tickets:create', ticketInput({ subject: 'x'.repeat(201) }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toContainEqual(expect.objectContaining({ path: 'subject', code: 'too_big', limit: 200 }));
    expect(await footprint(core)).toEqual(before);
  });

  it('commits the ticket, customer, history and outbox as one journal entry', async () => {
    const { core } = await openTestCore();
    const before = await footprint(core);
    await ok(core, 'tickets:create', ticketInput());
    const after = await footprint(core);
    expect(after.journal - before.journal).toBe(1);
    expect(after.counts).toEqual({ tickets: 1, customers: 1, outbox: 2 });
  });

  it('queues customer and ticket mutations with increasing ids and the persisted HLC', async () => {
    const { core, dir, time } = await openTestCore();
    const a = await ok(core, 'tickets:create', ticketInput());
    time.advance(1000);
    await ok(core, 'tickets:create', ticketInput());
    const raw = await readRaw(core, dir, (r) => ({
      outbox: withQueuedArgs<{ id: number; name: string; entity_id: string; args: string; hlc: string; history_id: string | null }>(r, 'SELECT * FROM outbox ORDER BY id'),
      meta: Object.fromEntries(r.all<{ key: string; value: string }>('SELECT key, value FROM meta').map((m) => [m.key, m.value])),
      historyIds: r.all<{ id: string }>('SELECT id FROM ticket_history').map((h) => h.id),
    }));
    expect(raw.outbox.map((o) => [o.id, o.name])).toEqual([
      [1, 'customers:create'],
      [2, 'tickets:create'],
      [3, 'tickets:create'],
    ]);
    const created = raw.outbox[1];
    expect(created?.entity_id).toBe(a.ticket.id);
    const changes = (JSON.parse(created?.args ?? '{}') as { changes: { entity: string; id: string; values: Record<string, unknown> }[] }).changes;
    expect(changes.map((c) => c.entity)).toEqual(['ticket', 'ticket_history']);
    expect(changes[0]).toMatchObject({ id: a.ticket.id, values: { no: a.ticket.no, status: 'new', subject: a.ticket.subject } });
    // the history record travels whole with the mutation that wrote it
    expect(raw.historyIds).toContain(changes[1]?.id);
    expect(changes[1]?.values).toMatchObject({ ticketId: a.ticket.id, action: 'created', hlc: created?.hlc });
    const hlcs = raw.outbox.map((o) => o.hlc);
    expect(hlcs[2]! > hlcs[1]!).toBe(true);
    expect(decodeHlc(hlcs[2]!).nodeId).toBe(raw.meta.client_id);
    // no per-write meta upserts: the clock and the next id come from the rows themselves
    expect(raw.meta.hlc_last).toBeUndefined();
    expect(raw.meta.outbox_next_id).toBeUndefined();
  });

  it('draws a new number when the random one is already taken that day', async () => {
    const draws = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 0]];
    const { core } = await openTestCore({}, { randomBytes: (n) => (n === 10 ? Uint8Array.from(draws.shift() ?? new Array<number>(10).fill(9)) : new Uint8Array(n)) });
    const a = await ok(core, 'tickets:create', ticketInput());
    const b = await ok(core, 'tickets:create', ticketInput());
    expect(a.ticket.no).toBe('2611-2400-0000-0000');
    expect(b.ticket.no).toBe('2611-2412-3456-7890');
  });

  it('announces the new ticket to listeners once it is saved, and nothing on failure', async () => {
    const { core } = await openTestCore();
    const events: unknown[] = [];
    core.onEvent((event, payload) => events.push({ event, payload }));
    const d = await ok(core, 'tickets:create', ticketInput());
    await failure(core, 'tickets:create', ticketInput({ subject: '' }));
    // sync:status follows every saved write too (the queue grew); a refused one changes nothing.
    expect(events).toEqual([
      { event: 'tickets:changed', payload: { ids: [d.ticket.id], origin: 'local' } },
      { event: 'sync:status', payload: expect.objectContaining({ state: 'signed_out', pending: 2 }) },
    ]);
  });

  it('keeps the ticket after the data folder is closed and opened again', async () => {
    const t = await openTestCore();
    const d = await ok(t.core, 'tickets:create', ticketInput());
    await t.core.close();
    const again = await t.reopen();
    expect(await ok(again, 'tickets:get', { id: d.ticket.id })).toEqual(d);
  });
});
