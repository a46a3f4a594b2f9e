import type { Api } from '../../shared/contract.js';
import { WS_PATH } from '../../shared/transport.js';
import { forgetToken, takeToken } from './token.js';
import { WsApiClient } from './wsClient.js';

/** How long start-up waits for the first connection before rendering anyway (calls then answer TRANSPORT_FAILED). */
const FIRST_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Makes sure `window.api` exists before the app renders. In Electron the
 * preload has installed it and nothing happens; in the browser preview it is
 * built over the preview server's WebSocket (same contract, same envelopes).
 */
export async function ensureApi(): Promise<void> {
  const host = window as Partial<Window>;
  if (typeof host.api !== 'undefined') return;
  const token = takeToken();
  if (token === null) {
    install(offlineApi('Open the address printed by `npm run start:browser` (it carries the session token).'));
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new WsApiClient(`${scheme}//${location.host}${WS_PATH}`, token, forgetToken);
  install(client.api);
  await client.whenOpen(FIRST_CONNECT_TIMEOUT_MS);
}

function install(api: Api): void {
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
}

function offlineApi(message: string): Api {
  return {
    invoke: () => Promise.resolve({ ok: false, error: { code: 'UNAUTHORIZED', message } }),
    on: () => () => undefined,
  };
}
