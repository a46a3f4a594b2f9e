import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOLIDAYS_2026 } from '../../shared/attendance/holidays.js';
import { cli, errorOf } from './cliRun.js';

/*
 * The attendance plan's CLI (issue 16 point 9), in the exact shapes the
 * acceptance checks use: shifts set / list, holidays list / import, roster
 * import / export; errors are {"error":{"code","message"}} with exit 2 and
 * change nothing.
 */

const ShiftShape = z.strictObject({ code: z.string(), name: z.string(), start: z.string(), end: z.string(), breakMinutes: z.number() });
const HolidayShape = z.array(z.strictObject({ date: z.string(), kind: z.enum(['statutory', 'holiday_rest', 'adjusted_workday']), name: z.string() }));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-roster-'));
  dirs.push(d);
  return d;
}

async function ok(args: string[]): Promise<unknown> {
  const run = await cli(args);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

async function refused(args: string[]): Promise<string> {
  const run = await cli(args);
  expect(run.code, run.stdout).toBe(2);
  expect(run.stdout).toBe('');
  return errorOf(run).code;
}

describe('admin CLI: shifts, holidays, rosters', { timeout: 180_000 }, () => {
  it('sets and lists shift types, and lists the built-in 2026 calendar; a bad shift or year changes nothing', async () => {
    const data = path.join(tempDir(), 'data');
    const d = ['--data', data];
    expect(HolidayShape.parse(await ok([...d, 'holidays', 'list', '--year', '2026']))).toEqual([...HOLIDAYS_2026]);
    expect(await ok([...d, 'holidays', 'list', '--year', '2027'])).toEqual([]);
    const set = ShiftShape.parse(await ok([...d, 'shifts', 'set', '--json', '{"code":"D","name":"白班","start":"08:30","end":"17:30","breakMinutes":60}']));
    expect(set).toEqual({ code: 'D', name: '白班', start: '08:30', end: '17:30', breakMinutes: 60 });
    expect(ShiftShape.parse(await ok([...d, 'shifts', 'set', '--json', '{"code":"N2","name":"大夜","start":"23:00","end":"07:00"}']))).toMatchObject({ code: 'N2', breakMinutes: 0 });
    const list = z.array(ShiftShape).parse(await ok([...d, 'shifts', 'list']));
    expect(list.map((s) => s.code)).toEqual(['D', 'E', 'N', 'N2']);
    expect(await refused([...d, 'shifts', 'set', '--json', '{"code":"D","name":"白班","start":"8:30","end":"17:30"}'])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'shifts', 'set', '--json', '{"code":"rest","name":"x","start":"08:30","end":"17:30"}'])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'shifts', 'set', '--json', '{nope'])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'holidays', 'list', '--year', '26'])).toBe('VALIDATION_FAILED');
    expect(z.array(ShiftShape).parse(await ok([...d, 'shifts', 'list']))).toEqual(list);
  });

  it('imports a year in the shape holidays list prints, all or nothing', async () => {
    const dir = tempDir();
    const d = ['--data', path.join(dir, 'data')];
    const year = [
      { date: '2027-01-01', kind: 'statutory', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday_rest', name: '元旦' },
      { date: '2027-02-06', kind: 'adjusted_workday', name: '春节' },
    ];
    const bad = [...year, { date: '2028-01-01', kind: 'statutory', name: '元旦' }];
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    expect(await refused([...d, 'holidays', 'import', '--file', path.join(dir, 'bad.json')])).toBe('VALIDATION_FAILED');
    expect(await ok([...d, 'holidays', 'list', '--year', '2027'])).toEqual([]);
    fs.writeFileSync(path.join(dir, '2027.json'), JSON.stringify(year));
    expect(await ok([...d, 'holidays', 'import', '--file', path.join(dir, '2027.json')])).toEqual({ year: 2027, imported: 3 });
    expect(await ok([...d, 'holidays', 'list', '--year', '2027'])).toEqual(year);
    // Importing the year again without a day takes that day out.
    fs.writeFileSync(path.join(dir, '2027b.json'), JSON.stringify(year.slice(0, 2)));
    await ok([...d, 'holidays', 'import', '--file', path.join(dir, '2027b.json')]);
    expect(await ok([...d, 'holidays', 'list', '--year', '2027'])).toEqual(year.slice(0, 2));
  });

  it('imports a roster as CSV or .xlsx, in either shape, and exports it; a bad line is named and nothing changes', async () => {
    const dir = tempDir();
    const d = ['--data', path.join(dir, 'data')];
    for (const u of ['li', 'wang']) await ok([...d, 'agent', 'add', '--username', u, '--password', 'Hotline#2026', '--role', 'agent', '--team', '一组']);
    const long = path.join(dir, 'long.csv');
    fs.writeFileSync(long, '\uFEFFagent,date,entry\r\nli,2026-12-01,D\r\nwang,2026-12-01,leave:sick\r\nli,2026-12-02,n\r\n');
    expect(await ok([...d, 'roster', 'import', '--file', long])).toEqual({ imported: 3 });

    const csvOut = path.join(dir, 'out.csv');
    expect(await ok([...d, 'roster', 'export', '--month', '2026-12', '--format', 'csv', '--out', csvOut])).toEqual({ file: csvOut, rows: 2 });
    const csv = fs.readFileSync(csvOut);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['agent', 'name', '2026-12-01', '2026-12-02']);
    expect(lines[1]?.split(',').slice(0, 4)).toEqual(['li', 'li', 'D', 'N']);
    expect(lines[2]?.split(',').slice(0, 4)).toEqual(['wang', 'wang', 'leave:sick', 'rest']);

    const xlsxOut = path.join(dir, 'out.xlsx');
    expect(await ok([...d, 'roster', 'export', '--month', '2026-12', '--format', 'xlsx', '--out', xlsxOut])).toEqual({ file: xlsxOut, rows: 2 });
    // Change a cell, then import the exported .xlsx: the month is back as exported (62 cells of the wide grid).
    const change = path.join(dir, 'change.csv');
    fs.writeFileSync(change, 'agent,date,entry\nli,2026-12-01,E\n');
    await ok([...d, 'roster', 'import', '--file', change]);
    expect(await ok([...d, 'roster', 'import', '--file', xlsxOut])).toEqual({ imported: 62 });
    const again = path.join(dir, 'again.csv');
    await ok([...d, 'roster', 'export', '--month', '2026-12', '--format', 'csv', '--out', again, '--shape', 'long']);
    const againLines = fs.readFileSync(again, 'utf8').slice(1).split('\r\n');
    expect(againLines.slice(0, 3)).toEqual(['agent,date,entry', 'li,2026-12-01,D', 'li,2026-12-02,N']);

    // Bad files: named by line and column, nothing imported.
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'agent,date,entry\nli,2026-12-03,E\nzhao,2026-12-03,D\n');
    let run = await cli([...d, 'roster', 'import', '--file', bad]);
    expect(run.code).toBe(2);
    expect(errorOf(run)).toMatchObject({ code: 'AGENT_UNKNOWN', message: expect.stringContaining('line 3, column A') });
    fs.writeFileSync(bad, 'agent,2026-12-03,2026-12-04\nli,E,X7\n');
    run = await cli([...d, 'roster', 'import', '--file', bad]);
    expect(errorOf(run)).toMatchObject({ code: 'SHIFT_UNKNOWN', message: expect.stringContaining('line 2, column C') });
    fs.writeFileSync(bad, 'agent,date,entry\nli,2026-12-31,E\nli,2026-02-30,D\n');
    run = await cli([...d, 'roster', 'import', '--file', bad]);
    expect(errorOf(run)).toMatchObject({ code: 'ROSTER_FILE_INVALID', message: expect.stringContaining('line 3, column B') });
    expect(await refused([...d, 'roster', 'import', '--file', path.join(dir, 'missing.csv')])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'roster', 'export', '--month', '2026-13', '--format', 'csv', '--out', again])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'roster', 'export', '--month', '2026-12', '--format', 'pdf', '--out', again])).toBe('VALIDATION_FAILED');
    expect(await refused([...d, 'roster', 'export', '--month', '2026-12', '--format', 'csv', '--out', path.join(dir, 'no', 'such', 'x.csv')])).toBe('VALIDATION_FAILED');
    await ok([...d, 'roster', 'export', '--month', '2026-12', '--format', 'csv', '--out', again, '--shape', 'long']);
    expect(fs.readFileSync(again, 'utf8').slice(1).split('\r\n').slice(0, 3)).toEqual(['agent,date,entry', 'li,2026-12-01,D', 'li,2026-12-02,N']);
    expect(fs.readFileSync(again, 'utf8')).toContain('li,2026-12-03,rest');
  });
});
