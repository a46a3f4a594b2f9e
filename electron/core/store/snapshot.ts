import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * Snapshot file: `HWSNAP01` | seq (u64 BE) | sha256(db) | SQLite database bytes.
 * The checksum lets us tell a damaged snapshot from a good one before SQLite
 * ever reads it; `seq` is the last journal entry folded into it.
 */
const MAGIC = Buffer.from('HWSNAP01', 'ascii');
const HEADER = MAGIC.length + 8 + 32;

export type SnapshotRead = { ok: true; seq: number; db: Uint8Array; bytes: number } | { ok: false; reason: string; missing: boolean };

export function encodeSnapshot(seq: number, db: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeBigUInt64BE(BigInt(seq), MAGIC.length);
  createHash('sha256').update(db).digest().copy(header, MAGIC.length + 8);
  return Buffer.concat([header, db]);
}

export function readSnapshot(file: string): SnapshotRead {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing', missing: true };
    return { ok: false, reason: `unreadable: ${(e as Error).message}`, missing: false };
  }
  if (buf.length < HEADER || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'not a snapshot file (bad header)', missing: false };
  }
  const seq = Number(buf.readBigUInt64BE(MAGIC.length));
  const db = buf.subarray(HEADER);
  const sum = createHash('sha256').update(db).digest();
  if (!sum.equals(buf.subarray(MAGIC.length + 8, HEADER))) {
    return { ok: false, reason: 'checksum mismatch (file damaged)', missing: false };
  }
  return { ok: true, seq, db: new Uint8Array(db.buffer, db.byteOffset, db.byteLength), bytes: buf.length };
}

export function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals renames itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
