import type { Page } from '@playwright/test';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot } from './syncFixtures.js';

/**
 * The traps a day of real use found (issue 14), each walked as an agent
 * would: a category picked by typing, Ctrl+N during a call for a new caller,
 * a call ringing during another one recorded and called back from the
 * missed list. 1366x768, the smallest screen the product supports.
 */

test.use({ startScreen: 'console', previewOptions: { cti: { port: 0 } }, viewport: { width: 1366, height: 768 } });

async function postCallEvent(page: Page, event: Record<string, unknown>): Promise<void> {
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('cti:info', {}));
  if (!info.ok || !info.value.url || !info.value.token) throw new Error(`CTI endpoint not available: ${JSON.stringify(info)}`);
  const res = await fetch(info.value.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.value.token}` }, body: JSON.stringify(event) });
  expect(res.status, await res.text()).toBe(202);
}

async function switchLanguage(page: Page, label: '中文' | 'English'): Promise<void> {
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
}

test('a new caller during a call: Ctrl+N types into the name, 投诉 typed picks 投诉, a second caller is kept and called back from the missed list', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) !== 'ready') await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');

  // An unknown caller rings; F2 answers; Ctrl+N opens the form with the number filled in.
  await postCallEvent(page, { event: 'ringing', callId: 'pbx-trap-1', from: '13700001111' });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  await expect(page.getByTestId('screen-pop')).toHaveAttribute('data-state', 'unknown');
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('field-customer-phone')).toHaveValue('13700001111');
  // The agent's first words are the caller's name: they land in the name, not in the number.
  await expect(page.getByTestId('field-customer-name')).toBeFocused();
  await page.keyboard.type('赵六');
  await expect(page.getByTestId('field-customer-name')).toHaveValue('赵六');
  await expect(page.getByTestId('field-customer-phone')).toHaveValue('13700001111');
  // Ctrl+N again on the open form: the next empty field (the subject).
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('field-subject')).toBeFocused();
  await page.keyboard.type('维修人员未按约定上门');

  // The category by typing: 投诉 + Enter is 投诉 (before, the first option, 咨询, was picked).
  await page.getByTestId('field-category').click();
  await page.keyboard.type('投诉');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-category')).toContainText('投诉');
  await page.getByTestId('field-description').fill('约好上午上门维修，工程师未到也没有电话通知。');

  // A second caller rings during the call: kept as waiting, shown under the call bar; the call on the line is untouched.
  await postCallEvent(page, { event: 'ringing', callId: 'pbx-trap-2', from: '０１０－６５５２ ９９８８' });
  await expect(page.getByTestId('waiting-call')).toContainText('010-6552 9988');
  await shot(page, 'traps-waiting-zh');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await postCallEvent(page, { event: 'ended', callId: 'pbx-trap-2' });
  await expect(page.getByTestId('waiting-calls')).toHaveCount(0);
  const missed = page.getByTestId('missed-row');
  await expect(missed).toHaveCount(1);
  await expect(missed.getByTestId('missed-number')).toHaveText('010-6552 9988');
  await expect(page.getByTestId('missed-times')).toHaveText('1 次');
  await shot(page, 'traps-console-missed-zh');

  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('toast-saved')).toBeVisible();
  const tickets = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('tickets:list', {}));
  expect(tickets.ok && tickets.value.items[0]).toMatchObject({ category: 'complaint', customerName: '赵六', subject: '维修人员未按约定上门' });

  // The first call ends and is disposed; then Enter on the missed row calls the second caller back.
  await postCallEvent(page, { event: 'ended', callId: 'pbx-trap-1' });
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  // Pinyin initials pick the disposition: yjgd → 已建工单.
  await page.getByTestId('disposition').click();
  await page.keyboard.type('yjgd');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('disposition')).toContainText('已建工单');
  await page.keyboard.press('F9');
  await expect(bar).toHaveAttribute('data-status', 'idle');

  await switchLanguage(page, 'English');
  await expect(page.getByTestId('missed-calls')).toContainText('Missed calls');
  await shot(page, 'traps-console-missed-en');
  await switchLanguage(page, '中文');

  await missed.focus();
  await page.keyboard.press('Enter');
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  await expect(page.getByTestId('call-status')).toHaveText('正在呼出');
  await expect(page.getByTestId('call-direction')).toHaveText('呼出');
  // Reached: the call-back is answered and the caller leaves the list.
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await expect(page.getByTestId('missed-row')).toHaveCount(0);
  const calls = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('calls:list', { limit: 10 }));
  expect(calls.ok && calls.value.map((c) => [c.externalId, c.direction, c.status])).toEqual([
    [null, 'outbound', 'talking'],
    ['pbx-trap-2', 'inbound', 'missed'],
    ['pbx-trap-1', 'inbound', 'ended'],
  ]);
});

test('the assignee is picked from real accounts: a misspelt one finds nobody, and the core refuses it', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  const created = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).api.invoke('accounts:create', { username: 'li.na', displayName: '李娜', password: 'agent-pass-2026', role: 'senior', team: '二线' }),
  );
  expect(created.ok).toBe(true);
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('field-customer-phone')).toBeFocused();
  const assignee = page.getByTestId('field-assignee');
  await assignee.scrollIntoViewIfNeeded();
  await assignee.click();
  await page.keyboard.type('li.nna');
  await expect(page.locator('.ant-select-dropdown:visible')).toContainText('没有匹配的账号');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(assignee).not.toContainText('li.nna');
  // By the display name's pinyin initials: ln → 李娜.
  await assignee.click();
  await page.keyboard.type('ln');
  await page.keyboard.press('Enter');
  await expect(assignee).toContainText('李娜（li.na）');
  await page.getByTestId('field-team').click();
  await page.keyboard.type('ex');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-team')).toContainText('二线');
  await shot(page, 'traps-assignee-picker-zh');

  // Anything that goes around the picker is refused by the core, with the field named.
  const refused = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).api.invoke('tickets:create', {
      subject: '测试',
      description: '测试',
      category: 'consult',
      severity: 'normal',
      channel: 'phone',
      assigneeId: 'li.nna',
      customer: { name: '王伟', phone: '13800138000' },
    }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNKNOWN', fields: [{ path: 'assigneeId' }] } });
});
