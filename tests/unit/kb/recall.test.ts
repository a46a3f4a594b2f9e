import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kbMatchIds } from '../../../electron/core/kb/search.js';
import type { Store } from '../../../electron/core/store/index.js';
import { kbArticle, kbCode, type GeneratedArticle } from '../../bench/kb.js';
import { insertArticle, openKbStore } from './searchHelpers.js';

const N = 400;
let store: Store;
const corpus: GeneratedArticle[] = [];

beforeAll(async () => {
  store = await openKbStore();
  for (let i = 0; i < N; i++) corpus.push(kbArticle(i, 3));
  store.write((w) => {
    for (const a of corpus) insertArticle(w, { ...a, updatedAt: a.updatedAt });
  });
});
afterAll(() => store.close());

const haystack = (a: GeneratedArticle) => `${a.title}\n${a.body}\n${a.tags.join('\n')}`;
const found = (q: string) => new Set(store.read((r) => kbMatchIds(r, q)));

describe('recall against a substring ground truth', () => {
  it('finds exactly the articles containing any Chinese string of two or more characters', () => {
    fc.assert(
      fc.property(fc.nat(N - 1), fc.nat(10_000), fc.integer({ min: 2, max: 6 }), (ai, at, len) => {
        const runs = haystack(corpus[ai] as GeneratedArticle).match(/[\u4e00-\u9fff]+/g) ?? [];
        const long = runs.filter((r) => r.length >= len);
        if (long.length === 0) return;
        const run = long[at % long.length] as string;
        const from = at % (run.length - len + 1);
        const q = run.slice(from, from + len);
        const truth = corpus.filter((a) => haystack(a).includes(q)).map((a) => a.id).sort();
        expect([...found(q)].sort()).toEqual(truth);
      }),
      { numRuns: 150 },
    );
  });

  it('finds every article containing a code, whole and case-insensitively', () => {
    for (let i = 0; i < 60; i++) {
      const code = kbCode(i * 37);
      const re = new RegExp(`(?<![A-Za-z0-9])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'i');
      const truth = corpus.filter((a) => re.test(haystack(a))).map((a) => a.id);
      const got = found(i % 2 ? code.toLowerCase() : code);
      for (const id of truth) expect(got.has(id), `${code} in ${id}`).toBe(true);
    }
  });

  it('a single Chinese character finds every article containing it', () => {
    for (const ch of ['密', '网', '统', '码', '印']) {
      const truth = corpus.filter((a) => haystack(a).includes(ch)).map((a) => a.id).sort();
      expect([...found(ch)].sort()).toEqual(truth);
    }
  });
});
