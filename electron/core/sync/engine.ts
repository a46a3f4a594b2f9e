import type { ConsoleKind } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { DirectoryResponse, LoginResponse, SessionUser } from '../../../shared/sync/protocol.js';
import type { SyncLoginRequest, SyncProblem, SyncResolveRequest, SyncRound, SyncStatus } from '../../../shared/sync/status.js';
import { setMeta, type DomainContext } from '../domain/context.js';
import type { TicketService } from '../domain/tickets.js';
import type { Store } from '../store/index.js';
import { Backoff } from './backoff.js';
import { normaliseServer, SyncError, SyncHttp, type FetchFn } from './http.js';
import { adoptStandaloneWork, dropPushClientId, pushClientId } from './identity.js';
import { pendingCount } from './outbox.js';
import { deleteProblem, getProblem, listProblems, problemCount } from './problems.js';
import { pullAll } from './pull.js';
import { pushAll } from './push.js';
import { retryProblem } from './retry.js';
import { TokenNotPersistedError, type StoredSession, type TokenStore } from './session.js';
import { deleteMeta, META, readSyncMeta, writeCursor } from './syncMeta.js';
import { SERVER_DIRECTORY_KEY } from '../desk/directory.js';

/** How often a sync round asks the server who tickets may be assigned to. */
const DIRECTORY_REFRESH_MS = 5 * 60_000;

/**
 * The sync client's state machine (status.ts documents the states). One round
 * = push everything pending, then pull; rounds never overlap (a request while
 * one runs queues exactly one more). Rounds start after a local write
 * (at once, or in the one round queued behind a running one), on a poke from the live stream, on a retry timer while
 * offline, and on `sync:now`. Network waits are async and local applies are
 * bounded batches, so the core's other calls are never held up for long.
 */

export interface SyncEngineDeps {
  store: Store;
  ctx: DomainContext;
  tickets: TicketService;
  tokenStore: TokenStore;
  fetch: FetchFn;
  /** for the first-sync download (default: `fetch`); the app reads it on a helper thread (backgroundFetch) */
  streamFetch?: FetchFn;
  /** run rounds and the live stream by itself (the app); false: only on sync:now (the CLI) */
  autoStart: boolean;
  onStatus: (status: SyncStatus) => void;
  /** tickets changed by sync; an empty list means "many: reload" (a first sync) */
  onTickets: (ids: string[]) => void;
  /** articles changed by sync; an empty list means "many: reload" (a first sync) */
  onArticles?: (ids: string[]) => void;
  /** kinds of desk records (calls, agent states, callbacks...) changed by sync */
  onDesk?: (kinds: ConsoleKind[]) => void;
  /** who is signed in (history actorId), or null when nobody is */
  onUser: (user: SessionUser | null) => void;
  log?: (message: string) => void;
  /** 0..1, for backoff jitter (tests pin it) */
  random?: () => number;
  /** rows per first-sync chunk, fixed (tests) */
  bulkChunkRows?: number;
}

type Mode = 'signed_out' | 'auth_required' | 'active';

const NOT_SAVED = 'SYNC_TOKEN_NOT_SAVED';

export class SyncEngine {
  private mode: Mode = 'signed_out';
  private session: StoredSession | null = null;
  /** when the directory was last fetched (ctx clock); null: at the next round */
  private directoryAt: number | null = null;
  private lastError: { code: string; message: string } | null = null;
  /** the session could not be stored safely: shown until the next sign-in */
  private notSaved: { code: string; message: string } | null = null;
  private live = false;
  private running = 0;
  private closed = false;
  private readonly shutdown = new AbortController();
  /** aborted when the session stops (sign-out, pause, expired token): cancels its requests and stream */
  private activity = new AbortController();
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<SyncRound> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly streams = new Set<Promise<void>>();
  private lastEmitted = '';
  private readonly log: (message: string) => void;

  constructor(private readonly deps: SyncEngineDeps) {
    this.backoff = new Backoff(deps.random ?? Math.random);
    this.log = deps.log ?? ((m) => console.warn(`[sync] ${m}`));
  }

