import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreOptions } from '../../electron/core/api.js';
import { REACHED_OUTCOME } from '../../electron/core/desk/calls.js';
import { FileSecretStore, MemorySecretStore, SecretNotPersistedError, type SecretName } from '../../electron/core/desk/secrets.js';
import { failure, ok, recordEvents, T0, ticketInput, type TestCore } from '../unit/core/helpers.js';
import { AGENT, deskCore } from '../unit/desk/helpers.js';
import { startReferenceConnector, type ReferenceConnector } from '../support/phoneConnector.js';

/**
 * Phone commands (issue 14) against the reference connector over real HTTP:
 * what is sent for each action, what each failure leaves, and that the
 * console without a connector is exactly the manual one.
 */

const connectors: ReferenceConnector[] = [];
afterEach(async () => {
  await Promise.all(connectors.splice(0).map((c) => c.close()));
});

async function connector(): Promise<ReferenceConnector> {
  const c = await startReferenceConnector();
  connectors.push(c);
  return c;
}

/** A raw call-event POST, as the phone system's connector sends them. */
function post(port: number, token: string, event: unknown): Promise<{ status: number; body: { callId?: string } }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/call-events', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { callId?: string } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(event));
  });
}

/** The admin configures the connector, then the agent signs in; the CTI endpoint runs for the phone system's events. */
async function phoneDesk(c: ReferenceConnector | null, opts: Partial<CoreOptions> = {}): Promise<TestCore & { event(ev: unknown): Promise<{ status: number; body: { callId?: string } }> }> {
  const t = await deskCore({ cti: { port: 0 }, phone: { timeoutMs: 400 }, ...opts });
  if (c) await ok(t.core, 'cti:setConnector', { url: c.url, seat: '8001', token: c.token });
  const info = await ok(t.core, 'cti:info', {});
  await ok(t.core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
  return { ...t, event: (ev) => post(info.port, info.token ?? '', ev) };
}

async function ringAndAnswer(t: Awaited<ReturnType<typeof phoneDesk>>, callId = 'pbx-1') {
  const ring = await t.event({ event: 'ringing', callId, from: '13912345678', to: '4008001234' });
  const id = ring.body.callId ?? '';
  return ok(t.core, 'calls:answer', { id });
}

describe('phone commands: the connector configuration', () => {
  it('refuses a URL off the LAN, a host name, another scheme, credentials in the URL, a short token, and a first save without a token, naming the field and changing nothing', async () => {
    const { core } = await deskCore({ signedInAs: 'admin' });
    const token = 'x'.repeat(24);
    const cases: [unknown, string, string][] = [
      [{ url: 'ftp://192.168.1.20/cmd', token }, 'url', 'url_scheme'],
      [{ url: 'http://8.8.8.8/cmd', token }, 'url', 'url_host_public'],
      [{ url: 'http://pbx.example.com/cmd', token }, 'url', 'url_host_name'],
      [{ url: 'http://user:pw@192.168.1.20/cmd', token }, 'url', 'url_credentials'],
      [{ url: 'not a url', token }, 'url', 'url_invalid'],
      [{ url: 'http://172.32.0.1/cmd', token }, 'url', 'url_host_public'],
      [{ url: 'http://192.168.1.20/cmd', token: 'short' }, 'token', 'too_small'],
      [{ url: 'http://192.168.1.20/cmd', token: 'has a space in it!!!' }, 'token', 'invalid_format'],
      [{ url: 'http://192.168.1.20/cmd', seat: '80 01', token }, 'seat', 'invalid_format'],
      [{ url: 'http://192.168.1.20/cmd' }, 'token', 'token_required'],
    ];
    for (const [input, field, code] of cases) {
      const err = await failure(core, 'cti:setConnector', input);
      expect(err.code, JSON.stringify(input)).toBe('VALIDATION_FAILED');
      expect(err.fields?.[0], JSON.stringify(input)).toMatchObject({ path: field, code });
    }
    expect(await ok(core, 'cti:connector', {})).toEqual({ configured: false, url: null, seat: null, tokenSet: false, tokenPersisted: true });
    // On the LAN, on this PC, IPv6 loopback and unique-local: accepted.
    for (const url of ['http://10.1.2.3:8080/c', 'https://192.168.0.9/c', 'http://127.0.0.1:9/c', 'http://localhost:9/c', 'http://[::1]:9/c', 'http://[fd00::5]/c', 'http://172.20.1.1/c']) {
      expect((await ok(core, 'cti:setConnector', { url, token })).configured, url).toBe(true);
    }
  });

  it('is the admin’s: an agent can neither read nor change it', async () => {
    const c = await connector();
    const { core } = await deskCore({ signedInAs: 'agent' });
    expect((await failure(core, 'cti:connector', {})).code).toBe('FORBIDDEN');
    expect((await failure(core, 'cti:setConnector', { url: c.url, token: c.token })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'cti:clearConnector', {})).code).toBe('FORBIDDEN');
  });

  it('never returns the token, keeps it out of the data folder’s database, and keeps it across a restart in the secret store', async () => {
    const c = await connector();
    const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'hw-phone-'));
    const secrets = new FileSecretStore(dir);
    const t = await deskCore({ dataDir: dir, secretStore: secrets, signedInAs: 'admin' });
    const info = await ok(t.core, 'cti:setConnector', { url: c.url, seat: '8001', token: c.token });
    expect(info).toEqual({ configured: true, url: c.url, seat: '8001', tokenSet: true, tokenPersisted: true });
    expect(JSON.stringify(info)).not.toContain(c.token);
    // Keeping the seat and URL while leaving the token out keeps the token.
    expect(await ok(t.core, 'cti:setConnector', { url: c.url, seat: '8002' })).toMatchObject({ tokenSet: true, seat: '8002' });
    t.core.checkpoint();
    await t.core.close();
    for (const file of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, file));
      if (file === 'secrets.json') {
        expect(bytes.toString('utf8')).toContain(c.token);
        if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, file)).mode & 0o077).toBe(0);
      } else expect(bytes.includes(Buffer.from(c.token)), file).toBe(false);
    }
    const again = await t.reopen();
    expect(await ok(again, 'cti:connector', {})).toMatchObject({ configured: true, tokenSet: true, seat: '8002' });
    expect(await ok(again, 'cti:clearConnector', {})).toEqual({ configured: false, url: null, seat: null, tokenSet: false, tokenPersisted: true });
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('says so when this PC has no safe place for the token (kept for this run only)', async () => {
    class NoKeyring extends MemorySecretStore {
      override save(_name: SecretName, _value: string): Promise<void> {
        return Promise.reject(new SecretNotPersistedError('no keyring'));
      }
    }
    const c = await connector();
    const { core } = await deskCore({ secretStore: new NoKeyring(), signedInAs: 'admin' });
    expect(await ok(core, 'cti:setConnector', { url: c.url, token: c.token })).toMatchObject({ configured: true, tokenPersisted: false });
  });
});

