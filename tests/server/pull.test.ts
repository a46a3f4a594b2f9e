import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/audit.js';
import { BULK_PAGE } from '../../server/rows.js';
import { BulkEndSchema, PulledRowSchema, PullResponseSchema, type ErrorBody, type PulledRow, type PullResponse } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, mutation, serve, uniq, userApi } from './helpers.js';

const T0 = Date.now() - 60_000;

async function pushCustomers(api: Api, client: string, count: number, perMutation = 200): Promise<string[]> {
  const ids: string[] = [];
  const mutations = [];
  for (let i = 0; i < count; i += perMutation) {
    const changes = Array.from({ length: Math.min(perMutation, count - i) }, () => {
      const id = uniq('c');
      ids.push(id);
      return { entity: 'customer' as const, id, values: customerValues(`Customer ${id}`) };
    });
    mutations.push(mutation(changes, hlc(T0 + i, client)));
  }
  for (let i = 0; i < mutations.length; i += 500) {
    const r = await api.push(client, mutations.slice(i, i + 500));
    expect(r.body.results.every((x) => x.status === 'applied')).toBe(true);
  }
  return ids;
}

async function pullAll(api: Api, cursor: number, limit: number): Promise<{ rows: PulledRow[]; cursor: number; pages: number }> {
  const rows: PulledRow[] = [];
  let pages = 0;
  for (;;) {
    const r = await api.get<PullResponse>(`/sync/pull?cursor=${cursor}&limit=${limit}`);
    expect(r.status).toBe(200);
    const page = PullResponseSchema.parse(r.body);
    pages++;
    rows.push(...page.rows);
    cursor = page.cursor;
    if (!page.more) return { rows, cursor, pages };
  }
}

async function bulk(api: Api, cursor = 0): Promise<{ rows: PulledRow[]; end: { cursor: number; rows: number }; contentType: string | null }> {
  const r = await api.get<string>(`/sync/bulk?cursor=${cursor}`);
  expect(r.status).toBe(200);
  const lines = r.text.trimEnd().split('\n');
  const end = BulkEndSchema.parse(JSON.parse(lines.pop() as string));
  return { rows: lines.map((l) => PulledRowSchema.parse(JSON.parse(l))), end, contentType: r.headers.get('content-type') };
}

describe.each(ENGINES)('pull and bulk on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let north: Api;
  let south: Api;
  let admin: Api;
  let northIds: string[];
  let southIds: string[];

  beforeAll(async () => {
    ctx = await serve(engine);
    north = await userApi(ctx.server, { username: 'n1', role: 'senior', team: 'north' });
    south = await userApi(ctx.server, { username: 's1', role: 'agent', team: 'south' });
    admin = await userApi(ctx.server, { username: 'a1', role: 'admin' });
    northIds = await pushCustomers(north, 'cliN', 25, 4);
    southIds = await pushCustomers(south, 'cliS', 7, 3);
  }, 60_000);
  afterAll(async () => ctx?.stop());

  it('pages through every visible row in seq order with the cursor', async () => {
    const all = await pullAll(north, 0, 4);
    expect(all.pages).toBe(7);
    expect(all.rows.map((r) => r.id)).toEqual(northIds);
    const seqs = all.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.cursor).toBe(seqs[seqs.length - 1]);
    const again = await north.get<PullResponse>(`/sync/pull?cursor=${all.cursor}`);
    expect(again.body).toEqual({ rows: [], cursor: all.cursor, more: false });
  });

  it('delivers a changed row again after the cursor, with its merged values', async () => {
    const start = (await pullAll(north, 0, 1000)).cursor;
    const id = northIds[3] as string;
    await north.push('cliN', [mutation([{ entity: 'customer', id, values: { address: '1 Main St' } }], hlc(T0 + 10_000, 'cliN'))]);
    const next = await pullAll(north, start, 1000);
    expect(next.rows).toHaveLength(1);
    expect(next.rows[0]).toMatchObject({ id, values: { address: '1 Main St', name: `Customer ${id}` }, fieldHlc: { address: hlc(T0 + 10_000, 'cliN') } });
    expect(next.rows[0]?.seq).toBeGreaterThan(start);
  });

  it('shows each team only its own rows and admins everything', async () => {
    const n = (await pullAll(north, 0, 5000)).rows.map((r) => r.id);
    const s = (await pullAll(south, 0, 5000)).rows.map((r) => r.id);
    const a = (await pullAll(admin, 0, 5000)).rows.map((r) => r.id);
    expect(new Set(n)).toEqual(new Set(northIds));
    expect(s).toEqual(southIds);
    expect(new Set(a)).toEqual(new Set([...northIds, ...southIds]));
  });

  it('validates the pull query', async () => {
    for (const q of ['limit=0', 'limit=5001', 'cursor=-1', 'cursor=abc', 'since=3']) {
      const r = await north.get<ErrorBody>(`/sync/pull?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.message).toMatch(/^Invalid pull query: /);
    }
  });

  it('streams the bulk NDJSON across pages, ends with a BulkEnd line, and is audited', async () => {
    const extra = await pushCustomers(admin, 'cliBulk', BULK_PAGE * 2 + 123);
    const all = await bulk(admin);
    expect(all.contentType).toMatch(/^application\/x-ndjson/);
    expect(all.rows).toHaveLength(northIds.length + southIds.length + extra.length);
    expect(all.end).toEqual({ end: true, cursor: all.rows[all.rows.length - 1]?.seq, rows: all.rows.length });
    const seqs = all.rows.map((r) => r.seq);
    expect(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] as number))).toBe(true);
    expect(all.rows.slice(-extra.length).map((r) => r.id)).toEqual(extra);

    const fromMiddle = await bulk(admin, seqs[100] as number);
    expect(fromMiddle.rows.map((r) => r.seq)).toEqual(seqs.slice(101));

    const southOnly = await bulk(south);
    expect(southOnly.rows.map((r) => r.id)).toEqual(southIds);

    const audit = await admin.get<{ entries: AuditEntry[] }>('/audit?limit=10');
    const bulks = audit.body.entries.filter((e) => e.action === 'sync.bulk');
    expect(bulks.map((e) => e.detail.rows)).toEqual([southIds.length, fromMiddle.rows.length, all.rows.length]);
    expect(bulks.every((e) => e.detail.complete === true)).toBe(true);
  }, 60_000);
});
