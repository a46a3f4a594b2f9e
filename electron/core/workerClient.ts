import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { events, isEventName, type Channel, type EventName, type EventPayload } from '../../shared/contract.js';
import { AppError, type AppErrorData, type Result } from '../../shared/result.js';
import { parseResult } from '../../shared/transport.js';
import type { CoreEventListener } from './api.js';
import { FolderLock } from './store/lock.js';
import { SecretNotPersistedError, type SecretStore } from './desk/secrets.js';
import { TokenNotPersistedError, type TokenStore } from './sync/session.js';
import { SecretRequestSchema, TokenRequestSchema, WorkerMessageSchema, type HostMessage, type SecretResult, type TokenResult, type WorkerCoreOptions, type WorkerData } from './workerProtocol.js';

export interface CoreWorkerStartOptions extends Omit<WorkerCoreOptions, 'hostTokenStore' | 'hostSecretStore'> {
  /**
   * Keeps the sign-in session for the core (Electron: safeStorage; the
   * preview: a 0600 file). Without it the core keeps sessions in memory only.
   */
  tokenStore?: TokenStore;
  /** Keeps this PC's other secrets (the call-control connector's token) the same way; without it: memory only. */
  secretStore?: SecretStore;
  /**
   * Test-only: a TypeScript module to run as the worker instead of worker.ts
   * (source mode only), e.g. a fixture that serves a fake core.
   */
  entry?: URL;
  /** how long opening the store may take (replaying a long journal), default 60 s */
  startTimeoutMs?: number;
  /** how long close (final checkpoint) may take before the worker is terminated, default 30 s */
  closeTimeoutMs?: number;
}

export interface WorkerEntry {
  /** the file the Worker starts */
  file: URL;
  /** source mode: the .ts module the bootstrap imports after registering tsx */
  tsEntry?: URL;
}

/**
 * Where the worker lives, decided from where this module runs:
 * - source (`.ts`, under tsx, vitest or Playwright): start workerBootstrap.mjs,
 *   which registers tsx and imports worker.ts;
 * - bundled by electron-vite: this code is inlined into out/main/index.js and
 *   worker.js is the sibling entry built from electron/core/worker.ts.
 */
export function resolveWorkerEntry(moduleUrl: string, testEntry?: URL): WorkerEntry {
  if (/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    return { file: new URL('./workerBootstrap.mjs', moduleUrl), tsEntry: testEntry ?? new URL('./worker.ts', moduleUrl) };
  }
  if (testEntry) throw new Error('CoreWorkerClient: `entry` is only supported when running from source');
  const candidates = ['./worker.js', './worker.mjs'].map((name) => new URL(name, moduleUrl));
  const found = candidates.find((url) => fs.existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`CoreWorkerClient: built worker not found (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')})`);
  return { file: found };
}

type State = 'running' | 'closing' | 'closed' | 'dead';
export type ExitListener = (info: { code: number; error?: AppErrorData }) => void;

const transportFailed = (message: string): Result<never> => ({ ok: false, error: { code: 'TRANSPORT_FAILED', message } });

/**
 * The host side of the core's worker thread (plain Node, no Electron): used
 * by Electron main and by the preview server. Request ids are per client;
 * every call resolves (never rejects), also when the worker dies.
 */
