import { safeStorage } from 'electron';
import ElectronStore from 'electron-store';
import { z } from 'zod';
import { StoredSessionSchema, TokenNotPersistedError, type StoredSession, type TokenStore } from '../core/sync/session.js';

/**
 * The app's sign-in session, encrypted with Electron safeStorage (DPAPI,
 * Keychain, libsecret/kwallet) and kept as ciphertext in electron-store
 * (sync-session.json under userData). Never stored in plain text: where the
 * OS offers no real key store, saving is refused and the core keeps the
 * session in memory only (its status says so).
 */
export class SafeTokenStore implements TokenStore {
  private readonly store = new ElectronStore<Record<string, unknown>>({ name: 'sync-session', clearInvalidConfig: true, configFileMode: 0o600 });

  /** Why sessions cannot be kept safely here, or null if they can. */
  private unavailable(): string | null {
    if (!safeStorage.isEncryptionAvailable()) return 'this PC offers no secure storage for it';
    // Linux without a keyring falls back to a key built into Chromium: that is not protection.
    if (process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return 'no keyring (GNOME Keyring or KWallet) is available on this PC';
    }
    return null;
  }

  load(): Promise<StoredSession | null> {
    const cipher = z.string().min(1).safeParse(this.store.get('session'));
    if (!cipher.success || this.unavailable()) return Promise.resolve(null);
    try {
      const parsed = StoredSessionSchema.safeParse(JSON.parse(safeStorage.decryptString(Buffer.from(cipher.data, 'base64'))));
      return Promise.resolve(parsed.success ? parsed.data : null);
    } catch {
      // Encrypted by another OS account or a replaced keyring: sign in again.
      return Promise.resolve(null);
    }
  }

  save(session: StoredSession): Promise<void> {
    const why = this.unavailable();
    if (why) return Promise.reject(new TokenNotPersistedError(why));
    this.store.set('session', safeStorage.encryptString(JSON.stringify(StoredSessionSchema.parse(session))).toString('base64'));
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.store.delete('session');
    return Promise.resolve();
  }
}
