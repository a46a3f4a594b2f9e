import { expect, signInAgainThroughUi, test, type PageGlobals } from './fixtures.js';
import { shot } from './syncFixtures.js';

/**
 * The data service (the core's worker thread) dies under a signed-in agent:
 * a new one starts on the same data folder, the page says what happened on
 * the sign-in screen, and after signing in again every saved ticket is there.
 */
test.use({ startScreen: 'console' });

test('a crashed data service is restarted; the agent is told, signs in again and finds the saved ticket', async ({ page, workstation }) => {
  const created = await page.evaluate(
    () =>
      (globalThis as unknown as PageGlobals).api.invoke('tickets:create', {
        subject: 'VPN 连不上内网',
        description: '客户端提示 809 错误，重启无效',
        category: 'fault',
        severity: 'high',
        channel: 'phone',
        customer: { name: '刘洋', phone: '13512345678' },
      }),
  );
  if (!created.ok) throw new Error(created.error.message);

  await workstation.abortCore();

  const notice = page.getByTestId('core-restarted');
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('自动重启');
  await expect(notice).toContainText('请重新登录');
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await shot(page, 'core-restarted');

  await signInAgainThroughUi(page, 'tickets');
  await expect(notice).toBeHidden();
  await expect(page.getByText('VPN 连不上内网')).toBeVisible();
});
