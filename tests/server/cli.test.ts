import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserSchema } from '../../shared/sync/protocol.js';
import { ENGINES, login, tempDir, type Store } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One node process with tsx's loader, like `npm run -s server --` but signals reach the server itself. */
function server(args: string[], env: Record<string, string> = {}): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const child = server(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (line) resolve((JSON.parse(line) as { listening: string }).listening);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out} ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
}

function errorOf(r: Ran): { code: string; message: string } {
  return (JSON.parse(r.stderr.trim().split('\n').pop() as string) as { error: { code: string; message: string } }).error;
}

const createArgs = (username: string, role = 'admin', extra: string[] = []) => ['create-user', '--username', username, '--password', 'password-1', '--role', role, ...extra];

describe('server command line, embedded data folder', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses bad flags and roles before touching the folder', async () => {
    const fresh = path.join(dir, 'never');
    const badRole = await run(['--data', fresh, ...createArgs('ann', 'boss')]);
    expect(badRole.code).toBe(2);
    expect(errorOf(badRole)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/role/) });
    const unknownFlag = await run(['--data', fresh, '--colour', 'red']);
    expect(unknownFlag.code).toBe(2);
    expect(errorOf(unknownFlag).message).toMatch(/Unknown option '--colour'/);
    const noData = await run(['--port', '0']);
    expect(noData.code).toBe(2);
    expect(errorOf(noData).message).toMatch(/--data DIR, or set DATABASE_URL/);
    expect(fs.existsSync(fresh)).toBe(false);
  }, 60_000);

  it('creates the first admin, refuses a duplicate, and serves what it created', async () => {
    const made = await run(['--data', dir, ...createArgs('boss', 'admin', ['--team', 'north'])]);
    expect(made.code, made.stderr).toBe(0);
    const user = UserSchema.parse(JSON.parse(made.stdout));
    expect(user).toMatchObject({ username: 'boss', role: 'admin', team: 'north', disabled: false });

    const dup = await run(['--data', dir, ...createArgs('boss')]);
    expect(dup.code).toBe(2);
    expect(errorOf(dup)).toEqual({ code: 'CONFLICT', message: 'A user named boss already exists' });

    const child = server(['--data', dir, '--port', '0']);
    try {
      const url = await listening(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const api = await login(url, 'boss');
      expect((await api.get('/auth/me')).body).toMatchObject({ id: user.id, role: 'admin' });

      // The folder belongs to the running server: create-user fails clearly and changes nothing.
      const held = await run(['--data', dir, ...createArgs('intruder')]);
      expect(held.code).toBe(2);
      expect(errorOf(held)).toMatchObject({ code: 'DATA_FOLDER_IN_USE', message: expect.stringMatching(new RegExp(`in use by process ${child.pid}`)) });
      const users = await api.get<{ username: string }[]>('/users');
      expect(users.body.map((u) => u.username)).toEqual(['boss']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  }, 120_000);

  it('takes over the lock of a process that died', async () => {
    const child = server(['--data', dir, '--port', '0']);
    await listening(child);
    child.kill('SIGKILL');
    await exited(child);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8'))).toMatchObject({ pid: child.pid });
    const made = await run(['--data', dir, ...createArgs('after-crash', 'agent', ['--team', 'north'])]);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ username: 'after-crash', role: 'agent' });
  }, 120_000);
});

describe.each(ENGINES.filter((e) => e.name === 'postgres'))('server command line with DATABASE_URL', (engine) => {
  let store: Store;
  afterAll(async () => store?.dispose());

  it('creates users and serves without a data folder', async () => {
    store = await engine.create();
    const made = await run(createArgs('pgadmin'), store.cli.env);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ username: 'pgadmin', role: 'admin', team: null });
    const child = server(['--port', '0'], store.cli.env);
    try {
      const api = await login(await listening(child), 'pgadmin');
      expect((await api.get('/auth/me')).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited(child)).toBe(0);
  }, 120_000);
});
