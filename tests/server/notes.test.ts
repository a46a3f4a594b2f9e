import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, PullResponse } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, ME, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';
import { BACKENDS, failure, ok, openClient, signIn, suiteServer, syncAll, team, ticketInput } from '../integration/sync/helpers.js';

/*
 * Internal notes (the append-only `ticket_note` entity): the team that sees
 * the ticket sees its notes, nobody else; a note is written under its
 * author's own name; a closed ticket takes none; and a note written on one
 * workstation reaches the other.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = '2026-01-05T09:00:00.000Z';

describe.each(ENGINES)('ticket notes on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let agent2: Api;
  let south: Api;
  let admin: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'noteN', role: 'agent', team: 'north' });
    agent2 = await userApi(ctx.server, { username: 'noteN2', role: 'senior', team: 'north' });
    south = await userApi(ctx.server, { username: 'noteS', role: 'supervisor', team: 'south' });
    admin = await userApi(ctx.server, { username: 'noteAdmin', role: 'admin', team: null });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0], name = 'notes:add'): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), name)])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;
  const note = (ticketId: string, client: string, over: Record<string, unknown> = {}) => ({ ticketId, authorId: ME, body: '客户下午三点后方便', at: TS, hlc: at(client), ...over });

  async function ticket(status = 'new'): Promise<string> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await push(agent, 'wsA', [
      { entity: 'customer', id: customerId, values: customerValues() },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'noteN', status, ...(status === 'closed' ? { resolution: '已解决', resolvedAt: TS, closedAt: TS } : {}) }) },
    ], 'tickets:create');
    expect(r?.status).toBe('applied');
    return ticketId;
  }
  async function pulledNotes(api: Api): Promise<string[]> {
    const rows = (await api.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
    return rows.filter((r) => r.entity === 'ticket_note').map((r) => r.id);
  }

  it("keeps a note in the ticket's team: teammates and admins pull it, another team's supervisor does not", async () => {
    const ticketId = await ticket();
    const id = uniq('n');
    expect((await push(agent, 'wsA', [{ entity: 'ticket_note', id, values: note(ticketId, 'wsA') }]))?.status).toBe('applied');
    const id2 = uniq('n');
    expect((await push(agent2, 'wsB', [{ entity: 'ticket_note', id: id2, values: note(ticketId, 'wsB', { body: '已联系厂家' }) }]))?.status).toBe('applied');
    expect(await pulledNotes(agent2)).toEqual(expect.arrayContaining([id, id2]));
    expect(await pulledNotes(admin)).toEqual(expect.arrayContaining([id, id2]));
    expect(await pulledNotes(south)).not.toContain(id);
    // Another team cannot write on a ticket it cannot see.
    expect(code(await push(south, 'wsS', [{ entity: 'ticket_note', id: uniq('n'), values: note(ticketId, 'wsS') }]))).not.toBeUndefined();
  });

  it("refuses a note under someone else's name, an empty one and one on a closed ticket; a note is never rewritten", async () => {
    const ticketId = await ticket();
    expect(code(await push(agent, 'wsA', [{ entity: 'ticket_note', id: uniq('n'), values: note(ticketId, 'wsA', { authorId: 'noteN2' }) }]))).toBe('ACTOR_MISMATCH');
    expect(code(await push(agent, 'wsA', [{ entity: 'ticket_note', id: uniq('n'), values: note(ticketId, 'wsA', { body: '' }) }]))).toBe('VALIDATION_FAILED');
    const closed = await ticket('closed');
    const refused = await push(agent, 'wsA', [{ entity: 'ticket_note', id: uniq('n'), values: note(closed, 'wsA') }]);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'TICKET_CLOSED' } });
    const id = uniq('n');
    expect((await push(agent, 'wsA', [{ entity: 'ticket_note', id, values: note(ticketId, 'wsA') }]))?.status).toBe('applied');
    // An append record is kept as first written: a second write of the same id changes nothing.
    await push(agent, 'wsA', [{ entity: 'ticket_note', id, values: note(ticketId, 'wsA', { body: '改过的' }) }]);
    const rows = (await agent2.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows;
    expect(rows.find((r) => r.id === id)?.values.body).toBe('客户下午三点后方便');
  });
});

describe.each(BACKENDS)('ticket notes between two workstations (%s)', (backend) => {
  const server = suiteServer(backend);

  it('a note written on one PC is read on the other with its author; the closed ticket refuses more', { timeout: 90_000 }, async () => {
    const t = team();
    const agentName = await server.user(t, 'agent');
    const seniorName = await server.user(t, 'senior');
    const [a, b] = [await openClient(), await openClient()];
    await signIn(a, server, agentName);
    await signIn(b, server, seniorName);
    const d = await ok(a, 'tickets:create', ticketInput());
    await ok(a, 'notes:add', { ticketId: d.ticket.id, body: '客户要求只在工作日联系' });
    await syncAll([a, b]);
    await ok(b, 'notes:add', { ticketId: d.ticket.id, body: '二线已看过日志' });
    await syncAll([a, b]);
    for (const core of [a, b]) {
      const notes = await ok(core, 'notes:list', { ticketId: d.ticket.id });
      expect(notes.map((n) => [n.authorId, n.body])).toEqual([
        [agentName, '客户要求只在工作日联系'],
        [seniorName, '二线已看过日志'],
      ]);
    }
    expect((await ok(b, 'sync:problems', {})).length).toBe(0);
    await ok(a, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '重装驱动' });
    await ok(a, 'tickets:transition', { id: d.ticket.id, to: 'closed', note: '客户确认' });
    await syncAll([a, b]);
    expect((await failure(b, 'notes:add', { ticketId: d.ticket.id, body: '关闭后' })).code).toBe('TICKET_CLOSED');
  });
});
