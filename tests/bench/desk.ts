/**
 * `BENCH_ONLY=desk npm run -s bench`: the agent console's read paths over a
 * center-sized folder. BENCH_DESK_TICKETS (default 100k) tickets across 50
 * agents and a year, most of them resolved or closed (as in a real center),
 * written in bulk; then p50/p95 of
 *  (a) tickets:get of a ticket with 200 history entries (with its SLA clocks),
 *  (b) myDay:get for one agent (my open tickets with clocks, callbacks,
 *      follow-ups, today's figures), and tickets:list of that agent's open
 *      tickets with clocks,
 *  (c) tickets:similar (bounded scan of recent solved tickets).
 * Targets: p95 ≤ 50 ms for (a) and (b). Writes bench-results/desk.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeHlc } from '../../shared/hlc.js';
import type { Channel, RequestOf } from '../../shared/contract.js';
import { OPEN_STATUSES, type TicketStatus } from '../../shared/tickets/stateMachine.js';
import { openCore, type LocalCore } from '../../electron/core/index.js';
import { KB_SQL_FUNCTIONS } from '../../electron/core/kb/search.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import type { SqlWriter } from '../../electron/core/store/types.js';
import { rng } from './kb.js';
import { ms, percentiles, type Percentiles } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TICKETS = Number(process.env.BENCH_DESK_TICKETS ?? 100_000);
const AGENTS = 50;
const CUSTOMERS = 20_000;
const RUNS = 200;
const ME = 'agent07';
const NOW = Date.parse('2026-11-24T06:00:00.000Z');
const DAY = 86_400_000;
const log = (m: string) => process.stderr.write(`${m}\n`);

const SUBJECTS = ['打印机无法打印', 'VPN 连接失败 错误 809', '邮箱密码重置', '网络频繁掉线', '话机无法登录坐席', '发票开具错误', '宽带开通', '系统登录提示证书过期', '显示器蓝屏', '投诉：维修超时'];
const RESOLUTIONS = ['以管理员身份重装驱动', '防火墙放行 UDP 500 和 4500 端口', '已重置密码并告知客户', '更换光猫后恢复', '重新绑定坐席工号', '财务已红冲重开', '已上门开通', '更新根证书', '更新显卡驱动', '已道歉并安排加急上门'];
const CLOSED: TicketStatus[] = ['resolved', 'confirmed', 'closed', 'closed', 'closed'];
const SEVERITIES = ['urgent', 'high', 'normal', 'normal', 'low'] as const;

const iso = (t: number) => new Date(t).toISOString();
const hex = (n: number) => n.toString(16).padStart(8, '0');

function insertHistory(w: SqlWriter, id: string, ticketId: string, at: number, counter: number, action: string, changes: unknown, note: string | null, actor: string): void {
  w.run('INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, note, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    id, ticketId, iso(at), actor, action, JSON.stringify(changes), note, encodeHlc({ wallMs: at, counter, nodeId: 'bench' }),
  ]);
}

/** Customers, phones, tickets and their history written in bulk transactions (not journaled row by row). Also the reports bench's base. */
export async function generate(dir: string): Promise<void> {
  const store = await Store.open({ dataDir: dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
  const r = rng(7);
  const t0 = performance.now();
  store.bulkWrite((w) => {
    for (let c = 0; c < CUSTOMERS; c++) {
      const id = `c-${hex(c)}`;
      const at = iso(NOW - 400 * DAY);
      w.run('INSERT INTO customers (id, name, organisation, address, created_at, updated_at, field_hlc) VALUES (?, ?, ?, NULL, ?, ?, ?)', [id, `客户 ${c}`, `公司 ${c % 97}`, at, at, '{}']);
      w.run('INSERT INTO customer_phones (customer_id, raw, key, ext, added_at) VALUES (?, ?, ?, ?, ?)', [id, `138${String(c).padStart(8, '0')}`, `+86138${String(c).padStart(8, '0')}`, '', at]);
    }
  });
  const BATCH = 20_000;
  for (let start = 0; start < TICKETS; start += BATCH) {
    store.bulkWrite((w) => {
      for (let i = start; i < Math.min(TICKETS, start + BATCH); i++) {
        const id = `t-${hex(i)}`;
        // Spread over a year, newest last; the last 2% are this week's open work.
        const created = NOW - Math.floor((1 - i / TICKETS) * 365 * DAY) - Math.floor(r() * 3_600_000);
        const open = r() < 0.05 || i > TICKETS * 0.98;
        const status: TicketStatus = open ? (OPEN_STATUSES[Math.floor(r() * 3)] as TicketStatus) : (CLOSED[Math.floor(r() * CLOSED.length)] as TicketStatus);
        const k = Math.floor(r() * SUBJECTS.length);
        const agent = `agent${String(i % AGENTS).padStart(2, '0')}`;
        const resolvedAt = open ? null : created + Math.floor(r() * 6 * 3_600_000);
        const closedAt = status === 'closed' && resolvedAt ? resolvedAt + DAY : null;
        w.run(
          `INSERT INTO tickets (id, no, status, subject, description, category, severity, channel, product, device_model, assignee_id, team, steps_taken,
             resolution, customer_id, created_by, created_at, updated_at, resolved_at, closed_at, field_hlc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id, `GD-${hex(i)}`, status, `${SUBJECTS[k] ?? ''} ${i}`, `客户反馈：${SUBJECTS[k] ?? ''}，已重启无效，错误码 ERR_${hex(i % 977)}`,
            k === 9 ? 'complaint' : 'fault', SEVERITIES[i % SEVERITIES.length] ?? 'normal', i % 3 === 0 ? 'email' : 'phone', 'LaserJet', agent,
            open ? null : (RESOLUTIONS[k] ?? null), `c-${hex(i % CUSTOMERS)}`, agent, iso(created), iso(closedAt ?? resolvedAt ?? created),
            resolvedAt === null ? null : iso(resolvedAt), closedAt === null ? null : iso(closedAt), '{}',
          ],
        );
        // The big ticket's history is written below.
        if (i === TICKETS - 1) continue;
        insertHistory(w, `h-${hex(i)}-0`, id, created, 0, 'created', { no: { from: null, to: `GD-${hex(i)}` }, status: { from: null, to: 'new' } }, null, agent);
        if (status !== 'new') insertHistory(w, `h-${hex(i)}-1`, id, created + 600_000, 0, 'transition', { status: { from: 'new', to: open ? status : 'resolved' } }, null, agent);
      }
    });
    log(`  ${Math.min(TICKETS, start + BATCH)} tickets (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // The ticket agents open most: long-running, 200 history entries (moves, contacts, edits).
  const bigTicketId = `t-${hex(TICKETS - 1)}`;
  store.bulkWrite((w) => {
    const created = NOW - 3 * DAY;
    w.run("UPDATE tickets SET status = 'in_progress', assignee_id = ?, created_at = ?, resolved_at = NULL, closed_at = NULL, resolution = NULL WHERE id = ?", [ME, iso(created), bigTicketId]);
    insertHistory(w, 'big-0', bigTicketId, created, 0, 'created', { status: { from: null, to: 'new' } }, null, ME);
    let status: TicketStatus = 'new';
    for (let n = 1; n < 200; n++) {
      const at = created + n * 1_200_000;
      if (n % 3 === 0) insertHistory(w, `big-${n}`, bigTicketId, at, 0, 'contact', { channel: { from: null, to: 'phone' } }, '已告知客户进展', ME);
      else if (n % 3 === 1) {
        const to: TicketStatus = status === 'in_progress' ? 'waiting_customer' : 'in_progress';
        insertHistory(w, `big-${n}`, bigTicketId, at, 0, 'transition', { status: { from: status, to } }, null, ME);
        status = to;
      } else insertHistory(w, `big-${n}`, bigTicketId, at, 0, 'updated', { stepsTaken: { from: null, to: `步骤 ${n}` } }, null, ME);
    }
    w.run('UPDATE tickets SET status = ? WHERE id = ?', [status, bigTicketId]);
  });
  store.close();
  log(`generated ${TICKETS} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function measure<C extends Channel>(core: LocalCore, channel: C, payload: RequestOf<C>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const t = performance.now();
    const res = await core.call(channel, payload);
    const dt = performance.now() - t;
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
    if (i >= 10) samples.push(dt);
  }
  return percentiles(samples);
}

export async function runDeskBench(): Promise<void> {
  // BENCH_DESK_DIR keeps the generated folder and reuses it on the next run (profiling).
  const keep = process.env.BENCH_DESK_DIR;
  const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-desk-'));
  const dir = path.join(work, 'data');
  const bigTicketId = `t-${hex(TICKETS - 1)}`;
  if (!fs.existsSync(path.join(dir, 'store.db'))) {
    fs.mkdirSync(dir, { recursive: true });
    log(`desk bench folder: ${work}; generating ${TICKETS} tickets`);
    await generate(dir);
  }
  // Nobody signed in at the desk: the host's operator (ME) is "me".
  const core = await openCore({ dataDir: dir, actorId: ME, idleCheckpointMs: 0, now: () => NOW, sync: { autoStart: false } });
  const detail = await core.call('tickets:get', { id: bigTicketId });
  if (!detail.ok) throw new Error(detail.error.message);
  const day = await core.call('myDay:get', {});
  if (!day.ok) throw new Error(day.error.message);
  const openCount = (day.value as { openTickets: unknown[] }).openTickets.length;
  const get = await measure(core, 'tickets:get', { id: bigTicketId });
  const myDay = await measure(core, 'myDay:get', {});
  const list = await measure(core, 'tickets:list', { assigneeId: ME, status: [...OPEN_STATUSES], limit: 100 });
  const similar = await measure(core, 'tickets:similar', { text: '打印机无法打印 ERR_0x80070005', limit: 5 });
  await core.close();

  const rows: [string, Percentiles, string][] = [
    ['tickets:get, 200 history entries, with SLA', get, `p95 <= 50 ms: ${get.p95 <= 50 ? 'PASS' : 'FAIL'}`],
    [`myDay:get (${openCount} open tickets with SLA)`, myDay, `p95 <= 50 ms: ${myDay.p95 <= 50 ? 'PASS' : 'FAIL'}`],
    ['tickets:list my open tickets, with SLA', list, `p95 <= 50 ms: ${list.p95 <= 50 ? 'PASS' : 'FAIL'}`],
    ['tickets:similar (newest 3,000 solved)', similar, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'measure'.padEnd(w0)}  ${'p50'.padEnd(10)}  ${'p95'.padEnd(10)}  target`);
  for (const [name, p, target] of rows) console.log(`${name.padEnd(w0)}  ${ms(p.p50).padEnd(10)}  ${ms(p.p95).padEnd(10)}  ${target}`);
  const results = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    tickets: TICKETS,
    runs: RUNS,
    ticketGetWith200History: get,
    myDay: { ...myDay, openTickets: openCount },
    listMyOpen: list,
    similar,
    targets: { p95Ms: 50 },
  };
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'desk.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nsaved bench-results/desk.json');
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}
