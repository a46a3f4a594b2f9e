/**
 * Ticket numbers (工单号) are read to callers over the phone and typed back
 * from what a caller reads out, so they are digits only, in groups of four
 * (as bank-card and phone numbers are read in China): 2611-2438-1755-2093.
 * The first six digits are the UTC date (YYMMDD), the other ten are random.
 *
 * Numbers made before issue 14 (GD20261124-7K3Q9M, Crockford letters) stay
 * valid: they are stored as they were and found by search as before.
 *
 * Search and the CLI find a number with or without its separators (a caller
 * reads "2611 2438 1755 2093", an agent types 2611243817552093):
 * `ticketNoKey` is the number without separators, in upper case, and is what
 * both sides are compared by.
 */
export const TICKET_NO_GROUP = 4;
export const TICKET_NO_RANDOM_DIGITS = 10;

/** A number as the workstation now writes it. */
export const TICKET_NO_PATTERN = /^\d{4}-\d{4}-\d{4}-\d{4}$/;
/** A number written before issue 14. */
export const LEGACY_TICKET_NO_PATTERN = /^GD\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** Characters a caller or agent puts between the groups: spaces (full-width too), hyphens, dots, slashes. */
const SEPARATORS = /[\s\u3000\-‐‑‒–—―－.．/]/g;

/**
 * `ms` in UTC as YYMMDD plus `random` as ten decimal digits, grouped by four.
 * Each random byte gives one digit by `byte % 10`: 256 is not a multiple of
 * 10, so digits 0-5 come with 26/256 and 6-9 with 25/256. That raises the
 * chance two draws agree by 0.04% a digit (sum of p² = 0.10004 instead of
 * 0.1), 0.4% over ten digits: negligible beside the collision figures at
 * allocateTicketNo, and numbers are no secret (the id identifies a ticket).
 */
export function formatTicketNo(ms: number, random: Uint8Array): string {
  const date = new Date(ms).toISOString().slice(2, 10).replace(/-/g, '');
  let digits = date;
  for (let i = 0; i < TICKET_NO_RANDOM_DIGITS; i++) digits += String((random[i] ?? 0) % 10);
  return groupDigits(digits);
}

function groupDigits(digits: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += TICKET_NO_GROUP) groups.push(digits.slice(i, i + TICKET_NO_GROUP));
  return groups.join('-');
}

/** The comparison key of a number: separators dropped, full-width digits made plain, upper case. */
export function ticketNoKey(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(SEPARATORS, '')
    .toUpperCase();
}

/**
 * Whether `text` is (the whole of) a ticket number, in either format, with
 * or without separators; returns the number as stored, or null. A 16-digit
 * run is a new-format number; GD + 14 characters an old one.
 */
export function parseTicketNo(text: string): string | null {
  const key = ticketNoKey(text.trim());
  if (/^\d{16}$/.test(key)) return groupDigits(key);
  const legacy = /^GD(\d{8})([0-9A-HJKMNP-TV-Z]{6})$/.exec(key);
  if (legacy) return `GD${legacy[1] ?? ''}-${legacy[2] ?? ''}`;
  return null;
}
