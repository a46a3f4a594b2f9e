import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTokenStore, SESSION_FILE } from '../../../electron/core/sync/fileTokenStore.js';
import type { StoredSession } from '../../../electron/core/sync/session.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-token-'));
  dirs.push(d);
  return d;
}
const session: StoredSession = { server: 'http://127.0.0.1:8787', token: 'tok_secret_0123456789', user: { id: 'u1', username: 'alice', role: 'agent', team: 'A' }, expiresAt: '2026-11-25T02:00:00.000Z' };

describe.skipIf(process.platform === 'win32')('FileTokenStore: the CLI and preview session file', () => {
  it('writes the session readable by its owner only, reads it back and clears it', async () => {
    const d = dir();
    const store = new FileTokenStore(d);
    expect(await store.load()).toBeNull();
    const old = process.umask(0o000);
    try {
      await store.save(session);
    } finally {
      process.umask(old);
    }
    const file = path.join(d, SESSION_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(session);
    expect(fs.readdirSync(d)).toEqual([SESSION_FILE]);
    await store.clear();
    expect(fs.existsSync(file)).toBe(false);
    await store.clear();
  });

  it('tightens a loosened file when reading it, and treats a damaged or foreign file as no session', async () => {
    const d = dir();
    const store = new FileTokenStore(d);
    await store.save(session);
    const file = path.join(d, SESSION_FILE);
    fs.chmodSync(file, 0o644);
    expect(await store.load()).toEqual(session);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, '{"server":"x"');
    expect(await store.load()).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ ...session, token: '' }));
    expect(await store.load()).toBeNull();
  });
});
