import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, readRaw } from '../../unit/core/helpers.js';
import { attendanceMonth } from '../../support/attendanceFixture.js';
import { localIso } from '../../../shared/attendance/attendance.js';

describe('attendance month over the state log, corrections and the roster', () => {
  it('computes each agent-day by the rules (late 5:01, early, leave, absent, night shift into a rest day)', async () => {
    const { core } = await attendanceMonth();
    const month = await ok(core, 'attendance:month', { month: '2026-03', agent: 'alice' });
    const alice = month.agents[0]!;
    const day = (d: string) => alice.days.find((x) => x.date === d)!;
    expect(day('2026-03-02')).toMatchObject({ entry: 'D', status: 'late', lateMinutes: 5, firstIn: '2026-03-02T08:35:01+08:00', lastOut: '2026-03-02T19:00:00+08:00', overtime: { workday: 90, restday: 0, holiday: 0 } });
    expect(day('2026-03-03')).toMatchObject({ status: 'early', earlyMinutes: 30 });
    expect(day('2026-03-04')).toMatchObject({ status: 'leave', entry: 'leave:sick' });
    expect(day('2026-03-05')).toMatchObject({ status: 'absent', firstIn: null });
    expect(day('2026-03-06')).toMatchObject({ status: 'normal', overtime: { workday: 60 } });
    expect(day('2026-03-07')).toMatchObject({ status: 'rest', overtime: { restday: 30 } });
    expect(day('2026-03-08')).toMatchObject({ status: 'rest', overtime: { restday: 240 } });
    expect(alice.totals).toEqual({
      scheduledDays: 4, attendedDays: 3, lateCount: 1, lateMinutes: 5, earlyCount: 1, earlyMinutes: 30, absentDays: 1, leaveDays: 1, restDays: 26,
      overtimeMinutes: { workday: 150, restday: 270, holiday: 0 },
    });
    const all = await ok(core, 'attendance:month', { month: '2026-03' });
    expect(all.agents.map((a) => a.agentId)).toEqual(['alice', 'bob', 'sup1']);
    const team = await ok(core, 'attendance:month', { month: '2026-03', team: '二组' });
    expect(team.agents.map((a) => a.agentId)).toEqual(['bob']);
  });

  it('a correction adds the missing sign-out: the absent night turns into attendance, marked as corrected', async () => {
    const { core } = await attendanceMonth();
    await ok(core, 'attendance:correct', { agentId: 'alice', state: 'ready', at: '2026-03-05T08:29:00+08:00', note: '打卡机故障' });
    await ok(core, 'attendance:correct', { agentId: 'alice', state: 'offline', at: '2026-03-05T17:30:00+08:00', note: '打卡机故障' });
    const detail = await ok(core, 'attendance:day', { agentId: 'alice', date: '2026-03-05' });
    // the offset the drawer types a correction's time in (localIso): the rules' own, so the form and the day agree
    expect(detail.utcOffsetMinutes).toBe(480);
    expect(localIso('2026-03-05', '08:29', detail)).toBe(detail.day.firstIn);
    expect(detail.day).toMatchObject({ status: 'normal', firstIn: '2026-03-05T08:29:00+08:00' });
    expect(detail.spans).toEqual([{ from: '2026-03-05T08:29:00+08:00', to: '2026-03-05T17:30:00+08:00', open: false, corrected: true }]);
    expect(detail.corrections.map((c) => [c.state, c.note, c.actorId, c.source])).toEqual([
      ['ready', '打卡机故障', 'agent-7', 'correction'],
      ['offline', '打卡机故障', 'agent-7', 'correction'],
    ]);
    const sheet = await ok(core, 'attendance:sheet', { month: '2026-03', agent: 'alice' });
    expect(sheet.agents[0]!.cells.find((c) => c.date === '2026-03-05')).toMatchObject({ text: '√', corrected: true });
  });

  it('refuses a correction without a reason or a time zone, and changes nothing', async () => {
    const { core } = await attendanceMonth();
    const before = await footprint(core);
    expect((await failure(core, 'attendance:correct', { agentId: 'alice', state: 'ready', at: '2026-03-05T08:29:00+08:00', note: ' ' })).code).toBe('VALIDATION_FAILED');
    const noZone = await failure(core, 'attendance:correct', { agentId: 'alice', state: 'ready', at: '2026-03-05T08:29:00', note: 'x' });
    expect(noZone.fields?.[0]?.path).toBe('at');
    expect(await footprint(core)).toEqual(before);
  });
});

