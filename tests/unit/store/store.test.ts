import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILES } from '../../../electron/core/store/index.js';
import { AppError } from '../../../shared/result.js';
import { crashCopy, ids, insert, MIGRATIONS, openStore, tempDir, threeWritesTwoCheckpoints } from './helpers.js';

describe('Store: durable writes and replay', () => {
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
    expect(report.journal.replayed).toBe(4); // two migrations + two inserts
    expect(report.healthy).toBe(true);
    reopened.close();
  });

  it('replays the journal idempotently over a snapshot that already contains part of it', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    const beforeCheckpoint = crashCopy(dir);
    store.checkpoint();
    const afterCheckpoint = crashCopy(dir);
    store.close();
    // A snapshot that holds a and b, with the journal that wrote them still beside it.
    fs.copyFileSync(path.join(beforeCheckpoint, FILES.journal), path.join(afterCheckpoint, FILES.journal));
    const reopened = await openStore(afterCheckpoint);
    expect(ids(reopened)).toEqual(['a', 'b']);
    expect(reopened.report().journal.replayed).toBe(0);
    insert(reopened, 'c');
    const crashed = crashCopy(afterCheckpoint);
    reopened.close();
    const again = await openStore(crashed);
    expect(ids(again)).toEqual(['a', 'b', 'c']);
    expect(again.report().journal.replayed).toBe(1);
    again.close();
  });

  it('writes each statement text once per journal file and keeps later lines short', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 5; i++) insert(store, `k${i}`);
    const lines = fs.readFileSync(path.join(dir, FILES.journal), 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.includes('INSERT INTO items'))).toHaveLength(1);
    store.close();
  });

  it('rolls back and journals nothing when the transaction throws', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const before = store.report().journal.entries;
    expect(() =>
      store.write((w) => {
        w.run('INSERT INTO items (id, label, n) VALUES (?, ?, ?)', ['x', 'x', 1]);
        throw new AppError('VALIDATION_FAILED', 'nope');
      }),
    ).toThrow('nope');
    expect(ids(store)).toEqual([]);
    expect(store.report().journal.entries).toBe(before);
    store.close();
  });

  it('does not journal a transaction that changed nothing', async () => {
    const store = await openStore(tempDir());
    const before = store.report().journal.entries;
    store.write((w) => w.get('SELECT count(*) AS c FROM items'));
    expect(store.report().journal.entries).toBe(before);
    store.close();
  });

  it('checkpoints after N journal entries and when idle', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { checkpointEvery: 5, idleCheckpointMs: 30 });
    for (let i = 0; i < 6; i++) insert(store, `i${i}`);
    await new Promise((r) => setImmediate(r));
    expect(store.report().journal.entries).toBe(0);
    expect(store.report().snapshot.seq).toBe(8);
    insert(store, 'late');
    expect(store.report().journal.entries).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(store.report().journal.entries).toBe(0);
    expect(store.report().lastCheckpointAt).not.toBeNull();
    store.close();
  });

  it('keeps the previous snapshot and the journal segment that leads from it', async () => {
    const dir = await threeWritesTwoCheckpoints();
    expect(fs.existsSync(path.join(dir, FILES.prevSnapshot))).toBe(true);
    expect(fs.readFileSync(path.join(dir, FILES.prevJournal), 'utf8')).toContain('label b');
  });
});

