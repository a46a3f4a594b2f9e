import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openCore, type LocalCore } from '../../electron/core/index.js';
import { startPreviewServer, type PreviewServer } from '../../electron/core/preview/server.js';
import { MemoryTokenStore } from '../../electron/core/sync/session.js';
import type { Channel, RequestOf } from '../../shared/contract.js';
import { expect, signInAsAdmin, test, waitForApi, type PageGlobals } from './fixtures.js';
import { shot, startSyncServer, type SyncServer } from './syncFixtures.js';

/*
 * Archiving (issue 18 point 3) as an agent meets it: a PC whose old closed
 * tickets left it (archived after the server confirmed it holds them) says
 * "older tickets on the server" in the ticket search and in the caller's
 * screen-pop, opens one fetched from the server read-only, says plainly when
 * the server cannot be reached, and the reports say what the PC holds.
 */

const DAY = 86_400_000;
const PASSWORD = 'archive-pass-2026';
const PHONE = '13712345678';

let server: SyncServer;
let preview: PreviewServer | null = null;
let dataDir = '';

async function must<C extends Channel>(core: LocalCore, channel: C, payload: RequestOf<C>): Promise<unknown> {
  const r = await core.call(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A PC that worked for a year: tickets closed two months ago, synced, then archived (a month's horizon). */
async function seed(username: string): Promise<void> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-e2e-archive-'));
  const clock = { t: Date.now() - 62 * DAY };
  const core = await openCore({ dataDir, actorId: 'ws', idleCheckpointMs: 0, now: () => clock.t, tokenStore: new MemoryTokenStore(), sync: { autoStart: false } });
  try {
    await must(core, 'sync:login', { server: server.url, username, password: PASSWORD });
    const subjects = ['去年的网络故障：光猫频繁掉线', '打印机驱动安装失败 ERR_0x80070005', '宽带账号密码重置'];
    for (const subject of subjects) {
      const created = (await must(core, 'tickets:create', {
        subject,
        description: '客户反映网络时断时续，已重启光猫，问题依旧。',
        category: 'fault',
        severity: 'normal',
        channel: 'phone',
        customer: { name: '韩梅梅', phone: PHONE },
      })) as { ticket: { id: string } };
      const id = created.ticket.id;
      await must(core, 'tickets:transition', { id, to: 'resolved', resolution: '更换光猫电源后恢复正常，客户确认。' });
      await must(core, 'tickets:transition', { id, to: 'closed', note: '回访满意' });
    }
    await must(core, 'archive:setConfig', { afterMonths: 1 });
    await must(core, 'sync:now', {});
    clock.t = Date.now();
    const run = (await must(core, 'archive:run', {})) as { archived: number };
    expect(run.archived).toBe(3);
  } finally {
    await core.close();
  }
}

async function invoke(page: Page, channel: string, payload: unknown): Promise<void> {
  const r = await page.evaluate(([c, p]) => (globalThis as unknown as PageGlobals).api.invoke(c as never, p as never), [channel, payload] as const);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
}

test.beforeAll(async () => {
  server = await startSyncServer();
});
test.afterAll(async () => {
  await preview?.close();
  await server.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('older tickets on the server: named in search and screen-pop, fetched to read, offline said plainly', async ({ page }) => {
  test.setTimeout(180_000);
  const username = `arc${Math.random().toString(36).slice(2, 7)}`;
  await server.createUser({ username, password: PASSWORD, role: 'admin', team: 'first' });
  await seed(username);
  preview = await startPreviewServer({ dataDir, port: 0 });
  await page.goto(preview.url);
  await waitForApi(page);
  await signInAsAdmin(page);
  // The server's user sits at the desk (the PC had signed in before).
  await invoke(page, 'sync:login', { server: server.url, username, password: PASSWORD });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();

  // Search: nothing here, but the server holds it.
  await page.getByTestId('ticket-search').fill('光猫');
  const hint = page.getByTestId('archived-hint-search');
  await expect(hint).toContainText('较早的工单在服务器上（1 张）');
  await expect(hint).toContainText('去年的网络故障');
  await shot(page, 'archive-search-hint');
  await hint.getByTestId('archived-view').click();
  const dialog = page.getByTestId('archived-dialog');
  await expect(dialog.getByTestId('archived-subject')).toHaveText('去年的网络故障：光猫频繁掉线');
  await expect(dialog).toContainText('更换光猫电源后恢复正常');
  await expect(dialog).toContainText('只读');
  await shot(page, 'archive-fetched-ticket');
  await page.keyboard.press('Escape');
  await expect(dialog.getByTestId('archived-view-body')).toHaveCount(0);

  // Screen-pop: the caller's older tickets.
  await page.keyboard.press('Control+1');
  await invoke(page, 'calls:start', { direction: 'inbound', number: PHONE });
  const pop = page.getByTestId('archived-hint-pop');
  await expect(pop).toContainText('较早的工单在服务器上（3 张）');
  await expect(page.getByTestId('pop-customer')).toContainText('韩梅梅');
  await shot(page, 'archive-screen-pop-hint');

  // Offline: said plainly, and fetched once the server is back.
  await server.stop();
  await pop.getByTestId('archived-view').first().click();
  await expect(page.getByTestId('archived-error')).toContainText('连不上服务器');
  await shot(page, 'archive-fetch-offline');
  await server.start();
  await page.getByTestId('archived-retry').click();
  await expect(page.getByTestId('archived-view-body')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');

  // Reports: the compared month starts before what this PC holds, and the screen says so.
  await page.keyboard.press('Control+9');
  await expect(page.getByTestId('rp-period-text')).toBeVisible();
  await expect(page.getByTestId('horizon-notice')).toContainText('此电脑只保存');
  await shot(page, 'archive-reports-horizon');
  await page.keyboard.press('Control+1');

  // English, at the smaller screen.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="English"]').click();
  await expect(pop).toContainText('Older tickets on the server (3)');
  await shot(page, 'archive-screen-pop-hint-en');
});
