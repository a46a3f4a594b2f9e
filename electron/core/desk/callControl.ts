import {
  PHONE_COMMAND_TIMEOUT_MS,
  PHONE_COMMAND_VERSION,
  PhoneAckSchema,
  type ConnectorInfo,
  type ConnectorInput,
  type PhoneAck,
  type PhoneCommand,
} from '../../../shared/desk/callControl.js';
import { AppError, type FieldIssue } from '../../../shared/result.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { Store } from '../store/index.js';
import { SecretNotPersistedError, type SecretStore } from './secrets.js';

/**
 * The call-control connector (issue 14): the admin gives this PC the URL of
 * the PBX / softphone connector (on this PC or a private LAN address) and its
 * token; every agent action that the phone system must carry out is POSTed
 * there as one JSON command (shared/desk/callControl.ts) BEFORE the local
 * state changes, so the console never shows a hold, a ready or a call that
 * the phone system did not accept. The URL and seat are this PC's (meta
 * table, never synced); the token lives in the SecretStore, never in the
 * database, and never goes back to the renderer.
 */

export const CONNECTOR_URL_KEY = 'phone_connector_url';
export const CONNECTOR_SEAT_KEY = 'phone_connector_seat';
const SECRET = 'phone-connector' as const;
/** A connector's answer is a few fields; anything longer is cut before it is parsed. */
const MAX_ANSWER_CHARS = 16 * 1024;

/** What a command says besides the header every command carries. */
export type PhoneCommandBody = PhoneCommand extends infer C ? (C extends PhoneCommand ? Omit<C, 'v' | 'commandId' | 'agent' | 'seat' | 'at'> : never) : never;

export interface PhoneConnectorDeps {
  store: Store;
  secrets: SecretStore;
  now: () => number;
  newId: () => string;
  /** tests inject faults here; default: global fetch */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const said = (message: string): FieldIssue[] => [{ path: 'connector', code: 'connector_said', message }];

export class PhoneConnector {
  private token: string | null = null;
  private persisted = true;

  constructor(private readonly deps: PhoneConnectorDeps) {}

  /** Reads the token from the secret store once at start; a store that fails leaves the connector unconfigured (the admin enters it again). */
  async init(): Promise<void> {
    try {
      this.token = await this.deps.secrets.load(SECRET);
    } catch (e) {
      console.warn(`[phone] the connector token could not be read: ${(e as Error).message}`);
      this.token = null;
    }
  }

  private url(): string | null {
    return this.deps.store.read((r) => getMeta(r, CONNECTOR_URL_KEY)) || null;
  }

  private seat(): string | null {
    return this.deps.store.read((r) => getMeta(r, CONNECTOR_SEAT_KEY)) || null;
  }

  /** Configured = a URL and a token: commands are sent. Otherwise the console works as before, by hand. */
  configured(): boolean {
    return this.url() !== null && this.token !== null;
  }

  info(): ConnectorInfo {
    const url = this.url();
    return { configured: url !== null && this.token !== null, url, seat: this.seat(), tokenSet: this.token !== null, tokenPersisted: this.token === null || this.persisted };
  }

  /** Saves URL, seat and (if given) a new token; the schema has checked them. Nothing changes if the token cannot be stored. */
  async set(input: ConnectorInput): Promise<ConnectorInfo> {
    if (input.token === undefined && this.token === null) {
      const message = 'Give the token the connector expects (it is stored once and never shown again)';
      throw new AppError('VALIDATION_FAILED', `token: ${message}`, [{ path: 'token', code: 'token_required', message }]);
    }
    if (input.token !== undefined) {
      let persisted = true;
      try {
        await this.deps.secrets.save(SECRET, input.token);
      } catch (e) {
        if (!(e instanceof SecretNotPersistedError)) throw new AppError('INTERNAL', `The connector token could not be stored: ${(e as Error).message}`);
        // No safe place on this PC: kept for this run only, and the admin screen says so.
        persisted = false;
      }
      this.token = input.token;
      this.persisted = persisted;
    }
    this.deps.store.write((w) => {
      setMeta(w, CONNECTOR_URL_KEY, input.url);
      setMeta(w, CONNECTOR_SEAT_KEY, input.seat ?? '');
    });
    return this.info();
  }

  /** Back to the manual console: no URL, no token. */
  async clear(): Promise<ConnectorInfo> {
    await this.deps.secrets.clear(SECRET).catch((e: unknown) => console.warn(`[phone] could not clear the connector token: ${(e as Error).message}`));
    this.token = null;
    this.persisted = true;
    this.deps.store.write((w) => {
      setMeta(w, CONNECTOR_URL_KEY, '');
      setMeta(w, CONNECTOR_SEAT_KEY, '');
    });
    return this.info();
  }

  /**
   * Sends one command and waits for the acknowledgement. Throws a PHONE_*
   * AppError when the phone system did not accept it; its message never
   * contains the token. Returns null when no connector is configured.
   */
  async send(body: PhoneCommandBody, agent: string): Promise<PhoneAck | null> {
    const url = this.url();
    const token = this.token;
    if (url === null || token === null) return null;
    const command = { v: PHONE_COMMAND_VERSION, commandId: this.deps.newId(), agent, seat: this.seat(), at: new Date(this.deps.now()).toISOString(), ...body } as PhoneCommand;
    const timeoutMs = this.deps.timeoutMs ?? PHONE_COMMAND_TIMEOUT_MS;
    const what = command.command === 'state' ? `state ${command.state}` : command.command;
    let res: Response;
    let text: string;
    try {
      res = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
        body: JSON.stringify(command),
        // A connector that redirects is misconfigured: the token must not follow it anywhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
    } catch (e) {
      throw failure(e, what, url, timeoutMs);
    }
    let ack: PhoneAck = {};
    if (text.trim() !== '') {
      try {
        const parsed = PhoneAckSchema.safeParse(JSON.parse(text));
        if (parsed.success) ack = parsed.data;
      } catch {
        // a 2xx with a non-JSON body is still an acknowledgement; a refusal's text is quoted below
      }
    }
    const words = ack.error?.message ?? (ack.ok === undefined && text.trim() !== '' && !text.trimStart().startsWith('{') ? text.trim().slice(0, 200) : null);
    if (res.status === 401 || res.status === 403) {
      throw new AppError('PHONE_AUTH_FAILED', `The phone connector refused the token (HTTP ${res.status}) for "${what}"`, words ? said(words) : undefined);
    }
    if (res.status >= 300 && res.status < 400) {
      throw new AppError('PHONE_REJECTED', `The phone connector answered "${what}" with a redirect (HTTP ${res.status}), which is not followed`, said(`HTTP ${res.status}`));
    }
    if (res.status < 200 || res.status >= 300 || ack.ok === false) {
      const detail = words ?? `HTTP ${res.status}`;
      throw new AppError('PHONE_REJECTED', `The phone connector refused "${what}" (HTTP ${res.status}): ${detail}`, said(detail));
    }
    return ack;
  }
}

function failure(e: unknown, what: string, url: string, timeoutMs: number): AppError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new AppError('PHONE_TIMEOUT', `The phone connector at ${url} did not answer "${what}" within ${timeoutMs / 1000} s`);
  }
  const code = err.cause?.code ?? '';
  return new AppError('PHONE_UNREACHABLE', `The phone connector at ${url} cannot be reached for "${what}": ${code || err.cause?.message || err.message}`);
}
