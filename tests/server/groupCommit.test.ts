import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, PullResponse, SessionUser } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';

/*
 * Concurrent pushes are applied in group commits (server/push.ts PushQueue):
 * many requests in one transaction. Each must still behave as if applied on
 * its own: exactly once, its own answer, seq in commit order, a failing
 * request never failing the others.
 */

describe.each(ENGINES)('group commit of concurrent pushes on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let admin: Api;
  const T0 = Date.now() - 60_000;

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'gc-agent', role: 'agent', team: 'north' });
    admin = await userApi(ctx.server, { username: 'gc-admin', role: 'admin' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function all(api: Api = admin): Promise<PullResponse['rows']> {
    return (await api.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
  }

  it('applies many concurrent requests once each, with distinct seqs in commit order', async () => {
    const n = 40;
    const ids = Array.from({ length: n }, () => uniq('c'));
    const replies = await Promise.all(
      ids.map((id, i) => agent.push(`gc${i}`, [mutation([{ entity: 'customer', id, values: customerValues(`C ${i}`) }], hlc(T0 + i, `gc${i}`), 'customers:create', 1)])),
    );
    const seqs = replies.map((r) => {
      expect(r.status).toBe(200);
      const res = r.body.results[0] as Extract<MutationResult, { status: 'applied' }>;
      expect(res.status).toBe('applied');
      expect(r.body.seq).toBeGreaterThanOrEqual(res.seq);
      return res.seq;
    });
    expect(new Set(seqs).size).toBe(n);
    const rows = await all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, id] of ids.entries()) expect(byId.get(id)?.seq).toBe(seqs[i]);
    // Replayed concurrently, every one is a duplicate and nothing is written again.
    const again = await Promise.all(
      ids.map((id, i) => agent.push(`gc${i}`, [mutation([{ entity: 'customer', id, values: customerValues(`C ${i}`) }], hlc(T0 + i, `gc${i}`), 'customers:create', 1)])),
    );
    for (const r of again) expect(r.body.results).toEqual([{ mutationId: 1, status: 'duplicate' }]);
    expect((await all()).length).toBe(rows.length);
  });

  it('answers the same mutation sent twice at once with applied and duplicate, written once', async () => {
    const id = uniq('c');
    const m = mutation([{ entity: 'customer', id, values: customerValues() }], hlc(T0, 'gcdup'), 'customers:create');
    const before = (await all()).length;
    const [a, b] = await Promise.all([agent.push('gcdup', [m]), agent.push('gcdup', [m])]);
    const statuses = [a?.body.results[0]?.status, b?.body.results[0]?.status].sort();
    expect(statuses).toEqual(['applied', 'duplicate']);
    expect((await all()).length).toBe(before + 1);
  });

  it('merges concurrent writes to one row field by field, whichever request commits first', async () => {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const created = await agent.push('gcT', [
      mutation(
        [
          { entity: 'customer', id: customerId, values: customerValues() },
          { entity: 'ticket', id: ticketId, values: ticketValues(customerId) },
        ],
        hlc(T0, 'gcT'),
        'tickets:create',
      ),
    ]);
    expect(created.body.results[0]?.status).toBe('applied');
    const writers = Array.from({ length: 12 }, (_, i) => i);
    await Promise.all(
      writers.map((i) => agent.push(`gcw${i}`, [mutation([{ entity: 'ticket', id: ticketId, values: { subject: `Subject ${i}`, product: `P${i}` } }], hlc(T0 + 1000 + i, `gcw${i}`))])),
    );
    const row = (await all()).find((r) => r.id === ticketId);
    expect(row?.values.subject).toBe('Subject 11');
    expect(row?.values.product).toBe('P11');
  });

  // A request that fails on a database error, and the group's rollback: pushFaults.test.ts (errors injected under the real code).
  it('keeps a rejected request from failing the others in its group', async () => {
    const good = Array.from({ length: 10 }, () => uniq('c'));
    const poisoned = uniq('c');
    const future = hlc(Date.now() + 24 * 60 * 60_000, 'gcbad');
    const replies = await Promise.all([
      ...good.map((id, i) => agent.push(`gcg${i}`, [mutation([{ entity: 'customer', id, values: customerValues() }], hlc(T0 + i, `gcg${i}`), 'customers:create')])),
      agent.push('gcbad', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], future, 'customers:create')]),
      // A NUL character cannot be stored: the entity's schema refuses the mutation (the database never sees it), in the middle of a group.
      agent.push('gcnul', [mutation([{ entity: 'customer', id: poisoned, values: customerValues('Bad\u0000name') }], hlc(T0, 'gcnul'), 'customers:create')]),
    ]);
    for (const r of replies.slice(0, good.length)) expect(r.body.results[0]?.status).toBe('applied');
    expect(replies[good.length]?.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CLOCK_AHEAD' } });
    expect(replies[good.length + 1]?.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const ids = new Set((await all()).map((r) => r.id));
    for (const id of good) expect(ids.has(id)).toBe(true);
    expect(ids.has(poisoned)).toBe(false);
  });

  it('applies a large request over several groups, in order, while small ones get through', async () => {
    const big = Array.from({ length: 30 }, (_, i) =>
      mutation(
        Array.from({ length: 100 }, () => ({ entity: 'customer' as const, id: uniq('cb'), values: customerValues() })),
        hlc(T0 + i, 'gcbig'),
        'customers:import',
      ),
    );
    const [large, ...small] = await Promise.all([
      agent.push('gcbig', big),
      ...Array.from({ length: 5 }, (_, i) => agent.push(`gcs${i}`, [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0 + i, `gcs${i}`), 'customers:create')])),
    ]);
    expect(large?.status).toBe(200);
    const seqs = (large?.body.results ?? []).map((r) => (r.status === 'applied' ? r.seq : -1));
    expect(seqs).toHaveLength(30);
    expect(seqs.every((q, i) => i === 0 || q > (seqs[i - 1] as number))).toBe(true);
    expect(large?.body.seq).toBe(seqs[29]);
    for (const r of small) expect(r.body.results[0]?.status).toBe('applied');
    const ids = new Set((await all()).map((r) => r.id));
    for (const m of big) for (const c of m.args.changes) expect(ids.has(c.id)).toBe(true);
  });

  it('applies a change of role or team to a signed-in session at once, despite the session cache', async () => {
    const api = await userApi(ctx.server, { username: uniq('gcu'), role: 'agent', team: 'north' });
    const me = await api.get<SessionUser>('/auth/me');
    expect(me.body.team).toBe('north');
    const patched = await admin.call('PATCH', `/users/${me.body.id}`, { team: 'south', role: 'senior' });
    expect(patched.status).toBe(200);
    expect((await api.get<SessionUser>('/auth/me')).body).toMatchObject({ team: 'south', role: 'senior' });
    expect((await api.post('/auth/logout')).status).toBe(200);
    expect((await api.get('/auth/me')).status).toBe(401);
  });
});
