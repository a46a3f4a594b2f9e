import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HLC_MAX_COUNTER, HLC_MAX_DRIFT_MS, HybridClock } from '../../../shared/hlc.js';

function manualClock(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

describe('HybridClock', () => {
  it('encodes so that string order equals (wall, counter, node) order', () => {
    const a = encodeHlc({ wallMs: 999, counter: 0xffff, nodeId: 'z' });
    const b = encodeHlc({ wallMs: 1000, counter: 0, nodeId: 'a' });
    expect(a < b).toBe(true);
    expect(decodeHlc(b)).toEqual({ wallMs: 1000, counter: 0, nodeId: 'a' });
  });

  it('refuses malformed timestamps and node ids', () => {
    expect(() => decodeHlc('yesterday')).toThrow();
    expect(() => new HybridClock('bad-node')).toThrow();
  });

  it('stays strictly increasing when the wall clock stands still', () => {
    const c = manualClock(1_000);
    const clock = new HybridClock('n1', c.now);
    const a = clock.tick();
    const b = clock.tick();
    expect(b > a).toBe(true);
    expect(decodeHlc(b)).toMatchObject({ wallMs: 1_000, counter: 1 });
  });

  it('stays strictly increasing when the wall clock goes backwards', () => {
    const c = manualClock(10_000);
    const clock = new HybridClock('n1', c.now);
    const a = clock.tick();
    c.set(5_000);
    const b = clock.tick();
    expect(b > a).toBe(true);
    expect(decodeHlc(b).wallMs).toBe(10_000);
  });

  it('resumes after the last persisted timestamp even if the PC clock was set back', () => {
    const last = encodeHlc({ wallMs: 50_000, counter: 7, nodeId: 'n1' });
    const clock = new HybridClock('n1', () => 1_000, last);
    expect(clock.tick() > last).toBe(true);
  });

  it('resets the counter once the wall clock moves on', () => {
    const c = manualClock(1_000);
    const clock = new HybridClock('n1', c.now);
    clock.tick();
    clock.tick();
    c.set(2_000);
    expect(decodeHlc(clock.tick())).toMatchObject({ wallMs: 2_000, counter: 0 });
  });

  it('borrows a millisecond instead of wrapping the counter', () => {
    const last = encodeHlc({ wallMs: 1_000, counter: HLC_MAX_COUNTER, nodeId: 'n1' });
    const clock = new HybridClock('n1', () => 1_000, last);
    const next = clock.tick();
    expect(decodeHlc(next)).toMatchObject({ wallMs: 1_001, counter: 0 });
    expect(next > last).toBe(true);
  });

  it('moves past a remote timestamp that is ahead of local time', () => {
    const clock = new HybridClock('local', () => 1_000);
    const remote = encodeHlc({ wallMs: 3_000, counter: 4, nodeId: 'remote' });
    const merged = clock.receive(remote);
    expect(decodeHlc(merged)).toMatchObject({ wallMs: 3_000, counter: 5, nodeId: 'local' });
    expect(clock.tick() > remote).toBe(true);
  });

  it('takes the larger counter plus one when local and remote share the wall time', () => {
    const c = manualClock(5_000);
    const clock = new HybridClock('local', c.now);
    clock.tick();
    clock.tick(); // counter 1
    const merged = clock.receive(encodeHlc({ wallMs: 5_000, counter: 9, nodeId: 'remote' }));
    expect(decodeHlc(merged)).toMatchObject({ wallMs: 5_000, counter: 10 });
  });

  it('uses local physical time when the remote timestamp is behind', () => {
    const clock = new HybridClock('local', () => 9_000);
    const merged = clock.receive(encodeHlc({ wallMs: 1_000, counter: 3, nodeId: 'remote' }));
    expect(decodeHlc(merged)).toMatchObject({ wallMs: 9_000, counter: 0 });
  });

  it('refuses a remote clock more than the allowed drift ahead, and keeps its own time', () => {
    const clock = new HybridClock('local', () => 1_000);
    const before = clock.current();
    const remote = encodeHlc({ wallMs: 1_000 + HLC_MAX_DRIFT_MS + 1, counter: 0, nodeId: 'remote' });
    expect(() => clock.receive(remote)).toThrow(/ahead/);
    expect(clock.current()).toBe(before);
  });

  it('accepts a remote clock exactly at the drift limit', () => {
    const clock = new HybridClock('local', () => 1_000);
    const remote = encodeHlc({ wallMs: 1_000 + HLC_MAX_DRIFT_MS, counter: 0, nodeId: 'remote' });
    expect(() => clock.receive(remote)).not.toThrow();
  });
});
