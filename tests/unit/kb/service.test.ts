import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../../shared/kb/schema.js';
import type { Role } from '../../../shared/roles.js';
import { encodeHlc } from '../../../shared/hlc.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import { RowChangeSchema } from '../../../shared/sync/protocol.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents, tempDir, ticketInput } from '../core/helpers.js';
import { FakeServer } from '../sync/fakeServer.js';
import { findDemoArticles } from '../../../electron/core/kb/demo.js';
import { pathToFileURL } from 'node:url';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';


function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return { title: '无法连接 VPN', body: '## 解决方案\n\n重新导入证书。', product: 'EasyConnect', category: '网络', tags: ['VPN'], ...overrides };
}


/** A folder with bob's draft and a published article (written standalone, as admin), then signed in as `username` with `role`. */
async function signedIn(username: string, role: Role) {
  const fake = new FakeServer();
  Object.assign(fake.user, { username, role });
  const t = await openTestCore({ actorId: 'bob', tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: false } });
  const draft = await ok(t.core, 'kb:create', articleInput({ title: 'bob 的草稿', product: 'Secret' }));
  const published = await ok(t.core, 'kb:create', articleInput({ status: 'published' }));
  await ok(t.core, 'sync:login', { server: fake.url, username, password: fake.password });
  return { ...t, fake, draft, published };
}

describe('kb roles', () => {
  it('lets a signed-in agent write drafts of their own only, and hides others\' drafts', async () => {
    const { core, draft, published } = await signedIn('alice', 'agent');
    expect((await failure(core, 'kb:get', { id: draft.id })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await failure(core, 'kb:versions', { id: draft.id })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await failure(core, 'kb:update', { id: draft.id, changes: { body: 'x' } })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await ok(core, 'kb:get', { id: published.id })).status).toBe('published');
    const facets = await ok(core, 'kb:facets', {});
    expect(facets.products).toEqual([{ value: 'EasyConnect', count: 1 }]);

    const before = await footprint(core);
    // Nor can the draft be reached by linking it to a ticket.
    const linked = await failure(core, 'tickets:create', { ...ticketInput(), articleIds: [published.id, draft.id] });
    expect(linked).toMatchObject({ code: 'ARTICLE_NOT_FOUND', fields: [{ path: 'articleIds.1' }] });
    const publish = await failure(core, 'kb:create', articleInput({ status: 'published' }));
    expect(publish.code).toBe('FORBIDDEN');
    expect(publish.message).toMatch(/agent can only create drafts/);
    const edit = await failure(core, 'kb:update', { id: published.id, changes: { body: '改' } });
    expect(edit.code).toBe('FORBIDDEN');
    expect(edit.message).toMatch(/only edit drafts of their own/);
    expect((await failure(core, 'kb:transition', { id: published.id, to: 'retired' })).code).toBe('FORBIDDEN');
    expect(await footprint(core)).toEqual(before);

    const mine = await ok(core, 'kb:create', articleInput({ title: 'alice 的草稿' }));
    expect(mine.authorId).toBe('alice');
    expect((await ok(core, 'kb:update', { id: mine.id, changes: { body: '补充' } })).body).toBe('补充');
    const own = await failure(core, 'kb:transition', { id: mine.id, to: 'published' });
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toMatch(/reviewers/);
    expect((await ok(core, 'kb:vote', { id: published.id, helpful: true })).myVote).toBe('helpful');
  });

  it('lets a signed-in reviewer see, edit and publish anyone\'s draft', async () => {
    const { core, draft, published } = await signedIn('carol', 'senior');
    expect((await ok(core, 'kb:get', { id: draft.id })).authorId).toBe('bob');
    const edited = await ok(core, 'kb:update', { id: draft.id, changes: { title: '审核后的标题' }, note: '改标题' });
    expect(edited.title).toBe('审核后的标题');
    expect((await ok(core, 'kb:versions', { id: draft.id }))[1]?.editorId).toBe('carol');
    expect((await ok(core, 'kb:transition', { id: draft.id, to: 'published' })).status).toBe('published');
    expect((await ok(core, 'kb:update', { id: published.id, changes: { tags: ['VPN', '证书'] } })).tags).toEqual(['VPN', '证书']);
    expect((await ok(core, 'kb:facets', {})).products).toEqual([
      { value: 'EasyConnect', count: 1 },
      { value: 'Secret', count: 1 },
    ]);
  });
});

