import fs from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * The write-ahead log: the pages each committed transaction changed.
 *
 * File: header `HWWAL001` | base seq (u64 LE) | crc32 of the 16 bytes before (u32 LE) | 4 zero bytes,
 * then one record per committed transaction:
 *   magic `HWC2` (u32 LE) | entries n (u32) | seq (u64) | database pages after the commit (u32) | body bytes (u32) | crc32 (u32)
 *   body: n entries, each  page number (u32, 0-based: byte offset / PAGE) | payload bytes m (u32) | crc32 of the page after (u32) | payload
 * A payload of PAGE bytes is the whole page image; a shorter one is a delta
 * against the page's previous image in the same log: runs of
 * (offset u16, length u16, bytes). The first image of a page after a
 * checkpoint is always whole, so the log never depends on what the database
 * file holds for the pages it covers (a checkpoint a crash cut short may have
 * written some of them): replaying it is idempotent. Most of a ticket's pages
 * (page 1, the rightmost leaves its rows append to) change by a few hundred
 * bytes a transaction, so deltas keep the log — and a cold open's reading —
 * several times smaller than whole pages.
 *
 * The record crc covers its first 24 bytes and the body, so a record cut
 * short by a crash (or the zeros some file systems leave after a power cut)
 * is recognised; each entry's page crc checks the delta was laid on the
 * right base. Sequences are contiguous from base + 1; the base is the seq of
 * the database file the log continues (its manifest says which that is).
 */
export const PAGE = 4096;
const FILE_MAGIC = Buffer.from('HWWAL001', 'ascii');
export const WAL_HEADER = 24;
const RECORD_MAGIC = 0x32435748;
const RECORD_HEADER = 28;
const ENTRY_HEADER = 12;

export interface WalCommit {
  seq: number;
  dbPages: number;
  /** where this record's body starts in the scanned buffer */
  at: number;
  entries: number;
  bodyBytes: number;
}

export interface WalScan {
  /** null when the file does not exist */
  baseSeq: number | null;
  /** the whole file as read */
  buf: Buffer;
  commits: WalCommit[];
  /** byte length of the valid prefix: where the next record goes */
  validBytes: number;
  totalBytes: number;
  /** invalid bytes after the last valid record and nothing valid after them */
  tornTail: boolean;
  /** a bad record FOLLOWED by a valid one: damage, not a torn write */
  damagedAt: number | null;
  headerProblem: string | null;
}

export function encodeWalHeader(baseSeq: number): Buffer {
  const h = Buffer.alloc(WAL_HEADER);
  FILE_MAGIC.copy(h, 0);
  h.writeBigUInt64LE(BigInt(baseSeq), 8);
  h.writeUInt32LE(crc32(h.subarray(0, 16)), 16);
  return h;
}

/** Parses a record at `pos`; null if it is not a whole, valid record. */
function parseRecord(buf: Buffer, pos: number): (WalCommit & { end: number }) | null {
  if (pos + RECORD_HEADER > buf.length || buf.readUInt32LE(pos) !== RECORD_MAGIC) return null;
  const n = buf.readUInt32LE(pos + 4);
  const bodyBytes = buf.readUInt32LE(pos + 20);
  const end = pos + RECORD_HEADER + bodyBytes;
  if (n === 0 || end > buf.length) return null;
  let crc = crc32(buf.subarray(pos, pos + 24));
  crc = crc32(buf.subarray(pos + RECORD_HEADER, end), crc);
  if (crc !== buf.readUInt32LE(pos + 24)) return null;
  return { seq: Number(buf.readBigUInt64LE(pos + 8)), dbPages: buf.readUInt32LE(pos + 16), at: pos + RECORD_HEADER, entries: n, bodyBytes, end };
}

export function scanWal(file: string): WalScan {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { baseSeq: null, buf: Buffer.alloc(0), commits: [], validBytes: 0, totalBytes: 0, tornTail: false, damagedAt: null, headerProblem: null };
    throw e;
  }
  const empty = { buf, commits: [], validBytes: 0, totalBytes: buf.length, tornTail: false, damagedAt: null };
  if (buf.length < WAL_HEADER || !buf.subarray(0, 8).equals(FILE_MAGIC) || buf.readUInt32LE(16) !== crc32(buf.subarray(0, 16))) {
    return { ...empty, baseSeq: null, headerProblem: 'not a log file (bad header)' };
  }
  const baseSeq = Number(buf.readBigUInt64LE(8));
  const commits: WalCommit[] = [];
  let pos = WAL_HEADER;
  let expected = baseSeq + 1;
  while (pos < buf.length) {
    const rec = parseRecord(buf, pos);
    if (!rec || rec.seq !== expected) break;
    commits.push({ seq: rec.seq, dbPages: rec.dbPages, at: rec.at, entries: rec.entries, bodyBytes: rec.bodyBytes });
    expected += 1;
    pos = rec.end;
  }
  let damagedAt: number | null = null;
  if (pos < buf.length) {
    // Anything valid later on means the bad bytes are damage, not a torn tail.
    for (let at = buf.indexOf(RECORD_MAGIC_BYTES, pos + 1); at !== -1; at = buf.indexOf(RECORD_MAGIC_BYTES, at + 1)) {
      const rec = parseRecord(buf, at);
      if (rec && rec.seq >= expected) {
        damagedAt = pos;
        break;
      }
    }
  }
  return { baseSeq, buf, commits, validBytes: pos, totalBytes: buf.length, tornTail: pos < buf.length && damagedAt === null, damagedAt, headerProblem: null };
}

