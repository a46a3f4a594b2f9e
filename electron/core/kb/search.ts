import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { type KbHit, type KbSearchQuerySchema, type KbSearchResult, type KbSuggestQuerySchema } from '../../../shared/kb/schema.js';
import { indexText, matchPhrase, parseQuery, parseTags, type QueryPhrase, tagsIndexText, tokenize, highlightRanges } from '../../../shared/kb/tokenize.js';
import { AppError } from '../../../shared/result.js';
import { isReviewer, type Actor } from '../../../shared/roles.js';
import type { SqlValue, StoreFunctions } from '../store/types.js';
import type { SqlReader, SqlWriter } from '../store/index.js';
import { makeSnippet, stripMarkdown } from './snippet.js';
import { addWords, cutChinese } from './segment.js';
import { understandQuery, type QueryGroup, type UnderstoodQuery } from '../../../shared/kb/query.js';
import { DEFAULT_SYNONYMS, synonymIndex } from '../../../shared/kb/synonyms.js';
import { NodeCache, PhraseMatches, phraseMatches, PostingsFormatError, readSegments, tokenDfAtMost } from './postings.js';

/**
 * The knowledge base's search engine. The index (migration 0004_kb_search)
 * is an FTS4 table over the tokens of shared/kb/tokenize.ts, kept in step by
 * triggers on kb_articles that call the SQL functions below; kb_search_docs
 * holds what filtering and ranking need per article.
 *
 * Ranking is BM25 with field weights: per phrase and field, the term
 * frequency is normalised by the field's length (b = 0.75) and saturated
 * (k1 = 1.2); the fields' parts are weighted title 5, tags 3, body 1, summed
 * and multiplied by the phrase's IDF. Ties go to the more recently updated
 * article, then the more helpful one. Saturating each field on its own (not
 * the weighted sum, as BM25F does) keeps title above tags above body and
 * gives a bound: no body adds more than IDF * 1 * (k1 + 1), which is what
 * lets `tiered` rank a frequent word from its title/tag matches without
 * reading the body doclist.
 *
 * Cost: outside a write (every Store.read), the postings are read from
 * kb_search's segment tables and merged in JS (postings.ts): one blob read
 * per token and a pass over its bytes, no SQL step per match. Every match is
 * scored, so the order and `total` are exact. The per-article data (filters,
 * field lengths) is in memory (DocTable).
 *
 * Inside a write (FTS4 holds that transaction's new postings in memory until
 * commit), or if the segment format ever surprises postings.ts, a query is
 * one FTS4 evaluation plus per-match work in JS instead; there a single
 * phrase matching more than KB_SEARCH_TUNING.tieredMinDf articles takes the
 * tiered path when it can, and its `total` is then an estimate (totalExact
 * false).
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
  docids: number[] | Float64Array;
  scores: number[] | Float64Array;
}

/**
 * The k-th largest value (1-based) of `values` for a small k (a results
 * page): one pass keeping the k largest in a min-heap, where nearly every
 * value fails the first comparison; no copy of `values`.
 */
function kthLargestSmall(values: Float64Array, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (size < k) {
      // sift up
      let c = size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if ((heap[parent] as number) <= v) break;
        heap[c] = heap[parent] as number;
        c = parent;
      }
      heap[c] = v;
    } else if (v > (heap[0] as number)) {
      // replace the smallest, sift down
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= k) break;
        const m = l + 1 < k && (heap[l + 1] as number) < (heap[l] as number) ? l + 1 : l;
        if ((heap[m] as number) >= v) break;
        heap[c] = heap[m] as number;
        c = m;
      }
      heap[c] = v;
    }
  }
  return heap[0] as number;
}

/** The k-th largest value (1-based) of `values` by quickselect; O(n). */
function kthLargest(values: ArrayLike<number>, k: number): number {
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
  // matchinfo 'a' is whole numbers; the FTS table's totals give the exact
  // averages, as every other path uses them (the same scores whichever path).
  const exact = stat(r);
  return { n, avg: exact?.avg ?? avg, idf };
}

// ------------------------------------------------------------ per-article cache

const STATUS_CODE: Record<string, number> = { draft: 1, published: 2, retired: 3 };

/**
 * kb_search_docs in memory: what filtering and ranking need per article,
 * in typed arrays by docid, so scoring a match costs no SQL lookup. Valid
 * while kb_search_gen holds the value it was built at (triggers change it
 * on every write to kb_search_docs, whoever makes it).
 */
interface DocTable {
  gen: number;
  /** articles indexed */
  n: number;
  /** docid -> slot + 1 (0: no such article), when docids are dense enough */
  dense: Int32Array | null;
  sparse: Map<number, number> | null;
  status: Uint8Array;
  product: Int32Array;
  category: Int32Array;
  author: Int32Array;
  lenTitle: Float64Array;
  lenTags: Float64Array;
  lenBody: Float64Array;
  /** every docid, ascending (for the share of articles below a docid) */
  sorted: Float64Array;
  strings: Map<string, number>;
  /** 1 / BM25 length normalisation per slot and field (3 per slot), for the averages in `normsFor` */
  norms: Float64Array | null;
  normsFor: string;
}

const docTables = new WeakMap<SqlReader, DocTable>();

function docTable(r: SqlReader): DocTable {
  const gen = r.get<{ g: number }>('SELECT gen AS g FROM kb_search_gen WHERE id = 0')?.g ?? 0;
  const cached = docTables.get(r);
  if (cached && cached.gen === gen) return cached;
  const json = r.get<{ j: string | null }>(
    `SELECT json_group_array(json_array(docid, status, product, category, author_id, len_title, len_tags, len_body)) AS j FROM (SELECT * FROM kb_search_docs ORDER BY docid)`,
  )?.j;
  const rows = JSON.parse(json ?? '[]') as [number, string, string | null, string, string, number, number, number][];
  const n = rows.length;
  const strings = new Map<string, number>();
  const intern = (s: string | null): number => {
    if (s === null) return -1;
    let id = strings.get(s);
    if (id === undefined) {
      id = strings.size;
      strings.set(s, id);
    }
    return id;
  };
  const maxDocid = n > 0 ? (rows[n - 1] as (typeof rows)[number])[0] : 0;
  const useDense = maxDocid < 4 * n + 65_536;
  const t: DocTable = {
    gen,
    n,
    dense: useDense ? new Int32Array(maxDocid + 1) : null,
    sparse: useDense ? null : new Map(),
    status: new Uint8Array(n),
    product: new Int32Array(n),
    category: new Int32Array(n),
    author: new Int32Array(n),
    lenTitle: new Float64Array(n),
    lenTags: new Float64Array(n),
    lenBody: new Float64Array(n),
    sorted: new Float64Array(n),
    strings,
    norms: null,
    normsFor: '',
  };
  rows.forEach(([docid, status, product, category, author, lt, lg, lb], i) => {
    if (t.dense) t.dense[docid] = i + 1;
    else t.sparse?.set(docid, i);
    t.status[i] = STATUS_CODE[status] ?? 0;
    t.product[i] = intern(product);
    t.category[i] = intern(category);
    t.author[i] = intern(author);
    t.lenTitle[i] = lt;
    t.lenTags[i] = lg;
    t.lenBody[i] = lb;
    t.sorted[i] = docid;
  });
  docTables.set(r, t);
  return t;
}

