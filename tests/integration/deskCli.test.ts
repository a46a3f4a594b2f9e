import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openCore } from '../../electron/core/index.js';
import { AccountSchema, CallbackSchema, CallSchema } from '../../shared/desk/schema.js';
import { ok, tempDir } from '../unit/core/helpers.js';
import { cli, errorOf } from './cliRun.js';

const AgentStateRowSchema = z.strictObject({ agentId: z.string(), state: z.string(), reason: z.string().nullable(), since: z.string() });

/** A PC folder where two agents worked (in-process, as the app would), closed again for the CLI. */
async function workedFolder(): Promise<string> {
  const dir = tempDir();
  const core = await openCore({ dataDir: dir, actorId: 'seed', idleCheckpointMs: 0 });
  try {
    await ok(core, 'agent:setup', { username: 'boss', displayName: '班长', password: 'boss-pass-1', role: 'admin' });
    await ok(core, 'accounts:create', { username: 'li', displayName: '李', password: 'li-pass-12', role: 'agent' });
    await ok(core, 'agent:setState', { state: 'not_ready', reason: 'meeting' });
    await ok(core, 'agent:signIn', { username: 'li', password: 'li-pass-12' });
    const call = await ok(core, 'calls:start', { direction: 'inbound', number: '13812345678' });
    await ok(core, 'calls:hangup', { id: call.id });
    await ok(core, 'calls:wrapUp', { id: call.id, disposition: 'info_given' });
    await ok(core, 'calls:start', { direction: 'outbound', number: 'tel:+86-10-6552-9988' });
    const ticket = await ok(core, 'tickets:create', {
      subject: '回电',
      description: '客户要求回电',
      category: 'consult',
      severity: 'normal',
      channel: 'phone',
      customer: { name: '王伟', phone: '13912345678' },
    });
    await ok(core, 'callbacks:schedule', { customerId: ticket.customer.id, phone: '13912345678', dueAt: new Date(Date.now() + 3_600_000).toISOString() });
  } finally {
    await core.close();
  }
  return dir;
}

describe('desk CLI', { timeout: 90_000 }, () => {
  it('adds a standalone account (printing it, never the password or hash), also on a new folder', async () => {
    const dir = path.join(tempDir(), 'fresh');
    const run = await cli(['--data', dir, 'agent', 'add', '--username', 'wang.w', '--password', 'wang-pass-1', '--role', 'senior', '--name', '王伟', '--team', '二线']);
    expect(run.code, run.stderr).toBe(0);
    const account = AccountSchema.strict().parse(JSON.parse(run.stdout));
    expect(account).toMatchObject({ username: 'wang.w', displayName: '王伟', role: 'senior', team: '二线', disabled: false });
    expect(run.stdout).not.toContain('wang-pass-1');
    expect(run.stdout).not.toContain('scrypt');

    const again = await cli(['--data', dir, 'agent', 'add', '--username', 'WANG.W', '--password', 'other-pass-1', '--role', 'agent']);
    expect(again.code).toBe(2);
    expect(errorOf(again).code).toBe('ACCOUNT_EXISTS');
    // The password may come from the environment instead of the command line (shell history).
    const fromEnv = await cli(['--data', dir, 'agent', 'add', '--username', 'zhao', '--role', 'agent'], { HOTLINE_PASSWORD: 'zhao-pass-1' });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
  });

  it('refuses bad accounts before touching the folder', async () => {
    const dir = path.join(tempDir(), 'never');
    const badRole = await cli(['--data', dir, 'agent', 'add', '--username', 'x1', '--password', 'long-enough-1', '--role', 'boss']);
    expect(errorOf(badRole).code).toBe('VALIDATION_FAILED');
    const short = await cli(['--data', dir, 'agent', 'add', '--username', 'x1', '--password', 'short', '--role', 'agent']);
    expect(errorOf(short)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('password') });
    const noPassword = await cli(['--data', dir, 'agent', 'add', '--username', 'x1', '--role', 'agent']);
    expect(errorOf(noPassword).code).toBe('VALIDATION_FAILED');
    const missing = await cli(['--data', dir, 'agent', 'add', '--password', 'long-enough-1', '--role', 'agent']);
    expect(errorOf(missing).message).toContain('--username');
    expect(fs.existsSync(dir)).toBe(false);
    expect(errorOf(await cli(['--data', dir, 'agent', 'dance'])).code).toBe('VALIDATION_FAILED');
  });

  it("prints every agent's current state, most recent first, and one agent's with --agent", async () => {
    const dir = await workedFolder();
    const run = await cli(['--data', dir, 'agent', 'state']);
    expect(run.code, run.stderr).toBe(0);
    const rows = z.array(AgentStateRowSchema).parse(JSON.parse(run.stdout));
    // li was on an outbound call when the app closed, which logged them off (the CLI runs only
    // while the app is closed: the folder lock); boss went offline when li sat down at the desk.
    expect(rows.map((r) => [r.agentId, r.state])).toEqual([
      ['li', 'offline'],
      ['boss', 'offline'],
    ]);
    const one = z.array(AgentStateRowSchema).parse(JSON.parse((await cli(['--data', dir, 'agent', 'state', '--agent', 'boss'])).stdout));
    expect(one).toEqual([expect.objectContaining({ agentId: 'boss', state: 'offline', reason: null })]);
    expect(JSON.parse((await cli(['--data', dir, 'agent', 'state', '--agent', 'nobody'])).stdout)).toEqual([]);
  });

  it("lists calls (today's, limited) in the app's shape", async () => {
    const dir = await workedFolder();
    const all = z.array(CallSchema.strict()).parse(JSON.parse((await cli(['--data', dir, 'calls', 'list'])).stdout));
    expect(all.map((c) => [c.direction, c.status])).toEqual([
      ['outbound', 'ringing'],
      ['inbound', 'ended'],
    ]);
    expect(all[0]?.numberKey).toBe('+861065529988');
    const today = z.array(CallSchema).parse(JSON.parse((await cli(['--data', dir, 'calls', 'list', '--today', '--limit', '1'])).stdout));
    expect(today).toHaveLength(1);
    const bad = await cli(['--data', dir, 'calls', 'list', '--limit', 'many']);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
    expect(errorOf(await cli(['--data', dir, 'calls', 'list', '--agent', 'li'])).code).toBe('VALIDATION_FAILED');
  });

  it("lists every owner's scheduled callbacks", async () => {
    const dir = await workedFolder();
    const run = await cli(['--data', dir, 'callbacks', 'list']);
    expect(run.code, run.stderr).toBe(0);
    const callbacks = z.array(CallbackSchema).parse(JSON.parse(run.stdout));
    expect(callbacks.map((c) => [c.ownerId, c.status, c.customerName])).toEqual([['li', 'scheduled', '王伟']]);
  });
});
