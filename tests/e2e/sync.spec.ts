import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { createTicketThroughUi, openWorkstation, rowByNo, shot, signInThroughUi, startSyncServer, type Credentials, type ExtraWorkstation, type SyncServer } from './syncFixtures.js';

const USERNAME = 'zhangwei';
const PASSWORD = 'Hotline#2026';

let server: SyncServer;
let other: ExtraWorkstation | null = null;

test.beforeEach(async () => {
  server = await startSyncServer();
  await server.createUser({ username: USERNAME, password: PASSWORD, role: 'agent', team: '一组' });
});

test.afterEach(async () => {
  await other?.close();
  other = null;
  await server.close();
});

const creds = (): Credentials => ({ server: server.url, username: USERNAME, password: PASSWORD });

async function openIndicator(page: Page): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByTestId('sync-panel')).toBeVisible();
}

test('two workstations share a new ticket through the server without a refresh', async ({ page, workstation, context }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  const pageB = await context.newPage();
  other = await openWorkstation(pageB);

  // Standalone until signed in: the indicator says so and leads to the dialog.
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'signed_out');
  await expect(page.getByTestId('sync-indicator')).toContainText('单机模式');

  // The dialog checks the address with the shared schema and says what is wrong, in Chinese, on the field.
  await page.getByTestId('sync-indicator').click();
  await page.getByLabel('服务器地址').fill('ftp://192.168.1.10');
  await page.getByLabel('用户名').fill(creds().username);
  await page.getByLabel('密码', { exact: true }).fill('wrong password');
  await page.keyboard.press('Enter');
  await expect(page.locator('#signIn_server_help')).toContainText('http://');
  // A plain http:// address of another machine: warned about, and no password leaves until the agent accepts that.
  await page.getByLabel('服务器地址').fill('http://192.0.2.10:8787');
  await expect(page.getByTestId('sign-in-insecure')).toContainText('该地址未加密');
  await page.keyboard.press('Enter');
  await expect(page.locator('#signIn_server_help')).toContainText('https://');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('wrong password');
  // A wrong password comes back by code, translated; the password field is emptied.
  // (This PC's own address, loopback, is not warned about.)
  await page.getByLabel('服务器地址').fill(server.url);
  await expect(page.getByTestId('sign-in-insecure')).toHaveCount(0);
  await page.getByLabel('密码', { exact: true }).fill('wrong password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-error')).toContainText('用户名或密码错误');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  await page.getByTestId('sign-in-cancel').click();

  await signInThroughUi(page, creds());
  await signInThroughUi(pageB, creds());

  const subject = `宽带频繁掉线 ${Date.now().toString(36)}`;
  const no = await createTicketThroughUi(page, { subject, phone: '0755-8611 2233', name: '李娜' });

  // B shows it by itself: no refresh click, no "sync now".
  const rowB = rowByNo(pageB, no);
  await expect(rowB).toBeVisible({ timeout: 15_000 });
  await expect(rowB).toContainText(subject);
  await expect(rowB).toContainText('李娜');

  // Both say "up to date", with nothing waiting.
  for (const p of [page, pageB]) {
    const indicator = p.getByTestId('sync-indicator');
    await expect(indicator).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });
    await expect(indicator).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
    await expect(indicator).toContainText(/已同步 \d\d:\d\d/);
  }

  // The popover: the facts and the actions; "Sync now" reports the round.
  await openIndicator(page);
  await expect(page.getByTestId('sync-server')).toHaveText(server.url);
  await page.getByTestId('sync-now').click();
  // The open popover shows the round itself; no toast over it.
  await expect(page.getByTestId('sync-last-round')).toContainText('上传');
  await expect(page.getByTestId('toast-sync-done')).toHaveCount(0);
  await expect(page.getByTestId('sync-last-synced')).toContainText('前');
  await shot(page, 'sync-indicator-popover', [page.getByTestId('sync-indicator'), page.getByTestId('sync-panel')]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-panel')).toHaveCount(0);
  await expect(page.getByTestId('sync-indicator')).toBeFocused();

  // Ctrl+Shift+S syncs from anywhere; with the popover closed the result comes as a toast.
  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('toast-sync-done')).toBeVisible();

  // An open ticket on B follows a change made on A (origin 'sync'), and stays selected.
  await rowB.click();
  await expect(pageB.getByTestId('ticket-detail-body')).toHaveAttribute('data-status', 'new');
  await rowByNo(page, no).click();
  await page.getByTestId('transition-in_progress').click();
  await expect(page.getByTestId('ticket-detail-body')).toHaveAttribute('data-status', 'in_progress');
  await expect(pageB.getByTestId('ticket-detail-body')).toHaveAttribute('data-status', 'in_progress', { timeout: 15_000 });
  await expect(rowB).toContainText('处理中');
  await expect(rowB).toHaveClass(/ant-table-row-selected/);
  await shot(pageB, 'sync-b-after-change');

  // No problems yet: the drawer says so.
  await openIndicator(pageB);
  await pageB.getByTestId('sync-open-problems').click();
  await expect(pageB.getByTestId('sync-problems-empty')).toBeVisible();
  await pageB.keyboard.press('Escape');
});