/** 1 / lengthNorm of every slot's fields (title, tags, body) under these average lengths; kept while they hold. */
function inverseNorms(t: DocTable, avg: readonly number[]): Float64Array {
  const key = avg.join(' ');
  if (t.norms && t.normsFor === key) return t.norms;
  const [a0, a1, a2] = avg as [number, number, number];
  const out = new Float64Array(t.n * COLS);
  for (let i = 0; i < t.n; i++) {
    out[i * COLS] = 1 / lengthNorm(t.lenTitle[i] as number, a0);
    out[i * COLS + 1] = 1 / lengthNorm(t.lenTags[i] as number, a1);
    out[i * COLS + 2] = 1 / lengthNorm(t.lenBody[i] as number, a2);
  }
  t.norms = out;
  t.normsFor = key;
  return out;
}

/** The slot of a docid in the table, or -1 when kb_search_docs has no such article. */
function slotOf(t: DocTable, docid: number): number {
  if (t.dense) return docid < t.dense.length ? (t.dense[docid] as number) - 1 : -1;
  return t.sparse?.get(docid) ?? -1;
}

/** How many articles have a docid <= `docid`. */
function countUpTo(t: DocTable, docid: number): number {
  let lo = 0;
  let hi = t.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t.sorted[mid] as number) <= docid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The filters of `filters()` as a test on a slot (the same rules). */
function slotFilter(t: DocTable, q: { status: SearchQuery['status']; product?: string | undefined; category?: string | undefined }, viewer: Actor): (slot: number) => boolean {
  const reviewer = isReviewer(viewer.role);
  const me = t.strings.get(viewer.username) ?? -2;
  const product = q.product ? (t.strings.get(q.product) ?? -2) : null;
  const category = q.category ? (t.strings.get(q.category) ?? -2) : null;
  const { status: st, author } = t;
  const draftOk = (i: number) => st[i] === 1 && (reviewer || author[i] === me);
  let visible: (i: number) => boolean;
  switch (q.status) {
    case 'published':
      visible = (i) => st[i] === 2;
      break;
    case 'retired':
      visible = (i) => st[i] === 3;
      break;
    case 'draft':
      visible = draftOk;
      break;
    case 'all':
      visible = (i) => st[i] === 2 || st[i] === 3 || draftOk(i);
      break;
  }
  if (product === null && category === null) return visible;
  return (i) => visible(i) && (product === null || t.product[i] === product) && (category === null || t.category[i] === category);
}

/** Filter masks per table (a few: a viewer searches under one or two filters at a time). */
const MASKS_MAX = 16;
const masks = new WeakMap<DocTable, Map<string, Uint8Array>>();

