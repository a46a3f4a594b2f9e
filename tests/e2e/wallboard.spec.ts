import { expect, test } from './fixtures.js';
import { shot, startSyncServer } from './syncFixtures.js';
import { api, seedMorning } from './wallboardSeed.js';

// The call-event endpoint on a free port: calls ring, wait and end at the times the PBX says.
test.use({ previewOptions: { cti: { port: 0 } } });

test('the supervisor reads today on the wallboard, opens the list behind a figure and the ticket from it, and sees a new ticket live', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  const { ticketNo } = await seedMorning(page);

  await page.keyboard.press('Control+8');
  const board = page.getByTestId('wallboard-screen');
  await expect(board).toBeVisible();
  await expect(page.getByTestId('nav-wallboard')).toContainText('班长席大屏');
  await expect(page.getByTestId('wb-value-offered')).toHaveText('4');
  await expect(page.getByTestId('wb-value-answered')).toHaveText('2');
  await expect(page.getByTestId('wb-value-abandoned')).toHaveText('1');
  await expect(page.getByTestId('wb-value-shortAbandoned')).toHaveText('1');
  await expect(page.getByTestId('wb-value-serviceLevel')).toHaveText('33.3%');
  await expect(page.getByTestId('wb-figure-serviceLevel')).toHaveAttribute('data-band', 'red');
  await expect(page.getByTestId('wb-figure-serviceLevel')).toContainText('告警');
  await expect(page.getByTestId('wb-value-asaSeconds')).toHaveText('16.5 秒');
  await expect(page.getByTestId('wb-figure-asaSeconds')).toHaveAttribute('data-band', 'green');
  await expect(page.getByTestId('wb-value-created')).toHaveText('2');
  await expect(page.getByTestId('wb-value-complaintsOpen')).toHaveText('1');
  await expect(page.getByTestId('wb-freshness')).toHaveAttribute('data-kind', 'live');
  await expect(page.getByTestId('wb-freshness')).toContainText('数据截至');
  const me = page.locator('[data-testid="wb-agent-row"][data-agent="admin"]');
  await expect(me).toContainText('王管理');
  await expect(me.getByTestId('wb-agent-state')).toHaveText('就绪');
  await expect(me).toContainText('2');
  await shot(page, 'wallboard-zh-CN');

  // Numbers one click away: the hourly chart as a table.
  await page.getByTestId('wb-numbers-hour').click();
  await expect(page.getByTestId('wb-table-hour')).toBeVisible();
  await page.getByTestId('wb-numbers-hour').click();

  // The abandoned call behind the figure, from the keyboard.
  await page.getByTestId('wb-figure-abandoned').focus();
  await page.keyboard.press('Enter');
  const drill = page.getByTestId('wb-drill');
  await expect(drill).toBeVisible();
  await expect(drill.getByTestId('wb-drill-row')).toHaveCount(1);
  await expect(drill.getByTestId('wb-drill-row')).toContainText('13911112222');
  await expect(drill.getByTestId('wb-drill-row')).toContainText('放弃');
  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();

  // The answered calls list carries c1's ticket, which opens from there.
  await page.getByTestId('wb-figure-answered').click();
  await expect(drill.getByTestId('wb-drill-row')).toHaveCount(2);
  await shot(page, 'wallboard-drill-zh-CN');
  await drill.getByTestId('wb-drill-open').filter({ hasText: ticketNo }).click();
  await expect(page.getByTestId('ticket-detail-body')).toBeVisible();
  await expect(page.getByTestId('ticket-detail-body')).toContainText('打印机无法打印');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-detail-body')).toBeHidden();
  await drill.getByRole('button', { name: '关闭' }).click();
  await expect(drill).toBeHidden();

  // An admin tightens the ASA target: the figure turns red, flashes once and is read out.
  await api(page, 'reports:setConfig', { thresholds: { asaSeconds: { green: 5, amber: 10 } } });
  await expect(page.getByTestId('wb-figure-asaSeconds')).toHaveAttribute('data-band', 'red');
  await expect(page.getByTestId('wb-announce')).toHaveText('平均应答变为告警：16.5 秒');
  await expect(page.getByTestId('wb-announce')).toHaveAttribute('aria-live', 'polite');

  // Live: a complaint registered meanwhile (here through window.api, as another screen or a sync pull would) shows without a reload.
  await api(page, 'tickets:create', { subject: '投诉：发票迟迟未开', description: '客户第三次来电催发票', category: 'complaint', severity: 'high', channel: 'phone', customer: { name: '陈静', phone: '13977778888' } });
  await expect(page.getByTestId('wb-value-created')).toHaveText('3');
  await expect(page.getByTestId('wb-value-complaintsOpen')).toHaveText('2');
  await expect(page.getByTestId('wallboard-screen')).toBeVisible();
});

test('the wallboard reads in English', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await seedMorning(page);
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="English"]').click();
  await page.keyboard.press('Control+8');
  await expect(page.getByTestId('nav-wallboard')).toContainText('Wallboard');
  await expect(page.getByTestId('wb-value-serviceLevel')).toHaveText('33.3%');
  await expect(page.getByTestId('wb-figure-serviceLevel')).toContainText('Alert');
  await expect(page.getByTestId('wb-freshness')).toContainText('Data as of');
  await shot(page, 'wallboard-en');

});

test('offline, the board keeps the last figures and says how old they are', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  const server = await startSyncServer();
  try {
    await server.createUser({ username: 'chen.sup', password: 'super-pass-2026', role: 'supervisor', team: '一组' });
    await api(page, 'sync:login', { server: server.url, username: 'chen.sup', password: 'super-pass-2026' });
    await api(page, 'tickets:create', { subject: '宽带无法上网', description: '光猫红灯闪烁', category: 'fault', severity: 'high', channel: 'phone', customer: { name: '赵磊', phone: '13812345678' } });
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
    await page.keyboard.press('Control+8');
    await expect(page.getByTestId('wb-value-created')).toHaveText('1');
    await expect(page.getByTestId('wb-freshness')).toHaveAttribute('data-kind', 'live');

    // The server goes away; the next change cannot be pushed, and the PC knows it is offline.
    await server.stop();
    await api(page, 'tickets:create', { subject: '投诉：装机延误', description: '预约两次未上门', category: 'complaint', severity: 'normal', channel: 'phone', customer: { name: '孙丽', phone: '13887654321' } });
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
    const fresh = page.getByTestId('wb-freshness');
    await expect(fresh).toHaveAttribute('data-kind', 'offline');
    await expect(fresh).toHaveText(/数据截至 \d\d:\d\d · 离线/);
    // Never blank: the last figures stay, with this PC's own new ticket on top.
    await expect(page.getByTestId('wb-value-created')).toHaveText('2');
    await expect(page.getByTestId('wb-value-complaintsOpen')).toHaveText('1');
    await shot(page, 'wallboard-offline-zh-CN');
  } finally {
    await server.close();
  }
});
