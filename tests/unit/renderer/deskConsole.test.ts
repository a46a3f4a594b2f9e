import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_CONFIG, TicketDraftFieldsSchema } from '../../../shared/desk/schema.js';
import { LIMITS } from '../../../shared/tickets/schema.js';
import { clock, currentHoldSeconds, dialableNumber } from '../../../renderer/desk/callTimes.js';
import { dispositionLabel, reasonLabel } from '../../../renderer/desk/labels.js';
import { defaultFormValues, draftFromValues, isEmptyDraft, parseCreate, valuesFromDraft } from '../../../renderer/tickets/formModel.js';
import { TYPED_FORM } from './typedForm.js';
import en from '../../../renderer/i18n/locales/en.js';

/** The English catalogue as a t(): enough to see which text a label came from. */
const tEn = ((key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en)) as unknown as TFunction;

describe('numbers typed, pasted or from tel: links', () => {
  it('keeps the number as written, its extension included', () => {
    expect(dialableNumber('tel:+86-138-0013-8000')).toBe('+86-138-0013-8000');
    expect(dialableNumber('TEL:010%2062529988;ext=12')).toBe('010 62529988 ext 12');
    expect(dialableNumber(' 021-5888 6666 ')).toBe('021-5888 6666');
    expect(dialableNumber('(010) 6552.9988')).toBe('(010) 6552.9988');
    expect(dialableNumber('010-65529988 转 123')).toBe('010-65529988 转 123');
    expect(dialableNumber('010-65529988#123')).toBe('010-65529988#123');
  });
  it('turns full-width digits typed with a Chinese IME into ASCII', () => {
    expect(dialableNumber('１３８００１３８０００')).toBe('13800138000');
    expect(dialableNumber('＋８６ １３８００１３８０００')).toBe('+86 13800138000');
  });
  it('refuses what the ticket form refuses', () => {
    expect(dialableNumber('hello')).toBeNull();
    expect(dialableNumber('12')).toBeNull();
    expect(dialableNumber('12345')).toBeNull();
    expect(dialableNumber('tel:%E0%A4%A')).toBeNull();
    expect(dialableNumber('138 0013 8000 x')).toBeNull();
  });
});

describe('call timers', () => {
  it('shows minutes:seconds, and hours past an hour', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65)).toBe('1:05');
    expect(clock(3725)).toBe('1:02:05');
  });
  it('counts the running hold from its stored start, and nothing when not held', () => {
    const base = {
      id: 'c1', externalId: null, source: 'manual' as const, direction: 'inbound' as const, number: '13800138000', numberKey: null, lineNumber: null, customerId: null, agentId: 'a',
      ringAt: '2026-11-24T02:00:00.000Z', answerAt: '2026-11-24T02:00:05.000Z', holdSeconds: 10, endAt: null, wrapEndAt: null, disposition: null, note: null, settledAt: null, settledBy: null, ticketIds: [],
    };
    const now = Date.parse('2026-11-24T02:01:00.000Z');
    expect(currentHoldSeconds({ ...base, status: 'held', holdStartedAt: '2026-11-24T02:00:48.000Z' }, now)).toBe(12);
    expect(currentHoldSeconds({ ...base, status: 'talking', holdStartedAt: null }, now)).toBe(0);
  });
});

describe('reasons and dispositions as the agent reads them', () => {
  it('translates domain.md default codes and keeps an admin label for custom codes', () => {
    expect(reasonLabel(tEn, { code: 'meal', label: '用餐' }, 'meal')).toBe('Meal');
    expect(reasonLabel(tEn, { code: 'coaching', label: '辅导' }, 'coaching')).toBe('辅导');
    expect(reasonLabel(tEn, undefined, 'gone_code')).toBe('gone_code');
    expect(dispositionLabel(tEn, { code: 'ticket_created', label: '已建工单' }, 'ticket_created')).toBe('Ticket created');
    // A default code the admin relabelled shows the admin's label, in every language.
    expect(reasonLabel(tEn, { code: 'meal', label: '午餐' }, 'meal')).toBe('午餐');
    expect(dispositionLabel(tEn, { code: 'resolved', label: '当场解决' }, 'resolved')).toBe('当场解决');
    expect(dispositionLabel(tEn, { code: 'survey', label: '满意度调查' }, 'survey')).toBe('满意度调查');
  });
  it('has a translation for every default reason and disposition', () => {
    for (const r of DEFAULT_CONSOLE_CONFIG.notReadyReasons) expect(reasonLabel(tEn, r, r.code)).not.toBe(r.label);
    for (const d of DEFAULT_CONSOLE_CONFIG.dispositions) expect(dispositionLabel(tEn, d, d.code)).not.toBe(d.label);
  });
});

describe('the ticket form as a draft', () => {
  const typed = TYPED_FORM;

  it('keeps what was typed, leaves blanks out, and is valid for drafts:save', () => {
    const draft = draftFromValues(typed);
    expect(draft).toEqual({ subject: '打印机卡纸', resolution: '取出卡纸', assigneeId: 'li.agent', team: '二线', category: 'fault', severity: 'normal', channel: 'phone', customerName: '陈先生', customerPhone: '021-5888 6666', address: '上海市浦东新区' });
    expect(TicketDraftFieldsSchema.safeParse(draft).success).toBe(true);
  });

  it('cuts text longer than a draft holds to the limit instead of failing the save', () => {
    const draft = draftFromValues({ ...typed, subject: '长'.repeat(LIMITS.subject + 50) });
    expect(draft.subject).toHaveLength(LIMITS.subject);
    expect(TicketDraftFieldsSchema.safeParse(draft).success).toBe(true);
  });

  it('comes back into the form as it was typed', () => {
    const values = valuesFromDraft(draftFromValues(typed));
    expect(values).toMatchObject({ subject: '打印机卡纸', category: 'fault', severity: 'normal', channel: 'phone', resolution: '取出卡纸', assigneeId: 'li.agent', team: '二线', customer: { name: '陈先生', phone: '021-5888 6666', address: '上海市浦东新区' } });
    expect(parseCreate({ ...values, description: '卡纸后无法打印' }).ok).toBe(true);
  });

  it('a form opened and left alone is no draft', () => {
    expect(isEmptyDraft(draftFromValues(defaultFormValues()))).toBe(true);
    expect(isEmptyDraft(draftFromValues({ ...defaultFormValues(), subject: '网' }))).toBe(false);
  });
});
