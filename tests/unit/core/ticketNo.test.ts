import { describe, expect, it } from 'vitest';
import { allocateTicketNo, formatTicketNo } from '../../../electron/core/domain/ticketNo.js';
import type { SqlReader } from '../../../electron/core/store/types.js';
import { parseTicketNo, ticketNoKey, TICKET_NO_PATTERN } from '../../../shared/tickets/ticketNo.js';

const T0 = Date.parse('2026-11-24T02:00:00.000Z');
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('ticket numbers read over the phone', () => {
  it('are the UTC date (YYMMDD) and ten random digits in groups of four, digits only', () => {
    expect(formatTicketNo(T0, bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))).toBe('2611-2401-2345-6789');
    // Each byte gives one digit (byte % 10): 255 -> 5, 10 -> 0, 19 -> 9.
    expect(formatTicketNo(T0, bytes(255, 10, 19, 99, 100, 0, 0, 0, 0, 1))).toBe('2611-2450-9900-0001');
    const seen = new Set<string>();
    for (let b = 0; b < 256; b++) {
      const no = formatTicketNo(T0, new Uint8Array(10).fill(b));
      expect(no).toMatch(TICKET_NO_PATTERN);
      expect(no).not.toMatch(/[A-Z]/i);
      seen.add(no);
    }
    expect(seen.size).toBe(10);
    // The date is UTC: 23:30 in Beijing on the 24th is still the 24th in UTC at 15:30.
    expect(formatTicketNo(Date.parse('2026-11-24T23:59:59.000Z'), new Uint8Array(10)).startsWith('2611-24')).toBe(true);
  });

  it('are found with or without separators, in the new and the old format', () => {
    expect(parseTicketNo('2611-2401-2345-6789')).toBe('2611-2401-2345-6789');
    expect(parseTicketNo('2611240123456789')).toBe('2611-2401-2345-6789');
    expect(parseTicketNo(' 2611 2401 2345 6789 ')).toBe('2611-2401-2345-6789');
    expect(parseTicketNo('２６１１ ２４０１ ２３４５ ６７８９')).toBe('2611-2401-2345-6789');
    expect(parseTicketNo('GD20261124-7K3Q9M')).toBe('GD20261124-7K3Q9M');
    expect(parseTicketNo('gd202611247k3q9m')).toBe('GD20261124-7K3Q9M');
    expect(parseTicketNo('13812345678')).toBeNull();
    expect(parseTicketNo('打印机')).toBeNull();
    expect(ticketNoKey('2611-2401 2345－6789')).toBe('2611240123456789');
  });

  it('asks for ten random bytes and draws again while the number is taken on this PC', () => {
    const taken = new Set(['2611-2400-0000-0000', '2611-2411-1111-1111']);
    const reader = { all: () => [], get: (_sql: string, params?: readonly unknown[]) => (taken.has(String(params?.[0])) ? { taken: 1 } : undefined) } as unknown as SqlReader;
    const draws = [0, 1, 2];
    const sizes: number[] = [];
    const no = allocateTicketNo(reader, T0, (size) => {
      sizes.push(size);
      return new Uint8Array(size).fill(draws.shift() ?? 9);
    });
    expect(no).toBe('2611-2422-2222-2222');
    expect(sizes).toEqual([10, 10, 10]);
    const full = { all: () => [], get: () => ({ taken: 1 }) } as unknown as SqlReader;
    expect(() => allocateTicketNo(full, T0, (n) => new Uint8Array(n))).toThrow(/Could not allocate/);
  });
});
