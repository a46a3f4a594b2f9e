import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleSchema, KbRebuildResultSchema } from '../../shared/kb/schema.js';
import { StoreReportSchema } from '../../shared/store.js';
import { cli, errorOf } from './cliRun.js';


/** `kb search` prints exactly these fields: admins' scripts depend on them. */
const CliHitsSchema = z.array(z.strictObject({ id: z.string(), title: z.string(), score: z.number(), snippet: z.string() }));
/** `kb suggest` prints exactly these fields, best first (issue 17). */
const CliSuggestionsSchema = z.array(z.strictObject({ id: z.string(), title: z.string(), score: z.number() }));


const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-kb-'));
  dirs.push(d);
  return d;
}

const vpn = { title: 'VPN 连接失败 错误 809', body: '## 解决方案\n\n在防火墙放行 UDP 500 和 4500 端口。', product: 'EasyConnect', category: '网络', tags: ['VPN', '防火墙'], status: 'published' };
const printer = { title: '打印机报错 ERR_0x80070005', body: '## 解决方案\n\n以管理员身份重新安装打印机驱动。', product: 'LaserJet', category: '打印', tags: ['打印机'], status: 'published' };
const password = { title: '忘记邮箱密码', body: '登录自助门户重置密码，需要绑定手机。', product: null, category: '账号', tags: [], status: 'published' };

async function counts(dir: string) {
  const run = await cli(['--data', dir, 'doctor']);
  return StoreReportSchema.parse(JSON.parse(run.stdout)).counts;
}

