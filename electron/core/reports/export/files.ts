import type { Cell, ExportDoc } from './table.js';

/**
 * The two file formats. .xlsx: a sheet per section, each with a title row
 * (the report and its period, merged across the columns), a bold header row
 * frozen under it, counts as whole numbers, seconds and means with one
 * decimal, percentages as Excel percentages (0.5 shown as 50.0%). CSV:
 * UTF-8 with a byte-order mark (Excel on a Chinese Windows PC otherwise
 * reads it as GBK), CRLF lines, RFC 4180 quoting.
 */

const FORMATS = { int: '#,##0', decimal: '#,##0.0', percent: '0.0%' } as const;

function cellValue(c: Cell): string | number | null {
  if (c === null || typeof c === 'string') return c;
  if (c.n === null) return null;
  return c.kind === 'percent' ? c.n / 100 : c.n;
}

function width(c: Cell): number {
  if (c === null) return 4;
  if (typeof c === 'string') return [...c].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return 10;
}

export async function toXlsx(doc: ExportDoc): Promise<Buffer> {
  // Loaded on the first export only: it takes about a second to load, which every CLI run and core start would pay.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Workstation';
  for (const section of doc.sections) {
    const ws = wb.addWorksheet(section.sheet, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
    const cols = Math.max(1, section.columns.length);
    ws.getCell(1, 1).value = `${doc.title} · ${doc.subtitle}`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { vertical: 'middle' };
    if (cols > 1) ws.mergeCells(1, 1, 1, cols);
    ws.getRow(1).height = 24;
    const header = ws.getRow(2);
    section.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA3C2' } } };
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    section.rows.forEach((row, r) => {
      const line = ws.getRow(r + 3);
      row.forEach((c, i) => {
        const cell = line.getCell(i + 1);
        cell.value = cellValue(c);
        if (c !== null && typeof c !== 'string') {
          cell.numFmt = FORMATS[c.kind];
          cell.alignment = { horizontal: 'right' };
        }
      });
    });
    section.columns.forEach((c, i) => {
      const widest = Math.max(width(c.header), ...section.rows.map((row) => width(row[i] ?? null)));
      ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, widest + 2));
    });
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is kept as text. */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(c: Cell): string {
  let text: string;
  if (c === null) text = '';
  else if (typeof c === 'string') text = safeText(c);
  else text = c.n === null ? '' : String(c.n);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV table (percentages as numbers 0-100, as the CLI prints them). */
export function toCsv(doc: ExportDoc): Buffer {
  const lines = [doc.csv.columns.map((h) => csvField(h)).join(','), ...doc.csv.rows.map((row) => row.map(csvField).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
