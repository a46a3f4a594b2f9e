import type { Page } from '@playwright/test';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot, startSyncServer } from './syncFixtures.js';

/**
 * The agent console end to end: a call from the phone system (the local CTI
 * endpoint) pops the caller, the agent answers and registers a ticket from the
 * call with the keyboard, holds, hangs up, disposes and is ready again; then
 * the stored call and ticket are checked through window.api.
 */

test.use({ startScreen: 'console', previewOptions: { cti: { port: 0 } } });

const CALLER = { name: '李娜', phone: '13912345678', organisation: '华东电力设计院' };
const PBX_CALL_ID = 'pbx-20261124-0001';

/** A known customer with one open ticket, a resolved one like today's problem, and the demo knowledge base. */
async function seed(page: Page): Promise<{ customerId: string; openNo: string }> {
  return page.evaluate(async (caller) => {
    const { api } = globalThis as unknown as PageGlobals;
    const open = await api.invoke('tickets:create', {
      subject: '发票抬头需要变更',
      description: '客户要求把发票抬头改为新的单位名称。',
      category: 'change',
      severity: 'normal',
      channel: 'phone',
      customer: caller,
    });
    if (!open.ok) throw new Error(open.error.message);
    const customerId = open.value.ticket.customerId;
    const old = await api.invoke('tickets:create', {
      subject: 'VPN 连接失败 错误 809',
      description: 'VPN 客户端提示错误 809，无法连接公司内网。',
      category: 'fault',
      severity: 'high',
      channel: 'phone',
      customerId,
    });
    if (!old.ok) throw new Error(old.error.message);
    const started = await api.invoke('tickets:transition', { id: old.value.ticket.id, to: 'in_progress' });
    if (!started.ok) throw new Error(started.error.message);
    const resolved = await api.invoke('tickets:transition', { id: old.value.ticket.id, to: 'resolved', resolution: '路由器开启 L2TP 直通（IPSec passthrough）并放行 UDP 500/4500 后恢复。' });
    if (!resolved.ok) throw new Error(resolved.error.message);
    await api.invoke('kb:loadDemo', {});
    return { customerId, openNo: open.value.ticket.no };
  }, CALLER);
}

