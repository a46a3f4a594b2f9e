import { describe, expect, it } from 'vitest';
import { optionMatches, searchable } from '../../../renderer/app/selectSearch.js';
import en from '../../../renderer/i18n/locales/en.js';
import zh from '../../../renderer/i18n/locales/zh-CN.js';
import { CATEGORIES } from '../../../shared/tickets/schema.js';

const categories = (cat: Record<string, string>) => CATEGORIES.map((c) => cat[c] ?? c);
const filter = (input: string, labels: string[]) => labels.filter((label) => searchable.showSearch.filterOption(input, { value: label, label }));

describe('select type-ahead', () => {
  const zhCats = categories(zh.category as Record<string, string>);
  const enCats = categories(en.category as Record<string, string>);

  it('typing 投诉 leaves only 投诉, so Enter cannot pick 咨询', () => {
    expect(filter('投诉', zhCats)).toEqual(['投诉']);
  });
  it('finds Chinese labels by pinyin initials or full pinyin', () => {
    expect(filter('ts', zhCats)).toEqual(['投诉']);
    expect(filter('TouSu', zhCats)).toEqual(['投诉']);
    expect(filter('zx', zhCats)).toEqual(['咨询']);
    expect(filter('gz', zhCats)).toEqual(['报修/故障']);
    expect(optionMatches('wgl', '王管理')).toBe(true);
  });
  it('finds English labels by any part, in any case', () => {
    expect(filter('compl', enCats)).toEqual([enCats[1]]);
    expect(filter('FAULT', enCats)).toHaveLength(1);
  });
  it('matches nothing for text in no label, and everything for nothing typed', () => {
    expect(filter('xyz', zhCats)).toEqual([]);
    expect(filter('投诉x', zhCats)).toEqual([]);
    expect(filter('  ', zhCats)).toEqual(zhCats);
  });
  it('reads an option by its title or value when its label is not text', () => {
    expect(searchable.showSearch.filterOption('ts', { value: 'complaint', title: '投诉', label: null })).toBe(true);
    expect(searchable.showSearch.filterOption('comp', { value: 'complaint' })).toBe(true);
  });
});
