/**
 * Teams, seats and skills on the server (issue 16 point 1): the checks of
 * shared/teams/rules.ts that need other rows, run on every push in the push's
 * transaction (under the push lock, so two PCs pushing the same seat are
 * judged one after the other: the second gets SEAT_TAKEN). Only what a
 * mutation changes is judged; rows that merely keep an older value are not.
 */
import { centerToday, deactivationProblem, joinDateProblem, leaderProblem, parseSkills, seatKey, seatTakenProblem, skillsProblem } from '../shared/teams/rules.js';
import type { Role } from '../shared/roles.js';
import { USER_CHANNEL } from './channels.js';
import type { Queryable } from './db.js';
import { Rejection, type Touched } from './mutationPlan.js';

/** A field this mutation set to a new value (not lost to a later clock, not what the server held). */
function changed(t: Touched, field: string): boolean {
  return t.dirty && t.written.has(field) && !t.lost.has(field) && (t.stored === null || JSON.stringify(t.stored.values[field]) !== JSON.stringify(t.values[field]));
}

async function activeTeam(tx: Queryable, team: string, touched: readonly Touched[]): Promise<boolean> {
  const same = touched.find((t) => t.entity === 'team' && t.id === team);
  if (same) return same.values.deactivatedAt === null;
  const record = await tx.query<{ deactivated: boolean }>("SELECT (\"values\"->>'deactivatedAt') IS NOT NULL AS deactivated FROM sync_rows WHERE entity = 'team' AND id = $1", [team]);
  if (record[0]) return !record[0].deactivated;
  // A team only named on users (created before team records, or by the server CLI) is still a team.
  return (await tx.query('SELECT 1 AS found FROM users WHERE team = $1 AND NOT disabled LIMIT 1', [team])).length > 0;
}

export async function checkTeamRows(tx: Queryable, touchedRows: Iterable<Touched>, nowMs: number): Promise<void> {
  const touched = [...touchedRows];
  for (const t of touched) {
    if (t.entity === 'team') {
      const leader = t.values.leader;
      if (changed(t, 'leader') && typeof leader === 'string') {
        const found = await tx.query<{ role: Role; disabled: boolean }>('SELECT role, disabled FROM users WHERE username = $1', [leader]);
        const p = leaderProblem(leader, found[0]);
        if (p) throw new Rejection(p.code, p.message);
      }
      if (changed(t, 'deactivatedAt') && t.values.deactivatedAt !== null) {
        const members = await tx.query<{ username: string }>('SELECT username FROM users WHERE team = $1 AND NOT disabled ORDER BY username', [t.id]);
        const p = deactivationProblem(t.id, members.map((m) => m.username));
        if (p) throw new Rejection(p.code, p.message);
      }
    }
    if (t.entity !== 'agent_profile' || !t.dirty) continue;
    const agentId = String(t.values.agentId);
    if (t.stored === null) {
      const found = await tx.query('SELECT 1 AS found FROM users WHERE username = $1', [agentId]);
      if (found.length === 0) throw new Rejection('AGENT_UNKNOWN', `agentId: "${agentId}" is not a user of this server; profiles are for its accounts`);
    }
    const seat = t.values.seat;
    if (changed(t, 'seat') && typeof seat === 'string') {
      const inMutation = touched.find((o) => o !== t && o.entity === 'agent_profile' && typeof o.values.seat === 'string' && seatKey(o.values.seat) === seatKey(seat));
      const holder =
        inMutation?.id ??
        (
          await tx.query<{ id: string }>(
            `SELECT r.id FROM sync_rows r JOIN users u ON u.username = r."values"->>'agentId'
              WHERE r.entity = 'agent_profile' AND upper(r."values"->>'seat') = $1 AND r.id <> $2 AND NOT u.disabled LIMIT 1`,
            [seatKey(seat), t.id],
          )
        )[0]?.id;
      if (holder) {
        const p = seatTakenProblem(seat, holder);
        throw new Rejection(p.code, p.message);
      }
    }
    const team = t.values.team;
    if (changed(t, 'team') && typeof team === 'string' && !(await activeTeam(tx, team, touched))) {
      throw new Rejection('TEAM_UNKNOWN', `team: there is no active team "${team}" on this server; pick the agent's team from the list`);
    }
    if (changed(t, 'skills')) {
      const had = new Set(parseSkills(t.stored?.values.skills));
      const wanted = parseSkills(t.values.skills).filter((s) => !had.has(s));
      const inMutation = new Set(touched.filter((o) => o.entity === 'skill' && o.values.retiredAt === null).map((o) => o.id));
      const listed = wanted.length === 0 ? [] : await tx.query<{ id: string }>("SELECT id FROM sync_rows WHERE entity = 'skill' AND id = ANY($1::text[]) AND (\"values\"->>'retiredAt') IS NULL", [wanted]);
      const known = new Set([...listed.map((x) => x.id), ...inMutation]);
      const p = skillsProblem(wanted.filter((s) => !known.has(s)));
      if (p) throw new Rejection(p.code, p.message);
    }
    const joinedOn = t.values.joinedOn;
    if (changed(t, 'joinedOn') && typeof joinedOn === 'string') {
      const p = joinDateProblem(joinedOn, centerToday(nowMs));
      if (p) throw new Rejection(p.code, p.message);
    }
  }
}

/**
 * An agent's team on the server is their user's team (it scopes what they
 * sync): a profile written with a new team moves the user there, in the
 * push's transaction, and ends their event streams so they reconnect with it.
 */
export async function followProfileTeams(tx: Queryable, dirty: readonly Touched[]): Promise<void> {
  for (const t of dirty) {
    if (t.entity !== 'agent_profile' || (t.stored !== null && t.stored.values.team === t.values.team)) continue;
    const team = typeof t.values.team === 'string' ? t.values.team : null;
    const moved = await tx.query<{ id: string }>('UPDATE users SET team = $2 WHERE username = $1 AND team IS DISTINCT FROM $2 RETURNING id', [t.values.agentId, team]);
    for (const u of moved) await tx.query('SELECT pg_notify($1, $2)', [USER_CHANNEL, JSON.stringify({ userId: u.id })]);
  }
}