test('changes made on one PC while the other is paused come back as a sync problem the agent can settle', async ({ page, workstation, context }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  const pageB = await context.newPage();
  other = await openWorkstation(pageB);
  await signInThroughUi(page, creds());
  await signInThroughUi(pageB, creds());

  const subject = `座机无拨号音 ${Date.now().toString(36)}`;
  const no = await createTicketThroughUi(page, { subject, phone: '021-6288 7766', name: '陈静' });
  const rowB = rowByNo(pageB, no);
  await expect(rowB).toBeVisible({ timeout: 15_000 });

  // B pauses and puts the ticket on "waiting for the customer"; the change waits on B.
  await openIndicator(pageB);
  await pageB.getByTestId('sync-pause').click();
  await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'paused');
  await pageB.keyboard.press('Escape');
  await rowB.click();
  await pageB.getByTestId('transition-waiting_customer').click();
  await expect(pageB.getByTestId('ticket-detail-body')).toHaveAttribute('data-status', 'waiting_customer');
  await expect(pageB.getByTestId('sync-indicator')).toContainText('1 条待上传');
  await pageB.keyboard.press('Escape');

  // Meanwhile A resolves it.
  await rowByNo(page, no).click();
  await page.getByTestId('transition-resolved').click();
  await page.getByTestId('transition-resolution').fill('远程重置端口后恢复拨号音，已与客户确认。');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('ticket-detail-body')).toHaveAttribute('data-status', 'resolved');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });

  // B resumes: its status change lost to A's or was refused; either way it is listed, with both values.
  await openIndicator(pageB);
  await pageB.getByTestId('sync-pause').click();
  await pageB.keyboard.press('Escape');
  const badge = pageB.getByTestId('sync-problems-badge');
  await expect(badge).toBeVisible({ timeout: 20_000 });
  await badge.click();
  const problem = pageB.getByTestId('sync-problem').first();
  await expect(problem).toBeVisible();
  await expect(problem.getByTestId('problem-label')).toContainText(no);
  await expect(problem.getByTestId('problem-label')).toContainText(subject);
  const status = problem.locator('[data-testid="problem-field"][data-field="status"]');
  await expect(status.getByTestId('problem-field-local')).toHaveText('待客户反馈');
  await expect(status.getByTestId('problem-field-server')).toHaveText('已解决');
  await shot(pageB, 'sync-problems-drawer');

  // Discard asks first, then the server's value stays.
  await problem.getByTestId('problem-discard').click();
  await expect(pageB.getByTestId('problem-discard-confirm')).toBeVisible();
  await shot(pageB, 'sync-problems-discard-confirm');
  await pageB.getByTestId('problem-discard-confirm').click();
  await expect(pageB.getByTestId('sync-problems-empty')).toBeVisible({ timeout: 15_000 });
  await expect(badge).toHaveCount(0);
  await pageB.keyboard.press('Escape');
  await expect(rowB).toContainText('已解决', { timeout: 15_000 });
});

test('an outage: the ticket waits on this PC, the indicator says so, and it reaches the other PC when the server is back', async ({ page, workstation, context }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  const pageB = await context.newPage();
  other = await openWorkstation(pageB);
  await signInThroughUi(page, creds());
  await signInThroughUi(pageB, creds());

  await server.stop();
  const subject = `打印机卡纸 ${Date.now().toString(36)}`;
  const no = await createTicketThroughUi(page, { subject, phone: '13912345678', name: '赵磊' });

  // A new customer and the ticket are two changes in the outbox; the indicator counts exactly what waits.
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
  const pending = Number(await indicator.getAttribute('data-pending'));
  expect(pending).toBeGreaterThanOrEqual(1);
  await expect(indicator).toContainText(`离线 · ${pending} 条待上传`);
  await expect(page.getByTestId('toast-saved')).toHaveCount(0);
  await openIndicator(page);
  await expect(page.getByTestId('sync-pending')).toContainText(`${pending} 条修改已保存在本机`);
  await expect(page.getByTestId('sync-next-retry')).toBeVisible();
  await shot(page, 'sync-offline-popover', [indicator, page.getByTestId('sync-panel')]);
  await page.keyboard.press('Escape');
  await expect(rowByNo(pageB, no)).toHaveCount(0);

  // Back on the same folder and port: the retry finds it by itself.
  await server.start();
  await expect(indicator).toHaveAttribute('data-state', 'idle', { timeout: 90_000 });
  await expect(indicator).toHaveAttribute('data-pending', '0');
  await expect(rowByNo(pageB, no)).toBeVisible({ timeout: 30_000 });
  await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'idle');
});
