import path from 'node:path';
import { openPglite, openPostgres, type Db } from './db.js';
import { HttpError } from './errors.js';
import { FolderLock } from './folderLock.js';
import { migrate } from './migrations.js';

export interface StoreOptions {
  /** embedded: PGlite's files live in DIR/pgdata, the lock in DIR/LOCK */
  dataDir?: string;
  /** PostgreSQL; wins over dataDir */
  databaseUrl?: string;
}

export interface OpenStore {
  db: Db;
  /** e.g. `pglite:/srv/hotline` or `postgres://host/db` (no password) */
  where: string;
  close(): Promise<void>;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Opens (and migrates) the server's database; an embedded folder is locked to this process first. */
export async function openStore(opts: StoreOptions): Promise<OpenStore> {
  if (opts.databaseUrl) {
    const db = await openPostgres(opts.databaseUrl);
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return { db, where: redact(opts.databaseUrl), close: () => db.close() };
  }
  if (!opts.dataDir) throw new HttpError(400, 'BAD_REQUEST', 'Give a data folder (--data DIR) or set DATABASE_URL');
  const dir = path.resolve(opts.dataDir);
  const lock = FolderLock.acquire(dir);
  let db: Db | null = null;
  try {
    db = await openPglite(path.join(dir, 'pgdata'));
    await migrate(db);
  } catch (e) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
  const opened = db;
  return {
    db: opened,
    where: `pglite:${dir}`,
    async close() {
      try {
        await opened.close();
      } finally {
        lock.release();
      }
    },
  };
}
