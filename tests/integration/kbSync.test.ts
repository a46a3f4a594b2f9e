import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/contract.js';
import type { ArticleInput } from '../../shared/kb/schema.js';
import type { LocalCore } from '../../electron/core/index.js';
import { BACKENDS, suiteServer, failure, ok, openClient, signIn, syncAll, team, ticketInput } from './sync/helpers.js';

function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    title: 'VPN 连接失败 错误 809',
    body: '## 解决方案\n\n在防火墙放行 UDP 500 和 4500 端口。',
    product: 'EasyConnect',
    category: '网络',
    tags: ['VPN'],
    ...overrides,
  };
}

function kbEvents(core: LocalCore): EventPayload<'kb:changed'>[] {
  const out: EventPayload<'kb:changed'>[] = [];
  core.onEvent(<E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'kb:changed') out.push(payload as EventPayload<'kb:changed'>);
  });
  return out;
}

describe.each(BACKENDS)('knowledge base sync (%s)', (backend) => {
  const server = suiteServer(backend);

  it('shares articles across teams: one published on A is found on B, and a vote and a use on B count on A', { timeout: 90_000 }, async () => {
    const reviewer = await server.user(team(), 'senior');
    const agent = await server.user(team(), 'agent');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, reviewer);
    await signIn(b, server, agent);
    await syncAll([a, b]);
    const events = kbEvents(b);

    const article = await ok(a, 'kb:create', articleInput({ status: 'published' }));
    await ok(a, 'kb:update', { id: article.id, changes: { tags: ['VPN', '防火墙'] }, note: '补充标签' });
    await syncAll([a, b]);

    expect(await ok(b, 'kb:get', { id: article.id })).toMatchObject({ title: article.title, tags: ['VPN', '防火墙'], version: 2, authorId: reviewer });
    expect((await ok(b, 'kb:versions', { id: article.id })).map((v) => v.note)).toEqual([null, '补充标签']);
    expect(events.some((e) => e.origin === 'sync' && (e.ids.length === 0 || e.ids.includes(article.id)))).toBe(true);

    const t = await ok(b, 'tickets:create', ticketInput({ articleIds: [article.id] }));
    await ok(b, 'kb:vote', { id: article.id, helpful: true });
    await syncAll([a, b]);
    expect(await ok(a, 'kb:get', { id: article.id })).toMatchObject({ helpful: 1, notHelpful: 0, usageCount: 1, myVote: null });
    expect((await ok(b, 'kb:forTicket', { ticketId: t.ticket.id })).map((l) => l.articleId)).toEqual([article.id]);
    expect((await ok(a, 'sync:problems', {})).length + (await ok(b, 'sync:problems', {})).length).toBe(0);
    // Pulled articles are in B's search index (kept in step by triggers).
    const found = await ok(b, 'kb:search', { q: '809' });
    expect(found.hits.map((h) => h.id)).toContain(article.id);
  });

  // ---- issue 17: the synonym list syncs like the articles, and only an admin's edit is accepted
  it('an admin\'s synonym group on A widens searches on B; an agent cannot edit the list', { timeout: 120_000 }, async () => {
    const admin = await server.user(team(), 'admin');
    const agent = await server.user(team(), 'agent');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, admin);
    await signIn(b, server, agent);
    await syncAll([a, b]);
    const article = await ok(a, 'kb:create', articleInput({ title: '话机无声', body: '检查耳机与话机音量。', tags: ['话机'], status: 'published' }));
    await syncAll([a, b]);
    expect((await ok(b, 'kb:search', { q: '电话没声音' })).hits).toEqual([]);

    const list = await ok(a, 'kb:synonymCreate', { words: ['没声音', '无声'] });
    expect(list.some((g) => g.words.includes('没声音'))).toBe(true);
    await syncAll([a, b]);
    expect((await ok(b, 'kb:synonyms', {})).some((g) => g.words.includes('没声音') && !g.isDefault)).toBe(true);
    expect((await ok(b, 'kb:search', { q: '电话没声音' })).hits.map((h) => h.id)).toEqual([article.id]);

    const refused = await failure(b, 'kb:synonymCreate', { words: ['掉线', '断流'] });
    expect(refused.code).toBe('FORBIDDEN');
    expect((await ok(a, 'sync:problems', {})).length + (await ok(b, 'sync:problems', {})).length).toBe(0);
  });

  it('shows an agent\'s draft to reviewers of any team but not to other agents', { timeout: 90_000 }, async () => {
    const author = await server.user(team(), 'agent');
    const other = await server.user(team(), 'agent');
    const reviewer = await server.user(team(), 'supervisor');
    const [a, b, c] = [await openClient(), await openClient(), await openClient()];
    await signIn(a, server, author);
    await signIn(b, server, other);
    await signIn(c, server, reviewer);
    const draft = await ok(a, 'kb:create', articleInput({ title: '草稿：打印机脱机' }));
    await syncAll([a, b, c]);
    expect((await failure(b, 'kb:get', { id: draft.id })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await ok(c, 'kb:get', { id: draft.id })).status).toBe('draft');
    await ok(c, 'kb:transition', { id: draft.id, to: 'published', note: '审核通过' });
    await syncAll([a, b, c]);
    expect((await ok(b, 'kb:get', { id: draft.id })).status).toBe('published');
    expect((await ok(a, 'kb:get', { id: draft.id })).publishedAt).not.toBeNull();
  });
});
