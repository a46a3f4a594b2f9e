import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FILES, type Store } from '../../../electron/core/store/index.js';
import { AppError } from '../../../shared/result.js';
import { crashCopy, ids, insert, openStore, tempDir } from './helpers.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (!s.isClosed) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
async function open(dir: string): Promise<Store> {
  const s = await openStore(dir);
  stores.push(s);
  return s;
}
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
function copy(d: string): string {
  const c = crashCopy(d);
  dirs.push(c);
  return c;
}

function bulkInsert(store: Store, from: number, count: number, during?: () => void, durable = true): void {
  store.bulkWrite(
    (w) => {
      for (let i = from; i < from + count; i++) w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', [`b${String(i).padStart(5, '0')}`, 'bulk', i]);
      during?.();
    },
    { durable },
  );
}
const unsaved = (store: Store, from: number, count: number): void => bulkInsert(store, from, count, undefined, false);

describe('Store.bulkWrite: one transaction of pages, durable on return', () => {
  it('is on disk when it returns: a crash right after keeps the batch and the writes around it', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    bulkInsert(store, 0, 500);
    insert(store, 'z');
    const crashed = await open(copy(d));
    const got = ids(crashed);
    expect(got).toHaveLength(502);
    expect(got[0]).toBe('a');
    expect(got.at(-1)).toBe('z');
  });

  it('loses only that batch when the process dies before it returns', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    let midway = '';
    bulkInsert(store, 0, 100, () => (midway = copy(d)));
    const a = await open(midway);
    expect(ids(a)).toEqual(['a']);
    expect(a.report().healthy).toBe(true);
    insert(a, 'after-crash');
    expect(ids(a)).toEqual(['a', 'after-crash']);
  });

  it('rolls everything back and writes nothing when the function throws, even after SQLite spilled pages to the file', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    const before = store.report().journal;
    expect(() =>
      store.bulkWrite((w) => {
        // a small page cache makes SQLite write pages before COMMIT; the rollback writes them back
        w.run('PRAGMA cache_size = 10');
        for (let i = 0; i < 3000; i++) w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', [`x${i}`, 'x'.repeat(200), i]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ids(store)).toEqual(['a']);
    expect(store.report().journal).toEqual(before);
    insert(store, 'b');
    expect(ids(await open(copy(d)))).toEqual(['a', 'b']);
  });

  it('keeps a batch through a damaged database file (backup + log)', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    store.checkpoint();
    insert(store, 'b');
    bulkInsert(store, 0, 50);
    insert(store, 'c');
    store.checkpoint();
    const crashed = copy(d);
    const file = path.join(crashed, FILES.db);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const recovered = await open(crashed);
    expect(ids(recovered)).toHaveLength(53);
    expect(recovered.report().problems.join('; ')).toMatch(/recovered from the backup/);
  });

  it('answers a coded error and changes nothing when the batch cannot be logged', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    const spy = vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(() => bulkInsert(store, 0, 10)).toThrow(AppError);
    spy.mockRestore();
    expect(ids(store)).toEqual(['a']);
    insert(store, 'b');
    expect(ids(await open(copy(d)))).toEqual(['a', 'b']);
  });
});

describe('Store.bulkWrite({ durable: false }): logged with the next durable write, checkpoint or close', () => {
  it('is not on disk yet: a crash loses the unsaved batches and only them', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    bulkInsert(store, 0, 10);
    const entries = store.report().journal.entries;
    unsaved(store, 10, 10);
    unsaved(store, 20, 10);
    expect(store.report().journal.entries).toBe(entries);
    expect(ids(store)).toHaveLength(31);
    const crashed = await open(copy(d));
    expect(ids(crashed)).toHaveLength(11); // a + the durable batch
    expect(crashed.report().healthy).toBe(true);
  });

  it('goes into the log with the next write, which may build on it', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    unsaved(store, 0, 10);
    store.write((w) => w.run("UPDATE items SET label = 'edited' WHERE id = 'b00003'"));
    const crashed = await open(copy(d));
    expect(ids(crashed)).toHaveLength(11);
    expect(crashed.read((r) => r.get<{ label: string }>("SELECT label FROM items WHERE id = 'b00003'"))?.label).toBe('edited');
  });

  it('is saved by a later durable batch, by close, and by a checkpoint', async () => {
    const d1 = dir();
    const s1 = await open(d1);
    unsaved(s1, 0, 10);
    bulkInsert(s1, 10, 10);
    expect(ids(await open(copy(d1)))).toHaveLength(20);

    const d2 = dir();
    const s2 = await open(d2);
    unsaved(s2, 0, 10);
    s2.close();
    expect(ids(await open(d2))).toHaveLength(10);

    const d3 = dir();
    const s3 = await open(d3);
    insert(s3, 'a');
    unsaved(s3, 0, 10);
    s3.checkpoint();
    expect(ids(await open(copy(d3)))).toHaveLength(11);
  });

  it('refuses the write that would log it when the log cannot be written, and keeps nothing of either', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    unsaved(store, 0, 10);
    const spy = vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(() => insert(store, 'b')).toThrow(AppError);
    spy.mockRestore();
    // memory was rebuilt from the files: the unsaved batch is gone with the refused write, as after a crash
    expect(ids(store)).toEqual(['a']);
    insert(store, 'c');
    expect(ids(await open(copy(d)))).toEqual(['a', 'c']);
  });
});
