import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundFetch } from '../../../electron/core/sync/backgroundFetch.js';

/** An HTTP server on its own thread, so it keeps sending while this thread is busy. */
const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const piece = Buffer.alloc(64 * 1024, 0x61);
const server = http.createServer((req, res) => {
  if (req.url === '/missing') { res.writeHead(404, { 'content-type': 'application/json' }); res.end('{"error":{"code":"NOT_FOUND","message":"no"}}'); return; }
  if (req.url === '/slow') { res.writeHead(200); res.write('first\\n'); return; }
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-auth-seen': String(req.headers.authorization) });
  let left = 128; // 8 MiB
  const more = () => { while (left > 0) { left -= 1; if (!res.write(piece)) return res.once('drain', more); } res.end(); parentPort.postMessage({ sent: Date.now() }); };
  more();
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

let worker: Worker;
let base = '';
const sent: number[] = [];
beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true });
  worker.on('message', (m: { port?: number; sent?: number }) => {
    if (m.sent) sent.push(m.sent);
  });
  const port = await new Promise<number>((resolve) => worker.once('message', (m: { port: number }) => resolve(m.port)));
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  worker.postMessage('close');
  await new Promise((r) => worker.once('exit', r));
});

async function readAll(res: Response): Promise<number> {
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.byteLength;
  return n;
}

describe('backgroundFetch: a download read on a helper thread', () => {
  it('keeps draining the socket while this thread is busy applying', async () => {
    const res = await backgroundFetch(`${base}/big`, { headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-auth-seen')).toBe('Bearer t');
    const busyUntil = Date.now() + 1_500;
    while (Date.now() < busyUntil) {
      // a chunk being applied: this thread reads nothing
    }
    // The server finished sending while this thread was blocked.
    const finishedAt = await new Promise<number>((resolve) => {
      const check = () => (sent.length > 0 ? resolve(sent.at(-1)!) : setTimeout(check, 10));
      check();
    });
    expect(finishedAt).toBeLessThan(busyUntil);
    expect(await readAll(res)).toBe(8 * 1024 * 1024);
  });

  it('passes error statuses through with their body, and refuses anything but GET', async () => {
    const res = await backgroundFetch(`${base}/missing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no' } });
    await expect(backgroundFetch(`${base}/x`, { method: 'POST' })).rejects.toThrow(/GET requests only/);
  });

  it('stops on abort, before and during the body, and fails like fetch when nobody answers', async () => {
    const controller = new AbortController();
    const res = await backgroundFetch(`${base}/slow`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first\n');
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(backgroundFetch(`${base}/slow`, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(backgroundFetch('http://127.0.0.1:9/nothing-listens-here')).rejects.toThrow(TypeError);
  });
});
