import * as jiebaWasm from 'jieba-wasm';
import { DEFAULT_SYNONYMS } from '../../../shared/kb/synonyms.js';

/**
 * Chinese word segmentation for the knowledge base's queries (issue 17):
 * jieba-rs compiled to WebAssembly (the `jieba-wasm` package), with its
 * default dictionary plus the support desk's own words.
 *
 * Why this one (measured on the issue's 18 queries, Node 22):
 * - @node-rs/jieba segments exactly the same way (it is the same jieba-rs
 *   and dictionary) and is faster (~1 us a query against ~15 us), but it is a
 *   native addon: one prebuilt binary per platform. At equal quality the
 *   house prefers no native code, and 15 us is nothing next to the search.
 * - Intl.Segmenter (ICU's dictionary) splits 重置 into 重 / 置, 宽带 into
 *   宽 / 带, 光猫, 蓝屏 and 报错 likewise: every such query would fall back
 *   to single characters.
 * - The KB's own vocabulary alone (substrings found in the index) costs an
 *   index probe per candidate substring and knows nothing on a small or new
 *   KB. It is still used, combined: the index is bigrams, so a word jieba
 *   found matches wherever the KB has it, and the support desk's words (the
 *   synonyms' words and the list below) are added to jieba's dictionary so
 *   连不上, 打不开 and 内网 stay whole.
 *
 * The dictionary is built on first use (~0.7 s, once per process); the core
 * calls warmSegmenter() at start so no search waits for it.
 */

interface Jieba {
  cut(text: string, hmm?: boolean | null): string[];
  add_word(word: string, freq?: number | null, tag?: string | null): number;
}

/** Support-desk words jieba's general dictionary splits. */
const DESK_WORDS = [
  '内网', '外网', '连不上', '连不了', '打不开', '登不上', '上不了网', '收不到', '发不出去', '掉线', '断线', '断网', '脱机', '光猫', '报错',
  '错误码', '错误代码', '蓝屏', '卡纸', '缴费', '欠费', '停机', '复机', '销户', '过户', '移机', '拆机', '提速', '发票抬头', '红冲',
  '网速慢', '抬头', '输密码', '没解决', '未解决', '四小时', '宽带', '账单', '详单', '扣费', '退费', '话费',
];

let instance: Jieba | null = null;

function load(): Jieba {
  if (instance) return instance;
  // The package's Node build (its `node` export) is CommonJS and reads its .wasm next to itself.
  const j: Jieba = jiebaWasm;
  const words = new Set<string>(DESK_WORDS);
  // Synonyms of two or three characters only: a longer one (重置密码) is better split (重置 / 密码),
  // each word then matching on its own; the whole-phrase tier still ranks the exact wording first.
  for (const g of DEFAULT_SYNONYMS) for (const w of g) if (/^\p{Script=Han}{2,3}$/u.test(w)) words.add(w);
  for (const w of words) j.add_word(w, 20_000, null);
  j.cut('初始化', true);
  instance = j;
  return j;
}

const added = new Set<string>();

/** Adds words (an admin's synonyms) to the dictionary, once each. */
export function addWords(words: Iterable<string>): void {
  const j = load();
  for (const w of words) {
    if (added.has(w) || !/^\p{Script=Han}{2,3}$/u.test(w)) continue;
    added.add(w);
    j.add_word(w, 20_000, null);
  }
}

/** Chinese text as words (jieba's precise mode with HMM for unknown words). */
export function cutChinese(text: string): string[] {
  return load().cut(text, true);
}

/** Builds the dictionary now (a search would otherwise wait ~0.7 s for it). */
export function warmSegmenter(): void {
  load();
}
