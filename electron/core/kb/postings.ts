import type { QueryPhrase } from '../../../shared/kb/tokenize.js';
import type { SqlReader } from '../store/index.js';

/**
 * Reads kb_search's doclists straight from its segment tables, in JS.
 *
 * Why: FTS4 evaluates a query row by row through the SQL VM, and ranking
 * needs matchinfo for every match: for a token in most articles (说明, 错误码,
 * an English product name) that is 10-15 ms to step the rows alone and
 * 30-100 ms with matchinfo, at 50k articles. The same doclist read as one
 * blob and decoded here costs about a millisecond per 50k documents, and
 * a phrase or an AND is a merge of sorted lists.
 *
 * The on-disk format is SQLite's documented FTS3/4 segment format (the
 * comment at the top of ext/fts3/fts3.c): segments in kb_search_segdir
 * (root node inline, further nodes in kb_search_segments), interior nodes
 * leading to leaf nodes of prefix-compressed terms, each with a doclist of
 * varints: docid delta, then positions (+2 deltas; 1 = column marker,
 * 0 = end). A newer segment's entry for (term, docid) replaces an older one,
 * and an entry without positions marks a deletion. Newer means a lower level,
 * then a higher idx (new data lands in level 0; merges move it up).
 *
 * What this cannot see: FTS4's pending terms, the in-memory buffer of a
 * write transaction that has not committed yet. Callers use it only outside
 * writes (a Store.read; every write commits, which flushes the buffer); the
 * FTS MATCH path serves searches inside a write.
 *
 * Anything unexpected in the structure throws PostingsFormatError and the
 * caller falls back to FTS MATCH, so a format surprise costs speed, never
 * results.
 */

export class PostingsFormatError extends Error {}

const COL_SHIFT = 2 ** 24; // position key = column * COL_SHIFT + position
export const COLS = 3;

interface Segment {
  startBlock: number;
  leavesEnd: number;
  root: Uint8Array;
}

/**
 * Doclist entries of one token (a term, or every term of a prefix), by
 * docid ascending; a prefix's terms may give the same docid several
 * entries, adjacent. An entry is the byte range of its position list
 * (without the terminating 0) in `bufs[buf[k]]`; an empty range is a
 * deletion. Typed arrays: a frequent token has tens of thousands of entries.
 */
interface TermList {
  n: number;
  docids: Float64Array;
  buf: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  bufs: Uint8Array[];
  deletions: boolean;
}

function allocList(n: number, bufs: Uint8Array[]): TermList {
  return { n: 0, docids: new Float64Array(n), buf: new Uint16Array(n), start: new Int32Array(n), end: new Int32Array(n), bufs, deletions: false };
}

const EMPTY: TermList = allocList(0, []);

/**
 * Documents matching a phrase (ascending docids) and its hits per column,
 * COLS per document. Growable typed arrays: a frequent phrase has tens of
 * thousands of documents, and pushing them into plain arrays costs more
 * than decoding them.
 */
export class PhraseMatches {
  n = 0;
  docids = new Float64Array(256);
  counts = new Int32Array(256 * COLS);

  /** Room for `more` documents after the current ones (a caller writing the arrays itself). */
  reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.docids.length) return;
    const docids = new Float64Array(need);
    docids.set(this.docids.subarray(0, this.n));
    this.docids = docids;
    const counts = new Int32Array(need * COLS);
    counts.set(this.counts.subarray(0, this.n * COLS));
    this.counts = counts;
  }

  add(docid: number, c0: number, c1: number, c2: number): void {
    if (this.n === this.docids.length) {
      const docids = new Float64Array(this.n * 2);
      docids.set(this.docids);
      this.docids = docids;
      const counts = new Int32Array(this.n * 2 * COLS);
      counts.set(this.counts);
      this.counts = counts;
    }
    const k = this.n++;
    this.docids[k] = docid;
    this.counts[k * COLS] = c0;
    this.counts[k * COLS + 1] = c1;
    this.counts[k * COLS + 2] = c2;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A little-endian base-128 varint; returns [value, next offset]. */
function varint(b: Uint8Array, at: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = at; i < b.length; i++) {
    const x = b[i] as number;
    v += (x & 0x7f) * mul;
    if (x < 0x80) return [v, i + 1];
    mul *= 128;
  }
  throw new PostingsFormatError('truncated varint');
}

