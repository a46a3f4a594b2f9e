import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small database interface, two engines running the same SQL: PGlite (an
 * embedded PostgreSQL in a data folder, one connection) and node-postgres on
 * a real PostgreSQL (a pool). Rows come back as plain objects; `bigint`
 * columns may arrive as string, number or bigint depending on the engine, so
 * callers convert them with `Number()`.
 */
export interface Queryable {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** BEGIN … COMMIT; rolls back and rethrows if `fn` throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on `channel`; resolves with the unsubscribe function. */
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Channel names are spliced into LISTEN (it takes no parameters): only plain identifiers. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`Invalid notification channel name: ${channel}`);
  return channel;
}

export async function openPglite(dataDir: string): Promise<Db> {
  const db = await PGlite.create(dataDir);
  return {
    engine: 'pglite',
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, [...params])).rows;
    },
    // PGlite has one connection: transaction() and query() share one mutex, so
    // transactions are serialised and a plain query never lands inside one.
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) =>
        fn({
          async query<R extends object>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<R>(sql, [...params])).rows;
          },
        }),
      );
    },
    async listen(channel, cb) {
      const off = await db.listen(checkChannel(channel), cb);
      return async () => {
        if (!db.closed) await off();
      };
    },
    async notify(channel, payload) {
      await db.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}

type Listener = (payload: string) => void;

/**
 * LISTEN needs a connection of its own that stays open: pooled connections
 * come and go. It reconnects after a lost connection (a PostgreSQL restart)
 * and listens again on every channel.
 */
class PgListener {
  private client: pg.Client | null = null;
  private readonly channels = new Map<string, Set<Listener>>();
  private closed = false;
  private connecting: Promise<pg.Client> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (msg) => {
        const set = this.channels.get(msg.channel);
        if (set) for (const cb of set) cb(msg.payload ?? '');
      });
      const lost = (): void => {
        if (this.client !== client) return;
        this.client = null;
        client.removeAllListeners('error');
        client.on('error', () => undefined);
        void client.end().catch(() => undefined);
        this.scheduleReconnect();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      } catch (e) {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
        throw e;
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.connect().catch(() => this.scheduleReconnect());
    }, 1000);
    this.retryTimer.unref();
  }

  async listen(channel: string, cb: Listener): Promise<() => Promise<void>> {
    checkChannel(channel);
    let set = this.channels.get(channel);
    const fresh = !set;
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(cb);
    const client = await this.connect();
    if (fresh) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(cb);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const listener = new PgListener(url);
  return {
    engine: 'postgres',
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query<T & pg.QueryResultRow>(sql, [...params])).rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R extends object>(sql: string, params: readonly unknown[] = []) {
            return (await client.query<R & pg.QueryResultRow>(sql, [...params])).rows;
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, cb) => listener.listen(channel, cb),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
