import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { type KbHit, type KbSearchQuerySchema, type KbSearchResult, type KbSuggestQuerySchema } from '../../../shared/kb/schema.js';
import { indexText, matchPhrase, parseQuery, parseTags, phraseOf, type QueryPhrase, tagsIndexText, tokenize, highlightRanges } from '../../../shared/kb/tokenize.js';
import { AppError } from '../../../shared/result.js';
import { isReviewer, type Actor } from '../../../shared/roles.js';
import type { SqlValue, StoreFunctions } from '../store/types.js';
import type { SqlReader, SqlWriter } from '../store/index.js';
import { makeSnippet, stripMarkdown } from './snippet.js';

/**
 * The knowledge base's search engine. The index (migration 0004_kb_search)
 * is an FTS4 table over the tokens of shared/kb/tokenize.ts, kept in step by
 * triggers on kb_articles that call the SQL functions below; kb_search_docs
 * holds what filtering and ranking need per article.
 *
 * Ranking is BM25F: per phrase, the term frequency of each field is
 * normalised by the field's length (b = 0.75) and weighted title 5, tags 3,
 * body 1, then saturated (k1 = 1.2) and multiplied by the phrase's IDF. Ties
 * go to the more recently updated article, then the more helpful one.
 */

const str = (v: SqlValue | Uint8Array): string | null => (typeof v === 'string' ? v : null);
const countTokens = (text: string | null): number => (text ? tokenize(text).length : 0);

/** Registered on the Store's connection (StoreOptions.functions); deterministic, pure. */
export const KB_SQL_FUNCTIONS: StoreFunctions = {
  kb_tokens: (text) => indexText(str(text)),
  kb_tag_tokens: (tagsJson) => tagsIndexText(str(tagsJson)),
  kb_token_count: (text) => countTokens(str(text)),
  kb_tag_token_count: (tagsJson) => parseTags(str(tagsJson)).reduce((n, t) => n + countTokens(t), 0),
};

export const FIELD_WEIGHTS = [5, 3, 1] as const; // title, tags, body
const K1 = 1.2;
const B = 0.75;
const COLS = 3;
/** One suggestion term may match at most this many articles (else it is not telling). */
const SUGGEST_MAX_DF = 1000;
const SUGGEST_MAX_PROBES = 24;
const SUGGEST_MAX_TERMS = 8;
/** ...and together the chosen terms match at most about this many (each matching article is scored). */
const SUGGEST_MAX_ROWS = 3000;

type SearchQuery = z.output<typeof KbSearchQuerySchema>;
type SuggestQuery = z.output<typeof KbSuggestQuerySchema>;

interface Filter {
  sql: string;
  params: SqlValue[];
}

/** Which articles the viewer may see under a status filter (domain: drafts to their author and reviewers). */
function visibility(status: SearchQuery['status'], viewer: Actor, alias: string): Filter {
  const reviewer = isReviewer(viewer.role);
  const draft = reviewer ? `${alias}.status = 'draft'` : `(${alias}.status = 'draft' AND ${alias}.author_id = ?)`;
  const draftParams: SqlValue[] = reviewer ? [] : [viewer.username];
  switch (status) {
    case 'published':
    case 'retired':
      return { sql: `${alias}.status = '${status}'`, params: [] };
    case 'draft':
      return { sql: draft, params: draftParams };
    case 'all':
      return { sql: `(${alias}.status IN ('published', 'retired') OR ${draft})`, params: draftParams };
  }
}

function filters(q: { status: SearchQuery['status']; product?: string | undefined; category?: string | undefined }, viewer: Actor, alias: string): Filter {
  const v = visibility(q.status, viewer, alias);
  const parts = [v.sql];
  const params = [...v.params];
  if (q.product) {
    parts.push(`${alias}.product = ?`);
    params.push(q.product);
  }
  if (q.category) {
    parts.push(`${alias}.category = ?`);
    params.push(q.category);
  }
  return { sql: parts.join(' AND '), params };
}

interface Candidate {
  docid: number;
  score: number;
  updatedAt: string;
}

/** Every match, scored: parallel arrays (tens of thousands of objects cost more than the scoring). */
interface Scored {
  docids: number[];
  scores: number[];
}

/** The k-th largest value (1-based) of `values` by quickselect; O(n). */
function kthLargest(values: readonly number[], k: number): number {
  const a = Float64Array.from(values);
  let lo = 0;
  let hi = a.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) > pivot) i++;
      while ((a[j] as number) < pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  return a[want] as number;
}

/** Value of one hex digit's char code. */
function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : c - 55; // SQLite's hex() is upper case
}

