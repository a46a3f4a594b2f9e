import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../../server/app.js';
import { PRIVATE_MARKER } from '../../../server/store.js';
import { customerValues, hlc, login, mutation, tempDir, uniq } from '../helpers.js';

/*
 * M2: the embedded data folder followed the umask and PGlite wrote its files
 * 0666, so the WAL (password hashes, ticket text) was readable and writable
 * by every user of the machine. Now the folder and everything in it is 0700
 * / 0600 whatever the umask, and a folder someone loosened is refused at
 * start (DATA_FOLDER_INSECURE) rather than served from; one an older server
 * left loose is made private on its first start.
 */

function modes(dir: string): Map<string, number> {
  const out = new Map<string, number>([['.', fs.statSync(dir).mode & 0o777]]);
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) out.set(entry, fs.lstatSync(path.join(dir, entry)).mode & 0o777);
  return out;
}

function loose(dir: string): string[] {
  return [...modes(dir)].filter(([, m]) => (m & 0o077) !== 0).map(([p, m]) => `${p} ${m.toString(8)}`);
}

/** Runs `fn` with umask 0 where this process may change it (a forked test worker may; a thread may not). */
async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  let old: number | null = null;
  try {
    old = process.umask(mask);
  } catch {
    // worker thread: the test still checks PGlite's own 0666 files
  }
  try {
    return await fn();
  } finally {
    if (old !== null) process.umask(old);
  }
}

describe.skipIf(process.platform === 'win32')('M2: the embedded data folder is private to the server', () => {
  it('creates the folder and every file in it 0700 / 0600 whatever the umask, PGlite files included', async () => {
    const dir = path.join(tempDir(), 'srv', 'hotline');
    await withUmask(0, async () => {
      const server = await startServer({ dataDir: dir });
      try {
        expect(loose(dir)).toEqual([]);
        await server.createUser({ username: 'agent1', password: 'password-1', role: 'agent', team: 't1' });
        const api = await login(server.url, 'agent1');
        const r = await api.push('pcM2', [mutation([{ entity: 'customer', id: uniq('c'), values: customerValues('密码 and tickets') }], hlc(Date.now(), 'pcM2'), 'customers:create', 1)]);
        expect(r.body.results[0]?.status).toBe('applied');
      } finally {
        await server.close();
      }
    });
    expect(loose(dir)).toEqual([]);
    expect(modes(dir).get('.')).toBe(0o700);
    expect(modes(dir).get('pgdata')).toBe(0o700);
    expect([...modes(dir)].some(([p]) => p.startsWith(path.join('pgdata', 'pg_wal')))).toBe(true);
    // The parents it had to create are private too.
    expect(fs.statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
  }, 60_000);

  it('refuses to start on a folder someone loosened, naming the entry and the fix', async () => {
    const dir = tempDir();
    await (await startServer({ dataDir: dir })).close();
    const wal = path.join(dir, 'pgdata', 'pg_wal');
    const segment = path.join(wal, (fs.readdirSync(wal).find((f) => /^[0-9A-F]{24}$/.test(f)) as string));
    for (const [target, mode] of [
      [dir, 0o755],
      [path.join(dir, 'pgdata'), 0o750],
      [segment, 0o644],
      [segment, 0o606],
    ] as const) {
      const before = fs.statSync(target).mode & 0o777;
      fs.chmodSync(target, mode);
      await expect(startServer({ dataDir: dir }), `${target} ${mode.toString(8)}`).rejects.toMatchObject({
        code: 'DATA_FOLDER_INSECURE',
        message: expect.stringContaining(`${target} is readable or writable by other users of this machine (mode 0${mode.toString(8)})`),
      });
      // Refused before anything was opened: the lock was never taken.
      expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
      fs.chmodSync(target, before);
    }
    await (await startServer({ dataDir: dir })).close();
  }, 60_000);

  it('makes a folder an older server left loose private once, on its first start', async () => {
    const dir = tempDir();
    await (await startServer({ dataDir: dir })).close();
    // As a server before this rule left it: no marker, folders 0755 and PGlite's files 0666.
    fs.rmSync(path.join(dir, PRIVATE_MARKER));
    for (const [p, m] of modes(dir)) fs.chmodSync(path.join(dir, p), fs.statSync(path.join(dir, p)).isDirectory() ? (m | 0o755) : 0o666);
    expect(loose(dir).length).toBeGreaterThan(10);
    await (await startServer({ dataDir: dir })).close();
    expect(loose(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, PRIVATE_MARKER))).toBe(true);
  }, 60_000);
});
