import { describe, expect, it } from 'vitest';
import { allowedCompensations, approvalProblem, art41Warnings, computedOvertime, rejectionProblem, type ClaimFacts } from '../../../shared/attendance/overtime.js';
import { DEFAULT_ATTENDANCE_RULES } from '../../../shared/attendance/schema.js';

const claim = (over: Partial<ClaimFacts>): ClaimFacts => ({ id: 'c1', agentId: 'a1', date: '2026-03-02', kind: 'workday', minutes: 120, status: 'pending', approvedMinutes: null, ...over });

describe('overtime claims', () => {
  it('one claim per agent-day and kind with minutes', () => {
    expect(
      computedOvertime('a1', [
        { date: '2026-03-01', overtime: { workday: 0, restday: 60, holiday: 0 } },
        { date: '2026-03-02', overtime: { workday: 30, restday: 0, holiday: 0 } },
        { date: '2026-03-03', overtime: { workday: 0, restday: 0, holiday: 0 } },
      ]),
    ).toEqual([
      { agentId: 'a1', date: '2026-03-01', kind: 'restday', minutes: 60 },
      { agentId: 'a1', date: '2026-03-02', kind: 'workday', minutes: 30 },
    ]);
  });
  it('time off in lieu only for rest-day overtime', () => {
    expect(allowedCompensations('restday')).toEqual(['pay', 'time_off']);
    expect(allowedCompensations('workday')).toEqual(['pay']);
    expect(allowedCompensations('holiday')).toEqual(['pay']);
    expect(approvalProblem(claim({ kind: 'holiday' }), 60, 'time_off')?.code).toBe('COMPENSATION_NOT_ALLOWED');
    expect(approvalProblem(claim({ kind: 'restday' }), 60, 'time_off')).toBeNull();
  });
  it('approval may lower the minutes, never raise them', () => {
    expect(approvalProblem(claim({}), 120, 'pay')).toBeNull();
    expect(approvalProblem(claim({}), 90, 'pay')).toBeNull();
    expect(approvalProblem(claim({}), 121, 'pay')?.code).toBe('MINUTES_ABOVE_CLAIM');
    expect(approvalProblem(claim({}), 0, 'pay')?.code).toBe('MINUTES_INVALID');
    expect(approvalProblem(claim({}), 1.5, 'pay')?.code).toBe('MINUTES_INVALID');
  });
  it('only a pending claim is decided', () => {
    expect(approvalProblem(claim({ status: 'approved', approvedMinutes: 60 }), 60, 'pay')?.code).toBe('CLAIM_DECIDED');
    expect(rejectionProblem(claim({ status: 'rejected' }), 'no')?.code).toBe('CLAIM_DECIDED');
    expect(rejectionProblem(claim({}), '  ')?.code).toBe('REASON_REQUIRED');
    expect(rejectionProblem(claim({}), 'not asked for')).toBeNull();
  });
});

describe('Labour Law art. 41 warnings (approved workday extension)', () => {
  const rules = DEFAULT_ATTENDANCE_RULES;
  it('3 h on a day is fine, 3 h 30 warns', () => {
    expect(art41Warnings([claim({ status: 'approved', approvedMinutes: 180, minutes: 180 })], rules)).toEqual([]);
    expect(art41Warnings([claim({ status: 'approved', approvedMinutes: 210, minutes: 210 })], rules)).toEqual([
      { code: 'DAILY_EXTENSION', agentId: 'a1', period: '2026-03-02', minutes: 210, limitMinutes: 180 },
    ]);
  });
  it('counts a proposed approval before it is made, and ignores pending, rejected, rest-day and holiday claims', () => {
    const claims = [claim({ minutes: 240 }), claim({ id: 'c2', kind: 'restday', status: 'approved', approvedMinutes: 600 }), claim({ id: 'c3', status: 'rejected', minutes: 300 })];
    expect(art41Warnings(claims, rules)).toEqual([]);
    expect(art41Warnings(claims, rules, { id: 'c1', minutes: 240 }).map((w) => w.code)).toEqual(['DAILY_EXTENSION']);
    expect(art41Warnings(claims, rules, { id: 'c1', minutes: 180 })).toEqual([]);
  });
  it('36 h in a month is fine, more warns (per agent)', () => {
    const days = Array.from({ length: 12 }, (_, i) => claim({ id: `d${i}`, date: `2026-03-${String(i + 1).padStart(2, '0')}`, status: 'approved', minutes: 180, approvedMinutes: 180 }));
    expect(art41Warnings(days, rules)).toEqual([]);
    const more = [...days, claim({ id: 'x', date: '2026-03-20', status: 'approved', minutes: 30, approvedMinutes: 30 }), claim({ id: 'y', agentId: 'a2', status: 'approved', minutes: 30, approvedMinutes: 30 })];
    expect(art41Warnings(more, rules)).toEqual([{ code: 'MONTHLY_EXTENSION', agentId: 'a1', period: '2026-03', minutes: 2190, limitMinutes: 2160 }]);
  });
});