/** `slotFilter` as a byte per slot (1: passes), kept per table and filter: a lookup per match instead of a call. */
function passMask(t: DocTable, q: { status: SearchQuery['status']; product?: string | undefined; category?: string | undefined }, viewer: Actor): Uint8Array {
  const key = `${q.status}\u0000${q.product ?? ''}\u0000${q.category ?? ''}\u0000${isReviewer(viewer.role) ? '\u0001reviewer' : `user:${viewer.username}`}`;
  let byKey = masks.get(t);
  if (!byKey) {
    byKey = new Map();
    masks.set(t, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const pass = slotFilter(t, q, viewer);
  const out = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) if (pass(i)) out[i] = 1;
  if (byKey.size >= MASKS_MAX) byKey.clear();
  byKey.set(key, out);
  return out;
}

// ------------------------------------------------------------ scoring

/** BM25 saturation of a length-normalised term frequency, times (k1 + 1): in [0, k1 + 1). */
const sat = (tf: number): number => (tf > 0 ? (tf * (K1 + 1)) / (K1 + tf) : 0);
const lengthNorm = (len: number, avg: number): number => (avg > 0 ? 1 - B + (B * len) / avg : 1);
/** No document's body part of a phrase's score reaches this (times the phrase's IDF). */
const BODY_BOUND = (FIELD_WEIGHTS[2] as number) * (K1 + 1);
/** The body part of a match with one occurrence in a body of average length. */
const TYPICAL_BODY = (FIELD_WEIGHTS[2] as number) * sat(1);

/**
 * Every match that passes the filter, scored. One statement returns all of
 * them as one string ("docid hex(matchinfo y) docid hex ..."): stepping
 * tens of thousands of rows through sql.js one by one costs more than the
 * search itself. Lengths and the filter come from the DocTable.
 */
function scoreAll(r: SqlReader, t: DocTable, match: string, phrases: number, pass: (slot: number) => boolean, g: Globals, limit = -1, seen?: number[]): Scored & { df: number } {
  const out = { docids: [] as number[], scores: [] as number[], df: 0 };
  const text = r.get<{ rows: string | null }>(
    `SELECT group_concat(x, ' ') AS rows FROM (SELECT docid || ' ' || hex(matchinfo(kb_search, 'y')) AS x FROM kb_search WHERE kb_search MATCH ? LIMIT ?)`,
    [match, limit],
  )?.rows;
  if (!text) return out;
  const [a0, a1, a2] = g.avg as [number, number, number];
  const idf = g.idf;
  const w = FIELD_WEIGHTS;
  let pos = 0;
  while (pos < text.length) {
    const sp = text.indexOf(' ', pos);
    let end = text.indexOf(' ', sp + 1);
    if (end < 0) end = text.length;
    out.df++;
    const docid = decimal(text, pos, sp);
    pos = end + 1;
    seen?.push(docid);
    const i = slotOf(t, docid);
    if (i < 0 || !pass(i)) continue;
    const n0 = lengthNorm(t.lenTitle[i] as number, a0);
    const n1 = lengthNorm(t.lenTags[i] as number, a1);
    const n2 = lengthNorm(t.lenBody[i] as number, a2);
    let score = 0;
    for (let p = 0; p < phrases; p++) {
      const at = sp + 1 + p * COLS * 8;
      const s = w[0] * sat(hexU32(text, at) / n0) + w[1] * sat(hexU32(text, at + 8) / n1) + w[2] * sat(hexU32(text, at + 16) / n2);
      score += (idf[p] ?? 1) * s;
    }
    out.docids.push(docid);
    out.scores.push(score);
  }
  return out;
}

const SIMPLE_TEXT = /^[\t\n\r\u0020-\u007e\u3000-\u3006\u3008-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/;
const ASCII_WORD = /^[a-z0-9]+$/;
const FULL_WIDTH = /[\uff01-\uff5e]/g;

/** How often a phrase occurs in a text, as the index counts it (matchinfo 'y' of that text's column). */
export function phraseHits(text: string, p: QueryPhrase): number {
  const n = p.tokens.length;
  if (n === 0 || text === '') return 0;
  let hits = 0;
  if (p.literal) {
    // One CJK run, not normalised: every occurrence is one match (a lone
    // character as a prefix meets exactly one token per occurrence).
    for (let at = text.indexOf(p.literal); at >= 0; at = text.indexOf(p.literal, at + 1)) hits++;
    return hits;
  }
  // Text of ASCII, CJK ideographs, CJK and full-width punctuation only (most
  // articles): the tokens are exactly the [a-z0-9] runs and the ideographs of
  // the folded text, so a regular expression finds the phrase without
  // tokenising. Anything else: tokenise.
  if (SIMPLE_TEXT.test(text) && p.tokens.every((x) => ASCII_WORD.test(x))) {
    const folded = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
    if (!folded.includes(p.tokens[0] as string)) return 0;
    const last = n - 1;
    const body = p.tokens.map((x, j) => (j === last && p.prefix ? `${x}[a-z0-9]*` : x)).join('[^a-z0-9\\u4e00-\\u9fff]+');
    const re = new RegExp(`(?<![a-z0-9])(?=${body}(?![a-z0-9]))`, 'g');
    for (const _ of folded.matchAll(re)) hits++;
    return hits;
  }
  const toks = tokenize(text);
  for (let i = 0; i + n <= toks.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const tk = (toks[i + j] as { text: string }).text;
      const want = p.tokens[j] as string;
      ok = p.prefix && j === n - 1 ? tk.startsWith(want) : tk === want;
    }
    if (ok) hits++;
  }
  return hits;
}

/**
 * Tuning of the tiered path (mutable for tests and the benchmark):
 * single-phrase queries matching more than `tieredMinDf` articles take it;
 * it reads at most `maxBodies` bodies, `batch` at a time, before giving up.
 * `postings` false makes every query use FTS4 (tests compare the two paths;
 * the benchmark measures both); a query with a multi-token phrase uses FTS4
 * when kb_search has more than `maxPhraseSegments` segments (measured at
 * 50k articles, 35 segments: FTS4 p50 2 ms there, postings 6 ms).
 */
export const KB_SEARCH_TUNING: { tieredMinDf: number; maxBodies: number; batch: number; postings: boolean; maxPhraseSegments: number; trace: string[] | null } = {
  tieredMinDf: 3000,
  maxBodies: 400,
  batch: 40,
  postings: true,
  maxPhraseSegments: 4,
  trace: null,
};

interface Ranked extends Scored {
  total: number;
  totalExact: boolean;
}

/**
 * Top-k of one phrase without reading its body doclist (MaxScore): with
 * per-field saturation a document's score is title part + tags part + body
 * part, and the body part is below BODY_BOUND (times the IDF) whatever the
 * body holds. kb_search_head's doclist (title and tags only) is short, so the
 * title/tag matches are scored exhaustively; then, best first, their bodies
 * are read and counted exactly (phraseHits) until the k-th best exact score
 * is at least BODY_BOUND (no body-only match can reach the page) and the next
 * candidate's head part plus BODY_BOUND cannot beat it either. Returns null
 * when that does not happen soon (the caller scores every match).
 *
 * `total` and the IDF are then estimated from the first matches in docid
 * order (an incremental read): exact below KB_SEARCH_TUNING.tieredMinDf.
 */
function tiered(r: SqlReader, t: DocTable, phrase: QueryPhrase, match: string, pass: (slot: number) => boolean, k: number, g: Globals, sample: number[]): Ranked | null {
  const text = r.get<{ rows: string | null }>(
    `SELECT group_concat(x, ' ') AS rows FROM (SELECT docid || ' ' || hex(matchinfo(kb_search_head, 'y')) AS x FROM kb_search_head WHERE kb_search_head MATCH ? LIMIT -1)`,
    [match],
  )?.rows;
  const tr = KB_SEARCH_TUNING.trace;
  const tStart = performance.now();
  if (!text) return null;
  const [a0, a1, a2] = g.avg as [number, number, number];
  const w = FIELD_WEIGHTS;
  const headDocids: number[] = [];
  const headScores: number[] = [];
  const headSlots: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    const sp = text.indexOf(' ', pos);
    let end = text.indexOf(' ', sp + 1);
    if (end < 0) end = text.length;
    const docid = decimal(text, pos, sp);
    pos = end + 1;
    const i = slotOf(t, docid);
    if (i < 0 || !pass(i)) continue;
    headDocids.push(docid);
    headSlots.push(i);
    headScores.push(w[0] * sat(hexU32(text, sp + 1) / lengthNorm(t.lenTitle[i] as number, a0)) + w[1] * sat(hexU32(text, sp + 9) / lengthNorm(t.lenTags[i] as number, a1)));
  }
  tr?.push(`head ${headDocids.length} in ${(performance.now() - tStart).toFixed(1)}ms`);
  if (headDocids.length < k) return null;
  const order = Array.from(headScores.keys()).sort((x, y) => (headScores[y] as number) - (headScores[x] as number));
  // Hopeless when the head scores are too close together: the k-th best
  // exact score is about the k-th head score plus a typical body part, and
  // every candidate within BODY_BOUND below that would need its body read.
  const kthHead = headScores[order[k - 1] as number] as number;
  let close = 0;
  for (const x of headScores) if (x > kthHead + TYPICAL_BODY - BODY_BOUND) close++;
  if (close > KB_SEARCH_TUNING.maxBodies) {
    tr?.push(`hopeless: ${close} close candidates`);
    return null;
  }
  const out = { docids: [] as number[], scores: [] as number[] };
  let done = 0;
  for (;;) {
    if (out.scores.length >= k) {
      const kth = kthLargest(out.scores, k);
      const next = done < order.length ? (headScores[order[done] as number] as number) : -Infinity;
      if (kth >= BODY_BOUND && next + BODY_BOUND <= kth) break;
      if (done >= order.length) return null; // body-only matches may still beat the page
    }
    if (done >= KB_SEARCH_TUNING.maxBodies || done >= order.length) {
      tr?.push(`gave up after ${done} bodies, kth ${out.scores.length >= k ? kthLargest(out.scores, k).toFixed(2) : '-'} next ${(headScores[order[done] as number] ?? 0).toFixed(2)} top ${(headScores[order[0] as number] ?? 0).toFixed(2)} ${(performance.now() - tStart).toFixed(1)}ms`);
      return null;
    }
    const batch = order.slice(done, done + Math.max(KB_SEARCH_TUNING.batch, k - done));
    done += batch.length;
    const bodies = new Map<number, string>();
    for (const row of r.all<{ docid: number; body: string }>('SELECT rowid AS docid, body FROM kb_articles WHERE rowid IN (SELECT value FROM json_each(?))', [
      JSON.stringify(batch.map((j) => headDocids[j])),
    ])) {
      bodies.set(row.docid, row.body);
    }
    for (const j of batch) {
      const docid = headDocids[j] as number;
      const i = headSlots[j] as number;
      const hits = phraseHits(bodies.get(docid) ?? '', phrase);
      out.docids.push(docid);
      out.scores.push((headScores[j] as number) + w[2] * sat(hits / lengthNorm(t.lenBody[i] as number, a2)));
    }
  }
  tr?.push(`done after ${done} bodies ${(performance.now() - tStart).toFixed(1)}ms`);
  // Estimates from the first `sample.length` matches by docid (the caller read one more than KB_SEARCH_TUNING.tieredMinDf).
  const last = sample[sample.length - 1] as number;
  const below = Math.max(1, countUpTo(t, last));
  let passing = 0;
  for (const d of sample) {
    const i = slotOf(t, d);
    if (i >= 0 && pass(i)) passing++;
  }
  const df = Math.min(g.n, Math.round((sample.length * t.n) / below));
  const idf = idfOf(g.n, df);
  for (let i = 0; i < out.scores.length; i++) out.scores[i] = (out.scores[i] as number) * idf;
  const total = Math.max(headDocids.length, Math.round((passing * t.n) / below));
  return { ...out, total, totalExact: false };
}

