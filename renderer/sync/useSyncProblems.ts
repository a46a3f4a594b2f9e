import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../shared/result.js';
import type { SyncProblem } from '../../shared/sync/status.js';
import { call } from '../api/client.js';
import { useSyncStore } from './syncStore.js';

export interface SyncProblemsState {
  problems: SyncProblem[] | null;
  error: AppErrorData | null;
  reload(): void;
}

/**
 * The problems list while the drawer is open. It reloads whenever the core's
 * status reports a different count (a round added one, another window
 * resolved one), so the drawer never shows a problem that is already gone.
 */
export function useSyncProblems(open: boolean): SyncProblemsState {
  const count = useSyncStore((s) => s.status?.problems ?? 0);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ problems: SyncProblem[] | null; error: AppErrorData | null }>({ problems: null, error: null });

  useEffect(() => {
    if (!open) return;
    let alive = true;
    void call('sync:problems', {}).then((result) => {
      if (!alive) return;
      // A failed reload keeps the list on screen next to the error.
      setState((prev) => (result.ok ? { problems: result.value, error: null } : { problems: prev.problems, error: result.error }));
    });
    return () => {
      alive = false;
    };
  }, [open, count, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
