import type { Channel, Contract, EventName, EventPayload, Handlers } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { SecretStore } from './desk/secrets.js';
import type { CheckpointStats } from './store/index.js';
import type { TokenStore } from './sync/session.js';

export type { StoredSession, TokenStore } from './sync/session.js';

/** Every channel the contract says the core serves. */
export type CoreChannel = { [C in Channel]: Contract[C]['owner'] extends 'core' ? C : never }[Channel];

export interface CoreSyncOptions {
  /** the HTTP client (tests inject faults here); default: global fetch */
  fetch?: typeof fetch;
  /**
   * true (default): sync by itself once signed in (rounds after local writes,
   * the live stream, retries). false: only when asked (sync:now), as the CLI does.
   */
  autoStart?: boolean;
  /** rows per first-sync chunk, fixed (tests); by default chunks grow from 25k to 100k rows */
  bulkChunkRows?: number;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreOptions {
  /** the data folder: snapshot, journal, lock */
  dataDir: string;
  /** who is acting (history `actorId`) while nobody is signed in; when signed in, the username */
  actorId: string;
  checkpointEvery?: number;
  idleCheckpointMs?: number;
  /** injectable clock for tests */
  now?: () => number;
  /**
   * Where the sign-in session (with its token) is kept: never in the data
   * folder's database. Default: memory only (signed out after a restart).
   */
  tokenStore?: TokenStore;
  /**
   * Where this PC's other secrets (the call-control connector's token) are
   * kept, as the session is: never in the data folder's database. Default: memory only.
   */
  secretStore?: SecretStore;
  /** phone commands' HTTP client and timeout (tests inject faults here); default: global fetch, 3 s */
  phone?: { fetch?: typeof fetch; timeoutMs?: number };
  sync?: CoreSyncOptions;
  /**
   * The app's resources folder (resources/kb/demo-articles.jsonl); default:
   * the first `resources` folder above the core's code or the working directory.
   */
  resourcesDir?: string;
  /** the local call-event endpoint (CTI) on 127.0.0.1; absent or false: not started */
  cti?: { port: number; host?: string } | false;
  /** how often SLA, callback and follow-up reminders are checked; absent or 0: never (CLI, tests) */
  reminderIntervalMs?: number;
  /** how often the archiving job runs (issue 18 point 3); absent or 0: only when asked (archive:run, CLI, tests) */
  archiveIntervalMs?: number;
  /**
   * true: every core channel but the sign-in ones (agent:session, agent:signIn,
   * agent:setup, store:status, sync:status, sync:login, and wallboard:tv, which
   * a display key opens) answers NOT_SIGNED_IN
   * until an agent is signed in at the desk. The hosts that serve a renderer
   * (Electron main, the preview server) set it; the CLI and tests do not.
   */
  requireSignIn?: boolean;
  /**
   * true (the CLI): nobody sits at this core's desk, so a server sign-in
   * (sync:login) only signs in to sync; it does not seat the user as a desk
   * agent, whose `ready` line would then never be closed by an `offline`.
   */
  headless?: boolean;
}

/**
 * The Electron-free core: one per data folder, one per process (the store
 * holds the folder's writer lock). Hosted in a worker thread by Electron main
 * and by the preview server; used directly by the CLI and the tests.
 */
export interface Core {
  /** validates and serves a contract call; never throws */
  call(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  handlers: Handlers<CoreChannel>;
  onEvent(listener: CoreEventListener): () => void;
  checkpoint(): void;
  /**
   * The policy's checkpoint, run now in the background (the store's log is
   * rotated, its pages written across turns of the event loop); resolves with
   * its cost (the bench reads it), or null if there was nothing to do.
   */
  checkpointInBackground(): Promise<CheckpointStats | null>;
  /** checkpoint, release the folder lock; further calls answer STORE_CLOSED */
  close(): Promise<void>;
}
