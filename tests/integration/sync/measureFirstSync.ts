/**
 * Measures a new PC's first sync: `npx tsx tests/integration/sync/measureFirstSync.ts [tickets] [runs]`
 * (default 100000 tickets, 1 run; each run is a new empty data folder). Seeds a PGlite server through the protocol (each ticket
 * with its customer, phone and history entry: 4 rows), restarts it as its own
 * process (as in production: the server is not on the workstation's thread),
 * then times `sync:now` on an empty data folder (GET /sync/bulk +
 * Store.bulkWrite), and the bare download for comparison. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../../electron/core/index.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { startServer } from '../../../server/app.js';
import { login, seedTickets } from './seed.js';

const tickets = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 1);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-measure-'));
const ROOT = path.resolve(import.meta.dirname, '../../..');
const seeding = await startServer({ dataDir: path.join(root, 'server'), port: 0, log: false });
await seeding.createUser({ username: 'seeder', password: 'password-1', role: 'agent', team: 'bench' });
await seeding.createUser({ username: 'newpc', password: 'password-1', role: 'agent', team: 'bench' });
let t = performance.now();
const seeded = await seedTickets(seeding.url, await login(seeding.url, 'seeder', 'password-1'), { tickets, prefix: 'bnch', renameEvery: 10 });
const seedMs = performance.now() - t;
const port = seeding.port;
await seeding.close();

const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--data', path.join(root, 'server'), '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  child.stdout.on('data', (d: Buffer) => {
    const m = /"listening":"([^"]+)"/.exec(d.toString());
    if (m) resolve(m[1] as string);
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const server = { url };
try {
  const token = await login(server.url, 'seeder', 'password-1');

  // The download alone: what the server and the network cost.
  t = performance.now();
  const res = await fetch(`${server.url}/sync/bulk?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const downloadMs = performance.now() - t;

  for (let run = 0; run < runs; run++) {
    const core = await openCore({ dataDir: path.join(root, `client-${run}`), actorId: 'bench', idleCheckpointMs: 0, tokenStore: new MemoryTokenStore(), sync: { autoStart: false } });
    const loginRes = await core.call('sync:login', { server: server.url, username: 'newpc', password: 'password-1' });
    if (!loginRes.ok) throw new Error(loginRes.error.message);
    t = performance.now();
    const cpu = process.cpuUsage();
    const round = await core.call('sync:now', {});
    const syncMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (!round.ok) throw new Error(round.error.message);
    const report = core.report();
    await core.close();
    fs.rmSync(path.join(root, `client-${run}`), { recursive: true, force: true });
    const rows = (round.value as { pulled: number }).pulled;
    process.stdout.write(
      `${JSON.stringify({
        tickets,
        rows,
        expectedRows: seeded.rows,
        seedSeconds: +(seedMs / 1000).toFixed(1),
        downloadSeconds: +(downloadMs / 1000).toFixed(2),
        downloadMB: +(bytes / 1e6).toFixed(1),
        firstSyncSeconds: +(syncMs / 1000).toFixed(2),
        rowsPerSecond: Math.round(rows / (syncMs / 1000)),
        // all threads of this process (the store's thread and the download helper)
        clientCpuSeconds: +cpuSeconds.toFixed(2),
        loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
        counts: report.counts,
        snapshotMB: +(report.snapshot.bytes / 1e6).toFixed(1),
      })}\n`,
    );
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(root, { recursive: true, force: true });
}
