import { normalizeWord } from './synonyms.js';
import { MAX_QUERY_PHRASES, phraseOf, type QueryPhrase } from './tokenize.js';

/**
 * How a search box's text (or a ticket description, for suggestions) is
 * understood as words (issue 17). Pure: the Chinese segmenter is passed in
 * (electron/core/kb/segment.ts wraps jieba), so this module stays free of
 * Node and of the dictionary.
 *
 * - "quoted text" is one exact phrase that every result must hold (as
 *   before: 100% recall of the quoted text).
 * - Unquoted text splits at white space and where the script changes
 *   (`vpn报错0x80070005` -> vpn / 报错 / 0x80070005); a Latin run with its
 *   code punctuation stays whole (`ERR_0x80070005`, `192.168.1.1`, `Wi-Fi`).
 * - Chinese runs are segmented into words; question and filler words weigh
 *   nothing (dropped); single characters left next to each other are one
 *   word again (内 / 网 -> 内网: the dictionary did not know it).
 * - Each word is a group: the word and its synonyms, any of which matches.
 */

export interface QueryGroup {
  /** the word as the user typed it (what the no-results state shows) */
  word: string;
  /** the word and its synonyms, each a phrase of index tokens */
  alternatives: QueryPhrase[];
  /** a quoted phrase: every result must hold it */
  required: boolean;
}

export interface UnderstoodQuery {
  groups: QueryGroup[];
  /**
   * The unquoted text from its first to its last meaningful word, as one
   * phrase (exact wording ranks first); null with fewer than two words.
   */
  whole: QueryPhrase | null;
  /** the words searched, in order (quoted phrases with their quotes) */
  words: string[];
}

/** Question and filler words: they say nothing about the problem. */
export const STOP_WORDS = new Set(
  (
    '怎么办 怎么 如何 为什么 为啥 咋办 咋 怎样 怎么样 怎么回事 什么 啥 哪里 哪儿 是不是 能不能 可不可以 可以 能否 是否 请问 麻烦 您好 你好 谢谢 ' +
    '了 吗 的 地 得 呢 吧 啊 呀 嘛 哦 哈 着 过 么 ' +
    '一直 老是 总是 总 经常 又 还 也 都 就 才 很 太 非常 特别 有点 有些 一下 一点 突然 ' +
    '我 我们 你 你们 他 她 它 他们 这 那 这个 那个 这样 那样 ' +
    '要 想 需要 应该 会 能 在 是 有 没有 被 把 给 让 和 与 及 或 或者 跟 对 从 向 后 之后 以后 时 时候 ' +
    '处理 解决办法 办法 问题 情况 出现 显示 提示 客户说 客户 用户 来电 反映 说'
  ).split(' '),
);
const STOP_LATIN = new Set(['the', 'a', 'an', 'is', 'are', 'to', 'of', 'how', 'what', 'why', 'can', 'not', 'cannot', 'do', 'does', 'i', 'my', 'it', 'in', 'on', 'and', 'or', 'please']);

export type Cut = (text: string) => string[];

