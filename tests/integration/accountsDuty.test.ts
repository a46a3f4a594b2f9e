import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openCore } from '../../electron/core/index.js';
import { DutyEntrySchema } from '../../shared/attendance/duty.js';
import { failure, ok, openTestCore, tempDir } from '../unit/core/helpers.js';
import { cli, errorOf } from './cliRun.js';

/*
 * Issue 16 points 1, 7 and 9 through the core (the app's channels) and the
 * CLI: a reset password signs nobody in until it is changed, role and team
 * changes, the audit; the duty roster's exact CLI shapes and error exits.
 */

async function pcWithAgent() {
  const t = await openTestCore({ requireSignIn: true });
  const { core } = t;
  await ok(core, 'agent:setup', { username: 'boss', displayName: '班长', password: 'boss-pass-1', role: 'admin' });
  await ok(core, 'accounts:create', { username: 'li', displayName: '李', password: 'li-pass-12', role: 'agent', team: '一线' });
  return t;
}

describe('accounts (issue 16 point 1) in the core', { timeout: 60_000 }, () => {
  it('resets a password: the user must change it at the next sign-in and can do nothing before', async () => {
    const { core } = await pcWithAgent();
    const reset = await ok(core, 'accounts:resetPassword', { username: 'li' });
    expect(reset.account.mustChangePassword).toBe(true);
    expect(reset.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    await ok(core, 'agent:signOut', {});

    expect((await failure(core, 'agent:signIn', { username: 'li', password: 'li-pass-12' })).code).toBe('BAD_CREDENTIALS');
    expect((await failure(core, 'agent:signIn', { username: 'li', password: reset.temporaryPassword })).code).toBe('PASSWORD_CHANGE_REQUIRED');
    // nobody is signed in: nothing else is served
    expect((await ok(core, 'agent:session', {})).agent).toBeNull();
    expect((await failure(core, 'tickets:list', {})).code).toBe('NOT_SIGNED_IN');
    // the new password is checked like any
    expect((await failure(core, 'agent:changePassword', { username: 'li', oldPassword: reset.temporaryPassword, newPassword: reset.temporaryPassword })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'agent:changePassword', { username: 'li', oldPassword: 'wrong-one-1', newPassword: 'li-new-pass-3' })).code).toBe('BAD_CREDENTIALS');
    expect((await failure(core, 'agent:changePassword', { username: 'li', oldPassword: reset.temporaryPassword, newPassword: 'short' })).code).toBe('VALIDATION_FAILED');

    const session = await ok(core, 'agent:changePassword', { username: 'li', oldPassword: reset.temporaryPassword, newPassword: 'li-new-pass-3' });
    expect(session.agent?.username).toBe('li');
    await ok(core, 'agent:signOut', {});
    expect((await failure(core, 'agent:signIn', { username: 'li', password: reset.temporaryPassword })).code).toBe('BAD_CREDENTIALS');
    await ok(core, 'agent:signIn', { username: 'li', password: 'li-new-pass-3' });
    // an agent may not reset, change roles, or read the audit
    expect((await failure(core, 'accounts:resetPassword', { username: 'boss' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'accounts:update', { username: 'li', role: 'admin' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'accounts:audit', {})).code).toBe('FORBIDDEN');
    // every user changes their own password with the old one
    await ok(core, 'agent:changePassword', { username: 'li', oldPassword: 'li-new-pass-3', newPassword: 'li-newer-pass-4' });

    await ok(core, 'agent:signIn', { username: 'boss', password: 'boss-pass-1' });
    const audit = await ok(core, 'accounts:audit', {});
    expect(audit.map((a) => `${a.action}:${a.actorId}:${a.username}`)).toEqual([
      'account.password_change:li:li',
      'account.password_change:li:li',
      'account.password_reset:boss:li',
    ]);
    expect(audit[1]?.detail).toEqual({ forced: true });
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
  });

  it('refuses an admin resetting their own password, and takes a temporary password the admin gives', async () => {
    const { core } = await pcWithAgent();
    expect((await failure(core, 'accounts:resetPassword', { username: 'boss' })).code).toBe('FORBIDDEN');
    const given = await ok(core, 'accounts:resetPassword', { username: 'li', temporaryPassword: 'given-temp-9' });
    expect(given.temporaryPassword).toBe('given-temp-9');
  });

  it('changes role and team; never the last admin', async () => {
    const { core } = await pcWithAgent();
    const moved = await ok(core, 'accounts:update', { username: 'li', role: 'senior', team: '二线' });
    expect(moved).toMatchObject({ role: 'senior', team: '二线' });
    expect(await ok(core, 'accounts:update', { username: 'li', team: null })).toMatchObject({ team: null });
    const last = await failure(core, 'accounts:update', { username: 'boss', role: 'supervisor' });
    expect(last.code).toBe('LAST_ADMIN');
    expect(last.fields?.[0]?.path).toBe('role');
    expect((await failure(core, 'accounts:update', { username: 'nobody', role: 'agent' })).code).toBe('NOT_FOUND');
    await ok(core, 'accounts:update', { username: 'li', role: 'admin' });
    expect(await ok(core, 'accounts:update', { username: 'boss', role: 'supervisor' })).toMatchObject({ role: 'supervisor' });
    const audit = await ok(core, 'accounts:audit', {});
    expect(audit[0]?.detail).toEqual({ role: { from: 'admin', to: 'supervisor' }, team: { from: null, to: null } });
  });
});

describe('duty roster (issue 16 point 7) in the core', { timeout: 60_000 }, () => {
  it('keeps entries with flags, answers tonight, and lets only supervisors and admins write', async () => {
    const { core, time } = await pcWithAgent();
    time.set(Date.parse('2026-12-07T12:00:00+08:00'));
    const e = await ok(core, 'duty:set', { date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '138 0013 8000', backupId: 'li' });
    expect(e.conflicts.map((c) => c.code)).toEqual(['backup_is_agent']);
    const fixed = await ok(core, 'duty:set', { id: e.id, date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '138 0013 8000', backupId: 'boss' });
    expect(fixed.conflicts).toEqual([]);
    expect(fixed.createdAt).toBe(e.createdAt);
    expect((await ok(core, 'duty:tonight', {}))?.id).toBe(e.id);
    expect(await ok(core, 'duty:list', { from: '2026-12-01', to: '2026-12-31' })).toHaveLength(1);
    const file = await ok(core, 'duty:export', { from: '2026-12-01', to: '2026-12-31', format: 'csv', locale: 'zh-CN' });
    const csv = Buffer.from(file.base64, 'base64');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('值班人');
    expect(file.rows).toBe(1);
    const log = await ok(core, 'reports:exportLog', { limit: 5 });
    expect(log[0]).toMatchObject({ kind: 'duty', format: 'csv', rows: 1, actorId: 'boss' });

    // against the shift roster (the roster's own channels): leave that day, a night shift that night
    await ok(core, 'roster:set', { entries: [{ agentId: 'li', date: '2026-12-09', entry: 'leave:sick' }, { agentId: 'li', date: '2026-12-10', entry: 'N' }] });
    const onLeave = await ok(core, 'duty:set', { date: '2026-12-09', start: '18:00', end: '22:00', agentId: 'li', phone: '138 0013 8000', backupId: null });
    expect(onLeave.conflicts.map((c) => c.code)).toEqual(['on_leave']);
    const overlap = await ok(core, 'duty:set', { date: '2026-12-10', start: '23:00', end: '06:00', agentId: 'li', phone: '138 0013 8000', backupId: null });
    expect(overlap.conflicts.map((c) => `${c.code}:${c.entry}`)).toEqual(['shift_overlap:N']);
    await ok(core, 'duty:remove', { id: onLeave.id });
    await ok(core, 'duty:remove', { id: overlap.id });

    await ok(core, 'agent:signIn', { username: 'li', password: 'li-pass-12' });
    expect((await failure(core, 'duty:set', { date: '2026-12-08', start: '22:00', end: '08:30', agentId: 'li', phone: '138 0013 8000' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'duty:export', { from: '2026-12-01', to: '2026-12-31', format: 'csv' })).code).toBe('FORBIDDEN');
    // every seat reads who is on duty
    expect((await ok(core, 'duty:tonight', {}))?.agentId).toBe('li');
    await ok(core, 'agent:signIn', { username: 'boss', password: 'boss-pass-1' });
    await ok(core, 'duty:remove', { id: e.id });
    expect(await ok(core, 'duty:list', { from: '2026-12-01', to: '2026-12-31' })).toEqual([]);
  });
});

const EntryList = z.array(DutyEntrySchema.strict());

describe('duty CLI (issue 16 point 9)', { timeout: 90_000 }, () => {
  it('sets and lists in the exact shapes; bad input is a coded error, exit 2, nothing changed', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, actorId: 'seed', idleCheckpointMs: 0 });
    await core.close();
    const set = await cli(['--data', dir, 'duty', 'set', '--json', JSON.stringify({ date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '13800138000', backupId: 'li' })]);
    expect(set.code, set.stderr).toBe(0);
    const entry = DutyEntrySchema.strict().parse(JSON.parse(set.stdout));
    expect(entry).toMatchObject({ date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '13800138000', backupId: 'li' });
    expect(entry.conflicts.map((c) => c.code)).toEqual(['backup_is_agent']);
    const second = await cli(['--data', dir, 'duty', 'set', '--json', JSON.stringify({ date: '2026-12-06', start: '18:00', end: '22:00', agentId: 'wang', phone: '13900139000', backupId: null })]);
    expect(second.code, second.stderr).toBe(0);

    const list = await cli(['--data', dir, 'duty', 'list', '--from', '2026-12-01', '--to', '2026-12-31']);
    expect(list.code, list.stderr).toBe(0);
    expect(EntryList.parse(JSON.parse(list.stdout)).map((e) => `${e.date} ${e.agentId}`)).toEqual(['2026-12-06 wang', '2026-12-07 li']);

    const before = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).size]);
    for (const [args, field] of [
      [['duty', 'set', '--json', JSON.stringify({ date: '2026-13-01', start: '22:00', end: '08:30', agentId: 'li', phone: '13800138000' })], 'date'],
      [['duty', 'set', '--json', JSON.stringify({ date: '2026-12-07', start: '25:00', end: '08:30', agentId: 'li', phone: '13800138000' })], 'start'],
      [['duty', 'set', '--json', JSON.stringify({ date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li' })], 'phone'],
      [['duty', 'set', '--json', '{not json'], ''],
      [['duty', 'list', '--from', '2026-12-31', '--to', '2026-12-01'], 'to'],
      [['duty', 'list', '--to', '2026-12-01'], 'from'],
    ] as const) {
      const run = await cli(['--data', dir, ...args]);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stdout).toBe('');
      const err = errorOf(run);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.fields?.map((f) => f.path)).toContain(field);
    }
    expect(errorOf(await cli(['--data', dir, 'duty', 'dance'])).code).toBe('VALIDATION_FAILED');
    const missing = await cli(['--data', dir, 'duty', 'set', '--json', JSON.stringify({ id: 'no-such', date: '2026-12-07', start: '22:00', end: '08:30', agentId: 'li', phone: '13800138000' })]);
    expect(missing.code).toBe(2);
    expect(errorOf(missing).code).toBe('NOT_FOUND');
    // nothing changed: the same entries
    const again = await cli(['--data', dir, 'duty', 'list', '--from', '2026-12-01', '--to', '2026-12-31']);
    expect(again.stdout).toBe(list.stdout);
    expect(before.length).toBeGreaterThan(0);
  });
});
