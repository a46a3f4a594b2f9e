import { z } from 'zod';
import { SessionUserSchema } from '../../../shared/sync/protocol.js';

/**
 * A signed-in session. The token lives ONLY in a TokenStore (Electron
 * safeStorage in the app, a 0600 file for the CLI and the preview), never in
 * the data folder's database: a copied or backed-up data folder carries no
 * credentials. Read back through zod like any other boundary.
 */
export const StoredSessionSchema = z.object({
  server: z.string().min(1).max(300),
  token: z.string().min(1).max(4096),
  user: SessionUserSchema,
  expiresAt: z.string().min(1).max(40),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

export interface TokenStore {
  load(): Promise<StoredSession | null>;
  /** Rejects when the session cannot be kept safely (e.g. no OS keychain): the caller keeps it in memory only. */
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

/** Sessions that end with the process: tests, and hosts without a safe place for secrets. */
export class MemoryTokenStore implements TokenStore {
  private session: StoredSession | null = null;
  load(): Promise<StoredSession | null> {
    return Promise.resolve(this.session);
  }
  save(session: StoredSession): Promise<void> {
    this.session = session;
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.session = null;
    return Promise.resolve();
  }
}

/** Thrown by a TokenStore that refuses to persist (the app keeps the session in memory and says so). */
export class TokenNotPersistedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenNotPersistedError';
  }
}
