/**
 * Page capture: the bytes SQLite writes to a database file, as it writes them.
 *
 * sql.js runs SQLite on Emscripten's in-memory file system; every write to a
 * file passes through two of the wasm module's imports: a seek (fd, offset
 * as BigInt, whence, pointer to the resulting offset) followed by a write
 * (fd, iovec pointer, iovec count, pointer to the bytes written). The import
 * names are minified and differ between builds, so they are found by
 * behaviour when sql.js loads (identifyTaps): every four-argument import is
 * wrapped, a probe database commits a known change while the calls are
 * recorded, and the (seek, write) pair whose recorded writes, applied to the
 * file as it was, give exactly the file as it is afterwards is the one used.
 * If no pair (or more than one) passes, capture stays unavailable and the
 * store refuses to open, saying why (a different sql.js build must be looked
 * at before it can hold anyone's data).
 */

/** The little of the WebAssembly API used here (no DOM lib in the Node typings). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

type Fn4 = (a: unknown, b: unknown, c: unknown, d: unknown) => unknown;

/** Where the writes of one database file go. */
export interface PageSink {
  /** a write of `bytes` at `offset` (the bytes are a copy) */
  write(offset: number, bytes: Uint8Array): void;
  /** the write could not be attributed (a build that writes without seeking first) */
  fail(reason: string): void;
}

interface RecordedCall {
  name: string;
  args: unknown[];
  /** for calls that look like (fd, iov, count, out): the iovec bytes before the call */
  pre: Uint8Array | null;
  /** the u32 / i64 the call left behind its last pointer */
  outU32: number;
  outI64: bigint;
  result: unknown;
}

interface TapState {
  memory: WasmMemory | null;
  /** names of the identified imports; null until identifyTaps passed */
  seek: string | null;
  write: string | null;
  /** probe mode: every wrapped call is recorded */
  recording: RecordedCall[] | null;
  /** the sink of the transaction running now (any fd), else the owner of the fd */
  active: { sink: PageSink; fd: number | null } | null;
  owners: Map<number, PageSink>;
  lastSeek: { fd: number; pos: number } | null;
  failure: string | null;
}

const state: TapState = { memory: null, seek: null, write: null, recording: null, active: null, owners: new Map(), lastSeek: null, failure: 'sql.js not loaded yet' };

/** Wraps every four-argument function import; called from Emscripten's instantiateWasm hook. */
export function installTaps(imports: unknown): void {
  if (typeof imports !== 'object' || imports === null) return;
  for (const ns of Object.values(imports as Record<string, unknown>)) {
    if (typeof ns !== 'object' || ns === null) continue;
    const table = ns as Record<string, unknown>;
    for (const [name, fn] of Object.entries(table)) {
      if (typeof fn !== 'function' || fn.length !== 4) continue;
      const orig = fn as Fn4;
      table[name] = (a: unknown, b: unknown, c: unknown, d: unknown) => (state.recording === null && state.seek === null ? orig(a, b, c, d) : tapped(name, orig, a, b, c, d));
    }
  }
}

let cachedView: DataView | null = null;

/** A view of the wasm memory, made again only when the memory grew (every page read passes a seek through here). */
function view(): DataView {
  const buffer = (state.memory as WasmMemory).buffer;
  if (cachedView === null || cachedView.buffer !== buffer) cachedView = new DataView(buffer);
  return cachedView;
}

function gather(iov: number, count: number, limit: number): Uint8Array {
  const dv = view();
  let total = 0;
  for (let i = 0; i < count; i++) total += dv.getUint32(iov + i * 8 + 4, true);
  const out = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (let i = 0; i < count && at < out.length; i++) {
    const ptr = dv.getUint32(iov + i * 8, true);
    const len = Math.min(dv.getUint32(iov + i * 8 + 4, true), out.length - at);
    out.set(new Uint8Array(dv.buffer, ptr, len), at);
    at += len;
  }
  return out;
}

function tapped(name: string, orig: Fn4, a: unknown, b: unknown, c: unknown, d: unknown): unknown {
  if (state.recording !== null) return record(name, orig, a, b, c, d);
  if (name === state.seek) {
    const r = orig(a, b, c, d);
    state.lastSeek = r === 0 && typeof a === 'number' && typeof d === 'number' ? { fd: a, pos: Number(view().getBigInt64(d, true)) } : null;
    return r;
  }
  if (name !== state.write || typeof a !== 'number') {
    state.lastSeek = null;
    return orig(a, b, c, d);
  }
  const active = state.active;
  const sink = active && (active.fd === null || active.fd === a) ? active.sink : state.owners.get(a);
  if (!sink) {
    state.lastSeek = null;
    return orig(a, b, c, d);
  }
  if (active && active.fd === null) active.fd = a;
  const at = state.lastSeek;
  const r = orig(a, b, c, d);
  if (r !== 0) return r;
  const written = view().getUint32(d as number, true);
  if (!at || at.fd !== a) {
    state.lastSeek = null;
    sink.fail('a database write arrived without a seek before it');
    return r;
  }
  sink.write(at.pos, gather(b as number, c as number, written));
  state.lastSeek = { fd: a, pos: at.pos + written };
  return r;
}

