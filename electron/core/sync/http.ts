import { HeldResponseSchema, TicketFamilyResponseSchema, type HeldTicket, type TicketFamilyResponse } from '../../../shared/archive/schema.js';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../../shared/result.js';
import {
  BulkEndSchema,
  DirectoryResponseSchema,
  ErrorBodySchema,
  LoginResponseSchema,
  PokeEventSchema,
  PullResponseSchema,
  PushResponseSchema,
  type DirectoryResponse,
  type LoginResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/protocol.js';
import { readLines, readServerSentEvents } from './streams.js';

export type FetchFn = typeof fetch;

/** How a failed request affects the engine. */
export type SyncFailure = 'offline' | 'auth' | 'server';

/**
 * A failed sync request. `offline`: network error, timeout, 5xx or 429 — retry
 * with backoff, nothing is lost; `auth`: 401, the token is no longer valid;
 * `server`: the server answered but not usefully (4xx, a malformed body).
 */
export class SyncError extends AppError {
  readonly failure: SyncFailure;
  readonly status: number | null;
  /** the server's own error code (ErrorBody), when it sent one */
  readonly serverCode: string | null;
  /** seconds the server asked to wait (Retry-After of a 429: a sign-in locked after too many wrong passwords) */
  readonly retryAfterSeconds: number | null;
  constructor(failure: SyncFailure, code: ErrorCode, message: string, status: number | null = null, serverCode: string | null = null, retryAfterSeconds: number | null = null) {
    super(code, message);
    this.name = 'SyncError';
    this.failure = failure;
    this.status = status;
    this.serverCode = serverCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type Timeouts = Record<'request' | 'login' | 'logout' | 'streamIdle' | 'streamConnect', number>;

export const TIMEOUTS: Timeouts = {
  /** push, pull, logout, me: one JSON request and answer */
  request: 30_000,
  login: 15_000,
  /** best effort on sign-out: do not keep the user waiting */
  logout: 5_000,
  /** a stream (bulk, events) that delivers nothing for this long is considered dead */
  streamIdle: 60_000,
  /** until the response headers of a stream arrive */
  streamConnect: 15_000,
};

const PULL_LIMIT = 1000;

export function joinUrl(server: string, route: string): string {
  return `${server.replace(/\/+$/, '')}${route}`;
}

/** Removes a trailing slash so one server has one spelling in meta and the session. */
export function normaliseServer(server: string): string {
  return server.trim().replace(/\/+$/, '');
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${e.message}${detail}`;
  }
  return String(e);
}

/**
 * The HTTP side of sync. Every request has a timeout and honours the
 * engine's shutdown signal; every answer is validated with the protocol's
 * schemas before anything uses it.
 */
export class SyncHttp {
  constructor(
    private readonly fetchFn: FetchFn,
    readonly server: string,
    private readonly token: string | null,
    private readonly shutdown: AbortSignal,
    private readonly options: { timeouts?: Timeouts; streamFetch?: FetchFn } = {},
  ) {}

  private get timeouts(): Timeouts {
    return this.options.timeouts ?? TIMEOUTS;
  }

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json' };
    if (json) h['content-type'] = 'application/json';
    if (this.token) h.authorization = `Bearer ${this.token}`;
    return h;
  }

  private async send(route: string, init: { method: 'GET' | 'POST'; body?: string; timeoutMs: number; accept?: string }): Promise<Response> {
    const signal = AbortSignal.any([this.shutdown, AbortSignal.timeout(init.timeoutMs)]);
    const headers = this.headers(init.body !== undefined);
    if (init.accept) headers.accept = init.accept;
    let res: Response;
    try {
      res = await this.fetchFn(joinUrl(this.server, route), { method: init.method, headers, body: init.body ?? null, signal });
    } catch (e) {
      if (this.shutdown.aborted) throw new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new SyncError('offline', 'SYNC_OFFLINE', timedOut ? `The server did not answer within ${init.timeoutMs / 1000} s` : `The server cannot be reached: ${describe(e)}`);
    }
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  private async json<S extends z.ZodType>(route: string, schema: S, init: { method: 'GET' | 'POST'; body?: string; timeoutMs: number }): Promise<z.output<S>> {
    const res = await this.send(route, init);
    let raw: unknown;
    try {
      raw = JSON.parse(await res.text());
    } catch (e) {
      if (this.shutdown.aborted) throw new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
      const cut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || e.name === 'TypeError');
      if (cut) throw new SyncError('offline', 'SYNC_OFFLINE', `The answer to ${route} was cut off: ${describe(e)}`);
      throw new SyncError('server', 'SYNC_SERVER_ERROR', `The server sent something that is not JSON for ${route}`, res.status);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new SyncError('server', 'SYNC_SERVER_ERROR', `Unexpected answer from ${route}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, res.status);
    return parsed.data;
  }

  login(username: string, password: string): Promise<LoginResponse> {
    return this.json('/auth/login', LoginResponseSchema, { method: 'POST', body: JSON.stringify({ username, password }), timeoutMs: this.timeouts.login });
  }

  /** issue 16: a user's own password (the old one required); answers a new session, like a sign-in */
  changePassword(username: string, oldPassword: string, newPassword: string): Promise<LoginResponse> {
    return this.json('/auth/password', LoginResponseSchema, { method: 'POST', body: JSON.stringify({ username, oldPassword, newPassword }), timeoutMs: this.timeouts.login });
  }

  async logout(): Promise<void> {
    await this.send('/auth/logout', { method: 'POST', body: '{}', timeoutMs: this.timeouts.logout });
  }

  push(req: PushRequest): Promise<PushResponse> {
    return this.json('/sync/push', PushResponseSchema, { method: 'POST', body: JSON.stringify(req), timeoutMs: this.timeouts.request });
  }

  directory(): Promise<DirectoryResponse> {
    return this.json('/directory', DirectoryResponseSchema, { method: 'GET', timeoutMs: this.timeouts.request });
  }

  // ---- archiving (issue 18 point 3): one ticket's family on demand, and which tickets the server holds closed
  ticketFamily(id: string): Promise<TicketFamilyResponse> {
    return this.json(`/sync/ticket/${encodeURIComponent(id)}`, TicketFamilyResponseSchema, { method: 'GET', timeoutMs: this.timeouts.request });
  }

  held(ids: readonly string[]): Promise<{ tickets: HeldTicket[] }> {
    return this.json('/sync/tickets/held', HeldResponseSchema, { method: 'POST', body: JSON.stringify({ ids }), timeoutMs: this.timeouts.request });
  }

  pull(cursor: number, limit = PULL_LIMIT): Promise<PullResponse> {
    return this.json(`/sync/pull?cursor=${cursor}&limit=${limit}`, PullResponseSchema, { method: 'GET', timeoutMs: this.timeouts.request });
  }

  /**
   * GET /sync/bulk as it arrives, line by line (100k rows never sit in memory
   * as one string): row lines as text, validated when applied
   * (applyBulkLines), and the BulkEnd line validated here. A stream that
   * stops without its end line was cut off.
   */
  async *bulk(cursor: number): AsyncGenerator<{ line: string } | { end: z.output<typeof BulkEndSchema> }> {
    const { res, idle } = await this.stream(`/sync/bulk?cursor=${cursor}`, 'application/x-ndjson');
    try {
      for await (const text of readLines(res, idle.touch)) {
        if (text.trim() === '') continue;
        if (!text.startsWith('{"end"')) {
          yield { line: text };
          continue;
        }
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw new SyncError('server', 'SYNC_SERVER_ERROR', 'The last line of /sync/bulk is not JSON');
        }
        const end = BulkEndSchema.safeParse(raw);
        if (!end.success) throw new SyncError('server', 'SYNC_SERVER_ERROR', `The last line of /sync/bulk is not its end: ${end.error.issues[0]?.message ?? ''}`);
        yield { end: end.data };
        return;
      }
      throw new SyncError('offline', 'SYNC_OFFLINE', 'The first-sync download was cut off before its end');
    } catch (e) {
      throw idle.translate(e);
    } finally {
      idle.stop();
    }
  }

  /** GET /sync/events: yields the seq of every `poke` (always on the ordinary fetch: it is small and long-lived). Presence events are not the sync engine's business. */
  async *pokes(onOpen: () => void = () => undefined): AsyncGenerator<number> {
    const { res, idle } = await this.stream('/sync/events', 'text/event-stream', this.fetchFn);
    try {
      onOpen();
      for await (const ev of readServerSentEvents(res, idle.touch)) {
        if (ev.event !== 'poke') continue;
        let raw: unknown;
        try {
          raw = JSON.parse(ev.data);
        } catch {
          continue;
        }
        const poke = PokeEventSchema.safeParse(raw);
        if (poke.success) yield poke.data.seq;
      }
      throw new SyncError('offline', 'SYNC_OFFLINE', 'The live connection was closed by the server');
    } catch (e) {
      throw idle.translate(e);
    } finally {
      idle.stop();
    }
  }

  /** A streaming GET with a connect timeout, then an idle timeout re-armed by every chunk. */
  private async stream(route: string, accept: string, fetchFn: FetchFn = this.options.streamFetch ?? this.fetchFn): Promise<{ res: Response; idle: IdleGuard }> {
    const idle = new IdleGuard(this.shutdown, this.timeouts);
    const headers = this.headers(false);
    headers.accept = accept;
    const connect = setTimeout(() => idle.abort('connect'), this.timeouts.streamConnect);
    let res: Response;
    try {
      res = await fetchFn(joinUrl(this.server, route), { method: 'GET', headers, signal: idle.signal });
    } catch (e) {
      idle.stop();
      throw idle.translate(e);
    } finally {
      clearTimeout(connect);
    }
    if (!res.ok) {
      idle.stop();
      throw await errorFrom(res);
    }
    idle.touch();
    return { res, idle };
  }
}

