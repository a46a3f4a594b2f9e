import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract.js';
import { BACKENDS, suiteServer, failure, ok, openClient, signIn, syncAll, team, ticketInput, viewOf, waitFor } from './helpers.js';

describe.each(BACKENDS)('sync convergence (%s)', (backend) => {
  const server = suiteServer(backend);

  it('three PCs that worked offline end with the same tickets, values and history', { timeout: 90_000 }, async () => {
    const t = team();
    const [ua, ub, uc] = [await server.user(t), await server.user(t), await server.user(t)];
    const [a, b, c] = [await openClient(), await openClient(), await openClient()];

    // Before anyone signs in: standalone work on every PC.
    const a1 = await ok(a, 'tickets:create', ticketInput({ subject: 'A1' }));
    const a2 = await ok(a, 'tickets:create', ticketInput({ subject: 'A2' }));
    const b1 = await ok(b, 'tickets:create', ticketInput({ subject: 'B1' }));
    const c1 = await ok(c, 'tickets:create', ticketInput({ subject: 'C1' }));
    await ok(c, 'tickets:transition', { id: c1.ticket.id, to: 'in_progress' });

    await signIn(a, server, ua);
    await signIn(b, server, ub);
    await signIn(c, server, uc);
    await syncAll([a, b, c]);
    for (const core of [a, b, c]) expect(Object.keys((await viewOf(core)).tickets).sort()).toEqual([a1, a2, b1, c1].map((d) => d.ticket.id).sort());

    // The server goes away; everyone keeps working, on the same tickets too.
    await server.halt();
    await ok(a, 'tickets:update', { id: b1.ticket.id, changes: { subject: 'B1 reworded on A' } });
    await ok(b, 'tickets:update', { id: b1.ticket.id, changes: { severity: 'urgent' } });
    await ok(c, 'tickets:transition', { id: a1.ticket.id, to: 'waiting_customer' });
    await ok(a, 'tickets:update', { id: a2.ticket.id, changes: { product: 'LaserJet 1020' } });
    const c2 = await ok(c, 'tickets:create', ticketInput({ subject: 'C2 while offline' }));
    const offline = await failure(a, 'sync:now', {});
    expect(offline.code).toBe('SYNC_OFFLINE');
    expect((await ok(a, 'sync:status', {})).pending).toBe(2);

    // Back on the same store and port: the tokens are still valid.
    await server.start();
    await syncAll([a, b, c]);

    const views = await Promise.all([a, b, c].map(viewOf));
    const fresh = await openClient();
    await signIn(fresh, server, await server.user(t));
    await ok(fresh, 'sync:now', {});
    views.push(await viewOf(fresh));
    for (const v of views.slice(1)) expect(v).toEqual(views[0]);
    const v = views[0]!;
    expect(Object.keys(v.tickets)).toHaveLength(5);
    // Disjoint fields written on two PCs both survive.
    expect(v.tickets[b1.ticket.id]).toMatchObject({ subject: 'B1 reworded on A', severity: 'urgent' });
    expect(v.tickets[a1.ticket.id]?.status).toBe('waiting_customer');
    expect(v.tickets[a2.ticket.id]?.product).toBe('LaserJet 1020');
    expect(v.tickets[c2.ticket.id]?.subject).toBe('C2 while offline');
    // Every history entry from every PC, exactly once; the actor is whoever was signed in.
    expect(v.history[b1.ticket.id]?.map((h) => h.action).sort()).toEqual(['created', 'updated', 'updated']);
    expect(v.history[b1.ticket.id]?.filter((h) => h.action === 'updated').map((h) => h.actorId).sort()).toEqual([ua, ub].sort());
    for (const core of [a, b, c]) expect(await ok(core, 'sync:status', {})).toMatchObject({ pending: 0, problems: 0, state: 'idle' });
  });

  it('shows a ticket created on A on B without B asking, through the live stream', { timeout: 30_000 }, async () => {
    const t = team();
    const a = await openClient({ autoStart: true });
    const b = await openClient({ autoStart: true });
    await signIn(a, server, await server.user(t));
    await signIn(b, server, await server.user(t));
    const seen: string[][] = [];
    b.onEvent((event, payload) => {
      const changed = payload as EventPayload<'tickets:changed'>;
      if (event === 'tickets:changed' && changed.origin === 'sync') seen.push(changed.ids);
    });
    await waitFor('B live', async () => (await ok(b, 'sync:status', {})).live);
    // B's first sync must be over: one still downloading when A pushes brings the ticket in bulk ("reload all", no ids), not through the stream.
    await waitFor('B synced once', async () => (await ok(b, 'sync:status', {})).lastSyncedAt !== null);
    await waitFor('A idle', async () => (await ok(a, 'sync:status', {})).state === 'idle');

    const started = Date.now();
    const d = await ok(a, 'tickets:create', ticketInput({ subject: '实时推送' }));
    const onB = await waitFor('the ticket on B', async () => (await ok(b, 'tickets:list', { q: '实时推送' })).items[0], 3_000);
    const took = Date.now() - started;
    expect(onB.id).toBe(d.ticket.id);
    expect(took).toBeLessThan(3_000);
    expect(seen.flat()).toContain(d.ticket.id);
    // A edit travels the same way, and A's queue is empty without anyone pressing "sync".
    await ok(a, 'tickets:update', { id: d.ticket.id, changes: { severity: 'high' } });
    await waitFor('the edit on B', async () => (await ok(b, 'tickets:get', { id: d.ticket.id })).ticket.severity === 'high', 3_000);
    await waitFor('A drained', async () => (await ok(a, 'sync:status', {})).pending === 0);
  });
});
