import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Named secrets of this PC that are not the sign-in session (today: the
 * call-control connector's token, `phone-connector`; the softphone's SIP
 * password, `softphone-password`). Kept where the sync
 * token is kept and never in the data folder's database: Electron
 * safeStorage in the app, a 0600 file for the CLI and the preview, memory in
 * tests. A copied or backed-up database carries none of them.
 */
export const SecretNameSchema = z.enum(['phone-connector', 'softphone-password']);
export type SecretName = z.infer<typeof SecretNameSchema>;
export const SecretValueSchema = z.string().min(1).max(4096);

export interface SecretStore {
  load(name: SecretName): Promise<string | null>;
  /** Rejects with SecretNotPersistedError when it cannot be kept safely: the caller keeps it in memory and says so. */
  save(name: SecretName, value: string): Promise<void>;
  clear(name: SecretName): Promise<void>;
}

export class SecretNotPersistedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretNotPersistedError';
  }
}

/** Secrets that end with the process: tests, and hosts without a safe place for them. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();
  load(name: SecretName): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }
  save(name: SecretName, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }
  clear(name: SecretName): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }
}

export const SECRETS_FILE = 'secrets.json';
const FileSchema = z.record(z.string(), z.string());

/**
 * The CLI's and the preview's secrets: `DIR/secrets.json`, owner read/write
 * only (0600) inside the 0700 data folder, written as FileTokenStore writes
 * the session (a 0600 temp file, fsync, rename, mode checked after).
 */
export class FileSecretStore implements SecretStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE);
  }

  private read(): Record<string, string> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    restrict(this.file);
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private write(values: Record<string, string>): void {
    if (Object.keys(values).length === 0) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.rmSync(tmp, { force: true });
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(values));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    restrict(tmp);
    fs.renameSync(tmp, this.file);
    restrict(this.file);
  }

  load(name: SecretName): Promise<string | null> {
    const value = this.read()[name];
    return Promise.resolve(value !== undefined && SecretValueSchema.safeParse(value).success ? value : null);
  }

  save(name: SecretName, value: string): Promise<void> {
    this.write({ ...this.read(), [name]: SecretValueSchema.parse(value) });
    return Promise.resolve();
  }

  clear(name: SecretName): Promise<void> {
    const { [name]: _gone, ...rest } = this.read();
    this.write(rest);
    return Promise.resolve();
  }
}

function restrict(file: string): void {
  if (process.platform === 'win32') return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}
