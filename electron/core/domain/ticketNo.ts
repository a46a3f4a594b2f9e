import { AppError } from '../../../shared/result.js';
import type { SqlReader } from '../store/types.js';

/** Crockford base32: no I, L, O, U, so agents can read numbers aloud without confusion. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SUFFIX_LENGTH = 4;
const MAX_ATTEMPTS = 16;

/**
 * `GD` + the UTC date + 4 random Crockford characters, e.g. GD20261124-7K3Q.
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
 * A number not yet used. Called inside the creating transaction so the check
 * and the insert see the same data; 32^4 ≈ 1M numbers a day make a retry rare.
 */
export function allocateTicketNo(r: SqlReader, ms: number, randomBytes: (size: number) => Uint8Array): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const no = formatTicketNo(ms, randomBytes(SUFFIX_LENGTH));
    if (!r.get('SELECT 1 AS taken FROM tickets WHERE no = ?', [no])) return no;
  }
  throw new AppError('INTERNAL', `Could not allocate a free ticket number after ${MAX_ATTEMPTS} attempts`);
}
