import http from 'node:http';
import type { Page } from '@playwright/test';
import type { Channel, RequestOf, ValueOf } from '../../shared/contract.js';
import type { PageGlobals } from './fixtures.js';

/** The wallboard specs' morning at the desk: calls through the CTI endpoint and tickets through window.api. */

export async function api<C extends Channel>(page: Page, channel: C, request: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await page.evaluate(([c, r]) => (globalThis as unknown as PageGlobals).api.invoke(c as Channel, r as never), [channel, request] as [string, unknown]);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return res.value as ValueOf<C>;
}

/** One reference instant per test, so the waits between events are exact whatever the box's load. */
let base = Date.now();

/** A CTI event as the phone system posts it; `ago` seconds before the test's reference instant. */
export async function cti(port: number, token: string, event: string, callId: string, ago: number, from?: string): Promise<string> {
  const at = new Date(base - ago * 1000).toISOString();
  // Only `ringing` says who calls; the other events name the call alone.
  const body = JSON.stringify(event === 'ringing' ? { event, callId, from: from ?? '13800138000', at } : { event, callId, at });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/call-events', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => (res.statusCode === 202 ? resolve((JSON.parse(text) as { callId: string }).callId) : reject(new Error(`${event} ${callId}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * This morning at the desk, in the last 20 minutes: c1 answered after 8 s
 * (in target) with a ticket; c2 abandoned after 30 s; c3 a short abandon
 * (3 s); c4 answered after 25 s (late). So: offered 4, answered 2,
 * abandoned 1, SL 1 / 3 = 33.3 % (red), abandon rate 33.3 % (red), ASA 16.5 s.
 */
export async function seedMorning(page: Page): Promise<{ ticketNo: string }> {
  base = Date.now();
  const info = await api(page, 'cti:info', {});
  const port = info.port;
  const token = info.token ?? '';
  const c1 = await cti(port, token, 'ringing', 'pbx-1', 1200, '010-6552 9988');
  await cti(port, token, 'answered', 'pbx-1', 1192);
  const t1 = await api(page, 'tickets:create', {
    subject: '打印机无法打印',
    description: '错误码 ERR_0x80070005，已重启无效',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '王芳', phone: '010-6552 9988' },
  });
  await api(page, 'calls:link', { callId: c1, ticketId: t1.ticket.id });
  await cti(port, token, 'ended', 'pbx-1', 1080);
  await api(page, 'calls:wrapUp', { id: c1, disposition: 'ticket_created' });
  await cti(port, token, 'ringing', 'pbx-2', 900, '13911112222');
  await cti(port, token, 'ended', 'pbx-2', 870);
  await cti(port, token, 'ringing', 'pbx-3', 600, '13933334444');
  await cti(port, token, 'ended', 'pbx-3', 597);
  const c4 = await cti(port, token, 'ringing', 'pbx-4', 480, '13955556666');
  await cti(port, token, 'answered', 'pbx-4', 455);
  await cti(port, token, 'ended', 'pbx-4', 395);
  await api(page, 'calls:wrapUp', { id: c4, disposition: 'info_given' });
  await api(page, 'tickets:create', { subject: '投诉：上门维修迟到', description: '客户投诉工程师迟到两小时', category: 'complaint', severity: 'urgent', channel: 'email', customer: { name: '刘洋', phone: '13911112222' } });
  return { ticketNo: t1.ticket.no };
}
