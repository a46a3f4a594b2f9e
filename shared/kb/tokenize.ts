/**
 * The knowledge base's tokeniser, shared by indexing (electron/core/kb) and
 * query parsing, so both sides always agree on what a token is. Pure: no
 * Node, DOM or database.
 *
 * - Chinese (and other CJK: kana, hangul) runs become overlapping character
 *   pairs (bigrams), followed by the run's lone last character: `忘记密码` ->
 *   `忘记 记密 密码 码`. A two-character word is then one token wherever it
 *   occurs, a longer one a phrase of its bigrams, and a single character is a
 *   prefix (`密*` meets `密码` and a run ending in `密`).
 * - Latin letters and digits form words, lowercased; full-width forms are
 *   folded to ASCII (`ＶＰＮ` = `vpn`). Everything else separates tokens, so a
 *   code like `ERR_0x80070005` or `192.168.1.1` is a sequence of words that a
 *   query matches as a phrase.
 *
 * Tokens are written to an FTS4 table with the `simple` tokenizer, one space
 * between tokens: they never contain ASCII characters other than [a-z0-9], so
 * FTS sees exactly these tokens, at these positions.
 *
 * CHANGING WHAT THIS MODULE EMITS needs a new migration that rebuilds the
 * index (`INSERT INTO kb_search (kb_search) VALUES ('rebuild')`): the index
 * removes a changed or deleted article's old tokens by tokenising its old
 * text again, so a tokeniser that changed in between would leave them behind.
 */

export type TokenKind = 'word' | 'cjk';

export interface Token {
  /** normalised token text: a lowercased word, a CJK bigram or a lone CJK character */
  text: string;
  kind: TokenKind;
  /** UTF-16 offsets `[start, end)` in the original string */
  start: number;
  end: number;
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x20000 && cp <= 0x3134f) || // extensions B..G
    cp === 0x3007 // 〇
  );
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}\p{M}]$/u;
/** What may remain of a normalised non-ASCII character inside a word: no ASCII punctuation (FTS would split on it). */
const UNSAFE_IN_WORD = /[^\p{L}\p{N}\p{M}]|[\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]/gu;

/** Normalised word text of one code point, or null when it separates tokens. */
function wordChar(cp: number, ch: string): string | null {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return ch; // a-z
    if (cp >= 0x30 && cp <= 0x39) return ch; // 0-9
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32); // A-Z
    return null;
  }
  if (cp >= 0xff01 && cp <= 0xff5e) return wordChar(cp - 0xfee0, String.fromCharCode(cp - 0xfee0)); // full-width ASCII
  if (!LETTER_OR_NUMBER.test(ch)) return null;
  const norm = ch.normalize('NFKC').toLowerCase().replace(UNSAFE_IN_WORD, '');
  return norm === '' ? null : norm;
}

interface Run {
  kind: TokenKind;
  /** per character: normalised text and UTF-16 offsets */
  chars: { text: string; start: number; end: number }[];
}

/** Splits text into CJK runs and word runs, in order. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur: Run | null = null;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    const ch = len === 1 ? text.charAt(i) : text.slice(i, i + 2);
    let kind: TokenKind | null;
    let norm: string | null;
    if (isCjk(cp)) {
      kind = 'cjk';
      norm = ch;
    } else {
      norm = wordChar(cp, ch);
      kind = norm === null ? null : 'word';
    }
    if (kind === null || norm === null) {
      cur = null;
    } else {
      if (!cur || cur.kind !== kind) {
        cur = { kind, chars: [] };
        out.push(cur);
      }
      cur.chars.push({ text: norm, start: i, end: i + len });
    }
    i += len;
  }
  return out;
}

function pushRunTokens(run: Run, out: Token[], withLoneLast: boolean): void {
  const c = run.chars;
  const first = c[0];
  const last = c[c.length - 1];
  if (!first || !last) return;
  if (run.kind === 'word') {
    let t = '';
    for (const x of c) t += x.text;
    out.push({ text: t, kind: 'word', start: first.start, end: last.end });
    return;
  }
  for (let i = 0; i + 1 < c.length; i++) {
    const a = c[i] as Run['chars'][number];
    const b = c[i + 1] as Run['chars'][number];
    out.push({ text: a.text + b.text, kind: 'cjk', start: a.start, end: b.end });
  }
  if (withLoneLast || c.length === 1) out.push({ text: last.text, kind: 'cjk', start: last.start, end: last.end });
}

/** Every token of a text, as indexed. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const run of runs(text)) pushRunTokens(run, out, true);
  return out;
}

/** The text stored in the FTS table for a field: its tokens separated by spaces. */
export function indexText(text: string | null | undefined): string {
  if (!text) return '';
  const rs = runs(text);
  const parts: string[] = [];
  for (const run of rs) {
    const c = run.chars;
    if (run.kind === 'word') {
      let t = '';
      for (const x of c) t += x.text;
      parts.push(t);
    } else {
      for (let i = 0; i + 1 < c.length; i++) parts.push((c[i] as Run['chars'][number]).text + (c[i + 1] as Run['chars'][number]).text);
      parts.push((c[c.length - 1] as Run['chars'][number]).text);
    }
  }
  return parts.join(' ');
}

