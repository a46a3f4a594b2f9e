import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { ADMIN, type PageGlobals } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the Electron binary would be. Deliberately not `require('electron')`:
 * in Electron 45 that call itself starts a download when the binary is missing.
 */
function electronBinary(): { path: string | null; why: string } {
  const dir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { path: null, why: `${pathFile} missing (Electron 45 fetches its binary on first use; run \`npx install-electron\` where downloads are allowed)` };
  const exe = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? { path: exe, why: '' } : { path: null, why: `${exe} missing` };
}

test('the desktop app opens a window with window.api and a ticket round trip over IPC', async () => {
  const binary = electronBinary();
  const noDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
  const reason =
    binary.path === null
      ? `Electron binary not installed on this machine (download blocked): ${binary.why}`
      : noDisplay
        ? 'Electron needs a display on Linux: run under xvfb-run'
        : null;
  // The list reporter shows only a dash for a skip; say why in the run's output too.
  if (reason) console.log(`SKIPPED (real Electron): ${reason}`);
  test.skip(reason !== null, reason ?? '');

  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-'));
  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    // Chromium's OS sandbox refuses to run as root (CI containers); the preload still runs in Electron's Node-less sandboxed mode.
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
    env: { ...process.env, HOTLINE_USER_DATA_DIR: userData },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
    // The preload exposes window.api and nothing of Node or ipcRenderer.
    expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    const unknown = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('nope' as never, {} as never));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    // Nothing but the sign-in channels answers before somebody is signed in at the desk.
    const setup = await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('agent:setup', input), ADMIN);
    expect(setup).toMatchObject({ ok: true, value: { agent: { username: ADMIN.username } } });

    const created = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).api.invoke('tickets:create', {
        subject: '电脑蓝屏',
        description: '开机后蓝屏，错误代码 0x0000007B',
        category: 'fault',
        severity: 'urgent',
        channel: 'phone',
        customer: { name: '赵敏', phone: '13700137000' },
      }),
    );
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.ticket.id;
    const got = await page.evaluate((ticketId) => (globalThis as unknown as PageGlobals).api.invoke('tickets:get', { id: ticketId }), id);
    expect(got).toMatchObject({ ok: true, value: { ticket: { id } } });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
