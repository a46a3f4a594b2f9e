import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutChinese } from '../../../electron/core/kb/segment.js';
import { readSegments } from '../../../electron/core/kb/postings.js';
import { FIELD_WEIGHTS, proximity, rebuildKbIndex, searchArticles, suggestArticles } from '../../../electron/core/kb/search.js';
import type { Store } from '../../../electron/core/store/index.js';
import { KbSearchQuerySchema, KbSuggestQuerySchema } from '../../../shared/kb/schema.js';
import { understandQuery, type QueryGroup, type UnderstoodQuery } from '../../../shared/kb/query.js';
import { DEFAULT_SYNONYMS, synonymIndex } from '../../../shared/kb/synonyms.js';
import { indexText, parseTags, tagsIndexText, type QueryPhrase } from '../../../shared/kb/tokenize.js';
import { isReviewer, type Actor } from '../../../shared/roles.js';
import { KB_TERMS, kbArticle, kbCode, type GeneratedArticle } from '../../bench/kb.js';
import { insertArticle, openKbStore } from './searchHelpers.js';

/**
 * The ranked search keeps lists, masks and selections between and inside
 * queries so that a query over tens of thousands of matches stays fast
 * (issue 17 point 4). None of that may change a result: here every page of
 * a random query, under random filters and viewers, is compared with a
 * brute-force scorer that knows nothing of the index, the postings or any
 * cache. It reads the articles' text, counts the phrases on the index's own
 * token stream and applies the ranking rules of search.ts `relevance`
 * (tiers, BM25 per field, IDF over the filtered matches, the whole phrase,
 * closeness of the words for the best all-words articles), then sorts
 * (score, then newer, then id) and cuts the page.
 */

const N = 260;
const K1 = 1.2;
const B = 0.75;
const SCORE_HALF = 8;
const PROXIMITY_MIN = 30;

const PRODUCTS = ['企业宽带', 'VPN 客户端', 'ERP'];
const STATUSES = ['published', 'published', 'published', 'draft', 'retired'] as const;
const AUTHORS = ['agent1', 'agent2', 'author'];
/** Few distinct times: many equal scores are then broken by updated_at, then by id. */
const TIMES = ['2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z'];

interface Doc {
  rowid: number;
  id: string;
  updatedAt: string;
  status: string;
  product: string | null;
  author: string;
  title: string;
  tags: string;
  body: string;
  /** index tokens per column (title, tags, body) */
  cols: string[][];
}

let store: Store;
let docs: Doc[] = [];
const corpus: GeneratedArticle[] = [];

beforeAll(async () => {
  store = await openKbStore();
  for (let i = 0; i < N; i++) {
    const a = kbArticle(i, 5);
    corpus.push({
      ...a,
      status: STATUSES[i % STATUSES.length] as GeneratedArticle['status'],
      product: i % 7 === 0 ? null : (PRODUCTS[i % PRODUCTS.length] as string),
      authorId: AUTHORS[i % AUTHORS.length] as string,
      updatedAt: TIMES[i % TIMES.length] as string,
    });
  }
  // many transactions (many segments), then updates and deletes: newer entries and deletion markers over older ones
  for (let i = 0; i < N; i += 20) store.write((w) => corpus.slice(i, i + 20).forEach((a) => insertArticle(w, a)));
  store.write((w) => {
    for (let i = 0; i < N; i += 9) w.run('UPDATE kb_articles SET title = ?, body = body || ? WHERE id = ?', [`${corpus[(i + 1) % N]?.title ?? ''} 更新`, ' 补充说明网络连接', corpus[i]?.id ?? '']);
    for (let i = 4; i < N; i += 31) w.run('DELETE FROM kb_articles WHERE id = ?', [corpus[i]?.id ?? '']);
  });
  docs = store.read((r) =>
    r.all<{ rowid: number; id: string; updated_at: string; status: string; product: string | null; author_id: string; title: string; tags: string; body: string }>(
      'SELECT rowid, id, updated_at, status, product, author_id, title, tags, body FROM kb_articles',
    ),
  ).map((x) => ({
    rowid: x.rowid,
    id: x.id,
    updatedAt: x.updated_at,
    status: x.status,
    product: x.product,
    author: x.author_id,
    title: x.title,
    tags: x.tags,
    body: x.body,
    cols: [indexText(x.title), tagsIndexText(x.tags), indexText(x.body)].map((s) => (s === '' ? [] : s.split(' '))),
  }));
});
afterAll(() => store.close());

