import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app.js';
import { sendsPasswordInClear } from '../../../shared/sync/status.js';
import { ENGINES, tempDir } from '../helpers.js';

/*
 * The server had no TLS and the workstation sent passwords to any http://
 * address: passwords and customer data crossed the office LAN in clear.
 * Now the server serves HTTPS itself (--tls-cert / --tls-key), or refuses
 * plain requests behind a TLS-terminating proxy (--require-https-proxy), and
 * the sign-in dialog warns before a password goes to a plain http:// address
 * of another machine (sendsPasswordInClear; tests/e2e/sync.spec.ts clicks it).
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const CERT = fs.readFileSync(path.join(FIXTURES, 'test-cert.pem'));
const KEY = fs.readFileSync(path.join(FIXTURES, 'test-key.pem'));

interface Answer {
  status: number;
  body: unknown;
}

/** One request over https trusting the test certificate, or over plain http. */
function request(url: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(route, url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(u.protocol === 'https:' ? { ca: CERT } : {}) },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe.each(ENGINES)('TLS on $name', (engine) => {
  let store: Awaited<ReturnType<typeof engine.create>>;
  let server: RunningServer;

  beforeAll(async () => {
    store = await engine.create();
    server = await startServer({ ...store.opts, tls: { cert: CERT, key: KEY } });
    await server.createUser({ username: 'agent1', password: 'password-1', role: 'agent', team: 't1' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.dispose();
  });

  it('serves HTTPS with --tls-cert / --tls-key: sign-in and sync over TLS, nothing in clear', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await request(server.url, 'GET', '/health')).toEqual({ status: 200, body: { ok: true } });
    const signedIn = await request(server.url, 'POST', '/auth/login', { username: 'agent1', password: 'password-1' });
    expect(signedIn.status).toBe(200);
    const token = (signedIn.body as { token: string }).token;
    expect((await request(server.url, 'GET', '/sync/pull?cursor=0', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    // The same port does not speak plain HTTP: a password sent that way never reaches a route.
    const plain = server.url.replace('https:', 'http:');
    await expect(request(plain, 'POST', '/auth/login', { username: 'agent1', password: 'password-1' })).rejects.toThrow();
  });

  it('refuses everything but the health check arriving in plain behind --require-https-proxy', async () => {
    // The same store, now behind a TLS-terminating proxy (an embedded folder serves one process at a time).
    await server.close();
    server = await startServer({ ...store.opts, requireHttpsProxy: true });
    const login = { username: 'agent1', password: 'password-1' };
    expect(await request(server.url, 'POST', '/auth/login', login)).toMatchObject({ status: 403, body: { error: { code: 'HTTPS_REQUIRED' } } });
    expect((await request(server.url, 'POST', '/auth/login', login, { 'x-forwarded-proto': 'http' })).status).toBe(403);
    expect((await request(server.url, 'GET', '/sync/pull', undefined, { authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(403);
    expect((await request(server.url, 'POST', '/auth/login', login, { 'x-forwarded-proto': 'https' })).status).toBe(200);
    expect(await request(server.url, 'GET', '/health')).toEqual({ status: 200, body: { ok: true } });
  });
});

describe('TLS on the command line', () => {
  it('serves https:// with --tls-cert and --tls-key, and refuses one without the other', async () => {
    const dir = tempDir();
    const args = ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--data', dir, '--port', '0'];
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const half = spawn(process.execPath, [...args, '--tls-cert', path.join(FIXTURES, 'test-cert.pem')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    half.stderr.on('data', (b: Buffer) => (err += b.toString()));
    expect(await new Promise((resolve) => half.on('exit', resolve))).toBe(2);
    expect(JSON.parse(err.trim().split('\n').pop() as string)).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/both --tls-cert and --tls-key/) } });

    const child = spawn(process.execPath, [...args, '--tls-cert', path.join(FIXTURES, 'test-cert.pem'), '--tls-key', path.join(FIXTURES, 'test-key.pem')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
          if (line) resolve((JSON.parse(line) as { listening: string }).listening);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
      });
      expect(url).toMatch(/^https:\/\//);
      expect(await request(url, 'GET', '/health')).toEqual({ status: 200, body: { ok: true } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)));
    }
  }, 60_000);
});

describe('the workstation warns before a password goes out in clear', () => {
  it('flags a plain http:// address of another machine, not https:// nor this PC itself', () => {
    for (const url of ['http://192.168.1.10:8787', 'http://hotline.office.lan', 'HTTP://10.0.0.5/', 'http://[fe80::1]:8787', 'http://127.0.0.1.evil.example']) expect(sendsPasswordInClear(url), url).toBe(true);
    for (const url of ['https://192.168.1.10:8787', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'http://127.8.9.10', 'not a url']) expect(sendsPasswordInClear(url), url).toBe(false);
  });
});
