/**
 * `BENCH_ONLY=outbox npm run -s bench`: issue 18 point 2, the outbox's share
 * of the database. Seeds BENCH_OUTBOX_TICKETS (default 10k) tickets through
 * the ticket service as the foundation bench does (each a customer and a
 * ticket with its history, never synced), then measures the database's used
 * pages (page_count - freelist_count) three ways on the same rows:
 *  - lean: the outbox as written now (migration 0026: rows and fields named);
 *  - copy: the same pending mutations in the old shape (each entry's
 *    `{ changes }` with every value, as the outbox held before 0026);
 *  - none: no outbox at all.
 * Writes bench-results/outbox.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/core/index.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import { readBatch } from '../../electron/core/sync/outbox.js';
import type { SqlReader } from '../../electron/core/store/types.js';
import { benchTicket } from './generate.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TICKETS = Number(process.env.BENCH_OUTBOX_TICKETS ?? 10_000);
const log = (m: string) => process.stderr.write(`${m}\n`);

function usedBytes(r: SqlReader): number {
  const one = (sql: string) => Object.values(r.get<Record<string, number>>(sql) ?? {})[0] ?? 0;
  return (one('PRAGMA page_count') - one('PRAGMA freelist_count')) * one('PRAGMA page_size');
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

export async function runOutboxBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-outbox-'));
  try {
    log(`outbox: seeding ${TICKETS} tickets`);
    const core = await openCore({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 0, checkpointEvery: 20_000 });
    for (let i = 0; i < TICKETS; i++) {
      const r = await core.call('tickets:create', benchTicket(i));
      if (!r.ok) throw new Error(`seed failed at ${i}: ${r.error.message}`);
    }
    await core.close();

    const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0, checkpointEvery: 1_000_000_000 });
    try {
      const entries = store.read((r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')?.n ?? 0);
      const lean = store.read(usedBytes);
      // The same pending mutations with their values copied, as the outbox kept them before 0026.
      let after = 0;
      let copyArgsBytes = 0;
      for (;;) {
        const batch = store.read((r) => readBatch(r, after));
        if (batch.mutations.length === 0) break;
        store.write((w) => {
          for (const m of batch.mutations) {
            const args = JSON.stringify(m.args);
            copyArgsBytes += Buffer.byteLength(args);
            w.run('UPDATE outbox SET args = ? WHERE id = ?', [args, m.mutationId]);
          }
          w.run('DELETE FROM outbox_row WHERE outbox_id <= ?', [batch.lastId]);
        });
        after = batch.lastId;
      }
      const copy = store.read(usedBytes);
      store.write((w) => {
        w.run('DELETE FROM outbox');
        w.run('DELETE FROM outbox_row');
      });
      const none = store.read(usedBytes);
      const results = {
        tickets: TICKETS,
        outboxEntries: entries,
        bytes: { lean, copy, none },
        outboxShare: { lean: (lean - none) / lean, copy: (copy - none) / copy },
        copyArgsBytesPerEntry: Math.round(copyArgsBytes / Math.max(1, entries)),
        leanOverCopy: lean / copy,
        uptime: os.loadavg().map((l) => l.toFixed(2)).join(' '),
      };
      console.log(`\noutbox (issue 18 pt 2), ${TICKETS} tickets, ${entries} pending entries, load ${results.uptime}`);
      console.log(`  database, outbox with a copy of the values (before 0026): ${mib(copy)}; outbox ${(results.outboxShare.copy * 100).toFixed(0)}%`);
      console.log(`  database, lean outbox (0026):                              ${mib(lean)}; outbox ${(results.outboxShare.lean * 100).toFixed(0)}%`);
      console.log(`  database without any outbox:                               ${mib(none)}`);
      console.log(`  lean / copy: ${(results.leanOverCopy * 100).toFixed(0)}%`);
      fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'bench-results', 'outbox.json'), `${JSON.stringify(results, null, 2)}\n`);
      console.log('saved bench-results/outbox.json');
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
