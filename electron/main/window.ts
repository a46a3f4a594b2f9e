import { fileURLToPath } from 'node:url';
import { BrowserWindow, screen } from 'electron';
import { APP_INDEX_URL } from '../core/desktop/appProtocol.js';
import { restoreBounds } from '../../shared/desktop/window.js';
import type { ShellSettings } from './settings.js';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
/** Linux takes the window's icon from here (Windows from the exe); the package keeps resources/icons/png beside out/. */
const windowIcon = fileURLToPath(new URL('../../resources/icons/png/256x256.png', import.meta.url));

/** Every window of the app (the agent's, the wallboard's TV): our preload only, isolated, sandboxed, no Node. */
export function secureWebPreferences(): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Also called on quit: app.exit() destroys windows without their 'close' event. */
export function rememberBounds(win: BrowserWindow, settings: ShellSettings): void {
  if (win.isDestroyed()) return;
  const b = win.getNormalBounds();
  settings.saveWindowBounds({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
}

export function createMainWindow(opts: { settings: ShellSettings; devServerUrl: string | undefined; title: string }): BrowserWindow {
  // The primary display first: restoreBounds falls back to it.
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = restoreBounds(opts.settings.windowBounds(), displays);
  const win = new BrowserWindow({
    width: bounds?.width ?? 1440,
    height: bounds?.height ?? 900,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: opts.title,
    icon: windowIcon,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(),
  });
  if (bounds?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => rememberBounds(win, opts.settings));
  // The built renderer comes from app:// (protocol.ts), never file://.
  void win.loadURL(opts.devServerUrl ?? APP_INDEX_URL);
  return win;
}
