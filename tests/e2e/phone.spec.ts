import type { Page } from '@playwright/test';
import { startReferenceConnector, type ReferenceConnector } from '../support/phoneConnector.js';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot } from './syncFixtures.js';

/**
 * Phone commands (issue 14) in the browser: the admin points this PC at the
 * reference connector, then works calls as an agent does; the connector
 * receives each command, and a command it refuses is shown in words while
 * the console keeps the call (or the state) as it was. 1366x768.
 */

test.use({ startScreen: 'console', previewOptions: { cti: { port: 0 } }, viewport: { width: 1366, height: 768 } });

let connector: ReferenceConnector;
test.beforeEach(async () => {
  connector = await startReferenceConnector();
});
test.afterEach(async () => {
  await connector.close();
});

const api = (page: Page) => ({
  invoke: <T>(channel: string, payload: unknown): Promise<T> =>
    page.evaluate(
      async ([c, p]) => {
        const r = await (globalThis as unknown as PageGlobals).api.invoke(c as never, p as never);
        if (!r.ok) throw new Error(`${String(c)}: ${r.error.code} ${r.error.message}`);
        return r.value as unknown;
      },
      [channel, payload] as const,
    ) as Promise<T>,
});

async function postCallEvent(page: Page, event: Record<string, unknown>): Promise<void> {
  const info = await api(page).invoke<{ url: string | null; token: string | null }>('cti:info', {});
  if (!info.url || !info.token) throw new Error('CTI endpoint not available');
  const res = await fetch(info.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` }, body: JSON.stringify(event) });
  expect(res.status, await res.text()).toBe(202);
}

async function switchLanguage(page: Page, label: '中文' | 'English'): Promise<void> {
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
}

const kinds = (): string[] => connector.commands.map((c) => (c.command === 'state' ? `state:${c.state}${c.reason ? `:${c.reason}` : ''}` : c.command));

test('the admin configures the connector; answer, hold, resume, hang up, ready and not ready reach it; a refused command is shown and changes nothing', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();

  // The admin's CTI tab: a public address is refused under the field, nothing saved.
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  const panel = page.getByTestId('phone-connector-panel');
  await expect(panel.getByTestId('phone-connector-state')).toHaveText('未配置（手动方式）');
  await panel.getByTestId('phone-url').fill('http://8.8.8.8/commands');
  await panel.getByTestId('phone-token').fill(connector.token);
  await panel.getByTestId('phone-save').click();
  await expect(panel).toContainText('只能是本机或内网地址');
  await expect(panel.getByTestId('phone-connector-state')).toHaveText('未配置（手动方式）');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'phone-connector-refused-zh');

  await panel.getByTestId('phone-url').fill(connector.url);
  await expect(panel).not.toContainText('只能是本机或内网地址');
  await panel.getByTestId('phone-seat').fill('8001');
  await panel.getByTestId('phone-save').click();
  await expect(panel.getByTestId('phone-connector-state')).toHaveText('已启用');
  await expect(panel.getByTestId('phone-token-state')).toHaveText('已设置');
  // Write-only: the field is empty again and the page never holds the token.
  await expect(panel.getByTestId('phone-token')).toHaveValue('');
  expect(await page.content()).not.toContain(connector.token);
  await shot(page, 'phone-connector-zh');
  await switchLanguage(page, 'English');
  await expect(panel.getByTestId('phone-connector-state')).toHaveText('On');
  await shot(page, 'phone-connector-en');
  await switchLanguage(page, '中文');

  // The console: the admin chooses to take calls (F8): the phone system hears "ready" first.
  await page.keyboard.press('Control+1');
  const state = page.getByTestId('agent-state');
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  expect(kinds()).toEqual(['state:ready']);

  // A call rings; F2 answers on the phone system, F3 holds and resumes.
  await postCallEvent(page, { event: 'ringing', callId: 'pbx-phone-1', from: '13912345678' });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'held');
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  expect(kinds()).toEqual(['state:ready', 'answer', 'hold', 'resume']);
  expect(connector.commands[1]).toMatchObject({ v: 1, command: 'answer', callId: 'pbx-phone-1', agent: 'admin', seat: '8001', number: '13912345678' });

  // The phone system refuses the hang-up: the agent reads why, the call stays on the line.
  connector.failNext('refuse', { command: 'hangup', message: '分机 8001 正在转接' });
  await page.keyboard.press('F4');
  const failed = page.getByTestId('hangup-failed');
  await expect(failed).toContainText('电话系统拒绝了该命令');
  await expect(failed).toContainText('分机 8001 正在转接');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await shot(page, 'phone-hangup-refused-zh');
  await page.getByRole('button', { name: '保持通话' }).click();
  await expect(failed).toHaveCount(0);
  await expect(bar).toHaveAttribute('data-status', 'talking');

  // Again: hung up on the phone system, then after-call work is announced.
  await page.keyboard.press('F4');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  await expect.poll(kinds).toEqual(['state:ready', 'answer', 'hold', 'resume', 'hangup', 'state:after_call_work']);
  await page.getByTestId('disposition').click();
  await page.keyboard.type('yjj');
  await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await expect(bar).toHaveAttribute('data-status', 'idle');
  await expect(state).toHaveAttribute('data-state', 'ready');
  expect(kinds().at(-1)).toBe('state:ready');

  // Not ready with a reason (F8, 1 = 小休) reaches the phone system with its label.
  await page.keyboard.press('F8');
  await page.keyboard.press('1');
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  expect(connector.commands.at(-1)).toMatchObject({ command: 'state', state: 'not_ready', reason: 'break', reasonLabel: '小休' });

  // The phone system cannot be reached: ready fails in words and the agent stays on their break.
  const before = connector.requests.length;
  connector.failNext('server-error', { command: 'state', message: 'ACD 服务维护中' });
  await page.keyboard.press('F8');
  await expect(page.locator('.ant-message')).toContainText('电话系统拒绝了该命令');
  await expect(page.locator('.ant-message')).toContainText('ACD 服务维护中');
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  expect(connector.requests.length).toBe(before + 1);
  await shot(page, 'phone-ready-refused-zh');

  await switchLanguage(page, 'English');
  connector.failNext('refuse', { command: 'state', message: 'ACD under maintenance' });
  await page.keyboard.press('F8');
  await expect(page.locator('.ant-message')).toContainText('The phone system refused the command');
  await expect(page.locator('.ant-message')).toContainText('ACD under maintenance');
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  await shot(page, 'phone-ready-refused-en');
});

test('a callback dialled through the connector shows as outbound and is completed when the customer answers', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  await api(page).invoke('cti:setConnector', { url: connector.url, token: connector.token });
  const d = await api(page).invoke<{ ticket: { id: string }; customer: { id: string } }>('tickets:create', {
    subject: '宽带报修回电',
    description: '客户要求下午回电确认上门时间',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '钱七', phone: '13800138000' },
  });
  const cb = await api(page).invoke<{ id: string }>('callbacks:schedule', { customerId: d.customer.id, ticketId: d.ticket.id, phone: '13800138000', dueAt: new Date(Date.now() + 3_600_000).toISOString() });

  await page.keyboard.press('Control+6');
  await page.getByTestId('callback-dial').first().click();
  await page.keyboard.press('Control+1');
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  // Dialled, not ringing in: 正在呼出, never 来电振铃.
  await expect(page.getByTestId('call-status')).toHaveText('正在呼出');
  await expect(page.getByTestId('call-direction')).toHaveText('呼出');
  await expect(page.getByTestId('call-answer')).toContainText('客户已接通');
  expect(connector.commands[0]).toMatchObject({ command: 'dial', number: '13800138000', callbackId: cb.id, agent: 'admin' });
  await shot(page, 'phone-callback-dialling-zh');
  await switchLanguage(page, 'English');
  await expect(page.getByTestId('call-status')).toHaveText('Calling');
  await expect(page.getByTestId('call-answer')).toContainText('Customer answered');
  await shot(page, 'phone-callback-dialling-en');
  await switchLanguage(page, '中文');

  // The phone system reports the customer picked up (its id came back in the dial answer).
  await postCallEvent(page, { event: 'answered', callId: 'ref-1' });
  await expect(bar).toHaveAttribute('data-status', 'talking');
  const list = await api(page).invoke<{ id: string; status: string; outcome: string | null }[]>('callbacks:list', { scope: 'mine', status: 'all', limit: 10 });
  expect(list.find((x) => x.id === cb.id)).toMatchObject({ status: 'done', outcome: '电话已接通 · Reached by phone' });
  expect(connector.commands.map((c) => c.command)).toEqual(['dial']);
});
