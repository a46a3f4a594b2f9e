import { useEffect, useState } from 'react';
import type { Wallboard } from '../../shared/reports/schema.js';
import type { AppErrorData } from '../../shared/result.js';
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
 * (no debounce delay). An answer for a team no longer asked for is dropped.
 */
class BoardLoader {
  private inFlight = false;
  private again = false;
  private team: string | undefined = undefined;
  private alive = true;
  constructor(
    private readonly onBoard: (board: Wallboard) => void,
    private readonly onError: (error: AppErrorData) => void,
  ) {}

  setTeam(team: string | undefined): void {
    this.team = team;
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
    this.inFlight = true;
    const asked = this.team;
    void call('wallboard:get', asked === undefined ? {} : { team: asked }).then((result) => {
      this.inFlight = false;
      if (!this.alive) return;
      if (asked !== this.team) this.again = true;
      else if (result.ok) this.onBoard(result.value);
      else this.onError(result.error);
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  };
}

/**
 * Today's board, kept live: re-read on every change event (calls, agent
 * states, tickets, hand-offs, callbacks, follow-ups, configuration, sync)
 * from this PC or pulled from others. A failed read keeps the last board:
 * the screen is never blank once it had figures.
 */
export function useWallboard(team: string | undefined): WallboardState {
  const [board, setBoard] = useState<Wallboard | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [loader] = useState(
    () =>
      new BoardLoader(
        (b) => {
          setBoard(b);
          setError(null);
        },
        (e) => setError(e),
      ),
  );

  useEffect(() => loader.setTeam(team), [loader, team]);

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

  return { board, error, sync, reload: loader.refresh };
}
