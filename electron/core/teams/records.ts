import type { DomainContext } from '../domain/context.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import type { SqlWriter } from '../store/types.js';
import { teamRow } from './queries.js';

/**
 * An account given a team that has no record yet (`agent add --team T`, an
 * account form of an older screen) makes that team a record, named like its
 * text, in the same transaction: a team is always a record once anyone is in
 * it, and survives its last member moving away (issue 16 point 1).
 */
export function ensureTeamRecord(w: SqlWriter, ctx: DomainContext, team: string | null | undefined, actorId: string): void {
  const id = team?.trim();
  if (!id || teamRow(w, id)) return;
  const s = stamp(ctx);
  const values = { name: id, leader: null, deactivatedAt: null, updatedBy: actorId, createdAt: s.at, updatedAt: s.at };
  w.run('INSERT INTO team (id, name, leader, deactivated_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?)', [id, id, actorId, s.at, s.at, createdFieldHlc(s.hlc)]);
  appendOutbox(w, s, { name: 'teams:set', entity: 'team', entityId: id, changes: [{ entity: 'team', id, values }] });
}

/**
 * An admin's role-and-team change of an account (accounts:update) moves its
 * agent profile too, when it has one: the directory reads the profile's team.
 */
export function followAccountTeam(w: SqlWriter, ctx: DomainContext, username: string, team: string | null, actorId: string): void {
  const p = w.get<{ id: string; team: string | null; fieldHlc: string }>('SELECT id, team, field_hlc AS fieldHlc FROM agent_profile WHERE lower(agent_id) = lower(?)', [username]);
  if (!p || p.team === team) return;
  const s = stamp(ctx);
  w.run('UPDATE agent_profile SET team = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [team, actorId, s.at, mergeFieldHlc(p.fieldHlc, ['team', 'updatedBy', 'updatedAt'], s.hlc), p.id]);
  appendOutbox(w, s, { name: 'profiles:set', entity: 'agent_profile', entityId: p.id, changes: [{ entity: 'agent_profile', id: p.id, values: { team, updatedBy: actorId, updatedAt: s.at } }] });
}
