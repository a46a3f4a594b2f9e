import { BrowserWindow, screen } from 'electron';
import { tvPlacement } from '../../shared/desktop/window.js';
import { tvHash } from '../../shared/reports/tv.js';
import { APP_INDEX_URL } from '../core/desktop/appProtocol.js';
import { secureWebPreferences } from './window.js';

/** Open TV windows by display key: opening the same display again brings its window forward. */
const open = new Map<string, BrowserWindow>();

/**
 * The wallboard's TV window: no menu, dark, full screen on the wall display
 * when there is one (shared/desktop/window.ts tvPlacement). It loads the same
 * renderer at `#/wallboard/tv`, which reads the board with the display key and
 * needs nobody signed in: a sign-out at the desk does not blank the wall.
 */
export function openTvWindow(key: string, devServerUrl: string | undefined, title: string): void {
  const existing = open.get(key);
  if (existing && !existing.isDestroyed()) {
    existing.show();
    existing.focus();
    return;
  }
  const primaryId = screen.getPrimaryDisplay().id;
  const placement = tvPlacement(screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primaryId })));
  const win = new BrowserWindow({
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    autoHideMenuBar: true,
    show: false,
    title,
    backgroundColor: '#0b1220',
    // A wall screen is not looked at: it must keep drawing while unfocused or covered.
    webPreferences: { ...secureWebPreferences(), backgroundThrottling: false },
  });
  win.setMenu(null);
  open.set(key, win);
  win.on('closed', () => open.delete(key));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${devServerUrl ?? APP_INDEX_URL}${tvHash(key)}`);
}

export function closeTvWindows(): void {
  for (const win of open.values()) if (!win.isDestroyed()) win.close();
  open.clear();
}
