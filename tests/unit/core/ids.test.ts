import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../electron/core/domain/ids.js';

describe('uuidv7', () => {
  it('is a version-7 RFC 4122 UUID carrying the given millisecond time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 24, 12, 0, 0, 123));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 24, 12, 0, 0, 123));
  });

  it('sorts by creation time, so new rows land at the end of their indexes', () => {
    const ids = [1_000, 2_000, 3_000, 1_700_000_000_000].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids of the same millisecond', () => {
    expect(uuidv7(5)).not.toBe(uuidv7(5));
  });
});
