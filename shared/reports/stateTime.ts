import type { AgentStateName } from '../desk/schema.js';

/** One line of an agent's state log as the figures read it (UTC ms). */
export interface StateLine {
  state: AgentStateName;
  at: number;
}

/**
 * Seconds each state lasted inside [from, to), for ONE agent's log lines in
 * time order. A line holds until the next line; the last one until `to`
 * (now, for today). `before` is the agent's last line before `from`, if
 * any: the state the window opened in (an agent ready since 07:50 is ready
 * from midnight's point of view from 00:00 only if the line says so).
 */
export function secondsByState(lines: readonly StateLine[], from: number, to: number, before?: StateLine): Record<AgentStateName, number> {
  const out: Record<AgentStateName, number> = { offline: 0, ready: 0, on_call: 0, after_call: 0, not_ready: 0 };
  const all = before ? [before, ...lines] : [...lines];
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (!line) continue;
    const start = Math.max(from, line.at);
    const end = Math.min(to, all[i + 1]?.at ?? to);
    if (end > start) out[line.state] += (end - start) / 1000;
  }
  for (const k of Object.keys(out) as AgentStateName[]) out[k] = Math.floor(out[k]);
  return out;
}
