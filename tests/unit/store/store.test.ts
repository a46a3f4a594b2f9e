import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES } from '../../../electron/core/store/index.js';
import { PAGE_CACHE_KIB } from '../../../electron/core/store/sqlite.js';
import { AppError } from '../../../shared/result.js';
import { crashCopy, ids, insert, MIGRATIONS, openStore, tempDir, threeWritesTwoCheckpoints } from './helpers.js';

function flipByte(file: string, at: (length: number) => number): void {
  const bytes = fs.readFileSync(file);
  const i = at(bytes.length);
  bytes[i] = (bytes[i] ?? 0) ^ 0xff;
  fs.writeFileSync(file, bytes);
}

/** Waits (turns of the event loop, at most 5 s) until `ok` holds. */
async function until(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Store: durable writes and the page log', () => {
  it('keeps every acknowledged write when the process dies without closing', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b']);
    const report = reopened.report();
    // the migrations table, two migrations, two inserts: each one committed record of pages, none replayed as SQL
    expect(report.journal.replayed).toBe(5);
    expect(report.healthy).toBe(true);
    reopened.close();
  });

  it('logs page images, not statements: the log holds no SQL text', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 5; i++) insert(store, `k${i}`);
    const log = fs.readFileSync(path.join(dir, FILES.wal));
    expect(log.includes('INSERT INTO items')).toBe(false);
    expect(log.includes('label k4')).toBe(true); // the row, inside a page image
    store.close();
  });

  it('applies the log idempotently over a database file that already holds part of it', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    const beforeCheckpoint = crashCopy(dir);
    store.checkpoint();
    const afterCheckpoint = crashCopy(dir);
    store.close();
    // A database file that holds a and b, with the log that wrote them still beside it (a crash before the log swap).
    fs.copyFileSync(path.join(beforeCheckpoint, FILES.wal), path.join(afterCheckpoint, FILES.wal));
    const reopened = await openStore(afterCheckpoint);
    expect(ids(reopened)).toEqual(['a', 'b']);
    insert(reopened, 'c');
    const crashed = crashCopy(afterCheckpoint);
    reopened.close();
    const again = await openStore(crashed);
    expect(ids(again)).toEqual(['a', 'b', 'c']);
    expect(again.report().integrity).toBe('not checked');
    expect(again.report({ integrity: true }).integrity).toBe('ok');
    again.close();
  });

  it('rolls back and logs nothing when the transaction throws', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const before = store.report().journal;
    expect(() =>
      store.write((w) => {
        w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['x', 'x', 1]);
        throw new AppError('VALIDATION_FAILED', 'nope');
      }),
    ).toThrow('nope');
    expect(ids(store)).toEqual([]);
    expect(store.report().journal).toEqual(before);
    store.close();
  });

  it('does not log a transaction that changed nothing', async () => {
    const store = await openStore(tempDir());
    const before = store.report().journal.entries;
    store.write((w) => w.get('SELECT count(*) AS c FROM items'));
    expect(store.report().journal.entries).toBe(before);
    store.close();
  });

  it('gives SQLite a page cache that holds the index pages a save walks at 100k tickets, also after a checkpoint', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const cacheKiB = () => store.read((r) => r.get<{ cache_size: number }>('PRAGMA cache_size')?.cache_size);
    expect(cacheKiB()).toBe(-PAGE_CACHE_KIB);
    insert(store, 'a');
    store.checkpoint();
    expect(cacheKiB()).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBeGreaterThanOrEqual(16 * 1024);
    store.close();
  });

  it('checkpoints after N log entries and when idle', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { checkpointEvery: 5, idleCheckpointMs: 30 });
    for (let i = 0; i < 6; i++) insert(store, `i${i}`);
    // The policy's checkpoint runs in the background, over a few turns of the event loop.
    await until(() => store.report().journal.entries === 0);
    expect(store.report().snapshot.seq).toBe(9);
    insert(store, 'late');
    expect(store.report().journal.entries).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    await until(() => store.report().journal.entries === 0);
    expect(store.report().lastCheckpointAt).not.toBeNull();
    store.close();
  });

  it('writes only the changed pages at a checkpoint, into the file in place', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 300; i++) insert(store, `bulk${String(i).padStart(4, '0')}`, i);
    store.checkpoint();
    const size = fs.statSync(path.join(dir, FILES.db)).size;
    const inode = fs.statSync(path.join(dir, FILES.db)).ino;
    insert(store, 'one-more');
    store.checkpoint();
    const stats = store.lastCheckpoint;
    expect(stats?.pages).toBeLessThanOrEqual(4);
    // two copies (file + backup) of a few pages, their manifest entries and the new log header
    expect(stats?.bytesWritten).toBeLessThan(2 * 4 * 4096 + 200);
    expect(stats?.bytesWritten).toBeLessThan(size);
    expect(fs.statSync(path.join(dir, FILES.db)).ino).toBe(inode);
    store.close();
  });
});

