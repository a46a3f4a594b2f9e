import type { CoreOptions } from '../../../electron/core/api.js';
import type { AccountInput } from '../../../shared/desk/schema.js';
import { ok, openTestCore, type TestCore } from '../core/helpers.js';

export const ADMIN: AccountInput = { username: 'zhang.admin', displayName: '张管理', password: 'admin-pass-1', role: 'admin', team: 'hotline' };
export const AGENT: AccountInput = { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-1', role: 'agent', team: 'hotline' };

/** A core with the PC's admin set up (signed in), plus an agent account; `signedInAs: 'agent'` switches to the agent. */
export async function deskCore(opts: Partial<CoreOptions> & { signedInAs?: 'admin' | 'agent' } = {}): Promise<TestCore> {
  const { signedInAs = 'admin', ...coreOpts } = opts;
  const t = await openTestCore(coreOpts);
  await ok(t.core, 'agent:setup', ADMIN);
  await ok(t.core, 'accounts:create', AGENT);
  if (signedInAs === 'agent') await ok(t.core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
  return t;
}
