import { useEffect, useState } from 'react';
import type { Wallboard } from '../../shared/reports/schema.js';
import type { AppErrorData, Result } from '../../shared/result.js';
import type { SyncStatus } from '../../shared/sync/status.js';
import { call, subscribe } from '../api/client.js';

export interface WallboardState {
  board: Wallboard | null;
  /** the last refresh failed (the last board stays on screen) */
  error: AppErrorData | null;
  sync: SyncStatus | null;
  reload(): void;
}

/** Figures move with the clock too (SLA breaches, overdue callbacks): re-read at least this often. */
const CLOCK_REFRESH_MS = 15_000;

/**
 * At most one read in flight; requests during it coalesce into one more
 * read, so a burst of events costs two reads and a lone change shows at once
 * (no debounce delay). An answer for a query no longer asked for is dropped.
 */
class LiveLoader<Q, T> {
  private inFlight = false;
  private again = false;
  private query: Q | undefined = undefined;
  private alive = true;
  constructor(
    private readonly read: (query: Q) => Promise<Result<T>>,
    private readonly onValue: (value: T) => void,
    private readonly onError: (error: AppErrorData) => void,
  ) {}

  setQuery(query: Q): void {
    this.query = query;
    this.alive = true;
    this.refresh();
  }

  stop(): void {
    this.alive = false;
  }

  readonly refresh = (): void => {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const asked = this.query as Q;
    this.inFlight = true;
    void this.read(asked).then((result) => {
      this.inFlight = false;
      if (!this.alive) return;
      if (asked !== this.query) this.again = true;
      else if (result.ok) this.onValue(result.value);
      else this.onError(result.error);
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  };
}

export interface LiveRead<T> {
  value: T | null;
  /** the last refresh failed (the last value stays on screen) */
  error: AppErrorData | null;
  sync: SyncStatus | null;
  reload(): void;
}

/**
 * A board kept live: re-read on every change event (calls, agent states,
 * tickets, hand-offs, callbacks, follow-ups, configuration, sync) from this
 * PC or pulled from others, and on the clock. A failed read keeps the last
 * value: the screen is never blank once it had figures.
 */
export function useLiveRead<Q, T>(query: Q, read: (query: Q) => Promise<Result<T>>): LiveRead<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [loader] = useState(
    () =>
      new LiveLoader<Q, T>(
        read,
        (v) => {
          setValue(() => v);
          setError(null);
        },
        (e) => setError(e),
      ),
  );

  useEffect(() => loader.setQuery(query), [loader, query]);

  useEffect(() => {
    const refresh = loader.refresh;
    const offs = [
      subscribe('console:changed', (p) => (p.kinds.some((k) => k !== 'drafts') ? refresh() : undefined)),
      subscribe('tickets:changed', () => refresh()),
      subscribe('agent:state', () => refresh()),
      subscribe('calls:current', () => refresh()),
      subscribe('sync:status', (s) => {
        setSync(s);
        refresh();
      }),
    ];
    void call('sync:status', {}).then((r) => (r.ok ? setSync(r.value) : undefined));
    const timer = window.setInterval(refresh, CLOCK_REFRESH_MS);
    return () => {
      loader.stop();
      window.clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, [loader]);

  return { value, error, sync, reload: loader.refresh };
}

const readBoard = (team: string | undefined): Promise<Result<Wallboard>> => call('wallboard:get', team === undefined ? {} : { team });

/** Today's board for the center or a team, kept live (useLiveRead). */
export function useWallboard(team: string | undefined): WallboardState {
  const { value, error, sync, reload } = useLiveRead(team, readBoard);
  return { board: value, error, sync, reload };
}
