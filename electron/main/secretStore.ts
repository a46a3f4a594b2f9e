import { safeStorage } from 'electron';
import ElectronStore from 'electron-store';
import { z } from 'zod';
import { SecretNotPersistedError, type SecretName, type SecretStore } from '../core/desk/secrets.js';

/**
 * This PC's other secrets (the call-control connector's token), kept as the
 * sign-in session is (tokenStore.ts): safeStorage ciphertext in electron-store
 * (secrets.json under userData), refused where the OS offers no real key store.
 */
export class SafeSecretStore implements SecretStore {
  private readonly store = new ElectronStore<Record<string, unknown>>({ name: 'secrets', clearInvalidConfig: true, configFileMode: 0o600 });

  private unavailable(): string | null {
    if (!safeStorage.isEncryptionAvailable()) return 'this PC offers no secure storage for it';
    if (process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return 'no keyring (GNOME Keyring or KWallet) is available on this PC';
    }
    return null;
  }

  load(name: SecretName): Promise<string | null> {
    const cipher = z.string().min(1).safeParse(this.store.get(name));
    if (!cipher.success || this.unavailable()) return Promise.resolve(null);
    try {
      return Promise.resolve(safeStorage.decryptString(Buffer.from(cipher.data, 'base64')));
    } catch {
      // Encrypted by another OS account or a replaced keyring: the admin enters it again.
      return Promise.resolve(null);
    }
  }

  save(name: SecretName, value: string): Promise<void> {
    const why = this.unavailable();
    if (why) return Promise.reject(new SecretNotPersistedError(why));
    this.store.set(name, safeStorage.encryptString(value).toString('base64'));
    return Promise.resolve();
  }

  clear(name: SecretName): Promise<void> {
    this.store.delete(name);
    return Promise.resolve();
  }
}
