import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName, type Api, type Channel, type RequestOf, type ValueOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { parseResult } from '../../shared/transport.js';

/**
 * The only bridge between the sandboxed renderer and main: one typed
 * `window.api`. Channels and events are allowlisted from the contract;
 * anything else is answered with UNKNOWN_CHANNEL (never thrown), and
 * ipcRenderer itself never crosses into the page.
 */
const api: Api = {
  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ValueOf<C>>> {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel).slice(0, 64)}` } };
    }
    try {
      const result: unknown = await ipcRenderer.invoke(channel, request);
      return parseResult(result) as Result<ValueOf<C>>;
    } catch (e) {
      // e.g. a payload that cannot be cloned, or main going away mid-call
      const failure: Result<never> = { ok: false, error: { code: 'TRANSPORT_FAILED', message: e instanceof Error ? e.message : String(e) } };
      return failure;
    }
  },
  on(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    // The IPC event object (with `sender`) stays in the preload; the page sees the payload only.
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