/** Occurrences of a phrase in a column's token stream (the last token a prefix when the phrase says so). */
function hits(tokens: readonly string[], p: QueryPhrase): number {
  const n = p.tokens.length;
  let out = 0;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const tk = tokens[i + j] as string;
      const want = p.tokens[j] as string;
      ok = p.prefix && j === n - 1 ? tk.startsWith(want) : tk === want;
    }
    if (ok) out++;
  }
  return out;
}

const sat = (tf: number) => (tf > 0 ? (tf * (K1 + 1)) / (K1 + tf) : 0);
const lengthNorm = (len: number, avg: number) => (avg > 0 ? 1 - B + (B * len) / avg : 1);
const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

interface Filter {
  status: 'published' | 'draft' | 'retired' | 'all';
  product?: string | undefined;
}

function visible(d: Doc, f: Filter, viewer: Actor): boolean {
  const draftOk = d.status === 'draft' && (isReviewer(viewer.role) || d.author === viewer.username);
  const statusOk = f.status === 'all' ? d.status === 'published' || d.status === 'retired' || draftOk : f.status === 'draft' ? draftOk : d.status === f.status;
  return statusOk && (!f.product || d.product === f.product);
}

/** Every match of the understood query, scored and ordered by the rules alone. */
function bruteForce(u: UnderstoodQuery, f: Filter, viewer: Actor, proximityFor: number, phraseTier: boolean): { id: string; score: number }[] {
  const n = docs.length;
  const avg = [0, 1, 2].map((c) => docs.reduce((s, d) => s + (d.cols[c] as string[]).length, 0) / n);
  const field = (d: Doc, p: QueryPhrase) => {
    let v = 0;
    for (let c = 0; c < 3; c++) {
      const h = hits(d.cols[c] as string[], p);
      if (h > 0) v += (FIELD_WEIGHTS[c] as number) * sat(h * (1 / lengthNorm((d.cols[c] as string[]).length, avg[c] as number)));
    }
    return v;
  };
  const passing = docs.filter((d) => visible(d, f, viewer)).sort((a, b) => a.rowid - b.rowid);
  const state = new Map<Doc, { score: number; matched: number; required: number; first: number }>();
  u.groups.forEach((g, gi) => {
    const values = new Map<Doc, number>();
    for (const d of passing) {
      const v = Math.max(0, ...g.alternatives.map((p) => field(d, p)));
      if (v > 0) values.set(d, v);
    }
    const idf = idfOf(n, values.size);
    for (const [d, v] of values) {
      const s = state.get(d) ?? { score: 0, matched: 0, required: 0, first: gi };
      s.score += idf * v;
      if (g.required) s.required++;
      else s.matched++;
      state.set(d, s);
    }
  });
  const nRequired = u.groups.filter((g) => g.required).length;
  const plainGroups = u.groups.filter((g) => !g.required);
  const out: { d: Doc; score: number; frac: number; all: boolean; first: number }[] = [];
  for (const [d, s] of state) {
    if (s.required !== nRequired) continue;
    const whole = phraseTier && u.whole && s.matched > 0 && d.cols.some((c) => hits(c, u.whole as QueryPhrase) > 0) ? 1 : 0;
    const frac = s.score / (s.score + SCORE_HALF);
    out.push({ d, score: s.matched + whole + s.required + frac, frac, all: plainGroups.length >= 2 && s.matched === plainGroups.length && whole === 0, first: s.first });
  }
  // closeness for the best all-words articles (ties at the cut: the order the engine meets them, group by group, docid within)
  const all = out.filter((x) => x.all).sort((a, b) => b.frac - a.frac || a.first - b.first || a.d.rowid - b.d.rowid);
  for (const x of all.slice(0, Math.max(PROXIMITY_MIN, proximityFor))) {
    const tags = parseTags(x.d.tags).join(' ');
    const prox = Math.max(proximity(x.d.title, plainGroups), 0.9 * proximity(tags, plainGroups), 0.8 * proximity(x.d.body, plainGroups));
    x.score = Math.floor(x.score) + 0.5 * x.frac + 0.5 * prox * 0.999;
  }
  return out
    .sort((a, b) => b.score - a.score || (a.d.updatedAt < b.d.updatedAt ? 1 : a.d.updatedAt > b.d.updatedAt ? -1 : 0) || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0))
    .map((x) => ({ id: x.d.id, score: x.score }));
}

