/**
 * Roster files (issue 16 point 2): the wide grid an admin keeps in Excel (one
 * row per agent, one column per date) and the long form `agent,date,entry`,
 * as .xlsx (exceljs) or CSV (UTF-8 with a byte-order mark, CRLF, so Excel on
 * a Chinese Windows PC reads it). Reading turns either file into rows of
 * text for shared/attendance/roster.ts's parser, which names a bad cell by
 * its line and column.
 */
import { dayType, weekday, type HolidayIndex } from '../../../shared/attendance/calendar.js';
import { csvCell, splitDelimited } from '../../../shared/attendance/roster.js';
import { AppError } from '../../../shared/result.js';

export interface RosterGrid {
  month: string;
  team: string | null;
  dates: readonly string[];
  agents: readonly { username: string; displayName: string }[];
  /** `${agent}|${date}` -> entry; a missing one is rest */
  entries: ReadonlyMap<string, string>;
}

function wideRows(grid: RosterGrid): string[][] {
  return [['agent', 'name', ...grid.dates], ...grid.agents.map((a) => [a.username, a.displayName, ...grid.dates.map((d) => grid.entries.get(`${a.username}|${d}`) ?? 'rest')])];
}

function longRows(grid: RosterGrid): string[][] {
  const rows: string[][] = [['agent', 'date', 'entry']];
  for (const a of grid.agents) for (const d of grid.dates) rows.push([a.username, d, grid.entries.get(`${a.username}|${d}`) ?? 'rest']);
  return rows;
}

export function rosterRows(grid: RosterGrid, shape: 'wide' | 'long'): string[][] {
  return shape === 'wide' ? wideRows(grid) : longRows(grid);
}

export function rosterCsv(rows: readonly (readonly string[])[]): Buffer {
  const text = rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}

const SHADE: Record<string, string> = { weekend: 'FFF0F0F0', statutory: 'FFFDE2E2', holiday_rest: 'FFFFF1E0', adjusted_workday: 'FFE6F4EA' };

/** The .xlsx: the header row frozen with the agent columns, weekend / holiday columns shaded, adjusted working days marked in a note. */
export async function rosterXlsx(grid: RosterGrid, rows: readonly (readonly string[])[], shape: 'wide' | 'long', holidays: HolidayIndex): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Workstation';
  const ws = wb.addWorksheet(`排班 ${grid.month}`, { views: [{ state: 'frozen', ySplit: 1, xSplit: shape === 'wide' ? 2 : 0 }] });
  rows.forEach((r, i) => {
    const line = ws.getRow(i + 1);
    r.forEach((v, j) => {
      line.getCell(j + 1).value = v;
    });
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  if (shape === 'wide') {
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 12;
    grid.dates.forEach((d, i) => {
      const col = ws.getColumn(i + 3);
      col.width = 11;
      col.alignment = { horizontal: 'center' };
      const type = dayType(d, holidays);
      const shade = SHADE[type];
      if (shade) {
        col.eachCell((c) => {
          c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: shade } };
        });
      }
      const listed = holidays.get(d);
      const note = listed ? `${listed.name} ${type === 'adjusted_workday' ? '调休上班 (班)' : type === 'statutory' ? '法定节假日' : '假期'}` : weekday(d) === 0 || weekday(d) === 6 ? '周末' : null;
      if (note) ws.getCell(1, i + 3).note = note;
    });
  } else {
    [14, 12, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}

/** The rows of a roster file: .xlsx (its first sheet) or CSV; anything else is refused. */
export async function readRosterFile(fileName: string, bytes: Buffer): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const text = bytes.toString('utf8');
    return splitDelimited(text, !text.includes(',') && text.includes('\t') ? '\t' : ',');
  }
  if (!lower.endsWith('.xlsx')) {
    throw new AppError('ROSTER_FILE_INVALID', `${fileName}: a roster file is .xlsx or .csv`, [{ path: 'file', code: 'unsupported_file', message: 'A roster file is .xlsx or .csv' }]);
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const message = `${fileName} is not a readable .xlsx file: ${(e as Error).message}`;
    throw new AppError('ROSTER_FILE_INVALID', message, [{ path: 'file', code: 'unreadable_file', message }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('ROSTER_FILE_INVALID', `${fileName} has no sheet`, [{ path: 'file', code: 'empty_file', message: 'No sheet' }]);
  const rows: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: string[] = [];
    for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c).value).trim());
    rows.push(out);
  }
  return rows;
}
