import { describe, expect, it } from 'vitest';
import { LEAN_OUTBOX_LWW_FIELDS } from '../../../electron/core/migrations/0026_lean_outbox.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { applyRows } from '../../../electron/core/sync/apply.js';
import { readBatch } from '../../../electron/core/sync/outbox.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import type { Mutation } from '../../../shared/sync/protocol.js';
import { ok, openTestCore, ticketInput } from '../core/helpers.js';

/*
 * The lean outbox (migration 0026) must push exactly what the outbox with a
 * copy of the values pushed: the same mutations, values and clocks, also
 * when a later write or a pulled change lands on a row before the push.
 */

const openStore = (dir: string, which = migrations) => Store.open({ dataDir: dir, migrations: which, idleCheckpointMs: 0, log: () => undefined });

function allMutations(store: Store): Mutation[] {
  const out: Mutation[] = [];
  let after = 0;
  for (;;) {
    const b = store.read((r) => readBatch(r, after));
    expect(b.invalid).toEqual([]);
    if (b.mutations.length === 0) return out;
    out.push(...b.mutations);
    after = b.lastId;
  }
}

interface KeptRow {
  outbox_id: number;
  entity: string;
  kept: string | null;
}
const keptRows = (store: Store) => store.read((r) => r.all<KeptRow>('SELECT outbox_id, entity, kept FROM outbox_row WHERE kept IS NOT NULL ORDER BY outbox_id, seq'));

