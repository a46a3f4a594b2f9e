import type { TokenRequest, TokenResult } from '../workerProtocol.js';
import { TokenNotPersistedError, type StoredSession, type TokenStore } from './session.js';

/** How long the host may take to answer (safeStorage can prompt the OS keychain). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The core's TokenStore inside the worker thread: the session lives with the
 * host (Electron main encrypts it with safeStorage), so the worker asks over
 * its message port and waits for the answer with the same id.
 */
export class PortTokenStore implements TokenStore {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: TokenResult) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly post: (message: TokenRequest) => void) {}

  /** Feed every `token-result` message from the host here. */
  answer(result: TokenResult): void {
    const w = this.waiting.get(result.id);
    if (!w) return;
    this.waiting.delete(result.id);
    clearTimeout(w.timer);
    w.resolve(result);
  }

  private ask(op: 'load' | 'clear'): Promise<TokenResult>;
  private ask(op: 'save', session: StoredSession): Promise<TokenResult>;
  private ask(op: TokenRequest['op'], session?: StoredSession): Promise<TokenResult> {
    const id = this.nextId++;
    return new Promise<TokenResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`The host did not answer the session ${op} within ${ANSWER_TIMEOUT_MS / 1000} s`));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { resolve, timer });
      this.post(op === 'save' && session ? { kind: 'token', id, op, session } : op === 'clear' ? { kind: 'token', id, op } : { kind: 'token', id, op: 'load' });
    }).then((r) => {
      if (r.ok) return r;
      if (r.notPersisted) throw new TokenNotPersistedError(r.error ?? 'the host cannot store it safely');
      throw new Error(r.error ?? `session ${op} failed`);
    });
  }

  async load(): Promise<StoredSession | null> {
    return (await this.ask('load')).session ?? null;
  }

  async save(session: StoredSession): Promise<void> {
    await this.ask('save', session);
  }

  async clear(): Promise<void> {
    await this.ask('clear');
  }
}
