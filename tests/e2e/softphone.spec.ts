import { expect, test, type PageGlobals } from './fixtures.js';
import { calls, configure, packets, useSipBed } from './sip/softphonePage.js';
import { shot } from './syncFixtures.js';

/**
 * The embedded softphone (issue 19) through the real workstation UI against
 * a real SIP server on 127.0.0.1: kamailio (WebSocket registrar and proxy),
 * rtpengine (WebRTC <-> RTP), sipp as the customer 2001. The admin sets up
 * the seat's extension; the agent's state decides between ringing and 486;
 * an answered call carries RTP both ways, none inbound while held; the call
 * record's talk and hold times are the ones the agent lived.
 *
 * Chromium's flags for the SIP specs: sip/softphonePage.ts (SIP_CHROMIUM).
 */

const bed = useSipBed();

test('registration, a refused extension, busy while not ready, an answered call with audio both ways, hold and resume, hang up; the record matches', async ({ page, workstation }) => {
  test.setTimeout(180_000);
  expect(workstation.dataDir).toBeTruthy();

  // The admin's CTI tab: plain ws:// to another machine is refused in words, nothing saved.
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  const panel = page.getByTestId('softphone-settings-panel');
  await configure(page, '1001', 'ws://10.20.30.40:8088');
  await expect(panel).toContainText('wss://');
  await expect(panel.getByTestId('softphone-settings-state')).toHaveText('未配置');

  // The PBX refuses extension 1099: the call bar says so with the PBX's own words, and that it retries.
  await configure(page, '1099');
  await expect(panel.getByTestId('softphone-settings-state')).toHaveText('已启用');
  await expect(panel.getByTestId('softphone-password-state')).toHaveText('已设置');
  await expect(panel.getByTestId('softphone-password')).toHaveValue('');
  await page.keyboard.press('Control+1');
  const status = page.getByTestId('softphone-status');
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(status).toContainText('403 Extension not allowed');
  await expect(status).toContainText('秒后重试');
  await shot(page, 'softphone-registration-failed-zh');

  // The seat's real extension registers.
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  await configure(page, '1001');
  await page.keyboard.press('Control+1');
  await expect(status).toHaveAttribute('data-state', 'registered');
  await expect(status).toHaveText('软电话已注册（分机 1001）');

  // Not ready: the customer's call is answered 486 Busy Here and never rings here.
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) === 'ready') {
    await page.keyboard.press('F8');
    await page.keyboard.press('1');
  }
  await expect(state).toHaveAttribute('data-state', 'not_ready');
  const busy = bed().sipp('uac_busy.xml', '1001', { localPort: 16071, mediaPort: 16100 });
  const busyCode = await busy.done;
  expect(busyCode, busy.output()).toBe(0);
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-status', 'idle');
  expect(await calls(page)).toHaveLength(0);

  // Ready: the call rings in the bar with the caller's number (screen-pop for an unknown caller).
  await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  const customer = bed().sipp('uac_hold.xml', '1001', { rtpEcho: true, localPort: 16081, mediaPort: 16200 });
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
  await expect(page.getByTestId('call-number')).toHaveText('2001');
  await expect(page.getByTestId('screen-pop')).toBeVisible();

  // F2 answers: talking only once the PBX confirmed it, and RTP flows both ways.
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  const answeredAt = Date.now();
  const media = page.getByTestId('softphone-media');
  await expect(media).toBeVisible();
  await expect.poll(async () => (await packets(media)).out, { timeout: 10_000 }).toBeGreaterThan(20);
  await expect.poll(async () => (await packets(media)).in, { timeout: 10_000 }).toBeGreaterThan(20);
  await expect(media).toHaveText('通话音频正常');

  // The keypad (DTMF) and the transfer dialog, as the agent sees them.
  await page.keyboard.press('Control+Shift+P');
  const keypad = page.getByTestId('softphone-keypad');
  await expect(keypad).toBeVisible();
  await page.keyboard.press('5');
  await page.getByTestId('dtmf-hash').click();
  await expect(page.getByTestId('softphone-dtmf-sent')).toHaveText('已发送：5#');
  await shot(page, 'softphone-keypad-zh');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+T');
  await expect(page.getByTestId('softphone-transfer-target')).toBeFocused();
  await page.getByTestId('softphone-transfer-target').fill('1002');
  await shot(page, 'softphone-transfer-zh');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('softphone-transfer-target')).toBeHidden();

  // F3 holds: held once the re-INVITE is answered; no inbound audio while held.
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'held');
  const heldAt = Date.now();
  await page.waitForTimeout(600);
  const h0 = (await packets(media)).in;
  await page.waitForTimeout(1500);
  const h1 = (await packets(media)).in;
  expect(h1 - h0, 'inbound RTP packets while held').toBeLessThanOrEqual(2);
  await page.waitForTimeout(900);

  // F3 resumes: inbound audio again.
  await page.keyboard.press('F3');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  const heldFor = (Date.now() - heldAt) / 1000;
  const r0 = (await packets(media)).in;
  await expect.poll(async () => (await packets(media)).in - r0, { timeout: 5_000 }).toBeGreaterThan(20);

  // F4 hangs up: BYE, the customer's sipp ends cleanly, the call goes to wrap-up.
  await page.waitForTimeout(1000);
  await page.keyboard.press('F4');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  const talkedFor = (Date.now() - answeredAt) / 1000;
  const code = await customer.done;
  expect(code, customer.output()).toBe(0);

  // The record: a CTI-sourced inbound call from 2001 whose talk and hold times are the ones lived here (±1 s).
  const [rec] = await calls(page);
  expect(rec).toMatchObject({ status: 'wrap_up', direction: 'inbound', number: '2001', source: 'cti' });
  const talk = (Date.parse(rec?.endAt ?? '') - Date.parse(rec?.answerAt ?? '')) / 1000;
  expect(Math.abs(talk - talkedFor)).toBeLessThanOrEqual(1.5);
  expect(Math.abs((rec?.holdSeconds ?? 0) - heldFor)).toBeLessThanOrEqual(1.5);
  await shot(page, 'softphone-wrapup-zh');
});

