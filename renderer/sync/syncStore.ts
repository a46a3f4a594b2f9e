import { create } from 'zustand';
import type { Result } from '../../shared/result.js';
import type { SyncLoginRequest, SyncResolveRequest, SyncRound, SyncStatus } from '../../shared/sync/status.js';
import { call, subscribe } from '../api/client.js';

export interface LastRound {
  round: SyncRound;
  /** when the round finished (ISO) */
  at: string;
}

/**
 * A round that starts and ends within this time is not shown as "syncing":
 * with live pokes a busy team triggers rounds every second or two, and a
 * header flashing blue and green at that rate is noise to an agent on a call.
 */
export const SYNCING_SHOW_AFTER_MS = 600;

const STATUS_RETRY_MS = 3_000;

interface SyncState {
  /** the core's latest word; null until it has answered once (the indicator then says "unknown", never a guess) */
  status: SyncStatus | null;
  /** what the indicator shows: `status`, except that a short round keeps showing "up to date" */
  shown: SyncStatus | null;
  /** the result of the last "Sync now" on this screen */
  lastRound: LastRound | null;
  /** a "Sync now" is in flight */
  running: boolean;
  signInOpen: boolean;
  problemsOpen: boolean;
  /** loads `sync:status` and follows the `sync:status` event; returns the unsubscribe */
  start(): () => void;
  syncNow(): Promise<Result<SyncRound>>;
  setPaused(paused: boolean): Promise<Result<SyncStatus>>;
  /** the request (and so the password) is not kept anywhere once this returns */
  signIn(request: SyncLoginRequest): Promise<Result<SyncStatus>>;
  signOut(): Promise<Result<SyncStatus>>;
  resolve(request: SyncResolveRequest): Promise<Result<SyncStatus>>;
  openSignIn(): void;
  closeSignIn(): void;
  openProblems(): void;
  closeProblems(): void;
}

export const useSyncStore = create<SyncState>((set, get) => {
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  const accept = (status: SyncStatus): void => {
    clearTimeout(showTimer);
    const shown = get().shown;
    if (status.state === 'syncing' && shown?.state === 'idle') {
      set({ status });
      showTimer = setTimeout(() => {
        const now = get().status;
        if (now?.state === 'syncing') set({ shown: now });
      }, SYNCING_SHOW_AFTER_MS);
      return;
    }
    set({ status, shown: status });
  };
  /** Every sync call answers with the new status; take it at once rather than wait for the event. */
  const take = (result: Result<SyncStatus>): Result<SyncStatus> => {
    if (result.ok) accept(result.value);
    return result;
  };
  return {
    status: null,
    shown: null,
    lastRound: null,
    running: false,
    signInOpen: false,
    problemsOpen: false,
    start() {
      let alive = true;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const load = (): void => {
        void call('sync:status', {}).then((result) => {
          if (!alive || get().status !== null) return; // an event that arrived meanwhile is newer than this answer
          if (result.ok) accept(result.value);
          // The core may still be starting: the indicator says "unknown" until it answers, and asks again.
          else retry = setTimeout(load, STATUS_RETRY_MS);
        });
      };
      load();
      const off = subscribe('sync:status', accept);
      return () => {
        alive = false;
        clearTimeout(retry);
        off();
      };
    },
    async syncNow() {
      set({ running: true });
      const result = await call('sync:now', {});
      set({ running: false });
      if (result.ok) set({ lastRound: { round: result.value, at: new Date().toISOString() } });
      // The round's counts are not a status; ask for the full one so "last synced at" is exact.
      void call('sync:status', {}).then((r) => {
        if (r.ok) accept(r.value);
      });
      return result;
    },
    async setPaused(paused) {
      return take(await call('sync:pause', { paused }));
    },
    async signIn(request) {
      const result = take(await call('sync:login', request));
      if (result.ok) set({ signInOpen: false, lastRound: null });
      return result;
    },
    async signOut() {
      const result = take(await call('sync:logout', {}));
      if (result.ok) set({ lastRound: null });
      return result;
    },
    async resolve(request) {
      return take(await call('sync:resolve', request));
    },
    openSignIn: () => set({ signInOpen: true }),
    closeSignIn: () => set({ signInOpen: false }),
    openProblems: () => set({ problemsOpen: true }),
    closeProblems: () => set({ problemsOpen: false }),
  };
});
