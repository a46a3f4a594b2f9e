import { afterEach, describe, expect, it } from 'vitest';
import { cutChinese } from '../../../electron/core/kb/segment.js';
import { createSynonymService } from '../../../electron/core/kb/synonymService.js';
import { createDomainContext } from '../../../electron/core/domain/context.js';
import { hanWords, understandQuery } from '../../../shared/kb/query.js';
import { DEFAULT_SYNONYMS, synonymIndex, SynonymWordsSchema } from '../../../shared/kb/synonyms.js';
import type { Store } from '../../../electron/core/store/index.js';
import { ids, insertArticle, openKbStore, search, suggest } from './searchHelpers.js';

/** Issue 17: how a query is understood (segmenting, filler, scripts, synonyms) and the ranking order. */

const syn = synonymIndex(DEFAULT_SYNONYMS);
const words = (q: string) => understandQuery(q, cutChinese, { synonyms: syn }).words;

describe('understanding a query', () => {
  it('segments Chinese typed without spaces into dictionary words, and drops filler and question words', () => {
    expect(words('重置密码')).toEqual(['重置', '密码']);
    expect(words('打印机脱机怎么处理')).toEqual(['打印机', '脱机']);
    expect(words('宽带老是掉线')).toEqual(['宽带', '掉线']);
    expect(words('为什么邮件一直发不出去了吗')).toEqual(['邮件', '发不出去']);
    expect(words('怎么办')).toEqual([]);
  });

  it('splits mixed scripts where the script changes, keeping codes and Latin words whole', () => {
    expect(words('vpn报错0x80070005')).toEqual(['vpn', '报错', '0x80070005']);
    expect(words('outlook一直要输密码')).toEqual(['outlook', '输密码']);
    expect(words('ERR_0x80070005 共享')).toEqual(['ERR_0x80070005', '共享']);
    expect(words('网关192.168.1.1不通')).toEqual(['网关', '192.168.1.1', '不通']);
  });

  it('joins single characters the dictionary left apart, and drops a lone character with no synonyms next to real words', () => {
    expect(hanWords('连内网', (t) => [...t]).words).toEqual(['连内网']);
    expect(words('宽带拨号报691')).toEqual(['宽带', '拨号', '691']);
    expect(words('改发票抬头')).toEqual(['改', '发票抬头']); // 改 has synonyms (修改, 变更)
  });

  it('expands a word to its synonym group; quoted text is one required exact phrase', () => {
    const u = understandQuery('VPN连不上 "错误 809"', cutChinese, { synonyms: syn });
    const lian = u.groups.find((g) => g.word === '连不上');
    expect(lian?.alternatives.map((a) => a.source)).toEqual(expect.arrayContaining(['连不上', '无法连接', '连接失败']));
    expect(u.groups.filter((g) => g.required).map((g) => g.word)).toEqual(['"错误 809"']);
    expect(u.words[0]).toBe('"错误 809"');
  });

  it('validates synonym groups: two different words at least, no separators', () => {
    expect(SynonymWordsSchema.safeParse(['wifi', 'WiFi']).success).toBe(false); // the same word
    expect(SynonymWordsSchema.safeParse(['连不上', '无法连接']).data).toEqual(['连不上', '无法连接']);
    expect(SynonymWordsSchema.safeParse(['a=b', 'c']).success).toBe(false);
  });
});

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
async function store(): Promise<Store> {
  const s = await openKbStore();
  open.push(s);
  return s;
}

