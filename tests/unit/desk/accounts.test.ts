import { describe, expect, it } from 'vitest';
import { verifyPassword, hashPassword } from '../../../electron/core/desk/accounts.js';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

describe('standalone accounts', () => {
  it('stores only a salted scrypt hash and checks it', async () => {
    const a = await hashPassword('secret-pass');
    const b = await hashPassword('secret-pass');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret-pass', a)).toBe(true);
    expect(await verifyPassword('secret-pasS', a)).toBe(false);
    expect(await verifyPassword('secret-pass', null)).toBe(false);
    expect(await verifyPassword('secret-pass', 'garbage')).toBe(false);
  });

  it('sets up the first account as admin, signed in at once, and only once', async () => {
    const { core, dir } = await openTestCore();
    expect(await ok(core, 'agent:session', {})).toMatchObject({ agent: null, state: 'offline', needsSetup: true });
    const notAdmin = await failure(core, 'agent:setup', { ...ADMIN, role: 'agent' });
    expect(notAdmin).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'role', code: 'admin_required' }] });
    const session = await ok(core, 'agent:setup', ADMIN);
    expect(session).toMatchObject({ agent: { username: ADMIN.username, role: 'admin', source: 'local', team: 'hotline' }, state: 'not_ready', reason: null, needsSetup: false });
    expect((await failure(core, 'agent:setup', { ...ADMIN, username: 'other' })).code).toBe('SETUP_DONE');
    const rows = await readRaw(core, dir, (r) => r.all<{ password_hash: string }>('SELECT password_hash FROM local_accounts'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.password_hash).not.toContain(ADMIN.password);
  });

  it('lets only admins list, create and disable accounts', async () => {
    const { core } = await deskCore();
    const list = await ok(core, 'accounts:list', {});
    expect(list.map((a) => a.username)).toEqual([AGENT.username, ADMIN.username].sort());
    expect(JSON.stringify(list)).not.toContain('scrypt');
    expect((await failure(core, 'accounts:create', { ...AGENT, username: 'LI.AGENT' })).code).toBe('ACCOUNT_EXISTS');
    await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    for (const [channel, payload] of [
      ['accounts:list', {}],
      ['accounts:create', { ...AGENT, username: 'wang' }],
      ['accounts:setDisabled', { username: ADMIN.username, disabled: true }],
    ] as const) {
      expect((await failure(core, channel, payload)).code).toBe('FORBIDDEN');
    }
  });

  it('answers a wrong user and a wrong password alike, and a disabled account with ACCOUNT_DISABLED', async () => {
    const { core } = await deskCore();
    const wrongUser = await failure(core, 'agent:signIn', { username: 'nobody', password: 'whatever-1' });
    const wrongPass = await failure(core, 'agent:signIn', { username: AGENT.username, password: 'whatever-1' });
    expect(wrongUser).toEqual(wrongPass);
    expect(wrongUser.code).toBe('BAD_CREDENTIALS');
    await ok(core, 'accounts:setDisabled', { username: AGENT.username, disabled: true });
    expect((await failure(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password })).code).toBe('ACCOUNT_DISABLED');
    await ok(core, 'accounts:setDisabled', { username: AGENT.username, disabled: false });
    expect((await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password })).agent?.username).toBe(AGENT.username);
  });

  it('keeps the last admin and the signed-in admin enabled', async () => {
    const { core } = await deskCore();
    expect((await failure(core, 'accounts:setDisabled', { username: ADMIN.username, disabled: true })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'accounts:setDisabled', { username: 'ghost', disabled: true })).code).toBe('NOT_FOUND');
  });

  it('locks a username for 30 s after 5 failures, even with the right password', async () => {
    const { core, time } = await deskCore();
    for (let i = 0; i < 5; i++) expect((await failure(core, 'agent:signIn', { username: AGENT.username, password: `wrong-${i}-pass` })).message).toBe('Wrong username or password');
    const locked = await failure(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', fields: [{ code: 'locked', limit: 30 }] });
    // Other names are not affected.
    expect((await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password })).agent?.username).toBe(ADMIN.username);
    time.advance(30_000);
    expect((await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password })).agent?.username).toBe(AGENT.username);
  });

  it('signs out leaving no session: offline logged, agent:state emitted, nothing after a restart', async () => {
    const { core, reopen } = await deskCore({ signedInAs: 'agent' });
    const events = recordEvents(core);
    const out = await ok(core, 'agent:signOut', {});
    expect(out).toMatchObject({ agent: null, state: 'offline' });
    expect(events.filter((e) => e.event === 'agent:state').at(-1)?.payload).toMatchObject({ agent: null });
    const log = await ok(core, 'agent:stateLog', { agentId: AGENT.username });
    expect(log[0]).toMatchObject({ state: 'offline', agentId: AGENT.username });
    await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    await core.close();
    const again = await reopen();
    expect(await ok(again, 'agent:session', {})).toMatchObject({ agent: null, state: 'offline', needsSetup: false });
  });

  it('refuses a bad sign-in without writing anything', async () => {
    const { core } = await deskCore();
    const before = await footprint(core);
    await failure(core, 'agent:signIn', { username: AGENT.username, password: 'nope-nope' });
    await failure(core, 'accounts:create', { ...AGENT });
    await failure(core, 'accounts:create', { ...AGENT, username: 'x', password: 'short' });
    expect(await footprint(core)).toEqual(before);
  });
});
