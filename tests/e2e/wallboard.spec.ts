import http from 'node:http';
import type { Page } from '@playwright/test';
import type { Channel, RequestOf, ValueOf } from '../../shared/contract.js';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot, startSyncServer } from './syncFixtures.js';

// The call-event endpoint on a free port: calls ring, wait and end at the times the PBX says.
test.use({ previewOptions: { cti: { port: 0 } } });

async function api<C extends Channel>(page: Page, channel: C, request: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await page.evaluate(([c, r]) => (globalThis as unknown as PageGlobals).api.invoke(c as Channel, r as never), [channel, request] as [string, unknown]);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return res.value as ValueOf<C>;
}

/** One reference instant per test, so the waits between events are exact whatever the box's load. */
let base = Date.now();

/** A CTI event as the phone system posts it; `ago` seconds before the test's reference instant. */
async function cti(port: number, token: string, event: string, callId: string, ago: number, from?: string): Promise<string> {
  const at = new Date(base - ago * 1000).toISOString();
  // Only `ringing` says who calls; the other events name the call alone.
  const body = JSON.stringify(event === 'ringing' ? { event, callId, from: from ?? '13800138000', at } : { event, callId, at });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/call-events', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => (res.statusCode === 202 ? resolve((JSON.parse(text) as { callId: string }).callId) : reject(new Error(`${event} ${callId}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * This morning at the desk, in the last 20 minutes: c1 answered after 8 s
 * (in target) with a ticket; c2 abandoned after 30 s; c3 a short abandon
 * (3 s); c4 answered after 25 s (late). So: offered 4, answered 2,
 * abandoned 1, SL 1 / 3 = 33.3 % (red), abandon rate 33.3 % (red), ASA 16.5 s.
 */
async function seedMorning(page: Page): Promise<{ ticketNo: string }> {
  base = Date.now();
  const info = await api(page, 'cti:info', {});
  const port = info.port;
  const token = info.token ?? '';
  const c1 = await cti(port, token, 'ringing', 'pbx-1', 1200, '010-6552 9988');
  await cti(port, token, 'answered', 'pbx-1', 1192);
  const t1 = await api(page, 'tickets:create', {
    subject: '打印机无法打印',
    description: '错误码 ERR_0x80070005，已重启无效',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '王芳', phone: '010-6552 9988' },
  });
  await api(page, 'calls:link', { callId: c1, ticketId: t1.ticket.id });
  await cti(port, token, 'ended', 'pbx-1', 1080);
  await api(page, 'calls:wrapUp', { id: c1, disposition: 'ticket_created' });
  await cti(port, token, 'ringing', 'pbx-2', 900, '13911112222');
  await cti(port, token, 'ended', 'pbx-2', 870);
  await cti(port, token, 'ringing', 'pbx-3', 600, '13933334444');
  await cti(port, token, 'ended', 'pbx-3', 597);
  const c4 = await cti(port, token, 'ringing', 'pbx-4', 480, '13955556666');
  await cti(port, token, 'answered', 'pbx-4', 455);
  await cti(port, token, 'ended', 'pbx-4', 395);
  await api(page, 'calls:wrapUp', { id: c4, disposition: 'info_given' });
  await api(page, 'tickets:create', { subject: '投诉：上门维修迟到', description: '客户投诉工程师迟到两小时', category: 'complaint', severity: 'urgent', channel: 'email', customer: { name: '刘洋', phone: '13911112222' } });
  return { ticketNo: t1.ticket.no };
}

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
