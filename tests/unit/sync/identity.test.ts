import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { ok, openTestCore, ticketInput } from '../core/helpers.js';
import { FakeServer } from './fakeServer.js';

/*
 * Who a data folder pushes as (electron/core/sync/identity.ts): a random
 * client id of its own per server user (never the HLC node id teammates see
 * in every row's clocks), work queued under a local name adopted by the first
 * server user who signs in, work queued under another server user's name left
 * as theirs, and a new client id when the server says another user owns it.
 */

async function client(fake: FakeServer) {
  const t = await openTestCore({ tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: false }, now: Date.now, headless: true });
  const login = () => ok(t.core, 'sync:login', { server: fake.url, username: fake.user.username, password: fake.password });
  return { ...t, login };
}

const actorsOf = (changes: readonly RowChange[]) =>
  changes.flatMap((c) => (c.entity === 'ticket' ? [`createdBy=${String(c.values.createdBy)}`] : c.entity === 'ticket_history' ? [`actorId=${String(c.values.actorId)}`] : []));

describe('sync identity of a shared data folder', () => {
  it('pushes with a random client id per server user, never the folder\u2019s clock node id', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    await ok(c.core, 'sync:now', {});
    const first = fake.pushes[0];
    const node = first?.mutations[0]?.hlc.split('-')[2];
    expect(first?.clientId).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first?.clientId).not.toBe(node);
    // The same user keeps it across sign-ins; another user gets another.
    await ok(c.core, 'sync:logout', {});
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    await ok(c.core, 'sync:now', {});
    expect(fake.pushes.at(-1)?.clientId).toBe(first?.clientId);
    await ok(c.core, 'sync:logout', {});
    fake.user = { id: 'u2', username: 'bob', role: 'agent', team: 'A' };
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    await ok(c.core, 'sync:now', {});
    expect(fake.pushes.at(-1)?.clientId).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(fake.pushes.at(-1)?.clientId).not.toBe(first?.clientId);
  });

  it('gives work queued under a local name to the first server user, and leaves a server user\u2019s queued work theirs', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    const standalone = await ok(c.core, 'tickets:create', ticketInput());
    expect(standalone.ticket.createdBy).toBe('agent-7');
    await c.login();
    // Adopted locally too: the PC shows what the server will hold.
    const adopted = await ok(c.core, 'tickets:get', { id: standalone.ticket.id });
    expect(adopted.ticket.createdBy).toBe('alice');
    expect(adopted.history.map((h) => h.actorId)).toEqual(['alice']);
    // Alice's own work, still queued when she signs out (offline), and then more standalone work.
    const hers = await ok(c.core, 'tickets:create', ticketInput());
    await ok(c.core, 'sync:logout', {});
    const between = await ok(c.core, 'tickets:create', ticketInput());
    fake.user = { id: 'u2', username: 'bob', role: 'agent', team: 'A' };
    await c.login();
    await ok(c.core, 'sync:now', {});
    const pushed = fake.pushes.flatMap((p) => p.mutations);
    const byTicket = (id: string) => actorsOf(pushed.filter((m) => m.args.changes.some((ch) => ch.id === id)).flatMap((m) => m.args.changes));
    expect(byTicket(standalone.ticket.id)).toEqual(['createdBy=alice', 'actorId=alice']);
    // Alice's queued ticket stays hers (the server refuses it from Bob: a sync problem, not a silent re-attribution).
    expect(byTicket(hers.ticket.id)).toEqual(['createdBy=alice', 'actorId=alice']);
    expect(byTicket(between.ticket.id)).toEqual(['createdBy=bob', 'actorId=bob']);
  });

  it('takes a new client id and pushes again when the server says another user owns it', async () => {
    const fake = new FakeServer();
    const c = await client(fake);
    await c.login();
    await ok(c.core, 'tickets:create', ticketInput());
    fake.refuseNextPush = { status: 409, code: 'CLIENT_ID_TAKEN' };
    expect(await ok(c.core, 'sync:now', {})).toMatchObject({ pushed: 2, pending: 0, problems: 0 });
    expect(fake.pushes).toHaveLength(2);
    expect(fake.pushes[1]?.clientId).not.toBe(fake.pushes[0]?.clientId);
    expect(fake.pushes[1]?.mutations).toEqual(fake.pushes[0]?.mutations);
  });
});
