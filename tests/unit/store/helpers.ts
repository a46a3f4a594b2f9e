import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store, type Migration } from '../../../electron/core/store/index.js';

export const MIGRATIONS: Migration[] = [
  { id: '0001_items', sql: 'CREATE TABLE items (id TEXT PRIMARY KEY, label TEXT NOT NULL, n INTEGER NOT NULL);' },
  { id: '0002_notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT);' },
];

export function tempDir(prefix = 'hw-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openStore(dataDir: string, extra: Partial<Parameters<typeof Store.open>[0]> = {}): Promise<Store> {
  return Store.open({ dataDir, migrations: MIGRATIONS, idleCheckpointMs: 0, log: () => undefined, ...extra });
}

export function insert(store: Store, id: string, n = 0): void {
  store.write((w) => w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', [id, `label ${id}`, n]));
}

export function ids(store: Store): string[] {
  return store.read((r) => r.all<{ id: string }>('SELECT id FROM items ORDER BY id')).map((r) => r.id);
}

/**
 * The files exactly as a crash would leave them: copied while the store is
 * still open (nothing flushed on close), without the lock of the live process.
 */
export function crashCopy(dataDir: string): string {
  const copy = tempDir('hw-crash-');
  for (const f of fs.readdirSync(dataDir)) if (f !== 'LOCK') fs.copyFileSync(path.join(dataDir, f), path.join(copy, f));
  return copy;
}

/**
 * a → checkpoint → b → checkpoint → c, then the files as a crash leaves them:
 * the database file and its backup (a, b) and the log (c).
 */
export async function threeWritesTwoCheckpoints(): Promise<string> {
  const dir = tempDir();
  const store = await openStore(dir);
  insert(store, 'a');
  store.checkpoint();
  insert(store, 'b');
  store.checkpoint();
  insert(store, 'c');
  const crashed = crashCopy(dir);
  store.close();
  return crashed;
}