/** memcmp order of `a[0, aLen)` and `b`. */
function compare(a: Uint8Array, aLen: number, b: Uint8Array): number {
  const n = Math.min(aLen, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return aLen - b.length;
}

function startsWith(a: Uint8Array, aLen: number, prefix: Uint8Array): boolean {
  if (aLen < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (a[i] !== prefix[i]) return false;
  return true;
}

/** The segments, newest first. */
function segments(r: SqlReader): Segment[] {
  return r
    .all<{ s: number; l: number; root: Uint8Array | null }>('SELECT start_block AS s, leaves_end_block AS l, root FROM kb_search_segdir ORDER BY level ASC, idx DESC')
    .map((x) => {
      if (!(x.root instanceof Uint8Array)) throw new PostingsFormatError('segment root is not a blob');
      return { startBlock: x.s, leavesEnd: x.l, root: x.root };
    });
}

function block(r: SqlReader, id: number): Uint8Array {
  const b = r.get<{ b: Uint8Array | null }>('SELECT block AS b FROM kb_search_segments WHERE blockid = ?', [id])?.b;
  if (!(b instanceof Uint8Array)) throw new PostingsFormatError(`missing segment block ${id}`);
  return b;
}

/**
 * Interior nodes of the segment trees, kept between queries by the caller
 * (per index generation): a lookup then reads only its leaf, one statement
 * instead of one per level. Keyed by the segments it was filled under, so a
 * changed segment list (a merge) starts it afresh.
 */
export class NodeCache {
  key = '';
  nodes = new Map<number, Interior>();
  /** the segments' root nodes, parsed (by segment index: the key names the segment list) */
  roots = new Map<number, Interior>();
  /** bytes held */
  size = 0;
  /**
   * Leaves read lately, least recently used first: a frequent word's leaf
   * (its long doclist) is read again by every phrase that holds it (口量 in
   * 个口量, 这口量, 经口量 ...), and one statement copying it out of the
   * database costs more than scanning it.
   */
  leaves = new Map<number, Uint8Array>();
  leafBytes = 0;
}

/** Leaves kept: a few dozen of the longest doclists at 50k articles. */
const LEAF_CACHE_MAX_BYTES = 16 * 1024 * 1024;

function keepLeaf(cache: NodeCache, id: number, leaf: Uint8Array): void {
  if (leaf.length > LEAF_CACHE_MAX_BYTES / 4) return;
  cache.leaves.set(id, leaf);
  cache.leafBytes += leaf.length;
  for (const [k, old] of cache.leaves) {
    if (cache.leafBytes <= LEAF_CACHE_MAX_BYTES) break;
    cache.leaves.delete(k);
    cache.leafBytes -= old.length;
  }
}

/**
 * An interior node, parsed once: its first child and its separator terms
 * (child i + 1 holds the terms >= separator i), so a lookup is a binary
 * search instead of decoding the node's prefix-compressed terms again.
 */
interface Interior {
  firstChild: number;
  seps: Uint8Array[];
}

function parseInterior(node: Uint8Array): Interior {
  const [firstChild, afterChild] = varint(node, varint(node, 0)[1]);
  let at = afterChild;
  const t = { buf: new Uint8Array(64), len: 0 };
  const seps: Uint8Array[] = [];
  for (let first = true; at < node.length; first = false) {
    at = readTerm(node, at, first, t);
    seps.push(t.buf.slice(0, t.len));
  }
  return { firstChild, seps };
}

/** Interior nodes are small (a node is ~1 KB unless one term's doclist fills it); this bounds the cache anyway. */
const NODE_CACHE_MAX_BYTES = 4 * 1024 * 1024;

/** A term's doclist bytes in one segment: `buf[start, end)`. */
interface Doclist {
  buf: Uint8Array;
  start: number;
  end: number;
}

interface Found {
  term: string;
  doclist: Doclist;
}

/** Reads one (prefix-compressed) term of a node into `t`; returns the offset after it. */
function readTerm(node: Uint8Array, at: number, first: boolean, t: { buf: Uint8Array; len: number }): number {
  let pre = 0;
  if (!first) [pre, at] = varint(node, at);
  let suf: number;
  [suf, at] = varint(node, at);
  if (pre > t.len || at + suf > node.length) throw new PostingsFormatError('bad term in a segment node');
  if (pre + suf > t.buf.length) {
    const bigger = new Uint8Array(2 * (pre + suf));
    bigger.set(t.buf.subarray(0, t.len));
    t.buf = bigger;
  }
  t.buf.set(node.subarray(at, at + suf), pre);
  t.len = pre + suf;
  return at + suf;
}

/** Child of an interior node to follow for `key`: the first child plus the separators <= key. */
function childFor(node: Interior, key: Uint8Array): number {
  const seps = node.seps;
  let lo = 0;
  let hi = seps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const sep = seps[mid] as Uint8Array;
    if (compare(sep, sep.length, key) > 0) hi = mid;
    else lo = mid + 1;
  }
  return node.firstChild + lo;
}

/** Several segment blocks in one statement (a statement per block costs more than the descent itself). */
function blocks(r: SqlReader, ids: readonly number[]): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (ids.length === 1) {
    out.set(ids[0] as number, block(r, ids[0] as number));
    return out;
  }
  for (const row of r.all<{ id: number; b: Uint8Array | null }>('SELECT blockid AS id, block AS b FROM kb_search_segments WHERE blockid IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])) {
    if (row.b instanceof Uint8Array) out.set(row.id, row.b);
  }
  return out;
}

/**
 * The terms of one leaf (and, for a prefix, of the leaves after it) that
 * are `key` or start with it, with their doclists, in term order.
 */
function scanLeaves(r: SqlReader, seg: Segment, leaf: Uint8Array, leafId: number, key: Uint8Array, prefix: boolean, t: { buf: Uint8Array; len: number }): Found[] {
  const out: Found[] = [];
  let node = leaf;
  let nodeId = leafId; // 0: the root (a leaf only when the whole segment fits in it)
  for (;;) {
    const head = varint(node, 0);
    let at = head[1];
    if (head[0] !== 0) throw new PostingsFormatError('expected a leaf');
    t.len = 0;
    for (let first = true; at < node.length; first = false) {
      at = readTerm(node, at, first, t);
      let len: number;
      [len, at] = varint(node, at);
      if (at + len > node.length) throw new PostingsFormatError('doclist past the node');
      const c = compare(t.buf, t.len, key);
      if (c >= 0) {
        if (!(prefix ? startsWith(t.buf, t.len, key) : c === 0)) return out; // past the key's terms
        out.push({ term: decoder.decode(t.buf.subarray(0, t.len)), doclist: { buf: node, start: at, end: at + len } });
        if (!prefix) return out;
      }
      at += len;
    }
    // A prefix's terms may go on in the next leaf (leaves are consecutive blocks).
    if (!prefix || nodeId === 0 || nodeId >= seg.leavesEnd) return out;
    nodeId++;
    node = block(r, nodeId);
  }
}

/**
 * A doclist's entries. A position list ends at the first 0 byte: every other
 * varint in it is at least 1 and minimally encoded, so none has a 0 byte
 * (the last byte of a multi-byte varint holds its nonzero top bits), and a
 * docid delta is at least 1; so the doclist holds exactly one 0 per entry,
 * and the entries are found without decoding the positions.
 */
function decode(d: Doclist, keep: { docs: Uint8Array; n: number } | null = null): TermList {
  const b = d.buf;
  // room for every entry, or for every kept docid (each at most once per doclist)
  let entries = 0;
  if (keep) entries = keep.n;
  else for (let i = d.start; i < d.end; i++) if (b[i] === 0) entries++;
  const out = allocList(entries, [b]);
  let at = d.start;
  let docid = 0;
  let k = 0;
  while (at < d.end) {
    let x = b[at++] as number;
    let delta = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[at++] as number;
      delta += (x & 0x7f) * mul;
      mul *= 128;
    }
    docid += delta;
    let z = at;
    while (z < d.end && b[z] !== 0) z++;
    if (z >= d.end) throw new PostingsFormatError('unterminated position list');
    if (keep && keep.docs[docid] !== 1) {
      at = z + 1;
      continue;
    }
    if (k >= entries) throw new PostingsFormatError('more entries than expected');
    out.docids[k] = docid;
    out.start[k] = at;
    out.end[k] = z;
    if (z === at) out.deletions = true;
    k++;
    at = z + 1;
  }
  out.n = k;
  return out;
}

