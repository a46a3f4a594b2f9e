import type { SessionUser } from '../shared/sync/protocol.js';
import { HttpError } from './errors.js';

/**
 * Row visibility (shared/sync/entities.ts): a row belongs to one team, fixed
 * when it is created. Admins see and write every row; everyone else only
 * their own team's. A row with no team is visible to admins only.
 */
export function canSee(user: SessionUser, team: string | null): boolean {
  return user.role === 'admin' || (user.team !== null && team === user.team);
}

/**
 * Team of a new top-level row: the creator's. An admin may place a row in a
 * team by giving its `team` value (a ticket's team); otherwise an admin's row
 * takes the admin's own team, or none.
 */
export function teamForNewRow(user: SessionUser, values: Record<string, unknown>): string | null {
  if (user.role === 'admin' && typeof values.team === 'string' && values.team.trim() !== '') return values.team;
  return user.team;
}

/** Syncing needs a team unless you are an admin: otherwise there is nothing you could see or write. */
export function requireSyncScope(user: SessionUser): void {
  if (user.role !== 'admin' && user.team === null) {
    throw new HttpError(403, 'FORBIDDEN', `The account ${user.username} belongs to no team, so it cannot sync: ask an admin to assign a team`);
  }
}
