import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisedCore, type CrashReport } from '../../electron/core/supervisedCore.js';
import { CoreWorkerClient } from '../../electron/core/workerClient.js';

/**
 * The desktop app's core worker dies (a crash, an out-of-memory kill of the
 * thread): a new worker starts on the same data folder in the same process
 * (the folder lock names the dead thread, so it is taken over), every
 * acknowledged write is there, and the desk is signed out.
 */
const dirs: string[] = [];
const cores: SupervisedCore[] = [];
afterEach(async () => {
  await Promise.allSettled(cores.splice(0).map((c) => c.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(opts: Parameters<typeof SupervisedCore.start>[1] = {}): Promise<{ core: SupervisedCore; dataDir: string; reports: CrashReport[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-supervised-'));
  dirs.push(dataDir);
  const core = await SupervisedCore.start({ dataDir, actorId: 'ws-test', idleCheckpointMs: 0, requireSignIn: true }, opts);
  cores.push(core);
  const reports: CrashReport[] = [];
  core.onCrash((r) => reports.push(r));
  return { core, dataDir, reports };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

const admin = { username: 'desk.admin', displayName: '值班管理员', password: 'desk-pass-1', role: 'admin' } as const;
const ticket = { subject: '宽带频繁掉线', description: '晚上八点后每隔十分钟断一次', category: 'fault', severity: 'normal', channel: 'phone', customer: { name: '周杰', phone: '13600136000' } } as const;

describe('SupervisedCore', () => {
  it('restarts a dead worker on the same folder: acknowledged tickets kept, the desk signed out', async () => {
    const { core, dataDir, reports } = await start();
    expect((await core.invoke('agent:setup', admin)).ok).toBe(true);
    const created = await core.invoke('tickets:create', ticket);
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { ticket: { id: string } }).ticket.id;
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'LOCK'), 'utf8')) as { pid: number; thread: number };
    expect(lock.pid).toBe(process.pid);

    const before = core.current;
    await before.abort();
    await until(() => reports.length === 1);
    expect(reports[0]).toMatchObject({ restarted: true, error: { code: 'INTERNAL' } });
    expect(core.current).not.toBe(before);

    // A new thread holds the folder now.
    const relocked = JSON.parse(fs.readFileSync(path.join(dataDir, 'LOCK'), 'utf8')) as { pid: number; thread: number };
    expect(relocked.pid).toBe(process.pid);
    expect(relocked.thread).not.toBe(lock.thread);

    // Signed out: nothing but sign-in answers; after signing in, the ticket is there.
    const session = await core.invoke('agent:session', {});
    expect(session).toMatchObject({ ok: true, value: { agent: null, needsSetup: false } });
    expect(await core.invoke('tickets:get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect((await core.invoke('agent:signIn', { username: admin.username, password: admin.password })).ok).toBe(true);
    expect(await core.invoke('tickets:get', { id })).toMatchObject({ ok: true, value: { ticket: { id, subject: ticket.subject } } });
  });

  it('calls made while the worker restarts wait for the new one instead of failing', async () => {
    const { core, reports } = await start();
    await core.current.abort();
    // The crash is known (exit listeners ran) but the new worker may still be opening.
    const during = core.invoke('agent:session', {});
    expect(await during).toMatchObject({ ok: true, value: { needsSetup: true } });
    await until(() => reports.length === 1);
  });

  it('gives up after too many crashes in a short time, and says so', async () => {
    let clock = 1_000_000;
    const { core, reports } = await start({ maxRestarts: 1, windowMs: 60_000, now: () => clock });
    await core.current.abort();
    await until(() => reports.length === 1);
    clock += 1_000;
    await core.current.abort();
    await until(() => reports.length === 2);
    expect(reports[1]).toMatchObject({ restarted: false, restartError: { code: 'INTERNAL' } });
    expect(await core.invoke('agent:session', {})).toMatchObject({ ok: false, error: { code: 'TRANSPORT_FAILED' } });
  });

  it('a lock of another thread or process is never released as abandoned', async () => {
    const { dataDir } = await start();
    const { FolderLock } = await import('../../electron/core/store/lock.js');
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'LOCK'), 'utf8')) as { thread: number };
    expect(FolderLock.releaseAbandoned(dataDir, lock.thread + 1000)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(true);
    // A second client on the folder is still refused while the first runs.
    await expect(CoreWorkerClient.start({ dataDir, actorId: 'ws-2', idleCheckpointMs: 0 })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
  });
});
