import { match } from 'pinyin-pro';

const HAN = /[\u3400-\u9fff]/;

/**
 * Whether a select option's text matches what the agent typed: Chinese
 * characters (投诉), English words in any case (compl), or, for Chinese text,
 * its pinyin by initials or in full (ts, tousu → 投诉), as agents type on a
 * Chinese PC before the IME converts. Every select in the product filters
 * with this, so typing 投诉 and Enter picks 投诉, never the first option.
 */
export function optionMatches(input: string, text: string): boolean {
  const q = input.trim().toLowerCase();
  if (q === '') return true;
  const label = text.toLowerCase();
  if (label.includes(q)) return true;
  if (!HAN.test(text) || !/^[a-z]+$/.test(q)) return false;
  return match(text.replace(/[^\u3400-\u9fffA-Za-z0-9]/g, ''), q, { precision: 'start' }) !== null;
}

interface OptionLike {
  label?: unknown;
  title?: unknown;
  value?: unknown;
}

/** The text an option is found by: its label when that is text, else its title, else its value. */
function optionText(option: OptionLike | undefined): string {
  if (!option) return '';
  if (typeof option.label === 'string') return option.label;
  if (typeof option.title === 'string') return option.title;
  return typeof option.value === 'string' ? option.value : '';
}

/** Spread on every antd Select: `<Select {...searchable} …/>`. */
export const searchable = {
  showSearch: { filterOption: (input: string, option?: OptionLike): boolean => optionMatches(input, optionText(option)) },
} as const;