function record(name: string, orig: Fn4, a: unknown, b: unknown, c: unknown, d: unknown): unknown {
  const rec = state.recording as RecordedCall[];
  const plausible = typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number' && c >= 1 && c <= 64 && b > 0 && d > 0;
  let pre: Uint8Array | null = null;
  if (plausible) {
    try {
      pre = gather(b, c, 1 << 20);
    } catch {
      pre = null;
    }
  }
  const result = orig(a, b, c, d);
  let outU32 = -1;
  let outI64 = -1n;
  if (typeof d === 'number' && d > 0) {
    try {
      const dv = view();
      outU32 = dv.getUint32(d, true);
      outI64 = dv.getBigInt64(d, true);
    } catch {
      /* not a pointer */
    }
  }
  rec.push({ name, args: [a, b, c, d], pre, outU32, outI64, result });
  return result;
}

/** What the probe needs from sql.js (kept structural so this file does not import it). */
export interface ProbeDatabase {
  exec(sql: string): unknown;
  close(): void;
}

/**
 * Finds the seek and write imports by what they do (see the file comment).
 * Returns null when capture works, else the reason it does not.
 */
export function identifyTaps(memory: WasmMemory | null, newDatabase: (image?: Uint8Array) => ProbeDatabase): string | null {
  state.memory = memory;
  state.seek = null;
  state.write = null;
  if (!memory) return (state.failure = 'the wasm memory was not found');
  const db = newDatabase();
  try {
    // Recorded from the empty file on: the candidate's writes alone must build the database.
    const calls: RecordedCall[] = [];
    state.recording = calls;
    try {
      db.exec('PRAGMA page_size = 4096; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;');
      db.exec("CREATE TABLE probe (id INTEGER PRIMARY KEY, body BLOB); INSERT INTO probe (body) VALUES (zeroblob(9000)), ('a');");
      db.exec("BEGIN; INSERT INTO probe (body) VALUES (randomblob(12000)); UPDATE probe SET body = 'page-capture-probe' WHERE id = 2; DELETE FROM probe WHERE id = 1; COMMIT;");
    } finally {
      state.recording = null;
    }
    const failure = pick(calls, (image) => {
      const check = newDatabase(image);
      try {
        const rows = check.exec("SELECT (SELECT group_concat(length(body)) FROM probe) || '|' || (SELECT body FROM probe WHERE id = 2) || '|' || (SELECT integrity_check FROM pragma_integrity_check)");
        return JSON.stringify(rows).includes('"18,12000|page-capture-probe|ok"');
      } catch {
        return false;
      } finally {
        check.close();
      }
    });
    state.failure = failure;
    if (failure) {
      state.seek = null;
      state.write = null;
    }
    return failure;
  } catch (e) {
    state.seek = null;
    state.write = null;
    return (state.failure = `the probe failed: ${(e as Error).message}`);
  } finally {
    state.recording = null;
    db.close();
  }
}

/**
 * The seek import is the one called with a BigInt offset; a write candidate
 * is any import called right after it on the same fd. A candidate passes if
 * its calls, placed at the offsets the seeks left, build a database that
 * opens with exactly the probe's rows.
 */
function pick(calls: RecordedCall[], verify: (image: Uint8Array) => boolean): string | null {
  const seekNames = new Set(calls.filter((c) => typeof c.args[1] === 'bigint').map((c) => c.name));
  if (seekNames.size !== 1) return `expected one seek import (BigInt offset), found ${seekNames.size}`;
  const [seek] = [...seekNames] as [string];
  const extents = new Map<string, { offset: number; bytes: Uint8Array }[]>();
  for (let i = 1; i < calls.length; i++) {
    const prev = calls[i - 1] as RecordedCall;
    const call = calls[i] as RecordedCall;
    if (prev.name !== seek || prev.result !== 0 || call.name === seek || call.pre === null || call.result !== 0) continue;
    if (call.args[0] !== prev.args[0] || call.outU32 < 0) continue;
    const list = extents.get(call.name) ?? [];
    list.push({ offset: Number(prev.outI64), bytes: call.pre.subarray(0, call.outU32) });
    extents.set(call.name, list);
  }
  const passing: string[] = [];
  for (const [name, list] of extents) {
    const image = new Uint8Array(Math.max(0, ...list.map((e) => e.offset + e.bytes.length)));
    for (const e of list) image.set(e.bytes, e.offset);
    if (list.length > 0 && verify(image)) passing.push(name);
  }
  if (passing.length !== 1) return `expected one write import that rebuilds the probe database, found ${passing.length} (candidates: ${[...extents.keys()].join(', ') || 'none'})`;
  state.seek = seek;
  state.write = passing[0] as string;
  return null;
}

/** Why capture is unavailable, or null when it works. */
export function captureFailure(): string | null {
  return state.failure;
}

/**
 * Runs `fn` with every database write (on whichever fd it is the first to
 * write) going to `sink`; the fd is returned so later writes outside a
 * transaction can be claimed with `own`.
 */
export function capturing<T>(sink: PageSink, fd: number | null, fn: () => T): { value: T; fd: number | null } {
  const prev = state.active;
  const active = { sink, fd };
  state.active = active;
  try {
    return { value: fn(), fd: active.fd };
  } finally {
    state.active = prev;
    state.lastSeek = null;
  }
}

/** Writes on `fd` outside `capturing` go to `sink` (null: forget the fd). */
export function own(fd: number, sink: PageSink | null): void {
  if (sink) state.owners.set(fd, sink);
  else state.owners.delete(fd);
}
