import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArticleInputSchema, solutionOf, type ParsedArticleInput } from '../../../shared/kb/schema.js';

/**
 * The demo knowledge base shipped in resources/kb/demo-articles.jsonl
 * (loaded by kb:loadDemo, used in demos and in the end-to-end search tests):
 * every line must import, and the content must keep the shape the search
 * and the "paste the solution" feature rely on.
 */
const FILE = fileURLToPath(new URL('../../../resources/kb/demo-articles.jsonl', import.meta.url));
const MAIN_CATEGORIES = ['账号与密码', '网络与VPN', '打印机', '邮箱', '计费与账单', '业务变更'] as const;
const ERROR_CODE = /(ERR_0x[0-9A-F]{8}|0x[0-9A-F]{8}|错误代码?\s?\d{3})/gi;
/** Two-character words agents type into the search box. */
const COMMON_WORDS = ['密码', '网络', '打印', '邮件', '账单', '发票', '宽带', '登录', '重置', '缴费', '过户', '停机'] as const;

const text = fs.readFileSync(FILE, 'utf8');
const lines = text.split('\n').slice(0, -1);
const raw: unknown[] = lines.map((line) => JSON.parse(line) as unknown);
const articles: ParsedArticleInput[] = raw.map((value) => ArticleInputSchema.parse(value));

const hanCount = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
const codeKey = (code: string) => code.replace(/\s+/g, '').replace(/^错误代码?/, '错误代码').toUpperCase();
const codesOf = (a: ParsedArticleInput) => new Set([...`${a.title}\n${a.body}`.matchAll(ERROR_CODE)].map((m) => codeKey(m[0])));

describe('resources/kb/demo-articles.jsonl', () => {
  it('is JSON Lines: one object per line, newline-terminated, no blank lines', () => {
    expect(text.endsWith('\n')).toBe(true);
    for (const [i, line] of lines.entries()) {
      expect(line.trim(), `line ${i + 1}`).not.toBe('');
      expect(() => JSON.parse(line), `line ${i + 1}`).not.toThrow();
    }
  });

  it('every line is a valid published ArticleInput', () => {
    for (const [i, value] of raw.entries()) {
      const parsed = ArticleInputSchema.safeParse(value);
      expect(parsed.success, `line ${i + 1}: ${parsed.error?.message ?? ''}`).toBe(true);
      expect(parsed.data?.status, `line ${i + 1}`).toBe('published');
    }
  });

  it('holds at least 220 articles with unique titles', () => {
    expect(articles.length).toBeGreaterThanOrEqual(220);
    const titles = articles.map((a) => a.title);
    const duplicates = titles.filter((t, i) => titles.indexOf(t) !== i);
    expect(duplicates).toEqual([]);
  });

  it('has at least 30 articles in each main category', () => {
    for (const category of MAIN_CATEGORIES) {
      expect(articles.filter((a) => a.category === category).length, category).toBeGreaterThanOrEqual(30);
    }
  });

  it('names a product on every article, reused so product filters are meaningful', () => {
    const products = new Map<string, number>();
    for (const a of articles) {
      expect(a.product, a.title).toBeTruthy();
      products.set(a.product as string, (products.get(a.product as string) ?? 0) + 1);
    }
    expect(products.size).toBeGreaterThanOrEqual(20);
    expect(products.size).toBeLessThanOrEqual(35);
    expect([...products.values()].filter((n) => n >= 5).length).toBeGreaterThanOrEqual(10);
  });

  it('gives every article 2 to 6 tags', () => {
    for (const a of articles) {
      expect(a.tags.length, a.title).toBeGreaterThanOrEqual(2);
      expect(a.tags.length, a.title).toBeLessThanOrEqual(6);
    }
  });

  it('structures every body with a problem and a 解决方案 section an agent can paste', () => {
    for (const a of articles) {
      expect(a.body, a.title).toMatch(/^## 问题描述\s*$/m);
      expect(a.body, a.title).toMatch(/^## 解决方案\s*$/m);
      const solution = solutionOf(a.body);
      expect(solution, a.title).not.toBe(a.body.trim());
      expect(solution, a.title).toMatch(/^1\. /m);
    }
  });

  it('keeps bodies between 300 and 1200 Chinese characters', () => {
    for (const a of articles) {
      const n = hanCount(a.body);
      expect(n, a.title).toBeGreaterThanOrEqual(300);
      expect(n, a.title).toBeLessThanOrEqual(1200);
    }
  });

  it('has no HTML, images or external links in any body', () => {
    for (const a of articles) {
      expect(a.body, a.title).not.toMatch(/<[a-zA-Z!/]/);
      expect(a.body, a.title).not.toContain('![');
      expect(a.body, a.title).not.toMatch(/https?:\/\//i);
    }
  });

  it('mentions at least 10 distinct error codes, several of them in more than one article', () => {
    const perCode = new Map<string, number>();
    for (const a of articles) for (const code of codesOf(a)) perCode.set(code, (perCode.get(code) ?? 0) + 1);
    expect(perCode.size).toBeGreaterThanOrEqual(10);
    const shared = [...perCode.values()].filter((n) => n >= 2 && n <= 5);
    expect(shared.length).toBeGreaterThanOrEqual(5);
  });

  it('uses the words agents search for across several articles', () => {
    for (const word of COMMON_WORDS) {
      const hits = articles.filter((a) => `${a.title}\n${a.body}`.includes(word)).length;
      expect(hits, word).toBeGreaterThanOrEqual(3);
    }
  });

  it('contains IP addresses and version numbers to search for', () => {
    const all = articles.map((a) => a.body).join('\n');
    expect(all).toContain('192.168.1.1');
    expect(new Set(all.match(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)).size).toBeGreaterThanOrEqual(5);
    expect(all).toMatch(/\b\d+\.\d+\.\d+\b(?!\.)/);
  });
});
