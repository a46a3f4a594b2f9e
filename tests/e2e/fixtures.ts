import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startPreviewServer, type PreviewServer } from '../../electron/core/preview/server.js';
import type { Api } from '../../shared/contract.js';

/**
 * `workstation`: the built app (test:e2e runs `electron-vite build` first) in
 * the test's `page`, served by the preview server from a fresh temp data
 * folder on a random port. Nothing is built here.
 */
export interface Workstation {
  server: PreviewServer;
  /** the data folder (snapshot + journal + preview-settings.json) */
  dataDir: string;
  /** closes the core worker (checkpoint), starts a new one on the same folder; the page reconnects */
  restartCore(): Promise<void>;
}

/** What page.evaluate callbacks see; tests/ is compiled without the DOM lib. */
export type PageGlobals = { api: Api; location: { hash: string; href: string }; document: { getElementById(id: string): { childElementCount: number } | null } };

export const test = base.extend<{ workstation: Workstation }>({
  workstation: async ({ page }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-e2e-'));
    const server = await startPreviewServer({ dataDir, port: 0 });
    try {
      await page.goto(server.url);
      await waitForApi(page);
      await use({ server, dataDir, restartCore: () => server.restartCore() });
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export async function waitForApi(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api !== 'undefined');
}

export { expect };