/** Copies entry k of `l` to the end of `out` (whose `bufs` hold l's first, at `bufBase`). */
function copy(out: TermList, l: TermList, k: number, bufBase: number): void {
  const m = out.n++;
  out.docids[m] = l.docids[k] as number;
  out.buf[m] = (l.buf[k] as number) + bufBase;
  out.start[m] = l.start[k] as number;
  out.end[m] = l.end[k] as number;
  if (out.start[m] === out.end[m]) out.deletions = true;
}

/** Drops deletions (entries without positions). */
function live(l: TermList): TermList {
  if (!l.deletions) return l;
  const out = allocList(l.n, l.bufs);
  for (let k = 0; k < l.n; k++) if (l.start[k] !== l.end[k]) copy(out, l, k, 0);
  out.deletions = false;
  return out;
}

/** Several terms' lists as one, ordered by docid (stable: a counting sort when docids are dense enough). */
function unionAll(lists: TermList[]): TermList {
  if (lists.length === 1) return lists[0] as TermList;
  let total = 0;
  let max = 0;
  const bufs: Uint8Array[] = [];
  for (const l of lists) {
    total += l.n;
    if (l.n > 0) max = Math.max(max, l.docids[l.n - 1] as number);
    bufs.push(...l.bufs);
  }
  if (bufs.length > 65_535) throw new PostingsFormatError('too many leaves for one prefix');
  const all = allocList(total, bufs);
  let base = 0;
  for (const l of lists) {
    for (let k = 0; k < l.n; k++) copy(all, l, k, base);
    base += l.bufs.length;
  }
  const order = new Int32Array(total);
  if (max <= 8 * total + 65_536) {
    const bucket = new Int32Array(max + 2);
    for (let k = 0; k < total; k++) {
      const d = all.docids[k] as number;
      bucket[d + 1] = (bucket[d + 1] as number) + 1;
    }
    for (let d = 1; d < bucket.length; d++) bucket[d] = (bucket[d] as number) + (bucket[d - 1] as number);
    for (let k = 0; k < total; k++) {
      const d = all.docids[k] as number;
      order[bucket[d] as number] = k;
      bucket[d] = (bucket[d] as number) + 1;
    }
  } else {
    for (let k = 0; k < total; k++) order[k] = k;
    order.sort((x, y) => (all.docids[x] as number) - (all.docids[y] as number) || x - y);
  }
  const out = allocList(total, bufs);
  for (let k = 0; k < total; k++) copy(out, all, order[k] as number, 0);
  return out;
}

