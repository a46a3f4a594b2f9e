import type { Channel } from '../../shared/contract.js';
import type { AppErrorData, Result } from '../../shared/result.js';
import type { CoreEventListener } from './api.js';
import { CoreWorkerClient, type CoreWorkerStartOptions } from './workerClient.js';

export interface CrashReport {
  /** what the dead worker said, or its exit code */
  error: AppErrorData;
  /** true: a new worker runs on the same data folder (sessions start signed out); false: gave up */
  restarted: boolean;
  /** why the restart failed, when it did */
  restartError?: AppErrorData;
}

export interface SupervisorOptions {
  /** crashes allowed within `windowMs` before giving up (a core that dies at every start would loop for ever) */
  maxRestarts?: number;
  windowMs?: number;
  /** injected clock (ms) */
  now?: () => number;
  /** how to start a worker (tests inject a fixture) */
  start?: (opts: CoreWorkerStartOptions) => Promise<CoreWorkerClient>;
}

const restartFailed = (message: string): Result<never> => ({ ok: false, error: { code: 'TRANSPORT_FAILED', message } });

/**
 * The core's worker, restarted on the same data folder when it dies. Every
 * write the UI was told is saved is in the journal (fsync'd before the
 * answer), so the new worker replays it; calls in flight at the crash were
 * answered TRANSPORT_FAILED by the old client and never acknowledged. The
 * new core has no desk session (sessions live in memory only), so the agent
 * signs in again, which the crash listener tells the window.
 */
export class SupervisedCore {
  private client: CoreWorkerClient;
  private restarting: Promise<CoreWorkerClient | null> | null = null;
  private closed = false;
  private readonly listeners = new Set<CoreEventListener>();
  private readonly crashListeners = new Set<(report: CrashReport) => void>();
  private readonly crashes: number[] = [];

  private constructor(
    client: CoreWorkerClient,
    private readonly opts: CoreWorkerStartOptions,
    private readonly sup: Required<Omit<SupervisorOptions, 'start'>> & Pick<SupervisorOptions, 'start'>,
  ) {
    this.client = client;
    this.attach(client);
  }

  static async start(opts: CoreWorkerStartOptions, sup: SupervisorOptions = {}): Promise<SupervisedCore> {
    const start = sup.start ?? ((o) => CoreWorkerClient.start(o));
    const client = await start(opts);
    return new SupervisedCore(client, opts, { maxRestarts: sup.maxRestarts ?? 3, windowMs: sup.windowMs ?? 10 * 60_000, now: sup.now ?? Date.now, start });
  }

  /** Forwards to the current worker; while one is being restarted, waits for it. Never rejects. */
  async invoke(channel: Channel, payload: unknown): Promise<Result<unknown>> {
    if (this.restarting) {
      const next = await this.restarting;
      if (!next) return restartFailed('The data service stopped and could not be restarted');
    }
    return this.client.invoke(channel, payload);
  }

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onCrash(listener: (report: CrashReport) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** The worker running now (tests, and a hung-core watchdog, abort it). */
  get current(): CoreWorkerClient {
    return this.client;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restarting) await this.restarting;
    await this.client.close();
  }

  private attach(client: CoreWorkerClient): void {
    client.on((event, payload) => {
      for (const listener of this.listeners) listener(event, payload);
    });
    client.onExit(({ code, error }) => {
      if (this.closed) return;
      this.restarting = this.restart(error ?? { code: 'INTERNAL', message: `The core worker exited with code ${code}` });
    });
  }

  private async restart(error: AppErrorData): Promise<CoreWorkerClient | null> {
    const now = this.sup.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && (this.crashes[0] ?? now) <= now - this.sup.windowMs) this.crashes.shift();
    if (this.crashes.length > this.sup.maxRestarts) {
      this.tell({ error, restarted: false, restartError: { code: 'INTERNAL', message: `The core stopped ${this.crashes.length} times in ${Math.round(this.sup.windowMs / 60_000)} min` } });
      return null;
    }
    try {
      const start = this.sup.start ?? ((o: CoreWorkerStartOptions) => CoreWorkerClient.start(o));
      const next = await start(this.opts);
      this.client = next;
      this.attach(next);
      this.restarting = null;
      this.tell({ error, restarted: true });
      return next;
    } catch (e) {
      const restartError: AppErrorData = { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
      this.tell({ error, restarted: false, restartError });
      return null;
    }
  }

  private tell(report: CrashReport): void {
    for (const listener of this.crashListeners) {
      try {
        listener(report);
      } catch (e) {
        console.error('[core] crash listener failed', e);
      }
    }
  }
}
