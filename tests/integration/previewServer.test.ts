import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startPreviewServer, type PreviewServer } from '../../electron/core/preview/server.js';
import { WS_SUBPROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/transport.js';

const dirs: string[] = [];
const servers: PreviewServer[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A stand-in for out/renderer, so these tests need no build. */
function rendererDir(): string {
  const dir = tempDir('hw-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>工作台</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function start(): Promise<{ server: PreviewServer; dataDir: string; renderer: string }> {
  const dataDir = tempDir('hw-preview-');
  const renderer = rendererDir();
  const server = await startPreviewServer({ dataDir, port: 0, rendererDir: renderer });
  servers.push(server);
  return { server, dataDir, renderer };
}

afterEach(async () => {
  await Promise.allSettled(servers.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Raw HTTP, so the path is sent exactly as written (no client-side normalisation). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Conn {
  ws: WebSocket;
  call(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  events: { event: string; payload: unknown }[];
  closed: Promise<number>;
}

async function connect(server: PreviewServer, opts: { via?: 'protocol' | 'message'; token?: string; origin?: string } = {}): Promise<Conn> {
  const token = opts.token ?? server.token;
  const protocols = opts.via === 'message' ? [WS_SUBPROTOCOL] : [WS_SUBPROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`];
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, protocols, { origin: opts.origin ?? `http://127.0.0.1:${server.port}` });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (opts.via === 'message') ws.send(JSON.stringify({ kind: 'auth', token }));
  let nextId = 1;
  const pending = new Map<number, (r: Awaited<ReturnType<Conn['call']>>) => void>();
  const events: Conn['events'] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { kind: string; id?: number; result?: never; event?: string; payload?: unknown };
    if (msg.kind === 'response' && msg.id !== undefined) pending.get(msg.id)?.(msg.result as never);
    if (msg.kind === 'event') events.push({ event: msg.event ?? '', payload: msg.payload });
  });
  return {
    ws,
    events,
    closed,
    call: (channel, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ kind: 'request', id, channel, payload }));
      }),
  };
}

describe('preview server: HTTP', () => {
  it('listens on 127.0.0.1 only and logs a URL carrying the token', async () => {
    const { server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the renderer with content types and a CSP', async () => {
    const { server } = await start();
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain(`ws://127.0.0.1:${server.port}`);
    const js = await get(server.port, '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside the renderer folder', async () => {
    const { server, renderer } = await start();
    fs.writeFileSync(path.join(path.dirname(renderer), 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(path.dirname(renderer), 'secret.txt'), path.join(renderer, 'link.txt'));
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/link.txt', '/%00index.html', '/../../../../etc/passwd']) {
      const res = await get(server.port, p);
      expect(res.body, p).not.toContain('secret');
      expect(res.body, p).not.toContain('root:');
    }
    expect((await get(server.port, '/link.txt')).status).toBe(404);
  });

  it('refuses foreign Host headers (DNS rebinding) and non-GET methods', async () => {
    const { server } = await start();
    expect((await get(server.port, '/', { host: 'evil.example' })).status).toBe(421);
    expect((await get(server.port, '/', {}, 'POST')).status).toBe(405);
  });
});

describe('preview server: WebSocket /api', () => {
  it('closes with 4401 without a valid token', async () => {
    const { server } = await start();
    const wrong = await connect(server, { token: 'f'.repeat(64) });
    expect(await wrong.closed).toBe(4401);
    const noToken = await connect(server, { via: 'message', token: 'nope' });
    expect(await noToken.closed).toBe(4401);
  });

  it('refuses a handshake from another origin', async () => {
    const { server } = await start();
    await expect(connect(server, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('serves shell channels itself, with settings persisted in the data folder', async () => {
    const { server, dataDir } = await start();
    const conn = await connect(server, { via: 'message' });
    const info = await conn.call('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { shell: 'browser', dataDir } });
    expect(await conn.call('settings:set', { locale: 'en', theme: 'dark' })).toMatchObject({ ok: true, value: { locale: 'en', theme: 'dark', compact: false } });
    expect((await conn.call('settings:set', { locale: 'fr' })).error?.code).toBe('VALIDATION_FAILED');
    expect((await conn.call('nope:nope', {})).error?.code).toBe('UNKNOWN_CHANNEL');
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'preview-settings.json'), 'utf8')) as unknown;
    expect(stored).toEqual({ locale: 'en', theme: 'dark', compact: false });
    // A hand-damaged value falls back to its default; the valid ones survive.
    fs.writeFileSync(path.join(dataDir, 'preview-settings.json'), JSON.stringify({ locale: 'xx', theme: 'dark', compact: 'yes' }));
    expect(await conn.call('settings:get', {})).toEqual({ ok: true, value: { locale: 'zh-CN', theme: 'dark', compact: false } });
  });

  it('forwards core channels to the worker, pushes events, and survives restartCore', async () => {
    const { server } = await start();
    const conn = await connect(server);
    // Like the app, the preview answers nothing but sign-in until someone signs in at the desk.
    expect((await conn.call('tickets:list', {})).error?.code).toBe('NOT_SIGNED_IN');
    const admin = { username: 'preview.admin', displayName: '管理员', password: 'preview-pass-1', role: 'admin' };
    expect((await conn.call('agent:setup', admin)).ok).toBe(true);
    const created = await conn.call('tickets:create', {
      subject: '宽带无法连接',
      description: '光猫 LOS 灯红色闪烁',
      category: 'fault',
      severity: 'high',
      channel: 'phone',
      customer: { name: '李雷', phone: '021-12345678' },
    });
    expect(created.ok).toBe(true);
    const id = (created.value as { ticket: { id: string } }).ticket.id;
    await expect.poll(() => conn.events).toContainEqual({ event: 'tickets:changed', payload: { ids: [id], origin: 'local' } });

    await server.restartCore();
    expect(await conn.closed).toBe(1012);
    const again = await connect(server);
    // The desk session lived in the old core's memory: a restart leaves nobody signed in.
    expect((await again.call('tickets:get', { id })).error?.code).toBe('NOT_SIGNED_IN');
    expect((await again.call('agent:signIn', { username: admin.username, password: admin.password })).ok).toBe(true);
    expect(await again.call('tickets:get', { id })).toMatchObject({ ok: true, value: { ticket: { id } } });
  });

  it('rejects oversized messages', async () => {
    const { server } = await start();
    const conn = await connect(server);
    conn.ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await conn.closed).toBe(1009);
  });
});