const haystack = (a: GeneratedArticle) => `${a.title}${a.body}`;
/** A Chinese piece of an article (1-6 characters), an English term or a code: what agents type, joined at random. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat(N - 1), fc.nat(10_000), fc.integer({ min: 1, max: 6 })).map(([ai, at, len]) => {
    const runs = haystack(corpus[ai] as GeneratedArticle).match(/[\u4e00-\u9fff]+/g) ?? ['网络'];
    const run = runs[at % runs.length] as string;
    const from = at % Math.max(1, run.length - len + 1);
    return run.slice(from, from + len);
  }) },
  { weight: 1, arbitrary: fc.constantFrom(...KB_TERMS) },
  { weight: 1, arbitrary: fc.nat(4999).map((i) => kbCode(i)) },
  { weight: 1, arbitrary: fc.constantFrom('打不开', '连不上', '掉线', '无线', '密码', '网络') },
);
const queryText = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean()).map(([ps, spaced, quoteFirst]) => {
  const parts = quoteFirst && ps.length > 1 ? [`"${ps[0] as string}"`, ...ps.slice(1)] : ps;
  return parts.join(spaced ? ' ' : '');
});
const filter = fc.record({ status: fc.constantFrom('published', 'all', 'draft', 'retired') as fc.Arbitrary<Filter['status']>, product: fc.option(fc.constantFrom(...PRODUCTS), { nil: undefined }) });
const viewer = fc.constantFrom<Actor>({ username: 'agent1', role: 'agent' }, { username: 'agent2', role: 'agent' }, { username: 'lead', role: 'admin' });
const syn = synonymIndex(DEFAULT_SYNONYMS);

function checkSuggestions(runs: number): void {
  fc.assert(
    fc.property(fc.nat(N - 1), fc.nat(400), fc.option(fc.constantFrom(...PRODUCTS), { nil: undefined }), (ai, at, product) => {
      const a = corpus[ai] as GeneratedArticle;
      const text = `客户反映：${a.body.slice(at % 200, (at % 200) + 120)}`;
      const who: Actor = { username: 'agent1', role: 'agent' };
      const got = store.read((r) => suggestArticles(r, KbSuggestQuerySchema.parse({ text, limit: 6, product }), who));
      // the rule of suggestArticles: words in at most 1000 articles (any status), rarest first, at most 8, in text order
      const u = understandQuery(`${text} `, cutChinese, { synonyms: syn, maxGroups: 64 });
      const df = (p: QueryPhrase) => docs.filter((d) => d.cols.some((c) => hits(c, p) > 0)).length;
      const rated = u.groups
        .filter((g) => !/^(?:[a-z]+:\/\/|www\.)/i.test(g.word) && !/^\d{1,3}$/.test(g.word))
        .map((g, order) => ({ g, order, df: Math.max(...g.alternatives.map(df)) }))
        .filter((x) => x.df > 0);
      const telling = rated.filter((x) => x.df <= 1000);
      const chosen = (telling.length > 0 ? telling : rated).sort((x, y) => x.df - y.df || x.order - y.order).slice(0, 8).sort((x, y) => x.order - y.order);
      const want = chosen.length === 0 ? [] : bruteForce({ groups: chosen.map((x) => x.g), whole: null, words: [] }, { status: 'published', product }, who, 6, false).slice(0, 6);
      expect(got.map((h) => h.id)).toEqual(want.map((x) => x.id));
      got.forEach((h, k) => expect(h.score).toBeCloseTo((want[k] as { score: number }).score, 9));
    }),
    { numRuns: runs },
  );
}

describe('ranked search equals a brute-force scorer (issue 17 point 4)', () => {
  it('same order, scores and totals on every page, for random queries, filters and viewers', () => {
    fc.assert(
      fc.property(queryText, filter, viewer, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 25 }), (q, f, who, offset, limit) => {
        const got = store.read((r) => searchArticles(r, KbSearchQuerySchema.parse({ q, status: f.status, product: f.product, offset, limit }), who));
        const u = understandQuery(q, cutChinese, { prefixLast: true, synonyms: syn });
        if (u.groups.length === 0 || u.groups.every((g: QueryGroup) => g.required)) return; // the quoted-only path: rank(), covered by postings.test.ts
        const want = bruteForce(u, f, who, offset + limit, true);
        expect(got.total, q).toBe(want.length);
        expect(got.totalExact).toBe(true);
        const page = want.slice(offset, offset + limit);
        expect(got.hits.map((h) => h.id), q).toEqual(page.map((x) => x.id));
        got.hits.forEach((h, k) => expect(h.score).toBeCloseTo((page[k] as { score: number }).score, 9));
      }),
      { numRuns: 150 },
    );
  });

  it('the same again when the cached lists are reused (each query twice, pages in any order)', () => {
    fc.assert(
      fc.property(queryText, fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 4 }), (q, offsets) => {
        const u = understandQuery(q, cutChinese, { prefixLast: true, synonyms: syn });
        if (u.groups.length === 0 || u.groups.every((g: QueryGroup) => g.required)) return;
        const who: Actor = { username: 'agent1', role: 'agent' };
        for (const offset of offsets) {
          const got = store.read((r) => searchArticles(r, KbSearchQuerySchema.parse({ q, offset, limit: 7 }), who));
          const want = bruteForce(u, { status: 'published' }, who, offset + 7, true);
          expect(got.total).toBe(want.length);
          expect(got.hits.map((h) => h.id)).toEqual(want.slice(offset, offset + 7).map((x) => x.id));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('suggestions: the rarest telling words of a description, ranked the same way over published articles', () => {
    checkSuggestions(25);
  });

  it('after a rebuild (one segment: the count of a lone token for suggestions stops early), searches and suggestions still equal the brute force', () => {
    store.write((w) => rebuildKbIndex(w));
    expect(store.read((r) => readSegments(r).length)).toBe(1);
    checkSuggestions(25);
    fc.assert(
      fc.property(queryText, filter, fc.integer({ min: 0, max: 30 }), (q, f, offset) => {
        const who: Actor = { username: 'agent2', role: 'agent' };
        const u = understandQuery(q, cutChinese, { prefixLast: true, synonyms: syn });
        if (u.groups.length === 0 || u.groups.every((g: QueryGroup) => g.required)) return;
        const got = store.read((r) => searchArticles(r, KbSearchQuerySchema.parse({ q, status: f.status, product: f.product, offset, limit: 10 }), who));
        const want = bruteForce(u, f, who, offset + 10, true);
        expect(got.total).toBe(want.length);
        expect(got.hits.map((h) => h.id)).toEqual(want.slice(offset, offset + 10).map((x) => x.id));
      }),
      { numRuns: 60 },
    );
  });
});