export class CoreWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<CoreEventListener>();
  private readonly exitListeners = new Set<ExitListener>();
  private state: State = 'running';
  private closed: Promise<void> | null = null;
  private closeReply: ((error: AppErrorData | undefined) => void) | null = null;
  private readonly exited: Promise<number>;
  /** read while the thread runs: Node reports -1 once it has ended */
  private readonly threadId: number;

  private constructor(
    private readonly worker: Worker,
    private readonly closeTimeoutMs: number,
    private readonly dataDir: string,
  ) {
    this.threadId = worker.threadId;
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('message', (raw: unknown) => this.handleMessage(raw));
    worker.on('error', (e) => console.error('[core-worker] uncaught error in the core worker', e));
    worker.on('exit', (code) => this.handleExit(code));
  }

  static async start(opts: CoreWorkerStartOptions): Promise<CoreWorkerClient> {
    const { entry: testEntry, startTimeoutMs = 60_000, closeTimeoutMs = 30_000, tokenStore, secretStore, ...rest } = opts;
    const options: WorkerCoreOptions = { ...rest, ...(tokenStore ? { hostTokenStore: true } : {}), ...(secretStore ? { hostSecretStore: true } : {}) };
    const where = resolveWorkerEntry(import.meta.url, testEntry);
    const workerData: WorkerData = where.tsEntry ? { options, entry: where.tsEntry.href } : { options };
    // In source mode the parent may itself run under tsx; inheriting its
    // loader flags would register tsx twice, so the bootstrap does it alone.
    const worker = new Worker(where.file, where.tsEntry ? { workerData, execArgv: [] } : { workerData });
    // The core asks for its session while it opens: served from the start, for the worker's life.
    if (tokenStore) worker.on('message', (raw: unknown) => void serveToken(worker, tokenStore, raw));
    if (secretStore) worker.on('message', (raw: unknown) => void serveSecret(worker, secretStore, raw));

    await new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        cleanup();
        void worker.terminate();
        reject(new AppError('INTERNAL', `The core did not start within ${startTimeoutMs} ms`));
      }, startTimeoutMs);
      const onMessage = (raw: unknown): void => {
        const parsed = WorkerMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        if (parsed.data.kind === 'ready') {
          cleanup();
          resolve();
        } else if (parsed.data.kind === 'init-error') {
          const error = parsed.data.error;
          cleanup();
          // The worker closes its port and exits by itself; terminate in case it hangs.
          void worker.terminate();
          reject(new AppError(error.code, error.message, error.fields));
        }
      };
      const onError = (e: Error): void => {
        cleanup();
        void worker.terminate();
        reject(new AppError('INTERNAL', `The core worker failed to start: ${e.message}`));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new AppError('INTERNAL', `The core worker exited during start (code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    return new CoreWorkerClient(worker, closeTimeoutMs, rest.dataDir);
  }

  /** Forwards one contract call; the core validates the payload. Never rejects. */
  invoke(channel: Channel, payload: unknown): Promise<Result<unknown>> {
    if (this.state === 'closing' || this.state === 'closed') {
      return Promise.resolve({ ok: false, error: { code: 'STORE_CLOSED', message: 'The core is closed' } });
    }
    if (this.state === 'dead') return Promise.resolve(transportFailed('The core worker has stopped'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.post({ kind: 'request', id, channel, payload });
      } catch (e) {
        // DataCloneError: the payload holds something that cannot cross threads.
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Payload cannot be sent to the core: ${(e as Error).message}` } });
      }
    });
  }

  /** Core events (already validated against the contract's event schemas). */
  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the worker stops without close() (a crash): calls in flight have been answered TRANSPORT_FAILED. */
  onExit(listener: ExitListener): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /**
   * Waits for calls in flight, checkpoints and releases the folder lock, then
   * ends the thread. Idempotent. Throws (as AppError) if the core's close failed.
   */
  close(): Promise<void> {
    this.closed ??= this.doClose();
    return this.closed;
  }

  private async doClose(): Promise<void> {
    if (this.state === 'dead') return;
    this.state = 'closing';
    const reply = new Promise<AppErrorData | undefined | 'exited' | 'timeout'>((resolve) => {
      this.closeReply = resolve;
      void this.exited.then(() => resolve('exited'));
      setTimeout(() => resolve('timeout'), this.closeTimeoutMs).unref();
    });
    this.post({ kind: 'close' });
    const outcome = await reply;
    this.state = 'closed';
    if (outcome !== 'exited') {
      // Give the thread a moment to end by itself (its port is closed), then make sure.
      const gone = await Promise.race([this.exited.then(() => true), delay(2_000).then(() => false)]);
      if (!gone) await this.worker.terminate();
    }
    if (outcome === 'timeout') throw new AppError('INTERNAL', `The core did not close within ${this.closeTimeoutMs} ms; the worker was terminated`);
    if (outcome === 'exited') throw new AppError('INTERNAL', 'The core worker exited before confirming close');
    if (outcome) throw new AppError(outcome.code, outcome.message, outcome.fields);
  }

  /**
   * Ends the thread at once, without a checkpoint, as a crash would (a hung
   * core; crash tests). Every acknowledged write is in the journal already;
   * exit listeners are told as for any crash.
   */
  async abort(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private post(message: HostMessage): void {
    this.worker.postMessage(message);
  }

  private handleMessage(raw: unknown): void {
    const parsed = WorkerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.error('[core-worker] ignored malformed message from the worker', parsed.error.message);
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'response': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(parseResult(message.result));
        return;
      }
      case 'event':
        if (isEventName(message.event)) this.emit(message.event, message.payload);
        return;
      case 'closed':
        this.closeReply?.(message.error);
        return;
      case 'ready':
      case 'init-error':
      case 'token':
      case 'secret':
        return;
    }
  }

  private emit<E extends EventName>(event: E, raw: unknown): void {
    const payload = events[event].safeParse(raw);
    if (!payload.success) {
      console.error(`[core-worker] dropped malformed '${event}' event`, payload.error.message);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(event, payload.data as EventPayload<E>);
      } catch (e) {
        console.error('[core-worker] event listener failed', e);
      }
    }
  }

  private handleExit(code: number): void {
    for (const resolve of this.pending.values()) resolve(transportFailed('The core worker stopped before answering'));
    this.pending.clear();
    if (this.state === 'running') {
      this.state = 'dead';
      // The thread is gone but this process lives on, so its folder lock would look held: release it for a restart.
      FolderLock.releaseAbandoned(this.dataDir, this.threadId);
      const info = code === 0 ? { code } : { code, error: { code: 'INTERNAL' as const, message: `The core worker exited with code ${code}` } };
      for (const listener of this.exitListeners) listener(info);
    }
  }
}

