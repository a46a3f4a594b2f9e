import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import type { Handlers } from '../../shared/contract.js';
import { AppError } from '../../shared/result.js';
import { SupervisedCore } from '../core/supervisedCore.js';
import { ReminderSchema } from '../../shared/desk/schema.js';
import { telFromArgv } from '../../shared/desktop/tel.js';
import { Desktop } from './desktop.js';
import { registerIpc, sendEvent, type ShellChannel } from './ipc.js';
import { installMenu } from './menu.js';
import { t } from './messages.js';
import { registerAppScheme, serveAppScheme } from './protocol.js';
import { showReminder } from './reminders.js';
import { hardenSessions, isTrustedSender } from './security.js';
import { ShellSettings } from './settings.js';
import { SafeSecretStore } from './secretStore.js';
import { SafeTokenStore } from './tokenStore.js';
import { closeTvWindows, openTvWindow } from './tvWindow.js';
import { createMainWindow, rememberBounds } from './window.js';

/**
 * The Electron shell: lifecycle, one window, IPC wiring. All data work runs
 * in the core's worker thread (CoreWorkerClient), never on this thread.
 */

// electron-vite sets this in `npm run dev` only; packaged and `npm start` builds load files.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

/** The call-event endpoint's port (CTI) unless $HOTLINE_CTI_PORT says otherwise; 127.0.0.1 only. */
const DEFAULT_CTI_PORT = 17_900;
/** How often the core checks SLA, callback and follow-up reminders. */
const REMINDER_INTERVAL_MS = 30_000;
/** archiving (issue 18 point 3): old closed tickets leave the PC in small background steps, a pass every 15 minutes */
const ARCHIVE_INTERVAL_MS = 15 * 60_000;

function ctiPort(): number {
  const raw = process.env['HOTLINE_CTI_PORT'];
  const port = raw === undefined || raw.trim() === '' ? DEFAULT_CTI_PORT : Number(raw);
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  console.warn(`[main] HOTLINE_CTI_PORT=${raw ?? ''} is not a port; using ${DEFAULT_CTI_PORT}`);
  return DEFAULT_CTI_PORT;
}

