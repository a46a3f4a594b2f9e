import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore, MemorySecretStore, SecretNotPersistedError, type SecretName } from '../../electron/core/desk/secrets.js';
import { failure, ok } from '../unit/core/helpers.js';
import { AGENT, deskCore } from '../unit/desk/helpers.js';

/**
 * The embedded softphone in the core (issue 19): this seat's SIP account
 * (admin only; the password never in the database, only for the signed-in
 * agent's renderer), and its SIP events recorded as the same calls as the
 * CTI endpoint's: the same timers, the same agent state moves.
 */

const SETTINGS = { domain: 'pbx.example.cn', wsUrl: 'wss://pbx.example.cn:7443/ws', extension: '8001', password: 'sip-secret-8001' };

describe('softphone settings', () => {
  it('are an admin’s: an agent can neither see nor change them, and a plain ws:// to another machine is refused by field', async () => {
    const t = await deskCore({ signedInAs: 'agent' });
    expect((await failure(t.core, 'cti:softphone', {})).code).toBe('FORBIDDEN');
    expect((await failure(t.core, 'cti:setSoftphone', SETTINGS)).code).toBe('FORBIDDEN');
    expect((await failure(t.core, 'cti:clearSoftphone', {})).code).toBe('FORBIDDEN');
    const admin = await deskCore({ signedInAs: 'admin' });
    const err = await failure(admin.core, 'cti:setSoftphone', { ...SETTINGS, wsUrl: 'ws://pbx.example.cn:8088' });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.[0]).toMatchObject({ path: 'wsUrl', code: 'wss_required' });
    expect(await ok(admin.core, 'cti:softphone', {})).toMatchObject({ configured: false, passwordSet: false });
  });

  it('keep the password out of the database and out of the admin’s view; the signed-in agent’s softphone gets it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-softphone-'));
    const t = await deskCore({ dataDir: dir, secretStore: new FileSecretStore(dir), signedInAs: 'admin' });
    const info = await ok(t.core, 'cti:setSoftphone', SETTINGS);
    expect(info).toEqual({ configured: true, domain: 'pbx.example.cn', wsUrl: SETTINGS.wsUrl, extension: '8001', autoAnswer: false, whenNotReady: 'busy', passwordSet: true, passwordPersisted: true });
    // Changing the extension without a password keeps the stored one.
    await ok(t.core, 'cti:setSoftphone', { ...SETTINGS, extension: '8002', password: undefined, autoAnswer: true, whenNotReady: 'unregister' });
    await ok(t.core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await ok(t.core, 'cti:softphoneAccount', {})).toEqual({ domain: 'pbx.example.cn', wsUrl: SETTINGS.wsUrl, extension: '8002', password: SETTINGS.password, autoAnswer: true, whenNotReady: 'unregister' });
    t.core.checkpoint();
    await t.core.close();
    for (const file of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, file));
      if (file === 'secrets.json') expect(bytes.toString('utf8')).toContain(SETTINGS.password);
      else expect(bytes.includes(Buffer.from(SETTINGS.password)), file).toBe(false);
    }
    const again = await t.reopen();
    await ok(again, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await ok(again, 'cti:softphoneAccount', {})).toMatchObject({ extension: '8002', password: SETTINGS.password });
  });

  it('say so when this PC has no safe place for the password; cleared, the seat has no softphone', async () => {
    class NoKeyring extends MemorySecretStore {
      override save(_name: SecretName, _value: string): Promise<void> {
        return Promise.reject(new SecretNotPersistedError('no keyring'));
      }
    }
    const { core } = await deskCore({ secretStore: new NoKeyring(), signedInAs: 'admin' });
    expect(await ok(core, 'cti:setSoftphone', SETTINGS)).toMatchObject({ configured: true, passwordSet: true, passwordPersisted: false });
    expect(await ok(core, 'cti:clearSoftphone', {})).toMatchObject({ configured: false, passwordSet: false });
    expect(await ok(core, 'cti:softphoneAccount', {})).toBeNull();
  });

  it('give nothing to a desk nobody is signed in to', async () => {
    const t = await deskCore({ signedInAs: 'admin' });
    await ok(t.core, 'cti:setSoftphone', SETTINGS);
    await ok(t.core, 'agent:signOut', {});
    expect((await failure(t.core, 'cti:softphoneAccount', {})).code).toBe('NOT_SIGNED_IN');
    expect((await failure(t.core, 'cti:softphoneEvent', { event: 'ringing', callId: 'sp-1', from: '2001' })).code).toBe('NOT_SIGNED_IN');
  });
});

describe('softphone call events', () => {
  it('record the call as the CTI endpoint does: ringing, answered, held 7 s, resumed, ended; the agent on the call then in after-call work', async () => {
    const t = await deskCore({ signedInAs: 'agent' });
    await ok(t.core, 'agent:setState', { state: 'ready' });
    const ring = await ok(t.core, 'cti:softphoneEvent', { event: 'ringing', callId: 'sp-1', direction: 'inbound', from: '13912345678', to: '8001' });
    expect(ring).toMatchObject({ status: 'ringing', source: 'cti', externalId: 'sp-1', number: '13912345678', lineNumber: '8001' });
    // A repeated ringing (a report retried) is the same call.
    expect((await ok(t.core, 'cti:softphoneEvent', { event: 'ringing', callId: 'sp-1', from: '13912345678' })).id).toBe(ring.id);
    t.time.advance(2000);
    expect(await ok(t.core, 'cti:softphoneEvent', { event: 'answered', callId: 'sp-1' })).toMatchObject({ status: 'talking' });
    expect((await ok(t.core, 'agent:session', {})).state).toBe('on_call');
    t.time.advance(10_000);
    await ok(t.core, 'cti:softphoneEvent', { event: 'held', callId: 'sp-1' });
    t.time.advance(7000);
    expect(await ok(t.core, 'cti:softphoneEvent', { event: 'resumed', callId: 'sp-1' })).toMatchObject({ status: 'talking', holdSeconds: 7 });
    t.time.advance(5000);
    const ended = await ok(t.core, 'cti:softphoneEvent', { event: 'ended', callId: 'sp-1' });
    expect(ended).toMatchObject({ status: 'wrap_up', holdSeconds: 7 });
    expect(Date.parse(ended.endAt ?? '') - Date.parse(ended.answerAt ?? '')).toBe(22_000);
    expect((await ok(t.core, 'agent:session', {})).state).toBe('after_call');
    // An event out of order is refused in words and changes nothing.
    const err = await failure(t.core, 'cti:softphoneEvent', { event: 'held', callId: 'sp-1' });
    expect(err.code).toBe('CALL_STATE_INVALID');
    expect((await failure(t.core, 'cti:softphoneEvent', { event: 'answered', callId: 'sp-unknown' })).code).toBe('CALL_NOT_FOUND');
    expect((await failure(t.core, 'cti:softphoneEvent', { event: 'ringing', callId: '', from: '2001' })).code).toBe('VALIDATION_FAILED');
  });

  it('a call that only rang ends missed and leaves the agent ready', async () => {
    const t = await deskCore({ signedInAs: 'agent' });
    await ok(t.core, 'agent:setState', { state: 'ready' });
    await ok(t.core, 'cti:softphoneEvent', { event: 'ringing', callId: 'sp-2', from: '2001' });
    t.time.advance(4000);
    expect(await ok(t.core, 'cti:softphoneEvent', { event: 'ended', callId: 'sp-2' })).toMatchObject({ status: 'missed' });
    expect((await ok(t.core, 'agent:session', {})).state).toBe('ready');
  });
});