describe('Store: damaged files', () => {
  it('ignores a torn last journal line and keeps every entry before it', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    const journal = path.join(crashed, FILES.journal);
    const full = fs.readFileSync(journal);
    fs.appendFileSync(journal, 'J2 5 0000abcd [["d",3,"INSERT INTO items (id, label, n) VALU');
    let reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b']);
    expect(reopened.report().journal.tornTail).toBe(true);
    expect(reopened.report().healthy).toBe(true);
    expect(fs.readFileSync(journal).length).toBe(full.length);
    insert(reopened, 'c');
    const again = crashCopy(crashed);
    reopened.close();
    reopened = await openStore(again);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    reopened.close();
  });

  it('treats a zero-filled tail (power cut) as torn, not as damage', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    const crashed = crashCopy(dir);
    store.close();
    fs.appendFileSync(path.join(crashed, FILES.journal), Buffer.alloc(4096));
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a']);
    reopened.close();
  });

  it('refuses to open when a journal line in the middle is damaged', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    insert(store, 'b');
    insert(store, 'c');
    const crashed = crashCopy(dir);
    store.close();
    const journal = path.join(crashed, FILES.journal);
    const text = fs.readFileSync(journal, 'utf8').replace('label b', 'label X');
    fs.writeFileSync(journal, text);
    await expect(openStore(crashed)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(fs.readFileSync(journal, 'utf8')).toBe(text);
    // the refused open released the folder again
    expect(fs.existsSync(path.join(crashed, 'LOCK'))).toBe(false);
  });

  it('falls back to the previous snapshot plus the journal when the current snapshot is damaged', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    const snap = path.join(crashed, FILES.snapshot);
    const bytes = fs.readFileSync(snap);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(snap, bytes);
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    const report = reopened.report();
    expect(report.healthy).toBe(false);
    expect(report.problems.join(' ')).toMatch(/damaged.*checksum/);
    expect(report.problems.join(' ')).toMatch(/recovered from the previous snapshot/);
    expect(fs.readdirSync(crashed).some((f) => f.startsWith('snapshot.damaged-'))).toBe(true);
    insert(reopened, 'd');
    reopened.close();
    // the recovery re-established a clean pair: the next open is healthy and complete
    const clean = await openStore(crashed);
    expect(ids(clean)).toEqual(['a', 'b', 'c', 'd']);
    expect(clean.report().healthy).toBe(true);
    clean.close();
  });

  it('has doctor report a damaged previous snapshot, and the next checkpoint replaces it', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    fs.writeFileSync(path.join(crashed, FILES.prevSnapshot), 'garbage');
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    expect(reopened.report().healthy).toBe(true); // a normal open never reads the fallback
    const doctor = reopened.report({ integrity: true });
    expect(doctor.healthy).toBe(false);
    expect(doctor.problems.join(' ')).toMatch(/previous snapshot .* is damaged/);
    reopened.close(); // checkpoints: the current snapshot becomes the previous one
    // the current snapshot is now damaged too: the rewritten previous one must carry everything
    const snap = path.join(crashed, FILES.snapshot);
    fs.writeFileSync(snap, Buffer.from('HWSNAP01 not a database'));
    const fallback = await openStore(crashed);
    expect(ids(fallback)).toEqual(['a', 'b', 'c']);
    fallback.close();
  });

  it('starts from a valid current snapshot without reading the previous journal segment', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    fs.writeFileSync(path.join(crashed, FILES.prevJournal), 'not even a journal');
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b', 'c']);
    expect(reopened.report().healthy).toBe(true);
    reopened.close();
  });

  it('never starts empty over existing data when every snapshot is damaged', async () => {
    const dir = await threeWritesTwoCheckpoints();
    fs.rmSync(path.join(dir, FILES.journal)); // only the journal segment between the snapshots is left
    for (const f of [FILES.snapshot, FILES.prevSnapshot]) fs.writeFileSync(path.join(dir, f), 'garbage');
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });

  it('refuses to open when journal entries between the snapshot and the journal are missing', async () => {
    const crashed = await threeWritesTwoCheckpoints();
    fs.rmSync(path.join(crashed, FILES.snapshot));
    fs.rmSync(path.join(crashed, FILES.prevJournal));
    await expect(openStore(crashed)).rejects.toThrow(/missing/);
  });

  it('recovers from a crash between the checkpoint renames', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    insert(store, 'a');
    store.checkpoint();
    insert(store, 'b');
    const crashed = crashCopy(dir);
    store.close();
    // State after "snapshot → prev" but before the journal rotated and the new snapshot landed.
    fs.renameSync(path.join(crashed, FILES.snapshot), path.join(crashed, FILES.prevSnapshot));
    fs.writeFileSync(path.join(crashed, `${FILES.snapshot}.tmp`), 'half-written');
    const reopened = await openStore(crashed);
    expect(ids(reopened)).toEqual(['a', 'b']);
    expect(fs.existsSync(path.join(crashed, `${FILES.snapshot}.tmp`))).toBe(false);
    reopened.close();
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