/** Little-endian uint32 at byte offset `at` (in hex characters) of a hex string. */
function hexU32(s: string, at: number): number {
  let v = 0;
  for (let k = 6; k >= 0; k -= 2) v = v * 256 + hexDigit(s.charCodeAt(at + k)) * 16 + hexDigit(s.charCodeAt(at + k + 1));
  return v;
}

/** Decimal integer in s[from, to). */
function decimal(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

function u32s(blob: SqlValue | Uint8Array | undefined): Uint32Array {
  if (!(blob instanceof Uint8Array)) return new Uint32Array(0);
  const copy = blob.slice();
  return new Uint32Array(copy.buffer, copy.byteOffset, Math.floor(copy.byteLength / 4));
}

interface Globals {
  n: number;
  avg: number[];
  idf: number[];
}

/** N, average field lengths and each phrase's IDF, from one row's matchinfo 'nax' (the x part is global). */
function globals(r: SqlReader, match: string, phrases: number): Globals | null {
  const row = r.get<{ mi: Uint8Array }>("SELECT matchinfo(kb_search, 'nax') AS mi FROM kb_search WHERE kb_search MATCH ? LIMIT 1", [match]);
  if (!row) return null;
  const v = u32s(row.mi);
  const n = v[0] ?? 0;
  const avg = [v[1] ?? 0, v[2] ?? 0, v[3] ?? 0];
  const idf: number[] = [];
  for (let p = 0; p < phrases; p++) {
    let df = 0;
    for (let c = 0; c < COLS; c++) df = Math.max(df, v[4 + (p * COLS + c) * 3 + 2] ?? 0);
    idf.push(idfOf(n, df));
  }
  return { n, avg, idf };
}

/**
 * Every match that passes the filters, scored. One statement returns all of
 * them as one string (docid, matchinfo 'y' in hex, field lengths, updated_at):
 * stepping tens of thousands of rows through sql.js one by one costs more
 * than the search itself.
 */
function scoreMatches(r: SqlReader, match: string, phrases: number, f: Filter, given: Globals | null): Scored {
  // One phrase: its IDF needs only its document count, which is the number of
  // matches before filtering. So the filter becomes a flag on each record
  // instead of a WHERE clause, and the second pass over the index that
  // matchinfo 'x' costs is saved; N and the average lengths come from the
  // FTS table's own totals.
  const single = given === null;
  const g: Globals | null = given ?? stat(r);
  const out: Scored = { docids: [], scores: [] };
  if (!g) return out;
  const sql = single
    ? `SELECT group_concat(x, char(30)) AS rows FROM (
    SELECT d.docid || char(31) || hex(matchinfo(kb_search, 'y')) || char(31) || d.len_title || char(31) || d.len_tags || char(31) || d.len_body || char(31) || (CASE WHEN ${f.sql} THEN 1 ELSE 0 END) AS x
    FROM kb_search CROSS JOIN kb_search_docs d ON d.docid = kb_search.docid
    WHERE kb_search MATCH ? LIMIT -1)`
    : `SELECT group_concat(x, char(30)) AS rows FROM (
    SELECT d.docid || char(31) || hex(matchinfo(kb_search, 'y')) || char(31) || d.len_title || char(31) || d.len_tags || char(31) || d.len_body || char(31) || 1 AS x
    FROM kb_search CROSS JOIN kb_search_docs d ON d.docid = kb_search.docid
    WHERE kb_search MATCH ? AND ${f.sql} LIMIT -1)`;
  const row = r.get<{ rows: string | null }>(sql, single ? [...f.params, match] : [match, ...f.params]);
  const text = row?.rows;
  if (!text) return out;
  const norm = [0, 0, 0];
  const weights = FIELD_WEIGHTS;
  const avg = g.avg;
  const idf = single ? [1] : g.idf;
  let df = 0;
  // Records: docid US hex(y) US len_title US len_tags US len_body US passes-filter, separated by RS.
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\x1e', pos);
    if (end < 0) end = text.length;
    df++;
    if (text.charCodeAt(end - 1) !== 49) {
      pos = end + 1; // filtered out ('0')
      continue;
    }
    const f1 = text.indexOf('\x1f', pos);
    const f2 = text.indexOf('\x1f', f1 + 1);
    const f3 = text.indexOf('\x1f', f2 + 1);
    const f4 = text.indexOf('\x1f', f3 + 1);
    const f5 = text.indexOf('\x1f', f4 + 1);
    const docid = decimal(text, pos, f1);
    const lens = [decimal(text, f2 + 1, f3), decimal(text, f3 + 1, f4), decimal(text, f4 + 1, f5)];
    for (let c = 0; c < COLS; c++) {
      const a = avg[c] ?? 0;
      norm[c] = a > 0 ? 1 - B + (B * (lens[c] as number)) / a : 1;
    }
    let score = 0;
    for (let p = 0; p < phrases; p++) {
      let tf = 0;
      for (let c = 0; c < COLS; c++) {
        const hits = hexU32(text, f1 + 1 + (p * COLS + c) * 8);
        if (hits > 0) tf += ((weights[c] as number) * hits) / (norm[c] as number);
      }
      if (tf > 0) score += ((idf[p] as number) * tf * (K1 + 1)) / (K1 + tf);
    }
    out.docids.push(docid);
    out.scores.push(score);
    pos = end + 1;
  }
  if (single) {
    const k = idfOf(g.n, df);
    for (let i = 0; i < out.scores.length; i++) out.scores[i] = (out.scores[i] as number) * k;
  }
  return out;
}