const RECORD_MAGIC_BYTES = (() => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(RECORD_MAGIC);
  return b;
})();

/** The runs (offset u16, length u16, bytes) where `next` differs from `prev`; null when whole is smaller. */
function delta(prev: Uint8Array, next: Uint8Array): Buffer | null {
  const runs: [number, number][] = [];
  let size = 0;
  let i = 0;
  while (i < PAGE) {
    if (prev[i] === next[i]) {
      i++;
      continue;
    }
    let end = i + 1;
    // a run absorbs gaps of fewer than 8 equal bytes (a run header costs 4)
    for (let same = 0; end < PAGE && same < 8; end++) same = prev[end] === next[end] ? same + 1 : 0;
    while (end > i + 1 && prev[end - 1] === next[end - 1]) end--;
    runs.push([i, end - i]);
    size += 4 + end - i;
    if (size >= PAGE - 64) return null;
    i = end;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const [offset, length] of runs) {
    out.writeUInt16LE(offset, at);
    out.writeUInt16LE(length, at + 2);
    out.set(next.subarray(offset, offset + length), at + 4);
    at += 4 + length;
  }
  return out;
}

/**
 * Builds one record from the pages a transaction changed (`pages`, whole
 * images); `previous` holds the pages' images already in this log (whose
 * entries become deltas).
 */
export function encodeRecord(seq: number, dbPages: number, pages: ReadonlyMap<number, Uint8Array>, previous: ReadonlyMap<number, Uint8Array>): Buffer {
  const numbers = [...pages.keys()].sort((a, b) => a - b);
  const payloads: Uint8Array[] = [];
  let bodyBytes = 0;
  for (const p of numbers) {
    const next = pages.get(p) as Uint8Array;
    const prev = previous.get(p);
    const payload = (prev && delta(prev, next)) ?? next;
    payloads.push(payload);
    bodyBytes += ENTRY_HEADER + payload.length;
  }
  const buf = Buffer.allocUnsafe(RECORD_HEADER + bodyBytes);
  buf.writeUInt32LE(RECORD_MAGIC, 0);
  buf.writeUInt32LE(numbers.length, 4);
  buf.writeBigUInt64LE(BigInt(seq), 8);
  buf.writeUInt32LE(dbPages, 16);
  buf.writeUInt32LE(bodyBytes, 20);
  let at = RECORD_HEADER;
  numbers.forEach((p, i) => {
    const payload = payloads[i] as Uint8Array;
    buf.writeUInt32LE(p, at);
    buf.writeUInt32LE(payload.length, at + 4);
    buf.writeUInt32LE(crc32(pages.get(p) as Uint8Array), at + 8);
    buf.set(payload, at + ENTRY_HEADER);
    at += ENTRY_HEADER + payload.length;
  });
  let crc = crc32(buf.subarray(0, 24));
  crc = crc32(buf.subarray(RECORD_HEADER), crc);
  buf.writeUInt32LE(crc, 24);
  return buf;
}

/** The page numbers a record's entries change. */
export function recordPages(buf: Buffer, commit: WalCommit): number[] {
  const out: number[] = [];
  let at = commit.at;
  for (let i = 0; i < commit.entries; i++) {
    out.push(buf.readUInt32LE(at));
    at += ENTRY_HEADER + buf.readUInt32LE(at + 4);
  }
  return out;
}

/**
 * Lays a record's pages over `image` (whole images copied, deltas applied
 * to what the image holds) and checks each page against its crc. Returns
 * the first page whose result is wrong, else null.
 */
export function applyRecord(buf: Buffer, commit: WalCommit, image: Buffer): number | null {
  let at = commit.at;
  for (let i = 0; i < commit.entries; i++) {
    const page = buf.readUInt32LE(at);
    const length = buf.readUInt32LE(at + 4);
    const crc = buf.readUInt32LE(at + 8);
    const payload = at + ENTRY_HEADER;
    const base = page * PAGE;
    if (length === PAGE) {
      buf.copy(image, base, payload, payload + PAGE);
    } else {
      for (let r = payload; r < payload + length; ) {
        const offset = buf.readUInt16LE(r);
        const n = buf.readUInt16LE(r + 2);
        buf.copy(image, base + offset, r + 4, r + 4 + n);
        r += 4 + n;
      }
    }
    if (crc32(image.subarray(base, base + PAGE)) !== crc) return page;
    at = payload + length;
  }
  return null;
}

/**
 * Appends records and makes them durable (fdatasync) before returning. A
 * failed append leaves `bytes` where it was, and `truncate` cuts whatever
 * part of the failed record reached the file.
 */
export class WalWriter {
  private fd: number;

  constructor(
    file: string,
    public bytes: number,
    public entries: number,
  ) {
    this.fd = fs.openSync(file, 'r+');
  }

  append(record: Buffer): void {
    let written = 0;
    while (written < record.length) written += fs.writeSync(this.fd, record, written, record.length - written, this.bytes + written);
    fs.fdatasyncSync(this.fd);
    this.bytes += record.length;
    this.entries += 1;
  }

  /** Cuts whatever a failed append left behind the last good record. */
  truncate(): void {
    fs.ftruncateSync(this.fd, this.bytes);
    fs.fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}