/**
 * A token's (or a prefix's) doclists, per segment, newest segment first.
 * All segments descend together, a level at a time, with one statement per
 * level for their blocks: a store between optimisations has dozens of
 * segments, and a statement per block would cost more than FTS4's own read.
 */
function find(r: SqlReader, segs: readonly Segment[], token: string, prefix: boolean, cache: NodeCache | null): Found[][] {
  const key = encoder.encode(token);
  const t = { buf: new Uint8Array(64), len: 0 };
  if (cache) {
    const sig = segs.map((s) => `${s.startBlock}:${s.leavesEnd}:${s.root.length}`).join(' ');
    if (cache.key !== sig || cache.size > NODE_CACHE_MAX_BYTES) {
      cache.key = sig;
      cache.nodes.clear();
      cache.roots.clear();
      cache.size = 0;
      cache.leaves.clear();
      cache.leafBytes = 0;
    }
  }
  // Where each segment's descent stands: an interior node still to go down from, or the leaf reached.
  const at: { interior: Interior | null; leaf: Uint8Array; id: number }[] = segs.map((seg, i) => {
    if (varint(seg.root, 0)[0] === 0) return { interior: null, leaf: seg.root, id: 0 };
    let interior = cache?.roots.get(i);
    if (!interior) {
      interior = parseInterior(seg.root);
      cache?.roots.set(i, interior);
    }
    return { interior, leaf: seg.root, id: 0 };
  });
  for (let depth = 0; ; depth++) {
    if (depth > 48) throw new PostingsFormatError('segment tree too deep');
    const down: number[] = [];
    const ids: number[] = [];
    at.forEach((x, i) => {
      if (!x.interior) return;
      down.push(i);
      ids.push(childFor(x.interior, key));
    });
    if (down.length === 0) break;
    const missing = cache ? ids.filter((id) => !cache.nodes.has(id) && !cache.leaves.has(id)) : ids;
    const got = missing.length > 0 ? blocks(r, missing) : new Map<number, Uint8Array>();
    down.forEach((i, k) => {
      const id = ids[k] as number;
      const kept = cache?.nodes.get(id);
      if (kept) {
        at[i] = { interior: kept, leaf: NO_LEAF, id };
        return;
      }
      const keptLeaf = cache?.leaves.get(id);
      if (cache && keptLeaf) {
        // most recently used last
        cache.leaves.delete(id);
        cache.leaves.set(id, keptLeaf);
        at[i] = { interior: null, leaf: keptLeaf, id };
        return;
      }
      const node = got.get(id);
      if (!node) throw new PostingsFormatError(`missing segment block ${id}`);
      if (varint(node, 0)[0] === 0) {
        // a leaf: it holds the doclists
        if (cache) keepLeaf(cache, id, node);
        at[i] = { interior: null, leaf: node, id };
        return;
      }
      const interior = parseInterior(node);
      if (cache) {
        cache.nodes.set(id, interior);
        cache.size += node.length;
      }
      at[i] = { interior, leaf: NO_LEAF, id };
    });
  }
  return at.map((x, i) => scanLeaves(r, segs[i] as Segment, x.leaf, x.id, key, prefix, t));
}

const NO_LEAF = new Uint8Array(0);

/** Of entries sorted by docid with the newest first among equal docids, the newest per docid. */
function newestPerDoc(l: TermList): TermList {
  const out = allocList(l.n, l.bufs);
  for (let k = 0; k < l.n; k++) if (k === 0 || l.docids[k] !== l.docids[k - 1]) copy(out, l, k, 0);
  return out;
}

/**
 * Every live entry of a token (or a prefix) across all segments: per
 * concrete term, its segments' lists merged at once (a stable sort by docid
 * of the lists newest first, then the newest entry per docid), deletions
 * dropped; then a prefix's terms merged.
 */
function termList(found: Found[][], keep: { docs: Uint8Array; n: number } | null = null): TermList {
  const byTerm = new Map<string, TermList[]>();
  for (const inSegment of found) {
    for (const { term, doclist } of inSegment) {
      const lists = byTerm.get(term);
      if (lists) lists.push(decode(doclist, keep));
      else byTerm.set(term, [decode(doclist, keep)]);
    }
  }
  if (byTerm.size === 0) return EMPTY;
  const perTerm: TermList[] = [];
  for (const lists of byTerm.values()) perTerm.push(live(lists.length === 1 ? (lists[0] as TermList) : newestPerDoc(unionAll(lists))));
  return unionAll(perTerm);
}

/**
 * One doclist's documents and hits per column in a single pass: the common
 * case (an optimised index, a token that is one term), where nothing newer
 * can hide an entry; deletions (no positions) are skipped.
 */
function countDoclist(d: Doclist, out: PhraseMatches): void {
  const b = d.buf;
  let at = d.start;
  let docid = 0;
  while (at < d.end) {
    let x = b[at++] as number;
    let delta = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[at++] as number;
      delta += (x & 0x7f) * mul;
      mul *= 128;
    }
    docid += delta;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let col = 0;
    for (;;) {
      if (at >= d.end) throw new PostingsFormatError('unterminated position list');
      x = b[at++] as number;
      if (x === 0) break;
      if (x === 1) {
        x = b[at++] as number;
        col = x & 0x7f;
        mul = 128;
        while (x & 0x80) {
          x = b[at++] as number;
          col += (x & 0x7f) * mul;
          mul *= 128;
        }
        continue;
      }
      while (x & 0x80) x = b[at++] as number;
      if (col === 0) c0++;
      else if (col === 1) c1++;
      else if (col === 2) c2++;
    }
    if (c0 + c1 + c2 === 0) continue;
    out.add(docid, c0, c1, c2);
  }
}

