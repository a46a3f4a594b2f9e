import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../electron/core/store/index.js';
import { crashCopy, ids, insert, openStore, tempDir } from './helpers.js';

/**
 * The failure branches of a write (issue 18): each answers a coded error,
 * changes nothing (in memory and in the report), and a reopen of the folder
 * as a crash right after would leave it shows exactly the acknowledged writes.
 */
const stores: Store[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) if (!s.isClosed) s.close();
});
async function open(dir: string, extra: Parameters<typeof openStore>[1] = {}): Promise<Store> {
  const s = await openStore(dir, extra);
  stores.push(s);
  return s;
}

async function expectOnlyAcknowledged(store: Store, dir: string, acknowledged: string[], extra: Parameters<typeof openStore>[1] = {}): Promise<void> {
  expect(ids(store)).toEqual(acknowledged);
  const reopened = await open(crashCopy(dir), extra);
  expect(ids(reopened)).toEqual(acknowledged);
  expect(reopened.report({ integrity: true }).integrity).toBe('ok');
}

describe('Store: a write that fails', () => {
  it('answers STORE_WRITE_FAILED when the log append fails, and keeps serving', async () => {
    const dir = tempDir();
    const store = await open(dir);
    insert(store, 'a');
    const before = store.report().journal;
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    });
    expect(() => insert(store, 'b')).toThrow(expect.objectContaining({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('nothing was saved') as unknown as string }));
    expect(store.report().journal).toEqual(before);
    await expectOnlyAcknowledged(store, dir, ['a']);
    insert(store, 'c');
    await expectOnlyAcknowledged(store, dir, ['a', 'c']);
  });

  it('answers STORE_WRITE_FAILED when the fsync after the append fails, and the bytes that reached the log are cut', async () => {
    const dir = tempDir();
    const store = await open(dir);
    insert(store, 'a');
    const logBytes = store.report().journal.bytes;
    vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    });
    expect(() => insert(store, 'b')).toThrow(expect.objectContaining({ code: 'STORE_WRITE_FAILED' }));
    // the record was written whole before the fsync failed: it must not survive as if committed
    expect(fs.statSync(`${dir}/wal.log`).size).toBe(logBytes);
    await expectOnlyAcknowledged(store, dir, ['a']);
  });

  it('answers STORE_WRITE_FAILED when the in-memory commit fails, logging nothing', async () => {
    const dir = tempDir();
    const migrations = {
      migrations: [
        { id: '0001_items', sql: 'CREATE TABLE items (id TEXT PRIMARY KEY, label TEXT NOT NULL, n INTEGER NOT NULL);' },
        { id: '0002_refs', sql: 'CREATE TABLE refs (id TEXT PRIMARY KEY, item TEXT REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED);' },
      ],
    };
    const store = await open(dir, migrations);
    insert(store, 'a');
    const before = store.report().journal;
    // A deferred foreign key is checked at COMMIT: the statement succeeds, the commit does not.
    expect(() => store.write((w) => w.run('INSERT INTO refs (id, item) VALUES (?, ?)', ['r', 'missing']))).toThrow(
      expect.objectContaining({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('could not be committed') as unknown as string }),
    );
    expect(store.report().journal).toEqual(before);
    expect(store.read((r) => r.all('SELECT * FROM refs'))).toEqual([]);
    await expectOnlyAcknowledged(store, dir, ['a'], migrations);
    insert(store, 'b');
    await expectOnlyAcknowledged(store, dir, ['a', 'b'], migrations);
  });

  it('answers STORE_WRITE_FAILED for a write started inside a write; the outer one still commits', async () => {
    const dir = tempDir();
    const store = await open(dir);
    let inner: unknown = null;
    store.write((w) => {
      w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['outer', 'x', 1]);
      try {
        insert(store, 'inner');
      } catch (e) {
        inner = e;
      }
    });
    expect(inner).toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('inside another write') as unknown as string });
    await expectOnlyAcknowledged(store, dir, ['outer']);
  });

  it('answers STORE_WRITE_FAILED for a checkpoint inside a write, which then rolls back whole', async () => {
    const dir = tempDir();
    const store = await open(dir);
    insert(store, 'a');
    const before = store.report();
    expect(() =>
      store.write((w) => {
        w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['b', 'x', 1]);
        store.checkpoint();
      }),
    ).toThrow(expect.objectContaining({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('inside a write') as unknown as string }));
    expect(store.report().snapshot).toEqual(before.snapshot);
    expect(store.report().journal).toEqual(before.journal);
    await expectOnlyAcknowledged(store, dir, ['a']);
  });

  it('keeps the log whole when a checkpoint fails half-way, and the next one completes', async () => {
    const dir = tempDir();
    const store = await open(dir);
    insert(store, 'a');
    insert(store, 'b');
    const real = fs.fsyncSync;
    let calls = 0;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      calls += 1;
      if (calls === 3) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      real(fd);
    });
    expect(() => store.checkpoint()).toThrow(/EIO/);
    vi.restoreAllMocks();
    expect(store.report().journal.entries).toBeGreaterThan(0);
    await expectOnlyAcknowledged(store, dir, ['a', 'b']);
    store.checkpoint();
    expect(store.report().journal.entries).toBe(0);
    await expectOnlyAcknowledged(store, dir, ['a', 'b']);
  });
});
