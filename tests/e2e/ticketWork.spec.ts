import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { RequestOf, ValueOf } from '../../shared/contract.js';
import { expect, signInAgainThroughUi, test, type PageGlobals } from './fixtures.js';

/*
 * Working a ticket (issue 14, points 5-6): resolving asks for the resolution,
 * internal notes, assign to me, the closed ticket's read-only state, the
 * hand-off to a team, and a history that reads in words.
 */

const SHOTS = path.join('test-results', 'screenshots');
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function invoke<C extends 'tickets:create' | 'accounts:create'>(page: Page, channel: C, req: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await page.evaluate(([ch, r]) => (globalThis as unknown as PageGlobals).api.invoke(ch, r as never), [channel, req] as const);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return res.value as ValueOf<C>;
}

const ticket = (subject: string, over: Partial<RequestOf<'tickets:create'>> = {}): RequestOf<'tickets:create'> => ({
  subject,
  description: '客户反映打印队列卡住，错误码 ERR_0x80070005。已重启打印机，问题依旧。',
  category: 'fault',
  severity: 'normal',
  channel: 'phone',
  customer: { name: '王芳', phone: '010-6552 9988', organisation: '北京市朝阳区人民医院' },
  ...over,
});

async function openFromList(page: Page, no: string): Promise<void> {
  await page.keyboard.press('Control+2');
  const row = page.locator(`[data-testid="ticket-row"][data-ticket-no="${no}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('ticket-detail-body')).toBeVisible();
}

async function switchLanguage(page: Page, label: '中文' | 'English'): Promise<void> {
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
}

/** After a reload the desk either kept its session or asks for the sign-in again. */
async function afterReload(page: Page): Promise<void> {
  await expect(page.getByTestId('sign-in-screen').or(page.getByTestId('agent-state'))).toBeVisible({ timeout: 20_000 });
  if (await page.getByTestId('sign-in-screen').isVisible()) await signInAgainThroughUi(page);
}

const MACHINE_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|[{}"]/i;

test('working a ticket: hand-off to a team, notes, assign to me, resolve asks the resolution, closed is read-only, history in words', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  await page.setViewportSize({ width: 1366, height: 768 });
  // Second line is a team of its own: the hand-off goes to its queue.
  await invoke(page, 'accounts:create', { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-2026', role: 'senior', team: '二线' });
  const created = await invoke(page, 'tickets:create', ticket('打印驱动与新系统不兼容', { resolution: '已远程重装驱动 v5.2' }));
  const no = created.ticket.no;
  // The number reads over the phone: digits in groups of four, no letters.
  expect(no).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
  await openFromList(page, no);
  const detail = page.getByTestId('ticket-detail-body');

  // Assign to me: one key.
  await expect(page.getByTestId('assign-to-me')).toBeVisible();
  await page.keyboard.press('Control+Shift+M');
  await expect(page.getByTestId('toast-assigned').first()).toBeVisible();
  await expect(page.getByTestId('assign-to-me')).toHaveCount(0);
  await expect(page.getByTestId('ticket-detail')).toContainText('王管理');

  // The hand-off goes to a team picked from the list; the only second-line team is offered.
  await page.getByTestId('transition-escalated').click();
  await expect(page.getByTestId('handoff-dialog')).toBeVisible();
  await expect(page.getByTestId('handoff-to')).toContainText('二线');
  await page.getByTestId('handoff-ask').fill('确认 HP M428 驱动是否支持统信 UOS');
  await page.getByTestId('handoff-scope').fill('只排查驱动兼容性');
  await shot(page, 'tw-handoff-team-zh');
  await page.keyboard.press('Control+Enter');
  await expect(detail).toHaveAttribute('data-status', 'escalated');
  const handedOff = page.locator('[data-testid="history-entry"][data-action="transition"]').first();
  await expect(handedOff.getByTestId('history-headline')).toHaveText(/^升级给 二线 · 需 (\d{2}-\d{2} )?\d{2}:\d{2} 前答复$/);

  // An internal note, kept after a reload.
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('note-error')).toHaveText('必填');
  await page.getByTestId('note-input').fill('客户只在工作日 9-17 点接电话');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('toast-note-added').first()).toBeVisible();
  await expect(page.getByTestId('note-item')).toHaveCount(1);
  await expect(page.getByTestId('note-meta')).toContainText('王管理');
  await page.reload();
  await afterReload(page);
  await openFromList(page, no);
  await expect(page.getByTestId('note-body')).toHaveText('客户只在工作日 9-17 点接电话');

  // Resolving asks for the resolution, prefilled with the ticket's; emptied, it is required.
  await page.getByTestId('transition-in_progress').click();
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await page.getByTestId('transition-resolved').click();
  await expect(page.getByTestId('transition-dialog')).toBeVisible();
  await expect(page.getByTestId('transition-resolution')).toHaveValue('已远程重装驱动 v5.2');
  await shot(page, 'tw-resolve-zh');
  await page.getByTestId('transition-resolution').fill('');
  await page.getByTestId('transition-confirm').click();
  await expect(page.locator('#transition_resolution_help')).toContainText('必填');
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await page.getByTestId('transition-resolution').fill('已远程安装驱动 v5.2 并打印测试页，客户确认正常');
  await page.getByTestId('transition-confirm').click();
  await expect(detail).toHaveAttribute('data-status', 'resolved');

  // Closing has its own hint, not the hand-off's.
  await page.getByTestId('transition-closed').click();
  await expect(page.getByTestId('transition-dialog')).toContainText('客户还没确认就关闭');
  await expect(page.getByTestId('transition-dialog')).not.toContainText('请说明原因、需要对方做什么');
  await page.getByTestId('transition-note').fill('客户三次未接电话');
  await page.getByTestId('transition-confirm').click();
  await expect(detail).toHaveAttribute('data-status', 'closed');

  // Closed: read-only until reopened.
  await expect(page.getByTestId('detail-read-only')).toBeVisible();
  await expect(page.getByTestId('detail-edit-button')).toHaveCount(0);
  await expect(page.getByTestId('note-input')).toHaveCount(0);
  await expect(page.getByTestId('notes-closed')).toBeVisible();
  await expect(page.getByTestId('transition-reopened')).toBeVisible();
  const refused = await page.evaluate((id) => (globalThis as unknown as PageGlobals).api.invoke('tickets:update', { id, changes: { subject: '改' } }), created.ticket.id);
  expect(refused.ok ? null : refused.error.code).toBe('TICKET_CLOSED');

  // The history reads in words: display names, local times, the ticket number; never JSON, ISO times or ids.
  const history = page.getByTestId('history-list');
  await expect(history).toContainText(`创建工单 ${no}`);
  await expect(history).toContainText('处理中 → 已解决');
  await expect(history).toContainText('王管理');
  expect(await history.innerText()).not.toMatch(MACHINE_TEXT);
  await page.getByTestId('history-list').scrollIntoViewIfNeeded();
  await shot(page, 'tw-closed-history-zh');

  await switchLanguage(page, 'English');
  await expect(history).toContainText(`Created ticket ${no}`);
  // Newest first: the hand-off is now the oldest transition.
  await expect(page.locator('[data-testid="history-entry"][data-action="transition"]').last().getByTestId('history-headline')).toHaveText(/^Escalated to 二线 · answer by /);
  await expect(page.getByTestId('detail-read-only')).toContainText('closed and read-only');
  expect(await history.innerText()).not.toMatch(MACHINE_TEXT);
  await shot(page, 'tw-closed-history-en');
  await page.getByTestId('ticket-notes').scrollIntoViewIfNeeded();
  await shot(page, 'tw-notes-en');
});

test("the tickets screen's new-ticket form is a draft that survives a reload", async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  await page.keyboard.press('Control+N');
  await page.getByTestId('field-customer-phone').fill('13800138000');
  await page.getByTestId('field-customer-name').fill('张伟');
  await page.getByTestId('field-subject').fill('宽带每晚八点掉线');
  await expect(page.getByTestId('screen-draft-status')).toHaveAttribute('data-status', 'saved');
  await shot(page, 'tw-form-draft-zh');
  await page.reload();
  await afterReload(page);
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('new-ticket-button')).toBeVisible();
  await page.keyboard.press('Control+N');
  await expect(page.getByTestId('field-subject')).toHaveValue('宽带每晚八点掉线');
  await expect(page.getByTestId('field-customer-name')).toHaveValue('张伟');
  await expect(page.getByTestId('screen-draft-status')).toContainText('已恢复');
});
