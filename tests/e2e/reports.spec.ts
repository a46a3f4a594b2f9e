import http from 'node:http';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import type { Channel, RequestOf, ValueOf } from '../../shared/contract.js';
import { expect, test, type PageGlobals } from './fixtures.js';
import { shot } from './syncFixtures.js';

// The call-event endpoint on a free port: calls ring at the times the PBX says, last month's too.
test.use({ previewOptions: { cti: { port: 0 } } });

async function api<C extends Channel>(page: Page, channel: C, request: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await page.evaluate(([c, r]) => (globalThis as unknown as PageGlobals).api.invoke(c as Channel, r as never), [channel, request] as [string, unknown]);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return res.value as ValueOf<C>;
}

async function cti(port: number, token: string, body: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/call-events', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => (res.statusCode === 202 ? resolve((JSON.parse(text) as { callId: string }).callId) : reject(new Error(`${JSON.stringify(body)}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * This month: 2 calls (one answered in 8 s, one abandoned after 30 s), a
 * fault ticket of li.agent's resolved, a complaint escalated to second line.
 * Last month (3 days before the 1st, at noon Beijing time): 3 calls, 2
 * answered. So offered 2 against 3 (↓33.3%), answered 1 against 2 (↓50%).
 */
async function seed(page: Page): Promise<void> {
  const info = await api(page, 'cti:info', {});
  const post = (body: Record<string, unknown>) => cti(info.port, info.token ?? '', body);
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = Date.now();
  const bj = new Date(now + 8 * 3_600_000);
  const lastMonth = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), 1) - 3 * 86_400_000 + 4 * 3_600_000;
  let n = 0;
  const call = async (ring: number, answerAfter: number | null, endAfter: number) => {
    const id = `pbx-${++n}`;
    const callId = await post({ event: 'ringing', callId: id, from: `1390000000${n}`, at: iso(ring) });
    if (answerAfter !== null) await post({ event: 'answered', callId: id, at: iso(ring + answerAfter * 1000) });
    await post({ event: 'ended', callId: id, at: iso(ring + endAfter * 1000) });
    if (answerAfter !== null) await api(page, 'calls:wrapUp', { id: callId, disposition: 'resolved' });
  };
  await call(lastMonth, 5, 120);
  await call(lastMonth + 600_000, 12, 200);
  await call(lastMonth + 1_200_000, null, 40);
  await call(now - 600_000, 8, 180);
  await call(now - 300_000, null, 30);

  await api(page, 'accounts:create', { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-2026', role: 'agent', team: '一组' });
  // Second line is a team of its own: an escalation goes to a team an account belongs to.
  await api(page, 'accounts:create', { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-2026', role: 'senior', team: '二线' });
  const fault = await api(page, 'tickets:create', { subject: '打印机无法打印', description: '错误码 ERR_0x80070005', category: 'fault', severity: 'normal', channel: 'phone', product: 'LaserJet 1020', assigneeId: 'li.agent', customer: { name: '王芳', phone: '010-6552 9988' } });
  await api(page, 'tickets:transition', { id: fault.ticket.id, to: 'resolved', resolution: '重装驱动后恢复' });
  const complaint = await api(page, 'tickets:create', { subject: '投诉：专线反复中断', description: '每天下午断线两次', category: 'complaint', severity: 'urgent', channel: 'email', product: '企业专线', customer: { name: '刘洋', phone: '13911112222' } });
  await api(page, 'tickets:handoff', { ticketId: complaint.ticket.id, kind: 'escalate', to: '二线', ask: '排查光路衰减', dueBy: iso(now + 7_200_000), scope: '专线光路' });
}

test('a supervisor reads the month beside last month, exports it to Excel, and a quality review shows in the agent’s KPI row', async ({ page, workstation }) => {
  test.setTimeout(180_000);
  expect(workstation.dataDir).toBeTruthy();
  await seed(page);

  await page.keyboard.press('Control+9');
  await expect(page.getByTestId('reports-screen')).toBeVisible();
  await expect(page.getByTestId('nav-reports')).toContainText('报表');
  await expect(page.getByTestId('rp-kind')).toContainText('月');
  await expect(page.getByTestId('rp-value-offered')).toHaveText('2');
  await expect(page.getByTestId('rp-change-offered')).toContainText('较上期降 33.3%');
  await expect(page.getByTestId('rp-value-answered')).toHaveText('1');
  await expect(page.getByTestId('rp-change-answered')).toContainText('较上期降 50%');
  await expect(page.getByTestId('rp-figure-answered')).toHaveAttribute('data-direction', 'down');
  await expect(page.getByTestId('rp-value-created')).toHaveText('2');
  await expect(page.getByTestId('rp-change-created')).toContainText('上期为 0');
  await expect(page.getByTestId('rp-value-serviceLevel')).toHaveText('50%');
  await expect(page.getByTestId('rp-period-text')).toContainText('对比');
  await shot(page, 'reports-month-zh-CN-1440');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'reports-month-zh-CN-1366');

  // Every chart has its numbers: the calls chart as a table.
  await page.getByTestId('rp-numbers-calls').click();
  await expect(page.getByTestId('rp-table-calls')).toContainText('呼入进线');

  // Export the month to Excel and read the file back.
  await page.getByTestId('rp-export').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('rp-export-summary-xlsx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^hotline-summary-\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toContain('话务量');
  const calls = wb.getWorksheet('话务量');
  expect(calls?.getCell('A3').value).toBe('呼入-进线');
  expect(calls?.getCell('B3').value).toBe(2);
  expect(calls?.getCell('C3').value).toBe(3);
  expect(calls?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  await expect(page.locator('.ant-message')).toContainText('已记入审计');
  expect((await api(page, 'reports:exportLog', {})).map((e) => [e.actorId, e.kind, e.format])).toEqual([['admin', 'summary', 'xlsx']]);

  // The hard problems of the month: the escalated complaint under its product.
  await page.getByTestId('rp-tab-problems').click();
  await expect(page.getByTestId('rp-problem-group')).toContainText('企业专线');
  await expect(page.getByTestId('rp-problem')).toContainText('排查光路衰减');

  // Quality review: draw this week's sample, score li's ticket from the keyboard and the mouse.
  await page.keyboard.press('Control+Shift+9');
  await expect(page.getByTestId('quality-screen')).toBeVisible();
  await page.getByTestId('qa-sample').click();
  const row = page.getByTestId('qa-review-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('李坐席');
  await expect(row).toContainText('待评分');
  await row.getByTestId('qa-score').click();
  const drawer = page.getByTestId('qa-score-drawer');
  await expect(drawer).toBeVisible();
  for (const id of ['record_complete', 'category_right', 'solution_recorded', 'courtesy']) await drawer.getByTestId(`qa-met-${id}`).click();
  await drawer.getByTestId('qa-not-customer_informed').click();
  await drawer.getByTestId('qa-comment').fill('未告知客户处理进展');
  await shot(page, 'quality-score-zh-CN-1366');
  await drawer.getByTestId('qa-save').click();
  await expect(row).toContainText('80 分');
  await expect(row).toContainText('已评分');
  await shot(page, 'quality-week-zh-CN-1366');

  // Record accuracy in the agent's KPI row.
  await page.keyboard.press('Control+9');
  await page.getByTestId('rp-tab-agents').click();
  const li = page.locator('[data-testid="rp-agent-row"][data-agent="li.agent"]');
  await expect(li.getByTestId('rp-agent-quality')).toContainText('80%');
  await expect(li.getByTestId('rp-agent-quality')).toContainText('1 次质检');
  await shot(page, 'reports-agents-zh-CN-1366');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'reports-agents-zh-CN-1440');
});

test('the reports and quality screens read in English', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  await seed(page);
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="English"]').click();
  await page.keyboard.press('Control+9');
  await expect(page.getByTestId('nav-reports')).toContainText('Reports');
  await expect(page.getByTestId('rp-change-offered')).toContainText('down 33.3%');
  await expect(page.getByTestId('rp-change-created')).toContainText('previous was 0');
  await shot(page, 'reports-month-en-1440');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'reports-month-en-1366');
  await page.getByTestId('rp-tab-problems').click();
  await expect(page.getByTestId('rp-problem')).toContainText('Second-line answer');
  await shot(page, 'reports-problems-en-1366');
  await page.keyboard.press('Control+Shift+9');
  await page.getByTestId('qa-sample').click();
  await expect(page.getByTestId('qa-review-row')).toContainText('To score');
  await shot(page, 'quality-week-en-1366');
  // The admin's checklist editor, with the five items.
  await page.getByTestId('qa-edit-checklist').click();
  const dialog = page.getByTestId('qa-checklist-dialog');
  await expect(dialog.getByRole('textbox', { name: 'English name' })).toHaveCount(5);
  await expect(dialog.getByRole('textbox', { name: 'English name' }).first()).toHaveValue('Record complete');
  await shot(page, 'quality-checklist-en-1366');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