function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** N and the average field lengths from the FTS table's totals (kb_search_stat row 0: varints nDoc, then tokens per column). */
function stat(r: SqlReader): Globals | null {
  const row = r.get<{ v: Uint8Array | null }>('SELECT value AS v FROM kb_search_stat WHERE id = 0');
  const v = row?.v;
  if (!(v instanceof Uint8Array)) return null;
  const nums: number[] = [];
  let cur = 0;
  let mul = 1;
  for (const byte of v) {
    cur += (byte & 0x7f) * mul;
    if (byte & 0x80) mul *= 128;
    else {
      nums.push(cur);
      cur = 0;
      mul = 1;
    }
  }
  const n = nums[0] ?? 0;
  if (n === 0) return null;
  return { n, avg: [0, 1, 2].map((c) => (nums[1 + c] ?? 0) / n), idf: [] };
}

interface ArticleRow {
  docid: number;
  id: string;
  title: string;
  body: string;
  product: string | null;
  category: string;
  tags: string;
  status: KbHit['status'];
  updated_at: string;
}

function loadRows(r: SqlReader, docids: readonly number[]): Map<number, ArticleRow & { usage: number; helpful: number }> {
  const ids = JSON.stringify(docids);
  const rows = r.all<ArticleRow>(
    'SELECT a.rowid AS docid, a.id, a.title, a.body, a.product, a.category, a.tags, a.status, a.updated_at FROM kb_articles a WHERE a.rowid IN (SELECT value FROM json_each(?))',
    [ids],
  );
  const counts = counters(
    r,
    rows.map((x) => x.id),
  );
  const out = new Map<number, ArticleRow & { usage: number; helpful: number }>();
  for (const row of rows) out.set(row.docid, { ...row, usage: counts.usage.get(row.id) ?? 0, helpful: counts.helpful.get(row.id) ?? 0 });
  return out;
}

/** Usage count and helpful votes (each voter's latest vote by hlc) of some articles. */
function counters(r: SqlReader, articleIds: readonly string[]): { usage: Map<string, number>; helpful: Map<string, number> } {
  const ids = JSON.stringify(articleIds);
  const usage = new Map<string, number>();
  for (const row of r.all<{ article_id: string; n: number }>('SELECT article_id, count(*) AS n FROM kb_uses WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY article_id', [ids])) {
    usage.set(row.article_id, row.n);
  }
  const helpful = new Map<string, number>();
  for (const row of r.all<{ article_id: string; n: number }>(
    `SELECT v.article_id, count(*) AS n FROM kb_votes v
     WHERE v.article_id IN (SELECT value FROM json_each(?)) AND v.vote = 'helpful'
       AND v.hlc = (SELECT max(v2.hlc) FROM kb_votes v2 WHERE v2.article_id = v.article_id AND v2.voter_id = v.voter_id)
     GROUP BY v.article_id`,
    [ids],
  )) {
    helpful.set(row.article_id, row.n);
  }
  return { usage, helpful };
}

function toHit(row: ArticleRow & { usage: number; helpful: number }, score: number, phrases: readonly QueryPhrase[]): KbHit {
  const { snippet, highlights } = makeSnippet(stripMarkdown(row.body), phrases);
  return {
    id: row.id,
    title: row.title,
    titleHighlights: highlightRanges(row.title, phrases),
    product: row.product,
    category: row.category,
    tags: parseTags(row.tags),
    status: row.status,
    updatedAt: row.updated_at,
    usageCount: row.usage,
    helpful: row.helpful,
    score,
    snippet,
    snippetHighlights: highlights,
  };
}

