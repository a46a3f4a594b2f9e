import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretNotPersistedError } from '../../../electron/core/desk/secrets.js';

/** Electron's safeStorage and electron-store, reduced to what SafeSecretStore uses (as safeTokenStore.test.ts). */
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

const { SafeSecretStore } = await import('../../../electron/main/secretStore.js');
const TOKEN = 'connector_token_do_not_leak_0123';

beforeEach(() => {
  disk.clear();
  safe.available = true;
  safe.backend = 'gnome_libsecret';
});

describe('SafeSecretStore: the app keeps the connector token encrypted, as the session', () => {
  it('stores only ciphertext and reads it back; clear forgets it', async () => {
    const store = new SafeSecretStore();
    await store.save('phone-connector', TOKEN);
    const stored = String(disk.get('phone-connector'));
    expect(stored).not.toContain(TOKEN);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(TOKEN);
    expect(await store.load('phone-connector')).toBe(TOKEN);
    await store.clear('phone-connector');
    expect(await store.load('phone-connector')).toBeNull();
  });

  it('refuses to store it without a real key store, instead of writing it in the clear', async () => {
    const store = new SafeSecretStore();
    safe.available = false;
    await expect(store.save('phone-connector', TOKEN)).rejects.toBeInstanceOf(SecretNotPersistedError);
    safe.available = true;
    safe.backend = 'basic_text';
    await expect(store.save('phone-connector', TOKEN)).rejects.toThrow(/no keyring/);
    expect(disk.size).toBe(0);
  });

  it('reads an unreadable ciphertext as not set', async () => {
    disk.set('phone-connector', '');
    expect(await new SafeSecretStore().load('phone-connector')).toBeNull();
  });
});
