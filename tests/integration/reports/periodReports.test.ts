import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { failure, ok, readRaw } from '../../unit/core/helpers.js';
import { hotlineDay } from '../../support/wallboardFixture.js';

const DAY = { from: '2026-11-24', to: '2026-11-24' };

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

describe('period reports through the core', () => {
  it('gives a supervisor the period beside the previous one: volume by channel, category, severity and product, and the KPIs', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const report = await ok(day.core, 'reports:period', { ...DAY, kind: 'range' });
    expect(report.kind).toBe('range');
    expect(report.teams).toEqual(['billing', 'hotline']);
    // Today: c5 (zhao), c1, c2 answered; c3 abandoned; c4 short. t1 (fault, phone), t2 (consult, email), t4 (change, phone).
    expect(report.current).toEqual({
      from: '2026-11-24',
      to: '2026-11-24',
      calls: { inbound: { offered: 5, answered: 3, abandoned: 1, shortAbandoned: 1 }, outbound: { placed: 0, connected: 0, notConnected: 0 } },
      tickets: {
        created: 3,
        resolved: 2,
        byChannel: { phone: 2, email: 1, chat: 0, forum: 0, fax: 0, walkin: 0 },
        byCategory: {
          consult: { created: 1, resolved: 1 },
          complaint: { created: 0, resolved: 0 },
          fault: { created: 1, resolved: 1 },
          change: { created: 1, resolved: 0 },
          suggestion: { created: 0, resolved: 0 },
          activation: { created: 0, resolved: 0 },
        },
        bySeverity: { urgent: 0, high: 0, normal: 3, low: 0 },
        byProduct: [{ product: null, created: 3 }],
      },
      announcements: { published: 0, tracked: true },
      // SL 2/4, abandon 1/4, ASA (5+10+30)/3, AHT (300+360+150)/3, FCR 1/2, CSAT 1 of 2 scores >= 4, mean (5+3)/2.
      kpi: { serviceLevel: 50, abandonRate: 25, asaSeconds: 15, ahtSeconds: 270, fcr: 50, csat: 50, csatMean: 4, slaMet: 100 },
    });
    // The previous day: the call that rang at 23:59:50 (answered 15 s later, 60 s talk + 30 s wrap) and t3.
    expect(report.previous.from).toBe('2026-11-23');
    expect(report.previous.calls.inbound).toEqual({ offered: 1, answered: 1, abandoned: 0, shortAbandoned: 0 });
    expect(report.previous.tickets).toMatchObject({ created: 1, resolved: 0, bySeverity: { urgent: 1 }, byChannel: { email: 1 } });
    expect(report.previous.kpi).toEqual({ serviceLevel: 100, abandonRate: 0, asaSeconds: 15, ahtSeconds: 90, fcr: null, csat: null, csatMean: null, slaMet: null });

    // A team: billing has zhao's call only.
    const billing = await ok(day.core, 'reports:period', { ...DAY, team: 'billing', kind: 'range' });
    expect(billing.team).toBe('billing');
    expect(billing.current.calls.inbound).toEqual({ offered: 1, answered: 1, abandoned: 0, shortAbandoned: 0 });
    expect(billing.current.tickets.created).toBe(0);
    expect(billing.current.kpi.fcr).toBeNull();

    // An empty month, compared with the empty month before it: counts 0, every ratio null (no division by zero).
    const empty = await ok(day.core, 'reports:period', { from: '2025-01-01', to: '2025-01-31', kind: 'month' });
    expect(empty.previous).toMatchObject({ from: '2024-12-01', to: '2024-12-31' });
    expect(empty.current.calls.inbound).toEqual({ offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0 });
    expect(empty.current.tickets).toMatchObject({ created: 0, resolved: 0, byProduct: [] });
    expect(empty.current.kpi).toEqual({ serviceLevel: null, abandonRate: null, asaSeconds: null, ahtSeconds: null, fcr: null, csat: null, csatMean: null, slaMet: null });
  });

  it('fills the agent KPI sheet: talk time, tickets handled, timeliness, satisfaction and not-ready time by reason', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const sheet = await ok(day.core, 'reports:agentSheet', DAY);
    expect(sheet.reasons.map((r) => r.code)).toEqual(['break', 'meal', 'training', 'meeting', 'outbound']);
    expect(sheet.rows).toEqual([
      {
        agentId: 'li.agent',
        displayName: '李坐席',
        team: 'hotline',
        callsAnswered: 2,
        talkSeconds: 420, // c1 300 + c2 120
        ahtSeconds: 255,
        ticketsHandled: 3, // t1, t2, t4
        ticketsResolved: 2,
        fcr: 50,
        slaMet: 100,
        csat: 50,
        csatMean: 4,
        quality: null,
        reviews: 0,
        notReady: { break: 1200 }, // 09:40 - 10:00
        notReadySeconds: 1200,
      },
      { agentId: 'zhao.agent', displayName: '赵坐席', team: 'billing', callsAnswered: 1, talkSeconds: 240, ahtSeconds: 300, ticketsHandled: 0, ticketsResolved: 0, fcr: null, slaMet: null, csat: null, csatMean: null, quality: null, reviews: 0, notReady: {}, notReadySeconds: 0 },
    ]);
  });

  it('lists the period’s escalated and defect-flagged tickets grouped by product, with what second line answered and the defect', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const summary = await ok(day.core, 'reports:problems', DAY);
    expect(summary.groups).toEqual([
      {
        product: null,
        resolved: 0,
        tickets: [expect.objectContaining({ ticketId: day.ids.t4, subject: '专线开通失败', escalatedTo: 'hotline', ask: '排查开通失败原因', answer: null, resolution: null, owner: 'li.agent', defect: null })],
      },
    ]);
    // t1 (resolved, never escalated) is flagged as a product defect the same day: it joins the summary with its defect.
    await ok(day.core, 'defects:flag', { ticketId: day.ids.t1, title: '打印驱动升级后无法打印', product: '云打印', version: '3.2.1', steps: '升级驱动后打印任何文档', severity: 'high', trackerRef: 'DEV-1024' });
    const withDefect = await ok(day.core, 'reports:problems', DAY);
    const printing = withDefect.groups.find((g) => g.tickets.some((t) => t.ticketId === day.ids.t1));
    expect(printing?.tickets.find((t) => t.ticketId === day.ids.t1)).toMatchObject({ escalatedTo: null, defect: { title: '打印驱动升级后无法打印', trackerRef: 'DEV-1024', status: 'open' } });
    expect(withDefect.groups.flatMap((g) => g.tickets.map((t) => t.ticketId)).sort()).toEqual([day.ids.t1, day.ids.t4].sort());
    // The transfer of t2 is not a hard problem; yesterday had no escalation.
    expect((await ok(day.core, 'reports:problems', { from: '2026-11-23', to: '2026-11-23' })).groups).toEqual([]);
  });

  it('exports each report as a styled .xlsx and a CSV with a BOM, and records every export in the audit and the outbox', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const summary = await ok(day.core, 'reports:export', { ...DAY, kind: 'summary', format: 'xlsx' });
    expect(summary.fileName).toBe('hotline-summary-2026-11-24_2026-11-24.xlsx');
    const wb = await workbook(summary.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['关键指标', '话务量', '工单-渠道', '工单-类别-新建', '工单-类别-解决', '工单-级别', '工单-产品', '公告']);
    const kpi = wb.getWorksheet('关键指标');
    if (!kpi) throw new Error('no KPI sheet');
    expect(String(kpi.getCell('A1').value)).toContain('话务与工单报表');
    expect(String(kpi.getCell('A1').value)).toContain('2026-11-24');
    expect(kpi.getCell('A1').font.bold).toBe(true);
    expect(kpi.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(kpi.getRow(2).values).toEqual([undefined, '项目', '本期', '上期', '变化', '变化率']);
    // Service level 50 % against yesterday's 100 %: a percent cell 0.5, down 50 points, -50 %.
    expect(kpi.getCell('A3').value).toBe('服务水平');
    expect(kpi.getCell('B3').value).toBe(0.5);
    expect(kpi.getCell('B3').numFmt).toBe('0.0%');
    expect(kpi.getCell('C3').value).toBe(1);
    expect(kpi.getCell('E3').value).toBe(-0.5);
    // FCR has no previous figure: the cell is empty, never 0.
    expect(kpi.getCell('A7').value).toBe('首次解决率');
    expect(kpi.getCell('C7').value).toBeNull();
    const calls = wb.getWorksheet('话务量');
    expect(calls?.getCell('A3').value).toBe('呼入-进线');
    expect(calls?.getCell('B3').value).toBe(5);
    expect(calls?.getCell('B3').numFmt).toBe('#,##0');
    // 8 KPIs + 9 volume lines + 6 channels + 6 + 6 categories + 4 severities + 1 product + 1 announcements.
    expect(summary.rows).toBe(41);

    const csv = await ok(day.core, 'reports:export', { ...DAY, kind: 'agents', format: 'csv', locale: 'en' });
    expect(csv.fileName).toBe('hotline-agents-2026-11-24_2026-11-24.csv');
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Agent ID,Name,Team,Calls answered,Talk time (s),AHT (s),Tickets handled,Tickets resolved,FCR,Timeliness (SLA met),Satisfaction,Record accuracy,Reviews,Not ready total (s),小休(Seconds),用餐(Seconds),培训(Seconds),会议(Seconds),外呼(Seconds)',
    );
    expect(lines[1]).toBe('li.agent,李坐席,hotline,2,420,255,3,2,50,100,50,,0,1200,1200,0,0,0,0');
    expect(lines[2]).toBe('zhao.agent,赵坐席,billing,1,240,300,0,0,,,,,0,0,0,0,0,0,0');
    expect(lines[3]).toBe('');
    expect(csv.rows).toBe(2);

    const problems = await ok(day.core, 'reports:export', { ...DAY, kind: 'problems', format: 'xlsx' });
    const pwb = await workbook(problems.base64);
    expect(pwb.worksheets.map((w) => w.name)).toEqual(['疑难问题', '按产品汇总']);
    expect(pwb.getWorksheet('疑难问题')?.getCell('C3').value).toBe('专线开通失败');
    expect(pwb.getWorksheet('疑难问题')?.getCell('E3').value).toBe('已升级');
    expect(problems.rows).toBe(1);

    const log = await ok(day.core, 'reports:exportLog', {});
    expect(log.map((e) => [e.actorId, e.kind, e.format, e.from, e.to, e.rows])).toEqual([
      ['chen.sup', 'problems', 'xlsx', '2026-11-24', '2026-11-24', 1],
      ['chen.sup', 'agents', 'csv', '2026-11-24', '2026-11-24', 2],
      ['chen.sup', 'summary', 'xlsx', '2026-11-24', '2026-11-24', 41],
    ]);
    const outbox = await readRaw(day.core, day.dir, (r) => r.all<{ name: string; entity: string }>("SELECT name, entity FROM outbox WHERE entity = 'report_export' ORDER BY id"));
    expect(outbox).toEqual([
      { name: 'reports:export', entity: 'report_export' },
      { name: 'reports:export', entity: 'report_export' },
      { name: 'reports:export', entity: 'report_export' },
    ]);
  });

  it('refuses reports and exports to an agent, and bad kinds, formats and ranges with the field named, exporting nothing', async () => {
    const day = await hotlineDay();
    expect((await failure(day.core, 'reports:period', { ...DAY, kind: 'month' })).code).toBe('FORBIDDEN');
    expect((await failure(day.core, 'reports:export', { ...DAY, kind: 'summary', format: 'xlsx' })).code).toBe('FORBIDDEN');
    await day.signIn('chen');
    const bad = [
      [{ ...DAY, kind: 'calls', format: 'xlsx' }, 'kind'],
      [{ ...DAY, kind: 'summary', format: 'pdf' }, 'format'],
      [{ from: '2026-11-24', to: '2026-11-01', kind: 'summary', format: 'csv' }, 'to'],
      [{ from: '2026-13-01', to: '2026-11-01', kind: 'summary', format: 'csv' }, 'from'],
    ] as const;
    for (const [req, field] of bad) {
      const e = await failure(day.core, 'reports:export', req);
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.fields?.map((f) => f.path)).toContain(field);
    }
    expect(await ok(day.core, 'reports:exportLog', {})).toEqual([]);
  });
});
