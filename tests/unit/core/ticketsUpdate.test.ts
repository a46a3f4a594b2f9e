import { fieldHlcOf } from '../../../electron/core/domain/context.js';
import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, openTestCore, readRaw, ticketInput } from './helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

describe('tickets:update', () => {
  it('records only the fields whose value changed', async () => {
    const { core, time } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    time.advance(60_000);
    const u = await ok(core, 'tickets:update', { id: d.ticket.id, changes: { severity: 'urgent', subject: d.ticket.subject, category: 'fault' } });
    expect(u.ticket.severity).toBe('urgent');
    expect(u.ticket.updatedAt).toBe(new Date(time.now()).toISOString());
    expect(u.history).toHaveLength(2);
    expect(u.history[1]).toMatchObject({ action: 'updated', actorId: 'agent-7', changes: { severity: { from: 'normal', to: 'urgent' } } });
    expect(Object.keys(u.history[1]?.changes ?? {})).toEqual(['severity']);
  });

  it('returns the ticket without writing anything when nothing actually changes', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput({ product: 'LaserJet' }));
    const events: unknown[] = [];
    core.onEvent((e) => events.push(e));
    const before = await footprint(core);
    const u = await ok(core, 'tickets:update', { id: d.ticket.id, changes: { severity: 'normal', product: ' LaserJet ' } });
    expect(u).toEqual(d);
    expect(await footprint(core)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('clears an optional field with null or an empty string', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput({ product: 'LaserJet', team: '一线' }));
    const u = await ok(core, 'tickets:update', { id: d.ticket.id, changes: { product: null, team: '' } });
    expect(u.ticket.product).toBeNull();
    expect(u.ticket.team).toBeNull();
    expect(u.history[1]?.changes).toEqual({ product: { from: 'LaserJet', to: null }, team: { from: '一线', to: null } });
  });

  it('answers NOT_FOUND for an unknown ticket', async () => {
    const { core } = await openTestCore();
    const err = await failure(core, 'tickets:update', { id: 'nope', changes: { severity: 'low' } });
    expect(err.code).toBe('NOT_FOUND');
  });

  it('moves the ticket to another existing customer, and refuses an unknown one', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'tickets:create', ticketInput());
    const b = await ok(core, 'tickets:create', ticketInput({ customer: { name: '李娜', phone: '13812345678' } }));
    const before = await footprint(core);
    expect((await failure(core, 'tickets:update', { id: a.ticket.id, changes: { customerId: 'ghost' } })).code).toBe('CUSTOMER_NOT_FOUND');
    expect(await footprint(core)).toEqual(before);
    const moved = await ok(core, 'tickets:update', { id: a.ticket.id, changes: { customerId: b.customer.id } });
    expect(moved.customer.name).toBe('李娜');
  });

  it('refuses to clear the resolution of a resolved ticket', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    await ok(core, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '更新驱动' });
    const err = await failure(core, 'tickets:update', { id: d.ticket.id, changes: { resolution: null } });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.[0]).toMatchObject({ path: 'changes.resolution', code: 'resolution_required' });
  });

  it('refuses unknown fields and status changes before touching data', async () => {
    const { core } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    const before = await footprint(core);
    expect((await failure(core, 'tickets:update', { id: d.ticket.id, changes: { status: 'closed' } })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'tickets:update', { id: d.ticket.id, changes: { description: 'x'.repeat(20_001) } })).code).toBe('VALIDATION_FAILED');
    expect(await footprint(core)).toEqual(before);
  });

  it('queues only the changed fields for sync', async () => {
    const { core, dir } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    await ok(core, 'tickets:update', { id: d.ticket.id, changes: { assigneeId: 'agent-9', severity: 'normal' } });
    const last = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number; name: string }>(r, 'SELECT id, name FROM outbox ORDER BY id DESC LIMIT 1')[0]);
    expect(last?.name).toBe('tickets:update');
    const { changes } = JSON.parse(last?.args ?? '{}') as { changes: { entity: string; values: Record<string, unknown> }[] };
    expect(changes.map((c) => c.entity)).toEqual(['ticket', 'ticket_history']);
    expect(Object.keys(changes[0]?.values ?? {}).sort()).toEqual(['assigneeId', 'updatedAt']);
  });

  it('stamps changed fields with the new HLC so sync can merge per field', async () => {
    const { core, dir } = await openTestCore();
    const d = await ok(core, 'tickets:create', ticketInput());
    await ok(core, 'tickets:update', { id: d.ticket.id, changes: { severity: 'high' } });
    const row = await readRaw(core, dir, (r) => r.get<{ field_hlc: string }>('SELECT field_hlc FROM tickets WHERE id = ?', [d.ticket.id]));
    const hlc = JSON.parse(row?.field_hlc ?? '{}') as Record<string, string>;
    // untouched fields carry the creation clock ('*'), the changed one a later clock
    expect(hlc.subject).toBeUndefined();
    expect(fieldHlcOf(hlc, 'severity')! > fieldHlcOf(hlc, 'subject')!).toBe(true);
  });
});