/** Per-docid hit counts of one token over several doclists, in arrays indexed by docid. */
interface Dense {
  /** which term (1-based) last gave this docid an entry: a newer segment's entry hides older ones of the same term */
  stamp: Int32Array;
  counts: Int32Array;
  max: number;
}

/** Adds a doclist's entries to `acc` unless a newer doclist of the same term (`term`) already had that docid. */
function accumulate(d: Doclist, term: number, acc: Dense): void {
  const b = d.buf;
  let at = d.start;
  let docid = 0;
  while (at < d.end) {
    let x = b[at++] as number;
    let delta = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[at++] as number;
      delta += (x & 0x7f) * mul;
      mul *= 128;
    }
    docid += delta;
    if (docid >= acc.stamp.length) {
      const size = Math.max(2 * acc.stamp.length, docid + 1);
      const stamp = new Int32Array(size);
      stamp.set(acc.stamp);
      acc.stamp = stamp;
      const counts = new Int32Array(size * COLS);
      counts.set(acc.counts);
      acc.counts = counts;
    }
    if (docid > acc.max) acc.max = docid;
    const hidden = acc.stamp[docid] === term;
    acc.stamp[docid] = term;
    let col = 0;
    for (;;) {
      if (at >= d.end) throw new PostingsFormatError('unterminated position list');
      x = b[at++] as number;
      if (x === 0) break;
      if (x === 1) {
        x = b[at++] as number;
        col = x & 0x7f;
        mul = 128;
        while (x & 0x80) {
          x = b[at++] as number;
          col += (x & 0x7f) * mul;
          mul *= 128;
        }
        continue;
      }
      while (x & 0x80) x = b[at++] as number;
      if (!hidden && col < COLS) acc.counts[docid * COLS + col] = (acc.counts[docid * COLS + col] as number) + 1;
    }
  }
}

/**
 * A lone token spread over several doclists (segments not yet merged, or a
 * prefix's terms): hits summed per docid in arrays indexed by docid, with
 * no merging of lists; `found` is newest segment first, so per term the
 * newest entry of a docid is the one counted (a deletion counts nothing).
 */
function countMany(found: readonly Found[][], out: PhraseMatches): void {
  // Term by term (the stamps tell one term's docids from another's), each term's doclists newest first.
  const byTerm = new Map<string, Doclist[]>();
  for (const inSegment of found) {
    for (const { term, doclist } of inSegment) {
      const lists = byTerm.get(term);
      if (lists) lists.push(doclist);
      else byTerm.set(term, [doclist]);
    }
  }
  const acc: Dense = { stamp: new Int32Array(1024), counts: new Int32Array(1024 * COLS), max: 0 };
  let t = 0;
  for (const lists of byTerm.values()) {
    t++;
    for (const d of lists) accumulate(d, t, acc);
  }
  const c = acc.counts;
  for (let d = 0; d <= acc.max; d++) {
    const c0 = c[d * COLS] as number;
    const c1 = c[d * COLS + 1] as number;
    const c2 = c[d * COLS + 2] as number;
    if (c0 + c1 + c2 > 0) out.add(d, c0, c1, c2);
  }
}

/** A growable scratch array of position keys. */
interface Scratch {
  a: Float64Array;
  n: number;
}

/** Appends the position keys (column * 2^24 + position) of one entry to `out`. */
function positionsInto(b: Uint8Array, from: number, to: number, out: Scratch): void {
  let col = 0;
  let p = 0;
  let i = from;
  while (i < to) {
    let x = b[i++] as number;
    let v = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[i++] as number;
      v += (x & 0x7f) * mul;
      mul *= 128;
    }
    if (v === 1) {
      x = b[i++] as number;
      col = x & 0x7f;
      mul = 128;
      while (x & 0x80) {
        x = b[i++] as number;
        col += (x & 0x7f) * mul;
        mul *= 128;
      }
      p = 0;
      continue;
    }
    p += v - 2;
    if (p >= COL_SHIFT) throw new PostingsFormatError('a position past 2^24 (its key would spill into the next column)');
    if (out.n === out.a.length) {
      const bigger = new Float64Array(out.a.length * 2);
      bigger.set(out.a);
      out.a = bigger;
    }
    out.a[out.n++] = col * COL_SHIFT + p;
  }
}

