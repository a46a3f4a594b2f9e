import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorText, issueText } from '../../../renderer/i18n/messages.js';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';

async function tFor(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

describe('messages that tell the truth', () => {
  it('a locked account says it is locked and for how long, in both languages', async () => {
    const locked = { code: 'ACCOUNT_LOCKED' as const, fields: [{ path: 'username', code: 'locked', message: 'Locked for 27 s', limit: 27 }] };
    expect(errorText(await tFor('zh-CN'), locked)).toBe('密码错误次数过多，该账号已锁定，请 27 秒后再试');
    expect(errorText(await tFor('en'), locked)).toContain('locked; try again in 27 s');
    expect(issueText(await tFor('zh-CN'), { code: 'locked', limit: 27 })).toBe('已锁定，27 秒后再试');
  });
  it('a long lock is said in minutes (a server lock of 14 minutes), in both languages', async () => {
    const locked = { code: 'ACCOUNT_LOCKED' as const, fields: [{ path: 'username', code: 'locked', message: 'Locked for 840 s', limit: 840 }] };
    expect(errorText(await tFor('zh-CN'), locked)).toBe('密码错误次数过多，该账号已锁定，请 14 分钟后再试');
    expect(errorText(await tFor('en'), locked)).toBe('Too many wrong passwords: this account is locked; try again in 14 min');
    expect(issueText(await tFor('en'), { code: 'locked', limit: 61 })).toBe('Locked: try again in 2 min');
  });
  it('a duplicate username says so', async () => {
    expect(errorText(await tFor('zh-CN'), { code: 'ACCOUNT_EXISTS' })).toBe('该用户名已存在');
    // the core names the field too (code account_exists): the field says the same, not 输入无效
    expect(issueText(await tFor('zh-CN'), { code: 'account_exists' }, 'li.na')).toBe('该用户名已存在');
    expect(issueText(await tFor('en'), { code: 'account_exists' }, 'li.na')).toBe('That username is taken');
  });
  it('an empty required field says 必填', async () => {
    expect(issueText(await tFor('zh-CN'), { code: 'too_small', limit: 1 }, '')).toBe('必填');
  });
  it('an empty field says 必填 / Required whatever rule zod reports (length, pattern, format, choice), never the rule', async () => {
    const zh = await tFor('zh-CN');
    const en = await tFor('en');
    for (const code of ['too_small', 'invalid_format', 'invalid_phone', 'invalid_value', 'invalid_type', 'invalid_url', 'custom']) {
      expect(issueText(zh, { code, limit: 3 }, ''), code).toBe('必填');
      expect(issueText(en, { code, limit: 3 }, '   '), code).toBe('Required');
      expect(issueText(zh, { code, limit: 3 }, undefined), code).toBe('必填');
    }
    // a filled field keeps the rule it breaks, and codes that say more than "required" keep their words
    expect(issueText(zh, { code: 'too_small', limit: 3 }, 'ab')).toBe('至少 3 个字');
    expect(issueText(zh, { code: 'customer_required' }, '')).toBe('请填写客户姓名和电话，或选择已有客户');
  });
});
