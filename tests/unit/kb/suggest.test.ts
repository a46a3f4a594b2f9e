import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/index.js';
import { insertArticle, openKbStore, suggest } from './searchHelpers.js';

/** Suggestion quality on the demo knowledge base the app ships. */
let store: Store;
const demo = fs
  .readFileSync(path.resolve(import.meta.dirname, '../../../resources/kb/demo-articles.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { title: string; body: string; product?: string; category: string; tags: string[] });

beforeAll(async () => {
  store = await openKbStore();
  store.write((w) => demo.forEach((a, i) => insertArticle(w, { id: `demo${String(i).padStart(3, '0')}`, ...a, product: a.product ?? null, status: 'published' })));
});
afterAll(() => store.close());

const marked = (text: string, ranges: [number, number][]) => ranges.map(([a, b]) => text.slice(a, b));
const STRADDLING = ['印任', '务一', '一直', '直卡', '在队', '列里'];

describe('suggestArticles on the demo knowledge base', () => {
  it('suggests the printer-queue article for a printer-queue description, highlighting whole terms', () => {
    const hits = suggest(store, { text: '打印任务一直卡在队列里' });
    expect(hits[0]?.title).toContain('打印任务卡在队列');
    const first = hits[0];
    if (!first) throw new Error('no hit');
    const words = [...marked(first.title, first.titleHighlights), ...marked(first.snippet, first.snippetHighlights)];
    expect(words.some((w) => w.includes('打印'))).toBe(true);
    expect(words.some((w) => w.includes('队列'))).toBe(true);
    for (const w of words) for (const bad of STRADDLING) expect(w, `highlight ${w}`).not.toBe(bad);
  });

  it('takes Latin words and codes whole, with the Chinese around them', () => {
    const hits = suggest(store, { text: '客户说打印机一直显示错误，重启 Print Spooler 服务也不行' });
    expect(hits.slice(0, 3).some((h) => h.title.includes('Print Spooler'))).toBe(true);
    const first = hits.find((h) => h.title.includes('Print Spooler'));
    expect(marked(first?.title ?? '', first?.titleHighlights ?? [])).toEqual(expect.arrayContaining(['Print', 'Spooler']));
  });

  it('ignores chatter: a polite description without a problem suggests nothing much', () => {
    const hits = suggest(store, { text: '您好，麻烦尽快处理，谢谢。' });
    expect(hits.length).toBeLessThanOrEqual(5);
  });
});