const CUSTOMER = { name: '赵女士', phone: '13812345678' };

test('an outbound call from a callback reaches the customer and keeps the promise; a blind transfer hands a caller on and ends the call here', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  expect(workstation.dataDir).toBeTruthy();
  // A customer who asked to be called back.
  const callbackId = await page.evaluate(async (c) => {
    const { api } = globalThis as unknown as PageGlobals;
    const t = await api.invoke('tickets:create', { subject: '宽带断线后无法拨号', description: '客户请求回电确认维修时间。', category: 'fault', severity: 'normal', channel: 'phone', customer: c });
    if (!t.ok) throw new Error(t.error.message);
    const cb = await api.invoke('callbacks:schedule', { customerId: t.value.ticket.customerId, phone: c.phone, dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    if (!cb.ok) throw new Error(cb.error.message);
    return cb.value.id;
  }, CUSTOMER);

  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  await configure(page, '1001');
  const status = page.getByTestId('softphone-status');
  await page.keyboard.press('Control+1');
  await expect(status).toHaveAttribute('data-state', 'registered');

  // The customer's phone (sipp) registers and will answer with an echo.
  const reg = bed().sipp('register.xml', CUSTOMER.phone, { localPort: 16091 });
  expect(await reg.done, reg.output()).toBe(0);
  const uas = bed().sipp('uas.xml', CUSTOMER.phone, { rtpEcho: true, localPort: 16091, mediaPort: 16300 });

  // 回电 from the callbacks screen: dialled on the softphone, shown as calling, then talking when the customer answers.
  await page.keyboard.press('Control+6');
  await page.getByTestId('callback-dial').first().click();
  const bar = page.getByTestId('call-bar');
  await expect(bar).toHaveAttribute('data-status', 'talking', { timeout: 15_000 });
  await expect(page.getByTestId('call-direction')).toHaveText('呼出');
  const media = page.getByTestId('softphone-media');
  await expect.poll(async () => (await packets(media)).in, { timeout: 10_000 }).toBeGreaterThan(20);
  await expect.poll(async () => (await packets(media)).out, { timeout: 10_000 }).toBeGreaterThan(20);
  await page.keyboard.press('F4');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  expect(await uas.done, uas.output()).toBe(0);
  const kept = await page.evaluate(async (id) => {
    const r = await (globalThis as unknown as PageGlobals).api.invoke('callbacks:list', { status: 'done' } as never);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as unknown as { id: string; status: string; outcome: string | null }[]).find((c) => c.id === id) ?? null;
  }, callbackId);
  expect(kept).toMatchObject({ status: 'done', outcome: '电话已接通 · Reached by phone' });

  // Wrapped up (the disposition, ready again), then a caller is transferred blind to 1002.
  await page.evaluate(async () => {
    const { api } = globalThis as unknown as PageGlobals;
    const cur = await api.invoke('calls:current', {});
    if (!cur.ok || !cur.value) throw new Error('no current call');
    const r = await api.invoke('calls:wrapUp', { id: cur.value.id, disposition: 'resolved', ready: true });
    if (!r.ok) throw new Error(r.error.message);
  });
  await expect(bar).toHaveAttribute('data-status', 'idle');
  const state = page.getByTestId('agent-state');
  if ((await state.getAttribute('data-state')) !== 'ready') await page.keyboard.press('F8');
  await expect(state).toHaveAttribute('data-state', 'ready');
  const caller = bed().sipp('uac_refer.xml', '1001', { rtpEcho: true, localPort: 16101, mediaPort: 16400 });
  await expect(bar).toHaveAttribute('data-status', 'ringing', { timeout: 15_000 });
  await page.keyboard.press('F2');
  await expect(bar).toHaveAttribute('data-status', 'talking');
  // The call bar in English at 1440x900: keypad, then the transfer dialog.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('locale-switch').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'English' }).click();
  await expect(status).toHaveText('Softphone registered (ext. 1001)');
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByTestId('softphone-keypad')).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('*');
  await expect(page.getByTestId('softphone-dtmf-sent')).toHaveText('Sent: 1*');
  await shot(page, 'softphone-keypad-en');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+T');
  await expect(page.getByTestId('softphone-transfer-target')).toBeFocused();
  // Not a target: refused in words, the call stays.
  await page.getByTestId('softphone-transfer-target').fill('Zhang San');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Give an extension, a queue, a phone number or a sip: address')).toBeVisible();
  await expect(bar).toHaveAttribute('data-status', 'talking');
  await page.getByTestId('softphone-transfer-target').fill('1002');
  await shot(page, 'softphone-transfer-en');
  await page.keyboard.press('Enter');
  await expect(bar).toHaveAttribute('data-status', 'wrap_up');
  expect(await caller.done, caller.output()).toBe(0);
});

test('losing the PBX shows it at once and the softphone registers again by itself when it is back', async ({ page, workstation }) => {
  test.setTimeout(120_000);
  expect(workstation.dataDir).toBeTruthy();
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  await configure(page, '1001');
  await page.keyboard.press('Control+1');
  const status = page.getByTestId('softphone-status');
  await expect(status).toHaveAttribute('data-state', 'registered');
  await bed().stopPbx();
  try {
    await expect(status).toHaveAttribute('data-state', 'failed');
    await expect(status).toHaveText('软电话与 PBX 的连接中断，正在重连…');
    await shot(page, 'softphone-pbx-lost-zh');
  } finally {
    await bed().startPbx();
  }
  await expect(status).toHaveAttribute('data-state', 'registered', { timeout: 40_000 });
});
