import { describe, expect, it } from 'vitest';
import { callbackOverdue, callbackReleased, canCloseCallback, canTakeCallback } from '../../../shared/desk/callbackRules.js';

const MIN = 60_000;
const due = Date.parse('2026-11-24T02:00:00.000Z');
const cb = { status: 'scheduled' as const, dueAt: new Date(due).toISOString(), ownerId: 'zhangwei' };
const lisi = { username: 'lisi', role: 'agent' as const };

describe('callback rules', () => {
  it('is overdue only after its time and only while scheduled', () => {
    expect(callbackOverdue(cb, due)).toBe(false);
    expect(callbackOverdue(cb, due + 1)).toBe(true);
    expect(callbackOverdue({ ...cb, status: 'done' }, due + 60 * MIN)).toBe(false);
  });

  it('is released to the team once overdue longer than the release time', () => {
    expect(callbackReleased(cb, due + 30 * MIN, 30)).toBe(false);
    expect(callbackReleased(cb, due + 30 * MIN + 1, 30)).toBe(true);
    expect(callbackReleased({ ...cb, status: 'cancelled' }, due + 90 * MIN, 30)).toBe(false);
  });

  it('lets the owner, supervisors and admins take it at any time, others only once released', () => {
    expect(canTakeCallback(cb, { username: 'zhangwei', role: 'agent' }, due - MIN, 30)).toEqual({ ok: true });
    expect(canTakeCallback(cb, { username: 'boss', role: 'supervisor' }, due - MIN, 30)).toEqual({ ok: true });
    const early = canTakeCallback(cb, lisi, due + 10 * MIN, 30);
    expect(early).toEqual({ ok: false, code: 'CALLBACK_NOT_RELEASED', message: expect.stringContaining('2026-11-24T02:30:00.000Z') });
    expect(canTakeCallback(cb, lisi, due + 31 * MIN, 30)).toEqual({ ok: true });
    expect(canTakeCallback({ ...cb, status: 'done' }, lisi, due + 31 * MIN, 30)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('lets only the owner, supervisors and admins complete or cancel it', () => {
    expect(canCloseCallback(cb, { username: 'zhangwei', role: 'agent' })).toBe(true);
    expect(canCloseCallback(cb, lisi)).toBe(false);
    expect(canCloseCallback(cb, { username: 'root', role: 'admin' })).toBe(true);
  });
});
