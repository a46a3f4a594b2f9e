import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleConfigSchema, DEFAULT_CONSOLE_CONFIG, HandoffInputSchema } from '../../../shared/desk/schema.js';
import { fieldIssuesFrom } from '../../../shared/result.js';
import { configFieldName, fromForm, toForm } from '../../../renderer/work/configForm.js';
import { fieldLabel, historyNoteLabel, historyValueText } from '../../../renderer/tickets/historyText.js';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
});

function issuesOf(candidate: unknown): string[][] {
  const parsed = ConsoleConfigSchema.safeParse(candidate);
  if (parsed.success) return [];
  return fieldIssuesFrom(parsed.error).map((i) => configFieldName(i.path).map(String));
}

describe('console configuration form', () => {
  it('round-trips the defaults through the form unchanged', () => {
    expect(ConsoleConfigSchema.parse(fromForm(toForm(DEFAULT_CONSOLE_CONFIG)))).toEqual(DEFAULT_CONSOLE_CONFIG);
  });

  it('keeps business hours off when switched off, with the day shift ready to switch on', () => {
    const form = toForm(DEFAULT_CONSOLE_CONFIG);
    expect(form.hoursOn).toBe(false);
    expect(form.sla.businessHours.start).toBe('08:30');
    const on = ConsoleConfigSchema.parse(fromForm({ ...form, hoursOn: true }));
    expect(on.sla.businessHours).toMatchObject({ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', utcOffsetMinutes: 480 });
  });

  it('names the field of every wrong value: hours order on the end time, a bad holiday on its list, a bad code on its row', () => {
    const form = toForm(DEFAULT_CONSOLE_CONFIG);
    const bad = fromForm({
      ...form,
      hoursOn: true,
      afterCallWorkSeconds: 5,
      sla: { ...form.sla, businessHours: { ...form.sla.businessHours, start: '18:00', end: '09:00', closedDates: ['2026-10-01', '2026-13-40'] } },
      notReadyReasons: [{ code: 'Break Time', label: '小休' }],
    });
    const names = issuesOf(bad).map((n) => n.join('.'));
    expect(names).toContain('afterCallWorkSeconds');
    expect(names).toContain('sla.businessHours.end');
    expect(names).toContain('sla.businessHours.closedDates');
    expect(names).toContain('notReadyReasons.0.code');
  });

});

describe('hand-off dialog request', () => {
  it('refuses a dispatch without a work order with the code the dialog translates', () => {
    const parsed = HandoffInputSchema.safeParse({ ticketId: 't1', kind: 'dispatch', to: '售后服务', ask: '上门', dueBy: '2026-11-24T10:00:00+08:00', scope: '更换硒鼓' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const issue = fieldIssuesFrom(parsed.error)[0];
    expect(issue).toMatchObject({ path: 'workOrder', code: 'work_order_required' });
    expect(zhCN.work.issues).toHaveProperty('work_order_required');
  });
});

describe('ticket history of console actions', () => {
  it('words follow-up, hand-off and contact entries in the agent’s language instead of raw keys', () => {
    const tf = t.getFixedT('zh-CN');
    expect(fieldLabel(tf, 'followUp')).toBe('回访');
    expect(historyValueText(tf, 'followUp', 'unreachable')).toBe('联系不上');
    expect(historyValueText(tf, 'handoff', 'answered')).toBe('已答复');
    expect(historyValueText(tf, 'kind', 'complaint')).toBe('投诉回访');
    expect(historyValueText(tf, 'channel', 'phone')).toBe(zhCN.channel.phone);
    expect(historyNoteLabel(tf, 'contact')).toBe('告知内容');
    const enT = t.getFixedT('en');
    expect(historyNoteLabel(enT, 'handoff_answered')).toBe('Answer');
  });
});
