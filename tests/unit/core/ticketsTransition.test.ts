import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/api.js';
import { failure, footprint, ok, openTestCore, ticketInput } from './helpers.js';

async function newTicket(core: Core) {
  return (await ok(core, 'tickets:create', ticketInput())).ticket;
}

describe('tickets:transition', () => {
  it('rejects closing a ticket that is in progress, naming the ticket and the allowed moves', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    await ok(core, 'tickets:transition', { id: t.id, to: 'in_progress' });
    const before = await footprint(core);
    const err = await failure(core, 'tickets:transition', { id: t.id, to: 'closed' });
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    expect(err.message).toBe(`Cannot move ticket ${t.no} from in_progress to closed; allowed: escalated, transferred, dispatched, waiting_customer, resolved`);
    expect(await footprint(core)).toEqual(before);
  });

  it('sends escalations, transfers and dispatches to tickets:handoff, changing nothing', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    const before = await footprint(core);
    for (const to of ['escalated', 'transferred', 'dispatched'] as const) {
      const err = await failure(core, 'tickets:transition', { id: t.id, to, note: '请二线今天 17:00 前远程排查驱动' });
      expect(err.code).toBe('HANDOFF_REQUIRED');
      expect(err.message).toContain('tickets:handoff');
    }
    expect(await footprint(core)).toEqual(before);
  });

  it('refuses to resolve without a resolution', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    expect((await failure(core, 'tickets:transition', { id: t.id, to: 'resolved' })).code).toBe('RESOLUTION_REQUIRED');
  });

  it('resolves with a resolution given in the same step and sets resolvedAt', async () => {
    const { core, time } = await openTestCore();
    const t = await newTicket(core);
    time.advance(5 * 60_000);
    const d = await ok(core, 'tickets:transition', { id: t.id, to: 'resolved', resolution: '重新安装打印机驱动' });
    expect(d.ticket).toMatchObject({ status: 'resolved', resolution: '重新安装打印机驱动', resolvedAt: new Date(time.now()).toISOString() });
    expect(d.history.at(-1)?.changes).toMatchObject({ resolution: { from: null, to: '重新安装打印机驱动' } });
  });

  it('resolves with a resolution recorded earlier', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    await ok(core, 'tickets:update', { id: t.id, changes: { resolution: '更换硒鼓' } });
    const d = await ok(core, 'tickets:transition', { id: t.id, to: 'resolved' });
    expect(d.ticket.resolution).toBe('更换硒鼓');
  });

  it('refuses a resolution with any other target status', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    expect((await failure(core, 'tickets:transition', { id: t.id, to: 'in_progress', resolution: 'x' })).code).toBe('VALIDATION_FAILED');
  });

  it('closes a confirmed ticket and clears resolved and closed times on reopen', async () => {
    const { core, time } = await openTestCore();
    const t = await newTicket(core);
    await ok(core, 'tickets:transition', { id: t.id, to: 'resolved', resolution: '重启路由器' });
    await ok(core, 'tickets:transition', { id: t.id, to: 'confirmed' });
    time.advance(1000);
    const closed = await ok(core, 'tickets:transition', { id: t.id, to: 'closed' });
    expect(closed.ticket.closedAt).toBe(new Date(time.now()).toISOString());
    expect((await failure(core, 'tickets:transition', { id: t.id, to: 'reopened' })).code).toBe('NOTE_REQUIRED');
    const reopened = await ok(core, 'tickets:transition', { id: t.id, to: 'reopened', note: '客户反馈仍然断网' });
    expect(reopened.ticket).toMatchObject({ status: 'reopened', resolvedAt: null, closedAt: null, resolution: '重启路由器' });
  });

  it('requires a note to close a resolved ticket the customer never confirmed', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    await ok(core, 'tickets:transition', { id: t.id, to: 'resolved', resolution: '远程修复' });
    expect((await failure(core, 'tickets:transition', { id: t.id, to: 'closed' })).code).toBe('NOTE_REQUIRED');
    expect((await ok(core, 'tickets:transition', { id: t.id, to: 'closed', note: '三次回访未接通' })).ticket.status).toBe('closed');
  });

  it('keeps the full history oldest first', async () => {
    const { core } = await openTestCore();
    const t = await newTicket(core);
    await ok(core, 'tickets:transition', { id: t.id, to: 'in_progress' });
    await ok(core, 'tickets:update', { id: t.id, changes: { stepsTaken: '已重启' } });
    await ok(core, 'tickets:transition', { id: t.id, to: 'waiting_customer' });
    const d = await ok(core, 'tickets:get', { id: t.id });
    expect(d.history.map((h) => h.action)).toEqual(['created', 'transition', 'updated', 'transition']);
    expect(d.history.map((h) => h.changes.status?.to).filter(Boolean)).toEqual(['new', 'in_progress', 'waiting_customer']);
  });

  it('answers NOT_FOUND for an unknown ticket', async () => {
    const { core } = await openTestCore();
    expect((await failure(core, 'tickets:transition', { id: 'missing', to: 'in_progress' })).code).toBe('NOT_FOUND');
    expect((await failure(core, 'tickets:get', { id: 'missing' })).code).toBe('NOT_FOUND');
  });
});
