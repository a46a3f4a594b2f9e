import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { UiSettings } from '../../shared/settings.js';
import { t } from './messages.js';

/** Minimal: the roles that make keyboard shortcuts (copy, paste, zoom) work on every platform. */
export function installMenu(locale: UiSettings['locale'], dev: boolean): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: t(locale, 'menuFile'), submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { label: t(locale, 'menuEdit'), role: 'editMenu' },
    {
      label: t(locale, 'menuView'),
      submenu: [
        ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: t(locale, 'menuWindow'), role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
