import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../shared/sync/protocol.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { ok, openTestCore, readRaw, ticketInput } from '../core/helpers.js';
import { FakeServer } from './fakeServer.js';

async function signedIn(fake: FakeServer) {
  // headless: the engine alone, as the CLI drives it; seating a server user at the desk is tests/unit/desk's.
  const t = await openTestCore({ tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: false }, now: Date.now, headless: true });
  await ok(t.core, 'sync:login', { server: fake.url, username: 'alice', password: fake.password });
  return t;
}

const ticketOf = (m: Mutation) => m.args.changes.find((c) => c.entity === 'ticket');

describe('sync problems from the server\'s answers', () => {
  it('does not bother the user when only the bookkeeping updatedAt lost', async () => {
    const fake = new FakeServer();
    const { core } = await signedIn(fake);
    const d = await ok(core, 'tickets:create', ticketInput());
    await ok(core, 'sync:now', {});
    await ok(core, 'tickets:update', { id: d.ticket.id, changes: { product: 'LaserJet' } });
    fake.answer = (m) =>
      m.name === 'tickets:update'
        ? { mutationId: m.mutationId, status: 'conflict', seq: 9, lost: [{ entity: 'ticket', id: d.ticket.id, fields: ['updatedAt'] }], current: [] }
        : undefined;
    expect(await ok(core, 'sync:now', {})).toMatchObject({ pushed: 1, pending: 0, problems: 0 });
  });

  it('keeps a refused create as a problem, takes its history entry back, and a retry sends the whole row again', async () => {
    const fake = new FakeServer();
    const t = await signedIn(fake);
    const d = await ok(t.core, 'tickets:create', ticketInput());
    fake.answer = (m) => (m.name === 'tickets:create' ? { mutationId: m.mutationId, status: 'rejected', error: { code: 'VALIDATION_FAILED', message: 'Invalid ticket' }, current: [] } : undefined);
    expect(await ok(t.core, 'sync:now', {})).toMatchObject({ pending: 0, problems: 1 });
    const [problem] = await ok(t.core, 'sync:problems', {});
    expect(problem).toMatchObject({ kind: 'rejected', code: 'VALIDATION_FAILED', name: 'tickets:create', entityId: d.ticket.id });
    // The ticket stays on this PC (the problem says the server does not have it); its refused history entry is taken back.
    const local = await ok(t.core, 'tickets:get', { id: d.ticket.id });
    expect(local.ticket.subject).toBe(d.ticket.subject);
    expect(local.history).toEqual([]);

    fake.answer = null;
    expect(await ok(t.core, 'sync:resolve', { id: problem!.id, action: 'retry' })).toMatchObject({ problems: 0, pending: 1 });
    expect((await ok(t.core, 'tickets:get', { id: d.ticket.id })).history.map((h) => h.id)).toEqual(d.history.map((h) => h.id));
    await ok(t.core, 'sync:now', {});
    const resent = fake.pushes.at(-1)!.mutations[0]!;
    expect(resent.name).toBe('tickets:create');
    expect(Object.keys(ticketOf(resent)!.values).sort()).toEqual(Object.keys(d.ticket).filter((k) => k !== 'id').sort());
    expect(resent.args.changes.map((c) => c.entity)).toEqual(['ticket', 'ticket_history']);
    expect(resent.hlc > fake.pushes[0]!.mutations.at(-1)!.hlc).toBe(true);
  });

  it('reports a queued change that can never be sent instead of dropping it or blocking the queue', async () => {
    const fake = new FakeServer();
    const t = await signedIn(fake);
    await ok(t.core, 'tickets:create', ticketInput());
    await t.core.close();
    const { Store } = await import('../../../electron/core/store/index.js');
    const { migrations } = await import('../../../electron/core/migrations/index.js');
    const store = await Store.open({ dataDir: t.dir, migrations, idleCheckpointMs: 0 });
    store.write((w) => w.run("UPDATE outbox SET args = '{\"changes\":[]}' WHERE id = (SELECT MIN(id) FROM outbox)"));
    store.close();
    const core = await t.reopen();
    await ok(core, 'sync:login', { server: fake.url, username: 'alice', password: fake.password });
    expect(await ok(core, 'sync:now', {})).toMatchObject({ pushed: 1, pending: 0, problems: 1 });
    const [problem] = await ok(core, 'sync:problems', {});
    expect(problem).toMatchObject({ kind: 'rejected', code: 'INVALID_MUTATION', name: 'customers:create' });
    expect(fake.pushes.flatMap((p) => p.mutations.map((m) => m.name))).toEqual(['tickets:create']);
    expect(await readRaw(core, t.dir, (r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')?.n)).toBe(0);
  });
});