describe('phone commands: sent as the agent acts', () => {
  it('without a connector the console is the manual one: nothing is sent anywhere', async () => {
    const c = await connector();
    const t = await phoneDesk(null);
    const call = await ringAndAnswer(t);
    expect(call.status).toBe('talking');
    await ok(t.core, 'calls:hold', { id: call.id });
    await ok(t.core, 'calls:resume', { id: call.id });
    await ok(t.core, 'calls:hangup', { id: call.id });
    await ok(t.core, 'calls:wrapUp', { id: call.id, disposition: 'resolved', ready: true });
    await ok(t.core, 'agent:setState', { state: 'not_ready', reason: 'break' });
    expect(c.requests).toEqual([]);
  });

  it('answers, holds, resumes and hangs up on the phone system first, with the documented command format', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    expect(call.status).toBe('talking');
    await ok(t.core, 'calls:hold', { id: call.id });
    await ok(t.core, 'calls:resume', { id: call.id });
    expect(await ok(t.core, 'calls:hangup', { id: call.id })).toMatchObject({ status: 'wrap_up' });
    expect(c.commands.map((x) => (x.command === 'state' ? `state:${x.state}` : x.command))).toEqual(['answer', 'hold', 'resume', 'hangup', 'state:after_call_work']);
    expect(c.commands[0]).toEqual({
      v: 1,
      command: 'answer',
      commandId: expect.any(String) as string,
      agent: AGENT.username,
      seat: '8001',
      at: new Date(T0).toISOString(),
      callId: 'pbx-1',
      deskCallId: call.id,
      number: '13912345678',
    });
    expect(new Set(c.commands.map((x) => x.commandId)).size).toBe(5);
    for (const r of c.requests) expect(r.authorization).toBe(`Bearer ${c.token}`);
  });

  it('sends not ready with its reason and label, and ready, before the state changes here', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    expect((await ok(t.core, 'agent:setState', { state: 'not_ready', reason: 'meal' })).state).toBe('not_ready');
    expect(await c.waitFor((x) => x.command === 'state')).toMatchObject({ state: 'not_ready', reason: 'meal', reasonLabel: '用餐' });
    expect((await ok(t.core, 'agent:setState', { state: 'ready' })).state).toBe('ready');
    expect(c.commands.at(-1)).toMatchObject({ command: 'state', state: 'ready', reason: null });
    // A state the console refuses is never sent.
    expect((await failure(t.core, 'agent:setState', { state: 'not_ready', reason: 'nap' })).code).toBe('REASON_UNKNOWN');
    expect(c.requests).toHaveLength(2);
  });

  it('saves the disposition, then tells the phone system the agent is ready', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    await ok(t.core, 'calls:hangup', { id: call.id });
    expect(await ok(t.core, 'calls:wrapUp', { id: call.id, disposition: 'resolved', ready: true })).toMatchObject({ status: 'ended', disposition: 'resolved' });
    expect(c.commands.at(-1)).toMatchObject({ command: 'state', state: 'ready' });
    expect((await ok(t.core, 'agent:session', {})).state).toBe('ready');
  });

  it('dials through the phone system, shows the call as outbound, follows the phone system’s events by its id, and completes the callback when the customer answers', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const d = await ok(t.core, 'tickets:create', ticketInput());
    const cb = await ok(t.core, 'callbacks:schedule', { customerId: d.customer.id, ticketId: d.ticket.id, phone: '13800138000', dueAt: new Date(T0 + 3_600_000).toISOString() });
    const call = await ok(t.core, 'calls:start', { direction: 'outbound', number: '138 0013 8000', callbackId: cb.id });
    expect(call).toMatchObject({ direction: 'outbound', status: 'ringing', externalId: 'ref-1' });
    expect(c.commands[0]).toMatchObject({ command: 'dial', number: '138 0013 8000', deskCallId: call.id, callbackId: cb.id });
    expect((await ok(t.core, 'callbacks:list', { scope: 'mine', status: 'all', limit: 10 }))[0]).toMatchObject({ status: 'scheduled' });
    // The phone system reports the customer picked up.
    expect((await t.event({ event: 'answered', callId: 'ref-1' })).status).toBe(202);
    expect(await ok(t.core, 'calls:get', { id: call.id })).toMatchObject({ status: 'talking' });
    expect((await ok(t.core, 'callbacks:list', { scope: 'mine', status: 'all', limit: 10 }))[0]).toMatchObject({ id: cb.id, status: 'done', outcome: REACHED_OUTCOME });
  });

  it('marking a dialled call answered by hand (customer reached) completes its callback and sends no answer command', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const d = await ok(t.core, 'tickets:create', ticketInput());
    const cb = await ok(t.core, 'callbacks:schedule', { customerId: d.customer.id, phone: '13800138000', dueAt: new Date(T0 + 3_600_000).toISOString() });
    const events = recordEvents(t.core);
    const call = await ok(t.core, 'calls:start', { direction: 'outbound', number: '13800138000', callbackId: cb.id });
    await ok(t.core, 'calls:answer', { id: call.id });
    expect(c.commands.map((x) => x.command)).toEqual(['dial']);
    expect((await ok(t.core, 'callbacks:list', { scope: 'mine', status: 'all', limit: 10 }))[0]).toMatchObject({ status: 'done' });
    expect(events.some((e) => e.event === 'console:changed' && (e.payload as { kinds: string[] }).kinds.includes('callbacks'))).toBe(true);
  });

  it('a dialled call that is never answered leaves the callback open (without a connector too)', async () => {
    const t = await phoneDesk(null);
    const d = await ok(t.core, 'tickets:create', ticketInput());
    const cb = await ok(t.core, 'callbacks:schedule', { customerId: d.customer.id, phone: '13800138000', dueAt: new Date(T0 + 3_600_000).toISOString() });
    const call = await ok(t.core, 'calls:start', { direction: 'outbound', number: '13800138000', callbackId: cb.id });
    expect(call).toMatchObject({ direction: 'outbound', status: 'ringing', externalId: null });
    await ok(t.core, 'calls:hangup', { id: call.id });
    expect((await ok(t.core, 'callbacks:list', { scope: 'mine', status: 'all', limit: 10 }))[0]).toMatchObject({ status: 'scheduled' });
    const again = await ok(t.core, 'calls:start', { direction: 'outbound', number: '13800138000', callbackId: cb.id });
    await ok(t.core, 'calls:answer', { id: again.id });
    expect((await ok(t.core, 'callbacks:list', { scope: 'mine', status: 'all', limit: 10 }))[0]).toMatchObject({ status: 'done', outcome: REACHED_OUTCOME });
  });
});

