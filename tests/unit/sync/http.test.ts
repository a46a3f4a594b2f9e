import { describe, expect, it } from 'vitest';
import { SyncError, SyncHttp, TIMEOUTS, type FetchFn } from '../../../electron/core/sync/http.js';

const hang: FetchFn = (_input, init) =>
  new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'))));
const answer =
  (status: number, body: string): FetchFn =>
  () =>
    Promise.resolve(new Response(body, { status }));
const fast = { ...TIMEOUTS, request: 100, streamIdle: 150, streamConnect: 150 };
const http = (f: FetchFn, signal = new AbortController().signal) => new SyncHttp(f, 'http://sync.test/', 'tok', signal, { timeouts: fast });

async function failureOf(p: Promise<unknown>): Promise<SyncError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(e)}`);
  return e;
}

describe('SyncHttp: every request has a timeout and every answer is checked', () => {
  it('gives up on a server that does not answer, as offline', async () => {
    const started = Date.now();
    const e = await failureOf(http(hang).pull(0));
    expect(e).toMatchObject({ failure: 'offline', code: 'SYNC_OFFLINE', message: 'The server did not answer within 0.1 s' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a stream that connects and then goes quiet', async () => {
    const quiet: FetchFn = (_i, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"entity":"customer"'));
          init?.signal?.addEventListener('abort', () => c.error(new Error('aborted')));
        },
      });
      return Promise.resolve(new Response(body));
    };
    const run = async () => {
      for await (const item of http(quiet).bulk(0)) void item;
    };
    expect(await failureOf(run())).toMatchObject({ failure: 'offline', message: 'The server sent nothing for 0.15 s' });
  });

  it('sorts failures: 401 means sign in again, 5xx offline, other 4xx and malformed bodies a server error', async () => {
    expect(await failureOf(http(answer(401, '{"error":{"code":"TOKEN_EXPIRED","message":"The token has expired"}}')).pull(0))).toMatchObject({
      failure: 'auth',
      code: 'SYNC_AUTH_FAILED',
      message: 'The token has expired',
    });
    expect(await failureOf(http(answer(503, 'busy')).pull(0))).toMatchObject({ failure: 'offline', code: 'SYNC_OFFLINE' });
    expect(await failureOf(http(answer(413, '{"error":{"code":"PAYLOAD_TOO_LARGE","message":"too big"}}')).pull(0))).toMatchObject({
      failure: 'server',
      message: expect.stringMatching(/413 PAYLOAD_TOO_LARGE.*too big/),
    });
    expect(await failureOf(http(answer(200, '<html>')).pull(0))).toMatchObject({ failure: 'server', code: 'SYNC_SERVER_ERROR' });
    expect(await failureOf(http(answer(200, '{"rows":[{"entity":"nope"}],"cursor":1,"more":false}')).pull(0))).toMatchObject({ failure: 'server' });
  });

  it('stops at once on shutdown', async () => {
    const shutdown = new AbortController();
    const pending = failureOf(new SyncHttp(hang, 'http://sync.test', 'tok', shutdown.signal).pull(0));
    shutdown.abort();
    expect(await pending).toMatchObject({ message: 'Sync stopped' });
  });

  it('sends the token, and rejects a bulk stream that ends without its end line', async () => {
    let auth: string | null = null;
    const cut: FetchFn = (_i, init) => {
      auth = new Headers(init?.headers).get('authorization');
      return Promise.resolve(new Response('{"entity":"customer","id":"c1","values":{},"fieldHlc":{},"seq":1}\n'));
    };
    const lines: unknown[] = [];
    const run = async () => {
      for await (const item of http(cut).bulk(0)) lines.push(item);
    };
    expect(await failureOf(run())).toMatchObject({ failure: 'offline', message: expect.stringMatching(/cut off/) });
    expect(lines).toHaveLength(1);
    expect(auth).toBe('Bearer tok');
  });
});
