import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkEndSchema, type MutationResult, type PulledRow, type PullResponse } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';

/*
 * Global-scope entities (the knowledge base): rows of no team, seen by every
 * user allowed to sync, narrowed by the entity's `visible` rule (drafts: their
 * author and reviewers) and written subject to its `check` (role-aware).
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = '2026-01-05T09:00:00.000Z';

function articleValues(authorId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Printer shows offline',
    body: 'Power-cycle the printer, then re-add it.',
    product: null,
    category: 'printing',
    tags: '["printer","offline"]',
    status: 'draft',
    authorId,
    createdAt: TS,
    updatedAt: TS,
    publishedAt: null,
    sourceTicketId: null,
    ...over,
  };
}

function versionValues(articleId: string, editorId: string, at: string, status = 'draft'): Record<string, unknown> {
  return {
    articleId,
    title: 'Printer shows offline',
    body: 'Power-cycle the printer, then re-add it.',
    product: null,
    category: 'printing',
    tags: '["printer","offline"]',
    status,
    editorId,
    at: TS,
    note: null,
    changedFields: '["title"]',
    hlc: at,
  };
}

async function pullAll(api: Api, cursor = 0, limit = 5000): Promise<{ rows: PulledRow[]; cursor: number }> {
  const rows: PulledRow[] = [];
  for (;;) {
    const r = await api.get<PullResponse>(`/sync/pull?cursor=${cursor}&limit=${limit}`);
    expect(r.status).toBe(200);
    rows.push(...r.body.rows);
    cursor = r.body.cursor;
    if (!r.body.more) return { rows, cursor };
  }
}

async function bulkRows(api: Api): Promise<{ rows: PulledRow[]; cursor: number }> {
  const r = await api.get<string>('/sync/bulk?cursor=0');
  expect(r.status).toBe(200);
  const lines = r.text.trimEnd().split('\n');
  const end = BulkEndSchema.parse(JSON.parse(lines.pop() as string));
  const rows = lines.map((l) => JSON.parse(l) as PulledRow);
  expect(end.rows).toBe(rows.length);
  return { rows, cursor: end.cursor };
}

const ids = (rows: readonly PulledRow[], entity: string): string[] => rows.filter((r) => r.entity === entity).map((r) => r.id);

describe.each(ENGINES)('knowledge base (global scope) on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agentA: Api;
  let agentB: Api;
  let seniorA: Api;
  let supervisorB: Api;
  let admin: Api;
  const T0 = Date.now() - 60_000;
  let tick = 0;
  const at = (client: string): string => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agentA = await userApi(ctx.server, { username: 'agentA', role: 'agent', team: 'north' });
    agentB = await userApi(ctx.server, { username: 'agentB', role: 'agent', team: 'south' });
    seniorA = await userApi(ctx.server, { username: 'seniorA', role: 'senior', team: 'north' });
    supervisorB = await userApi(ctx.server, { username: 'supB', role: 'supervisor', team: 'south' });
    admin = await userApi(ctx.server, { username: 'adm', role: 'admin' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function draft(api: Api, client: string, author: string): Promise<{ articleId: string; versionId: string }> {
    const articleId = uniq('art');
    const versionId = uniq('ver');
    const h = at(client);
    const r = await api.push(client, [
      mutation(
        [
          { entity: 'article', id: articleId, values: articleValues(author) },
          { entity: 'article_version', id: versionId, values: versionValues(articleId, author, h) },
        ],
        h,
        'kb:create',
      ),
    ]);
    expect(r.body.results[0]).toMatchObject({ status: 'applied' });
    return { articleId, versionId };
  }

  it('shows a draft to its author and reviewers of any team, not to other agents, then everyone once published, with full values', async () => {
    const { articleId, versionId } = await draft(agentA, 'kbA1', 'agentA');
    const beforeB = await pullAll(agentB);
    expect(ids(beforeB.rows, 'article')).not.toContain(articleId);
    expect(ids(beforeB.rows, 'article_version')).not.toContain(versionId);
    // The cursor moved past the hidden rows: the client does not stick on them.
    const high = (await admin.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.cursor;
    expect(beforeB.cursor).toBe(high);
    expect((await bulkRows(agentB)).rows.map((r) => r.id)).not.toContain(articleId);
    expect((await bulkRows(agentB)).cursor).toBe(high);

    for (const api of [agentA, seniorA, supervisorB, admin]) {
      const { rows } = await pullAll(api);
      expect(ids(rows, 'article')).toContain(articleId);
      expect(ids(rows, 'article_version')).toContain(versionId);
    }
    expect(ids((await bulkRows(supervisorB)).rows, 'article')).toContain(articleId);

    // A senior of another team publishes it: agent B now gets it, from its old cursor, with every field.
    const h = at('kbS1');
    const pub = await seniorA.push('kbS1', [
      mutation(
        [
          { entity: 'article', id: articleId, values: { status: 'published', publishedAt: TS } },
          { entity: 'article_version', id: uniq('ver'), values: versionValues(articleId, 'seniorA', h, 'published') },
        ],
        h,
        'kb:publish',
      ),
    ]);
    expect(pub.body.results[0]).toMatchObject({ status: 'applied' });
    const afterB = await pullAll(agentB, beforeB.cursor);
    const got = afterB.rows.find((r) => r.entity === 'article' && r.id === articleId);
    expect(got?.values).toEqual(articleValues('agentA', { status: 'published', publishedAt: TS }));
    expect(got?.seq).toBeGreaterThan(beforeB.cursor);
    // The draft version stays the author's and reviewers'; the published one is everyone's.
    expect(ids(afterB.rows, 'article_version')).not.toContain(versionId);
    expect(afterB.rows.filter((r) => r.entity === 'article_version')).toHaveLength(1);
  });

  it('pages hidden rows away without stalling: small pages of only hidden rows still advance', async () => {
    const start = (await pullAll(agentB)).cursor;
    const hidden = [await draft(agentA, 'kbA2', 'agentA'), await draft(agentA, 'kbA2', 'agentA')];
    const r1 = await agentB.get<PullResponse>(`/sync/pull?cursor=${start}&limit=1`);
    expect(r1.body.rows).toEqual([]);
    expect(r1.body.cursor).toBeGreaterThan(start);
    expect(r1.body.more).toBe(true);
    const rest = await pullAll(agentB, r1.body.cursor, 1);
    expect(rest.rows.map((r) => r.id)).toEqual([]);
    expect(rest.cursor).toBe((await pullAll(admin)).cursor);
    expect(hidden).toHaveLength(2);
  });

  it('refuses agents publishing or editing others’ articles (FORBIDDEN, nothing applied), and lets reviewers', async () => {
    const { articleId } = await draft(agentA, 'kbA3', 'agentA');
    const before = await pullAll(admin);
    const stored = before.rows.find((r) => r.id === articleId) as PulledRow;

    // The author, an agent, cannot publish their own draft.
    const publish = await agentA.push('kbA3', [mutation([{ entity: 'article', id: articleId, values: { status: 'published', publishedAt: TS } }], at('kbA3'), 'kb:publish')]);
    const rej = publish.body.results[0] as Rejected;
    expect(rej.status).toBe('rejected');
    expect(rej.error.code).toBe('FORBIDDEN');
    expect(rej.current.map((c) => [c.id, c.values.status])).toEqual([[articleId, 'draft']]);

    // Another agent (another team) cannot edit it, and is not shown the draft it may not see: not even that it exists.
    const edit = await agentB.push('kbB3', [mutation([{ entity: 'article', id: articleId, values: { title: 'Mine now' } }], at('kbB3'), 'kb:update')]);
    const rejB = edit.body.results[0] as Rejected;
    expect(rejB.status).toBe('rejected');
    expect(rejB.error.code).toBe('NOT_FOUND');
    expect(rejB.current).toEqual([]);

    // Nor create an article in someone else's name, or a published one.
    const forged = await agentB.push('kbB3', [mutation([{ entity: 'article', id: uniq('art'), values: articleValues('agentA') }], at('kbB3'), 'kb:create')]);
    expect(forged.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    const direct = await agentB.push('kbB3', [mutation([{ entity: 'article', id: uniq('art'), values: articleValues('agentB', { status: 'published' }) }], at('kbB3'), 'kb:create')]);
    expect(direct.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });

    const after = await pullAll(admin, before.cursor);
    expect(after.rows).toEqual([]);
    expect((await pullAll(admin)).rows.find((r) => r.id === articleId)).toEqual(stored);

    // The author may still edit the draft; a supervisor of another team may publish and edit it.
    const own = await agentA.push('kbA3', [mutation([{ entity: 'article', id: articleId, values: { title: 'Printer offline: fix' } }], at('kbA3'), 'kb:update')]);
    expect(own.body.results[0]).toMatchObject({ status: 'applied' });
    const sup = await supervisorB.push('kbSB', [mutation([{ entity: 'article', id: articleId, values: { status: 'published', title: 'Reviewed' } }], at('kbSB'), 'kb:publish')]);
    expect(sup.body.results[0]).toMatchObject({ status: 'applied' });
    // Once published, the author (an agent) may no longer change it.
    const late = await agentA.push('kbA3', [mutation([{ entity: 'article', id: articleId, values: { title: 'Again' } }], at('kbA3'), 'kb:update')]);
    expect(late.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    expect((late.body.results[0] as Rejected).current.map((c) => [c.id, c.values.title, c.values.status])).toEqual([[articleId, 'Reviewed', 'published']]);
  });

  it('shares votes and uses pushed by users of different teams with everyone', async () => {
    const { articleId } = await draft(agentA, 'kbA4', 'agentA');
    expect((await seniorA.push('kbS4', [mutation([{ entity: 'article', id: articleId, values: { status: 'published' } }], at('kbS4'), 'kb:publish')])).body.results[0]).toMatchObject({
      status: 'applied',
    });
    const voteA = uniq('vote');
    const voteB = uniq('vote');
    const useB = uniq('use');
    const useS = uniq('use');
    const hA = at('kbA4');
    const hB = at('kbB4');
    const ra = await agentA.push('kbA4', [mutation([{ entity: 'article_vote', id: voteA, values: { articleId, voterId: 'agentA', vote: 'helpful', at: TS, hlc: hA } }], hA, 'kb:vote')]);
    const rb = await agentB.push('kbB4', [
      mutation(
        [
          { entity: 'article_vote', id: voteB, values: { articleId, voterId: 'agentB', vote: 'not_helpful', at: TS, hlc: hB } },
          { entity: 'article_use', id: useB, values: { articleId, ticketId: uniq('t'), actorId: 'agentB', at: TS } },
        ],
        hB,
        'kb:vote',
      ),
    ]);
    const rs = await supervisorB.push('kbSB4', [mutation([{ entity: 'article_use', id: useS, values: { articleId, ticketId: uniq('t'), actorId: 'supB', at: TS } }], at('kbSB4'), 'kb:use')]);
    for (const r of [ra, rb, rs]) expect(r.body.results[0]).toMatchObject({ status: 'applied' });
    for (const api of [agentA, agentB, seniorA, supervisorB, admin]) {
      const { rows } = await pullAll(api);
      expect(ids(rows, 'article_vote')).toEqual(expect.arrayContaining([voteA, voteB]));
      expect(ids(rows, 'article_use')).toEqual(expect.arrayContaining([useB, useS]));
      expect(ids(rows, 'article')).toContain(articleId);
    }
    // Stored with no team: global rows are nobody's team rows.
    const { rows } = await pullAll(agentB);
    expect(rows.filter((r) => r.entity.startsWith('article')).length).toBeGreaterThan(0);
  });

  it('refuses a vote on a draft its voter may not see', async () => {
    const { articleId } = await draft(agentA, 'kbA5', 'agentA');
    const h = at('kbB5');
    const r = await agentB.push('kbB5', [mutation([{ entity: 'article_vote', id: uniq('vote'), values: { articleId, voterId: 'agentB', vote: 'helpful', at: TS, hlc: h } }], h, 'kb:vote')]);
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    expect((r.body.results[0] as Rejected).current).toEqual([]);
  });

  it('keeps team-scoped tickets invisible across teams', async () => {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await agentA.push('kbA6', [
      mutation(
        [
          { entity: 'customer', id: customerId, values: customerValues() },
          { entity: 'ticket', id: ticketId, values: ticketValues(customerId) },
        ],
        at('kbA6'),
        'tickets:create',
      ),
    ]);
    expect(r.body.results[0]).toMatchObject({ status: 'applied' });
    expect(ids((await pullAll(agentB)).rows, 'ticket')).not.toContain(ticketId);
    expect(ids((await pullAll(supervisorB)).rows, 'ticket')).not.toContain(ticketId);
    expect(ids((await bulkRows(supervisorB)).rows, 'ticket')).not.toContain(ticketId);
    expect(ids((await pullAll(seniorA)).rows, 'ticket')).toContain(ticketId);
    const edit = await supervisorB.push('kbSB6', [mutation([{ entity: 'ticket', id: ticketId, values: { subject: 'x' } }], at('kbSB6'), 'tickets:update')]);
    expect(edit.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' }, current: [] });
  });
});
