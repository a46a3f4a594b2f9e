/**
 * 加班统计表 (issue 16 point 6): one row per approved claim (agent, date,
 * kind, minutes, rate 150 / 200 / 300 %, pay or time off, approver), each
 * agent's claims followed by their subtotal, and a sheet of totals per
 * agent. Only approved overtime is here. CSV: the claim rows and subtotals.
 */
import type { Claim } from '../../../../shared/attendance/contract.js';
import { overtimeRate } from '../../../../shared/attendance/overtime.js';
import { OVERTIME_KINDS, type OvertimeKind } from '../../../../shared/attendance/schema.js';
import { csvBytes, type CsvCell } from './csv.js';
import { sheetLabels, type SheetLocale } from './labels.js';

const hours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

interface AgentTotal {
  agentId: string;
  name: string;
  byKind: Record<OvertimeKind, number>;
  timeOff: number;
}

function group(claims: readonly Claim[]): { agent: AgentTotal; claims: Claim[] }[] {
  const byAgent = new Map<string, { agent: AgentTotal; claims: Claim[] }>();
  for (const c of claims) {
    if (c.status !== 'approved' || c.approvedMinutes === null) continue;
    let g = byAgent.get(c.agentId);
    if (!g) {
      g = { agent: { agentId: c.agentId, name: c.name, byKind: { workday: 0, restday: 0, holiday: 0 }, timeOff: 0 }, claims: [] };
      byAgent.set(c.agentId, g);
    }
    g.claims.push(c);
    g.agent.byKind[c.kind] += c.approvedMinutes;
    if (c.compensation === 'time_off') g.agent.timeOff += c.approvedMinutes;
  }
  return [...byAgent.values()].sort((a, b) => a.agent.agentId.localeCompare(b.agent.agentId));
}

function claimRow(c: Claim, locale: SheetLocale): CsvCell[] {
  const L = sheetLabels(locale);
  const m = c.approvedMinutes ?? 0;
  return [c.agentId, c.name, c.date, L.kinds[c.kind], m, hours(m), `${overtimeRate(c.kind)}%`, L.compensation[c.compensation ?? 'pay'], c.decidedBy ?? '', c.decidedAt ?? ''];
}

function subtotalRow(a: AgentTotal, locale: SheetLocale): CsvCell[] {
  const L = sheetLabels(locale);
  const total = OVERTIME_KINDS.reduce((t, k) => t + a.byKind[k], 0);
  const parts = OVERTIME_KINDS.filter((k) => a.byKind[k] > 0).map((k) => `${overtimeRate(k)}% ${hours(a.byKind[k])}h`);
  return [a.agentId, a.name, L.overtime.subtotal, parts.join(' / '), total, hours(total), '', a.timeOff > 0 ? `${L.compensation.time_off} ${hours(a.timeOff)}h` : '', '', ''];
}

function headers(locale: SheetLocale): string[] {
  const L = sheetLabels(locale);
  const o = L.overtime;
  return [L.agentId, L.name, o.date, o.kind, o.minutes, o.hours, o.rate, o.compensation, o.approver, o.decidedAt];
}

export function overtimeCsv(claims: readonly Claim[], locale: SheetLocale): { bytes: Buffer; rows: number } {
  const groups = group(claims);
  const rows: CsvCell[][] = [headers(locale)];
  let count = 0;
  for (const g of groups) {
    for (const c of g.claims) rows.push(claimRow(c, locale));
    count += g.claims.length;
    rows.push(subtotalRow(g.agent, locale));
  }
  return { bytes: csvBytes(rows), rows: count };
}

export async function overtimeXlsx(claims: readonly Claim[], month: string, team: string | null, locale: SheetLocale): Promise<{ bytes: Buffer; rows: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const L = sheetLabels(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hotline Workstation';
  const ws = wb.addWorksheet(L.sheetNames.overtime, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const cols = headers(locale);
  ws.getCell(1, 1).value = L.overtimeTitle(month, team);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getRow(1).height = 26;
  cols.forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  [12, 12, 12, 16, 9, 9, 8, 12, 12, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const groups = group(claims);
  let count = 0;
  for (const g of groups) {
    for (const c of g.claims) ws.addRow(claimRow(c, locale));
    count += g.claims.length;
    const sub = ws.addRow(subtotalRow(g.agent, locale));
    sub.font = { bold: true };
    sub.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } }));
  }
  const sum = wb.addWorksheet(L.sheetNames.summary, { views: [{ state: 'frozen', ySplit: 1 }] });
  sum.addRow([L.agentId, L.name, L.totals.ot150, L.totals.ot200, L.totals.ot300, L.totals.timeOff]).font = { bold: true };
  for (const g of groups) sum.addRow([g.agent.agentId, g.agent.name, hours(g.agent.byKind.workday), hours(g.agent.byKind.restday), hours(g.agent.byKind.holiday), hours(g.agent.timeOff)]);
  [12, 12, 14, 14, 14, 16].forEach((w, i) => (sum.getColumn(i + 1).width = w));
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows: count };
}
