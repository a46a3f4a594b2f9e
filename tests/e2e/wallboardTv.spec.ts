import { ADMIN, expect, test } from './fixtures.js';
import { shot } from './syncFixtures.js';
import { api, cti, seedMorning } from './wallboardSeed.js';

// The call-event endpoint on a free port: calls ring, wait and end at the times the PBX says.
test.use({ previewOptions: { cti: { port: 0 } } });

test('TV mode: the board opens read-only on its own page, stays live after the desk signs out, survives a reload, and stops when the supervisor stops it', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  await seedMorning(page);
  const info = await api(page, 'cti:info', {});

  await page.keyboard.press('Control+8');
  await expect(page.getByTestId('wb-value-offered')).toHaveText('4');
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('wb-tv-open').click();
  const tv = await popup;
  await tv.setViewportSize({ width: 1920, height: 1080 });
  await expect(tv.getByTestId('tv-wallboard')).toBeVisible();
  // The key left the address bar at once: nothing to photograph or copy from history.
  expect(new URL(tv.url()).hash).toBe('#/wallboard/tv');
  await expect(tv.getByTestId('wb-value-offered')).toHaveText('4');
  await expect(tv.getByTestId('wb-figure-serviceLevel')).toHaveAttribute('data-band', 'red');
  await expect(tv.getByTestId('tv-wallboard')).toHaveAttribute('data-scope', 'center');
  // Read-only: no figure is a button, no chart switch, no sign-out, no navigation.
  await expect(tv.getByTestId('tv-wallboard').getByRole('button')).toHaveCount(0);
  await expect(tv.getByRole('switch')).toHaveCount(0);
  await expect(tv.getByTestId('sign-out')).toHaveCount(0);
  await expect(tv.locator('.ant-layout-header')).toHaveCount(0);
  // Large type for a wall: a figure's value is at least 48 px high.
  const valueSize = await tv.getByTestId('wb-value-offered').evaluate((el) => parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize));
  expect(valueSize).toBeGreaterThanOrEqual(48);
  await shot(tv, 'wallboard-tv-zh-CN');

  // The supervisor's list shows the display, with their name.
  await expect(page.getByTestId('wb-tv-list')).toContainText('1');

  // The desk signs out: the wall keeps showing, and a call that rings at the empty desk shows on it live.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-ok').click();
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await cti(info.port, info.token ?? '', 'ringing', 'pbx-tv-1', 0, '13600001111');
  await expect(tv.getByTestId('wb-value-offered')).toHaveText('5');

  // A reload of the TV (a power cut of the screen's PC, a kiosk refresh) needs nobody.
  await tv.reload();
  await expect(tv.getByTestId('wb-value-offered')).toHaveText('5');

  // Back at the desk, the supervisor stops the display: the wall says so instead of showing stale figures.
  await page.getByTestId('desk-username').fill(ADMIN.username);
  await page.getByTestId('desk-password').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-screen')).toBeVisible();
  await page.keyboard.press('Control+8');
  await page.getByTestId('wb-tv-list').click();
  await expect(page.getByRole('dialog')).toContainText(ADMIN.displayName);
  await page.getByTestId('tv-stop').click();
  await page.getByTestId('tv-stop-ok').click();
  await expect(tv.getByTestId('tv-stopped')).toBeVisible({ timeout: 20_000 });
  await expect(tv.getByTestId('tv-stopped')).toContainText('这块大屏已停止');
  await shot(tv, 'wallboard-tv-stopped-zh-CN');
});

test('TV mode reads in English', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await seedMorning(page);
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="English"]').click();
  await page.keyboard.press('Control+8');
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('wb-tv-open').click();
  const tv = await popup;
  await tv.setViewportSize({ width: 1920, height: 1080 });
  await expect(tv.getByTestId('tv-wallboard')).toBeVisible();
  await expect(tv.getByRole('heading', { level: 1 })).toHaveText('Wallboard · Whole center');
  await expect(tv.getByTestId('wb-figure-serviceLevel')).toContainText('Alert');
  await shot(tv, 'wallboard-tv-en');
});