/** Tags are stored as a JSON array of strings; each tag is indexed like text, tags in order. */
export function parseTags(tagsJson: string | null | undefined): string[] {
  if (!tagsJson) return [];
  try {
    const v: unknown = JSON.parse(tagsJson);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function tagsIndexText(tagsJson: string | null | undefined): string {
  return parseTags(tagsJson)
    .map((t) => indexText(t))
    .filter((t) => t !== '')
    .join(' ');
}

/** One query term: a phrase of tokens that must occur in this order; the last may be a prefix. */
export interface QueryPhrase {
  tokens: string[];
  /** the last token matches as a prefix */
  prefix: boolean;
  /** the text the user typed for it (for messages) */
  source: string;
  /**
   * Set when the phrase is one CJK run: the phrase then matches exactly where
   * this text occurs (CJK is not normalised), which highlighting finds
   * without tokenising.
   */
  literal?: string;
}

/** A term's tokens as a phrase; see the module comment and `parseQuery`. */
export function phraseOf(source: string, prefixLastWord: boolean, minPrefix = 2): QueryPhrase | null {
  const rs = runs(source);
  const tokens: Token[] = [];
  rs.forEach((run, i) => pushRunTokens(run, tokens, i < rs.length - 1));
  const last = tokens[tokens.length - 1];
  const lastRun = rs[rs.length - 1];
  if (!last || !lastRun) return null;
  let prefix = false;
  if (lastRun.kind === 'cjk' && lastRun.chars.length === 1) prefix = true; // one character: bigrams starting with it, or itself
  else if (lastRun.kind === 'word' && prefixLastWord && last.text.length >= minPrefix) prefix = true;
  const phrase: QueryPhrase = { tokens: tokens.map((t) => t.text), prefix, source };
  if (rs.length === 1 && lastRun.kind === 'cjk') phrase.literal = lastRun.chars.map((c) => c.text).join('');
  return phrase;
}

export const MAX_QUERY_PHRASES = 16;

/**
 * A search box's text as phrases that must all match (AND). Terms are
 * separated by white space; "quoted text" (ASCII or Chinese quotes) is one
 * phrase. Inside a term, CJK runs and words follow each other as a phrase,
 * so `ERR_0x80070005` is the phrase `err 0x80070005` and `密码重置` the
 * phrase `密码 码重 重置`. The last unquoted term's last word is also a
 * prefix (search as you type). Operators are not recognised: `OR`, `NEAR`,
 * `-`, `*` and parentheses are ordinary text, so any input is a valid query.
 */
export function parseQuery(q: string, options: { prefixLast?: boolean } = {}): QueryPhrase[] {
  const terms: { text: string; quoted: boolean }[] = [];
  const re = /["“”]([^"“”]*)["“”]?|[^\s"“”]+/gu;
  for (let m = re.exec(q); m !== null; m = re.exec(q)) {
    if (m[1] !== undefined) terms.push({ text: m[1], quoted: true });
    else terms.push({ text: m[0], quoted: false });
  }
  const out: QueryPhrase[] = [];
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    const isLast = i === terms.length - 1;
    const p = phraseOf(t.text, (options.prefixLast ?? true) && isLast && !t.quoted);
    if (!p) return;
    const key = `${p.tokens.join(' ')}${p.prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  });
  return out.slice(0, MAX_QUERY_PHRASES);
}

/** The FTS4 MATCH expression of one phrase: always quoted, so nothing the user typed is an operator. */
export function matchPhrase(p: QueryPhrase): string {
  const toks = p.tokens.map((t, i) => (p.prefix && i === p.tokens.length - 1 ? `${t}*` : t));
  return `"${toks.join(' ')}"`;
}

/**
 * Where the phrases occur in a text: `[start, end)` UTF-16 ranges, sorted and
 * merged. Uses the same tokens as the index, so a highlight marks exactly
 * what the search matched.
 */
export function highlightRanges(text: string, phrases: readonly QueryPhrase[]): [number, number][] {
  if (phrases.length === 0 || text === '') return [];
  const ranges: [number, number][] = [];
  let toks: Token[] | null = null;
  for (const p of phrases) {
    const n = p.tokens.length;
    if (n === 0) continue;
    if (p.literal) {
      // one CJK run: exactly its occurrences (a one-character prefix marks that character)
      for (let at = text.indexOf(p.literal); at >= 0; at = text.indexOf(p.literal, at + 1)) ranges.push([at, at + p.literal.length]);
      continue;
    }
    toks ??= tokenize(text);
    for (let i = 0; i + n <= toks.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const t = (toks[i + j] as Token).text;
        const want = p.tokens[j] as string;
        ok = p.prefix && j === n - 1 ? t.startsWith(want) : t === want;
      }
      if (!ok) continue;
      const a = toks[i] as Token;
      let b = toks[i + n - 1] as Token;
      // A one-character prefix that met a bigram marks only that character.
      if (p.prefix && b.kind === 'cjk' && (p.tokens[n - 1] as string).length < b.text.length) {
        const want = p.tokens[n - 1] as string;
        b = { ...b, end: b.start + want.length };
      }
      ranges.push([a.start, b.end]);
    }
  }
  return mergeRanges(ranges);
}

export function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