describe('ranking order (issue 17)', () => {
  it('the whole phrase first, then all the words (closer together higher), then most of them', async () => {
    const s = await store();
    s.write((w) => {
      insertArticle(w, { id: 'phrase', title: '账号说明', body: '如需重置密码请联系管理员。' });
      insertArticle(w, { id: 'close', title: '账号说明二', body: '密码重置：在门户操作。' });
      insertArticle(w, { id: 'far', title: '账号说明三', body: '重置前请先核实身份，核实方式见附件一到附件五的所有章节内容，然后修改密码。' });
      insertArticle(w, { id: 'one', title: '密码规则', body: '密码长度至少十位。' });
      insertArticle(w, { id: 'none', title: '打印机', body: '与此无关。' });
    });
    expect(ids(s, { q: '重置密码' })).toEqual(['phrase', 'close', 'far', 'one']);
  });

  it('title and tags above body among articles holding the same words', async () => {
    const s = await store();
    s.write((w) => {
      insertArticle(w, { id: 'body', title: '常见问题', body: '光猫 LOS 灯闪红。' });
      insertArticle(w, { id: 'tags', title: '常见问题二', body: '见下文。', tags: ['光猫'] });
      insertArticle(w, { id: 'title', title: '光猫故障', body: '见下文。' });
    });
    expect(ids(s, { q: '光猫怎么办' })).toEqual(['title', 'tags', 'body']);
  });

  it('never comes back empty while an article shares a meaningful word, and says which words it searched', async () => {
    const s = await store();
    s.write((w) => insertArticle(w, { id: 'a', title: '宽带断线', body: '检查光猫。' }));
    const r = search(s, { q: '家里宽带老是掉线怎么办' });
    expect(r.hits.map((h) => h.id)).toEqual(['a']); // 宽带, and 掉线 = 断线 (synonyms)
    expect(r.words).toEqual(['家里', '宽带', '掉线']);
    const none = search(s, { q: '发票抬头' });
    expect(none.hits).toEqual([]);
    expect(none.words).toEqual(['发票抬头']);
  });

  it('finds a code without its prefix, case-insensitively, and Latin words whole', async () => {
    const s = await store();
    s.write((w) => {
      insertArticle(w, { id: 'code', title: '拒绝访问', body: '提示 ERR_0x80070005。' });
      insertArticle(w, { id: 'other', title: '其他', body: '提示 0x80070006。' });
    });
    expect(ids(s, { q: '0X80070005' })).toEqual(['code']);
    expect(ids(s, { q: 'vpn报错0x80070005' })).toEqual(['code']);
  });

  it('suggestions rank with the same engine: a description finds the article on a tiny KB', async () => {
    const s = await store();
    s.write((w) => {
      insertArticle(w, { id: 'upgrade', title: '客户端升级后无法启动', body: '重新安装客户端。' });
      insertArticle(w, { id: 'printer', title: '打印机脱机', body: '取消脱机使用。' });
    });
    expect(suggest(s, { text: '客户说软件升级以后就打不开了，很着急' }).map((h) => h.id)).toEqual(['upgrade']);
  });

  it('admin synonyms replace the defaults once edited (the defaults saved first), and only admins edit them', async () => {
    const s = await store();
    s.write((w) => insertArticle(w, { id: 'a', title: '话机无声', body: '检查耳机。' }));
    let role: 'admin' | 'agent' = 'agent';
    const ctx = createDomainContext(s, { actorId: 'root' });
    const svc = createSynonymService({ ctx, actor: () => ({ username: 'root', role }), onChanged: () => undefined });
    expect(svc.list().every((g) => g.isDefault)).toBe(true);
    expect(() => svc.create({ words: ['没声音', '无声'] })).toThrow(/admin/);
    expect(ids(s, { q: '电话没声音' })).toEqual([]);
    role = 'admin';
    const list = svc.create({ words: ['没声音', '无声'] });
    expect(list.length).toBe(DEFAULT_SYNONYMS.length + 1);
    expect(list.some((g) => g.isDefault)).toBe(false);
    expect(ids(s, { q: '电话没声音' })).toEqual(['a']);
    const mine = list.find((g) => g.words.includes('没声音'));
    svc.remove({ id: mine?.id ?? '' });
    expect(ids(s, { q: '电话没声音' })).toEqual([]);
    expect(() => svc.update({ id: 'nope', words: ['a', 'b'] })).toThrow(/No synonym group/);
    expect(() => svc.create({ words: ['只有一个'] })).toThrow();
    // every write queued for sync
    expect(s.read((r) => r.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE entity = 'kb_synonym'"))?.n).toBe(DEFAULT_SYNONYMS.length + 2);
  });
});
