import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startPreviewServer, type PreviewServer, type PreviewServerOptions } from '../../electron/core/preview/server.js';
import type { Api } from '../../shared/contract.js';

/**
 * `workstation`: the built app (test:e2e runs `electron-vite build` first) in
 * the test's `page`, served by the preview server from a fresh temp data
 * folder on a random port, with the PC's administrator created and signed in
 * (the app shows nothing before a sign-in). Nothing is built here.
 */
export interface Workstation {
  server: PreviewServer;
  /** the data folder (snapshot + journal + preview-settings.json) */
  dataDir: string;
  /** closes the core worker (checkpoint), starts a new one on the same folder; the page reconnects */
  restartCore(): Promise<void>;
  /** ends the core's worker as a crash would; the server starts a new one and tells the page */
  abortCore(): Promise<void>;
}

/** What page.evaluate callbacks see; tests/ is compiled without the DOM lib. */
export type PageGlobals = { api: Api; location: { hash: string; href: string }; document: { getElementById(id: string): { childElementCount: number } | null } };

/** The first account of every test PC: the administrator agent:setup creates. */
export const ADMIN = { username: 'admin', displayName: '王管理', password: 'admin-pass-2026', role: 'admin' } as const;

/** Which screen a spec starts on: the specs written before the console begin on the ticket list. */
export type StartScreen = 'console' | 'tickets';

export const test = base.extend<{ workstation: Workstation; startScreen: StartScreen | 'sign-in'; previewOptions: Partial<PreviewServerOptions> }>({
  /** 'sign-in': a fresh PC left at its first sign-in screen */
  startScreen: ['tickets', { option: true }],
  previewOptions: [{}, { option: true }],
  workstation: async ({ page, startScreen, previewOptions }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-e2e-'));
    const server = await startPreviewServer({ ...previewOptions, dataDir, port: 0 });
    try {
      await page.goto(server.url);
      await waitForApi(page);
      if (startScreen !== 'sign-in') await signInAsAdmin(page, startScreen);
      await use({ server, dataDir, restartCore: () => server.restartCore(), abortCore: () => server.abortCore() });
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export async function waitForApi(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
}

/**
 * Creates the PC's administrator (or signs in as it when it exists) through
 * window.api, as a setup script would, then waits for the app behind the
 * sign-in screen and goes to `screen`.
 */
export async function signInAsAdmin(page: Page, screen: StartScreen = 'tickets'): Promise<void> {
  const setup = await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('agent:setup', input), ADMIN);
  if (!setup.ok) {
    if (setup.error.code !== 'SETUP_DONE') throw new Error(`agent:setup failed: ${setup.error.code} ${setup.error.message}`);
    const signIn = await page.evaluate((c) => (globalThis as unknown as PageGlobals).api.invoke('agent:signIn', c), { username: ADMIN.username, password: ADMIN.password });
    if (!signIn.ok) throw new Error(`agent:signIn failed: ${signIn.error.code} ${signIn.error.message}`);
  }
  await expect(page.getByTestId('console-screen')).toBeVisible({ timeout: 15_000 });
  if (screen === 'tickets') {
    await page.keyboard.press('Control+2');
    await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  }
}

/**
 * The desk's sign-in lives in the core: after a core restart the app returns to
 * the sign-in screen by itself, and the agent signs in again there.
 */
export async function signInAgainThroughUi(page: Page, screen: StartScreen = 'tickets'): Promise<void> {
  await expect(page.getByTestId('sign-in-screen')).toHaveAttribute('data-mode', 'sign-in', { timeout: 20_000 });
  await page.getByTestId('desk-username').fill(ADMIN.username);
  await page.getByTestId('desk-password').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-screen')).toBeVisible();
  if (screen === 'tickets') {
    await page.keyboard.press('Control+2');
    await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  }
}

export { expect };
