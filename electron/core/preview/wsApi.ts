import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { RequestEnvelopeSchema, type EventEnvelope, type ResponseEnvelope } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import { WS_CLOSE_UNAUTHORIZED, WS_TOKEN_PROTOCOL_PREFIX, WsAuthMessageSchema } from '../../../shared/transport.js';

/** How long an unauthenticated socket may stay open waiting for its auth message. */
const AUTH_TIMEOUT_MS = 5_000;

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token offered as subprotocol `hotline.token.<hex>`, if any. */
export function tokenFromProtocols(req: IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  const offered = header.split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX))?.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
}

/**
 * One browser connection: authenticate (subprotocol or first message), then
 * answer RequestEnvelopes through `serve` and receive pushed events. Messages
 * are size-limited by the server (maxPayload) and parsed with zod.
 */
export class WsSession {
  private authed = false;
  private readonly authTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    req: IncomingMessage,
    private readonly opts: { token: string; serve: (channel: string, payload: unknown) => Promise<Result<unknown>>; onAuthed: (s: WsSession) => void },
  ) {
    const offered = tokenFromProtocols(req);
    if (offered !== undefined) {
      if (!tokensEqual(offered, opts.token)) {
        socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
        return;
      }
      this.markAuthed();
    } else {
      this.authTimer = setTimeout(() => socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized'), AUTH_TIMEOUT_MS);
    }
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(1003, 'text only');
        return;
      }
      void this.onMessage(data.toString());
    });
    socket.on('close', () => clearTimeout(this.authTimer));
  }

  private markAuthed(): void {
    this.authed = true;
    clearTimeout(this.authTimer);
    this.opts.onAuthed(this);
  }

  private async onMessage(text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.socket.close(1007, 'invalid JSON');
      return;
    }
    if (!this.authed) {
      const auth = WsAuthMessageSchema.safeParse(json);
      if (auth.success && tokensEqual(auth.data.token, this.opts.token)) this.markAuthed();
      else this.socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
      return;
    }
    const request = RequestEnvelopeSchema.safeParse(json);
    if (!request.success) {
      // Answerable only when there is an id to answer to.
      const id = (json as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
        this.send({ kind: 'response', id, result: { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Malformed request envelope' } } });
      }
      return;
    }
    const { id, channel, payload } = request.data;
    const result = await this.opts.serve(channel, payload);
    this.send({ kind: 'response', id, result });
  }

  send(message: ResponseEnvelope | EventEnvelope): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  get isAuthed(): boolean {
    return this.authed;
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}
