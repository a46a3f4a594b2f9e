import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../electron/core/sync/backoff.js';

describe('Backoff: exponential with full jitter', () => {
  it('doubles the ceiling from 1 s to at most 60 s and draws below it', () => {
    const top = new Backoff(() => 0.999_999);
    const ceilings = Array.from({ length: 9 }, () => top.fail(0));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    const half = new Backoff(() => 0.5);
    expect([half.fail(0), half.fail(0), half.fail(0)]).toEqual([500, 1000, 2000]);
  });

  it('never retries sooner than the floor, records when the next attempt is due, and resets', () => {
    const b = new Backoff(() => 0);
    expect(b.fail(10_000)).toBe(250);
    expect(b.nextAt).toBe(10_250);
    expect(b.failures).toBe(1);
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.nextAt).toBeNull();
  });
});