const byScore = (a: Candidate, b: Candidate) => b.score - a.score || (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);
const sameKey = (a: Candidate, b: Candidate) => a.score === b.score && a.updatedAt === b.updatedAt;

/**
 * The page `[offset, offset + limit)` of the ranked matches as hits. Only the
 * matches scoring at least the page's last score are sorted (quickselect
 * finds that score); their updated_at breaks ties, then helpful votes, read
 * only for the rows around the page.
 */
function page(r: SqlReader, s: Scored, offset: number, limit: number, phrases: readonly QueryPhrase[]): KbHit[] {
  const n = s.scores.length;
  if (offset >= n) return [];
  const k = Math.min(n, offset + limit);
  const threshold = kthLargest(s.scores, k);
  const top: number[] = [];
  for (let i = 0; i < n; i++) if ((s.scores[i] as number) >= threshold) top.push(i);
  const updated = new Map<number, string>();
  for (const row of r.all<{ docid: number; updated_at: string }>('SELECT docid, updated_at FROM kb_search_docs WHERE docid IN (SELECT value FROM json_each(?))', [
    JSON.stringify(top.map((i) => s.docids[i])),
  ])) {
    updated.set(row.docid, row.updated_at);
  }
  const all: Candidate[] = top.map((i) => {
    const docid = s.docids[i] as number;
    return { docid, score: s.scores[i] as number, updatedAt: updated.get(docid) ?? '' };
  });
  all.sort(byScore);
  let from = offset;
  let to = Math.min(all.length, offset + limit);
  while (from > 0 && sameKey(all[from - 1] as Candidate, all[from] as Candidate)) from--;
  while (to < all.length && sameKey(all[to - 1] as Candidate, all[to] as Candidate)) to++;
  const window = all.slice(from, to);
  const rows = loadRows(
    r,
    window.map((c) => c.docid),
  );
  const helpful = (c: Candidate) => rows.get(c.docid)?.helpful ?? 0;
  const id = (c: Candidate) => rows.get(c.docid)?.id ?? '';
  window.sort((a, b) => byScore(a, b) || helpful(b) - helpful(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const out: KbHit[] = [];
  for (const c of window.slice(offset - from, offset - from + limit)) {
    const row = rows.get(c.docid);
    if (row) out.push(toHit(row, c.score, phrases));
  }
  return out;
}

/**
 * Ranked search (shared/kb/schema.ts KbSearchQuerySchema). Input is text, never
 * FTS syntax: every phrase is quoted, so any query either works or has no
 * searchable words (then no hits). An empty query lists the newest articles.
 */
export function searchArticles(r: SqlReader, q: SearchQuery, viewer: Actor): KbSearchResult {
  const t0 = performance.now();
  if (q.q.length > 1000) throw new AppError('VALIDATION_FAILED', 'The search text is too long', [{ path: 'q', code: 'too_big', message: 'Too long', limit: 200 }]);
  const text = q.q.trim();
  const f = filters(q, viewer, 'd');
  if (text === '') {
    const total = r.get<{ n: number }>(`SELECT count(*) AS n FROM kb_search_docs d WHERE ${f.sql}`, f.params)?.n ?? 0;
    const list = r.all<{ docid: number; updated_at: string }>(`SELECT d.docid, d.updated_at FROM kb_search_docs d WHERE ${f.sql} ORDER BY d.updated_at DESC, d.docid DESC LIMIT ? OFFSET ?`, [
      ...f.params,
      q.limit,
      q.offset,
    ]);
    const rows = loadRows(
      r,
      list.map((x) => x.docid),
    );
    const hits: KbHit[] = [];
    for (const x of list) {
      const row = rows.get(x.docid);
      if (row) hits.push(toHit(row, 0, []));
    }
    return { hits, total, tookMs: performance.now() - t0 };
  }
  const phrases = parseQuery(text);
  if (phrases.length === 0) return { hits: [], total: 0, tookMs: performance.now() - t0 };
  const match = phrases.map(matchPhrase).join(' ');
  let g: Globals | null = null;
  if (phrases.length > 1) {
    g = globals(r, match, phrases.length);
    if (!g) return { hits: [], total: 0, tookMs: performance.now() - t0 };
  }
  const scored = scoreMatches(r, match, phrases.length, f, g);
  const hits = page(r, scored, q.offset, q.limit, phrases);
  return { hits, total: scored.scores.length, tookMs: performance.now() - t0 };
}

/** Bigrams that say nothing about a problem (function words, politeness, filler). */
const STOP_BIGRAMS = new Set(
  '我们 你们 他们 一个 这个 那个 什么 怎么 为什么 如何 没有 可以 已经 需要 进行 现在 然后 但是 因为 所以 如果 还是 就是 不是 一下 一直 时候 问题 情况 客户 用户 您好 你好 谢谢 麻烦 请问 反映 表示 说明 出现 发现 目前 之后 之前 以后 以前 今天 昨天 的话'.split(
    ' ',
  ),
);

/**
 * Suggestions for free text (a ticket description being typed): its most
 * telling terms (words and Chinese bigrams that are not stop words, occur
 * in the KB, and in at most SUGGEST_MAX_DF articles), OR'd and ranked with
 * the same BM25F; published articles only.
 */
export function suggestArticles(r: SqlReader, q: SuggestQuery, viewer: Actor): KbHit[] {
  const toks = tokenize(q.text.slice(0, 20_000));
  // candidate terms: in-text frequency, first position
  const seen = new Map<string, { tf: number; first: number }>();
  toks.forEach((t, i) => {
    if (t.kind === 'cjk' && t.text.length < 2) return;
    if (t.kind === 'word' && (t.text.length < 2 || /^\d{1,3}$/.test(t.text))) return;
    if (STOP_BIGRAMS.has(t.text)) return;
    const e = seen.get(t.text);
    if (e) e.tf++;
    else seen.set(t.text, { tf: 1, first: i });
  });
  const ordered = [...seen.entries()].sort((a, b) => b[1].tf - a[1].tf || a[1].first - b[1].first).slice(0, SUGGEST_MAX_PROBES);
  // document frequency, counted up to the cap only (stops early on frequent terms)
  const terms: { phrase: QueryPhrase; weight: number; df: number }[] = [];
  for (const [text, e] of ordered) {
    const phrase = phraseOf(text, false);
    if (!phrase) continue;
    const df = r.get<{ n: number }>('SELECT count(*) AS n FROM (SELECT docid FROM kb_search WHERE kb_search MATCH ? LIMIT ?)', [matchPhrase(phrase), SUGGEST_MAX_DF + 1])?.n ?? 0;
    if (df === 0 || df > SUGGEST_MAX_DF) continue;
    terms.push({ phrase, weight: e.tf * Math.log(1 + 1 / df), df });
  }
  // The most telling terms first, while the articles to rank stay few (the cost is per matching article).
  terms.sort((a, b) => b.weight - a.weight);
  const chosen: QueryPhrase[] = [];
  let budget = SUGGEST_MAX_ROWS;
  for (const t of terms) {
    if (chosen.length >= SUGGEST_MAX_TERMS) break;
    if (t.df > budget && chosen.length > 0) continue;
    chosen.push(t.phrase);
    budget -= t.df;
  }
  if (chosen.length === 0) return [];
  const match = chosen.map(matchPhrase).join(' OR ');
  const g = globals(r, match, chosen.length);
  if (!g) return [];
  const f = filters({ status: 'published', product: q.product }, viewer, 'd');
  const all = scoreMatches(r, match, chosen.length, f, g);
  return page(r, all, 0, q.limit, chosen);
}

/** Drops and rebuilds the whole index from kb_articles, in the caller's transaction (Store.write). */
export function rebuildKbIndex(w: SqlWriter): { articles: number; tookMs: number } {
  const t0 = performance.now();
  w.run('DELETE FROM kb_search_docs');
  w.run(
    `INSERT INTO kb_search_docs (docid, article_id, status, product, category, author_id, updated_at, len_title, len_tags, len_body)
     SELECT rowid, id, status, product, category, author_id, updated_at, kb_token_count(title), kb_tag_token_count(tags), kb_token_count(body) FROM kb_articles`,
  );
  w.run("INSERT INTO kb_search (kb_search) VALUES ('rebuild')");
  w.run("INSERT INTO kb_search (kb_search) VALUES ('optimize')");
  const articles = w.get<{ n: number }>('SELECT count(*) AS n FROM kb_search_docs')?.n ?? 0;
  return { articles, tookMs: performance.now() - t0 };
}

/**
 * Ids of every article the query text matches, whatever its status (no
 * ranking, no paging): recall checks in tests and the benchmark.
 */
export function kbMatchIds(r: SqlReader, text: string): string[] {
  const phrases = parseQuery(text.trim());
  if (phrases.length === 0) return [];
  return r
    .all<{ id: string }>('SELECT a.id FROM kb_search CROSS JOIN kb_articles a ON a.rowid = kb_search.docid WHERE kb_search MATCH ?', [phrases.map(matchPhrase).join(' ')])
    .map((x) => x.id);
}
