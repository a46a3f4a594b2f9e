/**
 * Phone numbers as agents type them and as PBXs deliver them.
 *
 * Accepted after normalisePhoneText (separators space, '-', '.', '(' ')' are ignored):
 * - Chinese mobile: 1[3-9]xxxxxxxxx, optionally +86 / 86 / 0086 / trunk 0 in front
 * - Chinese landline: 0 + area code (10, 2x: 2 digits; others 3 digits) + 7-8 digit
 *   local number, optional extension after 转 / ext / x / # / a trailing '-'
 * - Chinese service numbers: 400 / 800 + 7 digits, 95xxx / 96xxx short codes
 * - International: + country code and subscriber number, 8-15 digits in all (E.164)
 *
 * The normalised form (`key`) is E.164 without the extension; it is what
 * customers are matched on, so "010-6552 9988" and "+86 10 65529988" are the
 * same caller.
 */
import { stripBidi } from './bidi.js';

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'intl';

export interface ParsedPhone {
  kind: PhoneKind;
  /** E.164 match key, e.g. +8613812345678, +861065529988, +4930123456 */
  key: string;
  ext?: string;
}

const EXT_SPLIT = /\s*(?:转|分机|ext\.?|x|#|,)\s*(\d{1,6})\s*$/i;
const SEPARATORS = /[\s\-.()（）]/g;

function splitExtension(raw: string): { main: string; ext?: string } {
  const m = EXT_SPLIT.exec(raw);
  if (m && m.index > 0) return { main: raw.slice(0, m.index), ext: m[1] as string };
  // "0755-87654321-123": a third dash-separated group after a full landline is an extension.
  const dashed = /^(0\d{2,3})[-\s](\d{7,8})-(\d{1,6})$/.exec(raw.trim());
  if (dashed) return { main: `${dashed[1]}${dashed[2]}`, ext: dashed[3] as string };
  return { main: raw };
}

function parseNational(d: string): ParsedPhone | null {
  if (/^1[3-9]\d{9}$/.test(d)) return { kind: 'mobile', key: `+86${d}` };
  if (/^01[3-9]\d{9}$/.test(d)) return { kind: 'mobile', key: `+86${d.slice(1)}` };
  if (/^(?:400|800)\d{7}$/.test(d)) return { kind: 'service', key: `+86${d}` };
  if (/^9[56]\d{3,6}$/.test(d)) return { kind: 'service', key: `+86${d}` };
  // Two-digit area codes: 010 and 020-029; all others are three digits after the 0.
  const two = /^0(10|2\d)(\d{8})$/.exec(d);
  if (two) return { kind: 'landline', key: `+86${two[1]}${two[2]}` };
  const three = /^0([3-9]\d{2})(\d{7,8})$/.exec(d);
  if (three) return { kind: 'landline', key: `+86${three[1]}${three[2]}` };
  return null;
}

/**
 * The one normalisation every number goes through before it is parsed or
 * stored (new-call dialog, ticket form, callbacks, CTI): full-width digits
 * and signs (IME input: １３８…, ＋, （）, ＃) become ASCII (NFKC), invisible
 * direction controls are dropped, and a `tel:` link (RFC 3966,
 * `tel:+86-10-6552-9988;ext=12`) keeps its number and its extension.
 */
export function normalisePhoneText(raw: string): string {
  let text = stripBidi(raw.normalize('NFKC')).trim();
  const tel = /^tel:(?:\/\/)?(.*)$/i.exec(text);
  if (tel) {
    let body = tel[1] ?? '';
    try {
      body = decodeURIComponent(body);
    } catch {
      // A stray % stays as typed; the parser decides.
    }
    const [main = '', ...params] = body.split(/[;?]/);
    const ext = params.map((p) => /^ext=(\d{1,6})$/i.exec(p.trim())?.[1]).find((e) => e !== undefined);
    text = ext ? `${main.trim()} ext ${ext}` : main.trim();
  }
  return text;
}

export function parsePhone(raw: string): ParsedPhone | null {
  if (typeof raw !== 'string') return null;
  const trimmed = normalisePhoneText(raw);
  if (trimmed.length === 0 || trimmed.length > 40) return null;
  const { main, ext } = splitExtension(trimmed);
  const compact = main.replace(SEPARATORS, '');
  let parsed: ParsedPhone | null = null;
  let intl: string | null = null;
  if (compact.startsWith('+')) intl = compact.slice(1);
  else if (compact.startsWith('00')) intl = compact.slice(2);
  if (intl !== null) {
    if (!/^\d+$/.test(intl)) return null;
    if (intl.startsWith('86')) {
      const national = intl.slice(2);
      // After +86 the trunk 0 is dropped: only mobiles and 400/800 numbers start without
      // it. Area codes can start with 1 (10), 4, 8 or 9 too (0431, 0851, 0951), so they
      // get their 0 back; a 0 written anyway ("+86 010 …") is tolerated.
      const direct = national.startsWith('0') || /^1[3-9]\d{9}$/.test(national) || /^(?:400|800)\d{7}$/.test(national);
      parsed = parseNational(direct ? national : `0${national}`);
      if (parsed && parsed.kind === 'service' && !/^(?:400|800)/.test(national)) parsed = null;
    } else if (/^[1-9]\d{7,14}$/.test(intl)) {
      parsed = { kind: 'intl', key: `+${intl}` };
    }
  } else if (/^\d+$/.test(compact)) {
    parsed = compact.startsWith('86') && compact.length === 13 ? parseNational(compact.slice(2)) : parseNational(compact);
  }
  if (!parsed) return null;
  return ext ? { ...parsed, ext } : parsed;
}

/** Match key for a number, or null when it is not a valid phone number. */
export function phoneKey(raw: string): string | null {
  return parsePhone(raw)?.key ?? null;
}

/**
 * A loose key for searching by partial number ("65529988" finds 010-65529988):
 * digits only, without country prefix.
 */
export function phoneDigits(raw: string): string {
  return raw.replace(/\D/g, '');
}

/**
 * The number in a typed or pasted text or a tel: link, normalised by the one
 * rule the ticket form and the core use (full-width digits, an extension
 * after 转 / ext / #); null when it is not a valid number, so the new-call
 * dialog (and a tel: link handed over by the OS) refuses exactly what the
 * ticket form refuses.
 */
export function dialableNumber(text: string): string | null {
  const number = normalisePhoneText(text);
  return parsePhone(number) ? number : null;
}