describe('admin CLI: knowledge base', { timeout: 90_000 }, () => {
  it('kb add prints the stored article with its id, and kb get reads it back', async () => {
    const dir = path.join(tempDir(), 'data');
    const run = await cli(['--data', dir, '--actor', 'kb-admin', 'kb', 'add', '--json', JSON.stringify(vpn)]);
    expect(run.code, run.stderr).toBe(0);
    const article = ArticleSchema.strict().parse(JSON.parse(run.stdout));
    expect(article).toMatchObject({ title: vpn.title, status: 'published', authorId: 'kb-admin', version: 1, tags: ['VPN', '防火墙'] });
    const got = await cli(['--data', dir, 'kb', 'get', article.id]);
    expect(got.code, got.stderr).toBe(0);
    expect(ArticleSchema.parse(JSON.parse(got.stdout))).toEqual(article);
    const missing = await cli(['--data', dir, 'kb', 'get', 'nope']);
    expect(missing.code).toBe(2);
    expect(errorOf(missing).code).toBe('ARTICLE_NOT_FOUND');
  });

  it('kb add rejects invalid fields before touching the data folder', async () => {
    const dir = path.join(tempDir(), 'never');
    const run = await cli(['--data', dir, 'kb', 'add', '--json', JSON.stringify({ ...vpn, title: '' })]);
    expect(run.code).toBe(2);
    expect(errorOf(run)).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'title' })] });
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('kb import brings in every line in one go, skipping blank lines, and kb search finds them ranked', async () => {
    const dir = path.join(tempDir(), 'data');
    const file = path.join(tempDir(), 'articles.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(vpn)}\n\n${JSON.stringify(printer)}\r\n${JSON.stringify(password)}\n   \n`);
    const run = await cli(['--data', dir, 'kb', 'import', '--file', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ imported: 3 });
    expect((await counts(dir)).outbox).toBe(3);

    const search = await cli(['--data', dir, 'kb', 'search', 'ERR_0x80070005']);
    expect(search.code, search.stderr).toBe(0);
    const hits = CliHitsSchema.parse(JSON.parse(search.stdout));
    expect(hits[0]?.title).toBe(printer.title);
    const chinese = CliHitsSchema.parse(JSON.parse((await cli(['--data', dir, 'kb', 'search', '密码', '--limit', '1'])).stdout));
    expect(chinese.map((h) => h.title)).toEqual([password.title]);
    const bad = await cli(['--data', dir, 'kb', 'search', 'vpn', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');

    const reindex = await cli(['--data', dir, 'kb', 'reindex']);
    expect(reindex.code, reindex.stderr).toBe(0);
    expect(KbRebuildResultSchema.parse(JSON.parse(reindex.stdout)).articles).toBe(3);
  });

  it('kb import reports the first bad line by number and imports nothing from the file', async () => {
    const dir = tempDir();
    const seed = await cli(['--data', dir, 'kb', 'add', '--json', JSON.stringify(vpn)]);
    expect(seed.code, seed.stderr).toBe(0);
    const before = await counts(dir);
    const file = path.join(tempDir(), 'bad.jsonl');

    fs.writeFileSync(file, [JSON.stringify(printer), '', JSON.stringify({ ...password, tags: ['a,b'] }), JSON.stringify(vpn)].join('\n'));
    const invalid = await cli(['--data', dir, 'kb', 'import', '--file', file]);
    expect(invalid.code).toBe(2);
    const error = errorOf(invalid);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/^line 3: /);
    expect(error.fields?.[0]?.path).toBe('line 3.tags.0');

    fs.writeFileSync(file, `${JSON.stringify(printer)}\n{"title": "half a line"\n`);
    const broken = await cli(['--data', dir, 'kb', 'import', '--file', file]);
    expect(broken.code).toBe(2);
    expect(errorOf(broken)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^line 2: not valid JSON/) as unknown });

    const missing = await cli(['--data', dir, 'kb', 'import', '--file', path.join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing).code).toBe('VALIDATION_FAILED');
    expect(await counts(dir)).toEqual(before);
  });

  it('kb search understands natural queries and pages with --offset; kb suggest prints [{id,title,score}] best first (issue 17)', async () => {
    const dir = path.join(tempDir(), 'data');
    const file = path.join(tempDir(), 'articles.jsonl');
    const more = Array.from({ length: 7 }, (_, i) => ({ ...password, title: `邮箱密码问题 ${i + 1}`, body: `第 ${i + 1} 种情况：修改密码后重新登录。` }));
    fs.writeFileSync(file, [vpn, printer, password, ...more].map((a) => JSON.stringify(a)).join('\n'));
    expect((await cli(['--data', dir, 'kb', 'import', '--file', file])).code).toBe(0);

    // Chinese without spaces, a question word, a code without its prefix, mixed scripts
    const natural = async (q: string) => CliHitsSchema.parse(JSON.parse((await cli(['--data', dir, 'kb', 'search', q, '--limit', '3'])).stdout)).map((h) => h.title);
    expect((await natural('邮箱密码忘了怎么办'))[0]).toBe(password.title);
    expect((await natural('0x80070005'))[0]).toBe(printer.title);
    expect((await natural('vpn连不上报错809'))[0]).toBe(vpn.title);

    // paging: every match reachable, no overlap, the same order as one big page
    const all = CliHitsSchema.parse(JSON.parse((await cli(['--data', dir, 'kb', 'search', '密码', '--limit', '100'])).stdout));
    expect(all.length).toBe(8);
    const pages: string[] = [];
    for (let offset = 0; offset < 10; offset += 3) {
      const run = await cli(['--data', dir, 'kb', 'search', '密码', '--limit', '3', '--offset', String(offset)]);
      expect(run.code, run.stderr).toBe(0);
      pages.push(...CliHitsSchema.parse(JSON.parse(run.stdout)).map((h) => h.id));
    }
    expect(pages).toEqual(all.map((h) => h.id));
    const badOffset = await cli(['--data', dir, 'kb', 'search', '密码', '--offset=-1']);
    expect(badOffset.code).toBe(2);
    expect(errorOf(badOffset)).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'offset' })] });

    const suggest = await cli(['--data', dir, 'kb', 'suggest', '客户来电说打印机一直报错 ERR_0x80070005，重装驱动也不行', '--limit', '2']);
    expect(suggest.code, suggest.stderr).toBe(0);
    const suggestions = CliSuggestionsSchema.parse(JSON.parse(suggest.stdout));
    expect(suggestions[0]?.title).toBe(printer.title);
    expect(suggestions.length).toBeLessThanOrEqual(2);
    expect(suggestions.map((x) => x.score)).toEqual([...suggestions.map((x) => x.score)].sort((a, b) => b - a));
    const tooMany = await cli(['--data', dir, 'kb', 'suggest', '打印机', '--limit', '50']);
    expect(tooMany.code).toBe(2);
    expect(errorOf(tooMany)).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'limit' })] });
    const nothing = await cli(['--data', dir, 'kb', 'suggest', '怎么办呢']);
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(JSON.parse(nothing.stdout)).toEqual([]);
  }, 300_000);

  it('reports kb usage errors as VALIDATION_FAILED', async () => {
    const dir = tempDir();
    for (const args of [['kb'], ['kb', 'frobnicate'], ['kb', 'search'], ['kb', 'suggest'], ['kb', 'suggest', 'a', 'b'], ['kb', 'suggest', 'x', '--offset', '1'], ['kb', 'add'], ['kb', 'import'], ['kb', 'get', 'a', 'b'], ['kb', 'reindex', '--json', '{}']]) {
      const run = await cli(['--data', dir, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(errorOf(run).code).toBe('VALIDATION_FAILED');
    }
  });
});
