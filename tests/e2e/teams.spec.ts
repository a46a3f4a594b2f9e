import type { Page } from '@playwright/test';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot } from './syncFixtures.js';

/*
 * Issue 16 point 1 in the browser: the admin creates a team with its leader,
 * adds a second-line agent with seat and skills (a taken seat is refused
 * under its field), then a first-line agent's hand-off picker shows each
 * team's leader and skills, and typing a skill name finds the team.
 * Screenshots at 1366x768 in zh-CN and English.
 */

test.describe.configure({ timeout: 180_000 });

async function invoke(page: Page, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(([c, p]) => (globalThis as unknown as PageGlobals).api.invoke(c as never, p as never), [channel, payload] as const) as never;
}

async function pick(page: Page, testId: string, typed: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
}

async function setEnglish(page: Page): Promise<void> {
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="English"]').click();
  await expect(page.getByTestId('nav-tickets')).toContainText('Tickets');
}

test('an admin makes a team with a leader and an agent with seat and skills; the hand-off picker shows them', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await page.setViewportSize({ width: 1366, height: 768 });
  expect((await invoke(page, 'accounts:create', { username: 'zhou.lead', displayName: '周组长', password: 'zhou-pass-2026', role: 'supervisor' })).ok).toBe(true);
  expect((await invoke(page, 'accounts:create', { username: 'li.agent', displayName: '李坐席', password: 'li-pass-2026', role: 'agent', team: '一线' })).ok).toBe(true);

  // The team, with its leader picked from the leading roles.
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: '班组与坐席' }).click();
  await expect(page.getByTestId('teams-panel')).toBeVisible();
  await page.getByTestId('team-add').click();
  await page.getByTestId('team-id').fill('二线');
  await page.getByTestId('team-name').fill('二线技术支持');
  await pick(page, 'team-leader', '周组长');
  await page.getByTestId('team-save').click();
  await expect(page.getByTestId('team-dialog')).toBeHidden();
  await expect(page.getByTestId('teams-panel')).toContainText('二线技术支持');
  await expect(page.getByTestId('teams-panel')).toContainText('周组长');

  // The agent: account and profile in one form.
  await page.getByRole('tab', { name: '本机账号' }).click();
  await page.getByTestId('account-add').click();
  await page.getByTestId('account-username').fill('sun.l2');
  await page.getByTestId('account-display').fill('孙工');
  await page.getByTestId('account-password').fill('sun-pass-2026');
  await pick(page, 'account-role', '二线');
  await pick(page, 'account-team', '二线');
  await page.getByTestId('account-seat').fill('B-07');
  await pick(page, 'account-skills', '宽带');
  await page.keyboard.type('粤语');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('account-joined').click();
  await page.keyboard.type('2025-03-01');
  await page.keyboard.press('Enter');
  await shot(page, 'teams-add-agent-zh');
  await page.getByTestId('account-create').click();
  await expect(page.getByTestId('account-form')).toBeHidden();
  await expect(page.getByTestId('accounts-panel')).toContainText('B-07');
  await expect(page.getByTestId('accounts-panel')).toContainText('粤语');

  // A second agent on the same seat is refused under the seat field, and no account is left behind.
  await page.getByTestId('account-add').click();
  await page.getByTestId('account-username').fill('qian.l2');
  await page.getByTestId('account-display').fill('钱工');
  await page.getByTestId('account-password').fill('qian-pass-2026');
  await page.getByTestId('account-seat').fill('b-07');
  await page.getByTestId('account-create').click();
  await expect(page.getByTestId('account-form')).toContainText('这个坐席号已被其他在岗坐席占用');
  await page.getByTestId('account-add').click();
  await expect(page.getByTestId('accounts-panel')).not.toContainText('qian.l2');

  await page.getByRole('tab', { name: '班组与坐席' }).click();
  await expect(page.getByTestId('teams-panel')).toContainText('B-07');
  await shot(page, 'teams-panel-zh');

  // A first-line agent escalates: the picker shows each team's leader and skills; typing 粤语 finds 二线.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-ok').click();
  await page.getByTestId('desk-username').fill('li.agent');
  await page.getByTestId('desk-password').fill('li-pass-2026');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-tickets')).toBeVisible();
  const created = (await invoke(page, 'tickets:create', {
    subject: '粤语客户宽带断线',
    description: '客户只讲粤语，宽带每晚 8 点断线，已重启光猫无效。',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '陈先生', phone: '020-8888 1234' },
  })) as { ok: boolean; value: { ticket: { no: string } } };
  expect(created.ok).toBe(true);
  await page.keyboard.press('Control+2');
  await page.locator(`[data-testid="ticket-row"][data-ticket-no="${created.value.ticket.no}"]`).click();
  await page.getByTestId('transition-escalated').click();
  await expect(page.getByTestId('handoff-dialog')).toBeVisible();
  await page.getByTestId('handoff-to').click();
  await page.keyboard.type('粤语');
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await expect(dropdown.getByTestId('team-option-二线')).toContainText('粤语');
  await expect(dropdown.getByTestId('team-option-二线')).toContainText('周组长');
  await expect(dropdown).not.toContainText('一线');
  await shot(page, 'teams-handoff-picker-zh');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handoff-to')).toContainText('二线技术支持');
  await page.getByTestId('handoff-cancel').click();
  await expect(page.getByTestId('handoff-ask')).toBeHidden();

  // The same in English.
  await setEnglish(page);
  await page.getByTestId('transition-escalated').click();
  await page.getByTestId('handoff-to').click();
  // Skill names are the admin's data (zh-CN by default); the picker's own words are English. kd: 宽带 by pinyin.
  await page.keyboard.type('kd');
  const option = page.locator('.ant-select-dropdown:visible').getByTestId('team-option-二线');
  await expect(option).toContainText('Leader 周组长');
  await expect(option).toContainText('Skills: 宽带 · 粤语');
  await shot(page, 'teams-handoff-picker-en');
});

test('the teams panel in English at 1366x768', async ({ page, workstation }) => {
  expect(workstation.dataDir).toBeTruthy();
  await page.setViewportSize({ width: 1366, height: 768 });
  expect((await invoke(page, 'accounts:create', { username: 'zhou.lead', displayName: '周组长', password: 'zhou-pass-2026', role: 'senior', team: '二线' })).ok).toBe(true);
  expect((await invoke(page, 'teams:set', { id: '二线', name: 'Second line', leader: 'zhou.lead' })).ok).toBe(true);
  expect((await invoke(page, 'profiles:set', { agentId: 'zhou.lead', seat: 'B-01', skills: ['iptv', 'english'], joinedOn: '2024-06-03' })).ok).toBe(true);
  await setEnglish(page);
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'Teams & seats' }).click();
  await expect(page.getByTestId('teams-panel')).toContainText('Second line');
  await page.getByTestId('profiles-search').locator('input').fill('iptv');
  await expect(page.getByTestId('teams-panel')).toContainText('B-01');
  await page.getByTestId('profile-edit-zhou.lead').click();
  await expect(page.getByTestId('profile-seat')).toBeVisible();
  await page.getByTestId('profile-seat').focus();
  await shot(page, 'teams-profile-dialog-en');
  await page.keyboard.press('Escape');
  await shot(page, 'teams-panel-en');
});
