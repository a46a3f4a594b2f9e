import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';
import { change, changeText, changeTone, durationText, kpiText, rangeOf } from '../../../renderer/reports/reportView.js';

const zh = i18next.createInstance();
const english = i18next.createInstance();
beforeAll(async () => {
  await zh.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  await english.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

describe('report figures on screen', () => {
  it('says how a figure moved in words, and whether that is good news for the figure', () => {
    expect(changeText(zh.t, change(2, 3))).toBe('较上期降 33.3%');
    expect(changeText(english.t, change(120, 100))).toBe('up 20%');
    expect(changeText(zh.t, change(4, 0))).toBe('上期为 0');
    expect(changeText(zh.t, change(null, 80))).toBe('上期无数据');
    expect(changeText(english.t, change(5, 5))).toBe('no change');
    // Service level up is good; abandon rate up is bad; volumes are neither.
    expect(changeTone(change(88, 80), 'higher')).toBe('good');
    expect(changeTone(change(12, 8), 'lower')).toBe('bad');
    expect(changeTone(change(30, 20), 'neither')).toBe('neutral');
    expect(changeTone(change(null, 20), 'higher')).toBe('neutral');
    expect(changeTone(change(20, 20), 'lower')).toBe('neutral');
  });

  it('writes KPIs in their units, durations as h:mm:ss, and a month as its calendar days', () => {
    expect(kpiText(zh.t, 'serviceLevel', 80.5)).toBe('80.5%');
    expect(kpiText(english.t, 'asaSeconds', 16.5)).toBe('16.5 s');
    expect(kpiText(zh.t, 'csatMean', 4.2)).toBe('4.2 分');
    expect(kpiText(zh.t, 'fcr', null)).toBe('—');
    expect(durationText(english.t, 42)).toBe('42 s');
    expect(durationText(english.t, 172)).toBe('2:52');
    expect(durationText(english.t, 3_725)).toBe('1:02:05');
    expect(rangeOf('month', '2026-02-10', { from: '2026-01-01', to: '2026-01-05' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(rangeOf('range', '2026-02-10', { from: '2026-01-01', to: '2026-01-05' })).toEqual({ from: '2026-01-01', to: '2026-01-05' });
  });
});
