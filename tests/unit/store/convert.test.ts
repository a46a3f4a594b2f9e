import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES, LEGACY_FILES } from '../../../electron/core/store/index.js';
import { LegacyStore } from '../../../electron/core/store/legacy.js';
import { crashCopy, ids, insert, MIGRATIONS, openStore, tempDir } from './helpers.js';

/** A folder in the old format as a crash leaves it: previous + current snapshot, both journal segments, un-checkpointed entries. */
async function legacyFolder(): Promise<string> {
  const dir = tempDir();
  const old = await LegacyStore.open({ dataDir: dir, migrations: MIGRATIONS, idleCheckpointMs: 0, log: () => undefined });
  old.write((w) => w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['a', 'label a', 1]));
  old.checkpoint();
  old.write((w) => w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['b', 'label b', 2]));
  old.checkpoint();
  old.bulkWrite((w) => {
    for (let i = 0; i < 200; i++) w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', [`bulk${String(i).padStart(3, '0')}`, 'bulk', i]);
  });
  old.write((w) => w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['c', 'label c', 3]));
  old.write((w) => w.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['n1', '备注 note']));
  const crashed = crashCopy(dir);
  old.close();
  return crashed;
}

describe('Store: converting an old-format folder on first open', () => {
  it('replays the old snapshot + journal once, loses nothing, and leaves only the new files', async () => {
    const dir = await legacyFolder();
    expect(fs.existsSync(path.join(dir, LEGACY_FILES.journal))).toBe(true);
    const store = await openStore(dir);
    const got = ids(store);
    expect(got).toHaveLength(203);
    expect(got.slice(0, 2)).toEqual(['a', 'b']);
    expect(got).toContain('c');
    expect(store.read((r) => r.get<{ body: string }>("SELECT body FROM notes WHERE id = 'n1'"))?.body).toBe('备注 note');
    expect(store.report().journal.replayed).toBe(2); // the two journal entries after the bulk write's snapshot
    expect(store.report().migrations).toEqual(['0001_items', '0002_notes']);
    for (const f of Object.values(LEGACY_FILES)) expect(fs.existsSync(path.join(dir, f))).toBe(false);
    for (const f of [FILES.db, FILES.sums, FILES.backup, FILES.backupSums, FILES.wal]) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    // the segment of a checkpoint under way exists only while one runs
    expect(fs.existsSync(path.join(dir, FILES.walPrev))).toBe(false);
    insert(store, 'd');
    const crashed = crashCopy(dir);
    store.close();
    // the second open reads the new format only: nothing is replayed as SQL again
    const again = await openStore(crashed);
    expect(ids(again)).toHaveLength(204);
    expect(again.report({ integrity: true })).toMatchObject({ healthy: true, integrity: 'ok' });
    again.close();
  });

  it('converts from the previous snapshot when the current one is damaged', async () => {
    const dir = await legacyFolder();
    const snap = path.join(dir, LEGACY_FILES.snapshot);
    const bytes = fs.readFileSync(snap);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(snap, bytes);
    const store = await openStore(dir);
    // the bulk batch lived only in the damaged snapshot and the previous one (the bulk checkpoint made it both)
    expect(ids(store)).toHaveLength(203);
    store.close();
  });

  it('refuses to convert a folder whose journal is damaged in the middle, and leaves the old files as they were', async () => {
    const dir = await legacyFolder();
    const journal = path.join(dir, LEGACY_FILES.journal);
    const text = fs.readFileSync(journal, 'utf8');
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(2);
    fs.writeFileSync(journal, text.replace('label c', 'label X'));
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.readFileSync(journal, 'utf8')).toBe(text.replace('label c', 'label X'));
    expect(fs.existsSync(path.join(dir, LEGACY_FILES.snapshot))).toBe(true);
    for (const f of [FILES.db, FILES.backup, FILES.wal]) expect(fs.existsSync(path.join(dir, f))).toBe(false);
  });

  it('finishes a conversion a crash interrupted after the new files landed', async () => {
    const dir = await legacyFolder();
    const converted = await openStore(dir);
    const expected = ids(converted);
    converted.close();
    // the old files as they were before the new ones removed them
    const legacy = await legacyFolder();
    for (const f of Object.values(LEGACY_FILES)) if (fs.existsSync(path.join(legacy, f))) fs.copyFileSync(path.join(legacy, f), path.join(dir, f));
    const reopened = await openStore(dir);
    expect(ids(reopened)).toEqual(expected);
    for (const f of Object.values(LEGACY_FILES)) expect(fs.existsSync(path.join(dir, f))).toBe(false);
    reopened.close();
  });
});
