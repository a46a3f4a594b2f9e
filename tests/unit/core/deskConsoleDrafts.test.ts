import { describe, expect, it } from 'vitest';
import { TicketInputSchema } from '../../../shared/tickets/schema.js';
import { draftFromValues, parseCreate, valuesFromDraft } from '../../../renderer/tickets/formModel.js';
import { TYPED_FORM } from '../renderer/typedForm.js';
import { ok, openTestCore } from './helpers.js';

/**
 * The console's ticket form against the real core: what the form autosaves
 * (renderer/tickets/formModel draftFromValues) is what drafts:save accepts,
 * survives a reopen of the data folder, comes back into the form, and goes
 * with the ticket created from it. Lives with the core tests because it opens
 * a core (Node); the pure mapping is tested in tests/unit/renderer/deskConsole.test.ts.
 */
describe('the console ticket form draft in the core', () => {
  const typed = TYPED_FORM;

  it('survives the core: saved, read back after a reopen, and dropped by the ticket created with its key', async () => {
    const { core, reopen } = await openTestCore();
    await ok(core, 'agent:setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-2026', role: 'admin' });
    // the form's assignee and team are real: tickets:create refuses anyone else
    await ok(core, 'accounts:create', { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-1', role: 'senior', team: '二线' });
    await ok(core, 'drafts:save', { key: 'new', fields: draftFromValues(typed) });
    await core.close();
    const again = await reopen();
    await ok(again, 'agent:signIn', { username: 'admin', password: 'admin-pass-2026' });
    const stored = await ok(again, 'drafts:get', { key: 'new' });
    expect(stored).not.toBeNull();
    const values = valuesFromDraft(stored?.fields ?? {});
    expect(values.subject).toBe('打印机卡纸');
    const parsed = parseCreate({ ...values, description: '卡纸后无法打印' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const input = TicketInputSchema.parse({ ...parsed.value, draftKey: 'new' });
    await ok(again, 'tickets:create', input);
    expect(await ok(again, 'drafts:get', { key: 'new' })).toBeNull();
  });
});
