import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SessionUserSchema } from '../../../shared/sync/protocol.js';
import { SyncStatusSchema } from '../../../shared/sync/status.js';
import { cli, errorOf } from '../cliRun.js';
import { BACKENDS, suiteServer, PASSWORD, team, tempDir } from './helpers.js';


const TICKET = JSON.stringify({ subject: '无法登录', description: '密码重置后仍提示错误', category: 'change', severity: 'normal', channel: 'phone', customer: { name: '李四', phone: '13800000001' } });
const ROUND = /^\{"pushed":(\d+),"pulled":(\d+),"pending":(\d+),"problems":(\d+)\}\n$/;

describe.each(BACKENDS)('CLI login, sync and sync status (%s)', (backend) => {
  const server = suiteServer(backend);

  it('signs in (token in a 0600 file, never printed), syncs one round with the exact output, reports status and errors', { timeout: 120_000 }, async () => {
    const t = team('c');
    const username = await server.user(t);
    const dir = path.join(tempDir(), 'data');
    expect((await cli(['--data', dir, 'tickets', 'create', '--json', TICKET])).code).toBe(0);

    const notSignedIn = await cli(['--data', dir, 'sync']);
    expect(notSignedIn.code).toBe(2);
    expect(errorOf(notSignedIn).code).toBe('SYNC_NOT_SIGNED_IN');
    expect(SyncStatusSchema.parse(JSON.parse((await cli(['--data', dir, 'sync', 'status'])).stdout))).toMatchObject({ state: 'signed_out', pending: 2 });

    const wrong = await cli(['--data', dir, 'login', '--server', server.url, '--username', username, '--password', 'not-the-password']);
    expect(wrong.code).toBe(2);
    expect(errorOf(wrong).code).toBe('SYNC_AUTH_FAILED');
    expect(fs.existsSync(path.join(dir, 'sync-session.json'))).toBe(false);

    // The password may come from the environment instead of the command line (ps shows arguments).
    const login = await cli(['--data', dir, 'login', '--server', `${server.url}/`, '--username', username], { HOTLINE_PASSWORD: PASSWORD });
    expect(login.code, login.stderr).toBe(0);
    const printed = z.strictObject({ server: z.string(), user: SessionUserSchema }).parse(JSON.parse(login.stdout));
    expect(printed).toEqual({ server: server.url, user: { id: expect.any(String), username, role: 'agent', team: t } });
    const file = path.join(dir, 'sync-session.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { token } = z.object({ token: z.string().min(10) }).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(login.stdout).not.toContain(token);
    for (const f of fs.readdirSync(dir)) if (f !== 'sync-session.json') expect(fs.readFileSync(path.join(dir, f)).includes(token), f).toBe(false);

    const sync = await cli(['--data', dir, 'sync']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(ROUND);
    const [, pushed, pulled, pending, problems] = ROUND.exec(sync.stdout)!.map(Number);
    expect({ pushed, pulled, pending, problems }).toEqual({ pushed: 2, pulled: 4, pending: 0, problems: 0 });

    const status = SyncStatusSchema.parse(JSON.parse((await cli(['--data', dir, 'sync', 'status'])).stdout));
    expect(status).toMatchObject({ state: 'idle', server: server.url, user: { username }, pending: 0, problems: 0 });
    expect(status.lastSyncedAt).not.toBeNull();

    // A loosened file is tightened again the next time it is read.
    fs.chmodSync(file, 0o644);
    await cli(['--data', dir, 'sync', 'status']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // Server down: SYNC_OFFLINE, and the change stays queued for the next round.
    await server.halt();
    try {
      expect((await cli(['--data', dir, 'tickets', 'create', '--json', TICKET])).code).toBe(0);
      const offline = await cli(['--data', dir, 'sync']);
      expect(offline.code).toBe(2);
      expect(errorOf(offline)).toMatchObject({ code: 'SYNC_OFFLINE', message: expect.stringMatching(/cannot be reached/) });
      expect(SyncStatusSchema.parse(JSON.parse((await cli(['--data', dir, 'sync', 'status'])).stdout)).pending).toBe(1);
    } finally {
      await server.start();
    }
    const back = await cli(['--data', dir, 'sync']);
    expect(back.stdout).toMatch(/^\{"pushed":1,"pulled":2,"pending":0,"problems":0\}\n$/);

    const usage = await cli(['--help']);
    expect(usage.stdout).toMatch(/login --server URL --username U/);
    expect(usage.stdout).toMatch(/sync status/);
  });
});
