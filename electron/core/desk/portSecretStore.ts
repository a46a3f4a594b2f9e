import type { SecretRequest, SecretResult } from '../workerProtocol.js';
import { SecretNotPersistedError, type SecretName, type SecretStore } from './secrets.js';

/** How long the host may take to answer (safeStorage can prompt the OS keychain). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The core's SecretStore inside the worker thread, as PortTokenStore is for
 * the session: the host keeps the secret (Electron main encrypts it with
 * safeStorage) and answers over the message port with the same id.
 */
export class PortSecretStore implements SecretStore {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: SecretResult) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly post: (message: SecretRequest) => void) {}

  /** Feed every `secret-result` message from the host here. */
  answer(result: SecretResult): void {
    const w = this.waiting.get(result.id);
    if (!w) return;
    this.waiting.delete(result.id);
    clearTimeout(w.timer);
    w.resolve(result);
  }

  private ask(request: Omit<SecretRequest, 'id' | 'kind'> & { value?: string }): Promise<SecretResult> {
    const id = this.nextId++;
    return new Promise<SecretResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`The host did not answer the secret ${request.op} within ${ANSWER_TIMEOUT_MS / 1000} s`));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { resolve, timer });
      const { op, name } = request;
      this.post(op === 'save' ? { kind: 'secret', id, op, name, value: request.value ?? '' } : op === 'clear' ? { kind: 'secret', id, op, name } : { kind: 'secret', id, op: 'load', name });
    }).then((r) => {
      if (r.ok) return r;
      if (r.notPersisted) throw new SecretNotPersistedError(r.error ?? 'the host cannot store it safely');
      throw new Error(r.error ?? `secret ${request.op} failed`);
    });
  }

  async load(name: SecretName): Promise<string | null> {
    return (await this.ask({ op: 'load', name })).value ?? null;
  }

  async save(name: SecretName, value: string): Promise<void> {
    await this.ask({ op: 'save', name, value });
  }

  async clear(name: SecretName): Promise<void> {
    await this.ask({ op: 'clear', name });
  }
}