describe('Store: damaged files', () => {
  it('ignores a torn last record and keeps every commit before it', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    const log = path.join(crashed, FILES.wal);
    const full = fs.readFileSync(log);
    // The start of a third record: magic, 2 pages, seq — then the crash.
    const torn = Buffer.alloc(40);
    torn.writeUInt32LE(0x32435748, 0);
    torn.writeUInt32LE(2, 4);
    fs.appendFileSync(log, torn);
    let reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b']);
    expect(reopened.report().journal.tornTail).toBe(true);
    expect(reopened.report().healthy).toBe(true);
    expect(fs.readFileSync(log).length).toBe(full.length);
    insert(reopened, 'c');
    const again = crashCopy(crashed);
    reopened.close();
    reopened = await openStore(again);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    reopened.close();
  });

  it('ignores a last record whose checksum fails (cut inside its pages)', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    const withA = fs.statSync(path.join(dir, FILES.wal)).size;
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    const log = path.join(crashed, FILES.wal);
    fs.truncateSync(log, fs.statSync(log).size - 100);
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a']);
    expect(reopened.report().journal.tornTail).toBe(true);
    expect(fs.statSync(log).size).toBe(withA);
    reopened.close();
  });

  it('treats a zero-filled tail (power cut) as torn, not as damage', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    const crashed = crashCopy(dir);
    store.close();
    fs.appendFileSync(path.join(crashed, FILES.wal), Buffer.alloc(4096));
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a']);
    reopened.close();
  });

  it('refuses to open when a record in the middle of the log is damaged', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    insert(store, 'c');
    const crashed = crashCopy(dir);
    store.close();
    const log = path.join(crashed, FILES.wal);
    const bytes = fs.readFileSync(log);
    const at = bytes.indexOf('label b');
    bytes[at] = 0x4c;
    fs.writeFileSync(log, bytes);
    await expect(openStore(crashed)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.readFileSync(log).equals(bytes)).toBe(true);
    // the refused open released the folder again
    expect(fs.existsSync(path.join(crashed, 'LOCK'))).toBe(false);
  });

  it('recovers from the backup plus the log when the database file is damaged', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    flipByte(path.join(crashed, FILES.db), (n) => n - 100);
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    const report = reopened.report();
    expect(report.healthy).toBe(false);
    expect(report.problems.join(' ')).toMatch(/database file store.db is damaged: checksum mismatch on page/);
    expect(report.problems.join(' ')).toMatch(/recovered from the backup plus the log/);
    expect(fs.readdirSync(crashed).some((f) => f.startsWith('store.damaged-'))).toBe(true);
    insert(reopened, 'd');
    reopened.close();
    // the recovery rewrote the database file: the next open is healthy and complete
    const clean = await openStore(crashed);
    expect(ids(clean)).toEqual(['a', 'b', 'c', 'd']);
    expect(clean.report({ integrity: true }).healthy).toBe(true);
    clean.close();
  });

  it('recovers when the database file is missing or its manifest is damaged', async () => {
    const missing = await threeWritesTwoCheckpoints();
    fs.rmSync(path.join(missing, FILES.db));
    const a = await openStore(missing);
    expect(ids(a)).toEqual(['a', 'b', 'c']);
    a.close();
    const badSums = await threeWritesTwoCheckpoints();
    flipByte(path.join(badSums, FILES.sums), () => 3);
    const b = await openStore(badSums);
    expect(ids(b)).toEqual(['a', 'b', 'c']);
    expect(b.report().problems.join(' ')).toMatch(/manifest damaged/);
    b.close();
  });

  it('has doctor report a damaged backup, and the next checkpoint rewrites it whole', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    flipByte(path.join(crashed, FILES.backup), (n) => n - 50);
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    expect(reopened.report().healthy).toBe(true); // a normal open never reads the backup
    const doctor = reopened.report({ integrity: true });
    expect(doctor.healthy).toBe(false);
    expect(doctor.problems.join(' ')).toMatch(/backup backup.db is damaged/);
    reopened.close(); // checkpoints and rewrites the backup
    // the database file is now damaged too: the rewritten backup must carry everything
    flipByte(path.join(crashed, FILES.db), (n) => n - 50);
    const fallback = await openStore(crashed);
    expect(ids(fallback)).toEqual(['a', 'b', 'c']);
    fallback.close();
  });

  it('never starts empty over existing data when the file and its backup are both damaged', async () => {
    const dir = await threeWritesTwoCheckpoints();
    for (const f of [FILES.db, FILES.backup]) flipByte(path.join(dir, f), (n) => n - 100);
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('refusing to start empty') as unknown as string });
    for (const f of [FILES.db, FILES.backup]) fs.rmSync(path.join(dir, f));
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('refuses to open when the log is missing or is not a log', async () => {
    const dir = await threeWritesTwoCheckpoints();
    fs.writeFileSync(path.join(dir, FILES.wal), 'not a log');
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    fs.rmSync(path.join(dir, FILES.wal));
    await expect(openStore(dir)).rejects.toThrow(/missing/);
  });

  it('refuses a log that does not continue the database file (commits missing in between)', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    store.checkpoint();
    const early = crashCopy(dir); // files at a, empty log
    insert(store, 'b');
    store.checkpoint();
    insert(store, 'c');
    const late = crashCopy(dir); // files at b, log holds c
    store.close();
    fs.copyFileSync(path.join(late, FILES.wal), path.join(early, FILES.wal));
    await expect(openStore(early)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('does not continue') as unknown as string });
  });
});