  /** Loads the stored session; starts syncing if there is one (and autoStart). */
  async init(): Promise<void> {
    let session: StoredSession | null = null;
    try {
      session = await this.deps.tokenStore.load();
    } catch (e) {
      this.log(`could not read the stored session: ${(e as Error).message}`);
    }
    const meta = this.deps.store.read(readSyncMeta);
    const matches = session !== null && meta.server === session.server && (meta.user === null || meta.user.id === session.user.id);
    if (session && matches && Date.parse(session.expiresAt) > this.deps.ctx.now()) {
      // A session from before client ids were per user: this folder pushed as this user with its node id.
      this.deps.store.write((w) => pushClientId(w, session.user, this.deps.ctx.clientId));
      this.session = session;
      this.mode = 'active';
      this.deps.onUser(session.user);
    } else {
      this.mode = meta.user ? 'auth_required' : 'signed_out';
      if (session) await this.deps.tokenStore.clear().catch(() => undefined);
    }
    this.emit();
    this.start();
  }

  status(): SyncStatus {
    const { server, user, cursor, lastSyncedAt, paused } = this.deps.store.read(readSyncMeta);
    const [pending, problems] = this.deps.store.read((r) => [pendingCount(r), problemCount(r)] as const);
    let state: SyncStatus['state'];
    if (this.mode !== 'active') state = this.mode;
    else if (paused) state = 'paused';
    else if (this.running > 0 || this.queued !== null) state = 'syncing';
    else if (this.backoff.failures > 0) state = 'offline';
    else state = 'idle';
    const nextRetryAt = state === 'offline' && this.backoff.nextAt !== null ? new Date(this.backoff.nextAt).toISOString() : null;
    return {
      state,
      server,
      user: this.mode === 'signed_out' ? null : (this.session?.user ?? user),
      pending,
      problems,
      lastSyncedAt,
      lastError: this.lastError ?? this.notSaved,
      live: this.live,
      cursor,
      nextRetryAt,
    };
  }

  /**
   * The user this folder acts as on the server: the session's, or while it
   * must sign in again the last one's (their rows are here); null when
   * signed out.
   */
  currentUser(): SessionUser | null {
    if (this.mode === 'signed_out') return null;
    return this.session?.user ?? this.deps.store.read(readSyncMeta).user;
  }

  // ---- archiving (issue 18 point 3)
  /** Signed in with a usable session now: the archiving job asks the server before it removes anything. */
  hasSession(): boolean {
    return this.mode === 'active' && this.session !== null;
  }

  /**
   * One request outside a round with the session (archiving: what the server
   * holds, one ticket's family). Not signed in: SYNC_NOT_SIGNED_IN; offline:
   * SYNC_OFFLINE; a refused token ends the session as a round's would.
   */
  async withServer<T>(fn: (http: SyncHttp) => Promise<T>): Promise<T> {
    const session = this.session;
    if (this.mode !== 'active' || !session) throw this.notSignedIn();
    const http = new SyncHttp(this.deps.fetch, session.server, session.token, AbortSignal.any([this.shutdown.signal, this.activity.signal]));
    try {
      return await fn(http);
    } catch (e) {
      if (e instanceof SyncError && e.failure === 'auth') this.authLost();
      throw e;
    }
  }

  /** Emits `sync:status` when anything in it changed (local writes change `pending`). */
  emit(): void {
    if (this.closed) return;
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.deps.onStatus(status);
  }

  private get paused(): boolean {
    return this.deps.store.read(readSyncMeta).paused;
  }

  private get automatic(): boolean {
    return this.deps.autoStart && !this.closed && this.mode === 'active' && !this.paused;
  }

  /** Starts the background work of an active session: a first round and the live stream. */
  private start(): void {
    if (!this.automatic) return;
    void this.requestRound().catch(() => undefined);
    const task: Promise<void> = this.runStream(this.activity.signal).finally(() => this.streams.delete(task));
    this.streams.add(task);
  }

