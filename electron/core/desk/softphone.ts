import type { SoftphoneAccount, SoftphoneInfo, SoftphoneInput } from '../../../shared/desk/softphone.js';
import { AppError } from '../../../shared/result.js';
import { getMeta, setMeta } from '../domain/context.js';
import type { Store } from '../store/index.js';
import { SecretNotPersistedError, type SecretStore } from './secrets.js';

/**
 * The embedded softphone's settings for this seat (issue 19): the PBX's
 * domain, its SIP-over-WebSocket URL, the seat's extension and auto-answer
 * live in this PC's meta table (never synced); the SIP password lives in the
 * SecretStore, like the sync token and the connector's token, never in the
 * database. Only the signed-in agent's renderer gets the password
 * (account()), because the SIP stack and WebRTC run there.
 */

export const SOFTPHONE_KEY = 'softphone_settings';
const SECRET = 'softphone-password' as const;

interface Stored {
  domain: string;
  wsUrl: string;
  extension: string;
  autoAnswer: boolean;
  /** settings saved before it existed read as 'busy' (the only behaviour then) */
  whenNotReady: 'busy' | 'unregister';
}

function readStored(store: Store): Stored | null {
  const text = store.read((r) => getMeta(r, SOFTPHONE_KEY));
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Stored>;
    if (typeof v.domain !== 'string' || typeof v.wsUrl !== 'string' || typeof v.extension !== 'string') return null;
    return { domain: v.domain, wsUrl: v.wsUrl, extension: v.extension, autoAnswer: v.autoAnswer === true, whenNotReady: v.whenNotReady === 'unregister' ? 'unregister' : 'busy' };
  } catch {
    return null;
  }
}

export class SoftphoneSettings {
  private password: string | null = null;
  private persisted = true;

  constructor(private readonly deps: { store: Store; secrets: SecretStore }) {}

  async init(): Promise<void> {
    try {
      this.password = await this.deps.secrets.load(SECRET);
    } catch (e) {
      console.warn(`[softphone] the SIP password could not be read: ${(e as Error).message}`);
      this.password = null;
    }
  }

  info(): SoftphoneInfo {
    const s = readStored(this.deps.store);
    return {
      configured: s !== null,
      domain: s?.domain ?? null,
      wsUrl: s?.wsUrl ?? null,
      extension: s?.extension ?? null,
      autoAnswer: s?.autoAnswer ?? false,
      whenNotReady: s?.whenNotReady ?? 'busy',
      passwordSet: this.password !== null,
      passwordPersisted: this.password === null || this.persisted,
    };
  }

  /** The signed-in agent's registration details; null when this seat has no softphone. */
  account(): SoftphoneAccount | null {
    const s = readStored(this.deps.store);
    return s ? { ...s, password: this.password } : null;
  }

  /** Saves the settings (the schema has checked them); nothing changes when the password cannot be stored. */
  async set(input: SoftphoneInput): Promise<SoftphoneInfo> {
    if (input.password !== undefined) {
      let persisted = true;
      try {
        await this.deps.secrets.save(SECRET, input.password);
      } catch (e) {
        if (!(e instanceof SecretNotPersistedError)) throw new AppError('INTERNAL', `The SIP password could not be stored: ${(e as Error).message}`);
        // No safe place on this PC: kept for this run only, and the admin screen says so.
        persisted = false;
      }
      this.password = input.password;
      this.persisted = persisted;
    }
    const stored: Stored = { domain: input.domain, wsUrl: input.wsUrl, extension: input.extension, autoAnswer: input.autoAnswer, whenNotReady: input.whenNotReady };
    this.deps.store.write((w) => setMeta(w, SOFTPHONE_KEY, JSON.stringify(stored)));
    return this.info();
  }

  async clear(): Promise<SoftphoneInfo> {
    await this.deps.secrets.clear(SECRET).catch((e: unknown) => console.warn(`[softphone] could not clear the SIP password: ${(e as Error).message}`));
    this.password = null;
    this.persisted = true;
    this.deps.store.write((w) => setMeta(w, SOFTPHONE_KEY, ''));
    return this.info();
  }
}
