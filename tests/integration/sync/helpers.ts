import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { contract, type Channel, type RequestOf, type ValueOf } from '../../../shared/contract.js';
import type { AppErrorData } from '../../../shared/result.js';
import type { Role } from '../../../shared/sync/protocol.js';
import type { Customer } from '../../../shared/customers/schema.js';
import type { Ticket, TicketHistoryEntry, TicketInput } from '../../../shared/tickets/schema.js';
import { openCore, type LocalCore } from '../../../electron/core/index.js';
import { MemoryTokenStore } from '../../../electron/core/sync/session.js';
import { startServer, type RunningServer } from '../../../server/app.js';

/**
 * Sync integration tests run against the real server (server/app.ts): on an
 * embedded PGlite folder always, and on PostgreSQL too when TEST_DATABASE_URL
 * is set (each suite creates its own hw_test_<random> database and drops it).
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  create(): Promise<BackendStore>;
}
export interface BackendStore {
  opts: { dataDir?: string; databaseUrl?: string };
  /** how the server command line reaches the same store */
  cli: { args: string[]; env: Record<string, string> };
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'hw-sync-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const pglite: Backend = {
  name: 'pglite',
  create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-sync-server-'));
    return Promise.resolve({
      opts: { dataDir: dir },
      cli: { args: ['--data', dir], env: {} },
      dispose: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    });
  },
};

function postgres(baseUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      const name = `hw_test_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return {
        opts: { databaseUrl: url.toString() },
        cli: { args: [], env: { DATABASE_URL: url.toString() } },
        async dispose() {
          const c = new pg.Client({ connectionString: baseUrl });
          await c.connect();
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await c.end();
          }
        },
      };
    },
  };
}

export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? [pglite, postgres(process.env.TEST_DATABASE_URL)] : [pglite];

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  store: BackendStore;
  /** a new user in `team` (password PASSWORD); returns the username */
  user(team: string, role?: Role): Promise<string>;
  /** stops the server (clients see it unreachable); `start` brings it back on the same store and port */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const PASSWORD = 'password-1';
let userSeq = 0;

export async function startTestServer(backend: Backend): Promise<TestServer> {
  const s = await backend.create();
  let server = await startServer({ ...s.opts, port: 0, log: false });
  const port = server.port;
  let running = true;
  return {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    store: s,
    async user(team, role = 'agent') {
      const username = `u${process.pid}_${++userSeq}_${Math.random().toString(36).slice(2, 6)}`;
      await server.createUser({ username, password: PASSWORD, role, team });
      return username;
    },
    async halt() {
      running = false;
      await server.close();
    },
    async start() {
      server = await startServer({ ...s.opts, port, log: false });
      running = true;
    },
    async stop() {
      if (running) await server.close();
      await s.dispose();
    },
  };
}

/**
 * The server of one describe block: started before its tests, stopped after
 * them. Returns a stand-in that forwards to the running server, so a suite
 * writes `const server = suiteServer(backend)` instead of its own hooks.
 */
export function suiteServer(backend: Backend): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(backend);
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!current) throw new Error('The test server is used before its beforeAll hook started it');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** A team name nobody else in the run uses: tests on one server stay apart by visibility. */
export function team(prefix = 't'): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`;
}

const cleanup: (() => unknown)[] = [];
const cores: LocalCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close().catch(() => undefined);
});
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

export interface ClientOptions {
  dataDir?: string;
  fetch?: typeof fetch;
  autoStart?: boolean;
  tokens?: MemoryTokenStore;
  actorId?: string;
  bulkChunkRows?: number;
}

/** One session store per data folder, so a reopened client is still signed in (as with a real TokenStore). */
const sessions = new Map<string, MemoryTokenStore>();

/** A workstation core on its own folder (closed after each test). */
export async function openClient(opts: ClientOptions = {}): Promise<LocalCore> {
  const dataDir = opts.dataDir ?? tempDir('hw-sync-client-');
  const tokens = opts.tokens ?? sessions.get(dataDir) ?? new MemoryTokenStore();
  sessions.set(dataDir, tokens);
  const core = await openCore({
    dataDir,
    actorId: opts.actorId ?? 'ws',
    idleCheckpointMs: 0,
    tokenStore: tokens,
    sync: { autoStart: opts.autoStart ?? false, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.bulkChunkRows ? { bulkChunkRows: opts.bulkChunkRows } : {}) },
  });
  cores.push(core);
  return core;
}

/** Calls a channel, expects success and checks the value against the contract. */
export async function ok<C extends Channel>(core: LocalCore, channel: C, payload: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await core.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return contract[channel].result.parse(res.value) as ValueOf<C>;
}

export async function failure(core: LocalCore, channel: Channel, payload: unknown): Promise<AppErrorData> {
  const res = await core.call(channel, payload);
  if (res.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return res.error;
}

export async function signIn(core: LocalCore, server: TestServer, username: string): Promise<void> {
  await ok(core, 'sync:login', { server: server.url, username, password: PASSWORD });
}

let phoneSeq = 0;
export function ticketInput(overrides: Partial<TicketInput> = {}): TicketInput {
  phoneSeq += 1;
  return {
    subject: '打印机无法打印',
    description: '打印时报错 ERR_0x80070005',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '王伟', phone: `1380000${String(phoneSeq % 10_000).padStart(4, '0')}` },
    ...overrides,
  };
}

/** Rounds on every client until a full pass moves nothing. */
export async function syncAll(clients: readonly LocalCore[], maxPasses = 4): Promise<void> {
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    for (const c of clients) {
      const r = await ok(c, 'sync:now', {});
      moved += r.pushed + (pass === 0 ? 0 : r.pulled);
    }
    if (pass > 0 && moved === 0) return;
  }
}

export interface View {
  tickets: Record<string, Ticket>;
  customers: Record<string, Omit<Customer, 'updatedAt'> & { updatedAt: string }>;
  /** per ticket, the history entries sorted by id */
  history: Record<string, TicketHistoryEntry[]>;
}

/** Everything a client shows, read through the contract. */
export async function viewOf(core: LocalCore): Promise<View> {
  const view: View = { tickets: {}, customers: {}, history: {} };
  for (let offset = 0; ; offset += 500) {
    const page = await ok(core, 'tickets:list', { limit: 500, offset });
    for (const item of page.items) {
      const d = await ok(core, 'tickets:get', { id: item.id });
      view.tickets[d.ticket.id] = d.ticket;
      view.customers[d.customer.id] = d.customer;
      view.history[d.ticket.id] = [...d.history].sort((a, b) => a.id.localeCompare(b.id));
    }
    if (offset + 500 >= page.total) break;
  }
  return view;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
