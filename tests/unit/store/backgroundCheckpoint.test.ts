import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES, type Store } from '../../../electron/core/store/index.js';
import { crashCopy, ids, insert, openStore, tempDir } from './helpers.js';

/**
 * The policy's checkpoint runs in the background (issue 18: it may hold the
 * worker's thread 50 ms at most): the log is rotated at its start, its pages
 * are written across turns of the event loop, and writes go on meanwhile,
 * into the new log.
 */
const FS_OPS = ['writeSync', 'fsyncSync', 'renameSync', 'ftruncateSync', 'rmSync'] as const;

/** Copies the folder after every file operation made outside `quiet` (a write in progress is not acknowledged yet). */
function recordCrashStates(dir: string, store: Store): { states: { dir: string; expected: string[] }[]; quiet: (fn: () => void) => void; restore: () => void } {
  const states: { dir: string; expected: string[] }[] = [];
  let writing = false;
  const originals = Object.fromEntries(FS_OPS.map((k) => [k, fs[k]])) as Record<(typeof FS_OPS)[number], (...a: unknown[]) => unknown>;
  for (const k of FS_OPS) {
    (fs as unknown as Record<string, unknown>)[k] = (...args: unknown[]) => {
      const r = originals[k](...args);
      if (!writing) states.push({ dir: crashCopy(dir), expected: ids(store) });
      return r;
    };
  }
  return {
    states,
    quiet: (fn) => {
      writing = true;
      try {
        fn();
      } finally {
        writing = false;
      }
    },
    restore: () => Object.assign(fs, originals),
  };
}

describe('Store: a checkpoint in the background', () => {
  it('takes writes while it runs, and a crash at any step of it (writes in between) reopens with exactly the acknowledged writes', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 300; i++) insert(store, `a${String(i).padStart(3, '0')}`, i);
    store.checkpoint();
    for (let i = 0; i < 300; i++) insert(store, `b${String(i).padStart(3, '0')}`, i);
    store.write((w) => w.run("DELETE FROM items WHERE id LIKE 'a1%'"));
    const rec = recordCrashStates(dir, store);
    let written = 0;
    try {
      const done = store.checkpointInBackground();
      let finished = false;
      void done.then(() => (finished = true));
      // The log was rotated at once: the older segment is what the checkpoint writes.
      expect(fs.existsSync(path.join(dir, FILES.walPrev))).toBe(true);
      expect(store.report().journal.entries).toBe(301);
      while (!finished) {
        rec.quiet(() => insert(store, `c${String(written).padStart(3, '0')}`, written));
        written += 1;
        await new Promise((r) => setImmediate(r));
      }
      const stats = await done;
      expect(stats?.pages).toBeGreaterThan(0);
      expect(stats?.longestHoldMs).toBeLessThan(stats?.ms ?? 0);
    } finally {
      rec.restore();
    }
    expect(written).toBeGreaterThan(1);
    expect(fs.existsSync(path.join(dir, FILES.walPrev))).toBe(false);
    // the writes made during the checkpoint are in the new log, not yet in the file
    expect(store.report().journal.entries).toBe(written);
    const expected = ids(store);
    store.close();
    expect(rec.states.length).toBeGreaterThan(10);
    for (const state of rec.states) {
      const reopened = await openStore(state.dir);
      expect(ids(reopened)).toEqual(state.expected);
      // the checkpoint the crash cut short is finished (here by the close), and the folder reopens the same
      reopened.close();
      expect(fs.existsSync(path.join(state.dir, FILES.walPrev))).toBe(false);
      const again = await openStore(state.dir);
      expect(ids(again)).toEqual(state.expected);
      expect(again.report({ integrity: true }).healthy).toBe(true);
      again.close();
    }
    const last = await openStore(dir);
    expect(ids(last)).toEqual(expected);
    last.close();
  }, 60_000);

  it('finishes a checkpoint a crash cut short in the background after the open, writes meanwhile kept', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 50; i++) insert(store, `a${i}`, i);
    const logged = store.report().journal.entries; // the 50 and the migrations'
    // Crash right after the rotation: the segment is there, nothing of it in the files yet.
    void store.checkpointInBackground();
    const crashed = crashCopy(dir);
    store.close();
    expect(fs.existsSync(path.join(crashed, FILES.walPrev))).toBe(true);
    const reopened = await openStore(crashed);
    expect(reopened.report().journal.entries).toBe(logged);
    insert(reopened, 'after');
    const deadline = Date.now() + 5000;
    while (fs.existsSync(path.join(crashed, FILES.walPrev)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(fs.existsSync(path.join(crashed, FILES.walPrev))).toBe(false);
    expect(reopened.report().journal.entries).toBe(1);
    const copy = crashCopy(crashed);
    reopened.close();
    const again = await openStore(copy);
    expect(ids(again)).toContain('after');
    expect(ids(again)).toHaveLength(51);
    again.close();
  });

  it('puts the log back when a crash fell between the rotation\'s two renames', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    const crashed = crashCopy(dir);
    store.close();
    fs.renameSync(path.join(crashed, FILES.wal), path.join(crashed, FILES.walPrev));
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a']);
    reopened.close();
  });

  it('refuses a log that does not continue the segment before it', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    void store.checkpointInBackground();
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    // a newer log from elsewhere: its base is not the segment's end
    const other = tempDir();
    const s2 = await openStore(other);
    for (let i = 0; i < 5; i++) insert(s2, `x${i}`);
    s2.checkpoint();
    insert(s2, 'y');
    const otherCopy = crashCopy(other);
    s2.close();
    fs.copyFileSync(path.join(otherCopy, FILES.wal), path.join(crashed, FILES.wal));
    await expect(openStore(crashed)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});
