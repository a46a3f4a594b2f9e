import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, openTestCore, readRaw, T0, ticketInput } from '../core/helpers.js';
import type { LocalCore } from '../../../electron/core/index.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';

const at = (ms: number) => new Date(ms).toISOString();

/** Through the real core (openCore): nobody is signed in at the desk, so the host's actor (agent-7) acts. */
async function seedCallAndDraft(core: LocalCore, dir: string): Promise<LocalCore> {
  // desk.ts writes calls and drafts; here the rows are put in place as it would.
  await core.close();
  const { Store } = await import('../../../electron/core/store/index.js');
  const { migrations } = await import('../../../electron/core/migrations/index.js');
  const { KB_SQL_FUNCTIONS } = await import('../../../electron/core/kb/search.js');
  const store = await Store.open({ dataDir: dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
  store.write((w) => {
    w.run(
      `INSERT INTO calls (id, source, direction, number, agent_id, status, ring_at, answer_at, hold_seconds, created_at, updated_at)
       VALUES ('call-1', 'manual', 'inbound', '13800138000', 'agent-7', 'talking', ?, ?, 0, ?, ?)`,
      [at(T0), at(T0), at(T0), at(T0)],
    );
    w.run("INSERT INTO ticket_drafts (key, agent_id, fields, updated_at) VALUES ('call:call-1', 'agent-7', '{}', ?)", [at(T0)]);
  });
  store.close();
  return (await import('../../../electron/core/index.js')).openCore({ dataDir: dir, actorId: 'agent-7', idleCheckpointMs: 0, now: () => T0 });
}

describe('tickets:create with a call and a draft', () => {
  it('links the call and drops the draft in the same transaction as the ticket', async () => {
    const { core: first, dir } = await openTestCore();
    const core = await seedCallAndDraft(first, dir);
    try {
      const d = await ok(core, 'tickets:create', ticketInput({ callId: 'call-1', draftKey: 'call:call-1' }));
      expect(d.history.map((h) => h.action)).toEqual(['created', 'call_linked']);
      // the clocks come with the detail: a phone ticket answered its first response by being registered
      expect(d.sla?.firstResponse.state).toBe('met');
      const raw = await readRaw(core, dir, (r) => ({
        links: r.all('SELECT call_id AS callId, ticket_id AS ticketId FROM call_tickets'),
        drafts: r.get<{ n: number }>('SELECT COUNT(*) AS n FROM ticket_drafts')?.n,
        last: withQueuedArgs<{ id: number; name: string }>(r, 'SELECT id, name FROM outbox ORDER BY id DESC LIMIT 1')[0],
      }));
      expect(raw.links).toEqual([{ callId: 'call-1', ticketId: d.ticket.id }]);
      expect(raw.drafts).toBe(0);
      expect(raw.last?.name).toBe('tickets:create');
      expect((JSON.parse(raw.last?.args ?? '{}') as { changes: { entity: string }[] }).changes.map((c) => c.entity)).toEqual(['ticket', 'ticket_history', 'call_ticket', 'ticket_history']);
    } finally {
      await core.close();
    }
  });

  it('refuses an unknown call and saves nothing (the draft stays)', async () => {
    const { core: first, dir } = await openTestCore();
    const core = await seedCallAndDraft(first, dir);
    try {
      const before = await footprint(core);
      const err = await failure(core, 'tickets:create', ticketInput({ callId: 'no-such-call', draftKey: 'call:call-1' }));
      expect(err.code).toBe('CALL_NOT_FOUND');
      expect(await footprint(core)).toEqual(before);
    } finally {
      await core.close();
    }
  });
});
