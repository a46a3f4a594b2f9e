import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { fsyncDir } from './snapshot.js';
import { PAGE } from './wal.js';

/**
 * A database file (SQLite's own format, page after page) and its checksum
 * manifest (`.sums`): header `HWSUM001` | seq (u64 LE) | pages (u32 LE) |
 * crc32 of the 20 bytes before (u32 LE), then one crc32 per page (u32 LE).
 *
 * The manifest tells a damaged database file from a good one before SQLite
 * reads it, page by page, so a checkpoint updates only the entries of the
 * pages it wrote. `seq` is the log sequence the file holds; the header is
 * written last (after the pages and their entries are on disk), so a crash
 * in the middle leaves the old seq, and the log that is still there covers
 * every page that changed.
 */
const MAGIC = Buffer.from('HWSUM001', 'ascii');
export const SUMS_HEADER = 24;

export type ImageRead =
  | { ok: true; image: Buffer; seq: number; pages: number; bytes: number }
  | { ok: false; reason: string; missing: boolean };

export function encodeSumsHeader(seq: number, pages: number): Buffer {
  const h = Buffer.alloc(SUMS_HEADER);
  MAGIC.copy(h, 0);
  h.writeBigUInt64LE(BigInt(seq), 8);
  h.writeUInt32LE(pages, 16);
  h.writeUInt32LE(crc32(h.subarray(0, 20)), 20);
  return h;
}

/**
 * Reads a database file and checks every page the log does not replace
 * against its manifest (`covered`: pages the log will overwrite, whose file
 * bytes may be half-written by a checkpoint a crash interrupted). The image
 * has room for `capacityPages` (the log may grow the database).
 */
export function readImage(dbFile: string, sumsFile: string, covered: ReadonlySet<number>, capacityPages: number): ImageRead {
  let sums: Buffer;
  try {
    sums = fs.readFileSync(sumsFile);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: missing ? 'missing' : `checksums unreadable: ${(e as Error).message}`, missing: missing && !fs.existsSync(dbFile) };
  }
  if (sums.length < SUMS_HEADER || !sums.subarray(0, 8).equals(MAGIC) || sums.readUInt32LE(20) !== crc32(sums.subarray(0, 20))) {
    return { ok: false, reason: 'checksum manifest damaged (bad header)', missing: false };
  }
  const seq = Number(sums.readBigUInt64LE(8));
  const pages = sums.readUInt32LE(16);
  if (sums.length < SUMS_HEADER + pages * 4) return { ok: false, reason: `checksum manifest truncated (${pages} pages expected)`, missing: false };
  const image = Buffer.alloc(Math.max(pages, capacityPages) * PAGE);
  let fd: number;
  try {
    fd = fs.openSync(dbFile, 'r');
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'database file missing' : `unreadable: ${(e as Error).message}`, missing: false };
  }
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    let read = 0;
    const want = Math.min(size, pages * PAGE);
    while (read < want) {
      const n = fs.readSync(fd, image, read, want - read, read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  for (let p = 0; p < pages; p++) {
    if (covered.has(p)) continue;
    if ((p + 1) * PAGE > size) return { ok: false, reason: `truncated: ${size} bytes, page ${p + 1} of ${pages} missing`, missing: false };
    if (crc32(image.subarray(p * PAGE, (p + 1) * PAGE)) !== sums.readUInt32LE(SUMS_HEADER + p * 4)) {
      return { ok: false, reason: `checksum mismatch on page ${p + 1} (file damaged)`, missing: false };
    }
  }
  return { ok: true, image, seq, pages, bytes: size };
}

export function writeAllAt(fd: number, data: Uint8Array, position: number): void {
  let written = 0;
  while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written, position + written);
}

/** Writes a whole database file and its manifest (tmp + fsync + rename, the manifest first). */
export function writeWholeImage(dir: string, dbFile: string, sumsFile: string, image: Uint8Array, seq: number): void {
  const pages = Math.ceil(image.length / PAGE);
  const sums = Buffer.alloc(SUMS_HEADER + pages * 4);
  encodeSumsHeader(seq, pages).copy(sums, 0);
  const padded = image.length === pages * PAGE ? image : Buffer.concat([image, Buffer.alloc(pages * PAGE - image.length)]);
  for (let p = 0; p < pages; p++) sums.writeUInt32LE(crc32(padded.subarray(p * PAGE, (p + 1) * PAGE)), SUMS_HEADER + p * 4);
  writeFileDurably(`${sumsFile}.tmp`, sums);
  writeFileDurably(`${dbFile}.tmp`, padded);
  fs.renameSync(`${sumsFile}.tmp`, sumsFile);
  fs.renameSync(`${dbFile}.tmp`, dbFile);
  fsyncDir(dir);
}

export function writeFileDurably(file: string, data: Uint8Array): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    writeAllAt(fd, data, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks a database file against its manifest without keeping it (doctor). */
export function checkImage(dbFile: string, sumsFile: string): string | null {
  const r = readImage(dbFile, sumsFile, new Set(), 0);
  return r.ok ? null : r.reason;
}