/** Aborts a stream that goes quiet; tells a timeout apart from a shutdown in the error it reports. */
class IdleGuard {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private reason: 'connect' | 'idle' | null = null;
  readonly signal: AbortSignal;
  private readonly onShutdown = (): void => this.controller.abort();

  constructor(
    private readonly shutdown: AbortSignal,
    private readonly timeouts: Timeouts,
  ) {
    this.signal = this.controller.signal;
    if (shutdown.aborted) this.controller.abort();
    else shutdown.addEventListener('abort', this.onShutdown, { once: true });
  }

  readonly touch = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.abort('idle'), this.timeouts.streamIdle);
    this.timer.unref();
  };

  abort(reason: 'connect' | 'idle'): void {
    this.reason = reason;
    this.controller.abort();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.shutdown.removeEventListener('abort', this.onShutdown);
    this.controller.abort();
  }

  translate(e: unknown): unknown {
    if (e instanceof SyncError) return e;
    if (this.shutdown.aborted) return new SyncError('offline', 'SYNC_OFFLINE', 'Sync stopped');
    if (this.reason === 'connect') return new SyncError('offline', 'SYNC_OFFLINE', `The server did not answer within ${this.timeouts.streamConnect / 1000} s`);
    if (this.reason === 'idle') return new SyncError('offline', 'SYNC_OFFLINE', `The server sent nothing for ${this.timeouts.streamIdle / 1000} s`);
    return new SyncError('offline', 'SYNC_OFFLINE', `The connection to the server broke: ${describe(e)}`);
  }
}

async function errorFrom(res: Response): Promise<SyncError> {
  let message = `HTTP ${res.status}`;
  let serverCode = '';
  try {
    const body = ErrorBodySchema.safeParse(JSON.parse(await res.text()));
    if (body.success) {
      message = body.data.error.message;
      serverCode = body.data.error.code;
    }
  } catch {
    // not JSON: the status says enough
  }
  if (res.status === 401) return new SyncError('auth', 'SYNC_AUTH_FAILED', message, 401);
  if (res.status >= 500 || res.status === 429 || res.status === 408) {
    const wait = Number(res.headers.get('retry-after'));
    const retryAfter = res.status === 429 && Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : null;
    return new SyncError('offline', res.status === 429 ? 'SYNC_SERVER_ERROR' : 'SYNC_OFFLINE', `The server is not available (${res.status}${serverCode ? ` ${serverCode}` : ''}): ${message}`, res.status, serverCode || null, retryAfter);
  }
  return new SyncError('server', 'SYNC_SERVER_ERROR', `The server refused the request (${res.status}${serverCode ? ` ${serverCode}` : ''}): ${message}`, res.status, serverCode || null);
}
