import http from 'node:http';
import { ok, openTestCore, ticketInput, type TestCore } from '../unit/core/helpers.js';

/**
 * A day at the hotline, seeded through the core (CTI events, the agent's
 * buttons, tickets, hand-offs, follow-ups, callbacks) on an injected clock,
 * so every figure of the wallboard can be computed by hand. Times are
 * Beijing (+08:00); "today" is 2026-11-24 and the board is read at 10:00.
 *
 * Accounts: zhang.admin (admin, hotline), li.agent (hotline), zhao.agent
 * (billing), sun.senior (senior, hotline), chen.sup (supervisor, hotline).
 *
 * Calls (inbound, CTI): cy li 11-23 23:59:50 → answered 00:00:05 (rang
 * yesterday: not today's); c5 zhao 08:10:00 → 08:10:05, talk 240, wrap 60;
 * c1 li 09:00:00 → 09:00:10, talk 300, wrap 60; c2 li 09:10:00 → 09:10:30
 * (late), talk 120, wrap 30; c3 li 09:20 → ended unanswered after 40 s
 * (abandoned); c4 li 09:30 → ended after 3 s (short abandon).
 * li: not ready (break) from 09:40.
 *
 * Tickets: t3 urgent complaint of team hotline, created 11-23 08:00, still
 * open (past SLA, contact owed); t1 li 09:05 fault, linked to c1, resolved
 * 09:08 (first contact, in time), scored 5 at 09:55; t2 li 09:12 consult,
 * transferred 09:14, resolved 09:30 (not first contact), scored 3 at 09:56;
 * t4 li 09:35 change, escalated and waiting. A callback of li's was due 09:45.
 */

export const at = (local: string): number => Date.parse(`${local}+08:00`);
export const NOW = at('2026-11-24T10:00:00');

