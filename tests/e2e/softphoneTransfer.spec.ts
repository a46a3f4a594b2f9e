import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { expect, signInAsAdmin, test, waitForApi, type PageGlobals } from './fixtures.js';
import { calls, packets, readTimings, registerSeat, TIMING_PROBE, useSipBed, writeTimings } from './sip/softphonePage.js';
import { shot } from './syncFixtures.js';

/**
 * The softphone against the SIP test bed, second part (issue 19): attended
 * transfer (consult 1002, cancel, consult again, complete with REFER +
 * Replaces), the console's call-waiting rule (a second caller waits, rings
 * once the line is free, a third who gives up is a missed call),
 * "unregister instead of busy" while not ready, and the speed figures
 * (INVITE to ringing on screen, answer to audio), written to
 * test-results/softphone-timings.json, never asserted against the clock.
 */

const bed = useSipBed();

async function beReady(page: Page): Promise<void> {
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) !== 'ready') await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
}

async function wrapUpReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { api } = globalThis as unknown as PageGlobals;
    const cur = await api.invoke('calls:current', {});
    if (!cur.ok || !cur.value) throw new Error('no current call');
    const r = await api.invoke('calls:wrapUp', { id: cur.value.id, disposition: 'resolved', ready: true });
    if (!r.ok) throw new Error(r.error.message);
  });
}

/**
 * Picks 咨询转接 in the transfer dialog and checks it took: a click on the
 * label while the dialog is still opening can land before antd takes it
 * (seen once in a full run at load ~2), so the click is repeated until the
 * radio is checked.
 */
