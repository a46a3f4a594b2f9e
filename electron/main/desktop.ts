import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { contract, type Channel, type RequestOf, type ValueOf } from '../../shared/contract.js';
import type { AgentSession } from '../../shared/desk/schema.js';
import type { TrayAction } from '../../shared/desktop/tray.js';
import { nextZoom, onWindowClose, zoomCommandForKey, type ZoomCommand } from '../../shared/desktop/window.js';
import type { UiSettings } from '../../shared/settings.js';
import type { SupervisedCore } from '../core/supervisedCore.js';
import { sendEvent } from './ipc.js';
import { t, trayLabels } from './messages.js';
import type { ShellSettings } from './settings.js';
import { DeskTray } from './tray.js';

/**
 * What makes the workstation a desktop program of a shared office PC: the
 * tray with the agent's state, closing into the tray during a shift, zoom
 * kept per user, and tel: links handed over by the OS. The rules live in
 * shared/desktop; this wires them to Electron.
 */
export class Desktop {
  /** the agent's window (not the wallboard's TV windows) */
  private main: BrowserWindow | null = null;
  private session: AgentSession | null = null;
  private reasons: { code: string; label: string }[] = [];
  private readonly tray: DeskTray;
  quitting = false;

  constructor(
    private readonly core: SupervisedCore,
    private readonly settings: ShellSettings,
    private readonly locale: () => UiSettings['locale'],
  ) {
    this.tray = new DeskTray(() => trayLabels(this.locale()), (action) => void this.act(action));
    core.on((event, payload) => {
      if (event === 'agent:state') this.setSession(payload as AgentSession);
      if (event === 'console:changed' && (payload as { kinds: string[] }).kinds.includes('config')) void this.loadReasons();
      // A call ringing while the window sits in the tray or behind another program: bring it forward.
      if (event === 'calls:current' && (payload as { status?: string } | null)?.status === 'ringing') this.showWindow(true);
    });
    core.onCrash(() => {
      this.setSession(null);
      void this.refresh();
    });
    void this.refresh();
    // The real-Electron specs (tests/e2e/electron.spec.ts) read the tray and use its menu through this, and only when asked to.
    if (process.env['HOTLINE_E2E_HOOKS'] === '1') {
      Object.assign(globalThis, {
        __hotlineTray: { model: () => this.tray.model, available: () => this.tray.available, act: (action: TrayAction) => this.act(action) },
      });
    }
  }

  /** Re-reads the session and the not-ready reasons (start, and after a core restart). */
  async refresh(): Promise<void> {
    const session = await this.ask('agent:session', {});
    if (session) this.setSession(session);
  }

  /** A core call whose answer main reads itself: checked against the contract's result schema. */
  private async ask<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ValueOf<C> | null> {
    const r = await this.core.invoke(channel, request);
    if (!r.ok) return null;
    const parsed = contract[channel].result.safeParse(r.value);
    return parsed.success ? (parsed.data as ValueOf<C>) : null;
  }

  /** Every window the app opens gets the close question and the zoom keys. */
  attach(win: BrowserWindow): void {
    this.main = win;
    win.on('close', (event) => {
      const decision = onWindowClose({
        quitting: this.quitting,
        signedIn: Boolean(this.session?.agent),
        // Without a tray there is nowhere to keep running: closing quits.
        remembered: this.tray.available ? this.settings.closeAction() : 'quit',
      });
      if (decision === 'close') return;
      event.preventDefault();
      if (decision === 'hide') win.hide();
      else void this.askOnClose(win);
    });
    win.webContents.on('before-input-event', (event, input) => {
      if (input.type !== 'keyDown') return;
      const command = zoomCommandForKey(input, process.platform);
      if (!command) return;
      event.preventDefault();
      this.zoom(win.webContents, command);
    });
    win.webContents.on('did-finish-load', () => this.applyZoom(win.webContents));
  }

  zoom(contents: WebContents, command: ZoomCommand): void {
    const username = this.session?.agent?.username ?? null;
    const factor = nextZoom(contents.getZoomFactor(), command);
    contents.setZoomFactor(factor);
    this.settings.setZoomFor(username, factor);
  }

  /** Restores (and focuses) the main window; `attention`: flash the taskbar too. */
  showWindow(attention = false): void {
    const win = this.main && !this.main.isDestroyed() ? this.main : null;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
    if (attention && !win.isFocused()) win.flashFrame(true);
  }

  /** A tel: number from the OS: the window comes forward and the console opens a new call with it. */
  dial(number: string): void {
    this.showWindow();
    for (const win of BrowserWindow.getAllWindows()) sendEvent(win.webContents, 'shell:dial', { number });
  }

  destroy(): void {
    this.tray.destroy();
  }

  private setSession(session: AgentSession | null): void {
    const before = this.session?.agent?.username ?? null;
    this.session = session;
    this.tray.update(session, this.reasons);
    if ((session?.agent?.username ?? null) === before) return;
    for (const win of BrowserWindow.getAllWindows()) this.applyZoom(win.webContents);
    // The configuration is readable only with somebody signed in: the reasons come with the sign-in.
    if (session?.agent) void this.loadReasons();
  }

  private async loadReasons(): Promise<void> {
    const config = await this.ask('config:get', {});
    if (config) this.reasons = config.notReadyReasons;
    this.tray.update(this.session, this.reasons);
  }

  private applyZoom(contents: WebContents): void {
    if (!contents.isDestroyed()) contents.setZoomFactor(this.settings.zoomFor(this.session?.agent?.username ?? null));
  }

  private async act(action: TrayAction): Promise<void> {
    switch (action.kind) {
      case 'show':
        this.showWindow();
        return;
      case 'quit':
        app.quit();
        return;
      case 'ready':
        await this.report(this.core.invoke('agent:setState', { state: 'ready' }));
        return;
      case 'notReady':
        await this.report(this.core.invoke('agent:setState', { state: 'not_ready', reason: action.reason }));
        return;
      case 'signOut':
        await this.report(this.core.invoke('agent:signOut', {}));
        return;
    }
  }

  /** A refused tray action is not silent: the window comes forward with the reason. */
  private async report(result: Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> {
    const r = await result;
    if (r.ok) return;
    this.showWindow();
    dialog.showErrorBox(t(this.locale(), 'title'), r.error?.message ?? '');
  }

  private async askOnClose(win: BrowserWindow): Promise<void> {
    const locale = this.locale();
    const { response, checkboxChecked } = await dialog.showMessageBox(win, {
      type: 'question',
      title: t(locale, 'closeTitle'),
      message: t(locale, 'closeMessage', { agent: this.session?.agent?.displayName ?? '' }),
      detail: t(locale, 'closeDetail'),
      buttons: [t(locale, 'closeKeep'), t(locale, 'closeQuit'), t(locale, 'closeCancel')],
      defaultId: 0,
      cancelId: 2,
      checkboxLabel: t(locale, 'closeRemember'),
      noLink: true,
    });
    if (response === 2) return;
    const action = response === 0 ? 'tray' : 'quit';
    if (checkboxChecked) this.settings.setCloseAction(action);
    if (action === 'tray') win.hide();
    else app.quit();
  }
}
