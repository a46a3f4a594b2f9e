import type { Migration } from '../store/types.js';

/**
 * An agent's current state is their newest state line by HLC (lastStateEntry:
 * ORDER BY hlc DESC, at DESC, id DESC). With only (agent_id, at) indexed that
 * sorted every line the agent ever logged: with 1M lines (a year of a 50-seat
 * center) the wallboard spent 200 ms per agent on it. This index answers it
 * with one step from the end.
 */
export const stateLogOrderMigration: Migration = {
  id: '0015_state_log_order',
  sql: `
CREATE INDEX agent_state_log_agent_hlc ON agent_state_log (agent_id, hlc, at, id);
`,
};
