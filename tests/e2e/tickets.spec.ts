import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signInAgainThroughUi, test, type PageGlobals } from './fixtures.js';

const SHOTS = path.join('test-results', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** antd renders options in a popup outside the select; the option's title is its visible label. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

test('an agent registers a call with the keyboard, finds the ticket after a core restart and works it', async ({ page, workstation }) => {
  // A whole journey with a core restart in the middle: on a loaded 2-core machine it nears the default 60 s.
  test.setTimeout(120_000);
  const subject = `打印机脱机无法打印 ${Date.now().toString(36)}`;
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  await expect(page.getByTestId('store-health')).toHaveAttribute('data-health', 'healthy');

  // Ctrl+N opens the form with the domain defaults and the cursor in the phone box.
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('ticket-form')).toBeVisible();
  await expect(page.getByTestId('field-customer-phone')).toBeFocused();

  // Saving the empty form shows the shared schema's issues on the fields, translated.
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.locator('#ticket_subject_help')).toContainText('必填');
  await page.getByTestId('field-customer-phone').fill('12345');
  await page.keyboard.press('Control+S');
  await expect(page.locator('#ticket_customer_phone_help')).toContainText('电话号码无效');
  await shot(page, 'ticket-form-errors');

  await page.getByTestId('field-customer-phone').fill('010-6552 9988');
  await page.getByTestId('field-customer-name').fill('王芳');
  await page.getByTestId('field-customer-organisation').fill('北京市朝阳区人民医院');
  await page.getByTestId('field-subject').fill(subject);
  await pick(page, 'field-category', '报修/故障');
  await page.getByTestId('field-device-model').fill('HP LaserJet M428');
  await page.getByTestId('field-description').fill('客户反映打印队列卡住，错误码 ERR_0x80070005。\n已重启打印机，问题依旧。');
  await page.keyboard.press('Control+S');

  // "Saved" only after the core acknowledged; the new ticket's detail opens.
  await expect(page.getByTestId('toast-saved')).toBeVisible();
  await expect(page.getByTestId('ticket-form')).toHaveCount(0);
  const detail = page.getByTestId('ticket-detail-body');
  await expect(detail).toHaveAttribute('data-status', 'new');
  const no = ((await page.getByTestId('detail-no').textContent()) ?? '').match(/\d{4}-\d{4}-\d{4}-\d{4}/)?.[0];
  expect(no).toBeTruthy();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  await workstation.restartCore();
  // The sign-in lived in the old core: the app asks for it again, and the agent comes back to the list.
  await signInAgainThroughUi(page);

  // The ticket is still there after the restart: search for it and open it from the list.
  await page.getByTestId('ticket-search').fill(subject);
  const row = page.locator(`[data-testid="ticket-row"][data-ticket-no="${no}"]`);
  await expect(async () => {
    await page.getByTestId('refresh-button').click();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText('王芳');
  await page.getByTestId('ticket-search').fill('');
  await expect(row).toBeVisible();
  await shot(page, 'ticket-list');

  await row.click();
  await expect(detail).toHaveAttribute('data-status', 'new');
  await page.getByTestId('transition-in_progress').click();
  await expect(page.getByTestId('toast-transitioned').first()).toBeVisible();
  await expect(detail).toHaveAttribute('data-status', 'in_progress');

  // A hand-off goes to a team (second line here) and says what is asked and in what scope: the dialog refuses to go on without them.
  const senior = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('accounts:create', { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-2026', role: 'senior', team: '二线' }));
  expect(senior.ok).toBe(true);
  await page.getByTestId('transition-escalated').click();
  await expect(page.getByTestId('handoff-dialog')).toBeVisible();
  await page.getByTestId('handoff-confirm').click();
  await expect(page.locator('#handoff_ask_help')).toBeVisible();
  await page.getByTestId('handoff-ask').fill('请二线协助排查打印驱动，今天 17:00 前回复客户。');
  await page.getByTestId('handoff-scope').fill('只排查驱动与打印队列，不重装系统');
  await page.keyboard.press('Control+Enter');
  await expect(detail).toHaveAttribute('data-status', 'escalated');
  await expect(page.getByTestId('detail-status')).toHaveText('已升级');

  const history = page.getByTestId('history-list');
  await expect(history.getByTestId('history-entry')).toHaveCount(3);
  await expect(history).toContainText('请二线协助排查打印驱动');
  await expect(history).toContainText('升级给 二线');
  await shot(page, 'ticket-detail');

  // The list follows the change without a manual refresh.
  await expect(row).toContainText('已升级');
});

test('a form that could not be saved keeps what the agent typed', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  await page.keyboard.press('Control+N');
  await page.getByTestId('field-customer-phone').fill('13800138000');
  await page.getByTestId('field-customer-name').fill('张伟');
  await page.getByTestId('field-subject').fill('x'.repeat(201));
  await pick(page, 'field-category', '咨询');
  await page.getByTestId('field-description').fill('咨询宽带资费');
  await page.keyboard.press('Control+S');
  await expect(page.locator('#ticket_subject_help')).toContainText('200');
  await expect(page.getByTestId('toast-saved')).toHaveCount(0);
  await expect(page.getByTestId('field-description')).toHaveValue('咨询宽带资费');

  // Esc on a form with content asks before throwing it away; Esc again keeps editing.
  // (The guard ignores Esc while a save is still settling, so press until it asks.)
  await expect(async () => {
    await page.getByTestId('field-description').focus();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('discard-confirm')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ticket-form')).toBeVisible();
  await expect(page.getByTestId('field-customer-name')).toHaveValue('张伟');
});
