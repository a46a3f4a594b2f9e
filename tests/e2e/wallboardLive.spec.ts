import { expect, test } from './fixtures.js';
import { createTicketThroughUi, openWorkstation, shot, signInThroughUi, startSyncServer, type ExtraWorkstation, type SyncServer } from './syncFixtures.js';

const AGENT = { username: 'li.na', password: 'Hotline#2026' };
const SUPERVISOR = { username: 'chen.sup', password: 'Super#2026!' };

let server: SyncServer;
let other: ExtraWorkstation | null = null;

test.beforeEach(async () => {
  server = await startSyncServer();
  await server.createUser({ username: AGENT.username, password: AGENT.password, role: 'agent', team: '一组' });
  await server.createUser({ username: SUPERVISOR.username, password: SUPERVISOR.password, role: 'supervisor', team: '一组' });
});

test.afterEach(async () => {
  await other?.close();
  other = null;
  await server.close();
});

test("the supervisor's wallboard follows an agent's PC live through the server: a new ticket, then a break", async ({ page, workstation, context }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  const supervisorPage = await context.newPage();
  other = await openWorkstation(supervisorPage);
  await signInThroughUi(page, { server: server.url, ...AGENT });
  await signInThroughUi(supervisorPage, { server: server.url, ...SUPERVISOR });

  await supervisorPage.keyboard.press('Control+8');
  await expect(supervisorPage.getByTestId('wallboard-screen')).toBeVisible();
  await expect(supervisorPage.getByTestId('wb-value-created')).toHaveText('0');
  const agentRow = supervisorPage.locator(`[data-testid="wb-agent-row"][data-agent="${AGENT.username}"]`);
  await expect(agentRow.getByTestId('wb-agent-state')).toHaveText('就绪', { timeout: 20_000 });

  // The agent registers a call's ticket on their PC: the board on the other PC counts it without a refresh.
  await createTicketThroughUi(page, { subject: `宽带频繁掉线 ${Date.now().toString(36)}`, phone: '0755-8611 2233', name: '李娜' });
  await expect(supervisorPage.getByTestId('wb-value-created')).toHaveText('1', { timeout: 15_000 });

  // The agent takes a break (F8, reason 2): the row turns not ready with the reason.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('reason-picker')).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'not_ready');
  await expect(agentRow.getByTestId('wb-agent-state')).toContainText('示忙', { timeout: 15_000 });
  await expect(supervisorPage.getByTestId('wb-freshness')).toHaveAttribute('data-kind', 'live');
  await shot(supervisorPage, 'wallboard-live-from-another-pc');
});
