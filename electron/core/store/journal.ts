import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import type { SqlValue } from './types.js';

/**
 * The append-only journal of committed transactions (a logical redo log).
 *
 * One line per transaction: `J2 <seq> <crc32 hex> <json ops>\n`. The CRC covers
 * the JSON, so a line cut short by a crash (or the zero-filled block some file
 * systems leave after a power cut) is recognised. Sequence numbers are
 * contiguous; the snapshot records the last one it contains, which makes
 * replay idempotent.
 *
 * Statement texts are long and few, so each file carries a dictionary: the
 * first use of a text in a file defines it (`["d", n, sql]`) inside the same
 * line, later uses name it (`["r", n, params]`). A line is therefore only
 * meaningful after the lines before it in its file, which replay reads anyway;
 * it keeps a journal line (and a cold start's parsing) about a third the size.
 */
export type JournalOp = readonly ['r', string, readonly SqlValue[]] | readonly ['x', string];

export interface JournalEntry {
  seq: number;
  ops: JournalOp[];
}

type WireOp = readonly ['d', number, string] | readonly ['r', number, readonly SqlValue[]] | readonly ['x', string];

/**
 * Decodes one line's ops against the file's dictionary (extended in place).
 * Hand-written rather than zod: it runs for every entry on every cold start,
 * and the CRC has already vouched for the bytes.
 */
function resolveOps(value: unknown, dict: string[]): JournalOp[] | null {
  if (!Array.isArray(value)) return null;
  const out: JournalOp[] = [];
  const added: number[] = [];
  for (const op of value as unknown[]) {
    if (!Array.isArray(op)) return rollback(dict, added);
    if (op[0] === 'x' && op.length === 2 && typeof op[1] === 'string') {
      out.push(['x', op[1]]);
    } else if (op[0] === 'd' && op.length === 3 && op[1] === dict.length && typeof op[2] === 'string') {
      dict.push(op[2]);
      added.push(op[1]);
    } else if (op[0] === 'r' && op.length === 3 && typeof op[1] === 'number' && Array.isArray(op[2])) {
      const sql = dict[op[1]];
      if (sql === undefined) return rollback(dict, added);
      for (const v of op[2] as unknown[]) if (v !== null && typeof v !== 'string' && typeof v !== 'number') return rollback(dict, added);
      out.push(['r', sql, op[2] as SqlValue[]]);
    } else {
      return rollback(dict, added);
    }
  }
  return out;
}

function rollback(dict: string[], added: number[]): null {
  dict.length -= added.length;
  return null;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const MAGIC = Buffer.from('J2 ');

/** Parses `J2 <seq> <crc> ` at `start`; returns the JSON's start offset or -1. */
function parseHeader(buf: Buffer, start: number, end: number): { seq: number; crc: number; json: number } | null {
  if (end - start < 14 || buf.compare(MAGIC, 0, 3, start, start + 3) !== 0) return null;
  const seqEnd = buf.indexOf(SPACE, start + 3);
  if (seqEnd === -1 || seqEnd >= end || seqEnd - start - 3 > 15) return null;
  const seqText = buf.toString('latin1', start + 3, seqEnd);
  if (!/^\d+$/.test(seqText)) return null;
  const crcText = buf.toString('latin1', seqEnd + 1, seqEnd + 9);
  if (!/^[0-9a-f]{8}$/.test(crcText) || buf[seqEnd + 9] !== SPACE) return null;
  return { seq: Number(seqText), crc: parseInt(crcText, 16), json: seqEnd + 10 };
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
  /** the file's statement dictionary after its last valid entry */
  dictionary: string[];
}

export function scanJournal(file: string): JournalScan {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, totalBytes: 0, tornTail: false, damagedAt: null, dictionary: [] };
    throw e;
  }
  const entries: JournalEntry[] = [];
  const dictionary: string[] = [];
  let offset = 0;
  let validBytes = 0;
  let firstBad: number | null = null;
  let damagedAt: number | null = null;
  while (offset < buf.length) {
    const nl = buf.indexOf(NEWLINE, offset);
    const end = nl === -1 ? buf.length : nl + 1;
    let entry: JournalEntry | null = null;
    const header = nl === -1 ? null : parseHeader(buf, offset, nl);
    // After a bad line the dictionary may lack definitions, so later lines are
    // only checked for being well-formed (to tell damage from a torn tail).
    if (header && crc32(buf.subarray(header.json, nl)) === header.crc) {
      if (firstBad !== null) {
        damagedAt = firstBad;
        break;
      }
      try {
        const ops = resolveOps(JSON.parse(buf.toString('utf8', header.json, nl)), dictionary);
        if (ops) entry = { seq: header.seq, ops };
      } catch {
        entry = null;
      }
    }
    if (entry) {
      entries.push(entry);
      validBytes = end;
    } else if (firstBad === null) {
      firstBad = offset;
    }
    offset = end;
  }
  return { entries, validBytes, totalBytes: buf.length, tornTail: firstBad !== null && damagedAt === null, damagedAt, dictionary };
}

/** Appends entries and makes each durable before returning. */
export class JournalWriter {
  private fd: number;
  private size: number;
  private count: number;
  private readonly ids: Map<string, number>;

  /** `dictionary`: the statement texts already defined in the file (from its scan). */
  constructor(
    readonly file: string,
    validBytes: number,
    entries: number,
    dictionary: readonly string[] = [],
  ) {
    this.fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    // Cut a torn tail so the next entry starts on a clean line.
    if (fs.fstatSync(this.fd).size !== validBytes) {
      fs.ftruncateSync(this.fd, validBytes);
      fs.fsyncSync(this.fd);
    }
    this.size = validBytes;
    this.count = entries;
    this.ids = new Map(dictionary.map((sql, i) => [sql, i]));
  }

  get entries(): number {
    return this.count;
  }

  get bytes(): number {
    return this.size;
  }

  private encode(entry: JournalEntry): { data: Buffer; defined: string[] } {
    const wire: WireOp[] = [];
    const pending = new Map<string, number>();
    for (const op of entry.ops) {
      if (op[0] === 'x') {
        wire.push(op);
        continue;
      }
      let id = this.ids.get(op[1]) ?? pending.get(op[1]);
      if (id === undefined) {
        id = this.ids.size + pending.size;
        pending.set(op[1], id);
        wire.push(['d', id, op[1]]);
      }
      wire.push(['r', id, op[2]]);
    }
    const json = Buffer.from(JSON.stringify(wire), 'utf8');
    const head = Buffer.from(`J2 ${entry.seq} ${crc32(json).toString(16).padStart(8, '0')} `, 'latin1');
    return { data: Buffer.concat([head, json, Buffer.from('\n')]), defined: [...pending.keys()] };
  }

  append(entry: JournalEntry): void {
    const { data, defined } = this.encode(entry);
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
    // Definitions count only once their line is durable.
    for (const sql of defined) this.ids.set(sql, this.ids.size);
    this.size += data.length;
    this.count += 1;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
