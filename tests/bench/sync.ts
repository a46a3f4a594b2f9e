/**
 * `npm run bench` (sync part): the sync issue's targets, on PGlite and, when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) points at a PostgreSQL server,
 * on PostgreSQL too.
 * - first sync of 100k tickets (with their history and customers) to a new PC: rows/s;
 * - change propagation A -> server -> B on loopback: p50/p95;
 * - 200 simulated clients each pushing one mutation per second for 60 s: push p95, errors, lost.
 * Prints a table and writes bench-results/sync.json.
 *
 * The server runs as its own process (the real `server/main.ts` through tsx,
 * as in production), so the load generator and the workstation cores of this
 * process do not share its event loop. BENCH_SERVER_PROF=DIR writes the
 * server's CPU profile (node --cpu-prof) to DIR.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openCore } from '../../electron/core/index.js';
import { encodeHlc } from '../../shared/hlc.js';
import { LoginResponseSchema, PullResponseSchema, PushResponseSchema, type Mutation } from '../../shared/sync/protocol.js';
import { benchTicket } from './generate.js';
import { ms, percentiles, type Percentiles } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TICKETS = Number(process.env.BENCH_SYNC_TICKETS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 200);
const LOAD_SECONDS = Number(process.env.BENCH_SYNC_SECONDS ?? 60);
const PROPAGATIONS = 50;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-sync-'));
const log = (m: string) => process.stderr.write(`${m}\n`);
const PASSWORD = 'bench-password-1';

const PROF_DIR = process.env.BENCH_SERVER_PROF;
/** BENCH_SYNC_PARTS=bulk,first,prop (default all): the load test always runs; `first` and `prop` need the workstation core. */
const PARTS = new Set((process.env.BENCH_SYNC_PARTS ?? 'bulk,first,prop').split(',').map((p) => p.trim()));

interface ServerProcess {
  url: string;
  close(): Promise<void>;
}