/** A Store.read, not a write: only then are all of kb_search's postings in its segment tables (see postings.ts). */
function committedReader(r: SqlReader): boolean {
  return !('run' in r);
}

/**
 * The documents matching every phrase (AND), with each phrase's hits per
 * column, read from the segment tables in JS (postings.ts); null when the
 * segment format surprised the reader (the caller then asks FTS4).
 */
function matchAll(r: SqlReader, phrases: readonly QueryPhrase[]): { n: number; docids: Float64Array; counts: Int32Array[]; dfs: number[] } | null {
  let lists: PhraseMatches[];
  try {
    const segs = readSegments(r);
    // Over many unmerged segments FTS4 joins a phrase's doclists better (it
    // defers frequent tokens and reads the few candidates); lone tokens are
    // still faster here however many segments there are.
    if (segs.length > KB_SEARCH_TUNING.maxPhraseSegments && phrases.some((p) => p.tokens.length > 1)) {
      KB_SEARCH_TUNING.trace?.push(`postings: ${segs.length} segments, phrase left to FTS4`);
      return null;
    }
    lists = phrases.map((p) => phraseMatches(r, p, segs));
  } catch (e) {
    if (e instanceof PostingsFormatError) {
      KB_SEARCH_TUNING.trace?.push(`postings: ${e.message}`);
      return null;
    }
    throw e;
  }
  // df as matchinfo 'x' gives it for one phrase among several: the most
  // articles holding it in any one column; for a lone phrase, the articles
  // holding it at all (as `rank` counted it before).
  const dfs = lists.map((l) => {
    if (phrases.length === 1) return l.n;
    const per = [0, 0, 0];
    for (let k = 0; k < l.n * COLS; k++) if ((l.counts[k] as number) > 0) per[k % COLS] = (per[k % COLS] as number) + 1;
    return Math.max(...per);
  });
  if (lists.length === 1) {
    const l = lists[0] as PhraseMatches;
    return { n: l.n, docids: l.docids, counts: [l.counts], dfs };
  }
  // Intersect, driving from the shortest list.
  const drive = lists.reduce((best, l) => (l.n < best.n ? l : best));
  const at = new Int32Array(lists.length);
  const docids = new Float64Array(drive.n);
  const counts = lists.map(() => new Int32Array(drive.n * COLS));
  let n = 0;
  for (let d = 0; d < drive.n; d++) {
    const docid = drive.docids[d] as number;
    let all = true;
    for (let p = 0; p < lists.length && all; p++) {
      const l = lists[p] as PhraseMatches;
      let x = at[p] as number;
      while (x < l.n && (l.docids[x] as number) < docid) x++;
      at[p] = x;
      all = x < l.n && l.docids[x] === docid;
    }
    if (!all) continue;
    docids[n] = docid;
    for (let p = 0; p < lists.length; p++) {
      const from = (lists[p] as PhraseMatches).counts;
      const to = counts[p] as Int32Array;
      const x = (at[p] as number) * COLS;
      to[n * COLS] = from[x] as number;
      to[n * COLS + 1] = from[x + 1] as number;
      to[n * COLS + 2] = from[x + 2] as number;
    }
    n++;
  }
  return { n, docids, counts, dfs };
}

/** Every match that passes the filter, scored exactly like scoreAll, from postings read in JS; null: ask FTS4. */
function rankFromPostings(r: SqlReader, phrases: readonly QueryPhrase[], pass: (slot: number) => boolean, t: DocTable): Ranked | null {
  const t0 = performance.now();
  const m = matchAll(r, phrases);
  if (!m) return null;
  const t1 = performance.now();
  const none: Ranked = { docids: [], scores: [], total: 0, totalExact: true };
  if (m.n === 0) return none;
  const g = stat(r);
  if (!g) return none;
  // Typed arrays sized for every match: tens of thousands of pushes into growing arrays cost more than the scoring.
  const docids = new Float64Array(m.n);
  const scores = new Float64Array(m.n);
  let found = 0;
  const inv = inverseNorms(t, g.avg);
  const idf = m.dfs.map((df) => idfOf(g.n, df));
  const [w0, w1, w2] = FIELD_WEIGHTS;
  const nPhrases = phrases.length;
  const dense = t.dense;
  // a lone phrase (nearly every query): one pass with no inner loop; a field without hits adds nothing (sat(0) = 0)
  const c0 = m.counts[0] as Int32Array;
  const idf0 = idf[0] as number;
  for (let k = 0; k < m.n; k++) {
    const docid = m.docids[k] as number;
    const i = dense ? (docid < dense.length ? (dense[docid] as number) - 1 : -1) : slotOf(t, docid);
    if (i < 0 || !pass(i)) continue;
    const i0 = inv[i * COLS] as number;
    const i1 = inv[i * COLS + 1] as number;
    const i2 = inv[i * COLS + 2] as number;
    let score: number;
    if (nPhrases === 1) {
      const h0 = c0[k * COLS] as number;
      const h1 = c0[k * COLS + 1] as number;
      const h2 = c0[k * COLS + 2] as number;
      score = idf0 * ((h0 > 0 ? w0 * sat(h0 * i0) : 0) + (h1 > 0 ? w1 * sat(h1 * i1) : 0) + w2 * sat(h2 * i2));
    } else {
      score = 0;
      for (let p = 0; p < nPhrases; p++) {
        const c = m.counts[p] as Int32Array;
        const s = w0 * sat((c[k * COLS] as number) * i0) + w1 * sat((c[k * COLS + 1] as number) * i1) + w2 * sat((c[k * COLS + 2] as number) * i2);
        score += (idf[p] as number) * s;
      }
    }
    docids[found] = docid;
    scores[found] = score;
    found++;
  }
  KB_SEARCH_TUNING.trace?.push(`postings ${m.n} read ${(t1 - t0).toFixed(1)} score ${(performance.now() - t1).toFixed(1)}`);
  return { docids: docids.subarray(0, found), scores: scores.subarray(0, found), total: found, totalExact: true };
}

