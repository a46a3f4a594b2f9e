import fs from 'node:fs';
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

/**
 * PostgreSQL rewrites its relation-cache file at every start with the C
 * library's default mode (0644 under PGlite): it holds the catalog's layout,
 * no data, and sits in a 0700 folder. It is tightened, never a reason to
 * refuse the folder.
 */
const REWRITTEN_BY_POSTGRES = new Set(['pg_internal.init']);

function loose(mode: number): boolean {
  return (mode & 0o077) !== 0;
}

/**
 * Written once the folder's modes are in the server's hands: a folder
 * without it was made by a server before modes were kept (tightened once,
 * silently, on its first start); a folder with it that is loose again was
 * loosened by someone, and is refused.
 */
export const PRIVATE_MARKER = 'PRIVATE';

/** What the server keeps in its data folder; anything else there is left alone. */
const OWNED = new Set(['pgdata', 'LOCK', PRIVATE_MARKER]);

/** Every entry below `dir` (not following symbolic links), parents first; at the top only `only`. */
function walk(dir: string, visit: (p: string, st: fs.Stats) => void, only?: ReadonlySet<string>): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (only && !only.has(name)) continue;
    const p = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile
      throw e;
    }
    visit(p, st);
    if (st.isDirectory()) walk(p, visit);
  }
}


/**
 * The embedded data folder holds password hashes and every ticket: it and
 * everything in it is for the server's own user only, 0700 for folders and
 * 0600 for files, whatever the umask (PGlite writes the files of a new
 * database 0666 itself). Refuses to start on a folder someone loosened,
 * naming the first such entry and the fix, rather than serve from it.
 */
export function checkFolderModes(dir: string): void {
  if (!fs.existsSync(dir) || process.platform === 'win32') return;
  const refuse = (p: string, st: fs.Stats): never => {
    throw new HttpError(
      500,
      'DATA_FOLDER_INSECURE',
      `${p} is readable or writable by other users of this machine (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); the data folder holds password hashes and customer data. ` +
        `Make it private to the server's user again (chmod -R go-rwx ${dir}) and start the server again.`,
    );
  };
  const top = fs.statSync(dir);
  if (loose(top.mode)) refuse(dir, top);
  walk(
    dir,
    (p, st) => {
      if (st.isSymbolicLink() || !loose(st.mode)) return;
      if (st.isFile() && REWRITTEN_BY_POSTGRES.has(path.basename(p))) return;
      refuse(p, st);
    },
    OWNED,
  );
}

/** Makes the folder and everything the server keeps in it 0700 / 0600 (after PGlite created or rewrote files). */
export function tightenFolder(dir: string): void {
  if (process.platform === 'win32') return;
  fs.chmodSync(dir, 0o700);
  walk(
    dir,
    (p, st) => {
      if (st.isSymbolicLink()) return;
      const want = st.isDirectory() ? 0o700 : 0o600;
      if ((st.mode & 0o777 & ~want) !== 0) fs.chmodSync(p, st.mode & 0o777 & want);
    },
    OWNED,
  );
}

/** Creates `dir` (and missing parents) private to this user, whatever the umask. */
function makePrivateDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    fs.mkdirSync(d, { mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(d, 0o700);
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
  // Checked before anything is opened or written: a loosened folder is refused as it was found.
  // A folder an older server made (no marker) is made private once instead.
  if (fs.existsSync(path.join(dir, PRIVATE_MARKER))) checkFolderModes(dir);
  else if (fs.existsSync(dir) && process.platform !== 'win32') tightenFolder(dir);
  makePrivateDir(dir);
  const lock = FolderLock.acquire(dir);
  let db: Db | null = null;
  try {
    makePrivateDir(path.join(dir, 'pgdata'));
    db = await openPglite(path.join(dir, 'pgdata'));
    await migrate(db);
    tightenFolder(dir);
    if (!fs.existsSync(path.join(dir, PRIVATE_MARKER))) fs.writeFileSync(path.join(dir, PRIVATE_MARKER), 'The modes of this folder are kept 0700 / 0600 by the server; a looser one is refused at start.\n', { mode: 0o600 });
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
        try {
          // Files PostgreSQL rewrote while running (its relation cache) go back to 0600 too.
          tightenFolder(dir);
        } catch {
          // a folder removed or unreadable by now: checkFolderModes says so at the next start
        }
      } finally {
        lock.release();
      }
    },
  };
}
