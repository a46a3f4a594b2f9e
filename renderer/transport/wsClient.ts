import {
  EventEnvelopeSchema,
  events,
  isChannel,
  isEventName,
  ResponseEnvelopeSchema,
  type Api,
  type Channel,
  type EventName,
  type EventPayload,
  type RequestEnvelope,
  type RequestOf,
  type ValueOf,
} from '../../shared/contract.js';
import type { ErrorCode, Result } from '../../shared/result.js';
import { parseResult, WS_CLOSE_UNAUTHORIZED, WS_MAX_MESSAGE_BYTES, WS_SUBPROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/transport.js';

type State = 'connecting' | 'open' | 'waiting' | 'unauthorized';
type AnyListener = (payload: unknown) => void;

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 5_000;

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * `window.api` over the preview server's WebSocket: request ids and a pending
 * map, events fanned out to listeners, reconnect with exponential backoff.
 * While disconnected every call answers TRANSPORT_FAILED at once (the UI
 * shows it; nothing is queued behind the user's back). Calls in flight when
 * the connection drops also answer TRANSPORT_FAILED: a write may or may not
 * have been applied, exactly as with a crashed host.
 */
export class WsApiClient {
  private socket: WebSocket | null = null;
  private state: State = 'connecting';
  private attempt = 0;
  private nextId = 1;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private readonly openWaiters = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.connect();
    // Coming back online should not wait out a long backoff.
    addEventListener('online', () => {
      if (this.state === 'waiting') this.reconnectNow();
    });
  }

  readonly api: Api = {
    invoke: <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ValueOf<C>>> =>
      this.invoke(channel, request) as Promise<Result<ValueOf<C>>>,
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => this.on(event, listener as AnyListener),
  };

  /** Resolves once connected, or after `timeoutMs`, or when the token is refused. */
  whenOpen(timeoutMs: number): Promise<void> {
    if (this.state === 'open' || this.state === 'unauthorized') return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.openWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.openWaiters.add(done);
    });
  }

  private invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return Promise.resolve(failure('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 64)}`));
    if (this.state === 'unauthorized') return Promise.resolve(failure('UNAUTHORIZED', 'The preview server refused this session; open the URL it printed'));
    const socket = this.socket;
    if (this.state !== 'open' || !socket) return Promise.resolve(failure('TRANSPORT_FAILED', 'Not connected to the workstation host'));
    const id = this.nextId++;
    const envelope: RequestEnvelope = { kind: 'request', id, channel, payload };
    let text: string;
    try {
      text = JSON.stringify(envelope);
    } catch (e) {
      return Promise.resolve(failure('VALIDATION_FAILED', `Request cannot be serialised: ${(e as Error).message}`));
    }
    if (text.length > WS_MAX_MESSAGE_BYTES / 4) {
      // UTF-8 may take up to 4 bytes per UTF-16 unit; check the real size only when close.
      if (new TextEncoder().encode(text).byteLength > WS_MAX_MESSAGE_BYTES) return Promise.resolve(failure('VALIDATION_FAILED', 'Request too large'));
    }
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      socket.send(text);
    });
  }

  private on(event: unknown, listener: AnyListener): () => void {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private connect(): void {
    this.state = 'connecting';
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url, [WS_SUBPROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${this.token}`]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.state = 'open';
      this.attempt = 0;
      for (const waiter of [...this.openWaiters]) waiter();
    };
    socket.onmessage = (ev: MessageEvent) => this.onMessage(ev.data);
    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const resolve of this.pending.values()) resolve(failure('TRANSPORT_FAILED', 'Connection to the workstation host lost'));
      this.pending.clear();
      if (ev.code === WS_CLOSE_UNAUTHORIZED) {
        this.state = 'unauthorized';
        this.onUnauthorized();
        for (const waiter of [...this.openWaiters]) waiter();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.state = 'waiting';
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter so several tabs do not reconnect in lockstep.
    this.reconnectTimer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }

  private reconnectNow(): void {
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  }

  private onMessage(data: unknown): void {
    if (typeof data !== 'string' || data.length > WS_MAX_MESSAGE_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const response = ResponseEnvelopeSchema.safeParse(json);
    if (response.success) {
      const resolve = this.pending.get(response.data.id);
      this.pending.delete(response.data.id);
      resolve?.(parseResult(response.data.result));
      return;
    }
    const event = EventEnvelopeSchema.safeParse(json);
    if (event.success && isEventName(event.data.event)) {
      const payload = events[event.data.event].safeParse(event.data.payload);
      if (!payload.success) return;
      for (const listener of this.listeners.get(event.data.event) ?? []) {
        try {
          listener(payload.data);
        } catch (e) {
          console.error('[transport] event listener failed', e);
        }
      }
    }
  }
}
