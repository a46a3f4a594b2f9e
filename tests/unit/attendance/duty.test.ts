import { describe, expect, it } from 'vitest';
import { dutyConflicts, DutyInputSchema, dutyTonight, spanMinutes } from '../../../shared/attendance/duty.js';
import { DEFAULT_SHIFTS } from '../../../shared/attendance/schema.js';

const night = { date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', backupId: 'wang' };
const codes = (c: ReturnType<typeof dutyConflicts>) => c.map((x) => `${x.code}:${x.agentId}:${x.date}`);

describe('duty conflicts (值班表, issue 16 point 7)', () => {
  it('flags nothing when the person is resting and the backup is someone else', () => {
    expect(dutyConflicts(night, [{ agentId: 'li', date: '2026-12-07', entry: 'rest' }], DEFAULT_SHIFTS)).toEqual([]);
  });

  it('flags the person on leave that date, naming the leave', () => {
    const c = dutyConflicts(night, [{ agentId: 'li', date: '2026-12-07', entry: 'leave:sick' }], DEFAULT_SHIFTS);
    expect(codes(c)).toEqual(['on_leave:li:2026-12-07']);
    expect(c[0]?.message).toContain('sick');
  });

  it('does not flag leave of the day before or after', () => {
    expect(dutyConflicts(night, [{ agentId: 'li', date: '2026-12-06', entry: 'leave:annual' }, { agentId: 'li', date: '2026-12-08', entry: 'leave:annual' }], DEFAULT_SHIFTS)).toEqual([]);
  });

  it('flags a rostered shift overlapping the span, and not one that only touches it', () => {
    // E 17:00-22:00 ends as the duty starts: touching, no overlap
    expect(dutyConflicts(night, [{ agentId: 'li', date: '2026-12-07', entry: 'E' }], DEFAULT_SHIFTS)).toEqual([]);
    // D 08:30-17:30 on the next day starts as the duty ends (08:30): touching
    expect(dutyConflicts(night, [{ agentId: 'li', date: '2026-12-08', entry: 'D' }], DEFAULT_SHIFTS)).toEqual([]);
    // N 22:00-08:30 the same night: overlaps
    expect(codes(dutyConflicts(night, [{ agentId: 'li', date: '2026-12-07', entry: 'N' }], DEFAULT_SHIFTS))).toEqual(['shift_overlap:li:2026-12-07']);
    // a duty 21:00-23:00 overlaps E (17:00-22:00) by an hour
    expect(codes(dutyConflicts({ ...night, start: '21:00', end: '23:00' }, [{ agentId: 'li', date: '2026-12-07', entry: 'E' }], DEFAULT_SHIFTS))).toEqual(['shift_overlap:li:2026-12-07']);
  });

  it("flags the previous night's shift running into an early-morning duty", () => {
    const early = { date: '2026-12-08', start: '06:00', end: '09:00', agentId: 'li', backupId: null };
    expect(codes(dutyConflicts(early, [{ agentId: 'li', date: '2026-12-07', entry: 'N' }], DEFAULT_SHIFTS))).toEqual(['shift_overlap:li:2026-12-07']);
    // a day shift two days before cannot reach it
    expect(dutyConflicts(early, [{ agentId: 'li', date: '2026-12-06', entry: 'N' }], DEFAULT_SHIFTS)).toEqual([]);
  });

  it('ignores other agents, unknown codes and names differing only in case', () => {
    expect(dutyConflicts(night, [{ agentId: 'zhao', date: '2026-12-07', entry: 'N' }, { agentId: 'LI', date: '2026-12-07', entry: 'X9' }], DEFAULT_SHIFTS)).toEqual([]);
    expect(codes(dutyConflicts(night, [{ agentId: 'LI', date: '2026-12-07', entry: 'n' }], DEFAULT_SHIFTS))).toEqual(['shift_overlap:li:2026-12-07']);
  });

  it('flags a backup who is the person on duty, or on leave', () => {
    expect(codes(dutyConflicts({ ...night, backupId: 'Li' }, [], DEFAULT_SHIFTS))).toEqual(['backup_is_agent:li:2026-12-07']);
    expect(codes(dutyConflicts(night, [{ agentId: 'wang', date: '2026-12-07', entry: 'leave:personal' }], DEFAULT_SHIFTS))).toEqual(['backup_on_leave:wang:2026-12-07']);
  });

  it('reports several flags together', () => {
    const c = dutyConflicts({ ...night, backupId: 'li' }, [{ agentId: 'li', date: '2026-12-07', entry: 'leave:sick' }], DEFAULT_SHIFTS);
    expect(c.map((x) => x.code).sort()).toEqual(['backup_is_agent', 'on_leave']);
  });

  it('reads a span ending at or before its start as ending the next day', () => {
    expect(spanMinutes('22:00', '08:30')).toEqual([1320, 1950]);
    expect(spanMinutes('18:00', '18:00')).toEqual([1080, 2520]);
    expect(spanMinutes('08:00', '12:00')).toEqual([480, 720]);
  });
});

describe('duty input', () => {
  it('takes the CLI shape and names each bad field', () => {
    expect(DutyInputSchema.safeParse({ date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '138 0000 0000', backupId: 'wang' }).success).toBe(true);
    const bad = DutyInputSchema.safeParse({ date: '2026-02-30', start: '24:00', end: '8:30', agentId: '', phone: 'call me', extra: 1 });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.') || i.code) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['date', 'start', 'end', 'agentId', 'phone']));
  });
});

describe('who is on duty tonight', () => {
  const entries = [
    { id: 'a', date: '2026-12-06', start: '22:00', end: '08:30' },
    { id: 'b', date: '2026-12-07', start: '18:00', end: '22:00' },
    { id: 'c', date: '2026-12-07', start: '22:00', end: '08:30' },
  ];
  it("is yesterday's night duty until it ends in the morning", () => {
    expect(dutyTonight(entries, '2026-12-07', 7 * 60)?.id).toBe('a');
  });
  it("is tonight's first duty during the day, the running one in the evening", () => {
    expect(dutyTonight(entries, '2026-12-07', 12 * 60)?.id).toBe('b');
    expect(dutyTonight(entries, '2026-12-07', 19 * 60)?.id).toBe('b');
    expect(dutyTonight(entries, '2026-12-07', 23 * 60)?.id).toBe('c');
  });
  it('is nobody when nothing is rostered', () => {
    expect(dutyTonight([], '2026-12-07', 0)).toBeNull();
  });
});