describe('Store: a crash at every step of a checkpoint', () => {
  it('opens with exactly the acknowledged writes whichever file operation the crash follows', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 40; i++) insert(store, `a${String(i).padStart(2, '0')}`, i);
    store.checkpoint();
    for (let i = 0; i < 40; i++) insert(store, `b${String(i).padStart(2, '0')}`, i);
    store.write((w) => w.run("DELETE FROM items WHERE id LIKE 'a1%'"));
    const expected = ids(store);
    // Copy the folder as a crash would leave it after each write, fsync and rename of the checkpoint.
    const states: string[] = [];
    const originals = { writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, renameSync: fs.renameSync, ftruncateSync: fs.ftruncateSync };
    const wrap = <K extends keyof typeof originals>(k: K) => {
      (fs as unknown as Record<string, unknown>)[k] = (...args: unknown[]) => {
        const r = (originals[k] as (...a: unknown[]) => unknown)(...args);
        states.push(crashCopy(dir));
        return r;
      };
    };
    for (const k of Object.keys(originals) as (keyof typeof originals)[]) wrap(k);
    try {
      store.checkpoint();
    } finally {
      Object.assign(fs, originals);
    }
    store.close();
    expect(states.length).toBeGreaterThan(8);
    for (const state of states) {
      const reopened = await openStore(state);
      expect(ids(reopened)).toEqual(expected);
      reopened.close();
    }
  });
});

describe('Store: migrations', () => {
  it('applies pending migrations in order and records their ids', async () => {
    const dir = tempDir();
    let store = await openStore(dir, { migrations: MIGRATIONS.slice(0, 1) });
    expect(store.report().migrations).toEqual(['0001_items']);
    store.close();
    store = await openStore(dir);
    expect(store.report().migrations).toEqual(['0001_items', '0002_notes']);
    store.write((w) => w.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['n', 'ok']));
    store.close();
  });

  it('fails clearly when the folder has a migration this version does not know', async () => {
    const dir = tempDir();
    (await openStore(dir)).close();
    await expect(openStore(dir, { migrations: MIGRATIONS.slice(0, 1) })).rejects.toMatchObject({
      code: 'MIGRATION_MISMATCH',
      message: expect.stringContaining('0002_notes') as unknown as string,
    });
  });

  it('fails clearly when an applied migration was changed', async () => {
    const dir = tempDir();
    (await openStore(dir)).close();
    const edited = [{ ...MIGRATIONS[0]!, sql: `${MIGRATIONS[0]!.sql} CREATE INDEX x ON items(n);` }, MIGRATIONS[1]!];
    await expect(openStore(dir, { migrations: edited })).rejects.toMatchObject({ code: 'MIGRATION_MISMATCH' });
  });
});
