import { useCallback, useMemo } from 'react';
import { useLive } from './useLive.js';

/**
 * People by the name their colleagues know them by (the directory's display
 * names): records show 李坐席, not li.agent. Someone the directory does not
 * know (a disabled account, another server's user) keeps their username.
 */
export function useDisplayNames(): (username: string | null | undefined) => string {
  const directory = useLive('directory:list', {});
  const names = useMemo(() => new Map((directory.value?.people ?? []).map((p) => [p.username.toLowerCase(), p.displayName])), [directory.value]);
  return useCallback((username) => (username ? (names.get(username.toLowerCase()) ?? username) : ''), [names]);
}
