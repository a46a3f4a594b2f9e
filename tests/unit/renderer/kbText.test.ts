import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../../renderer/kb/highlight.js';
import { hasChanges, lineDiff } from '../../../renderer/kb/lineDiff.js';
import { appendSolution, articleFieldFor, parseArticleCreate, parseArticleUpdate } from '../../../renderer/kb/articleForm.js';
import type { Article } from '../../../shared/kb/schema.js';

const marks = (text: string, ranges: [number, number][]): string =>
  splitHighlights(text, ranges)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('');

describe('splitHighlights', () => {
  it('marks Chinese words and codes by UTF-16 ranges', () => {
    expect(marks('忘记密码怎么办', [[2, 4]])).toBe('忘记[密码]怎么办');
    expect(marks('错误 ERR_0x80070005 出现', [[3, 17]])).toBe('错误 [ERR_0x80070005] 出现');
  });

  it('keeps the text whole: the segments always join back to the input', () => {
    const text = '打印机脱机，打印队列卡住';
    const segs = splitHighlights(text, [[0, 2], [6, 8]]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['打印', '打印']);
  });

  it('merges overlapping and touching ranges and sorts unsorted ones', () => {
    expect(marks('abcdefgh', [[5, 6], [0, 2]])).toBe('[ab]cde[f]gh');
    expect(marks('abcdefgh', [[4, 6], [0, 2], [1, 3], [3, 4]])).toBe('[abcdef]gh');
  });

  it('drops empty, inverted and out-of-range parts instead of throwing', () => {
    expect(marks('abc', [[2, 2], [3, 1], [-5, 1], [2, 99]])).toBe('[a]b[c]');
    expect(marks('', [[0, 3]])).toBe('');
    expect(splitHighlights('', [])).toEqual([{ text: '', mark: false }]);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = 'a😀b';
    expect(marks(text, [[2, 3]])).toBe('a[😀]b');
    expect(marks(text, [[0, 2]])).toBe('[a😀]b');
  });
});

describe('lineDiff', () => {
  it('shows an edited line as removed then added, with the rest unchanged', () => {
    const d = lineDiff('一\n二\n三', '一\n二改\n三');
    expect(d.map((l) => `${l.op}:${l.text}`)).toEqual(['same:一', 'del:二', 'add:二改', 'same:三']);
    expect(d[2]).toMatchObject({ newNo: 2 });
    expect(d[3]).toMatchObject({ oldNo: 3, newNo: 3 });
  });

  it('finds inserted and deleted lines in the middle', () => {
    const d = lineDiff('a\nb\nc\nd', 'a\nx\nb\nd');
    expect(d.map((l) => `${l.op}:${l.text}`)).toEqual(['same:a', 'add:x', 'same:b', 'del:c', 'same:d']);
  });

  it('treats an empty text as no lines', () => {
    expect(lineDiff('', 'a\nb').map((l) => l.op)).toEqual(['add', 'add']);
    expect(lineDiff('a', '').map((l) => l.op)).toEqual(['del']);
    expect(hasChanges(lineDiff('x\ny', 'x\ny'))).toBe(false);
    expect(hasChanges(lineDiff('x', 'y'))).toBe(true);
  });

  it('rebuilds both texts from its lines', () => {
    const before = '# 标题\n\n步骤一\n步骤二\n\n## 解决方案\n重启';
    const after = '# 标题\n\n步骤零\n步骤一\n步骤二\n\n## 解决方案\n重启服务\n完成';
    const d = lineDiff(before, after);
    expect(d.filter((l) => l.op !== 'add').map((l) => l.text).join('\n')).toBe(before);
    expect(d.filter((l) => l.op !== 'del').map((l) => l.text).join('\n')).toBe(after);
  });
});

const article: Article = {
  id: 'a1',
  title: '打印机脱机',
  body: '## 解决方案\n重启',
  product: null,
  category: '打印',
  tags: ['打印机'],
  status: 'published',
  authorId: 'u1',
  createdAt: '2026-11-24T08:00:00Z',
  updatedAt: '2026-11-24T08:00:00Z',
  publishedAt: null,
  sourceTicketId: null,
  version: 1,
  usageCount: 0,
  helpful: 0,
  notHelpful: 0,
  myVote: null,
};

describe('article form', () => {
  it('sends only what changed, with the note, and a cleared product as null', () => {
    const parsed = parseArticleUpdate({ ...article, product: 'HP' }, { title: '打印机脱机', body: '## 解决方案\n重启', category: '打印', tags: ['打印机'], product: '', note: '去掉产品' });
    expect(parsed).toEqual({ ok: true, value: { id: 'a1', changes: { product: null }, note: '去掉产品' } });
    expect(parseArticleUpdate(article, { title: ' 打印机脱机 ', body: '## 解决方案\n重启', category: '打印', tags: ['打印机'] })).toEqual({ ok: true, value: null });
  });

  it('reports issues on the fields the author sees', () => {
    const parsed = parseArticleCreate({ title: '', body: '', category: '', tags: ['a,b'] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const fields = new Set(parsed.issues.map((i) => articleFieldFor(i.path)));
    expect(fields).toEqual(new Set(['title', 'body', 'category', 'tags']));
    expect(parsed.issues.find((i) => i.path.startsWith('tags'))?.code).toBe('invalid_tag');
    expect(articleFieldFor('changes.title')).toBe('title');
    expect(articleFieldFor('id')).toBeNull();
  });

  it('appends a solution after what the agent wrote, once', () => {
    expect(appendSolution(undefined, ' 重启路由器 ')).toBe('重启路由器');
    expect(appendSolution('已指导客户检查网线', '重启路由器')).toBe('已指导客户检查网线\n\n重启路由器');
    expect(appendSolution('已指导客户检查网线\n\n重启路由器', '重启路由器')).toBe('已指导客户检查网线\n\n重启路由器');
  });
});
