import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, ticketInput } from '../core/helpers.js';
import { ADMIN, AGENT, deskCore } from './helpers.js';

describe('assignees and teams are real accounts and teams', () => {
  it('lists the enabled accounts with display names, and their teams', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const dir = await ok(core, 'directory:list', {});
    expect(dir.people.map((p) => [p.username, p.displayName, p.team])).toEqual(
      expect.arrayContaining([
        [ADMIN.username, ADMIN.displayName, 'hotline'],
        [AGENT.username, AGENT.displayName, 'hotline'],
      ]),
    );
    expect(dir.teams).toEqual(['hotline']);
  });

  it('refuses a misspelt assignee or an unknown team on create and update, naming the field and changing nothing', async () => {
    const { core } = await deskCore({ signedInAs: 'agent' });
    const before = await footprint(core);
    const typo = await failure(core, 'tickets:create', ticketInput({ assigneeId: 'li.agnet' }));
    expect(typo).toMatchObject({ code: 'ASSIGNEE_UNKNOWN', fields: [{ path: 'assigneeId', code: 'assignee_unknown' }] });
    expect(await failure(core, 'tickets:create', ticketInput({ team: '二线组' }))).toMatchObject({ code: 'TEAM_UNKNOWN', fields: [{ path: 'team' }] });
    expect(await footprint(core)).toEqual(before);

    const created = await ok(core, 'tickets:create', ticketInput({ assigneeId: AGENT.username, team: 'hotline' }));
    expect(created.ticket).toMatchObject({ assigneeId: AGENT.username, team: 'hotline' });
    const update = await failure(core, 'tickets:update', { id: created.ticket.id, changes: { assigneeId: 'nobody' } });
    expect(update).toMatchObject({ code: 'ASSIGNEE_UNKNOWN', fields: [{ path: 'changes.assigneeId' }] });
    // Changing something else keeps an assignee the directory knows; clearing is always allowed.
    await ok(core, 'tickets:update', { id: created.ticket.id, changes: { subject: '打印机脱机' } });
    expect((await ok(core, 'tickets:update', { id: created.ticket.id, changes: { assigneeId: null } })).ticket.assigneeId).toBeNull();
  });

  it('a disabled account is no longer an assignee', async () => {
    const { core } = await deskCore();
    await ok(core, 'accounts:setDisabled', { username: AGENT.username, disabled: true });
    expect((await ok(core, 'directory:list', {})).people.map((p) => p.username)).toEqual([ADMIN.username]);
    expect((await failure(core, 'tickets:create', ticketInput({ assigneeId: AGENT.username }))).code).toBe('ASSIGNEE_UNKNOWN');
  });
});