async function chooseAttended(dialog: Locator): Promise<void> {
  const mode = dialog.getByTestId('softphone-transfer-attended');
  await expect(async () => {
    await dialog.locator('label:has([data-testid="softphone-transfer-attended"])').click();
    await expect(mode).toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

test('attended transfer: the customer is held while the agent consults 1002; cancel goes back to the customer, complete hands them over (REFER with Replaces)', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  await registerSeat(page);
  const status = page.getByTestId('softphone-status');
  await expect(status).toHaveAttribute('data-state', 'registered');
  await beReady(page);

  // 1002, a colleague's phone, registered; it answers the consultation (twice: cancelled, then completed).
  const reg = bed().sipp('register.xml', '1002', { localPort: 16131 });
  expect(await reg.done, reg.output()).toBe(0);
  let target = bed().sipp('uas.xml', '1002', { rtpEcho: true, localPort: 16131, mediaPort: 16700 });

  const customer = bed().sipp('uac_attended.xml', '1001', { rtpEcho: true, localPort: 16141, mediaPort: 16800 });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking', { timeout: 20_000 });
  const media = page.getByTestId('softphone-media');
  await expect.poll(async () => (await packets(media)).in, { timeout: 10_000 }).toBeGreaterThan(20);

  // Consult: the customer goes on hold, 1002 answers.
  await page.keyboard.press('Control+Shift+T');
  const dialog = page.getByTestId('softphone-transfer-dialog');
  await chooseAttended(dialog);
  await page.getByTestId('softphone-transfer-target').fill('1002');
  await page.getByTestId('softphone-consult-go').click();
  const consult = page.getByTestId('softphone-consult-state');
  await expect(consult).toHaveAttribute('data-state', 'talking', { timeout: 15_000 });
  await expect(consult).toHaveText('正在与 1002 通话（客户保持中）');
  await expect(bar).toHaveAttribute('data-status', 'held');
  await expect(page.getByTestId('softphone-consult-complete')).toBeEnabled();
  await shot(page, 'softphone-transfer-attended-zh');

  // Cancel: 1002 is hung up, the customer is back (talking, audio again).
  await page.getByTestId('softphone-consult-cancel').click();
  await expect(bar).toHaveAttribute('data-status', 'talking');
  expect(await target.done, target.output()).toBe(0);
  await expect(dialog).toBeHidden();
  const r0 = (await packets(media)).in;
  await expect.poll(async () => (await packets(media)).in - r0, { timeout: 10_000 }).toBeGreaterThan(20);

  // Consult again, in English at 1440x900, and complete: the customer is referred to 1002 replacing the consultation.
  target = bed().sipp('uas.xml', '1002', { rtpEcho: true, localPort: 16131, mediaPort: 16700 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'English' }).click();
  await page.keyboard.press('Control+Shift+T');
  await chooseAttended(dialog);
  await page.getByTestId('softphone-transfer-target').fill('1002');
  await page.keyboard.press('Enter');
  await expect(consult).toHaveAttribute('data-state', 'talking', { timeout: 15_000 });
  await expect(consult).toHaveText('Talking to 1002 (customer on hold)');
  await shot(page, 'softphone-transfer-attended-en');
  await page.getByTestId('softphone-consult-complete').click();
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  expect(await customer.done, customer.output()).toBe(0);
  expect(await target.done, target.output()).toBe(0);

  // One record: the customer's call, its hold time the two consultations; the consultation is no call of its own.
  const recs = await calls(page);
  expect(recs).toHaveLength(1);
  expect(recs[0]).toMatchObject({ status: 'wrap_up', number: '2001', source: 'cti' });
  expect(recs[0]?.holdSeconds).toBeGreaterThanOrEqual(1);
});

test('call waiting: a second caller waits while the agent talks and rings once the line is free; a caller who gives up meanwhile is a missed call', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  await registerSeat(page);
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered');
  await beReady(page);

  const first = bed().sipp('uac_talk.xml', '1001', { rtpEcho: true, localPort: 16151, mediaPort: 16900, keys: { caller: '2001' } });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking', { timeout: 20_000 });

  // 2002 calls meanwhile: not refused, waiting under the call bar; the agent's call and state stay as they are.
  const second = bed().sipp('uac_talk.xml', '1001', { rtpEcho: true, localPort: 16161, mediaPort: 17000, keys: { caller: '2002' } });
  await expect(page.getByTestId('waiting-call')).toHaveText(/^2002 已等待/, { timeout: 15_000 });
  // 2003 too, and gives up after 2 s: a missed call.
  const third = bed().sipp('uac_cancel.xml', '1001', { localPort: 16171, keys: { caller: '2003', wait: '2000' } });
  await expect(page.getByTestId('waiting-call')).toHaveCount(2, { timeout: 15_000 });
  await shot(page, 'softphone-call-waiting-zh');
  expect(await third.done, third.output()).toBe(0);
  await expect(page.getByTestId('waiting-call')).toHaveCount(1);
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await expect(page.getByTestId('call-number')).toHaveText('2001');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'on_call');

  // F4 ends the first call: 2002 rings in the bar, F2 takes it, audio flows.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('call-number')).toHaveText('2002', { timeout: 10_000 });
  await expect(bar).toHaveAttribute('data-status', 'ringing');
  expect(await first.done, first.output()).toBe(0);
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking', { timeout: 20_000 });
  const media = page.getByTestId('softphone-media');
  await expect.poll(async () => (await packets(media)).in, { timeout: 10_000 }).toBeGreaterThan(20);
  await page.keyboard.press('F4');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  expect(await second.done, second.output()).toBe(0);

  const byNumber = Object.fromEntries((await calls(page)).map((c) => [c.number, c.status]));
  expect(byNumber).toEqual({ '2001': 'wrap_up', '2002': 'wrap_up', '2003': 'missed' });
});

test('"unregister instead of busy": not ready takes the extension off the PBX (callers get 404 there), ready registers it again', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  await registerSeat(page, '1001', (panel) => panel.getByTestId('softphone-when-not-ready-unregister').click());
  const status = page.getByTestId('softphone-status');
  await beReady(page);
  await expect(status).toHaveAttribute('data-state', 'registered');

  await page.keyboard.press('F8');
  await page.keyboard.press('1');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'not_ready');
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(status).toHaveText('软电话已注销（未就绪时不接来电，就绪后自动注册）');
  // The PBX no longer knows the seat: the caller is told so by the PBX, nothing rings here.
  const caller = bed().sipp('uac_notfound.xml', '1001', { localPort: 16181, mediaPort: 17100 });
  expect(await caller.done, caller.output()).toBe(0);
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'idle');
  await shot(page, 'softphone-unregistered-zh');

  await page.keyboard.press('F8');
  await expect(status).toHaveAttribute('data-state', 'registered');
  const next = bed().sipp('uac_talk.xml', '1001', { rtpEcho: true, localPort: 16191, mediaPort: 17200, keys: { caller: '2004' } });
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
  await page.keyboard.press('F2');
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'talking');
  await page.keyboard.press('F4');
  expect(await next.done, next.output()).toBe(0);
});

