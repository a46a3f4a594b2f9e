import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '../../../electron/core/sync/session.js';
import { TokenNotPersistedError } from '../../../electron/core/sync/session.js';

/** Electron's safeStorage and electron-store, reduced to what SafeTokenStore uses. */
const safe = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));
const disk = vi.hoisted(() => new Map<string, unknown>());
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => safe.available,
    getSelectedStorageBackend: () => safe.backend,
    encryptString: (text: string) => Buffer.from(text, 'utf8').map((b) => b ^ 0x5a),
    decryptString: (buf: Buffer) => {
      if (buf.length === 0) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8');
    },
  },
}));
vi.mock('electron-store', () => ({
  default: class {
    get = (k: string) => disk.get(k);
    set = (k: string, v: unknown) => void disk.set(k, v);
    delete = (k: string) => void disk.delete(k);
  },
}));

const { SafeTokenStore } = await import('../../../electron/main/tokenStore.js');
const session: StoredSession = { server: 'https://sync.example', token: 'tok_do_not_leak_0123456789', user: { id: 'u1', username: 'alice', role: 'agent', team: 'A' }, expiresAt: '2026-11-25T02:00:00.000Z' };

beforeEach(() => {
  disk.clear();
  safe.available = true;
  safe.backend = 'gnome_libsecret';
});

describe('SafeTokenStore: the app keeps the session encrypted with safeStorage', () => {
  it('stores only ciphertext and reads the session back', async () => {
    const store = new SafeTokenStore();
    await store.save(session);
    const stored = String(disk.get('session'));
    expect(stored).not.toContain(session.token);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(session.token);
    expect(await store.load()).toEqual(session);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('refuses to store it where there is no real key store, instead of writing it in the clear', async () => {
    const store = new SafeTokenStore();
    safe.available = false;
    await expect(store.save(session)).rejects.toBeInstanceOf(TokenNotPersistedError);
    safe.available = true;
    safe.backend = 'basic_text';
    await expect(store.save(session)).rejects.toThrow(/no keyring/);
    expect(disk.size).toBe(0);
  });

  it('treats an unreadable or tampered ciphertext as no session', async () => {
    const store = new SafeTokenStore();
    disk.set('session', '');
    expect(await store.load()).toBeNull();
    disk.set('session', Buffer.from(Buffer.from('{"token":1}').map((b) => b ^ 0x5a)).toString('base64'));
    expect(await store.load()).toBeNull();
  });
});
