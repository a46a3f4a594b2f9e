import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { AppError } from '../../../shared/result.js';

const LOCK_FILE = 'LOCK';

/** `thread`: the worker thread that holds it (0: a process's main thread); absent in locks written before it existed. */
const LockInfoSchema = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string(), thread: z.number().int().optional() });
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

/**
 * One writer per data folder. The lock file names the owning process; a lock
 * left by a process that no longer exists (a crash, a power cut) is taken
 * over, a live one is refused with DATA_FOLDER_IN_USE. Creation with 'wx' is
 * atomic, so two processes racing for a stale lock cannot both win.
 */
export class FolderLock {
  private constructor(
    private readonly file: string,
    private readonly info: LockInfo,
  ) {}

  static acquire(dataDir: string): FolderLock {
    const file = path.join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), thread: threadId };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        // No fsync: after a power cut an empty or stale lock is taken over anyway,
        // and an fsync here would wait for every dirty page of the file system.
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
        throw new AppError(
          'DATA_FOLDER_IN_USE',
          `Data folder ${dataDir} is in use by ${who} on ${holder.host} since ${holder.startedAt}. Close the other window or command first.`,
        );
      }
      if (!stale) {
        throw new AppError('DATA_FOLDER_IN_USE', `Data folder ${dataDir} is being opened by another process. Try again in a moment.`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new AppError('DATA_FOLDER_IN_USE', `Could not take the lock on data folder ${dataDir}.`);
  }

  /** An empty or garbled lock left by a crash between create and write. Recent ones may still be being written. */
  private static unreadableIsStale(file: string): boolean {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 2_000;
    } catch {
      return true;
    }
  }

  /**
   * After the core's worker thread `thread` of this process has ended without
   * closing (a crash): its lock is abandoned, though the process still lives,
   * and a new worker may take the folder over. A lock of any other process
   * or thread is left alone. Call only once the thread's 'exit' has fired.
   */
  static releaseAbandoned(dataDir: string, thread: number): boolean {
    const file = path.join(dataDir, LOCK_FILE);
    const holder = readLock(file);
    if (!holder || holder.pid !== process.pid || holder.host !== os.hostname() || holder.thread !== thread) return false;
    fs.rmSync(file, { force: true });
    return true;
  }

  release(): void {
    const holder = readLock(this.file);
    if (holder && holder.pid === this.info.pid && holder.startedAt === this.info.startedAt) {
      fs.rmSync(this.file, { force: true });
    }
  }
}
