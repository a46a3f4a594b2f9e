import { describe, expect, it } from 'vitest';
import type { HeldTicket, TicketFamilyResponse } from '../../shared/archive/schema.js';
import { customerValues, ENGINES, historyValues, pushSuite, ticketValues, uniq } from './helpers.js';

/*
 * Archiving's server routes (issue 18 point 3): GET /sync/ticket/:id answers
 * one ticket's family (records, call links and their calls, customer and
 * numbers) to whoever may pull it, and POST /sync/tickets/held says which
 * tickets the server holds closed, with how many records. Another team's
 * ticket is NOT_FOUND, as one that does not exist; bad input is BAD_REQUEST.
 */

const TS = '2025-01-05T09:00:00.000Z';

describe.each(ENGINES)('archive routes on $name', (engine) => {
  const { api, at, push } = pushSuite(engine, {
    agent: { username: 'arcA', role: 'agent', team: 'first' },
    mate: { username: 'arcM', role: 'agent', team: 'first' },
    other: { username: 'arcO', role: 'supervisor', team: 'third' },
    admin: { username: 'arcAdmin', role: 'admin', team: null },
    second: { username: 'arcS', role: 'senior', team: 'second' },
  });

  async function closedTicket(): Promise<{ customerId: string; ticketId: string; callId: string }> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const callId = uniq('call');
    const created = await push('agent', 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues('韩梅梅') },
      { entity: 'customer_phone', id: `${customerId}|13800138000|`, values: { customerId, raw: '13800138000', key: '13800138000', ext: '', addedAt: TS } },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'arcA', team: 'first', status: 'closed', resolution: '已解决', resolvedAt: TS, closedAt: TS }) },
      { entity: 'ticket_history', id: uniq('h'), values: historyValues(ticketId, at('wsA')) },
    ], 'tickets:create');
    expect(created?.status).toBe('applied');
    const call = {
      externalId: null, source: 'manual', direction: 'inbound', number: '13800138000', numberKey: '13800138000', lineNumber: null, customerId, agentId: 'arcA', status: 'ended',
      ringAt: TS, answerAt: TS, holdStartedAt: null, holdSeconds: 0, endAt: TS, wrapEndAt: TS, disposition: null, note: null, createdAt: TS, updatedAt: TS,
    };
    const linked = await push('agent', 'wsA', [
      { entity: 'call', id: callId, values: call },
      { entity: 'call_ticket', id: `${callId}|${ticketId}`, values: { callId, ticketId, actorId: 'arcA', at: TS } },
    ], 'calls:link');
    expect(linked?.status).toBe('applied');
    return { customerId, ticketId, callId };
  }

  it('answers the whole family of a ticket to its team and to admins', async () => {
    const { customerId, ticketId, callId } = await closedTicket();
    for (const who of ['agent', 'mate', 'admin'] as const) {
      const r = await api(who).get<TicketFamilyResponse>(`/sync/ticket/${encodeURIComponent(ticketId)}`);
      expect(r.status).toBe(200);
      const keys = r.body.rows.map((row) => `${row.entity}:${row.id}`);
      expect(keys).toEqual(expect.arrayContaining([`ticket:${ticketId}`, `customer:${customerId}`, `customer_phone:${customerId}|13800138000|`, `call:${callId}`, `call_ticket:${callId}|${ticketId}`]));
      expect(r.body.rows.filter((row) => row.entity === 'ticket_history')).toHaveLength(1);
      expect(r.body.rows.every((row) => row.seq > 0)).toBe(true);
    }
  });

  it('answers NOT_FOUND for another team, an unknown id, and 401 without a session', async () => {
    const { ticketId } = await closedTicket();
    const other = await api('other').get<{ error: { code: string } }>(`/sync/ticket/${ticketId}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    const unknown = await api('agent').get<{ error: { code: string } }>(`/sync/ticket/${uniq('none')}`);
    expect(unknown.status).toBe(404);
    const anonymous = await fetch(`${api('agent').base}/sync/ticket/${ticketId}`);
    expect(anonymous.status).toBe(401);
    // and held says nothing about it to the other team
    const held = await api('other').post<{ tickets: HeldTicket[] }>('/sync/tickets/held', { ids: [ticketId] });
    expect(held.status).toBe(200);
    expect(held.body.tickets).toEqual([]);
  });

  it('lets a team the ticket was handed to fetch it', async () => {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    await push('agent', 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues('李雷') },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'arcA', team: 'first' }) },
    ], 'tickets:create');
    expect((await api('second').get(`/sync/ticket/${ticketId}`)).status).toBe(404);
    const dueBy = new Date(Date.now() + 3_600_000).toISOString();
    const moved = await push('agent', 'wsA', [
      { entity: 'ticket', id: ticketId, values: { status: 'escalated', updatedAt: TS } },
      { entity: 'handoff', id: uniq('ho'), values: { ticketId, kind: 'escalate', coordinatorId: 'arcA', to: 'second', ask: '远程排查', dueBy, scope: '驱动', status: 'open', answer: null, answeredBy: null, answeredAt: null, createdAt: TS, updatedAt: TS } },
    ], 'tickets:handoff');
    expect(moved?.status).toBe('applied');
    const r = await api('second').get<TicketFamilyResponse>(`/sync/ticket/${ticketId}`);
    expect(r.status).toBe(200);
    expect(r.body.rows.some((row) => row.entity === 'handoff')).toBe(true);
  });

  it('says which tickets it holds closed, with their record counts', async () => {
    const { ticketId } = await closedTicket();
    const open = uniq('t');
    const customerId = uniq('c');
    await push('agent', 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues('王五') },
      { entity: 'ticket', id: open, values: ticketValues(customerId, { createdBy: 'arcA', team: 'first' }) },
    ], 'tickets:create');
    const r = await api('mate').post<{ tickets: HeldTicket[] }>('/sync/tickets/held', { ids: [ticketId, open, uniq('missing')] });
    expect(r.status).toBe(200);
    const byId = new Map(r.body.tickets.map((t) => [t.id, t]));
    expect(byId.get(ticketId)).toEqual({ id: ticketId, status: 'closed', closedAt: TS, records: 2 });
    expect(byId.get(open)?.status).toBe('new');
    expect(byId.size).toBe(2);
  });

  it('refuses malformed requests with BAD_REQUEST naming the field', async () => {
    const empty = await api('agent').post<{ error: { code: string; fields: { path: string }[] } }>('/sync/tickets/held', { ids: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('BAD_REQUEST');
    expect(empty.body.error.fields[0]?.path).toBe('ids');
    const extra = await api('agent').post<{ error: { code: string } }>('/sync/tickets/held', { ids: ['a'], more: 1 });
    expect(extra.status).toBe(400);
    const long = await api('agent').get<{ error: { code: string } }>(`/sync/ticket/${'x'.repeat(65)}`);
    expect(long.status).toBe(400);
  });
});
