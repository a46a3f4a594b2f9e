import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract.js';

/**
 * The bundled Electron shell (out/main/index.js, as electron-vite builds it)
 * run under plain Node with a recording stand-in for the 'electron' module:
 * this machine cannot download Electron, and this still proves the wiring
 * (IPC per contract channel, the built worker found and started, events to
 * windows, security hooks, checkpoint on quit). tests/e2e/electron.spec.ts
 * covers the real binary where it exists.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const mainJs = path.join(ROOT, 'out/main/index.js');
const drive = fileURLToPath(new URL('./fixtures/electronShell/drive.mjs', import.meta.url));

interface Report {
  channels: string[];
  webPreferences: Record<string, unknown>;
  loaded: string;
  appInfo: unknown;
  settingsSet: unknown;
  settingsBad: { ok: boolean; error?: { code: string } };
  untrusted: unknown;
  notSignedIn: unknown;
  setup: unknown;
  created: { ok: boolean; value?: { ticket: { id: string } } };
  sent: [string, unknown][];
  headers: Record<string, string[]>;
  remoteCancelled: boolean;
  appCancelled: boolean;
  permissionGranted: boolean;
  softphone: Record<string, boolean>;
  quitPrevented: boolean;
  exits: number[];
  fileSender: unknown;
  windowIcon: string;
  fileCancelled: boolean;
  protocol: { schemes: { scheme: string; privileges: Record<string, boolean> }[]; index: Served; traversal: Served; encoded: Served; otherHost: Served };
  trayTooltip: string;
  trayReasons: string[];
  trayTooltipNotReady: string;
  trayIconReps: number;
  dialSent: [string, unknown][];
  zoom: { prevented: boolean; factor: number };
  firstClose: string;
  closeQuestion: string[];
  secondClose: string;
  questionsAsked: number;
  hiddenAgain: boolean;
  zoomAfterSignOut: number;
  tv: {
    opened: unknown;
    bad: { ok: boolean; error?: { code: string } };
    windows: number;
    options: Record<string, unknown>;
    webPreferences: Record<string, unknown>;
    loaded: string;
    menu: unknown;
    closedWithMain: boolean;
  };
}
interface Served {
  status: number;
  type: string | null;
  csp: string | null;
  length: number;
}

describe.skipIf(!fs.existsSync(mainJs))('Electron shell, bundled (needs `electron-vite build`)', () => {
  it('wires every contract channel, the core worker, events, security and quit', () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-shell-'));
    try {
      const run = spawnSync(process.execPath, [drive, mainJs, userData], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as Report;

      expect([...report.channels].sort()).toEqual([...CHANNELS].sort());
      expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(report.webPreferences['preload']).toBe(path.join(ROOT, 'out/preload/index.cjs'));
      expect(report.windowIcon).toBe(path.join(ROOT, 'resources/icons/png/256x256.png'));
      expect(fs.existsSync(report.windowIcon)).toBe(true);
      // The renderer comes from the privileged app:// scheme, not file://.
      expect(report.loaded).toBe('app://workstation/index.html');
      expect(report.protocol.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]);
      expect(report.protocol.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(report.protocol.index.csp).toContain("script-src 'self'");
      expect(report.protocol.index.length).toBe(fs.statSync(path.join(ROOT, 'out/renderer/index.html')).size);
      for (const refused of [report.protocol.traversal, report.protocol.encoded, report.protocol.otherHost]) expect(refused.status).toBe(404);
      expect(report.fileSender).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(report.fileCancelled).toBe(true);

      expect(report.appInfo).toMatchObject({ ok: true, value: { shell: 'electron', dataDir: path.join(userData, 'data') } });
      // en-US system locale → en; the stored settings are merged field by field.
      expect(report.settingsSet).toEqual({ ok: true, value: { locale: 'en', theme: 'dark', compact: false } });
      expect(report.settingsBad.error?.code).toBe('VALIDATION_FAILED');
      expect(report.untrusted).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

      expect(report.notSignedIn).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      expect(report.setup).toMatchObject({ ok: true, value: { agent: { username: 'shell.admin', role: 'admin' }, state: 'not_ready' } });
      expect(report.created.ok).toBe(true);
      expect(report.sent).toContainEqual(['tickets:changed', { ids: [report.created.value?.ticket.id], origin: 'local' }]);

      expect(Object.keys(report.headers)).toEqual(['Content-Security-Policy']);
      expect(report.headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
      expect(report.remoteCancelled).toBe(true);
      expect(report.appCancelled).toBe(false);
      expect(report.permissionGranted).toBe(false);
      expect(report.softphone).toEqual({
        micFromApp: true,
        cameraFromApp: false,
        micFromElsewhere: false,
        geolocationFromApp: false,
        checkMicFromApp: true,
        checkCameraFromApp: false,
        wssCancelled: false,
        plainWsCancelled: true,
      });

      // Tray: state and reasons, a not-ready reason chosen from it, a badge at 1x and 2x.
      // The PC's admin signs in not taking calls (a supervisor or admin chooses to take them).
      expect(report.trayTooltip).toBe('Hotline Workstation · 管理员 · Not taking calls');
      expect(report.trayReasons.length).toBeGreaterThan(0);
      expect(report.trayTooltipNotReady).toBe(`Hotline Workstation · 管理员 · Not ready · ${report.trayReasons[0]}`);
      expect(report.trayIconReps).toBe(2);
      // tel: from a second launch
      expect(report.dialSent).toEqual([['shell:dial', { number: '010-6552 9988' }]]);
      // Zoom per user
      expect(report.zoom).toEqual({ prevented: true, factor: 1.1 });
      expect(report.zoomAfterSignOut).toBe(1);
      // TV mode: one window per display, full screen on the second display, no menu, the same hardening, closed with the main window.
      expect(report.tv.opened).toEqual({ ok: true, value: { opened: true } });
      expect(report.tv.bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(report.tv.windows).toBe(1);
      expect(report.tv.options).toMatchObject({ x: 1920, y: 0, width: 1600, height: 900, fullscreen: true, autoHideMenuBar: true });
      expect(report.tv.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, backgroundThrottling: false });
      expect(report.tv.loaded).toBe(`app://workstation/index.html#/wallboard/tv?key=${'k'.repeat(43)}`);
      expect(report.tv.menu).toBeNull();
      expect(report.tv.closedWithMain).toBe(true);
      // Close during a shift: asked once, kept in the tray, remembered
      expect(report.firstClose).toBe('prevented');
      expect(report.closeQuestion).toEqual(['Keep running in the tray', 'Quit', 'Cancel']);
      expect(report.secondClose).toBe('prevented');
      expect(report.questionsAsked).toBe(1);
      expect(report.hiddenAgain).toBe(true);

      // Quit waits for the core: checkpoint written, folder lock released.
      expect(report.quitPrevented).toBe(true);
      expect(report.exits).toEqual([0]);
      expect(fs.existsSync(path.join(userData, 'data', 'LOCK'))).toBe(false);
      expect(fs.existsSync(path.join(userData, 'data', 'store.db'))).toBe(true);
      const config = JSON.parse(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(config['windowBounds']).toMatchObject({ width: 1300, height: 800 });
      expect(config['closeAction']).toBe('tray');
      expect(config['zoomByUser']).toEqual({ 'shell.admin': 1.1 });
    } finally {
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
