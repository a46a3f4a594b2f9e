import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ZoomCommand } from '../../shared/desktop/window.js';
import type { UiSettings } from '../../shared/settings.js';
import { t } from './messages.js';

/** Minimal: the roles that make keyboard shortcuts (copy, paste, zoom) work on every platform. */
export function installMenu(locale: UiSettings['locale'], dev: boolean, onZoom: (command: ZoomCommand) => void): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: t(locale, 'menuFile'), submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { label: t(locale, 'menuEdit'), role: 'editMenu' },
    {
      label: t(locale, 'menuView'),
      submenu: [
        ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        // Our own zoom: kept per desk user (desktop.ts); the keys are also caught before the page, so Ctrl+= works without Shift.
        { label: t(locale, 'menuZoomReset'), accelerator: 'CommandOrControl+0', click: () => onZoom('reset') },
        { label: t(locale, 'menuZoomIn'), accelerator: 'CommandOrControl+=', click: () => onZoom('in') },
        { label: t(locale, 'menuZoomOut'), accelerator: 'CommandOrControl+-', click: () => onZoom('out') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: t(locale, 'menuWindow'), role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