describe('phone commands: a failure changes nothing here and says why', () => {
  it.each([
    ['refuse', 'PHONE_REJECTED', '分机 8001 未在电话系统登录 (extension 8001 is not logged in)'],
    ['ok-false', 'PHONE_REJECTED', '分机 8001 未在电话系统登录 (extension 8001 is not logged in)'],
    ['server-error', 'PHONE_REJECTED', '分机 8001 未在电话系统登录 (extension 8001 is not logged in)'],
    ['redirect', 'PHONE_REJECTED', 'HTTP 302'],
    ['hang', 'PHONE_TIMEOUT', undefined],
  ] as const)('a hold the connector answers with %s leaves the call talking (%s)', async (kind, code, words) => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    c.failNext(kind);
    const err = await failure(t.core, 'calls:hold', { id: call.id });
    expect(err.code).toBe(code);
    if (words) expect(err.fields?.[0]).toMatchObject({ path: 'connector', message: words });
    expect(err.message).not.toContain(c.token);
    expect(await ok(t.core, 'calls:get', { id: call.id })).toMatchObject({ status: 'talking', holdStartedAt: null });
    // Sent once: a redirect is not followed, a timeout is not retried.
    expect(c.requests).toHaveLength(2);
    // The next try goes through.
    expect(await ok(t.core, 'calls:hold', { id: call.id })).toMatchObject({ status: 'held' });
  });

  it('a connector that is not running: ready fails and the agent stays not ready; answer fails and the call keeps ringing', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    await ok(t.core, 'agent:setState', { state: 'not_ready', reason: 'break' });
    await c.close();
    const err = await failure(t.core, 'agent:setState', { state: 'ready' });
    expect(err.code).toBe('PHONE_UNREACHABLE');
    expect(err.message).toContain('ECONNREFUSED');
    expect(await ok(t.core, 'agent:session', {})).toMatchObject({ state: 'not_ready', reason: 'break' });
    const ring = await t.event({ event: 'ringing', callId: 'pbx-9', from: '13912345678' });
    expect((await failure(t.core, 'calls:answer', { id: ring.body.callId ?? '' })).code).toBe('PHONE_UNREACHABLE');
    expect(await ok(t.core, 'calls:get', { id: ring.body.callId ?? '' })).toMatchObject({ status: 'ringing' });
  });

  it('a wrong token is PHONE_AUTH_FAILED and the token is in no message', async () => {
    const c = await connector();
    const t = await phoneDesk(null);
    await ok(t.core, 'agent:signIn', { username: 'zhang.admin', password: 'admin-pass-1' });
    await ok(t.core, 'cti:setConnector', { url: c.url, token: 'wrong-token-wrong-token' });
    const before = await ok(t.core, 'agent:session', {});
    const err = await failure(t.core, 'agent:setState', { state: 'ready' });
    expect(err.code).toBe('PHONE_AUTH_FAILED');
    expect(JSON.stringify(err)).not.toContain('wrong-token-wrong-token');
    // The admin signed in not taking calls, and still is.
    expect(await ok(t.core, 'agent:session', {})).toEqual(before);
    expect(before).toMatchObject({ state: 'not_ready', reason: null });
  });

  it('a refused dial records no call and leaves the callback open', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    c.failNext('refuse', { command: 'dial', message: 'no free trunk' });
    const err = await failure(t.core, 'calls:start', { direction: 'outbound', number: '13800138000' });
    expect(err).toMatchObject({ code: 'PHONE_REJECTED', fields: [{ path: 'connector', message: 'no free trunk' }] });
    expect(await ok(t.core, 'calls:current', {})).toBeNull();
    expect(await ok(t.core, 'calls:list', { limit: 10, offset: 0 })).toEqual([]);
  });

  it('a hang-up the phone system cannot be told about leaves the call on the line; "end here only" closes the record', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    c.failNext('server-error', { command: 'hangup' });
    expect((await failure(t.core, 'calls:hangup', { id: call.id })).code).toBe('PHONE_REJECTED');
    expect(await ok(t.core, 'calls:get', { id: call.id })).toMatchObject({ status: 'talking' });
    const before = c.requests.length;
    expect(await ok(t.core, 'calls:hangup', { id: call.id, localOnly: true })).toMatchObject({ status: 'wrap_up' });
    expect(c.requests).toHaveLength(before);
  });

  it('a ready refused after the disposition keeps the disposition and the agent in after-call work, and tells the console', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    await ok(t.core, 'calls:hangup', { id: call.id });
    const events = recordEvents(t.core);
    c.failNext('refuse', { command: 'state' });
    expect(await ok(t.core, 'calls:wrapUp', { id: call.id, disposition: 'resolved', ready: true })).toMatchObject({ status: 'ended', disposition: 'resolved' });
    expect((await ok(t.core, 'agent:session', {})).state).toBe('after_call');
    expect(events.find((e) => e.event === 'cti:phoneProblem')?.payload).toMatchObject({ command: 'state', state: 'ready', error: { code: 'PHONE_REJECTED' } });
  });

  it('an action the console refuses is never sent', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const ring = await t.event({ event: 'ringing', callId: 'pbx-2', from: '13912345678' });
    expect((await failure(t.core, 'calls:hold', { id: ring.body.callId ?? '' })).code).toBe('CALL_STATE_INVALID');
    expect((await failure(t.core, 'calls:hold', { id: 'nope' })).code).toBe('CALL_NOT_FOUND');
    expect(c.requests).toEqual([]);
  });

  it('the phone system’s own event arriving before the acknowledgement is not a failure', async () => {
    const c = await connector();
    const t = await phoneDesk(c);
    const call = await ringAndAnswer(t);
    // The PBX reports the hold (CTI endpoint) while the command's answer is still on its way.
    c.failNext('slow', { command: 'hold', delayMs: 300 });
    const pending = t.core.call('calls:hold', { id: call.id });
    await c.waitForRequests(2);
    expect((await t.event({ event: 'held', callId: 'pbx-1' })).status).toBe(202);
    const r = await pending;
    expect(r.ok && (r.value as { status: string }).status).toBe('held');
    expect(await ok(t.core, 'calls:get', { id: call.id })).toMatchObject({ status: 'held' });
  });
});
