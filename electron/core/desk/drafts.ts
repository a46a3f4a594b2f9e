import { TicketDraftFieldsSchema, type TicketDraft } from '../../../shared/desk/schema.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

type TicketDraftFields = TicketDraft['fields'];

/** Drops an autosaved ticket form inside the transaction that saved the ticket: the draft never outlives its ticket. */
export function discardDraftInTx(w: SqlWriter, agentId: string, key: string): void {
  w.run('DELETE FROM ticket_drafts WHERE agent_id = ? AND key = ?', [agentId, key]);
}

/** Drafts are the agent's own and never sync: keyed by (agent, form key). */
export function saveDraftInTx(w: SqlWriter, agentId: string, key: string, fields: TicketDraftFields, at: string): TicketDraft {
  w.run(
    `INSERT INTO ticket_drafts (key, agent_id, fields, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent_id, key) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at`,
    [key, agentId, JSON.stringify(fields), at],
  );
  return { key, fields, updatedAt: at };
}

function toDraft(row: { key: string; fields: string; updatedAt: string }): TicketDraft {
  let stored: unknown = {};
  try {
    stored = JSON.parse(row.fields);
  } catch {
    // A damaged draft loses its text, never the console.
  }
  // Written by another version (a field since removed): keep what still parses rather than nothing.
  const parsed = TicketDraftFieldsSchema.safeParse(stored);
  if (parsed.success) return { key: row.key, fields: parsed.data, updatedAt: row.updatedAt };
  const fields: Record<string, unknown> = {};
  if (stored && typeof stored === 'object') {
    for (const [k, v] of Object.entries(stored)) if (TicketDraftFieldsSchema.safeParse({ [k]: v }).success) fields[k] = v;
  }
  return { key: row.key, fields: TicketDraftFieldsSchema.parse(fields), updatedAt: row.updatedAt };
}

export function getDraft(r: SqlReader, agentId: string, key: string): TicketDraft | null {
  const row = r.get<{ key: string; fields: string; updatedAt: string }>('SELECT key, fields, updated_at AS updatedAt FROM ticket_drafts WHERE agent_id = ? AND key = ?', [agentId, key]);
  return row ? toDraft(row) : null;
}

/** Newest first: the console offers to resume the latest form. */
export function listDrafts(r: SqlReader, agentId: string): TicketDraft[] {
  return r.all<{ key: string; fields: string; updatedAt: string }>('SELECT key, fields, updated_at AS updatedAt FROM ticket_drafts WHERE agent_id = ? ORDER BY updated_at DESC, key', [agentId]).map(toDraft);
}
