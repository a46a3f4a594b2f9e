import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { CreateUserRequest, ErrorBody, User } from '../shared/sync/protocol.js';
import { findUnstorableText, UNSTORABLE_MESSAGE } from '../shared/text.js';
import { installAccess } from './access.js';
import { Auth, DEFAULT_TOKEN_TTL_MS } from './auth.js';
import { HttpError } from './errors.js';
import { EventHub } from './events.js';
import { Maintenance } from './maintenance.js';
import { PushQueue } from './push.js';
import { adminRoutes } from './routes/adminRoutes.js';
import { authRoutes } from './routes/authRoutes.js';
import type { Services } from './routes/context.js';
import { syncRoutes } from './routes/syncRoutes.js';
import { archiveRoutes } from './archive.js';
import { openStore } from './store.js';
import { createUser } from './users.js';

/** Options of one server process. Exactly one store: `databaseUrl` (PostgreSQL) or `dataDir` (embedded PGlite). */
export interface StartServerOptions {
  /** embedded PGlite data folder; locked to this process while it runs */
  dataDir?: string;
  /** postgres://… ; wins over dataDir */
  databaseUrl?: string;
  /** 0 = a random free port (the default) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** lifetime of a sign-in token, default 12 h */
  tokenTtlMs?: number;
  /** Fastify's request log on stdout, default off */
  log?: boolean;
  /** behind a load balancer: take the client address from X-Forwarded-For (login rate limit, audit) */
  trustProxy?: boolean;
  /** serve HTTPS with this certificate chain and private key (PEM) */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Behind a reverse proxy that terminates TLS: refuse (403 HTTPS_REQUIRED)
   * every request the proxy did not receive over HTTPS (X-Forwarded-Proto),
   * but GET /health. Implies trustProxy.
   */
  requireHttpsProxy?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (https:// with `tls`) */
  url: string;
  port: number;
  close(): Promise<void>;
  createUser(req: CreateUserRequest): Promise<User>;
}

const LOGIN_MAX_FAILURES = 5;
/** failed sign-ins from one address, whatever the usernames (a guesser trying many names) */
const LOGIN_MAX_FAILURES_PER_ADDRESS = 30;
const LOGIN_FAILURE_WINDOW_MS = 5 * 60_000;
/** Every route but push (MAX_PUSH_BYTES) takes small bodies. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turns every failure into `{ error: { code, message } }` with a message that says what to do. */
function installErrors(app: FastifyInstance, log: Services['log']): void {
  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).headers(err.headers ?? {}).send(err.body());
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE': {
        const limit = req.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
        return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes, the limit of ${req.method} ${req.url}: send fewer mutations per request`));
      }
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.code(400).send(errorBody('BAD_REQUEST', `The body is not valid JSON: ${err.message}`));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(errorBody('BAD_REQUEST', 'The body is empty but the Content-Type says JSON'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(errorBody('BAD_REQUEST', `Unsupported Content-Type ${String(req.headers['content-type'])}: send application/json`));
    }
    if (err.statusCode !== undefined && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody('BAD_REQUEST', err.message));
    }
    log(`${req.method} ${req.url} failed`, err);
    return reply.code(500).send(errorBody('INTERNAL', 'Internal server error: the server log has the details'));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0] ?? ''}`)));
}

/**
 * Behind a TLS-terminating proxy (--require-https-proxy): a request that did
 * not reach the proxy over HTTPS (X-Forwarded-Proto, or a direct plain
 * connection) is refused before its token or body is looked at. Only the
 * load balancer's health check may come in plain.
 */
function installHttpsOnly(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (req.protocol === 'https' || (req.method === 'GET' && req.url === '/health')) return;
    throw new HttpError(403, 'HTTPS_REQUIRED', 'This server takes requests over HTTPS only: use the https:// address of its proxy (passwords and customer data must not cross the network in clear)');
  });
}

/**
 * No route stores a NUL character or a lone surrogate (shared/text.ts): every
 * parsed body, path parameter and query string is walked once, before any
 * route sees it, and such text anywhere (a row id, a value's key, a value,
 * presence, an admin route's parameter) is 400 BAD_REQUEST naming where.
 * A push declares `bodyTextBySchema`: its ids and keys are refused by the
 * protocol's schema and its values by each entity's schema, mutation by
 * mutation (VALIDATION_FAILED), so one bad change does not block a queue.
 */
function installTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const bodyBySchema = req.routeOptions.config.bodyTextBySchema === true;
    for (const [part, value] of [
      ['body', bodyBySchema ? null : req.body],
      ['params', req.params],
      ['query', req.query],
    ] as const) {
      const at = findUnstorableText(value);
      if (at === null) continue;
      const path = at === '' ? part : at;
      throw new HttpError(400, 'BAD_REQUEST', `Invalid request ${part}: ${path}: ${UNSTORABLE_MESSAGE}`, [{ path, message: UNSTORABLE_MESSAGE }]);
    }
  });
}

/**
 * Starts one server process: opens and migrates the store, listens, and
 * subscribes to the database's pokes. Several processes may share one
 * PostgreSQL (`databaseUrl`); an embedded `dataDir` belongs to one process.
 */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  const { db } = store;
  const trustProxy = (opts.trustProxy ?? false) || (opts.requireHttpsProxy ?? false);
  // One instance type for both: the routes never look at the transport.
  const app = (
    opts.tls
      ? Fastify({ logger: opts.log ?? false, bodyLimit: DEFAULT_BODY_LIMIT, trustProxy, https: { cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' } })
      : Fastify({ logger: opts.log ?? false, bodyLimit: DEFAULT_BODY_LIMIT, trustProxy })
  ) as unknown as FastifyInstance;
  const log: Services['log'] = (msg, err) => {
    if (opts.log) app.log.error({ err }, msg);
    else console.error(JSON.stringify({ level: 'error', msg, err: err instanceof Error ? err.stack : String(err) }));
  };
  const auth = new Auth(db, { tokenTtlMs: opts.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS, maxFailures: LOGIN_MAX_FAILURES, maxFailuresPerAddress: LOGIN_MAX_FAILURES_PER_ADDRESS, failureWindowMs: LOGIN_FAILURE_WINDOW_MS });
  const hub = new EventHub(db, log, (userId) => auth.forgetUser(userId));
  const maintenance = new Maintenance(db, log);
  const services: Services = { db, auth, hub, maintenance, pushes: new PushQueue(db), log };

  try {
    installErrors(app, log);
    if (opts.requireHttpsProxy) installHttpsOnly(app);
    installAccess(app, auth);
    installTextHygiene(app);
    authRoutes(app, services);
    syncRoutes(app, services);
    adminRoutes(app, services);
    // ---- archiving (issue 18 point 3): fetch one ticket on demand, confirm what the server holds
    archiveRoutes(app, services);
    // Open event streams never end by themselves: end them so close() does not wait for clients.
    app.addHook('preClose', async () => hub.close());
    app.addHook('onClose', async () => {
      await services.pushes.idle();
      await maintenance.close();
    });
    await maintenance.start();
    await hub.start();
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  } catch (e) {
    await hub.close().catch(() => undefined);
    await maintenance.close();
    await app.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw e;
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const host = opts.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | null = null;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        try {
          await app.close();
        } finally {
          await store.close();
        }
      })();
      return closing;
    },
    createUser: (req) => createUser(db, req, null),
  };
}