describe('overtime claims and approval', () => {
  it('makes a claim of each computed overtime and lets a supervisor lower, approve (time off for rest days only) and reject', async () => {
    const { core } = await attendanceMonth();
    const claims = await ok(core, 'overtime:list', { month: '2026-03' });
    expect(claims.map((c) => [c.id, c.kind, c.minutes, c.status])).toEqual([
      ['alice|2026-03-02|workday', 'workday', 90, 'pending'],
      ['alice|2026-03-06|workday', 'workday', 60, 'pending'],
      ['alice|2026-03-07|restday', 'restday', 30, 'pending'],
      ['alice|2026-03-08|restday', 'restday', 240, 'pending'],
    ]);
    expect((await failure(core, 'overtime:approve', { id: 'alice|2026-03-02|workday', minutes: 120 })).code).toBe('MINUTES_ABOVE_CLAIM');
    expect((await failure(core, 'overtime:approve', { id: 'alice|2026-03-02|workday', compensation: 'time_off' })).code).toBe('COMPENSATION_NOT_ALLOWED');
    const lowered = await ok(core, 'overtime:approve', { id: 'alice|2026-03-02|workday', minutes: 60 });
    expect(lowered).toMatchObject({ status: 'approved', approvedMinutes: 60, compensation: 'pay', decidedBy: 'agent-7' });
    expect((await failure(core, 'overtime:approve', { id: 'alice|2026-03-02|workday' })).code).toBe('CLAIM_DECIDED');
    expect(await ok(core, 'overtime:approve', { id: 'alice|2026-03-08|restday', compensation: 'time_off' })).toMatchObject({ approvedMinutes: 240, compensation: 'time_off' });
    expect(await ok(core, 'overtime:reject', { id: 'alice|2026-03-07|restday', reason: '未申请' })).toMatchObject({ status: 'rejected', rejectReason: '未申请' });
    expect((await failure(core, 'overtime:approve', { id: 'nobody|2026-03-01|workday' })).code).toBe('CLAIM_NOT_FOUND');
    expect((await ok(core, 'overtime:list', { month: '2026-03', status: 'approved' })).map((c) => c.id)).toEqual(['alice|2026-03-02|workday', 'alice|2026-03-08|restday']);

    // Only approved overtime reaches the sheet: 60 min at 150 %, 240 min at 200 % taken as time off.
    const sheet = await ok(core, 'attendance:sheet', { month: '2026-03', agent: 'alice' });
    const a = sheet.agents[0]!;
    expect(a.approvedMinutes).toEqual({ workday: 60, restday: 240, holiday: 0 });
    expect(a.timeOffMinutes).toBe(240);
    expect(a.cells.find((c) => c.date === '2026-03-02')!.text).toBe('迟加');
    expect(a.cells.find((c) => c.date === '2026-03-07')!.text).toBe('休');
    expect(a.cells.find((c) => c.date === '2026-03-08')!.text).toBe('加');
  });

  it('warns (never refuses) past 3 h of workday extension on a day', async () => {
    const { core } = await attendanceMonth();
    await ok(core, 'attendance:correct', { agentId: 'bob', state: 'ready', at: '2026-03-02T18:00:00+08:00', note: '加班补登' });
    await ok(core, 'attendance:correct', { agentId: 'bob', state: 'offline', at: '2026-03-02T21:45:00+08:00', note: '加班补登' });
    // 18:00-21:45 after a full day: 225 minutes, 7 units of 30 = 210 > 180.
    const [claim] = await ok(core, 'overtime:list', { month: '2026-03', agent: 'bob' });
    expect(claim).toMatchObject({ id: 'bob|2026-03-02|workday', minutes: 210, warnings: [{ code: 'DAILY_EXTENSION', period: '2026-03-02', minutes: 210, limitMinutes: 180 }] });
    // Lowered to 3 h on approval: no warning.
    expect((await ok(core, 'overtime:approve', { id: 'bob|2026-03-02|workday', minutes: 180 })).warnings).toEqual([]);
  });
});