/** Phrase hits per column in one document, given each token's sorted position keys. */
function phraseHits(pos: readonly Scratch[], cursor: Int32Array, c: Int32Array): void {
  const n = pos.length;
  // plain loops: TypedArray#fill's call costs more than these few stores, once per document
  for (let j = 0; j < n; j++) cursor[j] = 0;
  c[0] = c[1] = c[2] = 0;
  const p0 = pos[0] as Scratch;
  for (let x0 = 0; x0 < p0.n; x0++) {
    const p = p0.a[x0] as number;
    let ok = true;
    for (let j = 1; j < n && ok; j++) {
      const pj = pos[j] as Scratch;
      let x = cursor[j] as number;
      while (x < pj.n && (pj.a[x] as number) < p + j) x++;
      cursor[j] = x;
      ok = x < pj.n && pj.a[x] === p + j;
    }
    if (!ok) continue;
    const col = Math.floor(p / COL_SHIFT);
    if (col < COLS) c[col] = (c[col] as number) + 1;
  }
}

const KEY_SHIFT = 24; // position key = column << KEY_SHIFT | position, an int32 for the COLS columns

/**
 * phraseInDoclists' working arrays, reused (grown as needed) so a search
 * allocates little: the candidates (docid, where their phrase starts are in
 * `keys`, how many) and the starts themselves.
 */
const scratch = { doc: new Int32Array(1024), from: new Int32Array(1024), count: new Int32Array(1024), keys: new Int32Array(4096) };

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const bigger = new Int32Array(Math.max(need, 2 * a.length));
  bigger.set(a);
  return bigger;
}

/**
 * The smallest list's pass: its documents become the candidates, its
 * positions (less `offset`, its place in the phrase) their phrase starts.
 * Returns how many candidates. (Each pass is a function of one loop that
 * returns a number: V8 then optimises it whole. A long function with loops
 * in sequence kept re-entering stale on-stack-replacement code that bailed
 * out after each loop, costing more than the decoding: see primeFeedback.)
 */
function anchorPass(d: Doclist, offset: number): number {
  const b = d.buf;
  const end = d.end;
  let doc = scratch.doc;
  let from = scratch.from;
  let count = scratch.count;
  let keys = scratch.keys;
  let nk = 0;
  let nc = 0;
  let i = d.start;
  let docid = 0;
  while (i < end) {
    let x = b[i++] as number;
    let delta = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[i++] as number;
      delta += (x & 0x7f) * mul;
      mul *= 128;
    }
    docid += delta;
    if (docid > 0x7fffffff) throw new PostingsFormatError('a docid past 2^31');
    const first = nk;
    let col = 0;
    let p = 0;
    for (;;) {
      x = b[i++] as number;
      if (x === 0) break;
      let v = x & 0x7f;
      mul = 128;
      while (x & 0x80) {
        x = b[i++] as number;
        v += (x & 0x7f) * mul;
        mul *= 128;
      }
      if (v === 1) {
        x = b[i++] as number;
        col = x & 0x7f;
        mul = 128;
        while (x & 0x80) {
          x = b[i++] as number;
          col += (x & 0x7f) * mul;
          mul *= 128;
        }
        if (col >= COLS) throw new PostingsFormatError(`column ${col} past the table's ${COLS}`);
        p = 0;
        continue;
      }
      p += v - 2;
      if (p >= COL_SHIFT) throw new PostingsFormatError('a position past 2^24 (its key would spill into the next column)');
      if (p < offset) continue;
      if (nk === keys.length) keys = scratch.keys = grow(keys, nk + 1);
      keys[nk++] = ((col << KEY_SHIFT) | p) - offset;
    }
    if (nk === first) continue; // a deletion, or no start in the phrase's reach
    if (nc === doc.length) {
      doc = scratch.doc = grow(doc, nc + 1);
      from = scratch.from = grow(from, nc + 1);
      count = scratch.count = grow(count, nc + 1);
    }
    doc[nc] = docid;
    from[nc] = first;
    count[nc] = nk - first;
    nc++;
  }
  return nc;
}

/**
 * Another list's pass over the `nc` candidates: each keeps the phrase starts
 * p with this token at p + `shift`, its positions read only while starts
 * remain; every other entry is skipped to its 0. Candidates this list lacks,
 * or with no start left, drop out (the rest move to the front, in order).
 * Returns how many remain.
 */
function filterPass(d: Doclist, shift: number, nc: number): number {
  const { doc, from, count, keys } = scratch;
  const b = d.buf;
  const end = d.end;
  let c = 0; // next candidate
  let live = 0; // candidates kept so far
  let i = d.start;
  let docid = 0;
  while (i < end && c < nc) {
    let x = b[i++] as number;
    let delta = x & 0x7f;
    let mul = 128;
    while (x & 0x80) {
      x = b[i++] as number;
      delta += (x & 0x7f) * mul;
      mul *= 128;
    }
    docid += delta;
    while (c < nc && (doc[c] as number) < docid) c++;
    if (c >= nc || doc[c] !== docid) {
      while (b[i] !== 0) i++;
      i++;
      continue;
    }
    const k0 = from[c] as number;
    const m = count[c] as number;
    let t = 0;
    let kept = 0;
    let col = 0;
    let p = 0;
    while (t < m) {
      x = b[i] as number;
      if (x === 0) break;
      i++;
      let v = x & 0x7f;
      mul = 128;
      while (x & 0x80) {
        x = b[i++] as number;
        v += (x & 0x7f) * mul;
        mul *= 128;
      }
      if (v === 1) {
        x = b[i++] as number;
        col = x & 0x7f;
        mul = 128;
        while (x & 0x80) {
          x = b[i++] as number;
          col += (x & 0x7f) * mul;
          mul *= 128;
        }
        if (col >= COLS) throw new PostingsFormatError(`column ${col} past the table's ${COLS}`);
        p = 0;
        continue;
      }
      p += v - 2;
      if (p < shift) continue; // the phrase would start before this column
      const key = ((col << KEY_SHIFT) | p) - shift;
      while (t < m && (keys[k0 + t] as number) < key) t++;
      if (t < m && keys[k0 + t] === key) {
        keys[k0 + kept] = key;
        kept++;
        t++;
      }
    }
    while (b[i] !== 0) i++;
    i++;
    if (kept > 0) {
      doc[live] = docid;
      from[live] = k0;
      count[live] = kept;
      live++;
    }
    c++;
  }
  return live;
}

