import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallEventSchema, type Call, type CallEvent } from '../../../shared/desk/schema.js';
import { AppError, toErrorData, validationError, type ErrorCode } from '../../../shared/result.js';
import { findUnstorableText, UNSTORABLE_MESSAGE, unstorableIssue } from '../../../shared/text.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { Store } from '../store/index.js';

/**
 * Call events from the phone system (CTI). An adapter turns the outside
 * world's events into the call service's transitions; two exist:
 * - manual: the agent's buttons (calls:start/answer/hold/resume/hangup)
 * - local endpoint: a softphone or PBX connector on this PC POSTs
 *   CallEventSchema JSON to http://127.0.0.1:PORT/call-events with
 *   `Authorization: Bearer <token>`.
 * Both end in the same service, so both obey the same rules.
 */
export interface CallEventSink {
  event(ev: CallEvent): Call;
}

export const CTI_TOKEN_KEY = 'cti_token';
export const MAX_BODY_BYTES = 16 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The endpoint's token: created on first open, kept in the data folder's meta table (never synced). */
export function ensureCtiToken(store: Store): string {
  const existing = store.read((r) => getMeta(r, CTI_TOKEN_KEY));
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  store.write((w) => setMeta(w, CTI_TOKEN_KEY, token));
  return token;
}

export function regenerateCtiToken(store: Store): string {
  const token = randomBytes(32).toString('base64url');
  store.write((w) => setMeta(w, CTI_TOKEN_KEY, token));
  return token;
}

/** Equal-length digests: the comparison takes the same time whatever was sent. */
function sameToken(sent: string, expected: string): boolean {
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  CALL_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CALL_STATE_INVALID: 409,
  CALL_ACTIVE: 409,
  NOT_SIGNED_IN: 409,
  STORE_CLOSED: 503,
};

function tooLarge(res: ServerResponse): void {
  const message = `A call event is at most ${MAX_BODY_BYTES} bytes`;
  sendError(res, 413, 'VALIDATION_FAILED', message, [{ path: '', code: 'too_big', message, limit: MAX_BODY_BYTES }]);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, fields?: unknown): void {
  send(res, status, { ok: false, error: fields ? { code, message, fields } : { code, message } });
}

export interface CtiEndpointOptions {
  port: number;
  host?: string | undefined;
  token: () => string;
  sink: CallEventSink;
  /** after an accepted event (the desk emits its events) */
  log?: (message: string) => void;
}

export interface CtiEndpoint {
  running: boolean;
  port: number;
  host: string;
  error: string | null;
  close(): Promise<void>;
}

/**
 * Starts the endpoint. Never throws: a port already taken leaves it not
 * running with the reason (cti:info shows it) and the console keeps working
 * with the manual adapter.
 */
export async function startCtiEndpoint(opts: CtiEndpointOptions): Promise<CtiEndpoint> {
  const host = opts.host ?? '127.0.0.1';
  const state: CtiEndpoint = { running: false, port: opts.port, host, error: null, close: () => Promise.resolve() };
  if (!LOOPBACK.has(host)) {
    // Call events carry customers' numbers; the endpoint is for this PC's connector only.
    state.error = `The call-event endpoint listens on this PC only (127.0.0.1), not on ${host}`;
    return state;
  }
  const server = http.createServer((req, res) => void handle(req, res));
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/health') {
      if (req.method !== 'GET') return sendError(res, 405, 'UNKNOWN_CHANNEL', 'Use GET /health');
      return send(res, 200, { ok: true });
    }
    if (pathname !== '/call-events') return sendError(res, 404, 'NOT_FOUND', `No such endpoint: ${pathname}; POST /call-events`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'UNKNOWN_CHANNEL', 'Use POST /call-events');
    }
    const auth = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (!bearer || !sameToken(bearer, opts.token())) {
      req.resume();
      return sendError(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: send Authorization: Bearer <token> (cti:info shows it to admins)');
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      req.resume();
      return tooLarge(res);
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.setHeader('Connection', 'close');
      return tooLarge(res);
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return sendError(res, 400, 'VALIDATION_FAILED', `The body is not JSON: ${(e as Error).message}`, [{ path: '', code: 'invalid_json', message: (e as Error).message }]);
    }
    const unstorable = findUnstorableText(json);
    if (unstorable !== null) return sendError(res, 400, 'VALIDATION_FAILED', `${unstorable || 'body'}: ${UNSTORABLE_MESSAGE}`, [unstorableIssue(unstorable)]);
    const parsed = CallEventSchema.safeParse(json);
    if (!parsed.success) {
      const err = validationError(parsed.error);
      return sendError(res, 400, 'VALIDATION_FAILED', err.message, err.fields);
    }
    try {
      const call = opts.sink.event(parsed.data);
      send(res, 202, { ok: true, callId: call.id });
    } catch (e) {
      const data = toErrorData(e);
      if (!(e instanceof AppError)) opts.log?.(`call event failed: ${data.message}`);
      sendError(res, STATUS_OF[data.code] ?? (e instanceof AppError ? 409 : 500), data.code, data.message, data.fields);
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    state.error = err.code === 'EADDRINUSE' ? `Port ${opts.port} on ${host} is already in use; set another CTI port` : `Cannot listen on ${host}:${opts.port}: ${err.message}`;
    return state;
  }
  state.running = true;
  state.port = (server.address() as AddressInfo).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      state.running = false;
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
