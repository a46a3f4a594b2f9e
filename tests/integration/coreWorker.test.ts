import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract.js';
import { AppError } from '../../shared/result.js';
import { MemorySecretStore } from '../../electron/core/desk/secrets.js';
import { CoreWorkerClient, resolveWorkerEntry } from '../../electron/core/workerClient.js';
import { WorkerMessageSchema, type WorkerMessage } from '../../electron/core/workerProtocol.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
const clients: CoreWorkerClient[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-worker-'));
  dirs.push(dir);
  return dir;
}
async function start(dataDir: string): Promise<CoreWorkerClient> {
  const client = await CoreWorkerClient.start({ dataDir, actorId: 'agent-test', idleCheckpointMs: 0 });
  clients.push(client);
  return client;
}

const ticketInput = {
  subject: '打印机无法联网',
  description: '客户反映 ERR_0x80070005，打印队列卡住',
  category: 'fault',
  severity: 'urgent',
  channel: 'phone',
  customer: { name: '王芳', phone: '13912345678' },
} as const;

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('CoreWorkerClient (source mode: tsx bootstrap + worker.ts)', () => {
  it('serves core channels from the worker and forwards core events', async () => {
    const client = await start(tempDir());
    const seen: { event: EventName; payload: unknown }[] = [];
    client.on((event, payload) => seen.push({ event, payload }));

    const created = await client.invoke('tickets:create', ticketInput);
    expect(created.ok).toBe(true);
    const id = (created as { ok: true; value: { ticket: { id: string } } }).value.ticket.id;
    expect(seen).toContainEqual({ event: 'tickets:changed', payload: { ids: [id], origin: 'local' } });

    const got = await client.invoke('tickets:get', { id });
    expect(got.ok && (got.value as { ticket: { subject: string } }).ticket.subject).toBe(ticketInput.subject);
  });

  it('keeps the phone connector’s token with the host’s secret store, across a restart, never answering it back', async () => {
    const dataDir = tempDir();
    const secrets = new MemorySecretStore();
    const token = 'connector-token-0123456789';
    const first = await CoreWorkerClient.start({ dataDir, actorId: 'agent-test', idleCheckpointMs: 0, secretStore: secrets });
    clients.push(first);
    expect((await first.invoke('agent:setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-2026', role: 'admin' })).ok).toBe(true);
    const set = await first.invoke('cti:setConnector', { url: 'http://127.0.0.1:9/commands', token });
    expect(set).toEqual({ ok: true, value: { configured: true, url: 'http://127.0.0.1:9/commands', seat: null, tokenSet: true, tokenPersisted: true } });
    expect(await secrets.load('phone-connector')).toBe(token);
    await first.close();
    const second = await CoreWorkerClient.start({ dataDir, actorId: 'agent-test', idleCheckpointMs: 0, secretStore: secrets });
    clients.push(second);
    expect((await second.invoke('agent:signIn', { username: 'admin', password: 'admin-pass-2026' })).ok).toBe(true);
    const info = await second.invoke('cti:connector', {});
    expect(info).toMatchObject({ ok: true, value: { configured: true, tokenSet: true } });
    expect(JSON.stringify(info)).not.toContain(token);
  });

  it('answers invalid payloads and shell channels with structured errors, never by throwing', async () => {
    const client = await start(tempDir());
    const invalid = await client.invoke('tickets:create', { subject: '' });
    expect(invalid.ok ? null : invalid.error.code).toBe('VALIDATION_FAILED');
    const shellOnly = await client.invoke('settings:get', {});
    expect(shellOnly.ok ? null : shellOnly.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('reports a folder already open as a DATA_FOLDER_IN_USE init error', async () => {
    const dir = tempDir();
    await start(dir);
    const second = CoreWorkerClient.start({ dataDir: dir, actorId: 'other' });
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
  });

  it('closes with a checkpoint: calls after close answer STORE_CLOSED and a new worker sees the data', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const created = await first.invoke('tickets:create', ticketInput);
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { ticket: { id: string } }).ticket.id;
    await first.close();
    const after = await first.invoke('tickets:get', { id });
    expect(after.ok ? null : after.error.code).toBe('STORE_CLOSED');

    const second = await start(dir);
    const again = await second.invoke('tickets:get', { id });
    expect(again.ok).toBe(true);
  });

  it('answers calls already in flight before close completes', async () => {
    const client = await start(tempDir());
    const calls = Array.from({ length: 20 }, (_, i) => client.invoke('tickets:create', { ...ticketInput, subject: `并发工单 ${i}` }));
    const closing = client.close();
    const results = await Promise.all(calls);
    await closing;
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe('bundled worker (out/main/worker.js from electron-vite build)', () => {
  const built = path.join(ROOT, 'out/main/worker.js');

  it('is found next to the bundled main entry', () => {
    const mainUrl = pathToFileURL(path.join(ROOT, 'out/main/index.js')).href;
    if (!fs.existsSync(built)) {
      expect(() => resolveWorkerEntry(mainUrl)).toThrow(/built worker not found/);
      return;
    }
    const where = resolveWorkerEntry(mainUrl);
    expect(fileURLToPath(where.file)).toBe(built);
    expect(where.tsEntry).toBeUndefined();
  });

  it.skipIf(!fs.existsSync(built))('runs under plain Node and speaks the worker protocol', async () => {
    const worker = new Worker(built, { workerData: { options: { dataDir: tempDir(), actorId: 'agent-built', idleCheckpointMs: 0 } } });
    const messages: WorkerMessage[] = [];
    const waitFor = (pred: (m: WorkerMessage) => boolean): Promise<WorkerMessage> =>
      new Promise((resolve, reject) => {
        const found = messages.find(pred);
        if (found) return resolve(found);
        const onMessage = (raw: unknown): void => {
          const m = WorkerMessageSchema.parse(raw);
          if (pred(m)) {
            worker.off('message', onMessage);
            resolve(m);
          }
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
    worker.on('message', (raw: unknown) => messages.push(WorkerMessageSchema.parse(raw)));
    await waitFor((m) => m.kind === 'ready');
    worker.postMessage({ kind: 'request', id: 7, channel: 'store:status', payload: {} });
    const response = await waitFor((m) => m.kind === 'response' && m.id === 7);
    expect(response).toMatchObject({ kind: 'response', id: 7, result: { ok: true } });
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    worker.postMessage({ kind: 'close' });
    expect(await waitFor((m) => m.kind === 'closed')).toEqual({ kind: 'closed' });
    expect(await exited).toBe(0);
  });
});
