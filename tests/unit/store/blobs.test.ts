import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../electron/core/store/sqlite.js';
import { openStore, tempDir } from './helpers.js';

/**
 * sqlite.ts replaces sql.js's byte-by-byte blob copy with one slice of the
 * wasm memory. Every blob must come back byte for byte, at any size, empty,
 * next to other columns, and after the wasm memory has grown (its buffer
 * is then a new ArrayBuffer).
 */
describe('blob reads', () => {
  it('use the fast copy (the probe found the statement pointer in this sql.js build)', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
      const stmt = db.prepare('SELECT 1');
      const getBlob = (Object.getPrototypeOf(stmt) as { getBlob: { name: string; toString(): string } }).getBlob;
      stmt.free();
      expect(getBlob.toString()).toContain('columnBlob');
    } finally {
      db.close();
    }
  });

  it('return every byte of blobs of any size, empty and NULL included, before and after the memory grows', async () => {
    const store = await openStore(tempDir(), { migrations: [{ id: '0001_blobs', sql: 'CREATE TABLE blobs (id INTEGER PRIMARY KEY, label TEXT NOT NULL, b BLOB)' }] });
    const sizes = [0, 1, 2, 255, 4096, 4097, 65_537, 300_000, 2_500_000];
    const made = sizes.map((n, i) => Uint8Array.from({ length: n }, (_, k) => (k * 131 + i * 7 + (k >> 8)) & 0xff));
    store.write((w) => {
      made.forEach((b, i) => w.run('INSERT INTO blobs (id, label, b) VALUES (?, ?, unhex(?))', [i, `n${sizes[i]}`, Buffer.from(b).toString('hex')]));
      w.run("INSERT INTO blobs (id, label, b) VALUES (99, 'null', NULL)");
    });
    const check = () => {
      const rows = store.read((r) => r.all<{ id: number; label: string; b: Uint8Array | null }>('SELECT id, label, b FROM blobs ORDER BY id'));
      for (const [i, b] of made.entries()) {
        const row = rows[i];
        expect(row?.label).toBe(`n${sizes[i]}`);
        expect(row?.b).toBeInstanceOf(Uint8Array);
        expect(row?.b?.length).toBe(b.length);
        expect(Buffer.from(row?.b ?? new Uint8Array()).equals(Buffer.from(b))).toBe(true);
      }
      expect(rows.at(-1)?.b).toBeNull();
    };
    check();
    // a returned blob is a copy: changing it changes nothing stored
    const first = store.read((r) => r.get<{ b: Uint8Array }>('SELECT b FROM blobs WHERE id = 7'));
    first?.b.fill(0);
    // grow the wasm memory: 40 MB of blobs in one statement
    store.read((r) => r.get("SELECT length(group_concat(hex(zeroblob(4000000)), '')) AS n FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5)"));
    check();
    store.close();
  });
});