/** Every ranked match of the phrases (AND) that passes the filter, or the top of them with an estimated total (see `tiered`). */
function rank(r: SqlReader, phrases: readonly QueryPhrase[], pass: (slot: number) => boolean, t: DocTable, k: number): Ranked {
  if (committedReader(r) && KB_SEARCH_TUNING.postings) {
    const fast = rankFromPostings(r, phrases, pass, t);
    if (fast) return fast;
  }
  const match = phrases.map(matchPhrase).join(' ');
  const none: Ranked = { docids: [], scores: [], total: 0, totalExact: true };
  if (phrases.length === 1) {
    const g = stat(r);
    if (!g) return none;
    // The first matches in docid order: all of them when few (then exact),
    // else the sample `tiered` estimates from. For one token that is an
    // incremental read of docids (well under a millisecond, where matchinfo
    // would load the whole doclist); a longer phrase loads its doclists
    // anyway, so it is scored in the same pass.
    const cap = Math.min(KB_SEARCH_TUNING.tieredMinDf, 2 ** 31 - 2);
    let sample: number[] = [];
    let first: (Scored & { df: number }) | null = null;
    if ((phrases[0] as QueryPhrase).tokens.length === 1) {
      const d = r.get<{ d: string | null }>('SELECT group_concat(docid) AS d FROM (SELECT docid FROM kb_search WHERE kb_search MATCH ? LIMIT ?)', [match, cap + 1])?.d;
      if (!d) return none;
      sample = d.split(',').map(Number);
      if (sample.length <= cap) first = scoreAll(r, t, match, 1, pass, { ...g, idf: [1] });
    } else {
      first = scoreAll(r, t, match, 1, pass, { ...g, idf: [1] }, cap + 1, sample);
      if (first.df > cap) first = null;
    }
    if (first) {
      const idf = idfOf(g.n, first.df);
      for (let i = 0; i < first.scores.length; i++) first.scores[i] = (first.scores[i] as number) * idf;
      return { docids: first.docids, scores: first.scores, total: first.scores.length, totalExact: true };
    }
    const top = tiered(r, t, phrases[0] as QueryPhrase, match, pass, k, g, sample.slice(0, cap));
    if (top) return top;
    const all = scoreAll(r, t, match, 1, pass, { ...g, idf: [1] });
    const idf = idfOf(g.n, all.df);
    for (let i = 0; i < all.scores.length; i++) all.scores[i] = (all.scores[i] as number) * idf;
    return { docids: all.docids, scores: all.scores, total: all.scores.length, totalExact: true };
  }
  const g = globals(r, match, phrases.length);
  if (!g) return none;
  const all = scoreAll(r, t, match, phrases.length, pass, g);
  return { docids: all.docids, scores: all.scores, total: all.scores.length, totalExact: true };
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
  // one element type for the loops below (the FTS4 paths give plain arrays)
  const scores = s.scores instanceof Float64Array ? s.scores : Float64Array.from(s.scores);
  const docids = s.docids instanceof Float64Array ? s.docids : Float64Array.from(s.docids);
  const n = scores.length;
  if (offset >= n) return [];
  const k = Math.min(n, offset + limit);
  const threshold = k <= 1024 ? kthLargestSmall(scores, k) : kthLargest(scores, k);
  const top: number[] = [];
  for (let i = 0; i < n; i++) if ((scores[i] as number) >= threshold) top.push(i);
  const updated = new Map<number, string>();
  for (const row of r.all<{ docid: number; updated_at: string }>('SELECT docid, updated_at FROM kb_search_docs WHERE docid IN (SELECT value FROM json_each(?))', [
    JSON.stringify(top.map((i) => docids[i])),
  ])) {
    updated.set(row.docid, row.updated_at);
  }
  const all: Candidate[] = top.map((i) => {
    const docid = docids[i] as number;
    return { docid, score: scores[i] as number, updatedAt: updated.get(docid) ?? '' };
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
    return { hits, total, totalExact: true, tookMs: performance.now() - t0 };
  }
  const u = understandQuery(text, cutChinese, { prefixLast: true, synonyms: synonymsOf(r) });
  const words = u.words;
  if (u.groups.length === 0) return { hits: [], total: 0, totalExact: true, tookMs: performance.now() - t0, words };
  const t = docTable(r);
  const t1 = performance.now();
  const highlight = u.groups.flatMap((g) => g.alternatives);
  if (u.groups.every((g) => g.required)) {
    // Only "quoted phrases": exact, all of them (AND), ranked by BM25, as before issue 17.
    const phrases = u.groups.map((g) => g.alternatives[0] as QueryPhrase);
    const ranked = rank(r, phrases, slotFilter(t, q, viewer), t, q.offset + q.limit);
    const hits = page(r, ranked, q.offset, q.limit, phrases);
    return { hits, total: ranked.total, totalExact: ranked.totalExact, tookMs: performance.now() - t0, words };
  }
  const ranked = relevance(r, t, u, passMask(t, q, viewer), { proximityFor: q.offset + q.limit, phraseTier: true });
  const t2 = performance.now();
  const hits = page(r, ranked, q.offset, q.limit, highlight);
  KB_SEARCH_TUNING.trace?.push(`table ${(t1 - t0).toFixed(1)} rank ${(t2 - t1).toFixed(1)} page ${(performance.now() - t2).toFixed(1)}`);
  return { hits, total: ranked.total, totalExact: true, tookMs: performance.now() - t0, words };
}

// ------------------------------------------------------------ relevance (issue 17)

/**
 * Synonym groups in force: the admins' list (kb_synonyms, a synced entity),
 * or the defaults while that list has never been edited. Cached per reader
 * until the table changes.
 */
const synonymCache = new WeakMap<SqlReader, { sig: string; index: Map<string, string[]> }>();

export function synonymGroupsOf(r: SqlReader): string[][] {
  const rows = r.all<{ words: string; removed_at: string | null }>('SELECT words, removed_at FROM kb_synonyms');
  if (rows.length === 0) return DEFAULT_SYNONYMS.map((g) => [...g]);
  const out: string[][] = [];
  for (const row of rows) {
    if (row.removed_at !== null) continue;
    const words = parseTags(row.words);
    if (words.length >= 2) out.push(words);
  }
  return out;
}

function synonymsOf(r: SqlReader): Map<string, string[]> {
  const sig = r.get<{ s: string }>("SELECT count(*) || ' ' || coalesce(max(updated_at), '') || ' ' || coalesce(sum(length(words)), 0) AS s FROM kb_synonyms")?.s ?? '';
  const cached = synonymCache.get(r);
  if (cached && cached.sig === sig) return cached.index;
  const groups = synonymGroupsOf(r);
  addWords(groups.flat());
  const index = synonymIndex(groups);
  synonymCache.set(r, { sig, index });
  return index;
}

/**
 * Phrase lists and document frequencies, cached per index generation: a
 * ticket description grows a keystroke at a time and a search box's text a
 * word at a time, and their words are looked up again on every call.
 *
 * A cached list is what ranking needs of a phrase, ready to add up: per
 * matching article its slot in the DocTable and its field score (BM25 per
 * field, weighted, under the table's length norms), in typed arrays. Frequent
 * words are kept too (up to MATCH_CACHE_MAX_ENTRIES entries in all, least
 * recently used dropped first): they are the costly ones, a list of 45k
 * articles takes ~10 ms to decode and score and ~0.3 ms to add up from here.
 * Every phrase's document frequency is kept as well (a number), so a
 * suggestion knows a word is too frequent to be telling without reading it
 * again.
 */
interface PhraseList {
  /** entries */
  n: number;
  /** articles holding the phrase (any status): n */
  df: number;
  /** DocTable slot per entry, -1 when kb_search_docs has no such article */
  slots: Int32Array;
  /** the entry's field score: title 5, tags 3, body 1, each BM25-saturated under its length norm */
  vals: Float64Array;
}

interface MatchCache {
  gen: number;
  /** the table and length norms the lists' slots and values were computed under */
  table: DocTable | null;
  normsFor: string;
  lists: Map<string, PhraseList>;
  entries: number;
  df: Map<string, number>;
  /** one-token words known to be in more articles than a suggestion counts (SUGGEST_MAX_DF): their exact count is never needed */
  dfAbove: Set<string>;
  /** interior nodes of kb_search's segment trees (postings.ts) */
  nodes: NodeCache;
}
const matchCaches = new WeakMap<SqlReader, MatchCache>();
/** ~12 bytes an entry: 1M entries is ~12 MB, some twenty lists of the most frequent words at 50k articles */
const MATCH_CACHE_MAX_ENTRIES = 1_000_000;
const DF_CACHE_MAX = 50_000;

function matchCacheOf(r: SqlReader, t: DocTable, inv: Float64Array): MatchCache {
  const gen = r.get<{ g: number }>('SELECT gen AS g FROM kb_search_gen WHERE id = 0')?.g ?? 0;
  let cache = matchCaches.get(r);
  if (!cache || cache.gen !== gen) {
    cache = { gen, table: t, normsFor: t.normsFor, lists: new Map(), entries: 0, df: new Map(), dfAbove: new Set(), nodes: new NodeCache() };
    matchCaches.set(r, cache);
  }
  if (cache.table !== t || cache.normsFor !== t.normsFor || t.norms !== inv) {
    cache.table = t;
    cache.normsFor = t.normsFor;
    cache.lists.clear();
    cache.entries = 0;
  }
  if (cache.df.size > DF_CACHE_MAX) cache.df.clear();
  if (cache.dfAbove.size > DF_CACHE_MAX) cache.dfAbove.clear();
  return cache;
}

/** A phrase's matches, from the segment tables when they can be read (a committed index), else through FTS4. */
function readMatches(r: SqlReader, cache: MatchCache, p: QueryPhrase, segs: () => Segments | null): PhraseMatches {
  const s = committedReader(r) && KB_SEARCH_TUNING.postings ? segs() : null;
  if (s) {
    try {
      return phraseMatches(r, p, s, cache.nodes);
    } catch (e) {
      if (!(e instanceof PostingsFormatError)) throw e;
      KB_SEARCH_TUNING.trace?.push(`postings: ${e.message}`);
    }
  }
  return ftsMatches(r, p);
}

/** A phrase's list (see PhraseList), from the cache when there. */
function phraseList(r: SqlReader, cache: MatchCache, t: DocTable, inv: Float64Array, p: QueryPhrase, segs: () => Segments | null): PhraseList {
  const key = matchPhrase(p);
  // postings off (tests and the benchmark's FTS4 column): every list from FTS4, none kept
  const keep = committedReader(r) && KB_SEARCH_TUNING.postings;
  const hit = keep ? cache.lists.get(key) : undefined;
  if (hit) {
    // most recently used last
    cache.lists.delete(key);
    cache.lists.set(key, hit);
    return hit;
  }
  const m = readMatches(r, cache, p, segs);
  const n = m.n;
  const slots = new Int32Array(n);
  const vals = new Float64Array(n);
  const dense = t.dense;
  const c = m.counts;
  const [w0, w1, w2] = FIELD_WEIGHTS;
  for (let k = 0; k < n; k++) {
    const docid = m.docids[k] as number;
    const i = dense ? (docid < dense.length ? (dense[docid] as number) - 1 : -1) : slotOf(t, docid);
    slots[k] = i;
    if (i < 0) continue;
    const h0 = c[k * COLS] as number;
    const h1 = c[k * COLS + 1] as number;
    const h2 = c[k * COLS + 2] as number;
    vals[k] = (h0 > 0 ? w0 * sat(h0 * (inv[i * COLS] as number)) : 0) + (h1 > 0 ? w1 * sat(h1 * (inv[i * COLS + 1] as number)) : 0) + (h2 > 0 ? w2 * sat(h2 * (inv[i * COLS + 2] as number)) : 0);
  }
  const list: PhraseList = { n, df: n, slots, vals };
  // Inside a write the index is not yet committed: nothing is cached from it.
  if (keep) {
    cache.df.set(key, n);
    if (n <= MATCH_CACHE_MAX_ENTRIES / 4) {
      cache.lists.set(key, list);
      cache.entries += n;
      for (const [k, old] of cache.lists) {
        if (cache.entries <= MATCH_CACHE_MAX_ENTRIES) break;
        cache.lists.delete(k);
        cache.entries -= old.n;
      }
    }
  }
  return list;
}

/** How many articles hold a phrase (any status): from the cache when known. */
function cachedDf(r: SqlReader, cache: MatchCache, t: DocTable, inv: Float64Array, p: QueryPhrase, segs: () => Segments | null): number {
  return cache.df.get(matchPhrase(p)) ?? phraseList(r, cache, t, inv, p, segs).df;
}

type Segments = ReturnType<typeof readSegments>;

/**
 * The segment list, read on first use and at most once per query (several
 * phrases read the same segments); null when its format surprised
 * postings.ts (the phrases then go through FTS4).
 */
function lazySegments(r: SqlReader): () => Segments | null {
  let segs: Segments | null | undefined;
  return () => {
    if (segs === undefined) {
      try {
        segs = readSegments(r);
      } catch (e) {
        if (!(e instanceof PostingsFormatError)) throw e;
        segs = null;
      }
    }
    return segs;
  };
}

/** A phrase's matches through FTS4 (inside a write, or when the segment format surprised postings.ts). */
function ftsMatches(r: SqlReader, p: QueryPhrase): PhraseMatches {
  const out = new PhraseMatches();
  const text = r.get<{ rows: string | null }>(
    `SELECT group_concat(x, ' ') AS rows FROM (SELECT docid || ' ' || hex(matchinfo(kb_search, 'y')) AS x FROM kb_search WHERE kb_search MATCH ? ORDER BY docid)`,
    [matchPhrase(p)],
  )?.rows;
  if (!text) return out;
  let pos = 0;
  while (pos < text.length) {
    const sp = text.indexOf(' ', pos);
    let end = text.indexOf(' ', sp + 1);
    if (end < 0) end = text.length;
    out.add(decimal(text, pos, sp), hexU32(text, sp + 1), hexU32(text, sp + 9), hexU32(text, sp + 17));
    pos = end + 1;
  }
  return out;
}

/** Per-slot working arrays of `relevance`, kept per table (reset through the touched lists). */
interface RelevanceScratch {
  score: Float64Array;
  group: Float64Array;
  matched: Uint8Array;
  phrase: Uint8Array;
  required: Uint8Array;
  touched: Int32Array;
  groupTouched: Int32Array;
  /** the result (`relevance` returns views of these: read before the next search) */
  docids: Float64Array;
  scores: Float64Array;
  /** articles holding all the words: their place in the result and their fraction */
  allAt: Int32Array;
  allFrac: Float64Array;
}
const relevanceScratch = new WeakMap<DocTable, RelevanceScratch>();

function scratchFor(t: DocTable): RelevanceScratch {
  let s = relevanceScratch.get(t);
  if (!s) {
    s = {
      score: new Float64Array(t.n),
      group: new Float64Array(t.n),
      matched: new Uint8Array(t.n),
      phrase: new Uint8Array(t.n),
      required: new Uint8Array(t.n),
      touched: new Int32Array(t.n),
      groupTouched: new Int32Array(t.n),
      docids: new Float64Array(t.n),
      scores: new Float64Array(t.n),
      allAt: new Int32Array(t.n),
      allFrac: new Float64Array(t.n),
    };
    relevanceScratch.set(t, s);
  }
  return s;
}

/** BM25 saturation's constant for the [0, 1) part of a score: s / (s + SCORE_HALF). */
const SCORE_HALF = 8;
/** Articles in the best all-words tier whose words' closeness is measured (their text is read). */
const PROXIMITY_MIN = 30;

interface RelevanceOptions {
  /** measure closeness for at least this many of the best all-words matches (the page's end) */
  proximityFor: number;
  /** the whole query as a phrase ranks first */
  phraseTier: boolean;
}

/**
 * The `want` entries with the largest fractions, as a stable sort by
 * fraction (descending) cut at `want` would keep them: every entry above the
 * want-th largest fraction, then those equal to it, earliest first. Their
 * order is irrelevant to the caller. One selection over typed arrays, no
 * sort of every article holding all the words (tens of thousands for two
 * frequent words).
 */
function bestFractions(at: Int32Array, frac: Float64Array, n: number, want: number): { k: number; frac: number }[] {
  const out: { k: number; frac: number }[] = [];
  if (n <= want) {
    for (let j = 0; j < n; j++) out.push({ k: at[j] as number, frac: frac[j] as number });
    return out;
  }
  const fr = frac.subarray(0, n);
  const threshold = want <= 1024 ? kthLargestSmall(fr, want) : kthLargest(fr, want);
  let above = 0;
  for (let j = 0; j < n; j++) if ((fr[j] as number) > threshold) above++;
  let ties = want - above;
  for (let j = 0; j < n; j++) {
    const f = fr[j] as number;
    if (f > threshold || (f === threshold && ties-- > 0)) out.push({ k: at[j] as number, frac: f });
  }
  return out;
}

/**
 * `relevance` for one word without synonyms (most searches): every match is
 * in the one tier, scored 1 + the fraction of its IDF-weighted field score,
 * the same arithmetic as the general loop, in two straight passes over the
 * word's list (count for the IDF, then score) instead of three scattered ones.
 */
function oneWord(t: DocTable, list: PhraseList, pass: Uint8Array, nDocs: number, s: RelevanceScratch): Ranked {
  const { n: len, slots, vals } = list;
  let df = 0;
  for (let k = 0; k < len; k++) {
    const i = slots[k] as number;
    if (i >= 0 && pass[i] === 1 && (vals[k] as number) > 0) df++;
  }
  const idf = idfOf(nDocs, df);
  const { docids, scores } = s;
  const sorted = t.sorted;
  let n = 0;
  for (let k = 0; k < len; k++) {
    const i = slots[k] as number;
    if (i < 0 || pass[i] === 0) continue;
    const v = vals[k] as number;
    if (v <= 0) continue;
    const score = idf * v;
    docids[n] = sorted[i] as number;
    scores[n] = 1 + score / (score + SCORE_HALF);
    n++;
  }
  return { docids: docids.subarray(0, n), scores: scores.subarray(0, n), total: n, totalExact: true };
}

/**
 * The ranking of issue 17. A score is `tier + fraction`:
 * - tier: how many of the query's words (groups: a word or any of its
 *   synonyms) the article holds, plus one when it holds the whole query as a
 *   phrase; so the exact wording comes first, then all the words, then most
 *   of them, and an article sharing any meaningful word is a result.
 * - fraction, in [0, 1): BM25F over the groups (per field saturation, title
 *   5 / tags 3 / body 1, each group's best alternative, times the group's
 *   IDF over the articles holding any alternative), squashed to [0, 1); for
 *   the best articles holding every word (two words or more), half of it is
 *   how close together the words are (proximity), measured in their text.
 * "Quoted phrases" are required: an article without one is not a result.
 */
function relevance(r: SqlReader, t: DocTable, u: UnderstoodQuery, pass: Uint8Array, o: RelevanceOptions): Ranked {
  const g = stat(r);
  const none: Ranked = { docids: [], scores: [], total: 0, totalExact: true };
  if (!g) return none;
  const segments = lazySegments(r);
  const inv = inverseNorms(t, g.avg);
  const cache = matchCacheOf(r, t, inv);
  const s = scratchFor(t);
  const only = u.groups.length === 1 ? (u.groups[0] as QueryGroup) : null;
  if (only && !only.required && only.alternatives.length === 1) return oneWord(t, phraseList(r, cache, t, inv, only.alternatives[0] as QueryPhrase, segments), pass, g.n, s);
  const { score, group, matched, phrase, required, touched, groupTouched } = s;
  let nt = 0;
  const nRequired = u.groups.filter((x) => x.required).length;
  for (const grp of u.groups) {
    let ng = 0;
    for (const alt of grp.alternatives) {
      const { n, slots, vals } = phraseList(r, cache, t, inv, alt, segments);
      for (let k = 0; k < n; k++) {
        const i = slots[k] as number;
        if (i < 0 || pass[i] === 0) continue;
        const v = vals[k] as number;
        if (v <= 0) continue;
        const prev = group[i] as number;
        if (prev === 0) groupTouched[ng++] = i;
        if (v > prev) group[i] = v;
      }
    }
    const idf = idfOf(g.n, ng);
    for (let k = 0; k < ng; k++) {
      const i = groupTouched[k] as number;
      if (matched[i] === 0 && required[i] === 0) touched[nt++] = i;
      score[i] = (score[i] as number) + idf * (group[i] as number);
      if (grp.required) required[i] = (required[i] as number) + 1;
      else matched[i] = (matched[i] as number) + 1;
      group[i] = 0;
    }
  }
  const plain = u.groups.length - nRequired;
  if (o.phraseTier && u.whole) {
    const { n, slots } = phraseList(r, cache, t, inv, u.whole, segments);
    for (let k = 0; k < n; k++) {
      const i = slots[k] as number;
      if (i >= 0 && (matched[i] as number) > 0) phrase[i] = 1;
    }
  }
  const { docids, scores, allAt, allFrac } = s;
  let n = 0;
  let nAll = 0;
  for (let k = 0; k < nt; k++) {
    const i = touched[k] as number;
    const ok = (required[i] as number) === nRequired;
    if (ok) {
      const frac = (score[i] as number) / ((score[i] as number) + SCORE_HALF);
      docids[n] = t.sorted[i] as number;
      scores[n] = (matched[i] as number) + (phrase[i] as number) + (required[i] as number) + frac;
      if (plain >= 2 && matched[i] === plain && phrase[i] === 0) {
        allAt[nAll] = n;
        allFrac[nAll] = frac;
        nAll++;
      }
      n++;
    }
    score[i] = 0;
    matched[i] = 0;
    phrase[i] = 0;
    required[i] = 0;
  }
  // Closeness of the words, for the best articles holding all of them.
  if (nAll > 0) {
    const bestAll = bestFractions(allAt, allFrac, nAll, Math.max(PROXIMITY_MIN, o.proximityFor));
    const texts = new Map<number, { title: string; tags: string; body: string }>();
    for (const row of r.all<{ docid: number; title: string; tags: string; body: string }>('SELECT rowid AS docid, title, tags, body FROM kb_articles WHERE rowid IN (SELECT value FROM json_each(?))', [
      JSON.stringify(bestAll.map((x) => docids[x.k])),
    ])) {
      texts.set(row.docid, { title: row.title, tags: parseTags(row.tags).join(' '), body: row.body });
    }
    const plainGroups = u.groups.filter((x) => !x.required);
    for (const x of bestAll) {
      const tx = texts.get(docids[x.k] as number);
      if (!tx) continue;
      const prox = Math.max(proximity(tx.title, plainGroups), 0.9 * proximity(tx.tags, plainGroups), 0.8 * proximity(tx.body, plainGroups));
      scores[x.k] = Math.floor(scores[x.k] as number) + 0.5 * x.frac + 0.5 * prox * 0.999;
    }
  }
  return { docids: docids.subarray(0, n), scores: scores.subarray(0, n), total: n, totalExact: true };
}

/**
 * How close together the groups occur in a text, in [0, 1]: the words'
 * own length over the shortest stretch holding one occurrence of each
 * (1 when they stand side by side); 0 when one is missing.
 */
export function proximity(text: string, groups: readonly QueryGroup[]): number {
  if (text === '' || groups.length < 2) return 0;
  const occ: { at: number; end: number; g: number }[] = [];
  let own = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const ranges = highlightRanges(text, (groups[gi] as QueryGroup).alternatives);
    if (ranges.length === 0) return 0;
    let shortest = Infinity;
    for (const [a, b] of ranges) {
      occ.push({ at: a, end: b, g: gi });
      shortest = Math.min(shortest, b - a);
    }
    own += shortest;
  }
  occ.sort((a, b) => a.at - b.at);
  // Smallest window over the sorted occurrences holding every group.
  const count = new Int32Array(groups.length);
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < occ.length; hi++) {
    const h = occ[hi] as { at: number; end: number; g: number };
    if (count[h.g] === 0) have++;
    count[h.g] = (count[h.g] as number) + 1;
    while (have === groups.length) {
      const l = occ[lo] as { at: number; end: number; g: number };
      let end = 0;
      for (let k = lo; k <= hi; k++) end = Math.max(end, (occ[k] as { end: number }).end);
      best = Math.min(best, end - l.at);
      count[l.g] = (count[l.g] as number) - 1;
      if (count[l.g] === 0) have--;
      lo++;
    }
  }
  if (!Number.isFinite(best) || best <= 0) return 0;
  return Math.min(1, own / best);
}

