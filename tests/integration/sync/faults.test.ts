import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalCore } from '../../../electron/core/index.js';
import { ROOT, waitForExit, waitForLine } from '../spawn.js';
import { BACKENDS, suiteServer, ok, openClient, signIn, syncAll, team, tempDir, ticketInput, viewOf } from './helpers.js';

/** A seeded PRNG (mulberry32): a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FaultStats {
  replayed: number;
  cut: number;
  late: number;
}

/**
 * A network that misbehaves on push and pull: a request is sent twice, an
 * answer is lost after the server acted on it, and stale copies of earlier
 * requests arrive late (after later ones), out of order.
 */
function faultyFetch(seed: number, stats: FaultStats, stragglers: Promise<unknown>[]): typeof fetch {
  const random = prng(seed);
  return async (input, init) => {
    const url = String(input);
    if (!/\/sync\/(push|pull)/.test(url)) return fetch(input, init);
    // A copy without the caller's abort signal: it outlives the original.
    const copy = (): Promise<Response> => fetch(input, { ...init, signal: null });
    const roll = random();
    if (roll < 0.2) {
      stats.late += 1;
      stragglers.push(
        sleep(50 + random() * 400)
          .then(copy)
          .then((r) => r.text())
          .catch(() => undefined),
      );
    }
    if (roll > 0.55 && roll < 0.75) {
      stats.replayed += 1;
      await (await copy()).text();
    }
    const res = await fetch(input, init);
    if (roll >= 0.75) {
      stats.cut += 1;
      await res.text();
      throw new TypeError('fetch failed: the connection was reset (injected)');
    }
    return res;
  };
}

async function roundsUntilDrained(clients: LocalCore[], attempts = 40): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    let pending = 0;
    for (const c of clients) {
      await c.call('sync:now', {});
      pending += (await ok(c, 'sync:status', {})).pending;
    }
    if (pending === 0) return;
  }
  throw new Error('the outboxes never drained');
}

describe.each(BACKENDS)('sync under faults (%s)', (backend) => {
  const server = suiteServer(backend);

  it('stays exactly-once and convergent when requests are duplicated, reordered and answers are cut', { timeout: 120_000 }, async () => {
    const t = team();
    const stats: FaultStats = { replayed: 0, cut: 0, late: 0 };
    const stragglers: Promise<unknown>[] = [];
    const dirs = [tempDir(), tempDir(), tempDir()];
    const users = [await server.user(t), await server.user(t), await server.user(t)];
    const clients = await Promise.all(dirs.map((dataDir, i) => openClient({ dataDir, fetch: faultyFetch(1000 + i, stats, stragglers) })));
    for (const [i, c] of clients.entries()) await signIn(c, server, users[i]!);

    // Shared tickets, then concurrent offline edits of them on every PC.
    const shared: string[] = [];
    for (let i = 0; i < 6; i++) shared.push((await ok(clients[i % 3]!, 'tickets:create', ticketInput({ subject: `shared ${i}` }))).ticket.id);
    await roundsUntilDrained(clients);
    await roundsUntilDrained(clients);
    let actions = 0;
    for (let round = 0; round < 4; round++) {
      for (const [i, c] of clients.entries()) {
        for (const [k, id] of shared.entries()) {
          const field = (k + i + round) % 3 === 0 ? { subject: `s${round} by ${i}` } : (k + i + round) % 3 === 1 ? { product: `p${round} by ${i}` } : { stepsTaken: `steps ${round} by ${i}` };
          await ok(c, 'tickets:update', { id, changes: field });
          actions += 1;
        }
        await ok(c, 'tickets:create', ticketInput({ subject: `new ${round} on ${i}` }));
      }
      await roundsUntilDrained(clients);
    }
    await Promise.all(stragglers);
    expect(stats.cut).toBeGreaterThan(3);
    expect(stats.replayed).toBeGreaterThan(3);
    expect(stats.late).toBeGreaterThan(3);

    // A clean network for the last rounds; then everyone agrees, with every change exactly once.
    const clean = await Promise.all(dirs.map(async (dataDir, i) => {
      await clients[i]!.close();
      const c = await openClient({ dataDir });
      return c;
    }));
    await syncAll(clean);
    const views = await Promise.all(clean.map(viewOf));
    for (const v of views.slice(1)) expect(v).toEqual(views[0]);
    const v = views[0]!;
    expect(Object.keys(v.tickets)).toHaveLength(6 + 12);
    const updates = shared.reduce((n, id) => n + (v.history[id]?.filter((h) => h.action === 'updated').length ?? 0), 0);
    expect(updates).toBe(actions);

    // Ids of acknowledged (purged) outbox rows are never issued again: a new change is applied, not taken for a duplicate.
    const after = await ok(clean[0]!, 'tickets:update', { id: shared[0]!, changes: { severity: 'urgent' } });
    expect(after.ticket.severity).toBe('urgent');
    await syncAll(clean);
    expect((await ok(clean[2]!, 'tickets:get', { id: shared[0]! })).ticket.severity).toBe('urgent');
  });

  it('loses and duplicates nothing when the server is killed in the middle of a push', { timeout: 180_000 }, async () => {
    const t = team();
    const ua = await server.user(t);
    const ub = await server.user(t);
    // The server runs as a child process on the same store, so it can be SIGKILLed.
    const port = server.server.port;
    await server.halt();
    let child: ChildProcess | null = null;
    const spawnServer = async (): Promise<ChildProcess> => {
      // One node process with tsx's loader, so SIGKILL hits the process that holds the store.
      const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), ...server.store.cli.args, '--port', String(port)], {
        cwd: ROOT,
        env: { ...process.env, ...server.store.cli.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitForLine(c, /listening/, 60_000);
      return c;
    };
    try {
      child = await spawnServer();
      let pushes = 0;
      let killed = false;
      const killer: typeof fetch = async (input, init) => {
        if (/\/sync\/push/.test(String(input)) && ++pushes === 2 && child) {
          const victim = child;
          setTimeout(() => {
            killed = victim.kill('SIGKILL');
          }, 150);
        }
        return fetch(input, init);
      };
      const dir = tempDir();
      const a = await openClient({ dataDir: dir, fetch: killer });
      await signIn(a, server, ua);
      const N = 1200;
      const ids = new Set<string>();
      for (let i = 0; i < N; i++) ids.add((await ok(a, 'tickets:create', ticketInput({ subject: `bulk ${i}` }))).ticket.id);
      const queued = (await ok(a, 'sync:status', {})).pending;
      expect(queued).toBeGreaterThan(2 * 500);

      const cut = await a.call('sync:now', {});
      expect(cut.ok).toBe(false);
      expect(killed).toBe(true);
      await waitForExit(child);
      const left = (await ok(a, 'sync:status', {})).pending;
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(queued);

      child = await spawnServer();
      await a.close();
      const again = await openClient({ dataDir: dir });
      const round = await ok(again, 'sync:now', {});
      expect(round).toMatchObject({ pending: 0, problems: 0 });

      const b = await openClient();
      await signIn(b, server, ub);
      await ok(b, 'sync:now', {});
      const view = await viewOf(b);
      expect(new Set(Object.keys(view.tickets))).toEqual(ids);
      for (const id of ids) expect(view.history[id]?.map((h) => h.action)).toEqual(['created']);
      expect(await viewOf(again)).toEqual(view);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await waitForExit(child);
      }
      await server.start();
    }
  });
});
