import type { SqlWriter } from '../store/types.js';

/** Drops an autosaved ticket form inside the transaction that saved the ticket: the draft never outlives its ticket. */
export function discardDraftInTx(w: SqlWriter, agentId: string, key: string): void {
  w.run('DELETE FROM ticket_drafts WHERE agent_id = ? AND key = ?', [agentId, key]);
}
