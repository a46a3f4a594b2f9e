import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/index.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { BACKENDS, suiteServer, ok, openClient, PASSWORD, signIn, team, tempDir, ticketInput } from './helpers.js';
import { login, seedTickets } from './seed.js';

/** The folder's files as a crash would leave them, while the core still has it open. */
function crashCopy(dir: string): string {
  const copy = tempDir('hw-sync-crash-');
  for (const f of fs.readdirSync(dir)) if (f !== 'LOCK' && fs.statSync(path.join(dir, f)).isFile()) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  return copy;
}

describe.each(BACKENDS)('first sync of a new PC (%s)', (backend) => {
  const server = suiteServer(backend);

  it('streams /sync/bulk into the store in bulk chunks, waits for parents that come later, and is durable', { timeout: 120_000 }, async () => {
    const t = team('f');
    const seeder = await server.user(t);
    const TICKETS = 1500;
    // Every 7th customer is renamed afterwards: its row comes after its tickets in the stream.
    const seeded = await seedTickets(server.url, await login(server.url, seeder, PASSWORD), { tickets: TICKETS, prefix: t, renameEvery: 7 });

    // The production path: the download is read on a helper thread (backgroundFetch).
    const dir = tempDir();
    const pc = await openClient({ dataDir: dir, bulkChunkRows: 1000 });
    const reloads: string[][] = [];
    pc.onEvent((event, payload) => {
      if (event === 'tickets:changed') reloads.push((payload as { ids: string[] }).ids);
    });
    await signIn(pc, server, await server.user(t));
    const started = performance.now();
    const round = await ok(pc, 'sync:now', {});
    const seconds = (performance.now() - started) / 1000;
    console.log(`first sync (${backend.name}): ${round.pulled} rows in ${seconds.toFixed(2)} s = ${Math.round(round.pulled / seconds)} rows/s`);

    // Plus one row each way: the sign-in's `ready` line (a server sign-in seats its user at the desk).
    expect(round).toMatchObject({ pulled: seeded.rows + 1, pushed: 1, pending: 0, problems: 0 });
    // Chunks of 1000 rows, each announced as "reload" (no list of ids for thousands of tickets).
    expect(reloads.filter((ids) => ids.length === 0).length).toBeGreaterThanOrEqual(Math.floor(seeded.rows / 1000));
    const report = pc.report();
    expect(report.counts).toMatchObject({ tickets: TICKETS, customers: TICKETS, outbox: 0 });
    // Not logged row by row: each chunk is one transaction of pages in the log (plus the migrations' own).
    expect(report.journal.entries).toBeLessThan(40);
    expect(report.journal.entries).toBeLessThan(seeded.rows / 50);
    const renamed = seeded.customerIds[7]!;
    expect((await ok(pc, 'customers:get', { id: renamed })).name).toMatch(/^改名客户/);
    expect((await ok(pc, 'tickets:get', { id: seeded.ticketIds[7]! })).customer.phones).toHaveLength(1);
    const status = await ok(pc, 'sync:status', {});
    expect(status.cursor).toBeGreaterThan(0);

    // Durable on return: the files a crash leaves hold all of it.
    const copy = crashCopy(dir);
    const reopened = await openCore({ dataDir: copy, actorId: 'x', idleCheckpointMs: 0, tokenStore: new MemoryTokenStore(), sync: { autoStart: false } });
    try {
      expect(reopened.report().counts).toMatchObject({ tickets: TICKETS, customers: TICKETS });
      expect((await reopened.call('tickets:get', { id: seeded.ticketIds[TICKETS - 1]! })).ok).toBe(true);
    } finally {
      await reopened.close();
    }

    // Afterwards, rounds pull pages from the cursor.
    const other = await openClient();
    await signIn(other, server, seeder);
    await ok(other, 'sync:now', {});
    const d = await ok(other, 'tickets:create', ticketInput({ subject: 'after the first sync', customer: { name: '新客户', phone: '13912345678' } }));
    await ok(other, 'sync:now', {});
    await pc.close();
    const paths: string[] = [];
    const recording: typeof fetch = (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    };
    const again = await openClient({ dataDir: dir, fetch: recording });
    const changed: string[][] = [];
    again.onEvent((event, payload) => {
      if (event === 'tickets:changed') changed.push((payload as { ids: string[] }).ids);
    });
    // The new ticket's four rows, the other PC's sign-in `ready` line, and this PC's own `offline`
    // line, logged when it closed with its agent seated (pushed first, then pulled with the round).
    expect(await ok(again, 'sync:now', {})).toMatchObject({ pushed: 1, pulled: 6 });
    // pages from the cursor, no second bulk download (the push sends that offline line)
    expect(paths.filter((p) => p !== '/directory')).toEqual(['/sync/push', '/sync/pull']);
    expect(changed).toEqual([[d.ticket.id]]);
  });
});