  /** Stops the background work (requests in flight are aborted; queued changes stay queued). */
  private stop(): void {
    this.activity.abort();
    this.activity = new AbortController();
    this.clearTimers();
    this.live = false;
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /**
   * A local write was saved: sync it now (unless waiting out a backoff). A
   * write while no round runs starts one at once, so a change reaches the
   * other PCs (the supervisor's wallboard) within a round trip; writes while
   * a round runs all join the one round queued behind it, so a burst (an
   * import, a busy minute) costs one round per round trip, never a round per write.
   */
  localChange(): void {
    this.emit();
    if (!this.automatic || this.backoff.failures > 0) return;
    void this.requestRound().catch(() => undefined);
  }

  /** One round after the current one (requests while it waits share it). */
  private requestRound(): Promise<SyncRound> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = null;
      return this.round();
    });
    this.queued = next;
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async round(): Promise<SyncRound> {
    const session = this.session;
    if (this.mode !== 'active' || !session) throw this.notSignedIn();
    const signal = AbortSignal.any([this.shutdown.signal, this.activity.signal]);
    const http = new SyncHttp(this.deps.fetch, session.server, session.token, signal, this.deps.streamFetch ? { streamFetch: this.deps.streamFetch } : {});
    const { store, ctx } = this.deps;
    this.running += 1;
    this.emit();
    try {
      const onTickets = (ids: Set<string> | 'all'): void => {
        this.deps.onTickets(ids === 'all' ? [] : [...ids]);
        this.emit();
      };
      const onArticles = (ids: Set<string> | 'all'): void => this.deps.onArticles?.(ids === 'all' ? [] : [...ids]);
      const onDesk = (kinds: Set<ConsoleKind>): void => this.deps.onDesk?.([...kinds]);
      const push = () => {
        const clientId = store.write((w) => pushClientId(w, session.user, null));
        return pushAll({ store, http, clientId, now: ctx.now, receive: (h) => void this.receive(h), onTickets, onArticles, onDesk, signal });
      };
      let pushed: Awaited<ReturnType<typeof pushAll>>;
      try {
        pushed = await push();
      } catch (e) {
        // Another user pushes with this id (a folder shared before ids were per user): take a new one, once.
        if (!(e instanceof SyncError && e.serverCode === 'CLIENT_ID_TAKEN')) throw e;
        this.log('the server gave this client id to another user; pushing with a new one');
        store.write((w) => dropPushClientId(w, session.user));
        pushed = await push();
      }
      this.emit();
      const pulled = await pullAll({ store, http, receive: (h) => this.receive(h), onTickets, onArticles, onDesk, signal, ...(this.deps.bulkChunkRows ? { bulkChunkRows: this.deps.bulkChunkRows } : {}) });
      // Who tickets may be assigned to: refreshed at most every DIRECTORY_REFRESH_MS (rounds run every second under load);
      // an old server without the route keeps the last list.
      let directory: DirectoryResponse | null = null;
      if (this.directoryAt === null || ctx.now() - this.directoryAt >= DIRECTORY_REFRESH_MS) {
        directory = await http.directory().catch((e: unknown) => {
          if (e instanceof SyncError && e.status !== 404) this.log(`directory not refreshed: ${e.message}`);
          return null;
        });
        if (directory) this.directoryAt = ctx.now();
      }
      store.write((w) => {
        setMeta(w, META.lastSyncedAt, new Date(ctx.now()).toISOString());
        if (directory) setMeta(w, SERVER_DIRECTORY_KEY, JSON.stringify(directory.people));
      });
      this.backoff.reset();
      this.lastError = null;
      return { pushed: pushed.answered, pulled: pulled.rows, pending: store.read(pendingCount), problems: store.read(problemCount) };
    } catch (e) {
      this.failed(e, signal);
      throw e;
    } finally {
      this.running -= 1;
      this.emit();
    }
  }

  private receive(hlc: string): string | null {
    try {
      return this.deps.ctx.clock.receive(hlc);
    } catch (e) {
      // A PC with a clock far ahead must not stop everyone's sync; its edits still merge by their clocks.
      this.log(`ignored a remote clock: ${(e as Error).message}`);
      return null;
    }
  }

  private failed(e: unknown, signal: AbortSignal): void {
    if (signal.aborted) return; // stopped on purpose: sign-out, pause, shutdown
    const error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    if (!(e instanceof SyncError)) this.log(`round failed: ${error.message}`);
    this.lastError = error;
    if (e instanceof SyncError && e.failure === 'auth') {
      this.authLost();
      return;
    }
    const delay = this.backoff.fail(this.deps.ctx.now());
    if (!this.automatic) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.requestRound().catch(() => undefined);
    }, delay);
    this.retryTimer.unref();
  }

  /** The server no longer accepts the token: sign in again; nothing queued is lost. */
  private authLost(): void {
    this.stop();
    this.mode = 'auth_required';
    this.session = null;
    this.backoff.reset();
    void this.deps.tokenStore.clear().catch((e: unknown) => this.log(`could not clear the session: ${(e as Error).message}`));
    this.emit();
  }

  private notSignedIn(): AppError {
    return this.mode === 'auth_required'
      ? new SyncError('auth', 'SYNC_AUTH_FAILED', 'The session has expired or was revoked: sign in again (nothing queued is lost)')
      : new AppError('SYNC_NOT_SIGNED_IN', 'Not signed in to a sync server');
  }

  /** The live stream: a round whenever the server has rows beyond the cursor. Reconnects with backoff. */
  private async runStream(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(this.deps.random ?? Math.random);
    while (!signal.aborted && !this.shutdown.signal.aborted && this.automatic && this.session) {
      const http = new SyncHttp(this.deps.fetch, this.session.server, this.session.token, AbortSignal.any([this.shutdown.signal, signal]));
      try {
        for await (const seq of http.pokes(() => {
          backoff.reset();
          this.live = true;
          this.emit();
          // The server is back: do not wait out the retry timer (the first poke says what is new).
          if (this.backoff.failures > 0) void this.requestRound().catch(() => undefined);
        })) {
          if (seq > this.deps.store.read(readSyncMeta).cursor) void this.requestRound().catch(() => undefined);
        }
      } catch (e) {
        if (e instanceof SyncError && e.failure === 'auth' && !signal.aborted) {
          this.live = false;
          this.lastError = { code: e.code, message: e.message };
          this.authLost();
          return;
        }
      }
      this.live = false;
      this.emit();
      if (signal.aborted) return;
      await sleep(backoff.fail(Date.now()), signal);
    }
  }

  /**
   * `beforeSwitch` runs once the server has accepted the credentials and
   * before this PC's session becomes the new one (the desk logs a different
   * seated agent off with their own session): a wrong password changes nothing.
   */
  async login(req: SyncLoginRequest, beforeSwitch?: () => Promise<void>): Promise<SyncStatus> {
    const server = normaliseServer(req.server);
    const http = new SyncHttp(this.deps.fetch, server, null, this.shutdown.signal);
    return this.signInWith(server, () => http.login(req.username, req.password), beforeSwitch);
  }

  /** issue 16: the user's own password changed on the server (the old one required), then signed in with the session it answers. */
  async changePassword(req: { server: string; username: string; oldPassword: string; newPassword: string }, beforeSwitch?: () => Promise<void>): Promise<SyncStatus> {
    const server = normaliseServer(req.server);
    const http = new SyncHttp(this.deps.fetch, server, null, this.shutdown.signal);
    return this.signInWith(server, () => http.changePassword(req.username, req.oldPassword, req.newPassword), beforeSwitch);
  }

  private async signInWith(server: string, ask: () => Promise<LoginResponse>, beforeSwitch?: () => Promise<void>): Promise<SyncStatus> {
    let res: LoginResponse;
    try {
      res = await ask();
    } catch (e) {
      if (e instanceof SyncError && e.failure === 'auth') throw new AppError('SYNC_AUTH_FAILED', `Sign-in refused: ${e.message}`);
      // A reset password (issue 16): the server signs nobody in until it is changed (sync:changePassword).
      if (e instanceof SyncError && e.status === 403 && e.serverCode === 'PASSWORD_CHANGE_REQUIRED') {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Your password was reset by an admin: choose a new password to sign in', [{ path: 'newPassword', code: 'password_change_required', message: 'Choose a new password' }]);
      }
      if (e instanceof SyncError && e.status === 400 && e.serverCode === 'BAD_REQUEST') throw new AppError('VALIDATION_FAILED', e.message, [{ path: 'newPassword', code: 'invalid', message: e.message }]);
      // The server's sign-in limit (429 RATE_LIMITED with Retry-After): the account is locked for a while, and the agent
      // is told so and for how long, as the desk's own lock says it, not 'the server did not accept the request'.
      if (e instanceof SyncError && e.status === 429 && e.serverCode === 'RATE_LIMITED') {
        const wait = e.retryAfterSeconds ?? 60;
        throw new AppError('ACCOUNT_LOCKED', `Sign-in locked by the server: try again in ${wait} s`, [{ path: 'username', code: 'locked', message: `Locked for ${wait} s`, limit: wait }]);
      }
      throw e;
    }
    if (beforeSwitch) await beforeSwitch();
    this.stop();
    const session: StoredSession = { server, token: res.token, user: res.user, expiresAt: res.expiresAt };
    this.notSaved = null;
    try {
      await this.deps.tokenStore.save(session);
    } catch (e) {
      const why = e instanceof TokenNotPersistedError ? e.message : `could not store it: ${(e as Error).message}`;
      this.notSaved = { code: NOT_SAVED, message: `Signed in for this session only (${why}); sign in again after a restart` };
    }
    this.deps.store.write((w) => {
      const before = readSyncMeta(w);
      // Another server or another user sees other rows: pull everything again.
      if (before.server !== server || (before.user !== null && before.user.id !== res.user.id)) {
        writeCursor(w, 0);
        deleteMeta(w, META.firstSyncDone);
      }
      // This user's client id; the folder's node id only for the user it already pushed as before ids were per user.
      pushClientId(w, res.user, before.user?.id === res.user.id ? this.deps.ctx.clientId : null);
      // Work queued here under a local name (before any server sign-in) is this user's to push.
      adoptStandaloneWork(w, res.user, before.user);
      setMeta(w, META.server, server);
      setMeta(w, META.user, JSON.stringify(res.user));
    });
    this.session = session;
    this.directoryAt = null;
    this.mode = 'active';
    this.lastError = null;
    this.backoff.reset();
    this.deps.onUser(res.user);
    this.start();
    this.emit();
    return this.status();
  }

  async logout(): Promise<SyncStatus> {
    const session = this.session;
    this.stop();
    this.session = null;
    if (session) {
      // Revoke on the server when it is reachable; the token is forgotten here either way.
      await new SyncHttp(this.deps.fetch, session.server, session.token, this.shutdown.signal).logout().catch(() => undefined);
    }
    await this.deps.tokenStore.clear();
    this.deps.store.write((w) => deleteMeta(w, META.user));
    this.mode = 'signed_out';
    this.lastError = null;
    this.notSaved = null;
    this.backoff.reset();
    this.deps.onUser(null);
    this.emit();
    return this.status();
  }

  /** One full round now (also while paused or without autoStart: the user asked for it). */
  async syncNow(): Promise<SyncRound> {
    if (this.mode !== 'active' || !this.session) throw this.notSignedIn();
    return this.requestRound();
  }

  setPaused(paused: boolean): SyncStatus {
    this.deps.store.write((w) => (paused ? setMeta(w, META.paused, '1') : deleteMeta(w, META.paused)));
    if (paused) this.stop();
    else {
      this.backoff.reset();
      this.start();
    }
    this.emit();
    return this.status();
  }

  problems(): SyncProblem[] {
    return this.deps.store.read(listProblems);
  }

  resolve(req: SyncResolveRequest): SyncStatus {
    const problem = this.deps.store.read((r) => getProblem(r, req.id));
    if (req.action === 'discard') this.deps.store.write((w) => deleteProblem(w, problem.id));
    else {
      retryProblem({ ctx: this.deps.ctx, tickets: this.deps.tickets }, problem);
      // Articles are written back generically (not through the KB service): say which, so windows reload them.
      const articles = articlesOf(problem);
      if (articles.length > 0) this.deps.onArticles?.(articles);
    }
    this.localChange();
    this.emit();
    return this.status();
  }

  /** Aborts requests in flight, closes the live stream, waits for the round to unwind. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.shutdown.abort();
    this.stop();
    this.closed = true;
    const settle = Promise.allSettled([this.chain, ...this.streams]);
    await Promise.race([settle, sleep(5_000)]);
  }
}

/** The articles a problem's changes wrote (the article itself, or the one a vote, use or version belongs to). */
function articlesOf(problem: SyncProblem): string[] {
  const ids = new Set<string>();
  for (const c of problem.local) {
    if (c.entity === 'article') ids.add(c.id);
    else if (c.entity.startsWith('article_') && typeof c.values.articleId === 'string') ids.add(c.values.articleId);
  }
  return [...ids];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
