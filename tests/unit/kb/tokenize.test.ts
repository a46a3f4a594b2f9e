import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightRanges, indexText, matchPhrase, parseQuery, tagsIndexText, tokenize } from '../../../shared/kb/tokenize.js';

describe('tokenize', () => {
  it('indexes CJK runs as bigrams plus the lone last character, words lowercased', () => {
    expect(indexText('忘记密码')).toBe('忘记 记密 密码 码');
    expect(indexText('密')).toBe('密');
    expect(indexText('VPN 无法连接，ERR_0x80070005！')).toBe('vpn 无法 法连 连接 接 err 0x80070005');
    expect(indexText('192.168.1.1')).toBe('192 168 1 1');
    expect(indexText('ＶＰＮ客户端')).toBe('vpn 客户 户端 端');
    expect(indexText('Café naïve')).toBe('café naïve');
    expect(tagsIndexText('["网络","VPN"]')).toBe('网络 络 vpn');
    expect(tagsIndexText('not json')).toBe('');
  });

  it('keeps UTF-16 offsets of the original text', () => {
    const text = 'a 𠀀𠀁 Ｂ';
    const toks = tokenize(text);
    expect(toks.map((t) => [t.text, text.slice(t.start, t.end)])).toEqual([
      ['a', 'a'],
      ['𠀀𠀁', '𠀀𠀁'],
      ['𠀁', '𠀁'],
      ['b', 'Ｂ'],
    ]);
  });

  it('parses queries into quoted phrases: no operator survives', () => {
    expect(parseQuery('重置密码').map(matchPhrase)).toEqual(['"重置 置密 密码"']);
    expect(parseQuery('密').map(matchPhrase)).toEqual(['"密*"']);
    expect(parseQuery('ERR_0x8007 vp').map(matchPhrase)).toEqual(['"err 0x8007"', '"vp*"']);
    expect(parseQuery('"vpn 密码" OR NEAR -x (y)').map(matchPhrase)).toEqual(['"vpn 密码"', '"or"', '"near"', '"x"', '"y"']);
    expect(parseQuery('码reset').map(matchPhrase)).toEqual(['"码 reset*"']);
    expect(parseQuery('*** --- ()')).toEqual([]);
  });

  it('every generated query is a valid quoted MATCH expression', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        for (const p of parseQuery(q)) expect(matchPhrase(p)).toMatch(/^"[^"\s]+( [^"\s]+)*"$/);
      }),
    );
  });

  it('the literal shortcut for CJK phrases highlights the same ranges as the tokens', () => {
    const cjk = fc.constantFrom('密', '码', '重', '置', '网', '络', '打', '印');
    const text = fc.array(fc.oneof(cjk, fc.constantFrom(' ', 'a', '，', 'VPN')), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(cjk, { minLength: 1, maxLength: 4 }), (t, q) => {
        const phrases = parseQuery(q.join(''));
        const viaTokens = phrases.map((p) => ({ ...p, literal: undefined }));
        expect(highlightRanges(t, phrases)).toEqual(highlightRanges(t, viaTokens));
      }),
    );
  });

  it('highlights exactly what matched', () => {
    const text = '请重置密码，密码过期';
    const ranges = highlightRanges(text, parseQuery('密码'));
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['密码', '密码']);
    const one = highlightRanges(text, parseQuery('密'));
    expect(one.map(([a, b]) => text.slice(a, b))).toEqual(['密', '密']);
  });
});