describe('kb:vote', () => {
  it('counts each voter\'s latest vote, and re-voting the same way writes nothing', async () => {
    const { core, dir } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput({ status: 'published' }));
    const v1 = await ok(core, 'kb:vote', { id: a.id, helpful: true });
    expect(v1).toMatchObject({ helpful: 1, notHelpful: 0, myVote: 'helpful' });
    const before = await footprint(core);
    const events = recordEvents(core);
    expect(await ok(core, 'kb:vote', { id: a.id, helpful: true })).toEqual(v1);
    expect(await footprint(core)).toEqual(before);
    expect(events).toEqual([]);
    expect(await ok(core, 'kb:vote', { id: a.id, helpful: false })).toMatchObject({ helpful: 0, notHelpful: 1, myVote: 'not_helpful' });
    expect((await failure(core, 'kb:vote', { id: 'nope', helpful: true })).code).toBe('ARTICLE_NOT_FOUND');
    const votes = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number; name: string; entity: string }>(r, "SELECT id, name, entity FROM outbox WHERE name = 'kb:vote' ORDER BY id"));
    expect(votes).toHaveLength(2);
    for (const row of votes) {
      expect(row.entity).toBe('article_vote');
      const [change] = (JSON.parse(row.args) as { changes: unknown[] }).changes.map((c) => RowChangeSchema.parse(c));
      expect(change?.entity).toBe('article_vote');
      ENTITIES.article_vote.schema.parse(change?.values);
    }
  });
});