// A separate profile (settings + default data folder): e2e runs, or a second
// agent profile on a shared PC. Must be set before anything reads userData.
const userDataOverride = process.env['HOTLINE_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);
// Privileged schemes must be declared before 'ready'.
registerAppScheme();

/**
 * The OS opens tel: links with the workstation (installed apps; the package
 * declares the scheme). Once per profile: if the user or IT later picks
 * another program for tel:, the workstation does not take it back at every start.
 */
function registerTelHandler(settings: ShellSettings): void {
  if (!app.isPackaged || process.platform === 'darwin' || settings.telHandlerClaimed()) return;
  if (app.isDefaultProtocolClient('tel') || app.setAsDefaultProtocolClient('tel')) settings.setTelHandlerClaimed();
}

async function main(): Promise<void> {
  // One running workstation per user: a second launch (an icon clicked again, a tel: link) is handed to this one.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let desktop: Desktop | null = null;
  let pendingTel = telFromArgv(process.argv);
  app.on('second-instance', (_event, argv) => {
    const number = telFromArgv(argv);
    if (!desktop) {
      pendingTel = number ?? pendingTel;
      return;
    }
    if (number) desktop.dial(number);
    else desktop.showWindow();
  });
  // macOS delivers links as an event, not as arguments.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const number = telFromArgv([url]);
    if (number && desktop) desktop.dial(number);
    else if (number) pendingTel = number;
  });
  await app.whenReady();
  serveAppScheme();

  const settings = new ShellSettings(app.getPath('userData'), safeLocale());
  registerTelHandler(settings);
  const locale = settings.ui().locale;
  const dataDir = settings.dataDir();
  const actorId = settings.actorId();
  hardenSessions({ devServerUrl });
  installMenu(locale, Boolean(devServerUrl), (command) => {
    const contents = BrowserWindow.getFocusedWindow()?.webContents ?? BrowserWindow.getAllWindows()[0]?.webContents;
    if (contents && desktop) desktop.zoom(contents, command);
  });

  let core: SupervisedCore;
  try {
    // A window serves agents: nothing but sign-in answers until one signs in (a shared PC).
    core = await SupervisedCore.start({
      dataDir,
      actorId,
      tokenStore: new SafeTokenStore(),
      secretStore: new SafeSecretStore(),
      cti: { port: ctiPort() },
      reminderIntervalMs: REMINDER_INTERVAL_MS,
      archiveIntervalMs: ARCHIVE_INTERVAL_MS,
      requireSignIn: true,
    });
  } catch (e) {
    const inUse = e instanceof AppError && e.code === 'DATA_FOLDER_IN_USE';
    dialog.showErrorBox(
      t(locale, inUse ? 'folderInUseTitle' : 'startFailedTitle'),
      t(locale, inUse ? 'folderInUse' : 'startFailed', { dir: dataDir, message: e instanceof Error ? e.message : String(e) }),
    );
    app.exit(1);
    return;
  }

  core.on((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) sendEvent(win.webContents, event, payload);
    if (event === 'reminder') {
      const reminder = ReminderSchema.safeParse(payload);
      if (reminder.success) {
        showReminder(reminder.data, settings.ui().locale, () => desktop?.showWindow());
      }
    }
  });
  core.onCrash(({ error, restarted, restartError }) => {
    // Restarted on the same folder: the window says so on its sign-in screen. Not restarted: the window says that too.
    console.error('[main] the core worker stopped', error, restarted ? '(restarted)' : restartError);
    const message = restartError?.message ?? error.message;
    for (const win of BrowserWindow.getAllWindows()) sendEvent(win.webContents, 'core:restarted', { restarted, message });
    desktop?.showWindow(true);
    if (!restarted) dialog.showErrorBox(t(locale, 'coreStoppedTitle'), t(locale, 'coreStopped', { message }));
  });
  desktop = new Desktop(core, settings, () => settings.ui().locale);

  const shell: Handlers<ShellChannel> = {
    'app:info': () => ({ version: app.getVersion(), dataDir, shell: 'electron', actorId }),
    'settings:get': () => settings.ui(),
    'settings:set': (patch) => settings.setUi(patch),
    'window:openTv': ({ key }) => {
      openTvWindow(key, devServerUrl, t(settings.ui().locale, 'tvTitle'));
      return { opened: true };
    },
    // A report export (issue 15): the user picks where; the file is written only there.
    'shell:saveFile': async (req) => {
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const ext = path.extname(req.fileName).slice(1).toLowerCase();
      const options = { defaultPath: path.join(app.getPath('documents'), req.fileName), filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [] };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false, file: null };
      await fs.promises.writeFile(choice.filePath, Buffer.from(req.base64, 'base64'));
      return { saved: true, file: choice.filePath };
    },
  };
  registerIpc({ shell, core: () => core, isTrustedSender: (event) => isTrustedSender(event, devServerUrl) });

  let closing = false;
  app.on('before-quit', (event) => {
    // Hold the quit until the core has checkpointed and released the folder lock.
    event.preventDefault();
    if (closing) return;
    closing = true;
    if (desktop) desktop.quitting = true;
    for (const win of BrowserWindow.getAllWindows()) rememberBounds(win, settings);
    core
      .close()
      .catch((e: unknown) => console.error('[main] closing the core failed', e))
      .finally(() => {
        desktop?.destroy();
        app.exit(0);
      });
  });
  app.on('window-all-closed', () => app.quit());
  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ settings, devServerUrl, title: t(locale, 'title') });
    desktop?.attach(win);
    // The wall screens belong to the workstation: they close with it (and the app then quits).
    win.on('closed', closeTvWindows);
    return win;
  };
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const win = openWindow();
  // A tel: link that started the app (or reached it while it was starting) is opened once the page listens.
  win.webContents.once('did-finish-load', () => {
    if (pendingTel) desktop?.dial(pendingTel);
    pendingTel = null;
  });
}

function safeLocale(): string {
  try {
    return app.getLocale();
  } catch {
    return '';
  }
}

main().catch((e: unknown) => {
  console.error('[main] fatal', e);
  app.exit(1);
});
