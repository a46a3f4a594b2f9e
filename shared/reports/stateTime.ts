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

/** A state line with its not-ready reason (the agent KPI sheet's not-ready time by reason). */
export interface ReasonLine extends StateLine {
  reason: string | null;
}

/**
 * Not-ready seconds by reason inside [from, to), for ONE agent's lines in
 * time order (`before`: the line the window opened in). A not-ready line
 * without a reason counts under `''`.
 */
export function notReadyByReason(lines: readonly ReasonLine[], from: number, to: number, before?: ReasonLine): Record<string, number> {
  const out: Record<string, number> = {};
  const all = before ? [before, ...lines] : [...lines];
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (!line || line.state !== 'not_ready') continue;
    const start = Math.max(from, line.at);
    const end = Math.min(to, all[i + 1]?.at ?? to);
    if (end > start) out[line.reason ?? ''] = (out[line.reason ?? ''] ?? 0) + (end - start) / 1000;
  }
  for (const k of Object.keys(out)) out[k] = Math.floor(out[k] as number);
  return out;
}
