import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KB_SEARCH_TUNING, phraseHits, searchArticles } from '../../../electron/core/kb/search.js';
import { KbSearchQuerySchema } from '../../../shared/kb/schema.js';
import type { Store } from '../../../electron/core/store/index.js';
import { parseQuery, tokenize } from '../../../shared/kb/tokenize.js';
import { KB_TERMS, KB_WORDS, kbArticle } from '../../bench/kb.js';
import { insertArticle, openKbStore, search, SENIOR } from './searchHelpers.js';
import fc from 'fast-check';

/**
 * The tiered top-k (title/tag doclist first, bodies read best first, a bound
 * on what any body can add) must rank exactly like scoring every match.
 * On a small corpus with the threshold lowered so that it is taken.
 */
const N = 400;
let store: Store;
const saved = { ...KB_SEARCH_TUNING };

beforeAll(async () => {
  store = await openKbStore();
  store.write((w) => {
    for (let i = 0; i < N; i++) {
      const a = kbArticle(i, 5);
      insertArticle(w, { ...a, product: a.product });
    }
  });
});
afterAll(() => store.close());
afterEach(() => Object.assign(KB_SEARCH_TUNING, saved));

/** tiered: the FTS4 path with tiering forced; else the postings read in JS, which score every match. */
/** Tiered ranking serves the exact-phrase path: the query is quoted (issue 17 ranks unquoted words by relevance). */
function run(q: Parameters<typeof search>[1], tiered: boolean, viewer = SENIOR) {
  KB_SEARCH_TUNING.postings = !tiered;
  KB_SEARCH_TUNING.tieredMinDf = tiered ? 5 : Number.POSITIVE_INFINITY;
  KB_SEARCH_TUNING.maxBodies = 2000;
  return search(store, { ...q, q: q.q ? `"${q.q}"` : q.q }, viewer);
}

describe('tiered ranking', () => {
  const queries = [...KB_WORDS.slice(0, 20), ...KB_TERMS.slice(0, 8), '密', '网', '统', 'win', '无法连接'];

  it('returns the same pages as scoring every match, and says when the total is estimated', () => {
    let usedTiered = 0;
    for (const q of queries) {
      for (const [offset, limit] of [
        [0, 20],
        [0, 5],
        [20, 20],
        [40, 10],
      ] as const) {
        for (const filter of [{}, { status: 'all' as const }, { product: 'ERP' }, { status: 'draft' as const }]) {
          const full = run({ q, offset, limit, ...filter }, false);
          const fast = run({ q, offset, limit, ...filter }, true);
          expect(fast.hits.map((h) => h.id), `${q} ${offset} ${JSON.stringify(filter)}`).toEqual(full.hits.map((h) => h.id));
          expect(full.totalExact ?? true).toBe(true);
          if (fast.totalExact === false) {
            usedTiered++;
            expect(fast.total).toBeGreaterThanOrEqual(Math.min(full.total, offset + fast.hits.length));
          } else expect(fast.total).toBe(full.total);
        }
      }
    }
    expect(usedTiered).toBeGreaterThan(20);
  });

  it('reaches every match by paging (falls back to full scoring past the head matches)', () => {
    const q = '系统';
    const seen = new Set<string>();
    const full = run({ q, limit: 100 }, false);
    for (let offset = 0; offset < full.total + 100; offset += 100) for (const h of run({ q, offset, limit: 100 }, true).hits) seen.add(h.id);
    expect(seen.size).toBe(full.total);
  });
});

describe('phraseHits', () => {
  /** The reference: tokens of the text, as the index sees them. */
  function slow(text: string, q: string): number {
    const p = parseQuery(q)[0];
    if (!p) return 0;
    const toks = tokenize(text);
    let n = 0;
    for (let i = 0; i + p.tokens.length <= toks.length; i++) {
      if (p.tokens.every((t, j) => (p.prefix && j === p.tokens.length - 1 ? toks[i + j]?.text.startsWith(t) : toks[i + j]?.text === t))) n++;
    }
    return n;
  }
  it('counts like the index', () => {
    const pieces = ['密码', '密', '码', '网络', ' ', 'VPN', 'vpn', 'ＶＰＮ', 'ERR_0x80070005', 'err', '0x80070005', '，', '。', '-', 'Café', '²', 'a', 'b', '\n', '哈哈哈', '〇', 'x〇y'];
    const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));
    const queries = fc.constantFrom('密码', '密', '码', 'vpn', 'VP', 'err_0x80070005', 'ERR', 'a b', 'café', '哈哈', '网络 ', '"vpn 密码"', '2', 'x y', '〇');
    fc.assert(
      fc.property(texts, queries, (text, q) => {
        const p = parseQuery(q)[0];
        if (!p) return;
        expect(phraseHits(text, p)).toBe(slow(text, q));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the in-memory per-article table', () => {
  it('follows writes, including ones rolled back after a search inside them', async () => {
    const s = await openKbStore();
    try {
      s.write((w) => insertArticle(w, { id: 'x1', title: '蓝牙耳机', body: '配对说明。' }));
      expect(search(s, { q: '蓝牙' }).hits.map((h) => h.id)).toEqual(['x1']);
      expect(() =>
        s.write((w) => {
          w.run("UPDATE kb_articles SET status = 'retired' WHERE id = 'x1'");
          expect(searchArticles(w, KbSearchQuerySchema.parse({ q: '蓝牙' }), SENIOR).hits).toEqual([]);
          throw new Error('roll back');
        }),
      ).toThrow('roll back');
      expect(search(s, { q: '蓝牙' }).hits.map((h) => h.id)).toEqual(['x1']);
      s.write((w) => w.run("UPDATE kb_articles SET status = 'retired' WHERE id = 'x1'"));
      expect(search(s, { q: '蓝牙' }).hits).toEqual([]);
      expect(search(s, { q: '蓝牙', status: 'retired' }).hits.map((h) => h.id)).toEqual(['x1']);
    } finally {
      s.close();
    }
  });
});
