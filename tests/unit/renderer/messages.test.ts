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
  it('a duplicate username says so', async () => {
    expect(errorText(await tFor('zh-CN'), { code: 'ACCOUNT_EXISTS' })).toBe('该用户名已存在');
  });
  it('an empty required field says 必填', async () => {
    expect(issueText(await tFor('zh-CN'), { code: 'too_small', limit: 1 }, '')).toBe('必填');
  });
});
