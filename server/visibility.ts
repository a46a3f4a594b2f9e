import { ENTITIES, type EntityDecl, type EntityName } from '../shared/sync/entities.js';
import type { SessionUser } from '../shared/sync/protocol.js';
import { HttpError } from './errors.js';

/**
 * Row visibility (shared/sync/entities.ts), applied generically from the
 * entity declarations (no per-entity code here):
 * - `team` scope (the default): a row belongs to one team, fixed when it is
 *   created. Admins see and write every row; everyone else only their own
 *   team's. A team row with no team is visible to admins only.
 * - `global` scope: the row belongs to no team (stored with team NULL and
 *   `global` true); everyone allowed to sync sees it and may write it, subject
 *   to the entity's `check`. A child whose parent entity is global is global.
 * - `visible(user, values)` narrows either by the row's full current values.
 * - `shared`: the other teams a team row is also shared with. A ticket handed
 *   off to another team's queue (escalated to 二线, transferred) is shared
 *   with that team, with its records (history, notes, hand-offs ...) and its
 *   customer, so the team asked can read it and answer (shares.ts).
 */
export function canSee(user: SessionUser, team: string | null, shared: readonly string[] | null = null): boolean {
  if (user.role === 'admin') return true;
  if (user.team === null) return false;
  return team === user.team || (shared !== null && shared.includes(user.team));
}

function scopeOfDecl(decl: EntityDecl, depth = 0): 'team' | 'global' {
  if (decl.scope) return decl.scope;
  const parent = decl.parent ? (ENTITIES as Record<string, EntityDecl>)[decl.parent.entity] : undefined;
  if (!parent || depth > 8) return 'team';
  return scopeOfDecl(parent, depth + 1);
}

const GLOBAL = new Set<string>(Object.values(ENTITIES as Record<string, EntityDecl>).filter((d) => scopeOfDecl(d) === 'global').map((d) => d.name));

/** Entities whose rows belong to no team. */
export const GLOBAL_ENTITIES: readonly EntityName[] = [...GLOBAL] as EntityName[];
/** Entities with a `visible` rule: their rows are filtered by value on every answer. */
export const FILTERED_ENTITIES: readonly EntityName[] = Object.values(ENTITIES as Record<string, EntityDecl>)
  .filter((d) => d.visible)
  .map((d) => d.name as EntityName);

export function isGlobal(entity: string): boolean {
  return GLOBAL.has(entity);
}

/** May `user` reach (see, and write subject to `check`) a row of `entity` stored with `team`, ignoring its values? */
export function inScope(user: SessionUser, entity: string, team: string | null, shared: readonly string[] | null = null): boolean {
  return isGlobal(entity) || canSee(user, team, shared);
}

/** Does `user` see this row, given its full current values? */
export function canSeeRow(user: SessionUser, entity: string, team: string | null, values: Record<string, unknown>, shared: readonly string[] | null = null): boolean {
  if (!inScope(user, entity, team, shared)) return false;
  const visible = (ENTITIES as Record<string, EntityDecl>)[entity]?.visible;
  return visible ? visible(user, values) : true;
}

/** Only the value rule (rows already known to be in scope, e.g. a pull page). */
export function passesVisible(user: SessionUser, entity: string, values: Record<string, unknown>): boolean {
  const visible = (ENTITIES as Record<string, EntityDecl>)[entity]?.visible;
  return visible ? visible(user, values) : true;
}

/**
 * Team of a new top-level row: the creator's. An admin may place a row in a
 * team by giving its `team` value (a ticket's team); otherwise an admin's row
 * takes the admin's own team, or none. Global rows have no team.
 */
export function teamForNewRow(user: SessionUser, values: Record<string, unknown>, entity?: string): string | null {
  if (entity !== undefined && isGlobal(entity)) return null;
  if (user.role === 'admin' && typeof values.team === 'string' && values.team.trim() !== '') return values.team;
  return user.team;
}

/** Syncing needs a team unless you are an admin: otherwise there is nothing you could see or write. */
export function requireSyncScope(user: SessionUser): void {
  if (user.role !== 'admin' && user.team === null) {
    throw new HttpError(403, 'FORBIDDEN', `The account ${user.username} belongs to no team, so it cannot sync: ask an admin to assign a team`);
  }
}