describe('kb:use and tickets:create with articleIds', () => {
  it('links an article to a ticket once, counts the use, and lists the ticket\'s links', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput({ status: 'published' }));
    const t = await ok(core, 'tickets:create', ticketInput());
    const events = recordEvents(core);
    const links = await ok(core, 'kb:use', { articleId: a.id, ticketId: t.ticket.id });
    expect(links).toEqual([{ articleId: a.id, title: a.title, status: 'published', linkedAt: links[0]?.linkedAt, actorId: 'agent-7' }]);
    expect(events).toContainEqual({ event: 'kb:changed', payload: { ids: [a.id], origin: 'local' } });
    const before = await footprint(core);
    expect(await ok(core, 'kb:use', { articleId: a.id, ticketId: t.ticket.id })).toEqual(links);
    expect(await footprint(core)).toEqual(before);
    expect((await ok(core, 'kb:get', { id: a.id })).usageCount).toBe(1);
    expect(await ok(core, 'kb:forTicket', { ticketId: t.ticket.id })).toEqual(links);
    expect((await failure(core, 'kb:use', { articleId: 'nope', ticketId: t.ticket.id })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await failure(core, 'kb:use', { articleId: a.id, ticketId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('links articles in the ticket\'s own transaction, and saves nothing when one is unknown', async () => {
    const { core, dir } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput({ status: 'published' }));
    const b = await ok(core, 'kb:create', articleInput({ title: '另一篇', status: 'published' }));
    const before = await footprint(core);
    const err = await failure(core, 'tickets:create', ticketInput({ articleIds: [a.id, 'ghost'] }));
    expect(err.code).toBe('ARTICLE_NOT_FOUND');
    expect(err.fields?.[0]?.path).toBe('articleIds.1');
    expect(await footprint(core)).toEqual(before);

    const events = recordEvents(core);
    const t = await ok(core, 'tickets:create', ticketInput({ articleIds: [a.id, b.id, a.id] }));
    expect((await ok(core, 'kb:forTicket', { ticketId: t.ticket.id })).map((l) => l.articleId)).toEqual([a.id, b.id]);
    expect((await ok(core, 'kb:get', { id: a.id })).usageCount).toBe(1);
    expect(events).toContainEqual({ event: 'kb:changed', payload: { ids: [a.id, b.id], origin: 'local' } });
    const rows = await readRaw(core, dir, (r) => withQueuedArgs<{ id: number }>(r, "SELECT id FROM outbox WHERE name = 'tickets:create'"));
    const changes = (JSON.parse(rows[0]?.args ?? '{}') as { changes: unknown[] }).changes.map((c) => RowChangeSchema.parse(c));
    const uses = changes.filter((c) => c.entity === 'article_use');
    expect(uses).toHaveLength(2);
    for (const u of uses) expect(ENTITIES.article_use.schema.parse(u.values)).toMatchObject({ ticketId: t.ticket.id, actorId: 'agent-7' });
  });
});

describe('kb:draftFromTicket', () => {
  it('drafts an article from a resolved ticket without saving anything', async () => {
    const { core } = await openTestCore();
    await ok(core, 'kb:create', articleInput({ product: 'LaserJet', category: '打印机故障' }));
    await ok(core, 'kb:create', articleInput({ title: '2', product: 'LaserJet', category: '打印机故障' }));
    await ok(core, 'kb:create', articleInput({ title: '3', product: 'LaserJet', category: '其他' }));
    const t = await ok(core, 'tickets:create', ticketInput({ product: 'LaserJet', deviceModel: 'M404dn', stepsTaken: '重启打印机' }));
    expect((await failure(core, 'kb:draftFromTicket', { ticketId: t.ticket.id })).code).toBe('TICKET_NOT_RESOLVED');
    await ok(core, 'tickets:transition', { id: t.ticket.id, to: 'resolved', resolution: '以管理员身份重装驱动' });
    const before = await footprint(core);
    const draft = await ok(core, 'kb:draftFromTicket', { ticketId: t.ticket.id });
    expect(await footprint(core)).toEqual(before);
    expect(draft).toEqual({
      title: t.ticket.subject,
      body: `## 问题描述\n\n${t.ticket.description}\n\n## 已尝试的步骤\n\n重启打印机\n\n## 解决方案\n\n以管理员身份重装驱动`,
      product: 'LaserJet',
      category: '打印机故障',
      tags: ['LaserJet', 'M404dn'],
      status: 'draft',
      sourceTicketId: t.ticket.id,
    });
    const created = await ok(core, 'kb:create', draft);
    expect(created.sourceTicketId).toBe(t.ticket.id);
  });

  it('falls back to a category for the ticket\'s kind, and leaves out steps nobody took', async () => {
    const { core } = await openTestCore();
    const t = await ok(core, 'tickets:create', ticketInput({ category: 'consult' }));
    await ok(core, 'tickets:transition', { id: t.ticket.id, to: 'resolved', resolution: '告知办理流程' });
    const draft = await ok(core, 'kb:draftFromTicket', { ticketId: t.ticket.id });
    expect(draft).toMatchObject({ category: '常见问题', product: null, tags: [] });
    expect(draft.body).not.toMatch(/已尝试的步骤/);
    expect((await failure(core, 'kb:draftFromTicket', { ticketId: 'nope' })).code).toBe('NOT_FOUND');
  });
});

describe('kb:loadDemo and importArticles', () => {
  function resources(lines: string[]): string {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'kb'));
    fs.writeFileSync(path.join(dir, 'kb', 'demo-articles.jsonl'), `${lines.join('\n')}\n`);
    return dir;
  }

  it('imports the demo file as published articles by demo, skipping titles already present, in one transaction', async () => {
    const line = (title: string) => JSON.stringify({ title, body: `${title} 的正文`, product: 'Demo', category: '演示', tags: ['demo'] });
    const { core } = await openTestCore({ resourcesDir: resources([line('甲'), '', line('乙'), line('甲')]) });
    await ok(core, 'kb:create', articleInput({ title: '乙' }));
    const before = await footprint(core);
    const events = recordEvents(core);
    expect(await ok(core, 'kb:loadDemo', {})).toEqual({ added: 1, skipped: 2 });
    expect((await footprint(core)).journal).toBe(before.journal + 1);
    const changed = events.find((e) => e.event === 'kb:changed')?.payload as { ids: string[] };
    const demo = await ok(core, 'kb:get', { id: changed.ids[0] as string });
    expect(demo).toMatchObject({ title: '甲', status: 'published', authorId: 'demo' });
    expect(await ok(core, 'kb:loadDemo', {})).toEqual({ added: 0, skipped: 3 });
  });

  it('looks for resources/kb above the built code (out/main/worker.js), and says clearly when they are missing', () => {
    const app = tempDir();
    fs.mkdirSync(path.join(app, 'resources', 'kb'), { recursive: true });
    fs.mkdirSync(path.join(app, 'out', 'main'), { recursive: true });
    const file = path.join(app, 'resources', 'kb', 'demo-articles.jsonl');
    fs.writeFileSync(file, '');
    expect(findDemoArticles(undefined, pathToFileURL(path.join(app, 'out', 'main', 'worker.js')).href)).toBe(file);
    const elsewhere = tempDir();
    fs.mkdirSync(path.join(elsewhere, 'kb'));
    fs.writeFileSync(path.join(elsewhere, 'kb', 'demo-articles.jsonl'), '');
    expect(findDemoArticles(elsewhere, pathToFileURL(path.join(app, 'out', 'main', 'worker.js')).href)).toBe(path.join(elsewhere, 'kb', 'demo-articles.jsonl'));
  });

  it('finds the demo articles the app ships in resources/kb', async () => {
    const shipped = path.resolve('resources/kb/demo-articles.jsonl');
    if (!fs.existsSync(shipped)) return; // the content is written in parallel; the fixture test above covers the logic
    const { core } = await openTestCore();
    const result = await ok(core, 'kb:loadDemo', {});
    expect(result.added).toBeGreaterThanOrEqual(200);
  });

  it('imports many articles all or nothing', async () => {
    const { core } = await openTestCore();
    const added = core.importArticles([
      { title: '一', body: '正文', product: null, category: '网络', tags: [], status: 'published' },
      { title: '二', body: '正文', category: '网络', tags: ['x'], status: 'draft' },
    ]);
    expect(added.map((a) => [a.title, a.status, a.authorId, a.version])).toEqual([
      ['一', 'published', 'agent-7', 1],
      ['二', 'draft', 'agent-7', 1],
    ]);
    expect((await ok(core, 'kb:facets', {})).categories).toEqual([{ value: '网络', count: 2 }]);
  });
});

describe('kb:changed from sync', () => {
  const hlc = (ms: number) => encodeHlc({ wallMs: Date.now() + ms, counter: 0, nodeId: 'remote' });
  const article = (id: string, seq: number) => ({
    entity: 'article' as const,
    id,
    seq,
    fieldHlc: { '*': hlc(seq) },
    values: {
      title: `远端文章 ${id}`,
      body: '正文',
      product: null,
      category: '网络',
      tags: '["远端"]',
      status: 'published',
      authorId: 'zoe',
      createdAt: '2026-11-24T01:00:00.000Z',
      updatedAt: '2026-11-24T01:00:00.000Z',
      publishedAt: '2026-11-24T01:00:00.000Z',
      sourceTicketId: null,
    },
  });

  it('says "reload all" after a first sync and names the articles pulled after it, and pushes local KB writes', async () => {
    const fake = new FakeServer();
    const t = await openTestCore({ tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: false }, now: Date.now });
    await ok(t.core, 'sync:login', { server: fake.url, username: 'alice', password: fake.password });
    const events = recordEvents(t.core);
    fake.rows = [article('a1', 1)];
    await ok(t.core, 'sync:now', {});
    expect(events.filter((e) => e.event === 'kb:changed')).toEqual([{ event: 'kb:changed', payload: { ids: [], origin: 'sync' } }]);
    expect((await ok(t.core, 'kb:get', { id: 'a1' })).tags).toEqual(['远端']);

    events.length = 0;
    fake.rows.push(article('a2', 2), {
      entity: 'article_vote',
      id: 'v1',
      seq: 3,
      fieldHlc: { '*': hlc(3) },
      values: { articleId: 'a1', voterId: 'zoe', vote: 'helpful', at: '2026-11-24T01:00:00.000Z', hlc: hlc(3) },
    });
    await ok(t.core, 'sync:now', {});
    const changed = events.filter((e) => e.event === 'kb:changed').map((e) => e.payload as { ids: string[]; origin: string });
    expect(changed).toHaveLength(1);
    expect(changed[0]?.origin).toBe('sync');
    expect([...(changed[0]?.ids ?? [])].sort()).toEqual(['a1', 'a2']);
    expect((await ok(t.core, 'kb:get', { id: 'a1' })).helpful).toBe(1);

    const mine = await ok(t.core, 'kb:create', articleInput());
    expect((await ok(t.core, 'sync:status', {})).pending).toBe(1);
    await ok(t.core, 'sync:now', {});
    expect(fake.pushes.at(-1)?.mutations.map((m) => [m.name, m.args.changes[0]?.id])).toEqual([['kb:create', mine.id]]);
  });

  it('takes the server\'s article back when it refuses an edit, says so, and re-pushes it when the problem is retried', async () => {
    const fake = new FakeServer();
    const t = await openTestCore({ tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: false }, now: Date.now });
    await ok(t.core, 'sync:login', { server: fake.url, username: 'alice', password: fake.password });
    await ok(t.core, 'sync:now', {});
    const a = await ok(t.core, 'kb:create', articleInput());
    await ok(t.core, 'sync:now', {});
    await ok(t.core, 'kb:update', { id: a.id, changes: { title: '服务器不接受的标题' } });
    const server = { ...article(a.id, 5), values: { ...article(a.id, 5).values, title: a.title, status: 'draft', authorId: 'alice' } };
    fake.answer = (m) => (m.name === 'kb:update' ? { mutationId: m.mutationId, status: 'rejected', error: { code: 'FORBIDDEN', message: 'no' }, current: [server] } : undefined);
    const events = recordEvents(t.core);
    expect(await ok(t.core, 'sync:now', {})).toMatchObject({ problems: 1 });
    expect((await ok(t.core, 'kb:get', { id: a.id })).title).toBe(a.title);
    expect(events).toContainEqual({ event: 'kb:changed', payload: { ids: [a.id], origin: 'sync' } });

    fake.answer = null;
    events.length = 0;
    const [problem] = await ok(t.core, 'sync:problems', {});
    expect(problem).toMatchObject({ name: 'kb:update', entity: 'article', entityId: a.id, code: 'FORBIDDEN' });
    await ok(t.core, 'sync:resolve', { id: problem?.id ?? 0, action: 'retry' });
    expect((await ok(t.core, 'kb:get', { id: a.id })).title).toBe('服务器不接受的标题');
    expect(events.some((e) => e.event === 'kb:changed' && (e.payload as { ids: string[] }).ids.includes(a.id))).toBe(true);
    expect((await ok(t.core, 'sync:status', {})).pending).toBe(1);
  });

  it('pushes a KB write by itself soon after it is saved', async () => {
    const fake = new FakeServer();
    const t = await openTestCore({ tokenStore: new MemoryTokenStore(), sync: { fetch: fake.fetch, autoStart: true }, now: Date.now });
    await ok(t.core, 'sync:login', { server: fake.url, username: 'alice', password: fake.password });
    const a = await ok(t.core, 'kb:create', articleInput());
    const until = Date.now() + 5_000;
    while (!fake.pushes.some((p) => p.mutations.some((m) => m.name === 'kb:create')) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(fake.pushes.flatMap((p) => p.mutations).find((m) => m.name === 'kb:create')?.args.changes[0]?.id).toBe(a.id);
  });
});
