import { normalisePhoneText, parsePhone, type ParsedPhone } from '../../../shared/phone.js';
import { AppError } from '../../../shared/result.js';
import type { SqlReader } from '../store/types.js';

const DIALLABLE = /^\+?[\d\s\-.()（）#*,]+(?:\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?$/i;

/**
 * The normalised number and its match key (shared/phone.ts: one rule for
 * every number). `strict` (what an agent types or dials): the number must
 * parse as the ticket form's does. Lenient (what the phone system reports
 * and screen-pop lookups): any dialable string is kept, so a call from an odd
 * or short number is still recorded; VALIDATION_FAILED only when it is not a
 * number at all.
 */
export function dialledNumber(raw: string, path = 'number', strict = false): { number: string; parsed: ParsedPhone | null } {
  const number = normalisePhoneText(raw);
  const parsed = parsePhone(number);
  if (strict && !parsed) {
    const message = `"${raw.slice(0, 60)}" is not a valid phone number (mobile, landline with area code, service number or +country code; an extension after 转, ext or #)`;
    throw new AppError('VALIDATION_FAILED', message, [{ path, code: 'invalid_phone', message }]);
  }
  const digits = number.replace(/\D/g, '').length;
  if (!DIALLABLE.test(number) || digits < 3 || number.length > 60) {
    const message = `"${raw.slice(0, 60)}" is not a phone number (digits, +, spaces, - and an extension; tel: links work)`;
    throw new AppError('VALIDATION_FAILED', message, [{ path, code: 'invalid_phone', message }]);
  }
  return { number, parsed };
}

/**
 * The customer behind a number: the same E.164 key, preferring the same
 * extension, then whoever was updated last (a switchboard shared by several
 * customers pops the most recent one).
 */
export function customerIdForNumber(r: SqlReader, parsed: ParsedPhone | null): string | null {
  if (!parsed) return null;
  const row = r.get<{ id: string }>(
    `SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
      WHERE p.key = ? ORDER BY (p.ext = ?) DESC, c.updated_at DESC, c.id LIMIT 1`,
    [parsed.key, parsed.ext ?? ''],
  );
  return row?.id ?? null;
}
