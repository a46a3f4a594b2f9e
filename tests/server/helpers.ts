import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { encodeHlc } from '../../shared/hlc.js';
import { ENTITIES, type EntityDecl } from '../../shared/sync/entities.js';
import type { CreateUserRequest, LoginResponse, Mutation, MutationResult, PushResponse, RowChange } from '../../shared/sync/protocol.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/app.js';

/**
 * Every server suite runs once per storage engine: PGlite always, PostgreSQL
 * when TEST_DATABASE_URL points at a server whose user may create databases
 * (each suite makes its own `hw_test_<random>` and drops it afterwards).
 */
export interface Engine {
  name: 'pglite' | 'postgres';
  /** a fresh, empty store */
  create(): Promise<Store>;
}

export interface Store {
  opts: Pick<StartServerOptions, 'dataDir' | 'databaseUrl'>;
  /** for the CLI: the flags and environment that reach this store */
  cli: { args: string[]; env: Record<string, string> };
  dispose(): Promise<void>;
}

const tempDirs: string[] = [];
/** Removed after the test file. */
export function tempDir(prefix = 'hw-server-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
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
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

const pglite: Engine = {
  name: 'pglite',
  async create() {
    const dir = tempDir();
    return {
      opts: { dataDir: dir },
      cli: { args: ['--data', dir], env: {} },
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(baseUrl: string): Engine {
  return {
    name: 'postgres',
    async create() {
      const db = await createTestDatabase(baseUrl);
      return { opts: { databaseUrl: db.url }, cli: { args: [], env: { DATABASE_URL: db.url } }, dispose: () => db.drop() };
    },
  };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const ENGINES: Engine[] = TEST_DATABASE_URL ? [pglite, postgres(TEST_DATABASE_URL)] : [pglite];
export const POSTGRES: Engine | null = TEST_DATABASE_URL ? postgres(TEST_DATABASE_URL) : null;

/** One server on a fresh store of `engine`, torn down with `stop()`. */
export async function serve(engine: Engine, extra: Omit<StartServerOptions, 'dataDir' | 'databaseUrl'> = {}): Promise<{ server: RunningServer; store: Store; stop(): Promise<void> }> {
  const store = await engine.create();
  const server = await startServer({ ...store.opts, ...extra });
  return {
    server,
    store,
    async stop() {
      await server.close();
      await store.dispose();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * Stands for the pushing user in the value helpers below: Api.push puts the
 * signed-in username in every actor field (EntityDecl.actors) that holds it,
 * as a workstation does. Tests that forge a name pass the name itself.
 */
export const ME = '@me';

function fillActors(mutations: Mutation[], username: string): Mutation[] {
  return mutations.map((m) => ({
    ...m,
    args: {
      changes: m.args.changes.map((c) => {
        const actors = (ENTITIES[c.entity] as EntityDecl | undefined)?.actors ?? [];
        const values = { ...c.values };
        for (const f of actors) if (values[f] === ME) values[f] = username;
        return { ...c, values };
      }),
    },
  }));
}

/** A tiny JSON client for one base URL and (optionally) one token. */
export class Api {
  constructor(
    readonly base: string,
    readonly token?: string,
    /** the signed-in user's name (fills ME in pushed actor fields) */
    readonly username = '',
  ) {}

  withToken(token: string, username = this.username): Api {
    return new Api(this.base, token, username);
  }

  async call<T = unknown>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(this.base + route, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // NDJSON and empty bodies stay text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(route: string): Promise<Reply<T>> {
    return this.call<T>('GET', route);
  }

  post<T = unknown>(route: string, body?: unknown): Promise<Reply<T>> {
    return this.call<T>('POST', route, body);
  }

  async push(clientId: string, mutations: Mutation[]): Promise<Reply<PushResponse>> {
    return this.post<PushResponse>('/sync/push', { clientId, mutations: fillActors(mutations, this.username) });
  }
}

export async function login(base: string, username: string, password = 'password-1'): Promise<Api> {
  const r = await new Api(base).post<LoginResponse>('/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
  return new Api(base, r.body.token, username);
}

/** Creates the user (password `password-1`) and signs in. */
export async function userApi(server: RunningServer, req: Omit<CreateUserRequest, 'password'>): Promise<Api> {
  await server.createUser({ ...req, password: 'password-1' });
  return login(server.url, req.username);
}

/** HLC text at a wall time; later `ms` (or higher counter) wins. */
export function hlc(ms: number, node = 'nodeA', counter = 0): string {
  return encodeHlc({ wallMs: ms, counter, nodeId: node });
}

let nextMutation = 1;
export function mutation(changes: RowChange[], at: string, name = 'tickets:update', mutationId = nextMutation++): Mutation {
  return { mutationId, name, hlc: at, args: { changes } };
}

export function uniq(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

const TS = '2026-01-05T09:00:00.000Z';

export function customerValues(name = 'Ann Lee'): Record<string, unknown> {
  return { name, organisation: null, address: null, createdAt: TS, updatedAt: TS };
}

export function ticketValues(customerId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    no: 'T-0001',
    status: 'new',
    subject: 'Printer offline',
    description: 'The printer on floor 2 shows offline',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    product: null,
    deviceModel: null,
    assigneeId: null,
    team: null,
    stepsTaken: null,
    resolution: null,
    customerId,
    createdBy: ME,
    createdAt: TS,
    updatedAt: TS,
    resolvedAt: null,
    closedAt: null,
    ...over,
  };
}

export function historyValues(ticketId: string, at: string): Record<string, unknown> {
  return { ticketId, at: TS, actorId: ME, action: 'created', changes: '{}', note: null, hlc: at };
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** A text/event-stream reader over fetch (as the workstation reads it: with the token in a header). */
export class EventStream {
  readonly events: SseEvent[] = [];
  private readonly waiters = new Set<() => void>();
  /** resolves when the server ends the stream (or close() aborts it) */
  ended: Promise<void> = Promise.resolve();
  private constructor(private readonly abort: AbortController) {}

  static async open(base: string, token: string): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(`${base}/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status} ${await res.text()}`);
    if (!res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`events: content-type ${res.headers.get('content-type')}`);
    const stream = new EventStream(abort);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    stream.ended = (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += value;
          let end: number;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const lines = frame.split('\n').filter((l) => !l.startsWith(':'));
            if (lines.length === 0) continue;
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
            const data = lines
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            stream.events.push({ event, data: JSON.parse(data) });
            for (const w of stream.waiters) w();
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return stream;
  }

  /** The first event (already received or still to come) that matches. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.events.find(match);
        if (hit) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(hit);
        }
        return Boolean(hit);
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }
}

/** What a push suite (pushSuite) gives its tests. */
export interface PushSuite<K extends string> {
  /** the signed-in user of a key */
  api(key: K): Api;
  /** the next clock of a client (each call later than the last) */
  at(client: string): string;
  /** one mutation pushed by a user from a client; its result */
  push(key: K, client: string, changes: RowChange[], name?: string): Promise<MutationResult | undefined>;
  /** the error code of a rejected result, undefined otherwise */
  code(result: MutationResult | undefined): string | undefined;
}

/**
 * The setup every push suite repeats: one server on `engine` for the suite
 * (started before its tests, stopped after), these users signed in, clocks
 * that only move forward, and `push` / `code` over them.
 */
export function pushSuite<K extends string>(engine: Engine, users: Record<K, Omit<CreateUserRequest, 'password'>>, defaultName = 'tickets:update'): PushSuite<K> {
  let ctx: Awaited<ReturnType<typeof serve>> | undefined;
  const apis = new Map<K, Api>();
  let tick = 0;
  const T0 = Date.now() - 60_000;
  beforeAll(async () => {
    ctx = await serve(engine);
    for (const [key, user] of Object.entries(users) as [K, Omit<CreateUserRequest, 'password'>][]) apis.set(key, await userApi(ctx.server, user));
  }, 60_000);
  afterAll(async () => ctx?.stop());
  const api = (key: K): Api => {
    const found = apis.get(key);
    if (!found) throw new Error(`pushSuite: no user ${key} (is the suite started?)`);
    return found;
  };
  const at = (client: string): string => hlc(T0 + ++tick, client);
  return {
    api,
    at,
    push: async (key, client, changes, name = defaultName) => (await api(key).push(client, [mutation(changes, at(client), name)])).body.results[0],
    code: (result) => (result?.status === 'rejected' ? result.error.code : undefined),
  };
}
