import { describe, expect, it } from 'vitest';
import type { HandoffInput } from '../../../shared/desk/schema.js';
import { failure, footprint, ok, openTestCore, ticketInput, type TestCore } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

const SENIOR = { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-1', role: 'senior', team: '二线' } as const;
const SUPERVISOR = { username: 'chen.sup', displayName: '陈班长', password: 'super-pass-1', role: 'supervisor', team: 'hotline' } as const;

async function escalate(t: TestCore, to: string, subject: string, kind: HandoffInput['kind'] = 'escalate'): Promise<string> {
  const d = await ok(t.core, 'tickets:create', ticketInput({ subject }));
  const dueBy = new Date(Date.parse(d.ticket.createdAt) + 3 * 3_600_000).toISOString();
  await ok(t.core, 'tickets:handoff', { ticketId: d.ticket.id, kind, to, ask: '远程排查驱动', dueBy, scope: '仅驱动' });
  return d.ticket.id;
}

async function signIn(t: TestCore, who: { username: string; password: string }): Promise<void> {
  await ok(t.core, 'agent:signIn', { username: who.username, password: who.password });
}

describe('a hand-off goes to a real team, and each team reads its own queue', () => {
  it('refuses a destination that is no team, naming the field and changing nothing', async () => {
    const t = await deskCore({ signedInAs: 'agent' });
    const d = await ok(t.core, 'tickets:create', ticketInput());
    const before = await footprint(t.core);
    const dueBy = new Date(Date.parse(d.ticket.createdAt) + 3_600_000).toISOString();
    const typo = await failure(t.core, 'tickets:handoff', { ticketId: d.ticket.id, kind: 'escalate', to: '二线组', ask: '排查', dueBy, scope: '驱动' });
    expect(typo).toMatchObject({ code: 'TEAM_UNKNOWN', fields: [{ path: 'to', code: 'team_unknown' }] });
    expect(typo.message).toContain('hotline');
    expect(await footprint(t.core)).toEqual(before);
    const moved = await ok(t.core, 'tickets:handoff', { ticketId: d.ticket.id, kind: 'transfer', to: 'hotline', ask: '排查', dueBy, scope: '驱动' });
    expect(moved.ticket.status).toBe('transferred');
  });

  it("shows a senior the hand-offs to their team (and old free-text ones), a supervisor any team's or all", async () => {
    // Made before the PC had accounts: a free-text destination, as older versions wrote.
    const t = await openTestCore();
    const legacy = await escalate(t, '二线技术支持', '旧的交接');
    await ok(t.core, 'agent:setup', ADMIN);
    for (const a of [AGENT, SENIOR, SUPERVISOR]) await ok(t.core, 'accounts:create', a);
    const toSecond = await escalate(t, '二线', '交给二线');
    const toHotline = await escalate(t, 'hotline', '交给热线');
    const subjects = async (q: Record<string, unknown> = {}) => (await ok(t.core, 'handoffs:queue', q)).map((i) => i.ticket.id).sort();

    await signIn(t, SENIOR);
    expect(await subjects()).toEqual([legacy, toSecond].sort());
    // Below supervisor the team asked for is ignored: a senior reads their own team's queue.
    expect(await subjects({ team: 'hotline' })).toEqual([legacy, toSecond].sort());
    await signIn(t, AGENT);
    expect(await subjects()).toEqual([legacy, toHotline].sort());
    await signIn(t, SUPERVISOR);
    expect(await subjects()).toEqual([legacy, toSecond, toHotline].sort());
    expect(await subjects({ team: '二线' })).toEqual([legacy, toSecond].sort());
    // The free-text destination keeps showing as it was written.
    expect((await ok(t.core, 'tickets:handoffs', { ticketId: legacy }))[0]?.to).toBe('二线技术支持');
  });
});

describe('a closed ticket is read-only until it is reopened', () => {
  it('refuses edits and hand-offs of a closed ticket with TICKET_CLOSED; reopening makes it editable again', async () => {
    const t = await deskCore({ signedInAs: 'agent' });
    const d = await ok(t.core, 'tickets:create', ticketInput());
    await ok(t.core, 'tickets:transition', { id: d.ticket.id, to: 'resolved', resolution: '重装驱动' });
    await ok(t.core, 'tickets:transition', { id: d.ticket.id, to: 'confirmed' });
    await ok(t.core, 'tickets:transition', { id: d.ticket.id, to: 'closed' });
    const before = await footprint(t.core);
    const edit = await failure(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '改个标题' } });
    expect(edit).toMatchObject({ code: 'TICKET_CLOSED', fields: [{ path: 'id', code: 'ticket_closed' }] });
    expect(edit.message).toContain(d.ticket.no);
    const dueBy = new Date(Date.parse(d.ticket.createdAt) + 3_600_000).toISOString();
    expect((await failure(t.core, 'tickets:handoff', { ticketId: d.ticket.id, kind: 'escalate', to: 'hotline', ask: '排查', dueBy, scope: '驱动' })).code).toBe('TICKET_CLOSED');
    expect(await footprint(t.core)).toEqual(before);
    await ok(t.core, 'tickets:transition', { id: d.ticket.id, to: 'reopened', note: '客户说还是打不了' });
    expect((await ok(t.core, 'tickets:update', { id: d.ticket.id, changes: { subject: '改个标题' } })).ticket.subject).toBe('改个标题');
  });
});
