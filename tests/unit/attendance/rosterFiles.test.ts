import { describe, expect, it } from 'vitest';
import { parseRosterTable } from '../../../shared/attendance/roster.js';
import { indexHolidays } from '../../../shared/attendance/calendar.js';
import { HOLIDAYS_2026 } from '../../../shared/attendance/holidays.js';
import { readRosterFile, rosterRows, rosterXlsx } from '../../../electron/core/attendance/rosterFiles.js';

const known = { agents: ['li', 'wang'], shifts: ['D', 'E', 'N'] };

describe('roster files', () => {
  it('reads an .xlsx an admin kept in Excel: dates typed as real dates, codes as rich text, numbers', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('十二月');
    ws.addRow(['agent', '姓名', new Date(Date.UTC(2026, 11, 1)), new Date(Date.UTC(2026, 11, 2))]);
    ws.addRow(['li', '李四', { richText: [{ text: 'D' }] }, null]);
    ws.addRow(['wang', '王五', 'leave:sick', 'n']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await readRosterFile('十二月.xlsx', bytes);
    expect(rows[0]).toEqual(['agent', '姓名', '2026-12-01', '2026-12-02']);
    const r = parseRosterTable(rows, known);
    expect(r.ok && r.entries.map((e) => `${e.agentId} ${e.date} ${e.entry}`)).toEqual(['li 2026-12-01 D', 'li 2026-12-02 rest', 'wang 2026-12-01 leave:sick', 'wang 2026-12-02 N']);
  });

  it('names the bad cell of an .xlsx by its line and column letter', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('long');
    ws.addRow(['agent', 'date', 'entry']);
    ws.addRow(['li', '2026-12-01', 'D']);
    ws.addRow(['li', '2026-12-02', 'Q']);
    const r = parseRosterTable(await readRosterFile('x.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), known);
    expect(!r.ok && r.problem).toMatchObject({ line: 3, columnLetter: 'C', code: 'SHIFT_UNKNOWN' });
  });

  it('round-trips its own export in both shapes; refuses a file that is no .xlsx or .csv, or a broken .xlsx', async () => {
    const grid = { month: '2026-10', team: '一组', dates: ['2026-10-01', '2026-10-10'], agents: [{ username: 'li', displayName: '李四' }], entries: new Map([['li|2026-10-10', 'D']]) };
    for (const shape of ['wide', 'long'] as const) {
      const rows = rosterRows(grid, shape);
      const bytes = await rosterXlsx(grid, rows, shape, indexHolidays(HOLIDAYS_2026));
      const back = parseRosterTable(await readRosterFile('r.xlsx', bytes), known);
      expect(back.ok && back.shape).toBe(shape);
      expect(back.ok && back.entries).toEqual([
        { agentId: 'li', date: '2026-10-01', entry: 'rest' },
        { agentId: 'li', date: '2026-10-10', entry: 'D' },
      ]);
    }
    await expect(readRosterFile('r.pdf', Buffer.from('x'))).rejects.toMatchObject({ code: 'ROSTER_FILE_INVALID' });
    await expect(readRosterFile('r.xlsx', Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'ROSTER_FILE_INVALID' });
  });
});