/** The `nc` surviving candidates into `out`, with their phrase hits per column. */
function emitCandidates(nc: number, out: PhraseMatches): void {
  const { doc, from, count, keys } = scratch;
  out.reserve(nc);
  let found = out.n;
  const outDocids = out.docids;
  const outCounts = out.counts;
  for (let c = 0; c < nc; c++) {
    const k0 = from[c] as number;
    const k1 = k0 + (count[c] as number);
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let k = k0; k < k1; k++) {
      const col = (keys[k] as number) >>> KEY_SHIFT;
      if (col === 0) c0++;
      else if (col === 1) c1++;
      else c2++;
    }
    outDocids[found] = doc[c] as number;
    outCounts[found * COLS] = c0;
    outCounts[found * COLS + 1] = c1;
    outCounts[found * COLS + 2] = c2;
    found++;
  }
  out.n = found;
}

/**
 * A phrase whose every token is one doclist (the common case: an optimised
 * index, no prefix spanning several terms), a list at a time: the smallest
 * list's documents are the candidates and its positions the phrase starts;
 * each other list then filters them (token j at p + j). Every byte is read
 * once, each list by one tight loop.
 */
function phraseInDoclists(docs: readonly Doclist[], out: PhraseMatches): void {
  const order = docs.map((d, j) => ({ d, j })).sort((x, y) => x.d.end - x.d.start - (y.d.end - y.d.start) || x.j - y.j);
  for (const { d } of order) {
    if (d.end <= d.start) return;
    // A doclist ends with its last entry's 0, and no varint holds a 0 byte:
    // once this holds, no scan or varint in the passes can run past its end.
    if (d.buf[d.end - 1] !== 0) throw new PostingsFormatError('unterminated position list');
  }
  const first = order[0] as { d: Doclist; j: number };
  let nc = anchorPass(first.d, first.j);
  for (let s = 1; s < order.length && nc > 0; s++) {
    const { d, j } = order[s] as { d: Doclist; j: number };
    nc = filterPass(d, j, nc);
  }
  emitCandidates(nc, out);
}

/**
 * Runs the phrase passes once on a small made-up doclist that takes every
 * branch (multi-byte docids, positions and columns, an entry some list
 * lacks, a deletion, a start before its column), so the interpreter has
 * type feedback for all of them before the first real search. Without it,
 * the first large doclist is optimised mid-loop with branches never seen,
 * and the code bails out each time one is first taken. Results are
 * discarded; nothing is shared with real searches but the scratch arrays.
 */
function primeFeedback(): void {
  const varint = (v: number): number[] => {
    const out: number[] = [];
    do {
      out.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
      v = Math.floor(v / 128);
    } while (v > 0);
    return out;
  };
  const list = (entries: [number, [number, number][]][]): Doclist => {
    const bytes: number[] = [];
    let last = 0;
    for (const [docid, positions] of entries) {
      bytes.push(...varint(docid - last));
      last = docid;
      let col = 0;
      let prev = 0;
      for (const [c, p] of positions) {
        if (c !== col) {
          bytes.push(1, ...varint(c));
          col = c;
          prev = 0;
        }
        bytes.push(...varint(p - prev + 2));
        prev = p;
      }
      bytes.push(0);
    }
    return { buf: Uint8Array.from(bytes), start: 0, end: bytes.length };
  };
  const a = list([[1, [[0, 0], [2, 5]]], [3, [[2, 300]]], [200, []], [201, [[0, 1], [1, 0], [2, 0], [2, 130]]], [70_000, [[2, 7]]]]);
  const b = list([[1, [[0, 1], [2, 6]]], [2, [[2, 1]]], [201, [[0, 2], [1, 1], [2, 131], [2, 400]]], [70_000, [[2, 9]]], [70_001, [[2, 0]]]]);
  const c = list([[1, [[0, 2], [2, 7]]], [201, [[1, 2], [2, 132]]], [70_000, [[2, 8]]]]);
  for (let k = 0; k < 3; k++) {
    phraseInDoclists([a, b, c], new PhraseMatches());
    phraseInDoclists([c, a], new PhraseMatches());
  }
}
primeFeedback();

/**
 * The documents holding a phrase (its tokens at consecutive positions in one
 * column; the last token a prefix when `phrase.prefix`) and the phrase's
 * occurrences per column in each: what FTS4's MATCH and matchinfo 'y' give
 * for the quoted phrase.
 */
