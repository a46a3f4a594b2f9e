import { describe, expect, it, vi } from 'vitest';
import { openCore } from '../../../electron/core/index.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { decodeHlc } from '../../../shared/hlc.js';
import { failure, ok, openTestCore, readRaw, tempDir, ticketInput } from './helpers.js';

describe('openCore', () => {
  it('answers unknown channels with UNKNOWN_CHANNEL', async () => {
    const { core } = await openTestCore();
    expect((await failure(core, 'tickets:delete', {})).code).toBe('UNKNOWN_CHANNEL');
    expect((await failure(core, 'settings:get', {})).code).toBe('UNKNOWN_CHANNEL');
  });

  it('reports the store with ticket, customer and outbox counts', async () => {
    const { core, dir } = await openTestCore();
    await ok(core, 'tickets:create', ticketInput());
    const report = await ok(core, 'store:status', {});
    expect(report).toMatchObject({ dataDir: dir, healthy: true, migrations: migrations.map((m) => m.id), counts: { tickets: 1, customers: 1, outbox: 2 } });
  });

  it('runs the full integrity check only when asked', async () => {
    const { core } = await openTestCore();
    await ok(core, 'tickets:create', ticketInput());
    expect(core.report({ integrity: true })).toMatchObject({ integrity: 'ok', healthy: true, counts: { tickets: 1 } });
  });

  it('refuses a second opener of the same data folder', async () => {
    const { dir } = await openTestCore();
    await expect(openCore({ dataDir: dir, actorId: 'x' })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
  });

  it('answers STORE_CLOSED after close, and releases the folder', async () => {
    const { core, reopen } = await openTestCore();
    await core.close();
    expect((await failure(core, 'tickets:list', {})).code).toBe('STORE_CLOSED');
    await expect(Promise.resolve().then(() => core.handlers['tickets:list']({ limit: 1, offset: 0 }))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    const again = await reopen();
    expect((await ok(again, 'tickets:list', {})).total).toBe(0);
  });

  it('still saves and answers when an event listener throws, and logs the failure', async () => {
    const { core } = await openTestCore();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      core.onEvent((event) => {
        if (event === 'tickets:changed') throw new Error('listener bug');
      });
      const d = await ok(core, 'tickets:create', ticketInput());
      expect(d.ticket.status).toBe('new');
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
  });

  it('stops notifying a listener once it unsubscribes', async () => {
    const { core } = await openTestCore();
    let count = 0;
    const off = core.onEvent((event) => void (event === 'tickets:changed' && count++));
    await ok(core, 'tickets:create', ticketInput());
    off();
    await ok(core, 'tickets:create', ticketInput());
    expect(count).toBe(1);
  });

  it('keeps one client id per data folder and never reuses an HLC after the clock is set back', async () => {
    const t = await openTestCore();
    await ok(t.core, 'tickets:create', ticketInput());
    const first = await readRaw(t.core, t.dir, (r) => r.get<{ hlc: string }>('SELECT hlc FROM outbox ORDER BY id DESC LIMIT 1')?.hlc ?? '');
    t.time.advance(-3_600_000);
    const again = await t.reopen();
    await ok(again, 'tickets:create', ticketInput());
    const second = await readRaw(again, t.dir, (r) => r.get<{ hlc: string }>('SELECT hlc FROM outbox ORDER BY id DESC LIMIT 1')?.hlc ?? '');
    expect(second > first).toBe(true);
    expect(decodeHlc(second).nodeId).toBe(decodeHlc(first).nodeId);
  });

  it('gives different data folders different client ids', async () => {
    const a = await openTestCore();
    const b = await openTestCore();
    const idOf = (t: typeof a) => readRaw(t.core, t.dir, (r) => r.get<{ value: string }>("SELECT value FROM meta WHERE key = 'client_id'")?.value);
    expect(await idOf(a)).not.toBe(await idOf(b));
  });

  it('keeps ticket history append-only in the database itself', async () => {
    const t = await openTestCore();
    await ok(t.core, 'tickets:create', ticketInput());
    await t.core.close();
    const store = await Store.open({ dataDir: t.dir, migrations, idleCheckpointMs: 0 });
    try {
      expect(() => store.write((w) => w.run("UPDATE ticket_history SET note = 'x'"))).toThrow(/append-only/);
      expect(() => store.write((w) => w.run('DELETE FROM ticket_history'))).toThrow(/append-only/);
    } finally {
      store.close();
    }
  });

  it('opens a fresh folder that did not exist yet', async () => {
    const dir = `${tempDir()}/nested/data`;
    const core = await openCore({ dataDir: dir, actorId: 'x', idleCheckpointMs: 0 });
    try {
      expect((await ok(core, 'store:status', {})).counts).toEqual({ tickets: 0, customers: 0, outbox: 0 });
    } finally {
      await core.close();
    }
  });
});