describe('lean outbox', () => {
  it('has a keep trigger for every declared lww entity, covering every field', () => {
    const lww = Object.values(ENTITIES).filter((d) => d.kind === 'lww');
    for (const d of lww) expect([d.name, [...(LEAN_OUTBOX_LWW_FIELDS.get(d.name) ?? [])].sort()]).toEqual([d.name, Object.keys(d.columns).sort()]);
  });

  it('keeps no values for a fresh ticket: the entry names its rows, the push reads them back', async () => {
    const t = await openTestCore();
    const d = await ok(t.core, 'tickets:create', ticketInput());
    await t.core.close();
    const store = await openStore(t.dir);
    try {
      const ms = allMutations(store);
      expect(ms.map((m) => [m.name, m.args.changes.map((c) => c.entity)])).toEqual([
        ['customers:create', ['customer', 'customer_phone']],
        ['tickets:create', ['ticket', 'ticket_history']],
      ]);
      const ticket = ms[1]?.args.changes.find((c) => c.entity === 'ticket');
      expect(ticket?.values).toMatchObject({ subject: d.ticket.subject, status: 'new', no: d.ticket.no });
      // Only the phone (keyed by its values, no id column to read it back by) keeps its few values.
      expect(keptRows(store).map((k) => k.entity)).toEqual(['customer_phone']);
      expect(store.read((r) => r.all<{ args: string }>('SELECT args FROM outbox')).map((r) => r.args)).toEqual(['', '']);
    } finally {
      store.close();
    }
  });

  it('pushes each queued edit with its own values when a later edit of the same field waits behind it', async () => {
    const t = await openTestCore();
    const d = await ok(t.core, 'tickets:create', ticketInput({ subject: '第一版' }));
    t.time.advance(1000);
    await ok(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '第二版' } });
    t.time.advance(1000);
    await ok(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '第三版', product: 'P1' } });
    await t.core.close();
    const store = await openStore(t.dir);
    try {
      const ms = allMutations(store).filter((m) => m.name.startsWith('tickets:'));
      const subjects = ms.map((m) => m.args.changes.find((c) => c.entity === 'ticket')?.values.subject);
      expect(subjects).toEqual(['第一版', '第二版', '第三版']);
      // Every queued field carries its mutation's clock on the push (the server's LWW compares these).
      const [create, second, third] = ms;
      expect(create && second && third && create.hlc < second.hlc && second.hlc < third.hlc).toBe(true);
      expect(third?.args.changes.find((c) => c.entity === 'ticket')?.values).toMatchObject({ subject: '第三版', product: 'P1' });
      // What later edits overwrote was kept (the subjects, the creation's empty product, the updatedAt each edit moved); nothing else of the ticket.
      const kept = keptRows(store).filter((k) => k.entity === 'ticket');
      expect(kept.map((k) => JSON.parse(k.kept ?? '{}') as Record<string, unknown>)).toEqual([
        { subject: '第一版', product: null, updatedAt: create?.args.changes.find((c) => c.entity === 'ticket')?.values.updatedAt },
        { subject: '第二版', updatedAt: second?.args.changes.find((c) => c.entity === 'ticket')?.values.updatedAt },
      ]);
      // The local row's clocks say what the server will hold: every pushed field at its mutation's clock.
      const fieldHlc = JSON.parse(store.read((r) => r.get<{ f: string }>('SELECT field_hlc AS f FROM tickets')?.f) ?? '{}') as Record<string, string>;
      expect(fieldHlc).toMatchObject({ subject: third?.hlc, product: third?.hlc, updatedAt: third?.hlc, '*': create?.hlc });
    } finally {
      store.close();
    }
  });

  it('pushes its own value when a pulled change lands on the row before the push', async () => {
    const t = await openTestCore();
    const d = await ok(t.core, 'tickets:create', ticketInput({ subject: '本机写的' }));
    t.time.advance(1000);
    await ok(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '本机改的' } });
    await t.core.close();
    const store = await openStore(t.dir);
    try {
      const before = allMutations(store);
      const create = before.find((m) => m.name === 'tickets:create')!;
      const local = before.find((m) => m.name === 'tickets:update')!;
      // Another PC wrote the subject later (a newer clock): the pull takes it on this row.
      const remoteHlc = `${(Number(local.hlc.slice(0, 15)) + 5000).toString().padStart(15, '0')}-0000-otherpc`;
      const created = create.args.changes.find((c) => c.entity === 'ticket')!.values;
      store.write((w) => applyRows(w, [{ entity: 'ticket', id: d.ticket.id, values: { ...created, subject: '别处改的' }, fieldHlc: { '*': create.hlc, subject: remoteHlc }, seq: 1 }]));
      expect(store.read((r) => r.get<{ subject: string }>('SELECT subject FROM tickets'))?.subject).toBe('别处改的');
      // The queued change is still pushed with what this PC wrote and its clock: the server says which wins (conflict).
      expect(allMutations(store)).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('converts pending entries of the old shape on migration, losing nothing', async () => {
    // Real work queued by the services; its mutations are what the old outbox carried in `args`.
    const t = await openTestCore();
    const d = await ok(t.core, 'tickets:create', ticketInput({ subject: '旧版本第一版' }));
    t.time.advance(1000);
    await ok(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '旧版本第二版' } });
    await ok(t.core, 'tickets:create', ticketInput({ subject: '另一张', customer: { name: '李四', phone: '13900000000' } }));
    await t.core.close();
    let store = await openStore(t.dir);
    const expected = allMutations(store);
    // Back to the folder 0025 left: the copy in `args`, no outbox_row, no keep triggers, 0026 not applied.
    store.write((w) => {
      for (const m of expected) w.run('UPDATE outbox SET args = ? WHERE id = ?', [JSON.stringify(m.args), m.mutationId]);
      for (const tr of w.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'outbox_keep_%'")) w.run(`DROP TRIGGER ${tr.name}`);
      w.run('DROP TABLE outbox_row');
      // (migrations after 0026 are forgotten too, and the folder is reopened by the version that ends at 0026: their tables stay, unread)
      w.run("DELETE FROM _store_migrations WHERE id >= '0026_lean_outbox'");
      // An entry that was never well-formed stays as it was, and is reported when pushed, as before.
      w.run("INSERT INTO outbox (id, name, entity, entity_id, args, hlc, history_id, created_at) VALUES (900, 'tickets:update', 'ticket', 'x', '{not json', ?, NULL, ?)", [expected.at(-1)!.hlc, '2026-11-24T02:00:00.000Z']);
    });
    store.close();

    store = await openStore(
      t.dir,
      migrations.filter((m) => m.id <= '0026_lean_outbox'),
    );
    try {
      expect(store.report().migrations).toContain('0026_lean_outbox');
      const batch = store.read((r) => readBatch(r, 0));
      expect(expected.map((m) => m.name)).toEqual(['customers:create', 'tickets:create', 'tickets:update', 'customers:create', 'tickets:create']);
      expect(batch.mutations).toEqual(expected);
      expect(batch.invalid.map((i) => i.row.id)).toEqual([900]);
      // Only what the rows no longer hold under the entry's clock stayed a copy: the first subject (and updatedAt), and the phones.
      const kept = keptRows(store).map((k) => [k.outbox_id, k.entity, Object.keys(JSON.parse(k.kept ?? '{}') as object).sort()]);
      expect(kept).toEqual([
        [1, 'customer_phone', ['addedAt', 'customerId', 'ext', 'key', 'raw']],
        [2, 'ticket', ['subject', 'updatedAt']],
        [4, 'customer_phone', ['addedAt', 'customerId', 'ext', 'key', 'raw']],
      ]);
    } finally {
      store.close();
    }
  });
});
