import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/protocol.js';
import { customerValues, ENGINES, historyValues, ME, pushSuite, ticketValues, uniq } from './helpers.js';
import { BACKENDS, failure, ok, openClient, signIn, suiteServer, syncAll, team, ticketInput } from '../integration/sync/helpers.js';

/*
 * A ticket handed off to another team (issue 14: escalated from 一组 to the
 * 二线 queue) is shared with that team on the server: the team asked pulls
 * the ticket, its records and its customer, may answer and add to it, and
 * sees what the owning team adds later; a third team sees none of it. And a
 * closed ticket is read-only on the server as it is in the core.
 */

const TS = '2026-01-05T09:00:00.000Z';
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

describe.each(ENGINES)('hand-off to another team on $name', (engine) => {
  const { api, at, push, code } = pushSuite(engine, {
    agent: { username: 'shareA', role: 'agent', team: 'first' },
    second: { username: 'shareS', role: 'senior', team: 'second' },
    third: { username: 'shareT', role: 'supervisor', team: 'third' },
  });
  const [agent, second, third] = ['agent', 'second', 'third'] as const;
  async function pulled(who: 'agent' | 'second' | 'third'): Promise<Map<string, PullResponse['rows'][number]>> {
    const rows = (await api(who).get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
    return new Map(rows.map((r) => [`${r.entity}:${r.id}`, r]));
  }
  async function ticket(status = 'new'): Promise<{ customerId: string; ticketId: string }> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const extra = status === 'closed' ? { resolution: '已解决', resolvedAt: TS, closedAt: TS } : {};
    const r = await push(agent, 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues('李雷') },
      { entity: 'customer_phone', id: `${customerId}|13800138000|`, values: { customerId, raw: '13800138000', key: '13800138000', ext: '', addedAt: TS } },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'shareA', team: 'first', status, ...extra }) },
      { entity: 'ticket_history', id: uniq('h'), values: historyValues(ticketId, at('wsA')) },
    ], 'tickets:create');
    expect(JSON.stringify(r)).toContain('"applied"');
    return { customerId, ticketId };
  }
  const handoff = (ticketId: string, to: string) => ({
    ticketId, kind: 'escalate', coordinatorId: 'shareA', to, ask: '远程排查', dueBy: later(3_600_000), scope: '驱动', status: 'open', answer: null, answeredBy: null, answeredAt: null, createdAt: TS, updatedAt: TS,
  });

  it('shares the escalated ticket, its records and its customer with the team asked, and no one else', async () => {
    const { customerId, ticketId } = await ticket();
    const before = await pulled(second);
    expect(before.has(`ticket:${ticketId}`)).toBe(false);
    // A write on it is answered as for a row that does not exist.
    expect(code(await push(second, 'wsS', [{ entity: 'ticket', id: ticketId, values: { subject: '改', updatedAt: TS } }]))).toBe('NOT_FOUND');

    const handoffId = uniq('h');
    const moved = await push(agent, 'wsA', [
      { entity: 'ticket', id: ticketId, values: { status: 'escalated', updatedAt: TS } },
      { entity: 'handoff', id: handoffId, values: handoff(ticketId, 'second') },
    ], 'tickets:handoff');
    expect(moved?.status).toBe('applied');

    const rows = await pulled(second);
    expect(rows.get(`ticket:${ticketId}`)?.values.status).toBe('escalated');
    expect(rows.has(`handoff:${handoffId}`)).toBe(true);
    expect(rows.get(`customer:${customerId}`)?.values.name).toBe('李雷');
    expect([...rows.values()].filter((r) => r.entity === 'ticket_history' && r.values.ticketId === ticketId)).toHaveLength(1);
    expect([...rows.values()].filter((r) => r.entity === 'customer_phone' && r.values.customerId === customerId)).toHaveLength(1);
    // a cursor past everything the senior had seen brings the shared rows too (they were written again)
    const cursor = [...before.values()].reduce((m, r) => Math.max(m, r.seq), 0);
    const fresh = (await api(second).get<PullResponse>(`/sync/pull?cursor=${cursor}&limit=5000`)).body.rows.map((r) => `${r.entity}:${r.id}`);
    expect(fresh).toEqual(expect.arrayContaining([`ticket:${ticketId}`, `handoff:${handoffId}`, `customer:${customerId}`]));

    // The customer is read, not changed, by the team asked (the owning team keeps the record).
    expect(code(await push(second, 'wsS', [{ entity: 'customer', id: customerId, values: { name: '改名', updatedAt: TS } }]))).toBe('FORBIDDEN');
    expect(code(await push(second, 'wsS', [{ entity: 'customer_phone', id: `${customerId}|13900139000|`, values: { customerId, raw: '13900139000', key: '13900139000', ext: '', addedAt: TS } }], 'customers:addPhone'))).toBe('FORBIDDEN');
    expect((await pulled(agent)).get(`customer:${customerId}`)?.values.name).toBe('李雷');

    const elsewhere = await pulled(third);
    expect(elsewhere.has(`ticket:${ticketId}`)).toBe(false);
    expect(elsewhere.has(`handoff:${handoffId}`)).toBe(false);
    expect(elsewhere.has(`customer:${customerId}`)).toBe(false);
  });

  it('lets the team asked answer and add notes, and shows it what the owning team adds later', async () => {
    const { ticketId } = await ticket();
    const handoffId = uniq('h');
    expect((await push(agent, 'wsA', [
      { entity: 'ticket', id: ticketId, values: { status: 'escalated', updatedAt: TS } },
      { entity: 'handoff', id: handoffId, values: handoff(ticketId, 'second') },
    ], 'tickets:handoff'))?.status).toBe('applied');

    const answered = await push(second, 'wsS', [
      { entity: 'handoff', id: handoffId, values: { status: 'answered', answer: '已远程重装驱动', answeredBy: 'shareS', answeredAt: TS, updatedAt: TS } },
      { entity: 'ticket', id: ticketId, values: { status: 'in_progress', updatedAt: TS } },
    ], 'handoffs:answer');
    expect(answered?.status).toBe('applied');
    const noteId = uniq('n');
    expect((await push(second, 'wsS', [{ entity: 'ticket_note', id: noteId, values: { ticketId, authorId: ME, body: '驱动版本 3.2 有问题', at: TS, hlc: at('wsS') } }], 'notes:add'))?.status).toBe('applied');
    // The third team still cannot write on it.
    expect(code(await push(third, 'wsT', [{ entity: 'ticket_note', id: uniq('n'), values: { ticketId, authorId: ME, body: 'x', at: TS, hlc: at('wsT') } }], 'notes:add'))).toBe('NOT_FOUND');

    const onA = await pulled(agent);
    expect(onA.get(`handoff:${handoffId}`)?.values).toMatchObject({ status: 'answered', answeredBy: 'shareS' });
    expect(onA.get(`ticket_note:${noteId}`)?.values.body).toBe('驱动版本 3.2 有问题');

    // Written by the owning team after the share: the team asked sees it.
    const historyId = uniq('h');
    expect((await push(agent, 'wsA', [{ entity: 'ticket_history', id: historyId, values: { ...historyValues(ticketId, at('wsA')), action: 'contact', note: '已告知客户' } }], 'tickets:recordContact'))?.status).toBe('applied');
    expect((await pulled(second)).has(`ticket_history:${historyId}`)).toBe(true);
    expect((await pulled(third)).has(`ticket_history:${historyId}`)).toBe(false);
  });

  it('refuses any change to a closed ticket (fields, a hand-off) until a change reopens it', async () => {
    const { ticketId } = await ticket('closed');
    const edit = await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { subject: '关闭后改的', updatedAt: TS } }]);
    expect(edit).toMatchObject({ status: 'rejected', error: { code: 'TICKET_CLOSED' } });
    expect(code(await push(agent, 'wsA', [{ entity: 'handoff', id: uniq('h'), values: handoff(ticketId, 'second') }], 'tickets:handoff'))).toBe('TICKET_CLOSED');
    const reopened = await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { status: 'reopened', closedAt: null, updatedAt: TS } }], 'tickets:transition');
    expect(reopened?.status).toBe('applied');
    expect((await push(agent, 'wsA', [{ entity: 'ticket', id: ticketId, values: { subject: '重开后改的', updatedAt: TS } }]))?.status).toBe('applied');
    expect((await pulled(agent)).get(`ticket:${ticketId}`)?.values.subject).toBe('重开后改的');
  });
});

