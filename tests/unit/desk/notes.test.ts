import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, recordEvents, ticketInput } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

describe('internal notes on a ticket', () => {
  it('adds a note in one write (row + outbox), lists it with the author display name, oldest first', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const d = await ok(core, 'tickets:create', ticketInput());
    const events = recordEvents(core);
    const before = await ok(core, 'store:status', {});
    const first = await ok(core, 'notes:add', { ticketId: d.ticket.id, body: '客户说下午三点后方便接电话' });
    expect(first).toMatchObject({ ticketId: d.ticket.id, authorId: AGENT.username, authorName: AGENT.displayName, body: '客户说下午三点后方便接电话' });
    const after = await ok(core, 'store:status', {});
    expect(after.journal.entries).toBe(before.journal.entries + 1);
    expect(events).toContainEqual({ event: 'tickets:changed', payload: { ids: [d.ticket.id], origin: 'local' } });
    await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    await ok(core, 'notes:add', { ticketId: d.ticket.id, body: '已联系厂家，等回复' });
    const notes = await ok(core, 'notes:list', { ticketId: d.ticket.id });
    expect(notes.map((n) => [n.authorName, n.body])).toEqual([
      [AGENT.displayName, '客户说下午三点后方便接电话'],
      [ADMIN.displayName, '已联系厂家，等回复'],
    ]);
    // A note is not a history entry: the ticket's record of what happened is unchanged.
    expect((await ok(core, 'tickets:get', { id: d.ticket.id })).history.map((h) => h.action)).toEqual(['created']);
  });

  it('refuses an empty note, an unknown ticket and a closed ticket, writing nothing', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const d = await ok(core, 'tickets:create', ticketInput());
    await ok(core, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '重装驱动' });
    await ok(core, 'tickets:transition', { id: d.ticket.id, to: 'closed', note: '客户联系不上' });
    const before = await footprint(core);
    expect((await failure(core, 'notes:add', { ticketId: d.ticket.id, body: '  ' })).fields?.[0]?.path).toBe('body');
    expect((await failure(core, 'notes:add', { ticketId: 'nope', body: '备注' })).code).toBe('NOT_FOUND');
    const closed = await failure(core, 'notes:add', { ticketId: d.ticket.id, body: '关闭后补充' });
    expect(closed.code).toBe('TICKET_CLOSED');
    expect(await footprint(core)).toEqual(before);
    await ok(core, 'tickets:transition', { id: d.ticket.id, to: 'reopened', note: '客户回电仍有问题' });
    expect((await ok(core, 'notes:add', { ticketId: d.ticket.id, body: '重新打开后补充' })).body).toBe('重新打开后补充');
  });
});
