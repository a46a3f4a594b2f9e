/**
 * 月度考勤表 (issue 16 point 6): a title row (年月, team), one row per agent,
 * a column per day under a weekday row (weekend and holiday columns
 * shaded), the symbols, then the totals of domain.md; a legend and 制表人 /
 * 审核人 rows at the bottom; the header frozen; landscape A4, one page per
 * 25 agents. CSV: the same table, UTF-8 with a BOM.
 */
import type { AttendanceSheet, SheetAgent } from '../../../../shared/attendance/contract.js';
import { LEAVE_TYPES } from '../../../../shared/attendance/schema.js';
import { csvBytes, type CsvCell } from './csv.js';
import { sheetLabels, type SheetLocale } from './labels.js';

export const AGENTS_PER_PAGE = 25;

const hours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

function totalsOf(a: SheetAgent): number[] {
  const t = a.totals;
  return [
    t.scheduledDays,
    t.attendedDays,
    t.lateCount,
    t.lateMinutes,
    t.earlyCount,
    t.earlyMinutes,
    t.absentDays,
    t.leaveDays,
    ...LEAVE_TYPES.map((l) => a.leaveByType[l] ?? 0),
    t.restDays,
    hours(a.approvedMinutes.workday),
    hours(a.approvedMinutes.restday),
    hours(a.approvedMinutes.holiday),
    hours(a.timeOffMinutes),
  ];
}

function totalHeaders(locale: SheetLocale): string[] {
  const L = sheetLabels(locale);
  const t = L.totals;
  return [t.scheduled, t.attended, t.lateCount, t.lateMinutes, t.earlyCount, t.earlyMinutes, t.absent, t.leave, ...LEAVE_TYPES.map((l) => L.leave[l]), t.rest, t.ot150, t.ot200, t.ot300, t.timeOff];
}

export function attendanceCsv(sheet: AttendanceSheet, locale: SheetLocale): { bytes: Buffer; rows: number } {
  const L = sheetLabels(locale);
  const header: CsvCell[] = [L.agentId, L.name, L.team, ...sheet.days.map((d) => d.date), ...totalHeaders(locale)];
  const rows: CsvCell[][] = sheet.agents.map((a) => [a.agentId, a.name, a.team ?? '', ...a.cells.map((c) => c.text), ...totalsOf(a)]);
  return { bytes: csvBytes([header, ...rows]), rows: rows.length };
}

const SHADE_WEEKEND = 'FFEDEDED';
const SHADE_HOLIDAY = 'FFFDE2E2';
const HEADER_FILL = 'FFE8EEF7';
const thin = { style: 'thin' as const, color: { argb: 'FFB0B7C3' } };

export async function attendanceXlsx(sheet: AttendanceSheet, locale: SheetLocale): Promise<{ bytes: Buffer; rows: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const L = sheetLabels(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Workstation';
  const pages = Math.max(1, Math.ceil(sheet.agents.length / AGENTS_PER_PAGE));
  const ws = wb.addWorksheet(L.sheetNames.attendance, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: pages, horizontalCentered: true, margins: { left: 0.25, right: 0.25, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 } },
  });
  ws.pageSetup.printTitlesRow = '2:3';
  const dayCol = 3;
  const totals = totalHeaders(locale);
  const lastCol = dayCol + sheet.days.length + totals.length - 1;

  ws.getCell(1, 1).value = L.attendanceTitle(sheet.month, sheet.team);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, lastCol);
  ws.getRow(1).height = 28;

  const head = (row: number, col: number, value: string | number, fill = HEADER_FILL): void => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { bold: true, size: 9 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    cell.border = { top: thin, bottom: thin, left: thin, right: thin };
  };
  head(2, 1, L.agentId);
  head(2, 2, L.name);
  ws.mergeCells(2, 1, 3, 1);
  ws.mergeCells(2, 2, 3, 2);
  const shadeOf = (d: AttendanceSheet['days'][number]): string | null =>
    d.dayType === 'statutory' || d.dayType === 'holiday_rest' ? SHADE_HOLIDAY : d.dayType === 'weekend' ? SHADE_WEEKEND : null;
  sheet.days.forEach((d, i) => {
    const shade = shadeOf(d) ?? HEADER_FILL;
    head(2, dayCol + i, Number(d.date.slice(8, 10)), shade);
    head(3, dayCol + i, L.weekdays[d.weekday] ?? '', shade);
    ws.getColumn(dayCol + i).width = 4.2;
  });
  totals.forEach((t, i) => {
    head(2, dayCol + sheet.days.length + i, t);
    ws.mergeCells(2, dayCol + sheet.days.length + i, 3, dayCol + sheet.days.length + i);
    ws.getColumn(dayCol + sheet.days.length + i).width = 7.5;
  });
  ws.getRow(2).height = 30;
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 10;

  sheet.agents.forEach((a, r) => {
    const rowNo = 4 + r;
    const row = ws.getRow(rowNo);
    row.getCell(1).value = a.agentId;
    row.getCell(2).value = a.name;
    a.cells.forEach((c, i) => {
      const cell = row.getCell(dayCol + i);
      cell.value = c.text;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      const day = sheet.days[i];
      const shade = day ? shadeOf(day) : null;
      if (shade) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: shade } };
      if (c.status === 'absent' || c.status === 'late' || c.status === 'early' || c.status === 'late_early') cell.font = { color: { argb: 'FFC0392B' }, bold: true };
    });
    totalsOf(a).forEach((v, i) => {
      const cell = row.getCell(dayCol + sheet.days.length + i);
      cell.value = v;
      cell.alignment = { horizontal: 'right' };
      cell.numFmt = Number.isInteger(v) ? '0' : '0.0#';
    });
    for (let c = 1; c <= lastCol; c += 1) row.getCell(c).border = { top: thin, bottom: thin, left: thin, right: thin };
    row.height = 18;
    // One printed page per 25 agents.
    if ((r + 1) % AGENTS_PER_PAGE === 0 && r + 1 < sheet.agents.length) row.addPageBreak();
  });

  const after = 4 + sheet.agents.length + 1;
  const s = sheet.symbols;
  const legend = `${L.legend}：${s.normal} ${L.legendItems.normal}\u3000${s.late} ${L.legendItems.late}\u3000${s.early} ${L.legendItems.early}\u3000${s.absent} ${L.legendItems.absent}\u3000${s.leave} ${L.legendItems.leave}\u3000${s.rest} ${L.legendItems.rest}\u3000${s.overtime} ${L.legendItems.overtime}`;
  ws.getCell(after, 1).value = legend;
  ws.mergeCells(after, 1, after, lastCol);
  ws.getCell(after, 1).font = { size: 9 };
  const sign = after + 2;
  const third = Math.floor(lastCol / 3);
  ws.getCell(sign, 1).value = L.preparedBy;
  ws.getCell(sign, 1 + third).value = L.checkedBy;
  ws.getCell(sign, 1 + 2 * third).value = L.signDate;
  ws.getRow(sign).height = 24;
  ws.getRow(sign).font = { bold: true };
  ws.pageSetup.printArea = `A1:${ws.getColumn(lastCol).letter}${sign}`;
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows: sheet.agents.length };
}
