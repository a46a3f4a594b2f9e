import fs from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * The write-ahead log: page images of committed transactions.
 *
 * File: header `HWWAL001` | base seq (u64 LE) | crc32 of the 16 bytes before (u32 LE) | 4 zero bytes,
 * then one record per committed transaction:
 *   magic `HWC1` (u32 LE 0x31435748) | page count n (u32) | seq (u64) | database pages after the commit (u32) | crc32 (u32)
 *   n page numbers (u32 each, 0-based: byte offset / PAGE)
 *   n page images (PAGE bytes each)
 * The crc covers the first 20 bytes of the record, the page numbers and the images,
 * so a record cut short by a crash (or the zeros some file systems leave after a
 * power cut) is recognised. Sequences are contiguous from base + 1. The base is
 * the seq of the database file the log continues (store.sums says which that is).
 */
export const PAGE = 4096;
const FILE_MAGIC = Buffer.from('HWWAL001', 'ascii');
export const WAL_HEADER = 24;
const RECORD_MAGIC = 0x31435748;
const RECORD_HEADER = 24;

export interface WalCommit {
  seq: number;
  dbPages: number;
  /** where this record's page numbers start in the scanned buffer */
  at: number;
  pages: number;
}

export interface WalScan {
  /** null when the file does not exist */
  baseSeq: number | null;
  /** the whole file as read (page images are read from here, no copy) */
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
  const end = pos + RECORD_HEADER + n * (4 + PAGE);
  if (n === 0 || end > buf.length) return null;
  let crc = crc32(buf.subarray(pos, pos + 20));
  crc = crc32(buf.subarray(pos + RECORD_HEADER, end), crc);
  if (crc !== buf.readUInt32LE(pos + 20)) return null;
  return { seq: Number(buf.readBigUInt64LE(pos + 8)), dbPages: buf.readUInt32LE(pos + 16), at: pos + RECORD_HEADER, pages: n, end };
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
    commits.push({ seq: rec.seq, dbPages: rec.dbPages, at: rec.at, pages: rec.pages });
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

/** Builds one record: the pages sorted by number. */
export function encodeRecord(seq: number, dbPages: number, pages: Map<number, Uint8Array>): Buffer {
  const numbers = [...pages.keys()].sort((a, b) => a - b);
  const n = numbers.length;
  const buf = Buffer.allocUnsafe(RECORD_HEADER + n * (4 + PAGE));
  buf.writeUInt32LE(RECORD_MAGIC, 0);
  buf.writeUInt32LE(n, 4);
  buf.writeBigUInt64LE(BigInt(seq), 8);
  buf.writeUInt32LE(dbPages, 16);
  numbers.forEach((p, i) => {
    buf.writeUInt32LE(p, RECORD_HEADER + i * 4);
    buf.set(pages.get(p) as Uint8Array, RECORD_HEADER + n * 4 + i * PAGE);
  });
  let crc = crc32(buf.subarray(0, 20));
  crc = crc32(buf.subarray(RECORD_HEADER), crc);
  buf.writeUInt32LE(crc, 20);
  return buf;
}

/** Page number → byte offset of its newest image in the log, for the commits given. */
export function latestPages(buf: Buffer, commits: readonly WalCommit[], into = new Map<number, number>()): Map<number, number> {
  for (const c of commits) {
    for (let i = 0; i < c.pages; i++) into.set(buf.readUInt32LE(c.at + i * 4), c.at + c.pages * 4 + i * PAGE);
  }
  return into;
}

/**
 * Appends records and makes them durable (fdatasync) before returning. A
 * failed append leaves `bytes` where it was: the next record overwrites
 * whatever part of the failed one reached the file, and a reader ignores it
 * (its crc fails and nothing valid follows).
 */
export class WalWriter {
  private fd: number;
  /** page number → offset of its newest image in the file */
  readonly latest: Map<number, number>;

  constructor(
    private readonly file: string,
    public bytes: number,
    public entries: number,
    latest: Map<number, number>,
  ) {
    this.fd = fs.openSync(file, 'r+');
    this.latest = latest;
  }

  append(record: Buffer): void {
    let written = 0;
    while (written < record.length) written += fs.writeSync(this.fd, record, written, record.length - written, this.bytes + written);
    fs.fdatasyncSync(this.fd);
    const n = record.readUInt32LE(4);
    for (let i = 0; i < n; i++) this.latest.set(record.readUInt32LE(RECORD_HEADER + i * 4), this.bytes + RECORD_HEADER + n * 4 + i * PAGE);
    this.bytes += record.length;
    this.entries += 1;
  }

  /** The newest logged image of each page, read back from the file (sorted by page number). */
  readLatest(): [number, Buffer][] {
    const out: [number, Buffer][] = [];
    for (const [page, offset] of [...this.latest].sort((a, b) => a[0] - b[0])) {
      const buf = Buffer.allocUnsafe(PAGE);
      let read = 0;
      while (read < PAGE) {
        const n = fs.readSync(this.fd, buf, read, PAGE - read, offset + read);
        if (n === 0) throw new Error(`log ends inside the image of page ${page}`);
        read += n;
      }
      out.push([page, buf]);
    }
    return out;
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