test('speed: INVITE to ringing on screen and answer to audio, measured over ten calls (figures to test-results/softphone-timings.json)', async ({ page, workstation }) => {
  test.setTimeout(240_000);
  expect(workstation.dataDir).toBeTruthy();
  // The probe must be in the page before the app's scripts: load it again with the probe, signed in again.
  await page.addInitScript(TIMING_PROBE);
  await page.reload();
  await waitForApi(page);
  await signInAsAdmin(page, 'console');
  await registerSeat(page);
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  const bar = page.getByTestId('call-bar');
  const media = page.getByTestId('softphone-media');
  for (let i = 0; i < 10; i++) {
    await beReady(page);
    const caller = bed().sipp('uac_talk.xml', '1001', { rtpEcho: true, localPort: 16201, mediaPort: 17300, keys: { caller: `30${i}` } });
    await expect(bar).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
    await page.keyboard.press('F2');
    await expect(bar).toHaveAttribute('data-status', 'talking');
    await expect.poll(async () => (await packets(media)).in, { timeout: 10_000 }).toBeGreaterThan(5);
    await page.keyboard.press('F4');
    await expect(bar).toHaveAttribute('data-status', 'wrap_up');
    expect(await caller.done, caller.output()).toBe(0);
    await wrapUpReady(page);
    await expect(bar).toHaveAttribute('data-status', 'idle');
  }
  const figures = await readTimings(page);
  expect(figures.inviteToRing).toHaveLength(10);
  expect(figures.answerToAudio).toHaveLength(10);
  const out = writeTimings(figures, execFileSync('uptime', { encoding: 'utf8' }).trim());
  console.log(`[softphone timings] ${JSON.stringify(out)}`);
});

// Last in this file: the media relay does not come back for the tests after it.
test('auto-answer (headset agents) takes the call after a short tone; a call whose media then stops says so in the call bar while SIP still says talking', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  // Test code only: when the tone's beeps start, and when the call bar first says talking.
  await page.addInitScript(`(() => {
    const t = { beeps: [], talking: null };
    globalThis.__autoAnswer = t;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...a) { t.beeps.push(performance.now()); return start.apply(this, a); };
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="call-bar"]');
      if (t.talking === null && bar && bar.getAttribute('data-status') === 'talking') t.talking = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
  })();`);
  await page.reload();
  await waitForApi(page);
  await signInAsAdmin(page, 'console');
  await registerSeat(page, '1001', (panel) => panel.getByTestId('softphone-auto-answer').check());
  await expect(page.getByTestId('softphone-status')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  await beReady(page);
  const caller = bed().sipp('uac_talk.xml', '1001', { rtpEcho: true, localPort: 16211, mediaPort: 17400, keys: { caller: '2005' } });
  const bar = page.getByTestId('call-bar');
  // No F2: the phone answers by itself, after the tone.
  await expect(bar).toHaveAttribute('data-status', 'talking', { timeout: 30_000 });
  const probe = await page.evaluate(() => (globalThis as unknown as { __autoAnswer: { beeps: number[]; talking: number | null } }).__autoAnswer);
  expect(probe.beeps).toHaveLength(2);
  expect(probe.talking).not.toBeNull();
  expect(probe.beeps[0] ?? Infinity).toBeLessThan(probe.talking ?? -Infinity);

  const media = page.getByTestId('softphone-media');
  await expect(media).toHaveAttribute('data-flowing', 'true', { timeout: 15_000 });
  await bed().stopMedia();
  await expect(media).toHaveAttribute('data-flowing', 'false', { timeout: 10_000 });
  await expect(media).toHaveText('收不到对方音频');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await shot(page, 'softphone-media-lost-zh');
  caller.kill();
});
