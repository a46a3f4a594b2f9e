import { CustomerSchema, type Customer, type CustomerInput, type CustomerSearch } from '../../../shared/customers/schema.js';
import { parsePhone, phoneDigits } from '../../../shared/phone.js';
import { AppError } from '../../../shared/result.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import { appendOutbox, createdFieldHlc, likeContains, mergeFieldHlc, type DomainContext, type Stamp } from './context.js';

interface CustomerRow {
  id: string;
  name: string;
  organisation: string | null;
  address: string | null;
  createdAt: string;
  updatedAt: string;
  fieldHlc: string;
}
interface PhoneRow {
  raw: string;
  key: string;
  ext: string;
}

const CUSTOMER_COLUMNS = 'id, name, organisation, address, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc';

function blankToNull(v: string | undefined | null): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v;
}

function toCustomer(r: SqlReader, row: CustomerRow): Customer {
  const phones = r
    .all<PhoneRow>('SELECT raw, key, ext FROM customer_phones WHERE customer_id = ? ORDER BY added_at, key, ext', [row.id])
    .map((p) => (p.ext ? { raw: p.raw, key: p.key, ext: p.ext } : { raw: p.raw, key: p.key }));
  // Rows are read back from disk: validate like any other boundary.
  return CustomerSchema.parse({
    id: row.id,
    name: row.name,
    phones,
    organisation: row.organisation,
    address: row.address,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function findCustomer(r: SqlReader, id: string): Customer | undefined {
  const row = r.get<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`, [id]);
  return row ? toCustomer(r, row) : undefined;
}

export function getCustomer(r: SqlReader, id: string): Customer {
  const c = findCustomer(r, id);
  if (!c) throw new AppError('CUSTOMER_NOT_FOUND', `No customer with id ${id}`);
  return c;
}

/**
 * Picks the customer an inline {name, phone} refers to. The match key is the
 * E.164 number without extension (shared/phone.ts), so a company switchboard
 * can be shared by several customers: prefer the same extension, then the same
 * name, then whoever was touched most recently. A different extension AND a
 * different name is another person behind the same switchboard, not a match.
 */
function matchCustomer(r: SqlReader, key: string, ext: string, name: string): CustomerRow | undefined {
  const candidates = r.all<CustomerRow & { ext: string }>(
    `SELECT c.id, c.name, c.organisation, c.address, c.created_at AS createdAt, c.updated_at AS updatedAt, c.field_hlc AS fieldHlc, p.ext
       FROM customer_phones p JOIN customers c ON c.id = p.customer_id
      WHERE p.key = ?
      ORDER BY c.updated_at DESC, c.id`,
    [key],
  );
  const score = (c: CustomerRow & { ext: string }) => (ext && c.ext === ext ? 2 : 0) + (c.name === name ? 1 : 0);
  const otherPerson = (c: CustomerRow & { ext: string }) => ext !== '' && c.ext !== '' && c.ext !== ext && c.name !== name;
  let best: (CustomerRow & { ext: string }) | undefined;
  for (const c of candidates) if (!otherPerson(c) && (!best || score(c) > score(best))) best = c;
  return best;
}

export interface ResolvedCustomer {
  id: string;
  /** true when no customer matched and a new one was inserted */
  created: boolean;
}

/**
 * Inside a ticket write: match the caller by phone or create the customer.
 * A matched customer is never renamed; blank organisation / address are filled
 * from the input because the agent just asked the caller for them.
 */
export function resolveInlineCustomer(ctx: DomainContext, w: SqlWriter, s: Stamp, input: CustomerInput): ResolvedCustomer {
  const parsed = parsePhone(input.phone);
  // The request schema already refused invalid numbers; this guards direct callers.
  if (!parsed) throw new AppError('VALIDATION_FAILED', 'Not a valid phone number', [{ path: 'customer.phone', code: 'invalid_phone', message: 'Not a valid phone number' }]);
  const ext = parsed.ext ?? '';
  const organisation = blankToNull(input.organisation);
  const address = blankToNull(input.address);
  const match = matchCustomer(w, parsed.key, ext, input.name);
  if (match) {
    const fill: Record<string, string> = {};
    if (!match.organisation && organisation) fill.organisation = organisation;
    if (!match.address && address) fill.address = address;
    const fields = Object.keys(fill);
    if (fields.length > 0) {
      w.run('UPDATE customers SET organisation = ?, address = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        fill.organisation ?? match.organisation,
        fill.address ?? match.address,
        s.at,
        mergeFieldHlc(match.fieldHlc, fields, s.hlc),
        match.id,
      ]);
      appendOutbox(w, s, { name: 'customers:update', entity: 'customer', entityId: match.id, changes: [{ entity: 'customer', id: match.id, values: { ...fill, updatedAt: s.at } }] });
    }
    return { id: match.id, created: false };
  }
  const id = ctx.newId();
  w.run('INSERT INTO customers (id, name, organisation, address, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    id,
    input.name,
    organisation,
    address,
    s.at,
    s.at,
    createdFieldHlc(s.hlc),
  ]);
  const raw = input.phone.trim();
  w.run('INSERT INTO customer_phones (customer_id, raw, key, ext, added_at) VALUES (?, ?, ?, ?, ?)', [id, raw, parsed.key, ext, s.at]);
  const phone = { customerId: id, raw, key: parsed.key, ext, addedAt: s.at };
  appendOutbox(w, s, {
    name: 'customers:create',
    entity: 'customer',
    entityId: id,
    changes: [
      { entity: 'customer', id, values: { name: input.name, organisation, address, createdAt: s.at, updatedAt: s.at } },
      { entity: 'customer_phone', id: ENTITIES.customer_phone.idOf(phone), values: phone },
    ],
  });
  return { id, created: true };
}

/**
 * Name / organisation contain the text, or (for number-like text) a phone
 * contains the digits. Leading zeros are dropped from the digits because keys
 * are stored as +86… without the trunk 0, so "010-6552 9988" still finds it.
 */
export function phoneSearchDigits(q: string): string | null {
  if (!/^[\d\s\-+()（）.]+$/.test(q)) return null;
  const digits = phoneDigits(q).replace(/^0+/, '');
  return digits.length >= 3 ? digits : null;
}

export function searchCustomers(r: SqlReader, req: CustomerSearch): Customer[] {
  const like = likeContains(req.q);
  const digits = phoneSearchDigits(req.q);
  const exactKey = parsePhone(req.q)?.key ?? null;
  const rows = r.all<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c
      WHERE c.name LIKE ? ESCAPE '\\'
         OR c.organisation LIKE ? ESCAPE '\\'
         OR EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id
                     AND (p.key = ? OR (? IS NOT NULL AND p.key LIKE ? ESCAPE '\\')))
      ORDER BY c.updated_at DESC, c.id
      LIMIT ?`,
    [like, like, exactKey, digits, digits === null ? null : likeContains(digits), req.limit],
  );
  return rows.map((row) => toCustomer(r, row));
}
