import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSnapshot, readSnapshot } from '../../../electron/core/store/snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-snap-'));
const file = (name: string) => path.join(dir, name);
const db = Buffer.from('SQLite format 3\0 pretend database bytes'.repeat(50));

describe('snapshot file', () => {
  it('round-trips seq and bytes', () => {
    fs.writeFileSync(file('a'), encodeSnapshot(42, db));
    const r = readSnapshot(file('a'));
    expect(r.ok && r.seq).toBe(42);
    expect(r.ok && Buffer.from(r.db).equals(db)).toBe(true);
  });

  it('reports a flipped bit, a cut file and a missing file distinctly', () => {
    const bytes = encodeSnapshot(7, db);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0x04, bytes.length - 100);
    fs.writeFileSync(file('flip'), bytes);
    expect(readSnapshot(file('flip'))).toMatchObject({ ok: false, missing: false, reason: expect.stringContaining('checksum') });
    fs.writeFileSync(file('cut'), encodeSnapshot(7, db).subarray(0, 500));
    expect(readSnapshot(file('cut'))).toMatchObject({ ok: false, missing: false, reason: expect.stringContaining('truncated') });
    expect(readSnapshot(file('none'))).toMatchObject({ ok: false, missing: true });
  });

  it('still reads version 1 files (sha256) written by earlier releases', () => {
    const header = Buffer.alloc(48);
    header.write('HWSNAP01', 0, 'ascii');
    header.writeBigUInt64BE(9n, 8);
    createHash('sha256').update(db).digest().copy(header, 16);
    fs.writeFileSync(file('v1'), Buffer.concat([header, db]));
    const r = readSnapshot(file('v1'));
    expect(r.ok && r.seq).toBe(9);
    const damaged = Buffer.concat([header, db]);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 1, damaged.length - 1);
    fs.writeFileSync(file('v1bad'), damaged);
    expect(readSnapshot(file('v1bad'))).toMatchObject({ ok: false, reason: expect.stringContaining('checksum') });
  });
});
