import { describe, expect, it } from 'vitest';
import { lastIssuedHlc } from '../../../electron/core/domain/context.js';
import type { Store } from '../../../electron/core/store/index.js';
import { pendingCount, readBatch, removeFromOutbox } from '../../../electron/core/sync/outbox.js';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS } from '../../../shared/sync/protocol.js';
import { ok, openTestCore, readRaw, ticketInput } from '../core/helpers.js';

function insertOutbox(store: Store, id: number, args: string, hlc = `001800000000000-${id.toString(16).padStart(4, '0')}-pc`): void {
  store.write((w) =>
    w.run('INSERT INTO outbox (id, name, entity, entity_id, args, hlc, history_id, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [id, 'tickets:update', 'ticket', `t${id}`, args, hlc, '2026-11-24T02:00:00.000Z']),
  );
}
const change = (id: number, size = 10) => JSON.stringify({ changes: [{ entity: 'ticket', id: `t${id}`, values: { subject: 'x'.repeat(size) } }] });

describe('outbox: batches for push and the floors left by removed rows', () => {
  it('reads in id order, at most MAX_PUSH_MUTATIONS per batch, and the request stays under MAX_PUSH_BYTES', async () => {
    const { core, dir } = await openTestCore();
    await core.close();
    const { Store } = await import('../../../electron/core/store/index.js');
    const { migrations } = await import('../../../electron/core/migrations/index.js');
    const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
    try {
      for (let i = 1; i <= MAX_PUSH_MUTATIONS + 20; i++) insertOutbox(store, i, change(i));
      const first = store.read((r) => readBatch(r, 0));
      expect(first.mutations).toHaveLength(MAX_PUSH_MUTATIONS);
      expect(first.mutations.map((m) => m.mutationId)).toEqual(Array.from({ length: MAX_PUSH_MUTATIONS }, (_, i) => i + 1));
      expect(first.mutations[0]).toEqual({ mutationId: 1, name: 'tickets:update', hlc: '001800000000000-0001-pc', args: JSON.parse(change(1)) });
      expect(store.read((r) => readBatch(r, first.lastId)).mutations).toHaveLength(20);

      store.write((w) => w.run('DELETE FROM outbox'));
      // ~19,000-byte mutations (LIMITS allow 20,000-character texts): the bytes decide the batch.
      for (let i = 1; i <= 400; i++) insertOutbox(store, i, change(i, 19_000));
      const big = store.read((r) => readBatch(r, 0));
      const body = JSON.stringify({ clientId: 'abcdef0123456789', mutations: big.mutations });
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_PUSH_BYTES);
      expect(big.mutations.length).toBeGreaterThan(150);
      expect(big.mutations.length).toBeLessThan(400);

      // A row that can never be sent is reported, not skipped silently and not sent.
      insertOutbox(store, 1000, '{not json');
      const tail = store.read((r) => readBatch(r, 999));
      expect(tail.mutations).toEqual([]);
      expect(tail.invalid.map((i) => i.row.id)).toEqual([1000]);
    } finally {
      store.close();
    }
  });

  it('records the newest HLC and the next id before deleting, so neither is ever issued again', async () => {
    const t = await openTestCore();
    await ok(t.core, 'tickets:create', ticketInput());
    const last = await readRaw(t.core, t.dir, (r) => ({ hlc: lastIssuedHlc(r), rows: r.all<{ id: number }>('SELECT id FROM outbox ORDER BY id') }));
    const { Store } = await import('../../../electron/core/store/index.js');
    const { migrations } = await import('../../../electron/core/migrations/index.js');
    const store = await Store.open({ dataDir: t.dir, migrations, idleCheckpointMs: 0 });
    const rows = store.read((r) => readBatch(r, 0)).rows;
    store.write((w) => removeFromOutbox(w, [...rows.values()]));
    expect(store.read(pendingCount)).toBe(0);
    const meta = store.read((r) => Object.fromEntries(r.all<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('hlc_last', 'outbox_next_id')").map((m) => [m.key, m.value])));
    expect(meta).toEqual({ hlc_last: last.hlc, outbox_next_id: String(last.rows.at(-1)!.id + 1) });
    // Never lowered by removing older rows later.
    store.write((w) => removeFromOutbox(w, [{ id: 1, name: 'x', entity: 'ticket', entityId: 't', args: '{}', hlc: '000000000000001-0000-pc', createdAt: '' }]));
    expect(store.read((r) => r.get<{ value: string }>("SELECT value FROM meta WHERE key = 'outbox_next_id'"))?.value).toBe(String(last.rows.at(-1)!.id + 1));
    store.close();

    const again = await t.reopen();
    const d = await ok(again, 'tickets:create', ticketInput({ customer: { name: '李四', phone: '13900000000' } }));
    const after = await readRaw(again, t.dir, (r) => r.all<{ id: number; hlc: string }>('SELECT id, hlc FROM outbox ORDER BY id'));
    expect(d.ticket.id).toBeTruthy();
    expect(after[0]!.id).toBe(last.rows.at(-1)!.id + 1);
    expect(after[0]!.hlc > (last.hlc ?? '')).toBe(true);
  });
});
