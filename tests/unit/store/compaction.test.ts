import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES } from '../../../electron/core/store/index.js';
import { crashCopy, ids, openStore, tempDir } from './helpers.js';

/**
 * Compaction (issue 18 point 1): once free pages pass the threshold they are
 * given back in small logged steps in the background; the database file
 * shrinks, saves go on meanwhile, a crash at any point keeps every
 * acknowledged write, and the report (doctor) says where it stands.
 */
async function filled(dir: string, extra: Parameters<typeof openStore>[1] = {}) {
  const store = await openStore(dir, { compaction: { freeRatio: 0.2, minFreePages: 50 }, ...extra });
  for (let b = 0; b < 10; b++) {
    store.write((w) => {
      for (let i = 0; i < 60; i++) w.run('INSERT INTO notes (id, body) VALUES (?, ?)', [`n${b}-${i}`, 'x'.repeat(3000)]);
    });
  }
  store.write((w) => w.run("INSERT INTO items (id, label, n) VALUES ('keep', 'kept', 1)"));
  store.checkpoint();
  return store;
}

const notes = (s: Awaited<ReturnType<typeof openStore>>) => s.read((r) => r.all<{ id: string }>('SELECT id FROM notes ORDER BY id')).map((r) => r.id);

describe('Store: compaction', () => {
  it('gives free pages back in the background once they pass the threshold, and the file shrinks', async () => {
    const dir = tempDir();
    const store = await filled(dir);
    const before = fs.statSync(path.join(dir, FILES.db)).size;
    expect(store.report().space).toMatchObject({ compactable: true, freePages: 0, compacting: false, lastCompaction: null });
    // Deleting most rows frees pages; the next checkpoint sees them past the threshold.
    store.write((w) => w.run("DELETE FROM notes WHERE id NOT LIKE 'n9-%'"));
    expect(store.report().space?.freePages).toBeGreaterThan(400);
    store.checkpoint();
    expect(store.report().space?.compacting).toBe(true);
    // a save while it runs
    store.write((w) => w.run("INSERT INTO items (id, label, n) VALUES ('during', 'saved', 2)"));
    const deadline = Date.now() + 20_000;
    while ((store.report().space?.compacting || store.report().journal.entries > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const space = store.report({ integrity: true }).space;
    expect(space?.freePages).toBe(0);
    expect(space?.lastCompaction?.freedPages).toBeGreaterThan(400);
    expect(store.report().integrity).toBe('ok');
    store.checkpoint();
    expect(fs.statSync(path.join(dir, FILES.db)).size).toBeLessThan(before / 3);
    expect(ids(store)).toEqual(['during', 'keep']);
    expect(notes(store)).toHaveLength(60);
    store.close();
    const again = await openStore(dir);
    expect(ids(again)).toEqual(['during', 'keep']);
    expect(notes(again)).toHaveLength(60);
    expect(again.report({ integrity: true }).healthy).toBe(true);
    again.close();
  }, 60_000);

  it('keeps every acknowledged write whatever step a crash falls on', async () => {
    const dir = tempDir();
    const store = await filled(dir, { compaction: false });
    store.write((w) => w.run("DELETE FROM notes WHERE id NOT LIKE 'n9-%'"));
    const states: { dir: string; notes: string[] }[] = [];
    const done = store.compactNow();
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      states.push({ dir: crashCopy(dir), notes: notes(store) });
      await new Promise((r) => setImmediate(r));
    }
    expect(states.length).toBeGreaterThan(3);
    expect(store.report().space?.freePages).toBe(0);
    store.close();
    // the first, the last and a dozen in between
    const step = Math.max(1, Math.floor(states.length / 12));
    const picked = states.filter((_, i) => i % step === 0 || i === states.length - 1);
    for (const state of picked) {
      const reopened = await openStore(state.dir);
      expect(notes(reopened)).toEqual(state.notes);
      expect(ids(reopened)).toEqual(['keep']);
      expect(reopened.report({ integrity: true }).integrity).toBe('ok');
      reopened.close();
    }
  }, 60_000);

  it('stays off when turned off, and on a database made without it reports it cannot', async () => {
    const dir = tempDir();
    const store = await filled(dir, { compaction: false });
    store.write((w) => w.run('DELETE FROM notes'));
    store.checkpoint();
    await new Promise((r) => setTimeout(r, 50));
    const space = store.report().space;
    expect(space?.compactAtFreePages).toBeNull();
    expect(space?.freePages).toBeGreaterThan(400);
    expect(space?.compacting).toBe(false);
    store.close();
  });
});
