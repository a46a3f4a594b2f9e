import { useCallback } from 'react';
import { useLive } from '../work/useLive.js';

/**
 * A team's display name from its id (issue 16 point 1): rosters, attendance
 * and accounts carry the team's id, which never changes; an admin may rename
 * the team, and every picker shows the name. An id with no record yet (a
 * team only named on an account) shows as itself.
 */
export function useTeamNames(): (id: string) => string {
  const teams = useLive('teams:list', {}, { kinds: ['teams'] });
  return useCallback((id: string) => teams.value?.find((x) => x.id === id)?.name ?? id, [teams.value]);
}
