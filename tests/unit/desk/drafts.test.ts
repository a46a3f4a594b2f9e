import { describe, expect, it } from 'vitest';
import { failure, ok, openTestCore, recordEvents } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

describe('ticket drafts', () => {
  it('saves durably per agent and key, survives a restart, and discards', async () => {
    const { core, time, reopen } = await deskCore({ signedInAs: 'agent' });
    const events = recordEvents(core);
    const saved = await ok(core, 'drafts:save', { key: 'call:abc', fields: { subject: '打印机', severity: 'urgent' } });
    expect(saved).toEqual({ key: 'call:abc', fields: { subject: '打印机', severity: 'urgent' }, updatedAt: new Date(time.now()).toISOString() });
    expect(events.find((e) => e.event === 'console:changed')?.payload).toEqual({ kinds: ['drafts'], origin: 'local' });
    time.advance(2000);
    await ok(core, 'drafts:save', { key: 'call:abc', fields: { subject: '打印机无法打印' } });
    time.advance(1000);
    await ok(core, 'drafts:save', { key: 'new', fields: { description: '...' } });
    expect((await ok(core, 'drafts:list', {})).map((d) => d.key)).toEqual(['new', 'call:abc']);
    await core.close();
    const again = await reopen();
    // The session is gone after a restart; the drafts are the agent's, so sign in to see them.
    await ok(again, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await ok(again, 'drafts:get', { key: 'call:abc' })).toMatchObject({ fields: { subject: '打印机无法打印' } });
    expect(await ok(again, 'drafts:discard', { key: 'call:abc' })).toEqual({ discarded: true });
    expect(await ok(again, 'drafts:discard', { key: 'call:abc' })).toEqual({ discarded: false });
    expect(await ok(again, 'drafts:get', { key: 'call:abc' })).toBeNull();
  });

  it("keeps each agent's drafts their own", async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    await ok(core, 'drafts:save', { key: 'new', fields: { subject: '李的草稿' } });
    await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await ok(core, 'drafts:get', { key: 'new' })).toBeNull();
    expect(await ok(core, 'drafts:list', {})).toEqual([]);
  });

  it('uses the host actor with nobody signed in, and refuses bad fields', async () => {
    const { core } = await openTestCore();
    await ok(core, 'drafts:save', { key: 'new', fields: { subject: 'cli' } });
    expect((await ok(core, 'drafts:list', {})).length).toBe(1);
    expect((await failure(core, 'drafts:save', { key: 'new', fields: { severity: 'huge' } })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'drafts:save', { key: 'new', fields: { bogus: 1 } })).code).toBe('VALIDATION_FAILED');
  });
});