const HAN = /\p{Script=Han}/u;
const QUOTE = /["“”]([^"“”]*)["“”]?/gu;

/** The parts of an unquoted chunk where the script changes: Han runs and everything else. */
function scriptRuns(chunk: string): { text: string; han: boolean }[] {
  const out: { text: string; han: boolean }[] = [];
  for (const m of chunk.matchAll(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) out.push({ text: m[0], han: HAN.test(m[0]) });
  return out;
}

/** Latin parts of a non-Han run: words and codes with their inner punctuation, outer punctuation trimmed. */
function latinWords(text: string): string[] {
  return text
    .split(/[\s,，。；;：:!！?？、()（）[\]【】<>《》'`]+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

export function isStopWord(w: string): boolean {
  return STOP_WORDS.has(w) || STOP_LATIN.has(w.toLowerCase());
}

/** A Han run as words: segmented, filler dropped, adjacent single characters joined. */
export function hanWords(run: string, cut: Cut): { words: string[]; first: number; last: number } {
  const pieces = cut(run);
  const words: string[] = [];
  let pending = '';
  let at = 0;
  let first = -1;
  let last = -1;
  const flush = () => {
    if (pending !== '') words.push(pending);
    pending = '';
  };
  for (const p of pieces) {
    const start = at;
    at += p.length;
    if (isStopWord(p) || !HAN.test(p)) {
      flush();
      continue;
    }
    if (first < 0) first = start;
    last = at;
    if ([...p].length === 1) pending += p;
    else {
      flush();
      words.push(p);
    }
  }
  flush();
  return { words, first, last };
}

export interface UnderstandOptions {
  /** the last unquoted Latin word also matches as a prefix (search as you type) */
  prefixLast?: boolean;
  /** synonyms by normalised word (shared/kb/synonyms.ts synonymIndex) */
  synonyms?: ReadonlyMap<string, readonly string[]>;
  maxGroups?: number;
}

function alternativesOf(word: string, prefix: boolean, synonyms: ReadonlyMap<string, readonly string[]> | undefined): QueryPhrase[] {
  const out: QueryPhrase[] = [];
  const seen = new Set<string>();
  const add = (w: string, pre: boolean) => {
    const p = phraseOf(w, pre);
    if (!p || p.tokens.length === 0) return;
    const key = `${p.tokens.join(' ')}${p.prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  add(word, prefix);
  const single = [...word].length === 1;
  for (const s of synonyms?.get(normalizeWord(word)) ?? []) {
    // A one-character synonym of a longer word would match every word starting with it.
    if (!single && [...s].length === 1) continue;
    add(s, false);
  }
  return out;
}

/** The query's words, groups and whole phrase (see the module comment). */
export function understandQuery(text: string, cut: Cut, options: UnderstandOptions = {}): UnderstoodQuery {
  const groups: QueryGroup[] = [];
  const words: string[] = [];
  const seen = new Set<string>();
  const quoted: string[] = [];
  const rest = text.replace(QUOTE, (_m, inner: string) => {
    quoted.push(inner);
    return ' ';
  });
  for (const q of quoted) {
    const p = phraseOf(q, false);
    if (!p) continue;
    const key = `"${p.tokens.join(' ')}"`;
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({ word: `"${q.trim()}"`, alternatives: [p], required: true });
    words.push(`"${q.trim()}"`);
  }
  // Unquoted words, in order; the span of meaningful text for the whole phrase.
  const plain: { word: string; latin: boolean }[] = [];
  const chunks = rest.split(/\s+/u).filter((c) => c !== '');
  let wholeText = '';
  let wholeParts = 0;
  for (const chunk of chunks) {
    for (const run of scriptRuns(chunk)) {
      if (run.han) {
        const h = hanWords(run.text, cut);
        for (const w of h.words) plain.push({ word: w, latin: false });
        if (h.first >= 0) {
          wholeText += `${wholeText === '' ? '' : ' '}${run.text.slice(h.first, h.last)}`;
          wholeParts++;
        }
      } else {
        for (const w of latinWords(run.text)) {
          if (STOP_LATIN.has(w.toLowerCase())) continue;
          plain.push({ word: w, latin: true });
          wholeText += `${wholeText === '' ? '' : ' '}${w}`;
          wholeParts++;
        }
      }
    }
  }
  const lastLatinAt = () => plain.length > 0 && (plain[plain.length - 1] as { latin: boolean }).latin ? plain.length - 1 : -1;
  const lastLatin = lastLatinAt();
  // A lone Chinese character without synonyms (报, 要, 信) is noise next to real words.
  const meaningful = plain.filter((p) => p.latin || [...p.word].length > 1 || options.synonyms?.has(normalizeWord(p.word)));
  if (meaningful.length > 0 && meaningful.length < plain.length) plain.splice(0, plain.length, ...meaningful);
  plain.forEach((p, i) => {
    const alternatives = alternativesOf(p.word, (options.prefixLast ?? false) && i === lastLatin && p.word.length >= 2, options.synonyms);
    const first = alternatives[0];
    if (!first) return;
    const key = `${first.tokens.join(' ')}${first.prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    groups.push({ word: p.word, alternatives, required: false });
    words.push(p.word);
  });
  const max = options.maxGroups ?? MAX_QUERY_PHRASES;
  const plainGroups = groups.filter((g) => !g.required).length;
  let whole: QueryPhrase | null = null;
  if (plainGroups >= 2 && wholeParts >= 1) {
    const p = phraseOf(wholeText, false);
    if (p && p.tokens.length >= 2) whole = p;
  }
  return { groups: groups.slice(0, max), whole, words };
}