async function postCallEvent(page: Page, event: Record<string, unknown>): Promise<void> {
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('cti:info', {}));
  if (!info.ok || !info.value.url || !info.value.token) throw new Error(`CTI endpoint not available: ${JSON.stringify(info)}`);
  const res = await fetch(info.value.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.value.token}` }, body: JSON.stringify(event) });
  expect(res.status, await res.text()).toBe(202);
}

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

test('a CTI call pops the caller; the agent answers, registers a ticket, holds, hangs up, disposes and is ready again', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  const { customerId, openNo } = await seed(page);

  // Ready for calls (F8); the status timer runs from the state's start.
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) !== 'ready') await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'idle');

  // The phone system reports a call: the bar rings with the caller's name, the screen-pop shows their tickets.
  await postCallEvent(page, { event: 'ringing', callId: PBX_CALL_ID, direction: 'inbound', from: CALLER.phone, to: '4008001234' });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  await expect(page.getByTestId('call-customer')).toHaveText(CALLER.name);
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-state', 'known');
  await expect(page.getByTestId('pop-customer')).toContainText(CALLER.organisation);
  await expect(page.locator(`[data-testid="pop-ticket"][data-ticket-no="${openNo}"]`)).toBeVisible();

  // F2 answers; the talk timer counts from the stored answer time.
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await expect(state).toHaveAttribute('data-state', 'on_call');
  await expect(page.getByTestId('talk-timer')).toHaveText(/^0:0[0-9]$/);

  // Ctrl+N: the ticket form opens with the caller picked and the channel phone; the cursor waits in the subject.
  await page.keyboard.press('Control+N');
  const form = page.getByTestId('console-form');
  await expect(form).toHaveAttribute('data-draft-key', /^call:/);
  await expect(page.getByTestId('customer-picked')).toContainText(CALLER.name);
  await expect(page.getByTestId('field-subject')).toBeFocused();
  await page.keyboard.type('VPN 连接失败，提示错误 809');
  await pick(page, 'field-category', '报修/故障');
  await page.getByTestId('field-description').fill('客户在家办公，VPN 客户端连接时提示错误 809，家里换了新路由器。');
  // The knowledge panel: similar resolved tickets (the old VPN ticket) and knowledge-base suggestions.
  await expect(page.getByTestId('similar-ticket').first()).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('similar-insert').first().click();
  await expect(page.getByTestId('field-resolution')).toHaveValue(/L2TP/);
  // The draft is saved as the agent types.
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'saved');
  await shot(page, 'console-during-call');

  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('toast-saved')).toBeVisible();
  await expect(page.getByTestId('console-form-empty')).toBeVisible();
  await expect(bar).toContainText('1');

  // F3 holds and resumes; the hold timer comes from the stored hold start.
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'held');
  await expect(page.getByTestId('hold-now')).toBeVisible();
  await page.waitForTimeout(1_200);
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await expect(page.getByTestId('hold-timer')).not.toHaveText('0:00');

  // F4 hangs up: after-call work with its countdown; finishing without a disposition is refused.
  await page.keyboard.press('F4');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  await expect(state).toHaveAttribute('data-state', 'after_call');
  await expect(page.getByTestId('wrap-countdown')).toContainText(/[0-9]:[0-5][0-9]/);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('disposition-required')).toBeVisible();
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  await pick(page, 'disposition', '已建工单');
  await shot(page, 'console-wrap-up');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('toast-wrap-done')).toBeVisible();
  await expect(bar).toHaveAttribute('data-status', 'idle');
  await expect(state).toHaveAttribute('data-state', 'ready');
  await shot(page, 'console-after-call');

  // What was stored: the call's figures, disposition and ticket; the ticket's customer and channel.
  const calls = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('calls:list', { limit: 10 }));
  if (!calls.ok) throw new Error(calls.error.message);
  const stored = calls.value.find((c) => c.externalId === PBX_CALL_ID);
  expect(stored).toMatchObject({ source: 'cti', direction: 'inbound', status: 'ended', disposition: 'ticket_created', customerId });
  if (!stored) return;
  expect(stored.answerAt).not.toBeNull();
  expect(stored.endAt).not.toBeNull();
  expect(stored.wrapEndAt).not.toBeNull();
  expect(stored.holdSeconds).toBeGreaterThanOrEqual(1);
  expect(stored.ticketIds).toHaveLength(1);
  const ticket = await page.evaluate((id) => (globalThis as unknown as PageGlobals).api.invoke('tickets:get', { id }), stored.ticketIds[0] ?? '');
  expect(ticket).toMatchObject({ ok: true, value: { ticket: { customerId, channel: 'phone', subject: 'VPN 连接失败，提示错误 809' } } });
  // The draft went with the ticket.
  const drafts = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('drafts:list', {}));
  expect(drafts).toMatchObject({ ok: true, value: [] });
});

test('a call typed in by hand: the half-typed ticket survives a reload and comes back by itself', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  // F6: a new call by number (a pasted number keeps only its digits); an unknown number offers a new customer.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('new-call-dialog')).toBeVisible();
  await page.getByTestId('new-call-number').fill('021-5888 6666');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('new-call-dialog')).toHaveCount(0);
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', /ringing|talking/);
  if ((await bar.getAttribute('data-status')) === 'ringing') await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-state', 'unknown');

  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('field-customer-phone')).toHaveValue('021-5888 6666');
  await page.getByTestId('field-customer-name').fill('陈先生');
  await page.getByTestId('field-subject').fill('打印机卡纸');
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'saved');

  // A reload (as after a crash): the call and the draft are read back from the core.
  await page.reload();
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'talking', { timeout: 15_000 });
  await expect(page.getByTestId('field-subject')).toHaveValue('打印机卡纸');
  await expect(page.getByTestId('field-customer-name')).toHaveValue('陈先生');
  await expect(page.getByTestId('field-customer-phone')).toHaveValue('021-5888 6666');
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'idle');
  await shot(page, 'console-draft-restored');
});

test('not ready with a reason and back (F8); signing out leaves the sign-in screen only; a wrong password is refused in words', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) !== 'ready') await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  // F8 while ready asks why (attendance reads the reason); a digit answers.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('reason-picker')).toBeVisible();
  await page.keyboard.press('2');
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  await expect(page.getByTestId('agent-state-tag')).toHaveText('示忙·用餐');
  await expect(page.getByTestId('agent-state-timer')).toHaveText(/^0:0\d$/);
  await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  const log = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('agent:stateLog', { limit: 10 }));
  if (!log.ok) throw new Error(log.error.message);
  expect(log.value.some((e) => e.state === 'not_ready' && e.reason === 'meal')).toBe(true);

  await page.keyboard.press('Control+N');
  await page.getByTestId('field-subject').fill('不应留在屏幕上的工单');
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-status', 'saved');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-ok').click();
  await expect(page.getByTestId('sign-in-screen')).toHaveAttribute('data-mode', 'sign-in');
  await expect(page.getByText('不应留在屏幕上的工单')).toHaveCount(0);
  // Nothing but the sign-in channels answers now.
  const list = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('tickets:list', { limit: 5 }));
  expect(list).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

  await page.getByTestId('desk-username').fill('admin');
  await page.getByTestId('desk-password').fill('wrong-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-sign-in-error')).toContainText('用户名或密码错误');
  await shot(page, 'console-sign-in');
  await page.getByTestId('desk-password').fill('admin-pass-2026');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-screen')).toBeVisible();
  await expect(page.getByTestId('agent-name')).toContainText('王管理');
});

test.describe('a fresh PC', () => {
  test.use({ startScreen: 'sign-in' });

  test('a fresh PC asks for its administrator first, refuses bad input in words, then opens the console', async ({ page, workstation }) => {
    expect(workstation.dataDir).toBeTruthy();
    const screen = page.getByTestId('sign-in-screen');
    await expect(screen).toHaveAttribute('data-mode', 'setup');
    // Nothing of the app is on screen before a sign-in.
    await expect(page.getByTestId('console-screen')).toHaveCount(0);
    await expect(page.getByTestId('desk-username')).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(page.locator('#desk-sign-in_username_help')).toBeVisible();
    await page.getByTestId('desk-username').fill('zhang.wei');
    await page.getByTestId('desk-display-name').fill('张伟');
    await page.getByTestId('desk-password').fill('short');
    await page.keyboard.press('Enter');
    await expect(page.locator('#desk-sign-in_password_help')).toContainText('8');
    await page.getByTestId('desk-password').fill('hotline-2026');
    await page.getByTestId('desk-password-repeat').fill('hotline-2025');
    await page.keyboard.press('Enter');
    await expect(page.locator('#desk-sign-in_passwordRepeat_help')).toContainText('不一致');
    await shot(page, 'console-setup');

    await page.getByTestId('desk-password-repeat').fill('hotline-2026');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('console-screen')).toBeVisible();
    await expect(page.getByTestId('agent-name')).toContainText('张伟');
    await expect(page.getByTestId('nav-console')).toContainText('Ctrl+1');
  });

  test('an agent with a server account signs in through the sync server from the sign-in screen', async ({ page, workstation }) => {
    expect(workstation.dataDir).toBeTruthy();
    const sync = await startSyncServer();
    try {
      await sync.createUser({ username: 'liu.yang', password: 'Hotline#2026', role: 'agent', team: '一组' });
      await expect(page.getByTestId('sign-in-screen')).toBeVisible();
      await page.getByTestId('desk-server-sign-in').click();
      await expect(page.getByTestId('sign-in-dialog')).toBeVisible();
      await page.getByTestId('sign-in-server').fill(sync.url);
      await page.getByTestId('sign-in-username').fill('liu.yang');
      await page.getByTestId('sign-in-password').fill('Hotline#2026');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('console-screen')).toBeVisible({ timeout: 20_000 });
      const session = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('agent:session', {}));
      expect(session).toMatchObject({ ok: true, value: { agent: { username: 'liu.yang', source: 'server', role: 'agent' } } });
    } finally {
      await sync.close();
    }
  });
});
