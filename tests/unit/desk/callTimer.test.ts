import { describe, expect, it } from 'vitest';
import { callTimes, cappedWrapEnd, wrapOverdue, type TimedCall } from '../../../shared/desk/callTimer.js';

const T = Date.parse('2026-11-24T02:00:00.000Z');
const iso = (sec: number) => new Date(T + sec * 1000).toISOString();
const base: TimedCall = { status: 'ringing', ringAt: iso(0), answerAt: null, holdStartedAt: null, holdSeconds: 0, endAt: null, wrapEndAt: null };

describe('call timer', () => {
  it('counts ringing until answered', () => {
    expect(callTimes(base, T + 7_500, 120)).toEqual({ ringSeconds: 7, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, wrapRemainingSeconds: null });
  });

  it('talk time excludes completed and running holds', () => {
    const call: TimedCall = { ...base, status: 'held', answerAt: iso(10), holdSeconds: 30, holdStartedAt: iso(100) };
    // answered at 10 s, now 130 s: 120 s since answer, 30 s held before, 30 s in the running hold
    expect(callTimes(call, T + 130_000, 120)).toMatchObject({ ringSeconds: 10, holdSeconds: 60, talkSeconds: 60 });
  });

  it('counts wrap-up from hang-up and what is left of the limit', () => {
    const call: TimedCall = { ...base, status: 'wrap_up', answerAt: iso(10), endAt: iso(70) };
    expect(callTimes(call, T + 100_000, 120)).toEqual({ ringSeconds: 10, talkSeconds: 60, holdSeconds: 0, wrapSeconds: 30, wrapRemainingSeconds: 90 });
    expect(wrapOverdue(call, T + 189_999, 120)).toBe(false);
    expect(wrapOverdue(call, T + 190_000, 120)).toBe(true);
  });

  it('caps wrap-up at the limit when the disposition comes late', () => {
    const call: TimedCall = { ...base, status: 'wrap_up', answerAt: iso(10), endAt: iso(70) };
    expect(callTimes(call, T + 3_600_000, 120)).toMatchObject({ wrapSeconds: 120, wrapRemainingSeconds: 0 });
    expect(cappedWrapEnd(call, T + 3_600_000, 120)).toBe(T + 190_000);
    expect(cappedWrapEnd(call, T + 80_000, 120)).toBe(T + 80_000);
    const ended: TimedCall = { ...call, status: 'ended', wrapEndAt: iso(190) };
    expect(callTimes(ended, T + 9_000_000, 120)).toMatchObject({ talkSeconds: 60, wrapSeconds: 120, wrapRemainingSeconds: null });
  });

  it('never goes negative when the clock jumps backwards', () => {
    const call: TimedCall = { ...base, status: 'held', answerAt: iso(10), holdStartedAt: iso(50), holdSeconds: 5 };
    const times = callTimes(call, T - 3_600_000, 120);
    for (const v of [times.ringSeconds, times.talkSeconds, times.holdSeconds, times.wrapSeconds]) expect(v).toBeGreaterThanOrEqual(0);
    expect(times.holdSeconds).toBe(5);
    const wrap: TimedCall = { ...base, status: 'wrap_up', answerAt: iso(10), endAt: iso(70) };
    expect(callTimes(wrap, T - 1000, 120)).toMatchObject({ wrapSeconds: 0, wrapRemainingSeconds: 120 });
  });

  it('a missed call has ring time only', () => {
    const missed: TimedCall = { ...base, status: 'missed', endAt: iso(25) };
    expect(callTimes(missed, T + 999_000, 120)).toEqual({ ringSeconds: 25, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, wrapRemainingSeconds: null });
  });
});
