import { AppError } from '../../../shared/result.js';
import type { SqlReader } from '../store/types.js';

/** Crockford base32: no I, L, O, U, so agents can read numbers aloud without confusion. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SUFFIX_LENGTH = 6;
const MAX_ATTEMPTS = 16;

/**
 * `GD` + the UTC date + 6 random Crockford characters, e.g. GD20261124-7K3Q9M.
 * The date is UTC because the core does not know the agent's time zone; for
 * China (UTC+8) tickets opened before 08:00 carry the previous day's date.
 */
export function formatTicketNo(ms: number, random: Uint8Array): string {
  const date = new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
  let suffix = '';
  // 256 is a multiple of 32, so masking keeps every character equally likely.
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += CROCKFORD[(random[i] ?? 0) & 31];
  return `GD${date}-${suffix}`;
}

/**
 * A number not yet used on this PC. Called inside the creating transaction so
 * the check and the insert see the same data. Numbers are drawn on each PC
 * without asking anyone, so two PCs can draw the same one: with 32^6 ≈ 1.07e9
 * numbers a day, a center opening 5,000 tickets a day shares one about once
 * every 86 days (5000² / 2 / 32^6 ≈ 1.2% a day). Nothing relies on numbers being
 * unique across PCs (the id identifies a ticket; `no` is indexed, not UNIQUE).
 */
export function allocateTicketNo(r: SqlReader, ms: number, randomBytes: (size: number) => Uint8Array): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const no = formatTicketNo(ms, randomBytes(SUFFIX_LENGTH));
    if (!r.get('SELECT 1 AS taken FROM tickets WHERE no = ?', [no])) return no;
  }
  throw new AppError('INTERNAL', `Could not allocate a free ticket number after ${MAX_ATTEMPTS} attempts`);
}