/** Answers one session request from the core with the host's TokenStore. */
async function serveToken(worker: Worker, store: TokenStore, raw: unknown): Promise<void> {
  const req = TokenRequestSchema.safeParse(raw);
  if (!req.success) return;
  const { id, op } = req.data;
  let answer: TokenResult;
  try {
    if (req.data.op === 'save') await store.save(req.data.session);
    else if (op === 'clear') await store.clear();
    const session = op === 'load' ? await store.load() : undefined;
    answer = session === undefined ? { kind: 'token-result', id, ok: true } : { kind: 'token-result', id, ok: true, session };
  } catch (e) {
    answer = { kind: 'token-result', id, ok: false, error: e instanceof Error ? e.message : String(e), notPersisted: e instanceof TokenNotPersistedError };
  }
  try {
    worker.postMessage(answer);
  } catch {
    // the worker has gone: nobody is waiting
  }
}

/** Answers one secret request from the core with the host's SecretStore. */
async function serveSecret(worker: Worker, store: SecretStore, raw: unknown): Promise<void> {
  const req = SecretRequestSchema.safeParse(raw);
  if (!req.success) return;
  const { id, name } = req.data;
  let answer: SecretResult;
  try {
    if (req.data.op === 'save') await store.save(name, req.data.value);
    else if (req.data.op === 'clear') await store.clear(name);
    answer = req.data.op === 'load' ? { kind: 'secret-result', id, ok: true, value: await store.load(name) } : { kind: 'secret-result', id, ok: true };
  } catch (e) {
    answer = { kind: 'secret-result', id, ok: false, error: e instanceof Error ? e.message : String(e), notPersisted: e instanceof SecretNotPersistedError };
  }
  try {
    worker.postMessage(answer);
  } catch {
    // the worker has gone: nobody is waiting
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());
