import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { FetchFn } from './http.js';

/**
 * `fetch` for long downloads (a first sync's /sync/bulk), with the socket
 * drained by a helper thread. Applying a chunk of 100k rows holds this
 * thread for seconds; with an ordinary fetch nobody reads the socket
 * meanwhile, so the server stalls until the chunk is done, and the two take
 * turns instead of working at once. The helper keeps reading (up to
 * MAX_AHEAD bytes not yet taken here) and hands the bytes over without
 * copying (transferred ArrayBuffers).
 *
 * The helper runs from source text (no file to bundle or locate: the same in
 * Electron's worker, the preview and under tsx) and uses the global fetch.
 */
const MAX_AHEAD = 64 * 1024 * 1024;

const HELPER = `
const { parentPort, workerData } = require('node:worker_threads');
let outstanding = 0;
let wake = null;
parentPort.on('message', (m) => {
  outstanding -= m.ack;
  if (wake && outstanding <= ${MAX_AHEAD}) { const w = wake; wake = null; w(); }
});
(async () => {
  const res = await fetch(workerData.url, { method: 'GET', headers: workerData.headers });
  parentPort.postMessage({ kind: 'head', status: res.status, statusText: res.statusText, headers: [...res.headers] });
  if (res.body) {
    for await (const chunk of res.body) {
      const copy = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
      outstanding += copy.byteLength;
      parentPort.postMessage({ kind: 'chunk', chunk: copy }, [copy.buffer]);
      if (outstanding > ${MAX_AHEAD}) await new Promise((r) => (wake = r));
    }
  }
  parentPort.postMessage({ kind: 'end' });
})().catch((e) => parentPort.postMessage({ kind: 'error', name: String((e && e.name) || 'Error'), message: String((e && e.message) || e) }));
`;

const MessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('head'), status: z.number().int(), statusText: z.string(), headers: z.array(z.tuple([z.string(), z.string()])) }),
  z.object({ kind: z.literal('chunk'), chunk: z.instanceof(Uint8Array) }),
  z.object({ kind: z.literal('end') }),
  z.object({ kind: z.literal('error'), name: z.string(), message: z.string() }),
]);

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

/** GET only: the body is read on the helper thread; abort (and a cancelled body) ends the helper. */
export const backgroundFetch: FetchFn = (input, init) => {
  const signal = init?.signal ?? undefined;
  if (init?.method && init.method !== 'GET') return Promise.reject(new TypeError('backgroundFetch serves GET requests only'));
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const url = input instanceof Request ? input.url : String(input);
  const worker = new Worker(HELPER, { eval: true, workerData: { url, headers: plainHeaders(init?.headers) } });
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let settled = false;
  /** the body was cancelled or ended: later messages are dropped */
  let done = false;
  const stop = (): void => {
    done = true;
    void worker.terminate();
  };

  return new Promise<Response>((resolve, reject) => {
    const fail = (e: Error): void => {
      if (done && settled) return;
      stop();
      if (!settled) {
        settled = true;
        reject(e);
      } else {
        try {
          controller?.error(e);
        } catch {
          // the body was already closed or cancelled
        }
      }
    };
    const onAbort = (): void => fail(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('error', (e) => fail(e));
    worker.on('exit', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!settled) fail(new TypeError('fetch failed: the download helper stopped'));
    });
    worker.on('message', (raw: unknown) => {
      if (done) return;
      const m = MessageSchema.safeParse(raw);
      if (!m.success) return fail(new TypeError('fetch failed: unexpected message from the download helper'));
      switch (m.data.kind) {
        case 'head': {
          settled = true;
          const body = new ReadableStream<Uint8Array>({
            start: (c) => {
              controller = c;
            },
            cancel: stop,
          });
          resolve(new Response(body, { status: m.data.status, statusText: m.data.statusText, headers: m.data.headers }));
          return;
        }
        case 'chunk':
          controller?.enqueue(m.data.chunk);
          worker.postMessage({ ack: m.data.chunk.byteLength });
          return;
        case 'end':
          stop();
          controller?.close();
          return;
        case 'error': {
          const e = m.data.name === 'AbortError' ? new DOMException(m.data.message, 'AbortError') : new TypeError(`fetch failed: ${m.data.message}`);
          fail(e);
          return;
        }
      }
    });
  });
};
