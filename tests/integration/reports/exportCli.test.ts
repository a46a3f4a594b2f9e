import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { ok, tempDir } from '../../unit/core/helpers.js';
import { hotlineDay } from '../../support/wallboardFixture.js';
import { cli, errorOf } from '../cliRun.js';

/** The fixture's folder, closed, with nobody at the desk: the CLI acts as the PC's admin. */
async function seededFolder(): Promise<string> {
  const day = await hotlineDay();
  await ok(day.core, 'agent:signOut', {});
  await day.core.close();
  return day.dir;
}

describe('report export', () => {
  it('writes the file, prints exactly {"file","rows"}, and leaves an audit line', async () => {
    const dir = await seededFolder();
    const out = path.join(tempDir(), '月报.xlsx');
    const run = await cli(['--data', dir, '--actor', 'ops.script', 'report', 'export', '--kind', 'agents', '--from', '2026-11-24', '--to', '2026-11-24', '--format', 'xlsx', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ file: out, rows: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('坐席考核表');
    expect(sheet?.getCell('A3').value).toBe('li.agent');
    expect(sheet?.getCell('D3').value).toBe(2);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    const csv = path.join(path.dirname(out), 'summary.csv');
    const team = await cli(['--data', dir, 'report', 'export', '--kind', 'summary', '--from', '2026-11-24', '--to', '2026-11-24', '--format', 'csv', '--out', csv, '--team', 'billing']);
    expect(team.code).toBe(0);
    // 41 lines as for the center, less the products section: billing created no ticket in either day.
    expect(JSON.parse(team.stdout)).toEqual({ file: csv, rows: 40 });
    const bytes = fs.readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('部分,项目,本期,上期,变化,变化率');
    // Billing today: zhao's one call, answered in 5 s; yesterday billing had none (0 base: no percent).
    expect(lines).toContain('话务量,呼入-进线,1,0,1,');
    expect(lines).toContain('关键指标,服务水平,100,,,');

    const problems = path.join(path.dirname(out), 'problems.csv');
    const p = await cli(['--data', dir, 'report', 'export', '--kind', 'problems', '--from', '2026-11-23', '--to', '2026-11-29', '--format', 'csv', '--out', problems]);
    expect(JSON.parse(p.stdout)).toEqual({ file: problems, rows: 1 });

    // Three exports, three audit lines in the folder (queued for the server), in the CLI's actor's name first.
    const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
    try {
      const lines = store.read((r) => r.all<{ actor: string; kind: string; rows: number }>('SELECT actor_id AS actor, kind, rows FROM report_exports ORDER BY rowid'));
      expect(lines).toEqual([
        { actor: 'ops.script', kind: 'agents', rows: 2 },
        { actor: 'cli', kind: 'summary', rows: 40 },
        { actor: 'cli', kind: 'problems', rows: 1 },
      ]);
      expect(store.read((r) => r.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE entity = 'report_export'"))?.n).toBe(3);
    } finally {
      store.close();
    }
  }, 180_000);

  it('refuses bad kinds, formats, dates, ranges and folders with VALIDATION_FAILED naming the field, exit 2, writing nothing', async () => {
    const missing = path.join(tempDir(), 'never-created');
    const out = path.join(tempDir(), 'r.xlsx');
    const base = ['--from', '2026-11-01', '--to', '2026-11-30', '--out', out];
    const cases: [string[], string][] = [
      [['--kind', 'calls', '--format', 'xlsx', ...base], 'kind'],
      [['--kind', 'summary', '--format', 'pdf', ...base], 'format'],
      [['--kind', 'summary', '--format', 'csv', '--from', '2026-11-31', '--to', '2026-12-01', '--out', out], 'from'],
      [['--kind', 'summary', '--format', 'csv', '--from', '2026-12-01', '--to', '2026-11-01', '--out', out], 'to'],
      [['--format', 'csv', ...base], 'kind'],
      [['--kind', 'agents', ...base], 'format'],
      [['--kind', 'agents', '--format', 'csv', '--from', '2026-11-01', '--to', '2026-11-30'], 'out'],
      [['--kind', 'agents', '--format', 'csv', '--from', '2026-11-01', '--to', '2026-11-30', '--out', path.join(missing, 'x', 'r.csv')], 'out'],
    ];
    for (const [args, field] of cases) {
      const run = await cli(['--data', missing, 'report', 'export', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      const error = errorOf(run);
      expect(error.code, args.join(' ')).toBe('VALIDATION_FAILED');
      expect(error.fields?.map((f) => f.path), args.join(' ')).toContain(field);
    }
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  }, 180_000);
});