function serverArgs(): string[] {
  return ['--import', 'tsx', ...(PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`] : []), path.join(ROOT, 'server/main.ts')];
}

/** `server create-user` through the CLI, before the server starts (an embedded data folder is locked to one process). */
function createUserCli(store: { args: string[]; env: Record<string, string> }, username: string, role: string, team: string | null): void {
  const args = ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), ...store.args, 'create-user', '--username', username, '--password', PASSWORD, '--role', role, ...(team ? ['--team', team] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...store.env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`create-user ${username}: ${r.stderr}`);
}

/** Starts `server/main.ts` in a child process and waits for its `{"listening": url}` line. */
async function startServerProcess(store: { args: string[]; env: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...serverArgs(), ...store.args, '--port', '0'], { cwd: ROOT, env: { ...process.env, ...store.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const line = buf.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve((JSON.parse(line) as { listening: string }).listening);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return {
    url,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface EngineResult {
  engine: string;
  /** the server side of a first sync alone: the bulk stream read to its end by an agent, not applied */
  bulk: { rows: number; seconds: number; rowsPerSecond: number } | null;
  firstSync: { tickets: number; rows: number; seconds: number; rowsPerSecond: number } | null;
  propagation: Percentiles | null;
  load: { clients: number; seconds: number; pushes: number; errors: number; lost: number; latency: Percentiles };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return LoginResponseSchema.parse(await res.json()).token;
}

async function push(url: string, token: string, clientId: string, mutations: Mutation[]): Promise<void> {
  const res = await fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId, mutations }),
  });
  if (!res.ok) throw new Error(`push: ${res.status} ${await res.text()}`);
  const body = PushResponseSchema.parse(await res.json());
  const bad = body.results.find((r) => r.status === 'rejected');
  if (bad) throw new Error(`push rejected: ${JSON.stringify(bad)}`);
}

/**
 * Seeds the server through its public push API (what 100k tickets created on
 * other PCs would have sent): customers, tickets and their creation history,
 * many rows per mutation so seeding takes minutes, not hours.
 */
async function seedServer(url: string, token: string, tickets: number): Promise<number> {
  const clientId = 'benchseed';
  const base = Date.parse('2026-01-05T01:00:00.000Z');
  let mutationId = 0;
  let rows = 0;
  const customers = new Map<string, string>();
  const PER_MUTATION = 60; // rows, below the protocol's 200
  const BATCH = 50; // mutations per push
  let batch: Mutation[] = [];
  let changes: Mutation['args']['changes'] = [];
  let hlcMs = base;
  const flushMutation = () => {
    if (changes.length === 0) return;
    mutationId += 1;
    batch.push({ mutationId, name: 'bench:seed', args: { changes }, hlc: encodeHlc({ wallMs: hlcMs, counter: 0, nodeId: clientId }) });
    rows += changes.length;
    changes = [];
  };
  const t0 = performance.now();
  for (let i = 0; i < tickets; i++) {
    const input = benchTicket(i);
    const at = new Date(base + i * 1000).toISOString();
    hlcMs = base + i * 1000;
    const phone = input.customer?.phone ?? '13900000000';
    let customerId = customers.get(phone);
    if (!customerId) {
      customerId = `c-${String(customers.size).padStart(8, '0')}`;
      customers.set(phone, customerId);
      changes.push({ entity: 'customer', id: customerId, values: { name: input.customer?.name ?? '客户', organisation: null, address: null, createdAt: at, updatedAt: at } });
      changes.push({ entity: 'customer_phone', id: `${customerId}|+86${phone}|`, values: { customerId, raw: phone, key: `+86${phone}`, ext: '', addedAt: at } });
    }
    const id = `t-${String(i).padStart(8, '0')}`;
    changes.push({
      entity: 'ticket',
      id,
      values: {
        no: `GD20260105-${String(i).padStart(6, '0')}`,
        status: 'new',
        subject: input.subject,
        description: input.description,
        category: input.category,
        severity: input.severity,
        channel: input.channel,
        product: input.product ?? null,
        deviceModel: null,
        assigneeId: null,
        team: null,
        stepsTaken: null,
        resolution: null,
        customerId,
        createdBy: 'bench-agent', // records name whoever pushes them: seedServer signs in as bench-agent
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        closedAt: null,
      },
    });
    changes.push({
      entity: 'ticket_history',
      id: `h-${String(i).padStart(8, '0')}`,
      values: { ticketId: id, at, actorId: 'bench-agent', action: 'created', changes: '{"status":{"from":null,"to":"new"}}', note: null, hlc: encodeHlc({ wallMs: hlcMs, counter: 0, nodeId: clientId }) },
    });
    if (changes.length >= PER_MUTATION) flushMutation();
    if (batch.length >= BATCH) {
      await push(url, token, clientId, batch);
      batch = [];
    }
    if ((i + 1) % 20_000 === 0) log(`  seeded ${i + 1} tickets (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  flushMutation();
  if (batch.length > 0) await push(url, token, clientId, batch);
  return rows;
}

/** The server's half of a first sync: /sync/bulk read to its end (lines counted, not parsed or stored). */
async function bulkRead(server: ServerProcess): Promise<NonNullable<EngineResult['bulk']>> {
  const token = await login(server.url, 'bench-agent');
  const t0 = performance.now();
  const res = await fetch(`${server.url}/sync/bulk?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`bulk: ${res.status}`);
  let rows = -1; // the last line is the BulkEnd
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) rows++;
  const seconds = (performance.now() - t0) / 1000;
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

async function firstSync(server: ServerProcess, tickets: number, expectedRows: number): Promise<EngineResult['firstSync']> {
  const dir = path.join(work, `first-sync-${Date.now()}`);
  const core = await openCore({ dataDir: dir, actorId: 'bench', idleCheckpointMs: 0 });
  try {
    const t0 = performance.now();
    const signedIn = await core.call('sync:login', { server: server.url, username: 'bench-agent', password: PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const round = await core.call('sync:now', {});
    if (!round.ok) throw new Error(round.error.message);
    const seconds = (performance.now() - t0) / 1000;
    const status = await core.call('store:status', {});
    const count = status.ok ? (status.value as { counts: { tickets: number } }).counts.tickets : -1;
    if (count !== tickets) throw new Error(`first sync brought ${count} tickets, expected ${tickets}`);
    const pulled = (round.value as { pulled: number }).pulled;
    return { tickets, rows: Math.max(pulled, expectedRows), seconds, rowsPerSecond: Math.max(pulled, expectedRows) / seconds };
  } finally {
    await core.close();
  }
}

async function propagation(server: ServerProcess): Promise<Percentiles> {
  const a = await openCore({ dataDir: path.join(work, `prop-a-${Date.now()}`), actorId: 'a', idleCheckpointMs: 0 });
  const b = await openCore({ dataDir: path.join(work, `prop-b-${Date.now()}`), actorId: 'b', idleCheckpointMs: 0 });
  try {
    for (const core of [a, b]) {
      const r = await core.call('sync:login', { server: server.url, username: 'bench-agent', password: PASSWORD });
      if (!r.ok) throw new Error(r.error.message);
      await core.call('sync:now', {});
    }
    const samples: number[] = [];
    for (let i = 0; i < PROPAGATIONS + 5; i++) {
      let expectedId = '';
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('change did not reach B within 10 s')), 10_000);
        const off = b.onEvent((event, payload) => {
          if (event !== 'tickets:changed') return;
          const p = payload as { ids: string[]; origin: string };
          if (p.origin === 'sync' && p.ids.includes(expectedId)) {
            clearTimeout(timer);
            off();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      const created = await a.call('tickets:create', benchTicket(500_000 + i));
      if (!created.ok) throw new Error(created.error.message);
      expectedId = (created.value as { ticket: { id: string } }).ticket.id;
      const t1 = await arrived;
      if (i >= 5) samples.push(t1 - t0);
    }
    return percentiles(samples);
  } finally {
    await a.close();
    await b.close();
  }
}

/** 200 PCs' worth of pushes: each client one small mutation per second, staggered. */
async function load(server: ServerProcess): Promise<EngineResult['load']> {
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i++) tokens.push(await login(server.url, 'bench-agent'));
  // Cheap clients: plain http with keep-alive (one socket per client, as each PC has its own), bodies built from a template.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 10 });
  const target = new URL(`${server.url}/sync/push`);
  const post = (token: string, body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const latencies: number[] = [];
  let errors = 0;
  let pushes = 0;
  let acknowledged = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const client = async (c: number) => {
    const clientId = `load${c}`;
    const token = tokens[c] as string;
    let mutationId = 0;
    await new Promise((r) => setTimeout(r, (c * 1000) / CLIENTS));
    while (performance.now() < deadline) {
      const started = performance.now();
      mutationId += 1;
      const at = new Date().toISOString();
      const id = `load-${c}-${mutationId}`;
      const hlc = encodeHlc({ wallMs: Date.now(), counter: 0, nodeId: clientId });
      const body = `{"clientId":"${clientId}","mutations":[{"mutationId":${mutationId},"name":"customers:create","hlc":"${hlc}","args":{"changes":[{"entity":"customer","id":"${id}","values":{"name":"负载客户${c}-${mutationId}","organisation":null,"address":null,"createdAt":"${at}","updatedAt":"${at}"}}]}}]}`;
      try {
        const res = await post(token, body);
        const ok = res.status === 200 && (JSON.parse(res.text) as { results: { status: string }[] }).results[0]?.status === 'applied';
        if (ok) {
          latencies.push(performance.now() - started);
          acknowledged += 1;
        } else errors += 1;
      } catch {
        errors += 1;
      }
      pushes += 1;
      const wait = 1000 - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  agent.destroy();
  // Lost = acknowledged pushes whose row the server does not serve.
  const adminToken = await login(server.url, 'bench-admin');
  let cursor = 0;
  let found = 0;
  for (;;) {
    const res = await fetch(`${server.url}/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${adminToken}` } });
    const page = PullResponseSchema.parse(await res.json());
    found += page.rows.filter((r) => r.entity === 'customer' && r.id.startsWith('load-')).length;
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { clients: CLIENTS, seconds: LOAD_SECONDS, pushes, errors, lost: Math.max(0, acknowledged - found), latency: percentiles(latencies) };
}

async function runEngine(engine: 'pglite' | 'postgresql'): Promise<EngineResult> {
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (engine === 'postgresql') {
    if (!PG_URL) throw new Error('no PostgreSQL URL');
    dbName = `hw_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const store: { args: string[]; env: Record<string, string> } =
    engine === 'pglite' ? { args: ['--data', path.join(work, 'server-pglite')], env: { DATABASE_URL: '' } } : { args: [], env: { DATABASE_URL: databaseUrl as string } };
  createUserCli(store, 'bench-agent', 'agent', 'bench');
  createUserCli(store, 'bench-admin', 'admin', null);
  const server = await startServerProcess(store);
  try {
    log(`[${engine}] seeding ${TICKETS} tickets through /sync/push`);
    const token = await login(server.url, 'bench-agent');
    const rows = await seedServer(server.url, token, TICKETS);
    log(`[${engine}] bulk stream read (server side of a first sync)`);
    const bulk = PARTS.has('bulk') ? await bulkRead(server) : null;
    log(`[${engine}] first sync of a new PC`);
    const first = PARTS.has('first') ? await firstSync(server, TICKETS, rows) : null;
    log(`[${engine}] propagation A -> B`);
    const prop = PARTS.has('prop') ? await propagation(server) : null;
    log(`[${engine}] ${CLIENTS} clients x 1 push/s for ${LOAD_SECONDS} s`);
    const loaded = await load(server);
    return { engine, bulk, firstSync: first, propagation: prop, load: loaded };
  } finally {
    await server.close();
    if (dbName && PG_URL) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

export async function runSyncBench(): Promise<void> {
  log(`sync bench folder: ${work}`);
  // BENCH_SYNC_ENGINES=pglite|postgresql runs one engine only.
  const only = process.env.BENCH_SYNC_ENGINES;
  const results: EngineResult[] = [];
  const skipped: string[] = [];
  if (!only || only === 'pglite') results.push(await runEngine('pglite'));
  if (PG_URL && (!only || only === 'postgresql')) results.push(await runEngine('postgresql'));
  else skipped.push('PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the bench may create databases on');
  const rows: [string, string, string][] = [];
  for (const r of results) {
    if (r.bulk) rows.push([`[${r.engine}] bulk stream, server side (${r.bulk.rows} rows)`, `${Math.round(r.bulk.rowsPerSecond)} rows/s in ${r.bulk.seconds.toFixed(1)} s`, '(informative)']);
    if (r.firstSync) {
      const f = r.firstSync;
      rows.push([`[${r.engine}] first sync ${f.tickets} tickets (${f.rows} rows)`, `${Math.round(f.rowsPerSecond)} rows/s in ${f.seconds.toFixed(1)} s`, `>= 30000 rows/s: ${f.rowsPerSecond >= 30_000 ? 'PASS' : 'FAIL'}`]);
    }
    if (r.propagation) rows.push([`[${r.engine}] propagation A -> B p50 / p95`, `${ms(r.propagation.p50)} / ${ms(r.propagation.p95)}`, `p95 <= 100 ms: ${r.propagation.p95 <= 100 ? 'PASS' : 'FAIL'}`]);
    rows.push([
      `[${r.engine}] ${r.load.clients} clients x 1 push/s, ${r.load.seconds} s: p50 / p95`,
      `${ms(r.load.latency.p50)} / ${ms(r.load.latency.p95)} (${r.load.pushes} pushes, ${r.load.errors} errors, ${r.load.lost} lost)`,
      `p95 <= 100 ms, 0 errors, 0 lost: ${r.load.latency.p95 <= 100 && r.load.errors === 0 && r.load.lost === 0 ? 'PASS' : 'FAIL'}`,
    ]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'sync measure'.padEnd(w0)}  ${'result'.padEnd(w1)}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  for (const s of skipped) console.log(`skipped: ${s}`);
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench-results', 'sync.json'),
    `${JSON.stringify({ machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version }, results, skipped }, null, 2)}\n`,
  );
  console.log('\nsaved bench-results/sync.json');
  fs.rmSync(work, { recursive: true, force: true });
}
