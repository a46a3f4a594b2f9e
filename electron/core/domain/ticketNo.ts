import { AppError } from '../../../shared/result.js';
import { formatTicketNo, TICKET_NO_RANDOM_DIGITS } from '../../../shared/tickets/ticketNo.js';
import type { SqlReader } from '../store/types.js';

export { formatTicketNo } from '../../../shared/tickets/ticketNo.js';

const MAX_ATTEMPTS = 16;

/**
 * A number not yet used on this PC (shared/tickets/ticketNo.ts: YYMMDD + ten
 * random digits, e.g. 2611-2438-1755-2093). Called inside the creating
 * transaction so the check and the insert see the same data.
 *
 * Numbers are drawn on each PC without asking anyone, so two PCs can draw the
 * same one on the same UTC day. With 10^10 numbers a day, a center opening N
 * tickets a day shares one with probability about N² / 2 / 10^10: for 5,000
 * tickets a day 25e6 / 2e10 ≈ 0.125% a day, i.e. about once every 800 days
 * (the old 6-letter Crockford suffix, 32^6 ≈ 1.07e9, shared one every 86
 * days); for 20,000 a day, 2% (every 50 days). Nothing relies on numbers
 * being unique across PCs (the id identifies a ticket; `no` is indexed, not
 * UNIQUE): a shared number shows both tickets when it is searched, each with
 * its customer, so the agent picks the caller's.
 */
export function allocateTicketNo(r: SqlReader, ms: number, randomBytes: (size: number) => Uint8Array): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const no = formatTicketNo(ms, randomBytes(TICKET_NO_RANDOM_DIGITS));
    if (!r.get('SELECT 1 AS taken FROM tickets WHERE no = ?', [no])) return no;
  }
  throw new AppError('INTERNAL', `Could not allocate a free ticket number after ${MAX_ATTEMPTS} attempts`);
}
