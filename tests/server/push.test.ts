import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES, type ErrorBody, type MutationResult, type PullResponse } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, historyValues, hlc, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';

type Conflict = Extract<MutationResult, { status: 'conflict' }>;
type Rejected = Extract<MutationResult, { status: 'rejected' }>;

describe.each(ENGINES)('push on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let admin: Api;
  const T0 = Date.now() - 60_000;

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'agent1', role: 'agent', team: 'north' });
    admin = await userApi(ctx.server, { username: 'admin1', role: 'admin' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function rows(api: Api = admin): Promise<PullResponse['rows']> {
    return (await api.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
  }

  async function newTicket(client: string): Promise<{ customerId: string; ticketId: string }> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await agent.push(client, [
      mutation(
        [
          { entity: 'customer', id: customerId, values: customerValues() },
          { entity: 'ticket', id: ticketId, values: ticketValues(customerId) },
        ],
        hlc(T0, client),
        'tickets:create',
      ),
    ]);
    expect(r.body.results[0]?.status).toBe('applied');
    return { customerId, ticketId };
  }

  it('applies a mutation in one go, gives each row a seq, and answers a replayed batch with duplicate', async () => {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const batch = [
      mutation([{ entity: 'customer', id: customerId, values: customerValues() }], hlc(T0, 'cliA'), 'customers:create'),
      mutation(
        [
          { entity: 'ticket', id: ticketId, values: ticketValues(customerId) },
          { entity: 'ticket_history', id: uniq('h'), values: historyValues(ticketId, hlc(T0 + 1, 'cliA')) },
        ],
        hlc(T0 + 1, 'cliA'),
        'tickets:create',
      ),
    ];
    const first = await agent.push('cliA', batch);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const seqs = first.body.results.map((r) => (r.status === 'applied' ? r.seq : -1));
    expect(seqs[1]).toBeGreaterThan(seqs[0] as number);
    expect(first.body.seq).toBe(seqs[1]);
    const before = await rows();

    const replay = await agent.push('cliA', batch);
    expect(replay.body.results).toEqual(batch.map((m) => ({ mutationId: m.mutationId, status: 'duplicate' })));
    expect(await rows()).toEqual(before);
    const mine = before.filter((r) => [customerId, ticketId].includes(r.id));
    expect(mine.map((r) => r.fieldHlc)).toEqual([{ '*': hlc(T0, 'cliA') }, { '*': hlc(T0 + 1, 'cliA') }]);
  });

  it('merges per field: an older clock loses, a newer one wins, disjoint fields both survive', async () => {
    const { ticketId } = await newTicket('cliB');
    // B edits subject late; C edits subject earlier and severity; D edits product later still.
    const b = await agent.push('cliB', [mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'from B' } }], hlc(T0 + 3000, 'cliB'))]);
    expect(b.body.results[0]?.status).toBe('applied');
    const c = await agent.push('cliC', [mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'from C', severity: 'urgent' } }], hlc(T0 + 2000, 'cliC'))]);
    const conflict = c.body.results[0] as Conflict;
    expect(conflict.status).toBe('conflict');
    expect(conflict.lost).toEqual([{ entity: 'ticket', id: ticketId, fields: ['subject'] }]);
    expect(conflict.seq).toBeGreaterThan(0);
    expect(conflict.current).toHaveLength(1);
    expect(conflict.current[0]?.values).toMatchObject({ subject: 'from B', severity: 'urgent' });
    expect(conflict.current[0]?.fieldHlc).toMatchObject({ '*': hlc(T0, 'cliB'), subject: hlc(T0 + 3000, 'cliB'), severity: hlc(T0 + 2000, 'cliC') });
    const d = await agent.push('cliD', [mutation([{ entity: 'ticket', id: ticketId, values: { product: 'LaserJet', subject: 'from D' } }], hlc(T0 + 4000, 'cliD'))]);
    expect(d.body.results[0]?.status).toBe('applied');
    const row = (await rows()).find((r) => r.id === ticketId);
    expect(row?.values).toMatchObject({ subject: 'from D', severity: 'urgent', product: 'LaserJet', description: 'The printer on floor 2 shows offline' });
  });

  it('answers conflict with seq null when every field lost, and writes nothing', async () => {
    const { ticketId } = await newTicket('cliE');
    await agent.push('cliE', [mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'newest' } }], hlc(T0 + 9000, 'cliE'))]);
    const before = (await rows()).find((r) => r.id === ticketId);
    const r = await agent.push('cliF', [mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'stale' } }], hlc(T0 + 5, 'cliF'))]);
    expect(r.body.results[0]).toMatchObject({ status: 'conflict', seq: null, lost: [{ entity: 'ticket', id: ticketId, fields: ['subject'] }] });
    expect((await rows()).find((x) => x.id === ticketId)).toEqual(before);
  });

  it('rejects an illegal status transition, applying nothing of the mutation, and says so again on replay', async () => {
    const { ticketId } = await newTicket('cliG');
    const m = mutation(
      [
        { entity: 'ticket', id: ticketId, values: { status: 'closed', subject: 'should not stick' } },
        { entity: 'ticket_history', id: uniq('h'), values: historyValues(ticketId, hlc(T0 + 100, 'cliG')) },
      ],
      hlc(T0 + 100, 'cliG'),
      'tickets:transition',
    );
    const before = await rows();
    const r = await agent.push('cliG', [m]);
    const rejected = r.body.results[0] as Rejected;
    expect(rejected.status).toBe('rejected');
    expect(rejected.error).toEqual({ code: 'ILLEGAL_TRANSITION', message: 'The ticket is now new on the server; it cannot move from new to closed' });
    expect(rejected.current.map((x) => [x.id, x.values.status, x.values.subject])).toEqual([[ticketId, 'new', 'Printer offline']]);
    expect(await rows()).toEqual(before);
    const replay = await agent.push('cliG', [m]);
    expect(replay.body.results[0]).toEqual(rejected);
    // a legal move goes through
    const ok = await agent.push('cliG', [mutation([{ entity: 'ticket', id: ticketId, values: { status: 'in_progress' } }], hlc(T0 + 200, 'cliG'))]);
    expect(ok.body.results[0]?.status).toBe('applied');
  });

  it('rejects invalid values naming entity, id and field, with nothing applied', async () => {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const before = await rows();
    const r = await agent.push('cliH', [
      mutation(
        [
          { entity: 'customer', id: customerId, values: customerValues() },
          { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { severity: 'apocalyptic' }) },
        ],
        hlc(T0, 'cliH'),
      ),
      mutation([{ entity: 'customer', id: customerId, values: { nickname: 'x' } }], hlc(T0 + 1, 'cliH')),
      mutation([{ entity: 'ticket', id: uniq('t'), values: { subject: 'only a subject' } }], hlc(T0 + 2, 'cliH')),
      mutation([{ entity: 'customer_phone', id: `${customerId}|1|`, values: { customerId, raw: '1', key: '1', ext: '', addedAt: '2026-01-01T00:00:00.000Z' } }], hlc(T0 + 3, 'cliH')),
      mutation([{ entity: 'customer', id: uniq('c'), values: { ...customerValues(), createdAt: '2026-01-01' } }], hlc(T0 + 4, 'cliH')),
    ]);
    const [a, b, c, d, e] = r.body.results as Rejected[];
    expect(a?.error.code).toBe('VALIDATION_FAILED');
    expect(a?.error.message).toMatch(new RegExp(`^Invalid ticket ${ticketId}: severity: `));
    expect(b?.error).toEqual({ code: 'VALIDATION_FAILED', message: `Invalid customer ${customerId}: unknown field nickname` });
    // A partial change to a row the server does not have (or the user may not see) cannot create it.
    expect(c?.error).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/^ticket t_\w+ does not exist on the server or is not visible to you/) });
    expect(d?.error.code).toBe('NOT_FOUND');
    expect(d?.error.message).toMatch(`its customer ${customerId} does not exist on the server or is not visible to you`);
    // Timestamps are ISO 8601 date-times with their zone.
    expect(e?.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/createdAt: An ISO 8601 date and time/) });
    expect(await rows()).toEqual(before);
  });

  it('checks that a derived id matches its values', async () => {
    const { customerId } = await newTicket('cliI');
    const r = await agent.push('cliI', [
      mutation([{ entity: 'customer_phone', id: `${customerId}|999|`, values: { customerId, raw: '123', key: '123', ext: '', addedAt: '2026-01-01T00:00:00.000Z' } }], hlc(T0 + 1, 'cliI')),
    ]);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(`its id must be ${customerId}|123|`) } });
  });

  it('refuses a clock far in the future', async () => {
    const r = await agent.push('cliJ', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(Date.now() + 3600_000, 'cliJ'))]);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CLOCK_AHEAD' } });
  });

  it('answers malformed requests 400 with the offending fields and applies nothing', async () => {
    const before = await rows();
    const good = mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0, 'cliK'));
    const unknownEntity = await agent.push('cliK', [good, mutation([{ entity: 'spaceship' as 'customer', id: 'x', values: {} }], hlc(T0, 'cliK'))]);
    expect(unknownEntity.status).toBe(400);
    const err = (unknownEntity.body as unknown as ErrorBody).error;
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/^Invalid push request: mutations\.1\.args\.changes\.0\.entity: /);
    expect(err.fields?.[0]?.path).toBe('mutations.1.args.changes.0.entity');

    const noJson = await agent.call<ErrorBody>('POST', '/sync/push', '{"clientId":', { 'content-type': 'application/json' });
    expect(noJson.status).toBe(400);
    expect(noJson.body.error.message).toMatch(/not valid JSON/);
    const badHlc = await agent.post<ErrorBody>('/sync/push', { clientId: 'cliK', mutations: [{ ...good, hlc: 'yesterday' }] });
    expect(badHlc.body.error.fields?.map((f) => f.path)).toEqual(['mutations.0.hlc']);
    const extra = await agent.post<ErrorBody>('/sync/push', { clientId: 'cliK', mutations: [good], sneaky: true });
    expect(extra.status).toBe(400);
    const empty = await agent.post<ErrorBody>('/sync/push', { clientId: 'cliK', mutations: [] });
    expect(empty.status).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it('answers an oversized body 413 PAYLOAD_TOO_LARGE and applies nothing', async () => {
    const before = await rows();
    const big = 'x'.repeat(19_000);
    const mutations = Array.from({ length: 240 }, (_, i) =>
      mutation([{ entity: 'ticket', id: uniq('t'), values: ticketValues('c', { description: big }) }], hlc(T0 + i, 'cliL')),
    );
    const body = JSON.stringify({ clientId: 'cliL', mutations });
    expect(body.length).toBeGreaterThan(MAX_PUSH_BYTES);
    const r = await agent.call<ErrorBody>('POST', '/sync/push', body, { 'content-type': 'application/json' });
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than ${MAX_PUSH_BYTES} bytes, the limit of POST /sync/push: send fewer mutations per request`,
    });
    expect(await rows()).toEqual(before);
  });

  it('keeps an agent out of another team\u2019s rows', async () => {
    const south = await userApi(ctx.server, { username: 'south1', role: 'agent', team: 'south' });
    const { customerId, ticketId } = await newTicket('cliM');
    const r = await south.push('cliS', [
      mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'hijack' } }], hlc(T0 + 99_000, 'cliS')),
      mutation([{ entity: 'customer_phone', id: `${customerId}|555|`, values: { customerId, raw: '555', key: '555', ext: '', addedAt: '2026-01-05T09:00:00.000Z' } }], hlc(T0 + 99_001, 'cliS')),
      mutation([{ entity: 'ticket_history', id: uniq('h'), values: historyValues(ticketId, hlc(T0 + 99_002, 'cliS')) }], hlc(T0 + 99_002, 'cliS')),
    ]);
    const [a, b, c] = r.body.results as Rejected[];
    // Answered as for a row that does not exist: no telling whether another team has it.
    expect(a?.error).toEqual({ code: 'NOT_FOUND', message: `ticket ${ticketId} does not exist on the server or is not visible to you (a new ticket carries all its fields)` });
    expect(a?.current).toEqual([]);
    expect(b?.error.code).toBe('NOT_FOUND');
    expect(c?.error.code).toBe('NOT_FOUND');
    expect((await rows()).find((x) => x.id === ticketId)?.values.subject).toBe('Printer offline');
  });

  it('gives an agent\u2019s rows their team and child records their parent\u2019s team; admins place rows by values.team', async () => {
    const { ticketId } = await newTicket('cliN');
    const south = await userApi(ctx.server, { username: 'south2', role: 'supervisor', team: 'south' });
    const seen = async (api: Api) => (await rows(api)).map((r) => r.id);
    expect(await seen(south)).not.toContain(ticketId);
    const h = uniq('h');
    await admin.push('cliAdmin', [mutation([{ entity: 'ticket_history', id: h, values: historyValues(ticketId, hlc(T0 + 1, 'cliAdmin')) }], hlc(T0 + 1, 'cliAdmin'))]);
    expect(await seen(agent)).toContain(h);
    const t = uniq('t');
    const c = uniq('c');
    await admin.push('cliAdmin', [
      mutation(
        [
          { entity: 'customer', id: c, values: customerValues() },
          { entity: 'ticket', id: t, values: ticketValues(c, { team: 'south' }) },
        ],
        hlc(T0 + 2, 'cliAdmin'),
      ),
    ]);
    expect(await seen(south)).toContain(t);
    expect(await seen(south)).not.toContain(c);
    expect(await seen(agent)).not.toContain(t);
  });

  it('stays consistent under concurrent pushes to one row, and applies a mutation sent twice at once only once', async () => {
    const { ticketId } = await newTicket('cliR0');
    const writers = Array.from({ length: 12 }, (_, i) => i);
    const replies = await Promise.all(
      writers.map((i) => agent.push(`cliR${i + 1}`, [mutation([{ entity: 'ticket', id: ticketId, values: { subject: `writer ${i}`, product: `p${i}` } }], hlc(T0 + 50_000 + ((i * 7) % 12), `cliR${i + 1}`))])),
    );
    expect(replies.map((r) => r.status)).toEqual(writers.map(() => 200));
    const row = (await rows()).find((r) => r.id === ticketId);
    // the newest clock wins every field, whatever order the pushes ran in
    const newest = writers.reduce((best, i) => ((i * 7) % 12 > (best * 7) % 12 ? i : best), 0);
    expect(row?.values).toMatchObject({ subject: `writer ${newest}`, product: `p${newest}` });

    const c = uniq('c');
    const m = mutation([{ entity: 'customer', id: c, values: customerValues() }], hlc(T0, 'cliTwice'));
    const both = await Promise.all([agent.push('cliTwice', [m]), agent.push('cliTwice', [m]), agent.push('cliTwice', [m])]);
    expect(both.map((r) => r.body.results[0]?.status).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await rows()).filter((r) => r.id === c)).toHaveLength(1);
  });

  it('refuses to sync for a non-admin without a team', async () => {
    const loner = await userApi(ctx.server, { username: 'loner', role: 'agent' });
    const r = await loner.push('cliO', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues() }], hlc(T0, 'cliO'))]);
    expect(r.status).toBe(403);
    expect((r.body as unknown as ErrorBody).error.message).toMatch(/belongs to no team/);
    expect((await loner.get('/sync/pull')).status).toBe(403);
  });
});
