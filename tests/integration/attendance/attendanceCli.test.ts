import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { tempDir } from '../../unit/core/helpers.js';
import { attendanceMonth } from '../../support/attendanceFixture.js';
import { cli, errorOf } from '../cliRun.js';

async function closedFolder(): Promise<string> {
  const f = await attendanceMonth();
  await f.core.close();
  return f.dir;
}

async function count(dir: string, sql: string): Promise<number> {
  const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
  try {
    return store.read((r) => r.get<{ n: number }>(sql)?.n ?? -1);
  } finally {
    store.close();
  }
}

// Each command is a process of its own (tsx, the core, the data folder): on a loaded 2-core box a few seconds each.
describe('attendance CLI (issue 16 point 9, exact shapes)', { timeout: 240_000 }, () => {
  it('attendance month prints the month in exactly the issue\'s shape', async () => {
    const dir = await closedFolder();
    const run = await cli(['--data', dir, 'attendance', 'month', '--month', '2026-03', '--agent', 'alice']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { month: string; agents: { agentId: string; days: Record<string, unknown>[]; totals: Record<string, unknown> }[] };
    expect(Object.keys(out)).toEqual(['month', 'agents']);
    expect(Object.keys(out.agents[0]!)).toEqual(['agentId', 'days', 'totals']);
    expect(out.agents[0]!.days).toHaveLength(31);
    expect(out.agents[0]!.days[1]).toEqual({
      date: '2026-03-02', dayType: 'workday', entry: 'D', status: 'late', firstIn: '2026-03-02T08:35:01+08:00', lastOut: '2026-03-02T19:00:00+08:00',
      lateMinutes: 5, earlyMinutes: 0, overtime: { workday: 90, restday: 0, holiday: 0 },
    });
    expect(Object.keys(out.agents[0]!.totals)).toEqual(['scheduledDays', 'attendedDays', 'lateCount', 'lateMinutes', 'earlyCount', 'earlyMinutes', 'absentDays', 'leaveDays', 'restDays', 'overtimeMinutes']);

    const bad = await cli(['--data', dir, 'attendance', 'month', '--month', '2026-13']);
    expect(bad.code).toBe(2);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
  });

  it('overtime list / approve / reject, a refused approval exits 2 and changes nothing, exports print {"file","rows"}', async () => {
    const dir = await closedFolder();
    const list = await cli(['--data', dir, 'overtime', 'list', '--month', '2026-03']);
    expect(list.code).toBe(0);
    const claims = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(claims[0]).toEqual({ id: 'alice|2026-03-02|workday', agentId: 'alice', date: '2026-03-02', kind: 'workday', minutes: 90, status: 'pending', approvedMinutes: null, compensation: null });

    const refused = await cli(['--data', dir, 'overtime', 'approve', 'alice|2026-03-02|workday', '--compensation', 'time_off']);
    expect(refused.code).toBe(2);
    expect(errorOf(refused).code).toBe('COMPENSATION_NOT_ALLOWED');
    const approved = await cli(['--data', dir, 'overtime', 'approve', 'alice|2026-03-08|restday', '--minutes', '180', '--compensation', 'time_off']);
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ id: 'alice|2026-03-08|restday', status: 'approved', approvedMinutes: 180, compensation: 'time_off' });
    const rejected = await cli(['--data', dir, 'overtime', 'reject', 'alice|2026-03-07|restday', '--reason', '未经申请']);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ status: 'rejected', rejectReason: '未经申请' });
    const pending = JSON.parse((await cli(['--data', dir, 'overtime', 'list', '--month', '2026-03', '--status', 'pending'])).stdout) as { id: string }[];
    expect(pending.map((c) => c.id)).toEqual(['alice|2026-03-02|workday', 'alice|2026-03-06|workday']);

    const out = path.join(tempDir(), '考勤.xlsx');
    const sheet = await cli(['--data', dir, 'attendance', 'export', '--month', '2026-03', '--format', 'xlsx', '--out', out, '--team', '一组']);
    expect(JSON.parse(sheet.stdout)).toEqual({ file: out, rows: 2 });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const csv = path.join(path.dirname(out), '加班.csv');
    const ot = await cli(['--data', dir, 'overtime', 'export', '--month', '2026-03', '--format', 'csv', '--out', csv]);
    expect(JSON.parse(ot.stdout)).toEqual({ file: csv, rows: 1 });
    expect(await count(dir, "SELECT COUNT(*) AS n FROM report_exports WHERE kind IN ('attendance', 'overtime')")).toBe(2);
  });

  it('agent log import is all or nothing: a bad line is named by its number', async () => {
    const dir = await closedFolder();
    const before = await count(dir, 'SELECT COUNT(*) AS n FROM attendance_correction');
    const file = path.join(tempDir(), 'lines.jsonl');
    fs.writeFileSync(file, [
      JSON.stringify({ agentId: 'alice', state: 'ready', at: '2026-03-10T08:30:00+08:00' }),
      JSON.stringify({ agentId: 'alice', state: 'offline', at: '2026-03-10T17:30:00+08:00' }),
      JSON.stringify({ agentId: 'alice', state: 'asleep', at: '2026-03-11T08:30:00+08:00' }),
    ].join('\n'));
    const bad = await cli(['--data', dir, 'agent', 'log', 'import', '--file', file, '--reason', '迁移']);
    expect(bad.code).toBe(2);
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(errorOf(bad).message).toMatch(/^line 3: state/);
    expect(await count(dir, 'SELECT COUNT(*) AS n FROM attendance_correction')).toBe(before);

    const noReason = await cli(['--data', dir, 'agent', 'log', 'import', '--file', file]);
    expect(noReason.code).toBe(2);
    expect(errorOf(noReason).message).toMatch(/--reason/);

    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const good = await cli(['--data', dir, 'agent', 'log', 'import', '--file', file, '--reason', '迁移']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ imported: 2 });
    expect(await count(dir, "SELECT COUNT(*) AS n FROM attendance_correction WHERE source = 'import' AND note = '迁移'")).toBe(2);
  });
});
