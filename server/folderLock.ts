import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { HttpError } from './errors.js';

const LOCK_FILE = 'LOCK';
const LockInfoSchema = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string() });
type LockInfo = z.infer<typeof LockInfoSchema>;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function inUse(message: string): HttpError {
  return new HttpError(409, 'DATA_FOLDER_IN_USE', message);
}

/**
 * An embedded data folder belongs to one process: PGlite is a single-user
 * PostgreSQL, and two of them on one folder corrupt it. The lock file names
 * the owner; a lock left by a process that no longer exists (a crash, a power
 * cut) is taken over. Creation with 'wx' (O_EXCL) is atomic, so two processes
 * racing for a stale lock cannot both win. Same rules as the workstation's
 * own data-folder lock (electron/core/store/lock.ts).
 */
export class FolderLock {
  private constructor(
    private readonly file: string,
    private readonly info: LockInfo,
  ) {}

  static acquire(dataDir: string): FolderLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, JSON.stringify(info));
        } finally {
          fs.closeSync(fd);
        }
        return new FolderLock(file, info);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(file);
      const stale = holder === null ? FolderLock.unreadableIsStale(file) : holder.host === os.hostname() && !isAlive(holder.pid);
      if (!stale && holder) {
        const who = holder.pid === process.pid ? 'this process' : `process ${holder.pid}`;
        throw inUse(`Data folder ${dataDir} is in use by ${who} on ${holder.host} since ${holder.startedAt} (a running server?). Stop it first, or use its HTTP API.`);
      }
      if (!stale) throw inUse(`Data folder ${dataDir} is being opened by another process. Try again in a moment.`);
      fs.rmSync(file, { force: true });
    }
    throw inUse(`Could not take the lock on data folder ${dataDir}.`);
  }

  /** An empty or garbled lock left by a crash between create and write; a recent one may still be being written. */
  private static unreadableIsStale(file: string): boolean {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 2_000;
    } catch {
      return true;
    }
  }

  release(): void {
    const holder = readLock(this.file);
    if (holder && holder.pid === this.info.pid && holder.startedAt === this.info.startedAt) fs.rmSync(this.file, { force: true });
  }
}
