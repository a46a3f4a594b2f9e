import { describe, expect, it } from 'vitest';
import { allocateTicketNo, formatTicketNo } from '../../../electron/core/domain/ticketNo.js';
import type { SqlReader } from '../../../electron/core/store/types.js';

const T0 = Date.parse('2026-11-24T02:00:00.000Z');
const CROCKFORD = /^GD20261124-[0-9A-HJKMNP-TV-Z]{6}$/;

describe('ticket numbers', () => {
  it('are GD + the UTC date + 6 Crockford characters, every byte mapping to one of 32', () => {
    expect(formatTicketNo(T0, Uint8Array.from([0, 1, 2, 3, 4, 5]))).toBe('GD20261124-012345');
    expect(formatTicketNo(T0, Uint8Array.from([31, 32, 63, 255, 10, 18]))).toBe('GD20261124-Z0ZZAJ');
    const seen = new Set<string>();
    for (let b = 0; b < 256; b++) {
      const no = formatTicketNo(T0, Uint8Array.from([b, b, b, b, b, b]));
      expect(no).toMatch(CROCKFORD);
      seen.add(no);
    }
    expect(seen.size).toBe(32);
  });

  it('asks for 6 random bytes and draws again while the number is taken on this PC', () => {
    const taken = new Set(['GD20261124-000000', 'GD20261124-111111']);
    const reader = { all: () => [], get: (_sql: string, params?: readonly unknown[]) => (taken.has(String(params?.[0])) ? { taken: 1 } : undefined) } as unknown as SqlReader;
    const draws = [0, 1, 2];
    const sizes: number[] = [];
    const no = allocateTicketNo(reader, T0, (size) => {
      sizes.push(size);
      return new Uint8Array(size).fill(draws.shift() ?? 9);
    });
    expect(no).toBe('GD20261124-222222');
    expect(sizes).toEqual([6, 6, 6]);
    const full = { all: () => [], get: () => ({ taken: 1 }) } as unknown as SqlReader;
    expect(() => allocateTicketNo(full, T0, (n) => new Uint8Array(n))).toThrow(/Could not allocate/);
  });
});
