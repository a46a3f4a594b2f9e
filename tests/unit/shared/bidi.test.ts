import { describe, expect, it } from 'vitest';
import { hasBidi, stripBidi } from '../../../shared/bidi.js';
import { CallbackInputSchema } from '../../../shared/desk/schema.js';
import { parsePhone } from '../../../shared/phone.js';
import { CustomerValuesSchema, TicketValuesSchema } from '../../../shared/sync/entities.js';
import { TicketInputSchema } from '../../../shared/tickets/schema.js';

const RLO = '\u202E';
const ticket = {
  subject: `打印机${RLO}无法打印`,
  description: `报错\u2066 ERR_0x80070005\u2069`,
  category: 'fault',
  severity: 'normal',
  channel: 'phone',
  customer: { name: `王伟${RLO}`, phone: '010-6552 9988', organisation: `\u200F某公司` },
} as const;

describe('invisible direction controls', () => {
  it('finds and strips every embedding, override, isolate and mark', () => {
    const all = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(hasBidi(`a${all}b`)).toBe(true);
    expect(stripBidi(`a${all}b`)).toBe('ab');
    expect(hasBidi('王伟 13800138000')).toBe(false);
  });

  it('are removed from names, subjects and descriptions a ticket is created with', () => {
    const parsed = TicketInputSchema.parse(ticket);
    expect(parsed.subject).toBe('打印机无法打印');
    expect(parsed.description).toBe('报错 ERR_0x80070005');
    expect(parsed.customer).toMatchObject({ name: '王伟', organisation: '某公司' });
  });

  it('are removed from a phone number, which then parses', () => {
    expect(parsePhone(`${RLO}13800138000`)).toEqual({ kind: 'mobile', key: '+8613800138000' });
  });

  it('are removed from a callback note, and its full-width number is stored in ASCII', () => {
    const parsed = CallbackInputSchema.safeParse({ customerId: 'c1', phone: '１３８００１３８０００ 转 １２', dueAt: '2026-11-24T10:00:00+08:00', note: `回电${RLO}确认` });
    expect(parsed.success && parsed.data).toMatchObject({ note: '回电确认', phone: '13800138000 转 12' });
  });

  it('are refused in a row pushed to the server, with a message naming them', () => {
    const r = CustomerValuesSchema.safeParse({ name: `王伟${RLO}`, organisation: null, address: null, createdAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-11-24T02:00:00.000Z' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['name'] });
    expect(r.error?.issues[0]?.message).toMatch(/direction-control/);
    const t = TicketValuesSchema.partial().safeParse({ subject: `a${RLO}b` });
    expect(t.success).toBe(false);
  });
});
