import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { stateBadgePngs } from '../core/desktop/trayIcon.js';
import type { AgentSession } from '../../shared/desk/schema.js';
import { trayModel, type Reason, type TrayAction, type TrayItem, type TrayLabels, type TrayModel } from '../../shared/desktop/tray.js';

/**
 * The tray icon: shared/desktop/tray.ts decides what it says and offers;
 * this only draws it. Some Linux desktops have no tray: then `available`
 * is false and the shell never hides the window into one.
 */
export class DeskTray {
  private readonly tray: Tray | null;
  private readonly icons = new Map<string, NativeImage>();
  /** what the tray shows now (the real-Electron specs read it: a tray menu cannot be clicked by Playwright) */
  model: TrayModel | null = null;

  constructor(
    private readonly labels: () => TrayLabels,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    let tray: Tray | null = null;
    try {
      tray = new Tray(this.icon('#8c8c8c'));
      // Windows and most Linux trays: a left click brings the window back.
      tray.on('click', () => onAction({ kind: 'show' }));
    } catch (e) {
      console.warn('[main] no system tray on this desktop', e);
    }
    this.tray = tray;
  }

  get available(): boolean {
    return this.tray !== null;
  }

  update(session: AgentSession | null, reasons: readonly Reason[]): void {
    if (!this.tray) return;
    const model = trayModel(session, reasons, this.labels());
    this.model = model;
    this.tray.setImage(this.icon(model.colour));
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => this.menuItem(item))));
  }

  destroy(): void {
    this.tray?.destroy();
  }

  private menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: item.items.map((sub) => this.menuItem(sub)) };
      case 'radio':
        return { type: 'radio', label: item.label, enabled: item.enabled, checked: item.checked, click: () => this.onAction(item.action) };
      case 'normal':
        return { label: item.label, enabled: item.enabled, click: () => this.onAction(item.action) };
    }
  }

  private icon(colour: string): NativeImage {
    const cached = this.icons.get(colour);
    if (cached) return cached;
    const image = nativeImage.createEmpty();
    for (const { scale, png } of stateBadgePngs(colour)) image.addRepresentation({ scaleFactor: scale, buffer: png });
    this.icons.set(colour, image);
    return image;
  }
}
