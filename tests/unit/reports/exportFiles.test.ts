import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../../electron/core/reports/export/files.js';
import { dataRows, dec, int, pct, type ExportDoc } from '../../../electron/core/reports/export/table.js';

const doc: ExportDoc = {
  title: '疑难问题',
  subtitle: '2026-11-23 至 2026-11-29',
  sections: [
    {
      sheet: '问题',
      columns: [{ header: '问题' }, { header: '数量' }, { header: '平均(秒)' }, { header: '比例' }],
      rows: [
        ['=HYPERLINK("http://x","点我")', int(3), dec(12.5), pct(50)],
        ['含,逗号 "引号"\n换行', int(null), dec(null), pct(null)],
      ],
    },
  ],
  csv: { columns: ['问题', '数量', '平均(秒)', '比例'], rows: [] },
};
doc.csv.rows = doc.sections[0]?.rows ?? [];

describe('export files', () => {
  it('writes CSV as UTF-8 with a BOM and CRLF, quotes what needs it, keeps formulas as text and leaves missing figures empty', () => {
    const bytes = toCsv(doc);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('问题,数量,平均(秒),比例\r\n"\'=HYPERLINK(""http://x"",""点我"")",3,12.5,50\r\n"含,逗号 ""引号""\n换行",,,\r\n');
    expect(dataRows(doc)).toBe(2);
  });

  it('writes the .xlsx with a title row, a frozen bold header, number and percent formats, and a formula as plain text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(doc)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题');
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toBe('疑难问题 · 2026-11-23 至 2026-11-29');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://x","点我")');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect([ws.getCell('B3').value, ws.getCell('B3').numFmt]).toEqual([3, '#,##0']);
    expect([ws.getCell('C3').value, ws.getCell('C3').numFmt]).toEqual([12.5, '#,##0.0']);
    expect([ws.getCell('D3').value, ws.getCell('D3').numFmt]).toEqual([0.5, '0.0%']);
    expect(ws.getCell('B4').value).toBeNull();
  });
});
