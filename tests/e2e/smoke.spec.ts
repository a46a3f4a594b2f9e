import { expect, signInAgainThroughUi, test, waitForApi, type PageGlobals } from './fixtures.js';

const ticketInput = {
  subject: '打印机无法打印',
  description: '客户反映打印队列卡住，错误码 ERR_0x80070005',
  category: 'fault',
  severity: 'normal',
  channel: 'phone',
  customer: { name: '张伟', phone: '13800138000' },
} as const;

test('the app shell loads with window.api and app:info answering', async ({ page, workstation }, testInfo) => {
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('app:info', {}));
  expect(info).toMatchObject({ ok: true, value: { shell: 'browser', dataDir: workstation.dataDir } });
  // The token left the address bar as soon as it was read.
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.hash)).not.toContain('token=');
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('root')?.childElementCount ?? 0)).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('shell.png'), fullPage: true });
});

test('a ticket round trip through window.api.invoke', async ({ page, workstation }) => {
  expect(workstation.server.port).toBeGreaterThan(0);
  const created = await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('tickets:create', input), ticketInput);
  expect(created.ok).toBe(true);
  if (!created.ok) return;
  const id = created.value.ticket.id;
  const got = await page.evaluate((ticketId) => (globalThis as unknown as PageGlobals).api.invoke('tickets:get', { id: ticketId }), id);
  expect(got).toMatchObject({ ok: true, value: { ticket: { id, subject: ticketInput.subject, status: 'new' } } });
});

test('a saved ticket survives a core restart and the page reconnects by itself', async ({ page, workstation }) => {
  const created = await page.evaluate((input) => (globalThis as unknown as PageGlobals).api.invoke('tickets:create', input), ticketInput);
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.ticket.id;
  await workstation.restartCore();
  // A new core has nobody signed in: the page, reconnected, shows the sign-in screen and the agent signs in again.
  await signInAgainThroughUi(page);
  await expect
    .poll(async () => (await page.evaluate((ticketId) => (globalThis as unknown as PageGlobals).api.invoke('tickets:get', { id: ticketId }), id)).ok, { timeout: 15_000 })
    .toBe(true);
});

test('a reload keeps the session (token kept in sessionStorage)', async ({ page, workstation }) => {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('settings:set', { theme: 'dark' }));
  await page.reload();
  expect(page.url()).toBe(`http://127.0.0.1:${workstation.server.port}/`);
  await waitForApi(page);
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).api.invoke('settings:get', {})))
    .toMatchObject({ ok: true, value: { theme: 'dark' } });
});
