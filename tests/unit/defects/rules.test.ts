import { describe, expect, it } from 'vitest';
import { canEditDefect, canMoveDefect, canSetDefectStatus, checkDefect, ownerOwedNotice } from '../../../shared/defects/rules.js';
import type { Actor } from '../../../shared/roles.js';

const agent: Actor = { username: 'li', role: 'agent', team: 'hotline' };
const other: Actor = { username: 'zhao', role: 'agent', team: 'billing' };
const senior: Actor = { username: 'sun', role: 'senior', team: 'hotline' };
const sup: Actor = { username: 'chen', role: 'supervisor', team: 'hotline' };

describe('defect rules', () => {
  it('moves open -> in progress -> fixed / won\'t fix, and back to open only to reopen', () => {
    expect(canMoveDefect('open', 'in_progress')).toBe(true);
    expect(canMoveDefect('open', 'fixed')).toBe(true);
    expect(canMoveDefect('in_progress', 'wont_fix')).toBe(true);
    expect(canMoveDefect('fixed', 'open')).toBe(true);
    expect(canMoveDefect('fixed', 'wont_fix')).toBe(false);
    expect(canMoveDefect('wont_fix', 'fixed')).toBe(false);
    expect(canMoveDefect('open', 'open')).toBe(false);
  });
  it('lets second line, supervisors and admins change the status; the flagger edits while open', () => {
    expect(canSetDefectStatus('agent')).toBe(false);
    expect(canSetDefectStatus('senior')).toBe(true);
    expect(canSetDefectStatus('supervisor')).toBe(true);
    expect(canEditDefect(agent, 'li', 'open')).toBe(true);
    expect(canEditDefect(agent, 'li', 'in_progress')).toBe(false);
    expect(canEditDefect(other, 'li', 'open')).toBe(false);
    expect(canEditDefect(senior, 'li', 'fixed')).toBe(true);
  });
  it('refuses on the server what the rules forbid', () => {
    const row = { status: 'open', createdBy: 'li', statusBy: 'li', title: 'x' };
    expect(checkDefect(null, { ...row, status: 'fixed' }, [], agent)?.code).toBe('ILLEGAL_TRANSITION');
    expect(checkDefect(null, row, [], agent)).toBeNull();
    expect(checkDefect(row, { ...row, status: 'fixed', statusBy: 'li' }, ['status', 'statusBy'], agent)?.code).toBe('FORBIDDEN');
    expect(checkDefect(row, { ...row, status: 'fixed', statusBy: 'chen' }, ['status', 'statusBy'], sup)).toBeNull();
    const fixed = { ...row, status: 'fixed' };
    expect(checkDefect(fixed, { ...fixed, status: 'wont_fix' }, ['status'], sup)?.code).toBe('ILLEGAL_TRANSITION');
    expect(checkDefect(row, { ...row, statusBy: 'sun' }, ['statusBy'], senior)?.code).toBe('ILLEGAL_TRANSITION');
    expect(checkDefect(row, { ...row, title: 'y' }, ['title'], other)?.code).toBe('FORBIDDEN');
    expect(checkDefect(row, { ...row, title: 'y' }, ['title'], agent)).toBeNull();
  });
  it('owes the owner a notice once per fix, not for a removed link', () => {
    const defect = { status: 'fixed' as const, statusAt: '2026-11-24T03:00:00.000Z' };
    expect(ownerOwedNotice(defect, { ownerNotedAt: null, removedAt: null })).toBe(true);
    expect(ownerOwedNotice(defect, { ownerNotedAt: '2026-11-24T04:00:00.000Z', removedAt: null })).toBe(false);
    // Fixed again after the owner noted the first fix.
    expect(ownerOwedNotice(defect, { ownerNotedAt: '2026-11-24T02:00:00.000Z', removedAt: null })).toBe(true);
    expect(ownerOwedNotice(defect, { ownerNotedAt: null, removedAt: '2026-11-24T03:30:00.000Z' })).toBe(false);
    expect(ownerOwedNotice({ ...defect, status: 'in_progress' }, { ownerNotedAt: null, removedAt: null })).toBe(false);
  });
});
