import { describe, expect, it } from 'vitest';
import type { LocalCore } from '../../../electron/core/index.js';
import { BACKENDS, suiteServer, failure, ok, openClient, signIn, syncAll, team, ticketInput, viewOf, type TestServer } from './helpers.js';

/** Two signed-in PCs of one team sharing one ticket. */
async function twoPcs(server: TestServer): Promise<{ a: LocalCore; b: LocalCore; id: string; ua: string; ub: string }> {
  const t = team();
  const [ua, ub] = [await server.user(t), await server.user(t)];
  const a = await openClient();
  const b = await openClient();
  await signIn(a, server, ua);
  await signIn(b, server, ub);
  const d = await ok(a, 'tickets:create', ticketInput({ subject: 'Shared ticket' }));
  await syncAll([a, b]);
  return { a, b, id: d.ticket.id, ua, ub };
}

describe.each(BACKENDS)('sync problems: conflicts and refusals (%s)', (backend) => {
  const server = suiteServer(backend);

  it('merges concurrent edits per field: disjoint fields both survive, the later write of one field wins and the loser gets a conflict', async () => {
    const { a, b, id } = await twoPcs(server);
    // Offline on both. A writes first (earlier clock), B later.
    await ok(a, 'tickets:update', { id, changes: { subject: 'Subject from A', product: 'Product from A' } });
    await new Promise((r) => setTimeout(r, 5));
    await ok(b, 'tickets:update', { id, changes: { subject: 'Subject from B', severity: 'high' } });
    // B reaches the server first; A's subject is older and loses there.
    await ok(b, 'sync:now', {});
    const roundA = await ok(a, 'sync:now', {});
    expect(roundA).toMatchObject({ pushed: 1, pending: 0, problems: 1 });
    await ok(b, 'sync:now', {});

    for (const core of [a, b]) {
      expect((await ok(core, 'tickets:get', { id })).ticket).toMatchObject({ subject: 'Subject from B', product: 'Product from A', severity: 'high' });
    }
    const [problem] = await ok(a, 'sync:problems', {});
    // updatedAt lost too (every edit writes it), but only the fields the agent typed are reported.
    expect(problem).toMatchObject({ kind: 'conflict', name: 'tickets:update', entity: 'ticket', entityId: id, lostFields: ['subject'] });
    // The problem keeps what A wrote, and the server's row at the time.
    expect(problem?.local.find((c) => c.entity === 'ticket')?.values).toMatchObject({ subject: 'Subject from A' });
    expect(problem?.server[0]?.values).toMatchObject({ subject: 'Subject from B' });
    expect(await ok(b, 'sync:problems', {})).toEqual([]);
    expect((await ok(a, 'sync:status', {})).problems).toBe(1);

    // Retry: A's value again, as a new write that now wins everywhere, with its history.
    const status = await ok(a, 'sync:resolve', { id: problem!.id, action: 'retry' });
    expect(status).toMatchObject({ problems: 0, pending: 1 });
    const local = await ok(a, 'tickets:get', { id });
    expect(local.ticket.subject).toBe('Subject from A');
    expect(local.history.at(-1)?.changes).toMatchObject({ subject: { from: 'Subject from B', to: 'Subject from A' } });
    await syncAll([a, b]);
    expect((await ok(b, 'tickets:get', { id })).ticket.subject).toBe('Subject from A');
    expect(await viewOf(a)).toEqual(await viewOf(b));
  });

  it('refuses a transition another PC made illegal, shows the server status, keeps the local one in the problem, retries when legal and discards', async () => {
    const { a, b, id } = await twoPcs(server);
    await ok(a, 'tickets:transition', { id, to: 'resolved', resolution: 'Reinstalled the driver' });
    await syncAll([a, b]);
    // Offline: B closes it without confirmation; a moment later A sends it back to work.
    await ok(b, 'tickets:transition', { id, to: 'closed', note: 'Customer unreachable for a week' });
    await new Promise((r) => setTimeout(r, 5));
    await ok(a, 'tickets:transition', { id, to: 'in_progress', note: 'Customer says it still fails' });
    const historyBefore = (await ok(a, 'tickets:get', { id })).history.length;
    await ok(b, 'sync:now', {});
    const round = await ok(a, 'sync:now', {});
    expect(round).toMatchObject({ pending: 0, problems: 1 });

    const [problem] = await ok(a, 'sync:problems', {});
    expect(problem).toMatchObject({ kind: 'rejected', code: 'ILLEGAL_TRANSITION', name: 'tickets:transition', entityId: id });
    expect(problem?.local.find((c) => c.entity === 'ticket')?.values).toMatchObject({ status: 'in_progress' });
    // A shows the server's truth: closed, with B's entry and without its own refused one.
    const onA = await ok(a, 'tickets:get', { id });
    expect(onA.ticket.status).toBe('closed');
    expect(onA.history).toHaveLength(historyBefore);
    expect(onA.history.at(-1)?.note).toBe('Customer unreachable for a week');
    expect(await viewOf(a)).toEqual(await viewOf(b));

    // closed -> in_progress is still illegal: the problem stays, and says why.
    const again = await failure(a, 'sync:resolve', { id: problem!.id, action: 'retry' });
    expect(again.code).toBe('ILLEGAL_TRANSITION');
    expect((await ok(a, 'sync:problems', {}))[0]?.message).toMatch(/now closed.*cannot move from closed to in_progress/);

    // B reopens it; now A's retry is a legal transition from the current status.
    await ok(b, 'tickets:transition', { id, to: 'reopened', note: 'Customer called back' });
    await syncAll([a, b]);
    const status = await ok(a, 'sync:resolve', { id: problem!.id, action: 'retry' });
    expect(status.problems).toBe(0);
    await syncAll([a, b]);
    const final = await ok(b, 'tickets:get', { id });
    expect(final.ticket.status).toBe('in_progress');
    expect(final.history.at(-1)).toMatchObject({ action: 'transition', note: 'Customer says it still fails', changes: { status: { from: 'reopened', to: 'in_progress' } } });
    expect(await viewOf(a)).toEqual(await viewOf(b));

    // Another refusal, discarded this time: the server value stands.
    await ok(b, 'tickets:transition', { id, to: 'resolved', resolution: 'Replaced the cable' });
    await new Promise((r) => setTimeout(r, 5));
    await ok(a, 'tickets:transition', { id, to: 'waiting_customer' });
    await ok(b, 'sync:now', {});
    expect(await ok(a, 'sync:now', {})).toMatchObject({ problems: 1 });
    const [refused] = await ok(a, 'sync:problems', {});
    expect(refused).toMatchObject({ kind: 'rejected', code: 'ILLEGAL_TRANSITION' });
    expect((await ok(a, 'tickets:get', { id })).ticket.status).toBe('resolved');
    expect(await ok(a, 'sync:resolve', { id: refused!.id, action: 'discard' })).toMatchObject({ problems: 0, pending: 0 });
    expect(await ok(a, 'sync:problems', {})).toEqual([]);
    expect((await failure(a, 'sync:resolve', { id: problem!.id, action: 'discard' })).code).toBe('SYNC_PROBLEM_NOT_FOUND');
    await syncAll([a, b]);
    expect((await ok(a, 'tickets:get', { id })).ticket.status).toBe('resolved');
    expect(await viewOf(a)).toEqual(await viewOf(b));
  });
});
