import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_CONFIG } from '../../../shared/desk/schema.js';
import { failure, footprint, ok, readRaw, recordEvents } from '../core/helpers.js';
import { deskCore } from './helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

describe('console configuration', () => {
  it("starts with domain.md's numbers", async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    expect(await ok(core, 'config:get', {})).toEqual(DEFAULT_CONSOLE_CONFIG);
  });

  it('lets an admin change it: the merged whole is saved as the synced setting, one outbox entry', async () => {
    const { core, dir } = await deskCore();
    const events = recordEvents(core);
    const next = await ok(core, 'config:set', { afterCallWorkSeconds: 60, fourHourRuleMinutes: 180 });
    expect(next).toEqual({ ...DEFAULT_CONSOLE_CONFIG, afterCallWorkSeconds: 60, fourHourRuleMinutes: 180 });
    expect(events.some((e) => e.event === 'console:changed' && JSON.stringify(e.payload) === JSON.stringify({ kinds: ['config'], origin: 'local' }))).toBe(true);
    expect((await ok(core, 'config:get', {})).afterCallWorkSeconds).toBe(60);
    await ok(core, 'config:set', { dispositions: [{ code: 'done', label: '完成' }] });
    const rows = await readRaw(core, dir, (r) => ({
      setting: r.get<{ value: string; updated_by: string }>("SELECT value, updated_by FROM settings WHERE id = 'console'"),
      outbox: withQueuedArgs<{ id: number }>(r, "SELECT id FROM outbox WHERE entity = 'setting' ORDER BY id"),
    }));
    expect(JSON.parse(rows.setting?.value ?? '{}')).toMatchObject({ afterCallWorkSeconds: 60, fourHourRuleMinutes: 180, dispositions: [{ code: 'done' }] });
    expect(rows.setting?.updated_by).toBe('zhang.admin');
    expect(rows.outbox).toHaveLength(2);
    expect(JSON.parse(rows.outbox[1]?.args ?? '{}')).toMatchObject({ changes: [{ entity: 'setting', id: 'console', values: { updatedBy: 'zhang.admin' } }] });
  });

  it('refuses non-admins and invalid values, changing nothing', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    expect((await failure(core, 'config:set', { afterCallWorkSeconds: 60 })).code).toBe('FORBIDDEN');
    await ok(core, 'agent:signIn', { username: 'zhang.admin', password: 'admin-pass-1' });
    const before = await footprint(core);
    expect((await failure(core, 'config:set', { afterCallWorkSeconds: 5 })).fields?.[0]).toMatchObject({ path: 'afterCallWorkSeconds', code: 'too_small' });
    expect((await failure(core, 'config:set', { notReadyReasons: [] })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'config:set', { nonsense: true })).code).toBe('VALIDATION_FAILED');
    expect(await footprint(core)).toEqual(before);
  });

  it('the after-call limit and reasons follow the configuration', async () => {
    const { core, time } = await deskCore();
    await ok(core, 'config:set', { afterCallWorkSeconds: 30, notReadyReasons: [{ code: 'lunch', label: '午饭' }] });
    expect((await failure(core, 'agent:setState', { state: 'not_ready', reason: 'meal' })).code).toBe('REASON_UNKNOWN');
    expect((await ok(core, 'agent:setState', { state: 'not_ready', reason: 'lunch' })).reason).toBe('lunch');
    await ok(core, 'agent:setState', { state: 'ready' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(core, 'calls:hangup', { id: call.id });
    time.advance(30_000);
    expect((await ok(core, 'agent:session', {})).state).toBe('ready');
  });
});
