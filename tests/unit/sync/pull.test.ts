import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import type { SyncHttp } from '../../../electron/core/sync/http.js';
import { pullAll, type PullDeps } from '../../../electron/core/sync/pull.js';
import { readCursor } from '../../../electron/core/sync/syncMeta.js';
import { appStore } from './appStore.js';
import { customer, history, lastSeq, ticket } from './bulkLines.js';

const copies: string[] = [];
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) if (!s.isClosed) s.close();
  for (const d of copies.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The store's files as a crash would leave them right now. */
function crashCopy(store: Store): string {
  const from = store.report().dataDir;
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-pull-crash-'));
  copies.push(to);
  for (const f of fs.readdirSync(from)) if (f !== 'LOCK') fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

async function reopen(dir: string): Promise<Store> {
  const s = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
  opened.push(s);
  return s;
}

/** 30 customers, each with a ticket and its history entry, in stream order; customer c7 comes last (renamed after its ticket). */
function stream(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    if (i !== 7) lines.push(customer(`c${i}`));
    lines.push(ticket(`t${i}`, `c${i}`), history(`h${i}`, `t${i}`));
  }
  lines.push(customer('c7', '改名'));
  return lines;
}

/** A /sync/bulk that serves `lines` and calls `atLine(i)` before line i (a crash there is a copy of the files). */
function bulkHttp(lines: readonly string[], atLine: (i: number) => void = () => undefined): SyncHttp {
  const end = { end: true as const, cursor: lastSeq(), rows: lines.length };
  const http = {
    async *bulk(): AsyncGenerator<{ line: string } | { end: typeof end }> {
      for (const [i, line] of lines.entries()) {
        atLine(i);
        yield { line };
      }
      yield { end };
    },
  };
  return http as unknown as SyncHttp;
}

function deps(store: Store, http: SyncHttp, extra: Partial<PullDeps> = {}): PullDeps {
  return { store, http, receive: () => null, onTickets: () => undefined, signal: new AbortController().signal, bulkChunkRows: 10, ...extra };
}

const counts = (s: Store) =>
  s.read((r) => r.get<{ c: number; t: number; h: number; d: number }>('SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM tickets) AS t, (SELECT COUNT(*) FROM ticket_history) AS h, (SELECT COUNT(*) FROM sync_deferred) AS d'));

describe('first sync: chunks saved to disk only now and then', () => {
  it('keeps unsaved chunks in memory: a crash mid-way loses them and their cursor together, and the next start pulls everything again, once', async () => {
    const store = await appStore('hw-pull-');
    const lines = stream();
    let midway = '';
    const out = await pullAll(deps(store, bulkHttp(lines, (i) => i === 60 && (midway = crashCopy(store)))));
    expect(out).toMatchObject({ rows: lines.length, bulk: true, cursor: lastSeq() });
    expect(counts(store)).toEqual({ c: 30, t: 30, h: 30, d: 0 });
    // Finished means saved: the files a crash leaves hold all of it.
    const done = await reopen(crashCopy(store));
    expect(counts(done)).toEqual({ c: 30, t: 30, h: 30, d: 0 });
    expect(done.read(readCursor)).toBe(lastSeq());

    // Six chunks were applied before the copy, none saved: the files hold the empty store and cursor 0.
    const crashed = await reopen(midway);
    expect(counts(crashed)).toEqual({ c: 0, t: 0, h: 0, d: 0 });
    expect(crashed.read(readCursor)).toBe(0);
    const again = await pullAll(deps(crashed, bulkHttp(lines)));
    expect(again.bulk).toBe(true);
    expect(counts(crashed)).toEqual({ c: 30, t: 30, h: 30, d: 0 });
    expect(crashed.read((r) => r.get<{ name: string }>("SELECT name FROM customers WHERE id = 'c7'"))?.name).toBe('改名');
  });

  it('saves a chunk when the interval has passed: a crash then resumes from that chunk, with every row up to its cursor on disk', async () => {
    const store = await appStore('hw-pull-');
    const lines = stream();
    let midway = '';
    await pullAll(deps(store, bulkHttp(lines, (i) => i === 35 && (midway = crashCopy(store))), { bulkSaveEveryMs: 0 }));
    const crashed = await reopen(midway);
    const cursor = crashed.read(readCursor);
    // Three chunks of 10 are on disk; the cursor stays below ticket t7, held for its customer that comes last.
    const t7 = JSON.parse(lines.find((l) => l.includes('"id":"t7"')) as string) as { seq: number };
    expect(cursor).toBe(t7.seq - 1);
    // Every row up to the cursor is on disk (rows after it may be too: they are pulled again, harmlessly).
    const upToCursor = lines.map((l) => JSON.parse(l) as { entity: string; id: string; seq: number }).filter((r) => r.seq <= cursor && r.entity === 'ticket');
    const stored = new Set(crashed.read((r) => r.all<{ id: string }>('SELECT id FROM tickets')).map((r) => r.id));
    expect(upToCursor.length).toBeGreaterThan(0);
    expect(upToCursor.filter((r) => !stored.has(r.id))).toEqual([]);
  });

  it('saves unsaved chunks before a local write is journaled, and the write survives a crash with them', async () => {
    const store = await appStore('hw-pull-');
    const lines = stream();
    const cut = lines.slice(0, 40);
    // The download is cut off after four unsaved chunks.
    await expect(pullAll(deps(store, { async *bulk() { for (const line of cut) yield { line }; } } as unknown as SyncHttp))).rejects.toThrow(/cut off/);
    store.write((w) => w.run("UPDATE tickets SET subject = 'local' WHERE id = 't3'"));
    const crashed = await reopen(crashCopy(store));
    expect(crashed.read((r) => r.get<{ subject: string }>("SELECT subject FROM tickets WHERE id = 't3'"))?.subject).toBe('local');
    expect(crashed.read(readCursor)).toBe(store.read(readCursor));
  });
});
