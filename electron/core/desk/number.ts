import { parsePhone, type ParsedPhone } from '../../../shared/phone.js';
import { AppError } from '../../../shared/result.js';
import type { SqlReader } from '../store/types.js';

/**
 * A number as the agent typed or pasted it, or from a `tel:` link
 * (RFC 3966: `tel:+86-10-6552-9988;ext=12`): the link's visual separators
 * and parameters are dropped, its extension kept in the form shared/phone.ts
 * reads. Returns the text stored on the call.
 */
export function normaliseDialled(raw: string): string {
  let text = raw.trim();
  const tel = /^tel:(?:\/\/)?(.*)$/i.exec(text);
  if (tel) {
    let body = tel[1] ?? '';
    try {
      body = decodeURIComponent(body);
    } catch {
      // A stray % stays as typed; the digit check below decides.
    }
    const [main = '', ...params] = body.split(';');
    const ext = params.map((p) => /^ext=(\d{1,6})$/i.exec(p.trim())?.[1]).find((e) => e !== undefined);
    text = ext ? `${main.trim()} ext ${ext}` : main.trim();
  }
  return text;
}

const DIALLABLE = /^\+?[\d\s\-.()（）#*,]+(?:\s*(?:转|分机|ext\.?|x)\s*\d{1,6})?$/i;

/** The normalised number and its match key; VALIDATION_FAILED when it is not a number at all. */
export function dialledNumber(raw: string, path = 'number'): { number: string; parsed: ParsedPhone | null } {
  const number = normaliseDialled(raw);
  const digits = number.replace(/\D/g, '').length;
  if (!DIALLABLE.test(number) || digits < 3 || number.length > 60) {
    const message = `"${raw.slice(0, 60)}" is not a phone number (digits, +, spaces, - and an extension; tel: links work)`;
    throw new AppError('VALIDATION_FAILED', message, [{ path, code: 'invalid_phone', message }]);
  }
  return { number, parsed: parsePhone(number) };
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
