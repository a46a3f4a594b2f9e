import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, ok, openTestCore, ticketInput } from '../../unit/core/helpers.js';

const ADMIN = { username: 'zhang.admin', displayName: '张管理', password: 'admin-pass-1', role: 'admin', team: 'hotline' } as const;
const SUP = { username: 'chen.sup', displayName: '陈班长', password: 'super-pass-1', role: 'supervisor', team: 'hotline' } as const;
const AGENT = { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-1', role: 'agent', team: 'hotline' } as const;

/** Every file of the data folder, read as text, for a secret that must not be there. */
function folderText(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

describe('the wallboard TV mode', () => {
  it('opens a display for a supervisor only, reads it by its key with nobody signed in, and stops it', async () => {
    const { core, dir } = await openTestCore({ requireSignIn: true });
    await ok(core, 'agent:setup', ADMIN);
    await ok(core, 'accounts:create', SUP);
    await ok(core, 'accounts:create', AGENT);
    await ok(core, 'tickets:create', ticketInput({ subject: '宽带掉线', team: 'hotline' }));
    await ok(core, 'agent:signOut', {});

    await ok(core, 'agent:signIn', { username: AGENT.username, password: AGENT.password });
    expect(await failure(core, 'wallboard:tvOpen', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(core, 'wallboard:tvList', {})).toMatchObject({ code: 'FORBIDDEN' });
    await ok(core, 'agent:signOut', {});

    await ok(core, 'agent:signIn', { username: SUP.username, password: SUP.password });
    const { display, key } = await ok(core, 'wallboard:tvOpen', { team: 'hotline' });
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(display).toMatchObject({ team: 'hotline', createdBy: SUP.username, createdByName: '陈班长' });
    expect(await ok(core, 'wallboard:tvList', {})).toEqual([display]);
    await ok(core, 'agent:signOut', {});

    // Nobody at the desk: every channel but sign-in is closed, the display's board is not.
    expect(await failure(core, 'tickets:list', { limit: 5 })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await failure(core, 'wallboard:get', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const tv = await ok(core, 'wallboard:tv', { key });
    expect(tv.display.id).toBe(display.id);
    expect(tv.board).toMatchObject({ scope: 'team', team: 'hotline' });
    expect(tv.board.tickets.created.value).toBe(1);
    expect(tv.reasons.length).toBeGreaterThan(0);

    // A key that is not one, and one that was never given, change nothing and say which.
    expect(await failure(core, 'wallboard:tv', { key: 'short' })).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'key' })] });
    expect(await failure(core, 'wallboard:tv', { key: 'A'.repeat(43) })).toMatchObject({ code: 'TV_DISPLAY_UNKNOWN' });

    // The key itself is never written to the data folder (only its SHA-256).
    await core.checkpoint();
    expect(folderText(dir)).not.toContain(key);

    await ok(core, 'agent:signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await ok(core, 'wallboard:tvClose', { id: display.id })).toEqual([]);
    expect(await failure(core, 'wallboard:tvClose', { id: display.id })).toMatchObject({ code: 'NOT_FOUND', fields: [expect.objectContaining({ path: 'id' })] });
    await ok(core, 'agent:signOut', {});
    expect(await failure(core, 'wallboard:tv', { key })).toMatchObject({ code: 'TV_DISPLAY_UNKNOWN' });
  });

  it('refuses a ninth open display and an empty team name', async () => {
    const { core } = await openTestCore({ requireSignIn: true });
    await ok(core, 'agent:setup', ADMIN);
    const keys: string[] = [];
    for (let i = 0; i < 8; i++) keys.push((await ok(core, 'wallboard:tvOpen', {})).key);
    expect(new Set(keys).size).toBe(8);
    const full = await failure(core, 'wallboard:tvOpen', {});
    expect(full).toMatchObject({ code: 'TV_DISPLAYS_FULL', fields: [expect.objectContaining({ limit: 8 })] });
    expect(await ok(core, 'wallboard:tvList', {})).toHaveLength(8);
    expect(await failure(core, 'wallboard:tvOpen', { team: '' })).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