describe.each(BACKENDS)('escalation to another team between two workstations (%s)', (backend) => {
  const server = suiteServer(backend);

  it("the second-line senior of another team finds the ticket in the team's queue, answers it, and the first agent reads the answer", { timeout: 90_000 }, async () => {
    const first = team('first');
    const secondLine = team('second');
    const agentName = await server.user(first, 'agent');
    const seniorName = await server.user(secondLine, 'senior');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, agentName);
    await signIn(b, server, seniorName);

    const d = await ok(a, 'tickets:create', ticketInput());
    await ok(a, 'tickets:handoff', { ticketId: d.ticket.id, kind: 'escalate', to: secondLine, ask: '远程排查驱动', dueBy: later(3_600_000), scope: '仅驱动' });
    await syncAll([a, b]);

    const [queued] = await ok(b, 'handoffs:queue', {});
    expect(queued).toMatchObject({ handoff: { coordinatorId: agentName, status: 'open', to: secondLine }, ticket: { id: d.ticket.id, status: 'escalated' } });
    const onB = await ok(b, 'tickets:get', { id: d.ticket.id });
    expect(onB.ticket.subject).toBe(d.ticket.subject);
    await ok(b, 'handoffs:answer', { id: queued?.handoff.id ?? '', answer: '已远程重装驱动' });
    await ok(b, 'notes:add', { ticketId: d.ticket.id, body: '二线已看过日志' });
    await syncAll([a, b]);

    expect((await ok(b, 'sync:problems', {})).length).toBe(0);
    expect((await ok(a, 'sync:problems', {})).length).toBe(0);
    const onA = await ok(a, 'tickets:get', { id: d.ticket.id });
    expect(onA.ticket.status).toBe('in_progress');
    expect((await ok(a, 'tickets:handoffs', { ticketId: d.ticket.id }))[0]).toMatchObject({ status: 'answered', answeredBy: seniorName, answer: '已远程重装驱动' });
    expect((await ok(a, 'notes:list', { ticketId: d.ticket.id })).map((n) => n.authorId)).toEqual([seniorName]);

    // The ticket closed on A is read-only on B too, and B's core says so before the server would.
    await ok(a, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '重装驱动' });
    await ok(a, 'tickets:transition', { id: d.ticket.id, to: 'closed', note: '客户确认' });
    await syncAll([a, b]);
    expect((await failure(b, 'tickets:update', { id: d.ticket.id, changes: { subject: '关闭后' } })).code).toBe('TICKET_CLOSED');
  });
});