export const ACCOUNTS = {
  admin: { username: 'zhang.admin', displayName: '张管理', password: 'admin-pass-1', role: 'admin', team: 'hotline' },
  li: { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-1', role: 'agent', team: 'hotline' },
  zhao: { username: 'zhao.agent', displayName: '赵坐席', password: 'agent-pass-2', role: 'agent', team: 'billing' },
  sun: { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-1', role: 'senior', team: 'hotline' },
  chen: { username: 'chen.sup', displayName: '陈班长', password: 'super-pass-1', role: 'supervisor', team: 'hotline' },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

function post(port: number, token: string, body: unknown): Promise<{ status: number; callId: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/call-events', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => {
        const parsed = JSON.parse(text) as { callId?: string; error?: { message: string } };
        if ((res.statusCode ?? 0) !== 202) reject(new Error(`CTI ${JSON.stringify(body)}: ${res.statusCode} ${parsed.error?.message ?? text}`));
        else resolve({ status: res.statusCode ?? 0, callId: parsed.callId ?? '' });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export interface HotlineDay extends TestCore {
  ids: { t1: string; t2: string; t3: string; t4: string; c1: string; c3: string; c4: string };
  signIn(who: AccountKey): Promise<void>;
  /** a CTI event at a Beijing time */
  cti(local: string, event: Record<string, unknown>): Promise<string>;
}

export async function hotlineDay(): Promise<HotlineDay> {
  const t = await openTestCore({ cti: { port: 0 } });
  const { core, time } = t;
  const set = (local: string) => time.set(at(local));
  const signIn = async (who: AccountKey) => {
    await ok(core, 'agent:signIn', { username: ACCOUNTS[who].username, password: ACCOUNTS[who].password });
  };

  set('2026-11-23T08:00:00');
  const t3 = (await ok(core, 'tickets:create', ticketInput({ subject: '投诉：维修拖延', category: 'complaint', severity: 'urgent', channel: 'email', team: 'hotline' }))).ticket.id;
  set('2026-11-23T20:00:00');
  await ok(core, 'agent:setup', ACCOUNTS.admin);
  for (const key of ['li', 'zhao', 'sun', 'chen'] as const) await ok(core, 'accounts:create', ACCOUNTS[key]);
  const info = await ok(core, 'cti:info', {});
  const cti = async (local: string, event: Record<string, unknown>): Promise<string> => {
    set(local);
    return (await post(info.port, info.token ?? '', event)).callId;
  };
  const wrapUp = async (local: string, id: string) => {
    set(local);
    await ok(core, 'calls:wrapUp', { id, disposition: 'resolved' });
  };

  // Across midnight: rang yesterday, so not one of today's calls.
  set('2026-11-23T23:50:00');
  await signIn('li');
  const cy = await cti('2026-11-23T23:59:50', { event: 'ringing', callId: 'pbx-y', from: '13800138001' });
  await cti('2026-11-24T00:00:05', { event: 'answered', callId: 'pbx-y' });
  await cti('2026-11-24T00:01:05', { event: 'ended', callId: 'pbx-y' });
  await wrapUp('2026-11-24T00:01:35', cy);
  set('2026-11-24T00:02:00');
  await ok(core, 'agent:signOut', {});

  set('2026-11-24T08:00:00');
  await signIn('zhao');
  const c5 = await cti('2026-11-24T08:10:00', { event: 'ringing', callId: 'pbx-5', from: '13800138005' });
  await cti('2026-11-24T08:10:05', { event: 'answered', callId: 'pbx-5' });
  await cti('2026-11-24T08:14:05', { event: 'ended', callId: 'pbx-5' });
  await wrapUp('2026-11-24T08:15:05', c5);
  set('2026-11-24T08:20:00');
  await ok(core, 'agent:signOut', {});

  set('2026-11-24T08:30:00');
  await signIn('li');
  const c1 = await cti('2026-11-24T09:00:00', { event: 'ringing', callId: 'pbx-1', from: '010-6552 9988' });
  await cti('2026-11-24T09:00:10', { event: 'answered', callId: 'pbx-1' });
  set('2026-11-24T09:05:00');
  const t1 = (await ok(core, 'tickets:create', ticketInput({ subject: '打印机无法打印' }))).ticket.id;
  await ok(core, 'calls:link', { callId: c1, ticketId: t1 });
  await cti('2026-11-24T09:05:10', { event: 'ended', callId: 'pbx-1' });
  await wrapUp('2026-11-24T09:06:10', c1);
  set('2026-11-24T09:08:00');
  await ok(core, 'tickets:transition', { id: t1, to: 'resolved', resolution: '重装驱动后恢复' });

  const c2 = await cti('2026-11-24T09:10:00', { event: 'ringing', callId: 'pbx-2', from: '13800138002' });
  await cti('2026-11-24T09:10:30', { event: 'answered', callId: 'pbx-2' });
  set('2026-11-24T09:12:00');
  const t2 = (await ok(core, 'tickets:create', ticketInput({ subject: '发票抬头变更咨询', category: 'consult', channel: 'email', customer: { name: '刘洋', phone: '13800138002' } }))).ticket.id;
  await cti('2026-11-24T09:12:30', { event: 'ended', callId: 'pbx-2' });
  await wrapUp('2026-11-24T09:13:00', c2);
  set('2026-11-24T09:14:00');
  await ok(core, 'tickets:handoff', { ticketId: t2, kind: 'transfer', to: 'billing', ask: '确认发票抬头', dueBy: new Date(at('2026-11-24T12:00:00')).toISOString(), scope: '仅发票' });
  set('2026-11-24T09:30:00');
  await ok(core, 'tickets:transition', { id: t2, to: 'resolved', resolution: '财务部已变更' });

  const c3 = await cti('2026-11-24T09:20:00', { event: 'ringing', callId: 'pbx-3', from: '13800138003' });
  await cti('2026-11-24T09:20:40', { event: 'ended', callId: 'pbx-3' });
  const c4 = await cti('2026-11-24T09:30:00', { event: 'ringing', callId: 'pbx-4', from: '13800138004' });
  await cti('2026-11-24T09:30:03', { event: 'ended', callId: 'pbx-4' });

  set('2026-11-24T09:35:00');
  const t4 = (await ok(core, 'tickets:create', ticketInput({ subject: '专线开通失败', category: 'change', customer: { name: '周敏', phone: '13800138004' } }))).ticket.id;
  await ok(core, 'tickets:handoff', { ticketId: t4, kind: 'escalate', to: 'hotline', ask: '排查开通失败原因', dueBy: new Date(at('2026-11-24T11:35:00')).toISOString(), scope: '开通流程' });
  const customerId = (await ok(core, 'tickets:get', { id: t4 })).customer.id;
  await ok(core, 'callbacks:schedule', { customerId, ticketId: t4, phone: '13800138004', dueAt: new Date(at('2026-11-24T09:45:00')).toISOString() });
  set('2026-11-24T09:40:00');
  await ok(core, 'agent:setState', { state: 'not_ready', reason: 'break' });

  const followUps = await ok(core, 'followUps:list', { scope: 'team', status: 'open' });
  const score = async (local: string, ticketId: string, satisfaction: number) => {
    const f = followUps.find((x) => x.ticketId === ticketId && x.kind === 'satisfaction');
    if (!f) throw new Error(`no satisfaction follow-up for ${ticketId}`);
    set(local);
    await ok(core, 'followUps:record', { id: f.id, reached: true, satisfaction });
  };
  await score('2026-11-24T09:55:00', t1, 5);
  await score('2026-11-24T09:56:00', t2, 3);
  time.set(NOW);
  return { ...t, ids: { t1, t2, t3, t4, c1, c3, c4 }, signIn, cti };
}
