import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { footprint, ok, openTestCore } from '../unit/core/helpers.js';
import { ADMIN, AGENT, deskCore } from '../unit/desk/helpers.js';

interface Reply {
  status: number;
  body: { ok: boolean; callId?: string; error?: { code: string; message: string; fields?: { path: string }[] } };
}

/** A raw HTTP request (fetch would refuse some of what a broken connector sends). */
function post(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function ctiCore(signedInAs: 'admin' | 'agent' = 'agent') {
  const t = await deskCore({ cti: { port: 0 }, signedInAs: 'admin' });
  const info = await ok(t.core, 'cti:info', {});
  if (signedInAs === 'agent') await ok(t.core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
  const token = info.token ?? '';
  const send = (event: unknown, auth = `Bearer ${token}`) => post(info.port, '/call-events', JSON.stringify(event), auth ? { Authorization: auth } : {});
  return { ...t, info, token, send };
}

describe('CTI call-event endpoint', () => {
  it('listens on 127.0.0.1 with a 43-character token shown to admins only', async () => {
    const { core, info } = await ctiCore();
    expect(info).toMatchObject({ running: true, url: `http://127.0.0.1:${info.port}/call-events`, error: null });
    expect(info.token).toMatch(/^[\w-]{43}$/);
    expect((await ok(core, 'cti:info', {})).token).toBeNull();
    expect((await core.call('cti:regenerateToken', {})).ok).toBe(false);
    const health = await post(info.port, '/health', '', {}, 'GET');
    expect(health).toEqual({ status: 200, body: { ok: true } });
  });

  it('drives a call through ringing, answered, held, resumed, ended like the buttons do', async () => {
    const { core, send } = await ctiCore();
    const ring = await send({ event: 'ringing', callId: 'pbx-1', from: '010-6552 9988', to: '8001' });
    expect(ring.status).toBe(202);
    expect(ring.body.ok).toBe(true);
    const id = ring.body.callId ?? '';
    expect(await ok(core, 'calls:get', { id })).toMatchObject({ source: 'cti', externalId: 'pbx-1', status: 'ringing', lineNumber: '8001', numberKey: '+861065529988' });
    // A repeated ringing (the PBX retried) is the same call.
    expect((await send({ event: 'ringing', callId: 'pbx-1', from: '010-6552 9988' })).body.callId).toBe(id);
    expect((await ok(core, 'agent:session', {})).state).toBe('ready');
    expect((await send({ event: 'answered', callId: 'pbx-1' })).status).toBe(202);
    expect((await ok(core, 'agent:session', {})).state).toBe('on_call');
    expect((await send({ event: 'held', callId: 'pbx-1' })).status).toBe(202);
    expect((await send({ event: 'resumed', callId: 'pbx-1' })).status).toBe(202);
    expect((await send({ event: 'ended', callId: 'pbx-1' })).status).toBe(202);
    expect(await ok(core, 'calls:get', { id })).toMatchObject({ status: 'wrap_up' });
    expect((await ok(core, 'agent:session', {})).state).toBe('after_call');
    expect((await ok(core, 'calls:wrapUp', { id, disposition: 'resolved' })).status).toBe('ended');
  });

  it('answers bad requests with specific errors and changes nothing', async () => {
    const { core, send, info, token } = await ctiCore();
    const before = await footprint(core);
    expect(await send({ event: 'ringing', callId: 'x', from: '13812345678' }, '')).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    expect(await send({ event: 'ringing', callId: 'x', from: '13812345678' }, 'Bearer wrong')).toMatchObject({ status: 401 });
    const bad = await send({ event: 'ringing', callId: '', from: '13812345678', extra: 1 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(bad.body.error?.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['callId']));
    expect(await post(info.port, '/call-events', '{not json', { Authorization: `Bearer ${token}` })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await send({ event: 'answered', callId: 'never-rang' })).toMatchObject({ status: 404, body: { error: { code: 'CALL_NOT_FOUND' } } });
    expect(await send({ event: 'ringing', callId: 'x', from: 'not a number' })).toMatchObject({ status: 400 });
    const huge = JSON.stringify({ event: 'ringing', callId: 'x', from: '13812345678', to: 'x'.repeat(20_000) });
    expect(await post(info.port, '/call-events', huge, { Authorization: `Bearer ${token}` })).toMatchObject({ status: 413 });
    expect(await post(info.port, '/call-events', '', { Authorization: `Bearer ${token}` }, 'GET')).toMatchObject({ status: 405 });
    expect(await post(info.port, '/other', '{}', { Authorization: `Bearer ${token}` })).toMatchObject({ status: 404 });
    expect(await footprint(core)).toEqual(before);
  });

  it('answers 409 for impossible moves only', async () => {
    const { send } = await ctiCore();
    await send({ event: 'ringing', callId: 'pbx-2', from: '13812345678' });
    expect(await send({ event: 'held', callId: 'pbx-2' })).toMatchObject({ status: 409, body: { error: { code: 'CALL_STATE_INVALID' } } });
  });

  it('records a call ringing during another as waiting; dropped, it is a missed call and the agent stays on the first', async () => {
    const { core, send } = await ctiCore();
    await send({ event: 'ringing', callId: 'pbx-a', from: '13812345678' });
    await send({ event: 'answered', callId: 'pbx-a' });
    const second = await send({ event: 'ringing', callId: 'pbx-b', from: '１３９ ０００１ １１１１' });
    expect(second.status).toBe(202);
    const id = second.body.callId ?? '';
    expect(await ok(core, 'calls:current', {})).toMatchObject({ externalId: 'pbx-a', status: 'talking' });
    expect((await ok(core, 'calls:waiting', {})).map((c) => c.id)).toEqual([id]);
    expect((await send({ event: 'ended', callId: 'pbx-b' })).status).toBe(202);
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'on_call' });
    expect(await ok(core, 'calls:missed', {})).toEqual([
      expect.objectContaining({ key: '+8613900011111', number: '139 0001 1111', count: 1, attempts: 0, desk: false, callIds: [id] }),
    ]);
    // In after-call work the next ringing is recorded too.
    await send({ event: 'ended', callId: 'pbx-a' });
    expect((await send({ event: 'ringing', callId: 'pbx-c', from: '13900011111' })).status).toBe(202);
    await send({ event: 'ended', callId: 'pbx-c' });
    expect((await ok(core, 'calls:missed', {}))[0]).toMatchObject({ count: 2 });
    expect(await ok(core, 'agent:session', {})).toMatchObject({ state: 'after_call' });
  });

  it('records a call to the empty desk as the desk\'s missed call; whoever signs in calls back, and reaching the caller settles it', async () => {
    const { core, send, time } = await ctiCore();
    await ok(core, 'agent:signOut', {});
    const ring = await send({ event: 'ringing', callId: 'pbx-4', from: '13900001111' });
    expect(ring.status).toBe(202);
    expect((await send({ event: 'ended', callId: 'pbx-4' })).status).toBe(202);
    time.advance(60_000);
    await send({ event: 'ringing', callId: 'pbx-5', from: '139-0000-1111' });
    await send({ event: 'ended', callId: 'pbx-5' });
    await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await ok(core, 'calls:get', { id: ring.body.callId ?? '' })).toMatchObject({ agentId: '@desk', status: 'missed' });
    const [entry] = await ok(core, 'calls:missed', {});
    expect(entry).toMatchObject({ key: '+8613900001111', count: 2, desk: true, attempts: 0 });
    // A call-back nobody answers is an attempt; the caller is still waiting.
    const attempt = await ok(core, 'calls:start', { direction: 'outbound', number: entry?.number ?? '' });
    await ok(core, 'calls:hangup', { id: attempt.id });
    expect((await ok(core, 'calls:missed', {}))[0]).toMatchObject({ count: 2, attempts: 1 });
    const back = await ok(core, 'calls:start', { direction: 'outbound', number: entry?.number ?? '' });
    await ok(core, 'calls:answer', { id: back.id });
    expect(await ok(core, 'calls:missed', {})).toEqual([]);
  });

  it('closes a missed caller by hand, once, with who and when', async () => {
    const { core, send, time } = await ctiCore();
    await send({ event: 'ringing', callId: 'pbx-6', from: '13812345678' });
    await send({ event: 'ended', callId: 'pbx-6' });
    const [entry] = await ok(core, 'calls:missed', {});
    time.advance(5_000);
    expect(await ok(core, 'calls:settleMissed', { key: entry?.key ?? '' })).toBe(1);
    expect(await ok(core, 'calls:missed', {})).toEqual([]);
    expect(await ok(core, 'calls:get', { id: entry?.callIds[0] ?? '' })).toMatchObject({ settledBy: AGENT.username, settledAt: new Date(time.now()).toISOString() });
    const again = await core.call('calls:settleMissed', { key: entry?.key ?? '' });
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND');
  });

  it('a regenerated token replaces the old one at once', async () => {
    const { core, send } = await ctiCore('admin');
    const next = await ok(core, 'cti:regenerateToken', {});
    expect((await send({ event: 'ringing', callId: 'r1', from: '13812345678' })).status).toBe(401);
    expect((await send({ event: 'ringing', callId: 'r1', from: '13812345678' }, `Bearer ${next.token ?? ''}`)).status).toBe(202);
  });

  it('keeps the token across restarts', async () => {
    const { core, info, reopen } = await ctiCore('admin');
    await core.close();
    const again = await reopen();
    await ok(again, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await ok(again, 'cti:info', {})).token).toBe(info.token);
  });

  it('reports a port already taken, and the console keeps working', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { core } = await openTestCore({ cti: { port } });
      const info = await ok(core, 'cti:info', {});
      expect(info).toMatchObject({ running: false, url: null, port });
      expect(info.error).toContain('already in use');
      expect((await ok(core, 'tickets:list', {})).total).toBe(0);
    } finally {
      blocker.close();
    }
  });

  it('refuses to listen beyond this PC, and stops listening when the core closes', async () => {
    const wide = await openTestCore({ cti: { port: 0, host: '0.0.0.0' } });
    expect((await ok(wide.core, 'cti:info', {})).running).toBe(false);
    const { core, info } = await ctiCore('admin');
    await core.close();
    await expect(post(info.port, '/health', '', {}, 'GET')).rejects.toThrow();
  });
});