export function phraseMatches(r: SqlReader, phrase: QueryPhrase, segs: readonly Segment[] = segments(r), nodes: NodeCache | null = null): PhraseMatches {
  const n = phrase.tokens.length;
  const found = phrase.tokens.map((t, i) => find(r, segs, t, phrase.prefix && i === n - 1, nodes));
  const out = new PhraseMatches();
  if (n === 1) {
    const only = (found[0] ?? []).flat();
    if (only.length === 1) countDoclist((only[0] as Found).doclist, out);
    else if (only.length > 1) countMany(found[0] ?? [], out);
    return out;
  }
  const singles = found.map((f) => f.flat());
  if (n > 1 && singles.every((f) => f.length === 1)) {
    phraseInDoclists(
      singles.map((f) => (f[0] as Found).doclist),
      out,
    );
    return out;
  }
  if (singles.some((f) => f.length === 0)) return out;
  // The token with the fewest doclist bytes first; the others keep only its
  // documents (the rest cannot hold the phrase), so a frequent token spread
  // over many segments is walked, not listed and sorted.
  const bytes = singles.map((f) => f.reduce((sum, x) => sum + x.doclist.end - x.doclist.start, 0));
  const rarest = bytes.indexOf(Math.min(...bytes));
  const base = termList(found[rarest] ?? []);
  let max = 0;
  for (let k = 0; k < base.n; k++) max = Math.max(max, base.docids[k] as number);
  const keep = new Uint8Array(max + 1);
  for (let k = 0; k < base.n; k++) keep[base.docids[k] as number] = 1;
  const lists = found.map((f, j) => (j === rarest ? base : termList(f, { docs: keep, n: base.n })));
  const first = lists[0];
  if (!first) return out;
  const c = new Int32Array(COLS);
  // Intersect by docid (driving from the shortest list); then count the
  // start positions p with token j at p + j.
  const idx = new Int32Array(n);
  const cursor = new Int32Array(n);
  const pos: Scratch[] = lists.map(() => ({ a: new Float64Array(64), n: 0 }));
  const drive = lists.reduce((best, l, j) => (l.n < (lists[best] as TermList).n ? j : best), 0);
  const dl = lists[drive] as TermList;
  for (let k = 0; k < dl.n; ) {
    const docid = dl.docids[k] as number;
    while (k < dl.n && dl.docids[k] === docid) k++;
    let all = true;
    for (let j = 0; j < n && all; j++) {
      const l = lists[j] as TermList;
      let x = idx[j] as number;
      while (x < l.n && (l.docids[x] as number) < docid) x++;
      idx[j] = x;
      all = x < l.n && l.docids[x] === docid;
    }
    if (!all) continue;
    for (let j = 0; j < n; j++) {
      const l = lists[j] as TermList;
      const s = pos[j] as Scratch;
      s.n = 0;
      let x = idx[j] as number;
      let entries = 0;
      for (; x < l.n && l.docids[x] === docid; x++, entries++) positionsInto(l.bufs[l.buf[x] as number] as Uint8Array, l.start[x] as number, l.end[x] as number, s);
      if (entries > 1) s.a.subarray(0, s.n).sort();
    }
    phraseHits(pos, cursor, c);
    if ((c[0] as number) + (c[1] as number) + (c[2] as number) === 0) continue;
    out.add(docid, c[0] as number, c[1] as number, c[2] as number);
  }
  return out;
}

/**
 * Live entries of one doclist, counted up to `limit + 1` (then it stops):
 * each entry's docid varint is stepped over and its positions skipped to
 * their 0, nothing decoded; an entry without positions is a deletion.
 */
function liveEntriesAtMost(d: Doclist, limit: number): number {
  const b = d.buf;
  const end = d.end;
  if (end <= d.start) return 0;
  if (b[end - 1] !== 0) throw new PostingsFormatError('unterminated position list');
  let at = d.start;
  let n = 0;
  while (at < end) {
    while ((b[at++] as number) & 0x80);
    if (b[at] === 0) {
      at++;
      continue;
    }
    if (++n > limit) return limit + 1;
    while (b[at] !== 0) at++;
    at++;
  }
  return n;
}

/**
 * How many articles hold a one-token phrase when that is at most `limit`,
 * else `limit + 1`, reading no further than the (limit + 1)-th entry: what a
 * suggestion needs of a word it will drop when frequent. Null when the token
 * is not one doclist (several segments or a prefix's terms) or the phrase
 * has several tokens: the caller then counts its matches in full.
 */
export function tokenDfAtMost(r: SqlReader, phrase: QueryPhrase, limit: number, segs: readonly Segment[] = segments(r), nodes: NodeCache | null = null): number | null {
  if (phrase.tokens.length !== 1) return null;
  const found = find(r, segs, phrase.tokens[0] as string, phrase.prefix, nodes).flat();
  if (found.length === 0) return 0;
  if (found.length > 1) return null;
  return liveEntriesAtMost((found[0] as Found).doclist, limit);
}

/** The segment list once per query (several phrases read the same segments). */
export function readSegments(r: SqlReader): Segment[] {
  return segments(r);
}
