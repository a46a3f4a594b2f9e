import fs from 'node:fs';
import path from 'node:path';
import { StoredSessionSchema, type StoredSession, type TokenStore } from './session.js';

export const SESSION_FILE = 'sync-session.json';

/**
 * The CLI's and the preview's token store: `DIR/sync-session.json`, owner
 * read/write only (0600) inside the 0700 data folder. Written to a temp file
 * created 0600 (never readable by others, not even for a moment), fsync'd and
 * renamed over the old one; the mode is verified after the rename and
 * tightened if a umask or a copy ever loosened it.
 */
export class FileTokenStore implements TokenStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SESSION_FILE);
  }

  load(): Promise<StoredSession | null> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve(null);
      throw e;
    }
    restrict(this.file);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return Promise.resolve(null);
    }
    const parsed = StoredSessionSchema.safeParse(raw);
    return Promise.resolve(parsed.success ? parsed.data : null);
  }

  save(session: StoredSession): Promise<void> {
    const data = JSON.stringify(StoredSessionSchema.parse(session));
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.rmSync(tmp, { force: true });
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    restrict(tmp);
    fs.renameSync(tmp, this.file);
    restrict(this.file);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    fs.rmSync(this.file, { force: true });
    return Promise.resolve();
  }
}

function restrict(file: string): void {
  if (process.platform === 'win32') return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}
