import { AgentStateEntrySchema, type AgentStateEntry } from '../../../shared/desk/schema.js';
import { effectiveAgentState, type AgentStatus } from '../../../shared/desk/agentState.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { SqlReader, SqlWriter, SqlValue } from '../store/types.js';
import type { DomainContext, Stamp } from '../domain/context.js';

/**
 * The append-only agent state log (attendance and the wallboard read it).
 * "Latest" is by HLC: causal on this PC even when the wall clock was set
 * back, and close to wall time across PCs.
 */

const COLUMNS = 'id, agent_id AS agentId, state, reason, at, call_id AS callId';

export function lastStateEntry(r: SqlReader, agentId: string): AgentStateEntry | undefined {
  const row = r.get(`SELECT ${COLUMNS} FROM agent_state_log WHERE agent_id = ? ORDER BY hlc DESC, at DESC, id DESC LIMIT 1`, [agentId]);
  return row ? AgentStateEntrySchema.parse(row) : undefined;
}

/** Appends one entry in the caller's transaction; returns its sync change (the caller puts it in its outbox entry). */
export function appendStateInTx(ctx: DomainContext, w: SqlWriter, s: Stamp, agentId: string, status: AgentStatus, callId: string | null, at: string = s.at): RowChange {
  const id = ctx.newId();
  const reason = status.state === 'not_ready' ? status.reason : null;
  w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, agentId, status.state, reason, at, callId, s.hlc]);
  return { entity: 'agent_state', id, values: { agentId, state: status.state, reason, at, callId, hlc: s.hlc } };
}

export interface StateLogQuery {
  agentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** Newest first; `from`/`to` bound `at` (inclusive, exclusive). */
export function listStateLog(r: SqlReader, q: StateLogQuery): AgentStateEntry[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.agentId) {
    where.push('agent_id = ?');
    params.push(q.agentId);
  }
  if (q.from) {
    where.push('at >= ?');
    params.push(new Date(q.from).toISOString());
  }
  if (q.to) {
    where.push('at < ?');
    params.push(new Date(q.to).toISOString());
  }
  const sql = `SELECT ${COLUMNS} FROM agent_state_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, hlc DESC, id DESC LIMIT ?`;
  return r.all(sql, [...params, q.limit]).map((row) => AgentStateEntrySchema.parse(row));
}

export interface AgentCurrentState {
  agentId: string;
  state: AgentStatus['state'];
  reason: string | null;
  since: string;
}

/**
 * The current state of every agent in this PC's log (or one), most recent
 * change first. After-call work past its limit reads as ready since the
 * deadline, as the desk logs it.
 */
export function currentAgentStates(r: SqlReader, now: number, afterCallWorkSeconds: number, agentId?: string): AgentCurrentState[] {
  const agents = agentId ? [agentId] : r.all<{ agentId: string }>('SELECT DISTINCT agent_id AS agentId FROM agent_state_log').map((a) => a.agentId);
  const out: AgentCurrentState[] = [];
  for (const id of agents) {
    const last = lastStateEntry(r, id);
    if (!last) continue;
    out.push({ agentId: id, ...effectiveAgentState(last, now, afterCallWorkSeconds) });
  }
  return out.sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : a.agentId.localeCompare(b.agentId)));
}
