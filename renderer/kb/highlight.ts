import type { Highlights } from '../../shared/kb/schema.js';

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` into plain and highlighted runs from `[start, end)` UTF-16
 * ranges as the core sends them. Ranges are clamped to the text, sorted and
 * merged (overlapping or touching ranges make one mark), empty or inverted
 * ones dropped, and no range may cut a surrogate pair in half, so a stale or
 * sloppy range never throws or shows a broken character.
 */
export function splitHighlights(text: string, ranges: Highlights): Segment[] {
  const len = text.length;
  const isLow = (i: number): boolean => i > 0 && i < len && /[\uDC00-\uDFFF]/.test(text[i] ?? '') && /[\uD800-\uDBFF]/.test(text[i - 1] ?? '');
  const clean = ranges
    .map(([s, e]): [number, number] => {
      let start = Math.max(0, Math.min(len, Math.trunc(s)));
      let end = Math.max(0, Math.min(len, Math.trunc(e)));
      if (isLow(start)) start -= 1;
      if (isLow(end)) end += 1;
      return [start, end];
    })
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of clean) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < len || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}
