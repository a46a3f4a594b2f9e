import { spawn } from 'node:child_process';
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

/** Why the real-Electron specs cannot run here, or null; printed, since the list reporter shows only a dash for a skip. */
function skipReason(): string | null {
  const binary = electronBinary();
  const noDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
  const reason =
    binary.path === null
      ? `Electron binary not installed on this machine (download blocked): ${binary.why}`
      : noDisplay
        ? 'Electron needs a display on Linux: run under xvfb-run'
        : null;
  if (reason) console.log(`SKIPPED (real Electron): ${reason}`);
  return reason;
}

/** Chromium's OS sandbox refuses to run as root (CI containers); the preload still runs in Electron's Node-less sandboxed mode. */
const rootArgs = (): string[] => (process.getuid?.() === 0 ? ['--no-sandbox'] : []);

test('the desktop app opens a window with window.api and a ticket round trip over IPC', async () => {
  const reason = skipReason();
  test.skip(reason !== null, reason ?? '');
  const binary = electronBinary();

  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-'));
  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    args: [ROOT, ...rootArgs()],
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

test('one instance per user: a second launch with a tel: link focuses the window and opens a new call with the number', async () => {
  const reason = skipReason();
  test.skip(reason !== null, reason ?? '');
  const executable = electronBinary().path ?? '';
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-'));
  const env = { ...process.env, HOTLINE_USER_DATA_DIR: userData, HOTLINE_CTI_PORT: '0' };
  const app = await electron.launch({ executablePath: executable, args: [ROOT, ...rootArgs()], cwd: ROOT, env });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
    // Served from app://, not file://
    expect(page.url()).toBe('app://workstation/index.html');
    const setup = await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('agent:setup', input), ADMIN);
    expect(setup.ok).toBe(true);
    await expect(page.getByTestId('console-screen')).toBeVisible({ timeout: 20_000 });

    // The second instance hands its argv over and quits at once (the folder lock is never reached).
    const second = spawn(executable, [ROOT, ...rootArgs(), 'tel:010-6552%209988'], { cwd: ROOT, env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect(page.getByTestId('new-call-dialog')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('new-call-number')).toHaveValue('010-6552 9988');
    await page.screenshot({ path: path.join('test-results', 'screenshots', 'electron-tel-handover.png') });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});

test('the tray shows the agent state and its menu changes it', async () => {
  const reason = skipReason();
  test.skip(reason !== null, reason ?? '');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary().path ?? undefined,
    args: [ROOT, ...rootArgs()],
    cwd: ROOT,
    env: { ...process.env, HOTLINE_USER_DATA_DIR: userData, HOTLINE_CTI_PORT: '0', HOTLINE_E2E_HOOKS: '1' },
  });
  type TrayHook = { model(): { tooltip: string; state: string; items: { type: string; label?: string; items?: { label: string; action: unknown }[] }[] } | null; available(): boolean; act(action: unknown): Promise<void> };
  const trayModel = () => app.evaluate(() => (globalThis as unknown as { __hotlineTray: TrayHook }).__hotlineTray.model());
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
    test.skip(!(await app.evaluate(() => (globalThis as unknown as { __hotlineTray: TrayHook }).__hotlineTray.available())), 'this desktop has no system tray');
    await expect.poll(async () => (await trayModel())?.state).toBe('offline');
    await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('agent:setup', input), ADMIN);
    await expect.poll(async () => (await trayModel())?.tooltip).toContain(ADMIN.displayName);
    // The PC's first account is its admin, who signs in not taking calls.
    await expect.poll(async () => (await trayModel())?.state).toBe('not_ready');

    // Not ready with the first configured reason, from the tray menu: the console follows.
    const model = await trayModel();
    const reasonItem = model?.items.find((item) => item.type === 'submenu')?.items?.[0];
    expect(reasonItem).toBeDefined();
    await app.evaluate((_electron, action) => (globalThis as unknown as { __hotlineTray: TrayHook }).__hotlineTray.act(action), reasonItem?.action);
    await expect.poll(async () => (await trayModel())?.state).toBe('not_ready');
    await expect.poll(async () => (await trayModel())?.tooltip).toContain(reasonItem?.label ?? '?');
    const session = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('agent:session', {}));
    expect(session).toMatchObject({ ok: true, value: { state: 'not_ready' } });

    // Sign out from the tray.
    await app.evaluate((_electron) => (globalThis as unknown as { __hotlineTray: TrayHook }).__hotlineTray.act({ kind: 'signOut' }));
    await expect.poll(async () => (await trayModel())?.state).toBe('offline');
    await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});

test('TV mode opens the wallboard in a second window without a menu, which keeps showing after the desk signs out', async () => {
  const reason = skipReason();
  test.skip(reason !== null, reason ?? '');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary().path ?? undefined,
    args: [ROOT, ...rootArgs()],
    cwd: ROOT,
    env: { ...process.env, HOTLINE_USER_DATA_DIR: userData, HOTLINE_CTI_PORT: '0' },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
    await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('agent:setup', input), ADMIN);
    await expect(page.getByTestId('console-screen')).toBeVisible();
    await page.keyboard.press('Control+8');
    const second = app.waitForEvent('window');
    await page.getByTestId('wb-tv-open').click();
    const tv = await second;
    await expect(tv.getByTestId('tv-wallboard')).toBeVisible();
    expect(new URL(tv.url()).hash).toBe('#/wallboard/tv');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isMenuBarVisible()))).toContain(false);

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-out-ok').click();
    await expect(page.getByTestId('sign-in-screen')).toBeVisible();
    await tv.reload();
    await expect(tv.getByTestId('tv-wallboard')).toBeVisible();
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
