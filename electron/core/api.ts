import type { Channel, EventName, EventPayload, Handlers } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

export type CoreChannel = Extract<Channel, 'store:status' | 'customers:search' | 'customers:get' | 'tickets:create' | 'tickets:update' | 'tickets:transition' | 'tickets:list' | 'tickets:get'>;

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreOptions {
  /** the data folder: snapshot, journal, lock */
  dataDir: string;
  /** who is acting (history `actorId`); the auth issue replaces this with the signed-in agent */
  actorId: string;
  checkpointEvery?: number;
  idleCheckpointMs?: number;
  /** injectable clock for tests */
  now?: () => number;
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
  /** checkpoint, release the folder lock; further calls answer STORE_CLOSED */
  close(): Promise<void>;
}
