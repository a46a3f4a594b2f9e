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

describe('Store.bulkWrite: one unjournaled transaction, durable on return', () => {
  it('is on disk when it returns: a crash right after keeps the batch and the journaled writes around it', async () => {
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
    // the batch went into the snapshot, not statement by statement into the journal
    expect(crashed.report().journal.replayed).toBe(1);
  });

  it('loses only that batch when the process dies before it returns', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    let midway = '';
    bulkInsert(store, 0, 100, () => (midway = copy(d)));
    // After COMMIT but before the checkpoint has landed.
    const realCheckpoint = store.checkpoint.bind(store);
    let beforeCheckpoint = '';
    const spy = vi.spyOn(store, 'checkpoint').mockImplementation((opts) => {
      beforeCheckpoint = copy(d);
      realCheckpoint(opts);
    });
    bulkInsert(store, 100, 100);
    spy.mockRestore();

    const a = await open(midway);
    expect(ids(a)).toEqual(['a']);
    expect(a.report().healthy).toBe(true);
    const b = await open(beforeCheckpoint);
    expect(ids(b)).toHaveLength(101); // a + the first batch, none of the second
    expect(ids(b)).not.toContain('b00100');
    insert(b, 'after-crash');
    expect(ids(b)).toContain('after-crash');
  });

  it('rolls everything back and writes nothing when the function throws', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    const seq = store.report().snapshot.seq;
    expect(() =>
      store.bulkWrite((w) => {
        w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['x', 'x', 1]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ids(store)).toEqual(['a']);
    expect(store.report().snapshot.seq).toBe(seq);
    insert(store, 'b');
    expect(ids(await open(copy(d)))).toEqual(['a', 'b']);
  });

  it('makes the checkpoint the previous snapshot too, so a damaged current one still recovers the batch', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    store.checkpoint();
    insert(store, 'b');
    bulkInsert(store, 0, 50);
    insert(store, 'c');
    const crashed = copy(d);
    const snap = path.join(crashed, FILES.snapshot);
    const bytes = fs.readFileSync(snap);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(snap, bytes);
    const recovered = await open(crashed);
    expect(ids(recovered)).toHaveLength(53);
    expect(recovered.report().problems.join('; ')).toMatch(/recovered from the previous snapshot/);
  });

  it('refuses further writes when the batch could not be saved, so no journal entry lands on a snapshot without it', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    const spy = vi.spyOn(store, 'checkpoint').mockImplementation(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(() => bulkInsert(store, 0, 10)).toThrow(AppError);
    spy.mockRestore();
    expect(() => insert(store, 'b')).toThrow(/bulk write could not be saved/);
    const reopened = await open(copy(d));
    expect(ids(reopened)).toEqual(['a']);
  });
});

describe('Store.bulkWrite({ durable: false }): saved by the next checkpoint, at the latest before a journaled write', () => {
  it('is not on disk yet: a crash loses the unsaved batches and only them', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    bulkInsert(store, 0, 10);
    const checkpoint = vi.spyOn(store, 'checkpoint');
    unsaved(store, 10, 10);
    unsaved(store, 20, 10);
    expect(checkpoint).not.toHaveBeenCalled();
    expect(ids(store)).toHaveLength(31);
    const crashed = await open(copy(d));
    expect(ids(crashed)).toHaveLength(11); // a + the durable batch
    expect(crashed.report().healthy).toBe(true);
  });

  it('is saved before the next journaled write, so that entry never replays on a snapshot without the batch', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    unsaved(store, 0, 10);
    // A write that depends on the batch: replayed alone it would change nothing.
    store.write((w) => w.run("UPDATE items SET label = 'edited' WHERE id = 'b00003'"));
    const crashed = await open(copy(d));
    expect(ids(crashed)).toHaveLength(11);
    expect(crashed.read((r) => r.get<{ label: string }>("SELECT label FROM items WHERE id = 'b00003'"))?.label).toBe('edited');
    expect(crashed.report().journal.replayed).toBe(1);
  });

  it('is saved by a later durable batch, by close, and by a plain checkpoint that also refreshes the previous snapshot', async () => {
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

    // The old (snapshot, journal) pair does not lead to the batch: after the
    // checkpoint, a damaged current snapshot must still recover it.
    const d3 = dir();
    const s3 = await open(d3);
    insert(s3, 'a');
    s3.checkpoint();
    insert(s3, 'b');
    unsaved(s3, 0, 10);
    s3.checkpoint();
    insert(s3, 'c');
    const crashed = copy(d3);
    const snap = path.join(crashed, FILES.snapshot);
    const bytes = fs.readFileSync(snap);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(snap, bytes);
    const recovered = await open(crashed);
    expect(ids(recovered)).toHaveLength(13);
    expect(recovered.report().problems.join('; ')).toMatch(/recovered from the previous snapshot/);
  });

  it('refuses the journaled write, and every later one, when the batch cannot be saved first', async () => {
    const d = dir();
    const store = await open(d);
    insert(store, 'a');
    unsaved(store, 0, 10);
    const spy = vi.spyOn(store, 'checkpoint').mockImplementation(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(() => insert(store, 'b')).toThrow(AppError);
    spy.mockRestore();
    expect(() => insert(store, 'c')).toThrow(/bulk write could not be saved/);
    expect(ids(await open(copy(d)))).toEqual(['a']);
  });
});
