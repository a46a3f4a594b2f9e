export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line number in the old text (same/del) */
  oldNo?: number;
  /** 1-based line number in the new text (same/add) */
  newNo?: number;
}

/** Beyond this many old x new lines the table would cost too much memory; the diff falls back to "all removed, all added". */
const MAX_CELLS = 4_000_000;

/**
 * A line diff by longest common subsequence, after trimming the common head
 * and tail (most versions touch a few lines of a long article). Deletions are
 * listed before the additions that replace them, as reviewers read them.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split(/\r?\n/);
  const b = after === '' ? [] : after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i] ?? '', oldNo: i + 1, newNo: i + 1 });

  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    midA.forEach((text, i) => out.push({ op: 'del', text, oldNo: head + i + 1 }));
    midB.forEach((text, j) => out.push({ op: 'add', text, newNo: head + j + 1 }));
  } else {
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..], flattened row-major.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = midA[i] === midB[j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        out.push({ op: 'same', text: midA[i] ?? '', oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))) {
        out.push({ op: 'del', text: midA[i] ?? '', oldNo: head + i + 1 });
        i++;
      } else {
        out.push({ op: 'add', text: midB[j] ?? '', newNo: head + j + 1 });
        j++;
      }
    }
  }

  for (let k = tail; k > 0; k--) {
    const oi = a.length - k;
    const ni = b.length - k;
    out.push({ op: 'same', text: a[oi] ?? '', oldNo: oi + 1, newNo: ni + 1 });
  }
  return out;
}

/** Whether anything changed at all (a version that only moved status has an identical body). */
export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((l) => l.op !== 'same');
}
