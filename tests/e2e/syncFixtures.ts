import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startPreviewServer, type PreviewServer } from '../../electron/core/preview/server.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { expect, signInAsAdmin, waitForApi } from './fixtures.js';

/**
 * Helpers for the sync e2e specs: a real sync server in a temp data folder
 * that can be stopped and started again on the same folder and port (an
 * outage), and extra workstations (preview server + core on their own data
 * folders) for pages beyond the fixture's one.
 */

export const SHOTS = path.join('test-results', 'screenshots');

export async function shot(page: Page, name: string, around?: Locator[]): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  if (!around?.length) {
    await page.screenshot({ path: file, animations: 'disabled' });
    return;
  }
  // A crop around the parts that matter (indicator + popover), with some of the screen around them for context;
  // measured after the popover's zoom-in animation, or the crop is taken from its first, smaller frame.
  await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('.ant-zoom-big-appear, .ant-zoom-big-enter'));
  await page.waitForTimeout(100);
  const boxes = (await Promise.all(around.map((l) => l.boundingBox()))).filter((b): b is NonNullable<typeof b> => b !== null);
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const pad = 16;
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  await page.screenshot({ path: file, animations: 'disabled', clip: { x, y, width: right - x, height: bottom - y } });
}

export interface SyncServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** stops the server (an outage); the data folder stays */
  stop(): Promise<void>;
  /** starts it again on the same folder and port */
  start(): Promise<void>;
  close(): Promise<void>;
  createUser: RunningServer['createUser'];
}

export async function startSyncServer(): Promise<SyncServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-e2e-server-'));
  let running: RunningServer | null = await startServer({ dataDir, port: 0, log: false });
  const { url, port } = running;
  const current = (): RunningServer => {
    if (!running) throw new Error('The sync server is stopped');
    return running;
  };
  return {
    url,
    port,
    dataDir,
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      if (running) return;
      // The port was just released; a moment's retry covers a socket still closing.
      await expect(async () => {
        running = await startServer({ dataDir, port, log: false });
      }).toPass({ timeout: 10_000 });
    },
    async close() {
      await running?.close();
      running = null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    createUser: (req) => current().createUser(req),
  };
}

export interface ExtraWorkstation {
  server: PreviewServer;
  dataDir: string;
  close(): Promise<void>;
}

/** A second workstation (its own core and data folder) in `page`, its administrator signed in, on the ticket list. */
export async function openWorkstation(page: Page): Promise<ExtraWorkstation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-e2e-'));
  const server = await startPreviewServer({ dataDir, port: 0 });
  await page.goto(server.url);
  await waitForApi(page);
  await signInAsAdmin(page);
  return {
    server,
    dataDir,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Credentials {
  server: string;
  username: string;
  password: string;
}

/** Signs in through the indicator and the dialog, as an agent would, and goes back to the ticket list. */
export async function signInThroughUi(page: Page, creds: Credentials): Promise<void> {
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'signed_out');
  await indicator.click();
  await expect(page.getByTestId('sign-in-dialog')).toBeVisible();
  await page.getByLabel('服务器地址').fill(creds.server);
  await page.getByLabel('用户名').fill(creds.username);
  await page.getByLabel('密码', { exact: true }).fill(creds.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-dialog')).toHaveCount(0);
  await expect(indicator).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  // The server's user now sits at the desk in place of the PC's administrator: a new agent starts on the console.
  await expect(page.getByTestId('agent-name')).toContainText(creds.username);
  await expect(page.getByTestId('console-screen')).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();
}

/** antd renders options in a popup outside the select; the option's title is its visible label. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

/** Registers a ticket with the keyboard-first form; returns its number. */
export async function createTicketThroughUi(page: Page, t: { subject: string; phone: string; name: string }): Promise<string> {
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('ticket-form')).toBeVisible();
  await page.getByTestId('field-customer-phone').fill(t.phone);
  await page.getByTestId('field-customer-name').fill(t.name);
  await page.getByTestId('field-subject').fill(t.subject);
  await pick(page, 'field-category', '报修/故障');
  await page.getByTestId('field-description').fill('客户反映网络时断时续，已重启光猫，问题依旧。');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('toast-saved')).toBeVisible();
  await expect(page.getByTestId('ticket-form')).toHaveCount(0);
  const no = ((await page.getByTestId('detail-no').textContent()) ?? '').match(/\d{4}-\d{4}-\d{4}-\d{4}|GD[\w-]+/)?.[0];
  expect(no).toBeTruthy();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-detail-body')).toHaveCount(0);
  return no ?? '';
}

export function rowByNo(page: Page, no: string): Locator {
  return page.locator(`[data-testid="ticket-row"][data-ticket-no="${no}"]`);
}
