import type { ConsoleConfig } from '../../../../shared/desk/schema.js';
import type { ReportsConfig } from '../../../../shared/reports/config.js';
import type { ExportRequest } from '../../../../shared/reports/periodReport.js';
import { appendOutbox, stamp, type DomainContext } from '../../domain/context.js';
import type { SqlReader, SqlWriter } from '../../store/types.js';
import { agentKpiSheet } from '../agentKpi.js';
import type { PeriodCache } from '../periodCache.js';
import { periodReport } from '../periodReport.js';
import { problemSummary } from '../problems.js';
import type { Scope } from '../scope.js';
import { agentsDoc, problemsDoc, summaryDoc } from './docs.js';
import { toCsv, toXlsx } from './files.js';
import { dataRows, type ExportDoc } from './table.js';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  rows: number;
  bytes: Buffer;
}

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** What an audit line and a file name are made of: a report (issue 15) or a monthly attendance sheet (issue 16). */
type Exported = Omit<Pick<ExportRequest, 'kind' | 'from' | 'to' | 'team' | 'format'>, 'kind'> & { kind: ExportRequest['kind'] | 'attendance' | 'overtime' };

/** hotline-summary-2026-11-01_2026-11-30[-team].xlsx; a team name keeps letters, digits, - and _. */
export function exportFileName(req: Exported): string {
  const team = req.team ? `-${req.team.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40)}` : '';
  return `hotline-${req.kind}-${req.from}_${req.to}${team}.${req.format}`;
}

/** The document of a report, read through the same queries as its screen. */
export function exportDoc(r: SqlReader, req: ExportRequest, scope: Scope, console: ConsoleConfig, config: ReportsConfig, now: number, cache?: PeriodCache): ExportDoc {
  const period = { from: req.from, to: req.to };
  switch (req.kind) {
    case 'summary':
      return summaryDoc(periodReport(r, { ...period, kind: req.period }, scope, console, config, now, cache), req.locale);
    case 'agents':
      return agentsDoc(agentKpiSheet(r, period, scope, console, config, now, cache), req.locale);
    case 'problems':
      return problemsDoc(problemSummary(r, period, scope, console), req.locale);
  }
}

export async function renderExport(doc: ExportDoc, req: Pick<ExportRequest, 'kind' | 'from' | 'to' | 'team' | 'format'>): Promise<ExportedFile> {
  const bytes = req.format === 'xlsx' ? await toXlsx(doc) : toCsv(doc);
  return { fileName: exportFileName(req), mimeType: MIME[req.format], rows: dataRows(doc), bytes };
}

/**
 * The audit line of an export (who, what, when): a local row and its outbox
 * entry in one transaction, so it reaches the server's audit whenever the
 * PC is next online and is never lost offline (the outbox is durable).
 */
export function recordExportInTx(ctx: DomainContext, w: SqlWriter, actorId: string, req: Exported, file: { fileName: string; rows: number }): string {
  const s = stamp(ctx);
  const id = ctx.newId();
  const values = { actorId, kind: req.kind, format: req.format, fromDate: req.from, toDate: req.to, team: req.team ?? null, rows: file.rows, fileName: file.fileName, at: s.at };
  w.run('INSERT INTO report_exports (id, actor_id, kind, format, from_date, to_date, team, rows, file_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    id,
    actorId,
    req.kind,
    req.format,
    req.from,
    req.to,
    values.team,
    file.rows,
    file.fileName,
    s.at,
  ]);
  appendOutbox(w, s, { name: 'reports:export', entity: 'report_export', entityId: id, changes: [{ entity: 'report_export', id, values }] });
  return id;
}
