import type { MessagePort } from 'node:worker_threads';
import { toErrorData, type AppErrorData } from '../../shared/result.js';
import type { Core, CoreOptions } from './api.js';
import { PortSecretStore } from './desk/portSecretStore.js';
import { PortTokenStore } from './sync/portTokenStore.js';
import { HostMessageSchema, WorkerDataSchema, type WorkerMessage } from './workerProtocol.js';

export type OpenCore = (opts: CoreOptions) => Promise<Core>;

/**
 * The body of the core's worker thread, separated from worker.ts so tests can
 * run it over a fake core. Serves RequestEnvelopes with `core.call`, forwards
 * core events, and on 'close' waits for calls in flight, closes the core
 * (checkpoint + lock release) and lets the thread end.
 */
export async function serveCore(port: MessagePort, rawWorkerData: unknown, openCore: OpenCore): Promise<void> {
  const post = (message: WorkerMessage): void => port.postMessage(message);

  const data = WorkerDataSchema.safeParse(rawWorkerData);
  if (!data.success) {
    post({ kind: 'init-error', error: { code: 'VALIDATION_FAILED', message: `Invalid worker options: ${data.error.message}` } });
    port.close();
    return;
  }

  const { hostTokenStore, hostSecretStore, sync, ...options } = data.data.options;
  // The session is asked for while the core opens, before the request handler below exists.
  const tokens = hostTokenStore ? new PortTokenStore(post) : null;
  const secrets = hostSecretStore ? new PortSecretStore(post) : null;
  const onTokenResult = (raw: unknown): void => {
    const parsed = HostMessageSchema.safeParse(raw);
    if (parsed.success && parsed.data.kind === 'token-result') tokens?.answer(parsed.data);
    if (parsed.success && parsed.data.kind === 'secret-result') secrets?.answer(parsed.data);
  };
  port.on('message', onTokenResult);

  let core: Core;
  try {
    core = await openCore({ ...options, ...(tokens ? { tokenStore: tokens } : {}), ...(secrets ? { secretStore: secrets } : {}), ...(sync ? { sync } : {}) });
  } catch (e) {
    post({ kind: 'init-error', error: toErrorData(e) });
    port.close();
    return;
  }

  const unsubscribe = core.onEvent((event, payload) => post({ kind: 'event', event, payload }));
  const inFlight = new Set<Promise<void>>();
  let closing: Promise<void> | null = null;

  const close = async (): Promise<void> => {
    // Requests already accepted are answered before the store closes, so a
    // write acknowledged to the UI is always in the final checkpoint.
    await Promise.allSettled([...inFlight]);
    unsubscribe();
    let error: AppErrorData | undefined;
    try {
      await core.close();
    } catch (e) {
      error = toErrorData(e);
    }
    post(error ? { kind: 'closed', error } : { kind: 'closed' });
    port.off('message', onTokenResult);
    // Closing the port lets the thread's event loop drain and the worker exit
    // on its own; the client terminates it if something keeps it alive.
    port.close();
  };

  port.on('message', (raw: unknown) => {
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Without a valid id there is no one to answer; the client never sends this.
      console.error('[core-worker] ignored malformed message', parsed.error.message);
      return;
    }
    const message = parsed.data;
    if (message.kind === 'token-result' || message.kind === 'secret-result') return; // answered by onTokenResult
    if (message.kind === 'close') {
      closing ??= close();
      return;
    }
    if (closing) {
      post({ kind: 'response', id: message.id, result: { ok: false, error: { code: 'STORE_CLOSED', message: 'The core is closing' } } });
      return;
    }
    const task = core
      .call(message.channel, message.payload)
      .catch((e: unknown) => ({ ok: false as const, error: toErrorData(e) }))
      .then((result) => post({ kind: 'response', id: message.id, result }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  post({ kind: 'ready' });
}
