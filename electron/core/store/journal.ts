import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import type { SqlValue } from './types.js';

/**
 * The append-only journal of committed transactions (a logical redo log).
 *
 * One line per transaction: `J1 <seq> <crc32 hex> <json ops>\n`. The CRC covers
 * the JSON, so a line cut short by a crash (or the zero-filled block some file
 * systems leave after a power cut) is recognised. Sequence numbers are
 * contiguous; the snapshot records the last one it contains, which makes
 * replay idempotent.
 */
export type JournalOp = readonly ['r', string, readonly SqlValue[]] | readonly ['x', string];

export interface JournalEntry {
  seq: number;
  ops: JournalOp[];
}

/**
 * Structural check of a decoded line. Hand-written rather than zod: it runs
 * for every entry on every cold open (10k entries must replay in well under
 * a second) and the CRC has already vouched for the bytes.
 */
function asOps(value: unknown): JournalOp[] | null {
  if (!Array.isArray(value)) return null;
  for (const op of value as unknown[]) {
    if (!Array.isArray(op) || typeof op[1] !== 'string') return null;
    if (op[0] === 'x' && op.length === 2) continue;
    if (op[0] !== 'r' || op.length !== 3 || !Array.isArray(op[2])) return null;
    for (const v of op[2] as unknown[]) if (v !== null && typeof v !== 'string' && typeof v !== 'number') return null;
  }
  return value as JournalOp[];
}

const LINE = /^J1 (\d+) ([0-9a-f]{8}) (.*)$/s;

export function encodeEntry(entry: JournalEntry): Buffer {
  const json = JSON.stringify(entry.ops);
  const crc = crc32(json).toString(16).padStart(8, '0');
  return Buffer.from(`J1 ${entry.seq} ${crc} ${json}\n`, 'utf8');
}

function decodeLine(line: string): JournalEntry | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const json = m[3] as string;
  if (crc32(json).toString(16).padStart(8, '0') !== m[2]) return null;
  try {
    const ops = asOps(JSON.parse(json));
    return ops ? { seq: Number(m[1]), ops } : null;
  } catch {
    return null;
  }
}

export interface JournalScan {
  entries: JournalEntry[];
  /** byte length of the valid prefix: where the next entry must go */
  validBytes: number;
  totalBytes: number;
  /** invalid bytes after the last valid entry and nothing valid after them */
  tornTail: boolean;
  /** an invalid line FOLLOWED by valid ones: real damage, not a torn write */
  damagedAt: number | null;
}

export function scanJournal(file: string): JournalScan {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, totalBytes: 0, tornTail: false, damagedAt: null };
    throw e;
  }
  const entries: JournalEntry[] = [];
  let offset = 0;
  let validBytes = 0;
  let firstBad: number | null = null;
  let damagedAt: number | null = null;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl + 1;
    const entry = nl === -1 ? null : decodeLine(buf.toString('utf8', offset, nl));
    if (entry) {
      if (firstBad !== null) {
        damagedAt = firstBad;
        break;
      }
      entries.push(entry);
      validBytes = end;
    } else if (firstBad === null) {
      firstBad = offset;
    }
    offset = end;
  }
  return { entries, validBytes, totalBytes: buf.length, tornTail: firstBad !== null && damagedAt === null, damagedAt };
}

/** Appends entries and makes each durable before returning. */
export class JournalWriter {
  private fd: number;
  private size: number;
  private count: number;

  constructor(
    readonly file: string,
    validBytes: number,
    entries: number,
  ) {
    this.fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    // Cut a torn tail so the next entry starts on a clean line.
    if (fs.fstatSync(this.fd).size !== validBytes) {
      fs.ftruncateSync(this.fd, validBytes);
      fs.fsyncSync(this.fd);
    }
    this.size = validBytes;
    this.count = entries;
  }

  get entries(): number {
    return this.count;
  }

  get bytes(): number {
    return this.size;
  }

  append(entry: JournalEntry): void {
    const data = encodeEntry(entry);
    try {
      let written = 0;
      while (written < data.length) written += fs.writeSync(this.fd, data, written, data.length - written, this.size + written);
      fs.fdatasyncSync(this.fd);
    } catch (e) {
      // Leave no half line behind: the entry is not acknowledged, so it must not replay.
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        /* the open-time scan will treat it as a torn tail */
      }
      throw e;
    }
    this.size += data.length;
    this.count += 1;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
