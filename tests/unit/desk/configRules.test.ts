import { describe, expect, it } from 'vitest';
import { ConsoleConfigCheckedSchema, DEFAULT_CONSOLE_CONFIG } from '../../../shared/desk/schema.js';
import { failure, footprint, ok } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

describe('rules as configured', () => {
  it('refuses a duplicate reason or disposition code, naming the field, and changes nothing', async () => {
    const { core } = await deskCore();
    const before = await footprint(core);
    const dup = await failure(core, 'config:set', { notReadyReasons: [{ code: 'break', label: '小休' }, { code: 'break', label: '休息' }] });
    expect(dup).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'notReadyReasons.1.code', code: 'duplicate_code' }] });
    const dupD = await failure(core, 'config:set', { dispositions: [{ code: 'done', label: '完成' }, { code: 'x', label: 'x' }, { code: 'done', label: '又完成' }] });
    expect(dupD.fields?.[0]).toMatchObject({ path: 'dispositions.2.code', code: 'duplicate_code' });
    expect(await footprint(core)).toEqual(before);
    const form = ConsoleConfigCheckedSchema.safeParse({ ...DEFAULT_CONSOLE_CONFIG, dispositions: [...DEFAULT_CONSOLE_CONFIG.dispositions, { code: 'resolved', label: '重复' }] });
    expect(form.success ? null : form.error.issues[0]?.path).toEqual(['dispositions', 7, 'code']);
  });

  it('signs an agent in ready, but a supervisor or admin not taking calls until they choose ready', async () => {
    const { core } = await deskCore();
    // deskCore signed the admin in
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'not_ready', reason: null });
    expect(await ok(core, 'agent:setState', { state: 'ready' })).toMatchObject({ state: 'ready' });
    await ok(core, 'accounts:create', { username: 'sup.wang', displayName: '王班长', password: 'super-pass-1', role: 'supervisor', team: 'hotline' });
    await ok(core, 'agent:signIn', { username: 'sup.wang', password: 'super-pass-1' });
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'not_ready', reason: null });
    await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'ready' });
    expect(ADMIN.role).toBe('admin');
  });
});