/** A description's words looked up at most (the most telling are kept). */
const SUGGEST_SCAN_CHARS = 300;
/** Latin words and codes are looked for further (they are few and telling). */
const SUGGEST_LATIN_SCAN_CHARS = 5000;
const SUGGEST_MAX_GROUPS = 8;
/** A word in more articles than this says little about one problem (unless nothing better is there). */
const SUGGEST_MAX_DF = 1000;

/**
 * Suggestions for free text (a ticket description being typed): the same
 * understanding and ranking as the search box (relevance), over the
 * description's most telling words (at most SUGGEST_MAX_GROUPS, rarer
 * first, repeated words first among equals); published articles only.
 */
export function suggestArticles(r: SqlReader, q: SuggestQuery, viewer: Actor): KbHit[] {
  const s0 = performance.now();
  const head = q.text.slice(0, SUGGEST_SCAN_CHARS);
  const codes = [...q.text.slice(SUGGEST_SCAN_CHARS, SUGGEST_LATIN_SCAN_CHARS).matchAll(/[A-Za-z][A-Za-z0-9]*[_\-.:][A-Za-z0-9_.\-:]+|0x[0-9a-fA-F]+/g)].map((m) => m[0]).slice(0, 24);
  const text = `${head} ${codes.join(' ')}`.replace(/["“”]/g, ' ');
  const u = understandQuery(text, cutChinese, { synonyms: synonymsOf(r), maxGroups: 64 });
  if (u.groups.length === 0) return [];
  const st = stat(r);
  if (!st) return [];
  // Links and addresses say little; their parts are in every other article.
  const groups = u.groups.filter((grp) => !/^(?:[a-z]+:\/\/|www\.)/i.test(grp.word) && !/^\d{1,3}$/.test(grp.word));
  const segments = lazySegments(r);
  const t = docTable(r);
  const inv = inverseNorms(t, st.avg);
  const cache = matchCacheOf(r, t, inv);
  // A word above SUGGEST_MAX_DF is dropped whatever its count (unless no word is telling): counting stops there.
  const bounded = (a: QueryPhrase): number => {
    const key = matchPhrase(a);
    const known = cache.df.get(key);
    if (known !== undefined) return known;
    // a frequent word's leaf is read once per index generation, not at every description
    if (cache.dfAbove.has(key)) return SUGGEST_MAX_DF + 1;
    const s = committedReader(r) && KB_SEARCH_TUNING.postings ? segments() : null;
    if (s) {
      try {
        const n = tokenDfAtMost(r, a, SUGGEST_MAX_DF, s, cache.nodes);
        if (n !== null) {
          if (n <= SUGGEST_MAX_DF) cache.df.set(key, n);
          else cache.dfAbove.add(key);
          return n;
        }
      } catch (e) {
        if (!(e instanceof PostingsFormatError)) throw e;
      }
    }
    return cachedDf(r, cache, t, inv, a, segments);
  };
  const rate = (df: (a: QueryPhrase) => number) =>
    groups
      .map((grp, order) => ({ grp, df: Math.max(...grp.alternatives.map(df)), order }))
      .filter((x) => x.df > 0);
  const telling = rate(bounded).filter((x) => x.df <= SUGGEST_MAX_DF);
  const pool = telling.length > 0 ? telling : rate((a) => cachedDf(r, cache, t, inv, a, segments));
  pool.sort((a, b) => a.df - b.df || a.order - b.order);
  const chosen = pool.slice(0, SUGGEST_MAX_GROUPS).sort((a, b) => a.order - b.order);
  if (chosen.length === 0) return [];
  const chosenQuery: UnderstoodQuery = { groups: chosen.map((x) => x.grp), whole: null, words: chosen.map((x) => x.grp.word) };
  const ranked = relevance(r, t, chosenQuery, passMask(t, { status: 'published', product: q.product }, viewer), { proximityFor: q.limit, phraseTier: false });
  KB_SEARCH_TUNING.trace?.push(`suggest ${ranked.total} ${(performance.now() - s0).toFixed(1)}ms ${chosenQuery.words.join('/')}`);
  return page(
    r,
    ranked,
    0,
    q.limit,
    chosenQuery.groups.flatMap((grp) => grp.alternatives),
  );
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
  w.run("INSERT INTO kb_search_head (kb_search_head) VALUES ('rebuild')");
  w.run("INSERT INTO kb_search_head (kb_search_head) VALUES ('optimize')");
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
  // The same evaluation as ranked search uses, so recall checks cover it.
  const m = committedReader(r) && KB_SEARCH_TUNING.postings ? matchAll(r, phrases) : null;
  if (m) {
    return r
      .all<{ id: string }>('SELECT a.id FROM kb_articles a WHERE a.rowid IN (SELECT value FROM json_each(?))', [JSON.stringify(Array.from(m.docids.subarray(0, m.n)))])
      .map((x) => x.id);
  }
  return r
    .all<{ id: string }>('SELECT a.id FROM kb_search CROSS JOIN kb_articles a ON a.rowid = kb_search.docid WHERE kb_search MATCH ?', [phrases.map(matchPhrase).join(' ')])
    .map((x) => x.id);
}
