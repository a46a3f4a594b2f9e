import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildKbIndex } from '../../../electron/core/kb/search.js';
import type { Store } from '../../../electron/core/store/index.js';
import { AGENT, ids, insertArticle, openKbStore, search, SENIOR, suggest, tempDir } from './searchHelpers.js';

const open: Store[] = [];
async function store(dir?: string): Promise<Store> {
  const s = await openKbStore(dir);
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function seeded(): Promise<Store> {
  const s = await store();
  s.write((w) => {
    insertArticle(w, { id: 'a1', title: '忘记密码怎么办', body: '## 解决方案\n\n请在登录页点击 **重置密码**，按短信验证码完成验证。', tags: ['账号'], updatedAt: '2025-01-01T00:00:00.000Z' });
    insertArticle(w, { id: 'a2', title: 'VPN 无法连接', body: '客户端提示错误码 ERR_0x80070005，检查网络与证书。若密码过期请先修改密码。', tags: ['VPN', '网络'], updatedAt: '2025-01-02T00:00:00.000Z' });
    insertArticle(w, { id: 'a3', title: '打印机脱机', body: 'HP LaserJet 打印机显示脱机，重新安装驱动。网关 192.168.1.1 无法访问时检查网线。', tags: ['打印'], product: 'HP LaserJet M404', updatedAt: '2025-01-03T00:00:00.000Z' });
    insertArticle(w, { id: 'a4', title: '网络掉线', body: '光猫 LOS 灯闪红，宽带频繁掉线。', tags: ['宽带'], category: '网络', updatedAt: '2025-01-04T00:00:00.000Z' });
    insertArticle(w, { id: 'd1', title: '草稿：密码策略', body: '新的密码策略草稿。', status: 'draft', authorId: 'agent1' });
    insertArticle(w, { id: 'd2', title: '他人草稿：密码', body: '别人的密码草稿。', status: 'draft', authorId: 'someone' });
    insertArticle(w, { id: 'r1', title: '旧版密码说明', body: '已废弃的密码说明。', status: 'retired' });
  });
  return s;
}

describe('searchArticles', () => {
  it('finds two-character Chinese words anywhere, ranks a title match above a body match', async () => {
    const s = await seeded();
    expect(ids(s, { q: '密码' })).toEqual(['a1', 'a2']);
    expect(ids(s, { q: '网络' })).toEqual(['a4', 'a2']); // title beats body
    // all the words first (重置 + 密码), then articles with most of them (issue 17)
    expect(ids(s, { q: '重置密码' })).toEqual(['a1', 'a2']);
    expect(ids(s, { q: '脱机' })).toEqual(['a3']);
  });

  it('finds codes, numbers and Latin words whole and case-insensitively', async () => {
    const s = await seeded();
    expect(ids(s, { q: 'ERR_0x80070005' })).toEqual(['a2']);
    expect(ids(s, { q: 'err_0X80070005' })).toEqual(['a2']);
    expect(ids(s, { q: '192.168.1.1' })).toEqual(['a3']);
    expect(ids(s, { q: 'vpn' })).toEqual(['a2']);
    expect(ids(s, { q: 'ＶＰＮ' })).toEqual(['a2']);
    expect(ids(s, { q: 'laserjet 驱动' })).toEqual(['a3']);
  });

  it('ANDs words, matches quoted phrases, the last word as a prefix, a single character as a prefix', async () => {
    const s = await seeded();
    // words: every word first, then most of them (issue 17); quoted phrases are all required
    expect(ids(s, { q: '密码 VPN' })).toEqual(['a2', 'a1']);
    expect(ids(s, { q: '"密码" "打印"' })).toEqual([]);
    expect(ids(s, { q: '"修改密码"' })).toEqual(['a2']);
    expect(ids(s, { q: '"密码 修改"' })).toEqual([]);
    expect(ids(s, { q: 'Laser' })).toEqual(['a3']); // prefix while typing
    expect(ids(s, { q: 'Laser 打印' })).toEqual(['a3']); // only the last word is a prefix: 打印 matches, laser is not laserjet
    expect(ids(s, { q: '"Laser" "打印"' })).toEqual([]);
    expect(ids(s, { q: '脱' })).toEqual(['a3']);
    expect(ids(s, { q: '码' }).sort()).toEqual(['a1', 'a2']); // lone last character of a run
  });

  it('filters by product, category and status; drafts only to their author and reviewers', async () => {
    const s = await seeded();
    expect(ids(s, { q: '打印', product: 'HP LaserJet M404' })).toEqual(['a3']);
    expect(ids(s, { q: '打印', product: '其他' })).toEqual([]);
    expect(ids(s, { q: '掉线', category: '网络' })).toEqual(['a4']);
    expect(ids(s, { q: '密码', status: 'draft' })).toEqual(['d1']);
    expect(ids(s, { q: '密码', status: 'draft' }, SENIOR).sort()).toEqual(['d1', 'd2']);
    expect(ids(s, { q: '密码', status: 'retired' })).toEqual(['r1']);
    expect(ids(s, { q: '密码', status: 'all' }).sort()).toEqual(['a1', 'a2', 'd1', 'r1']);
    expect(ids(s, { q: '密码', status: 'all' }, SENIOR).sort()).toEqual(['a1', 'a2', 'd1', 'd2', 'r1']);
  });

  it('pages with a total; an empty query lists the newest', async () => {
    const s = await seeded();
    const r = search(s, { q: '密码', limit: 1 });
    expect(r.total).toBe(2);
    expect(r.hits.map((h) => h.id)).toEqual(['a1']);
    expect(search(s, { q: '密码', limit: 1, offset: 1 }).hits.map((h) => h.id)).toEqual(['a2']);
    const empty = search(s, { q: '' });
    expect(empty.total).toBe(4);
    expect(empty.hits.map((h) => h.id)).toEqual(['a4', 'a3', 'a2', 'a1']);
  });

  it('returns snippets without Markdown, with highlights for every query term', async () => {
    const s = await seeded();
    const [hit] = search(s, { q: '重置密码' }).hits;
    expect(hit?.snippet).toBe('解决方案 请在登录页点击 重置密码，按短信验证码完成验证。');
    const hl = hit?.snippetHighlights.map(([a, b]) => hit.snippet.slice(a, b));
    expect(hl).toEqual(['重置密码']);
    expect(hit?.titleHighlights.map(([a, b]) => hit.title.slice(a, b))).toEqual(['密码']);
    const [vpn] = search(s, { q: 'vpn 错误码' }).hits;
    expect(vpn?.titleHighlights.map(([a, b]) => vpn.title.slice(a, b))).toEqual(['VPN']);
    // 错误码's synonyms are highlighted too (提示错误 = 错误码, the default list)
    expect(vpn?.snippetHighlights.map(([a, b]) => vpn.snippet.slice(a, b))).toEqual(['提示错误码']);
  });

  it('never fails on hostile input', async () => {
    const s = await seeded();
    for (const q of ['"', '""', '*', '密码*', 'NEAR', 'a NEAR b', '-密码', 'OR', '密码 OR 打印', '(密码', ')', 'title:密码', '^', "'", '\\', '"密码', 'NOT 密码', '密码 AND', '%', '_', '\u0000', 'x'.repeat(200), '密'.repeat(200)]) {
      const r = search(s, { q });
      expect(Array.isArray(r.hits)).toBe(true);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom('"', '*', '(', ')', '-', ' ', 'OR', 'NEAR', 'AND', 'NOT', ':', '^', '密', '码', 'a', '1', '_', '.', '“', '\u3000') }), (q) => {
        expect(() => search(s, { q })).not.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(ids(s, { q: '(密码)' })).toEqual(['a1', 'a2']);
    expect(ids(s, { q: '-密码' })).toEqual(['a1', 'a2']);
  });

  it('keeps the index in step with updates and deletes (plain statements, as the sync applier writes them)', async () => {
    const s = await seeded();
    s.write((w) => w.run("UPDATE kb_articles SET title = ?, body = ?, updated_at = ? WHERE id = 'a3'", ['扫描仪卡纸', '扫描仪进纸卡住。', '2025-02-01T00:00:00.000Z']));
    expect(ids(s, { q: '脱机' })).toEqual([]);
    expect(ids(s, { q: '打印' })).toEqual(['a3']); // still its tag
    expect(ids(s, { q: '卡纸' })).toEqual(['a3']);
    s.write((w) => w.run("UPDATE kb_articles SET status = 'retired' WHERE id = 'a3'"));
    expect(ids(s, { q: '卡纸' })).toEqual([]);
    expect(ids(s, { q: '卡纸', status: 'retired' })).toEqual(['a3']);
    s.write((w) => w.run("DELETE FROM kb_articles WHERE id = 'a3'"));
    expect(ids(s, { q: '卡纸', status: 'all' })).toEqual([]);
    s.read((r) => r.get("SELECT 1 FROM kb_search WHERE kb_search MATCH 'x'"));
  });

  it('is correct after a crash (journal replay) and after a checkpoint', async () => {
    const dir = tempDir();
    const s = await openKbStore(dir);
    s.write((w) => insertArticle(w, { id: 'j1', title: '蓝屏', body: '开机蓝屏 0x0000007B' }));
    s.checkpoint();
    s.write((w) => insertArticle(w, { id: 'j2', title: '键盘失灵', body: '键盘无响应' }));
    s.write((w) => w.run("UPDATE kb_articles SET body = '开机黑屏' WHERE id = 'j1'"));
    // crash: copy the files without closing
    const { crashCopy } = await import('../store/helpers.js');
    const copy = crashCopy(dir);
    s.close();
    const r = await store(copy);
    expect(ids(r, { q: '键盘' })).toEqual(['j2']);
    expect(ids(r, { q: '黑屏' })).toEqual(['j1']);
    expect(ids(r, { q: '0x0000007B' })).toEqual([]);
    r.write((w) => insertArticle(w, { id: 'j3', title: '鼠标失灵', body: '鼠标无响应' }));
    r.checkpoint();
    r.write((w) => w.run("UPDATE kb_articles SET title = '无线鼠标失灵' WHERE id = 'j3'"));
    expect(ids(r, { q: '无线' })).toEqual(['j3']);
    r.read((x) => x.get("SELECT 1 AS ok FROM kb_search WHERE kb_search MATCH '\"失灵\"'"));
  });

  it('indexes the articles already there when the migration runs, and survives INSERT OR REPLACE', async () => {
    const dir = tempDir();
    const { Store } = await import('../../../electron/core/store/index.js');
    const { migrations } = await import('../../../electron/core/migrations/index.js');
    const before = await Store.open({ dataDir: dir, migrations: migrations.filter((m) => m.id < '0004'), idleCheckpointMs: 0, log: () => undefined });
    before.write((w) => insertArticle(w, { id: 'm1', title: '老文章', body: '升级前写的密码说明' }));
    before.close();
    const s = await store(dir);
    expect(ids(s, { q: '密码说明' })).toEqual(['m1']);
    s.write((w) =>
      w.run(
        `INSERT OR REPLACE INTO kb_articles (id, title, body, product, category, tags, status, author_id, created_at, updated_at, field_hlc)
         VALUES ('m1', '新标题', '替换后的正文', NULL, 'x', '[]', 'published', 'a', 't', 't', '{}')`,
      ),
    );
    expect(ids(s, { q: '密码' })).toEqual([]);
    expect(ids(s, { q: '替换' })).toEqual(['m1']);
    expect(s.read((r) => r.get<{ n: number }>('SELECT count(*) AS n FROM kb_search_docs'))?.n).toBe(1);
    expect(ids(s, { q: '说明 OR 正文' })).toEqual(['m1']); // 正文 alone: an article sharing a word is a result
    expect(search(s, { q: '密码' }).total).toBe(0); // the replaced row's postings are unreachable
    s.write((w) => rebuildKbIndex(w));
    s.write((w) => w.run("INSERT INTO kb_search (kb_search) VALUES ('integrity-check')"));
  });

  it('rebuilds the index from the articles', async () => {
    const s = await seeded();
    s.write((w) => w.run('DELETE FROM kb_search_docs'));
    expect(ids(s, { q: '密码' })).toEqual([]);
    const res = s.write((w) => rebuildKbIndex(w));
    expect(res.articles).toBe(7);
    expect(ids(s, { q: '密码' })).toEqual(['a1', 'a2']);
    s.write((w) => w.run("INSERT INTO kb_search (kb_search) VALUES ('integrity-check')"));
  });

  it('counts usage and latest helpful votes for the hits', async () => {
    const s = await seeded();
    s.write((w) => {
      w.run("INSERT INTO kb_uses (id, article_id, ticket_id, actor_id, at) VALUES ('u1', 'a1', 't1', 'x', 'now'), ('u2', 'a1', 't2', 'x', 'now')");
      w.run(
        "INSERT INTO kb_votes (id, article_id, voter_id, vote, at, hlc) VALUES ('v1', 'a1', 'p', 'helpful', 'x', '1'), ('v2', 'a1', 'p', 'not_helpful', 'x', '2'), ('v3', 'a1', 'q', 'helpful', 'x', '1')",
      );
    });
    const [hit] = search(s, { q: '忘记' }).hits;
    expect(hit).toMatchObject({ id: 'a1', usageCount: 2, helpful: 1 });
  });
});

describe('ranking', () => {
  it('title above tags above body; then newer; then more helpful', async () => {
    const s = await store();
    s.write((w) => {
      insertArticle(w, { id: 'body', title: '常见问题一', body: '导入证书后重启。', tags: ['其他'] });
      insertArticle(w, { id: 'tags', title: '常见问题二', body: '导入后重启浏览器。', tags: ['证书'] });
      insertArticle(w, { id: 'title', title: '证书导入', body: '导入后重启客户端。', tags: ['其他'] });
      // identical text: recency decides, then helpful votes
      insertArticle(w, { id: 'old', title: '蓝牙耳机', body: '配对说明。', updatedAt: '2025-01-01T00:00:00.000Z' });
      insertArticle(w, { id: 'new', title: '蓝牙耳机', body: '配对说明。', updatedAt: '2025-03-01T00:00:00.000Z' });
      insertArticle(w, { id: 'liked', title: '蓝牙耳机', body: '配对说明。', updatedAt: '2025-01-01T00:00:00.000Z' });
      w.run("INSERT INTO kb_votes (id, article_id, voter_id, vote, at, hlc) VALUES ('v1', 'liked', 'p', 'helpful', 'x', '1')");
    });
    expect(ids(s, { q: '证书' })).toEqual(['title', 'tags', 'body']);
    expect(ids(s, { q: '蓝牙' })).toEqual(['new', 'liked', 'old']);
    // the same order across pages
    expect([0, 1, 2].map((offset) => search(s, { q: '蓝牙', limit: 1, offset }).hits[0]?.id)).toEqual(['new', 'liked', 'old']);
    const scores = search(s, { q: '证书' }).hits.map((h) => h.score);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
  });

  it('a rarer term weighs more (IDF), and more occurrences rank higher', async () => {
    const s = await store();
    s.write((w) => {
      for (let i = 0; i < 8; i++) insertArticle(w, { id: `n${i}`, title: `通用说明${i}`, body: '网络设置说明。' });
      insertArticle(w, { id: 'rare', title: '说明', body: '防火墙端口。网络。' });
      insertArticle(w, { id: 'many', title: '说明', body: '网络网络网络，网络故障。' });
    });
    expect(ids(s, { q: '网络' })[0]).toBe('many');
    // OR is a word here, not an operator: the article holding both words comes first
    expect(ids(s, { q: '网络 OR 防火墙' })[0]).toBe('rare');
    expect(ids(s, { q: '"网络" "OR" "防火墙"' })).toEqual([]);
  });
});

describe('suggestArticles', () => {
  it('suggests published articles from a long ticket description', async () => {
    const s = await seeded();
    const text = `${'客户来电反映，'.repeat(50)}公司 VPN 客户端连接失败，提示 ERR_0x80070005，已经重启电脑。${'谢谢。'.repeat(100)}`;
    const hits = suggest(s, { text });
    expect(hits[0]?.id).toBe('a2');
    expect(hits.every((h) => h.status === 'published')).toBe(true);
    expect(suggest(s, { text: '' })).toEqual([]);
  });
  it('keeps drafts out', async () => {
    const s = await seeded();
    expect(suggest(s, { text: '密码策略草稿' }, AGENT).map((h) => h.id)).not.toContain('d1');
  });
});