describe('who sees and does what', () => {
  it('an agent sees their own month and claims only, may add a reason, never approve or correct', async () => {
    const { core } = await attendanceMonth();
    await ok(core, 'agent:signIn', { username: 'alice', password: 'secret123' });
    expect((await ok(core, 'attendance:month', { month: '2026-03' })).agents.map((a) => a.agentId)).toEqual(['alice']);
    expect((await failure(core, 'attendance:month', { month: '2026-03', agent: 'bob' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'attendance:month', { month: '2026-03', team: '一组' })).code).toBe('FORBIDDEN');
    const mine = await ok(core, 'overtime:list', { month: '2026-03' });
    expect(mine.map((c) => c.id)).toContain('alice|2026-03-08|restday');
    const withReason = await ok(core, 'overtime:reason', { id: 'alice|2026-03-08|restday', reason: '系统割接值守' });
    expect(withReason).toMatchObject({ agentReason: '系统割接值守', status: 'pending' });
    expect((await failure(core, 'overtime:approve', { id: 'alice|2026-03-08|restday' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'attendance:correct', { agentId: 'alice', state: 'ready', at: '2026-03-05T08:29:00+08:00', note: '自己补' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'attendance:export', { sheet: 'attendance', month: '2026-03', format: 'csv' })).code).toBe('FORBIDDEN');
  });

  it('a supervisor works their own team, not another', async () => {
    const { core } = await attendanceMonth();
    await ok(core, 'agent:signIn', { username: 'sup1', password: 'secret123' });
    expect((await ok(core, 'attendance:month', { month: '2026-03' })).agents.map((a) => a.agentId)).toEqual(['alice', 'sup1']);
    expect((await failure(core, 'attendance:month', { month: '2026-03', team: '二组' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'attendance:correct', { agentId: 'bob', state: 'ready', at: '2026-03-05T08:29:00+08:00', note: '补登' })).code).toBe('FORBIDDEN');
    await ok(core, 'attendance:correct', { agentId: 'alice', state: 'ready', at: '2026-03-05T08:29:00+08:00', note: '补登' });
    expect((await ok(core, 'overtime:list', { month: '2026-03' })).every((c) => c.agentId === 'alice')).toBe(true);
    const importErr = await failure(core, 'attendance:importLog', { lines: [{ agentId: 'alice', state: 'ready', at: '2026-03-09T08:30:00+08:00' }, { agentId: 'bob', state: 'ready', at: '2026-03-09T08:30:00+08:00' }], reason: '迁移' });
    expect(importErr).toMatchObject({ code: 'FORBIDDEN' });
    expect(importErr.message).toMatch(/^line 2: /);
  });
});

describe('the two sheets', () => {
  it('exports the 月度考勤表 as .xlsx with its title, weekday row, shading, symbols, totals, legend and signature rows, and audits it', async () => {
    const { core, dir } = await attendanceMonth();
    await ok(core, 'overtime:list', { month: '2026-03' });
    await ok(core, 'overtime:approve', { id: 'alice|2026-03-08|restday', compensation: 'time_off' });
    const file = await ok(core, 'attendance:export', { sheet: 'attendance', month: '2026-03', format: 'xlsx', team: '一组' });
    expect(file.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('月度考勤表')!;
    expect(ws.getCell('A1').value).toBe('2026年3月 月度考勤表 · 一组');
    expect(ws.getCell(2, 3).value).toBe(1);
    expect(ws.getCell(3, 3).value).toBe('日'); // 2026-03-01 is a Sunday
    expect(ws.getCell(3, 4).value).toBe('一');
    expect(ws.getCell(4, 1).value).toBe('alice');
    expect(ws.getCell(4, 2).value).toBe('李丽');
    expect(ws.getCell(4, 4).value).toBe('迟'); // 03-02
    expect(ws.getCell(4, 6).value).toBe('假'); // 03-04
    expect(ws.getCell(4, 7).value).toBe('旷'); // 03-05
    expect(ws.getCell(4, 10).value).toBe('加'); // 03-08, approved rest-day overtime
    expect((ws.getCell(4, 3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFEDEDED'); // Sunday shaded
    expect((ws.getCell(4, 4).fill as { fgColor?: unknown } | undefined)?.fgColor).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    const headers = (ws.getRow(2).values as unknown[]).filter((v) => typeof v === 'string');
    expect(headers).toEqual(expect.arrayContaining(['应出勤(天)', '实出勤(天)', '迟到(次)', '病假', '加班200%(时)', '调休(时)']));
    const texts = ws.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(texts.some((t) => t.startsWith('图例：√ 出勤'))).toBe(true);
    expect(texts).toContain('制表人：');

    const csv = await ok(core, 'attendance:export', { sheet: 'overtime', month: '2026-03', format: 'csv' });
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('工号,姓名,日期,类别,分钟,小时,倍率,补偿方式,审批人,审批时间');
    expect(lines[1]).toMatch(/^alice,李丽,2026-03-08,休息日,240,4,200%,调休,agent-7,/);
    expect(lines[2]).toMatch(/^alice,李丽,小计,200% 4h,240,4,,调休 4h/);
    expect(csv.rows).toBe(1);

    const audit = await readRaw(core, dir, (r) => r.all<{ kind: string; format: string; fromDate: string; toDate: string; team: string | null; rows: number }>('SELECT kind, format, from_date AS fromDate, to_date AS toDate, team, rows FROM report_exports ORDER BY rowid'));
    expect(audit).toEqual([
      { kind: 'attendance', format: 'xlsx', fromDate: '2026-03-01', toDate: '2026-03-31', team: '一组', rows: 2 },
      { kind: 'overtime', format: 'csv', fromDate: '2026-03-01', toDate: '2026-03-31', team: null, rows: 1 },
    ]);
  });
});
