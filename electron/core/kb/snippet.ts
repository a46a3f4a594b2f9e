import { highlightRanges, type QueryPhrase } from '../../../shared/kb/tokenize.js';

/**
 * Markdown to plain text for snippets: syntax goes, words stay. Not a
 * renderer: good enough to show ~160 characters of readable text.
 */
export function stripMarkdown(md: string): string {
  return md
    .replace(/```[^\n]*\n?/g, ' ') // code fences (the code itself stays)
    .replace(/<[^>\n]{1,200}>/g, ' ') // inline HTML tags
    .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1') // images: alt text
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1') // links: their text
    .replace(/^\s{0,3}#{1,6}\s+/gm, '') // headings
    .replace(/^\s{0,3}>\s?/gm, '') // block quotes
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/gm, '') // list markers
    .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, ' ') // table rules
    .replace(/\|/g, ' ')
    .replace(/(\*\*|__|~~|\*|`)/g, '') // emphasis, code spans
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, ' ') // horizontal rules
    .replace(/\s+/g, ' ')
    .trim();
}

export const SNIPPET_CHARS = 160;

/**
 * About `SNIPPET_CHARS` characters of the plain text around the best match
 * (the window holding the most highlighted ranges), with the ranges
 * relative to the snippet. Without a match: the start of the text.
 */
export function makeSnippet(plain: string, phrases: readonly QueryPhrase[], size = SNIPPET_CHARS): { snippet: string; highlights: [number, number][] } {
  if (plain.length <= size) return { snippet: plain, highlights: highlightRanges(plain, phrases) };
  const ranges = highlightRanges(plain, phrases);
  let start = 0;
  if (ranges.length > 0) {
    // The window (starting a little before a hit) that covers the most hits.
    let best = -1;
    for (const [s] of ranges) {
      const from = Math.max(0, s - 20);
      const to = from + size;
      let n = 0;
      for (const [a, b] of ranges) if (a >= from && b <= to) n++;
      if (n > best) {
        best = n;
        start = from;
      }
    }
  }
  start = Math.min(start, Math.max(0, plain.length - size));
  // never split a surrogate pair
  if (start > 0 && isLowSurrogate(plain.charCodeAt(start))) start -= 1;
  let end = Math.min(plain.length, start + size);
  if (end < plain.length && isLowSurrogate(plain.charCodeAt(end))) end += 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < plain.length ? '…' : '';
  const body = plain.slice(start, end);
  const highlights: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    highlights.push([Math.max(a, start) - start + prefix.length, Math.min(b, end) - start + prefix.length]);
  }
  return { snippet: prefix + body + suffix, highlights };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
