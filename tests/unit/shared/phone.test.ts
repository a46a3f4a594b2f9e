import { describe, expect, it } from 'vitest';
import { parsePhone, phoneDigits, phoneKey } from '../../../shared/phone.js';

describe('parsePhone: Chinese mobiles', () => {
  it.each(['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+8613812345678', '0086 13812345678', '8613812345678', '013812345678'])(
    'normalises %s to the same E.164 key',
    (raw) => {
      expect(parsePhone(raw)).toEqual({ kind: 'mobile', key: '+8613812345678' });
    },
  );

  it('rejects a mobile number one digit short or long', () => {
    expect(parsePhone('1381234567')).toBeNull();
    expect(parsePhone('138123456789')).toBeNull();
  });

  it('rejects numbers starting 10-12, which are not mobile prefixes', () => {
    expect(parsePhone('12812345678')).toBeNull();
  });
});

describe('parsePhone: landlines', () => {
  it('reads two-digit area codes (Beijing 010, Shanghai 021)', () => {
    expect(parsePhone('010-6552 9988')).toEqual({ kind: 'landline', key: '+861065529988' });
    expect(parsePhone('(021) 12345678')).toEqual({ kind: 'landline', key: '+862112345678' });
  });

  it('reads three-digit area codes with 7- and 8-digit local numbers', () => {
    expect(parsePhone('0755-87654321')).toEqual({ kind: 'landline', key: '+8675587654321' });
    expect(parsePhone('0512-6789012')).toEqual({ kind: 'landline', key: '+865126789012' });
  });

  it('matches a Beijing number written with +86 to the same number written with 010', () => {
    expect(phoneKey('+86 10 65529988')).toBe(phoneKey('010-6552 9988'));
  });

  it('restores the trunk 0 for area codes starting 4, 8 or 9 after +86', () => {
    expect(phoneKey('+86 431 88887777')).toBe(phoneKey('0431-88887777'));
    expect(phoneKey('+86 851 12345678')).toBe(phoneKey('0851-12345678'));
    expect(phoneKey('+86 951 1234567')).toBe(phoneKey('0951-1234567'));
  });

  it('tolerates a trunk 0 written after +86', () => {
    expect(phoneKey('+86 010 65529988')).toBe('+861065529988');
  });

  it.each([
    ['010-65529988 转 801', '801'],
    ['010-65529988转801', '801'],
    ['0571 8888 7777 ext. 12', '12'],
    ['0571 8888 7777 EXT 12', '12'],
    ['021-12345678#99', '99'],
    ['0755-87654321-123', '123'],
  ])('splits the extension from %s', (raw, ext) => {
    const p = parsePhone(raw);
    expect(p?.kind).toBe('landline');
    expect(p?.ext).toBe(ext);
  });

  it('keeps the extension out of the match key', () => {
    expect(phoneKey('010-65529988 转 801')).toBe(phoneKey('010-65529988'));
  });

  it('rejects a two-digit area code with a 7-digit local number', () => {
    expect(parsePhone('021-1234567')).toBeNull();
  });
});

describe('parsePhone: service and international numbers', () => {
  it('reads 400 and 800 numbers, also with +86', () => {
    expect(parsePhone('400-820-8820')).toEqual({ kind: 'service', key: '+864008208820' });
    expect(parsePhone('800 123 4567')).toEqual({ kind: 'service', key: '+868001234567' });
    expect(phoneKey('+86 400 820 8820')).toBe('+864008208820');
  });

  it('reads 95xxx short codes, but not after +86 where they cannot be dialled', () => {
    expect(parsePhone('95588')).toEqual({ kind: 'service', key: '+8695588' });
    expect(parsePhone('+86 95588')).toBeNull();
  });

  it('reads other countries after + or 00', () => {
    expect(parsePhone('+49 30 123456')).toEqual({ kind: 'intl', key: '+4930123456' });
    expect(parsePhone('004930123456')).toEqual({ kind: 'intl', key: '+4930123456' });
    expect(parsePhone('+1 415 555 0100')).toEqual({ kind: 'intl', key: '+14155550100' });
  });

  it('rejects international numbers shorter than 8 or longer than 15 digits', () => {
    expect(parsePhone('+1234')).toBeNull();
    expect(parsePhone('+1234567890123456')).toBeNull();
  });
});

describe('parsePhone: rejects', () => {
  it.each(['', '   ', 'abc', '12345', '0101234567', '+86 abc', '1'.repeat(41)])('rejects %j', (raw) => {
    expect(parsePhone(raw)).toBeNull();
    expect(phoneKey(raw)).toBeNull();
  });
});

describe('phoneDigits', () => {
  it('keeps only the digits for partial-number search', () => {
    expect(phoneDigits('010-6552 9988')).toBe('01065529988');
  });
});
