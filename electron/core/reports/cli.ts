import fs from 'node:fs';
import path from 'node:path';
import { contract } from '../../../shared/contract.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import type { Core } from '../api.js';

/** The CLI's reporting commands (issue 15, point 7): the exact JSON the channels answer. */
export type ReportCommand =
  | { kind: 'wallboard'; team?: string }
  | { kind: 'reportSummary' | 'reportAgents'; from: string; to: string; team?: string }
  /** `report export`: `report` is --kind (summary | agents | problems) */
  | { kind: 'reportExport'; report: string; from: string; to: string; format: string; out: string; team?: string };

type PeriodCommand = Extract<ReportCommand, { kind: 'reportSummary' | 'reportAgents' | 'reportExport' }>;

function periodOf(cmd: PeriodCommand): Record<string, string> {
  return cmd.team !== undefined ? { from: cmd.from, to: cmd.to, team: cmd.team } : { from: cmd.from, to: cmd.to };
}

function exportRequest(cmd: Extract<ReportCommand, { kind: 'reportExport' }>): Record<string, string> {
  return { ...periodOf(cmd), kind: cmd.report, format: cmd.format };
}

/**
 * Bad dates, ranges, kinds or formats are refused before the data folder is
 * opened (VALIDATION_FAILED naming --from, --to, --kind or --format); so is
 * an --out whose folder does not exist (naming --out).
 */
export function precheckReport(cmd: ReportCommand): void {
  if (cmd.kind === 'wallboard') parseOrThrow(contract['wallboard:get'].request, cmd.team !== undefined ? { team: cmd.team } : {});
  else if (cmd.kind === 'reportExport') {
    parseOrThrow(contract['reports:export'].request, exportRequest(cmd));
    const dir = path.dirname(path.resolve(cmd.out));
    if (cmd.out.trim() === '' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      const message = `--out ${cmd.out}: the folder ${dir} does not exist`;
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'out', code: 'no_folder', message }]);
    }
  } else parseOrThrow(contract['reports:summary'].request, periodOf(cmd));
}

/** Writes the export next to nothing else: a temporary file in the same folder, renamed over --out once complete. */
export function writeFileAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const message = `Cannot write --out ${file}: ${(e as Error).message}`;
    throw new AppError('EXPORT_WRITE_FAILED', message, [{ path: 'out', code: 'unwritable', message }]);
  }
}

export async function runReportCommand(core: Core, cmd: ReportCommand): Promise<unknown> {
  if (cmd.kind === 'reportExport') {
    const result = await core.call('reports:export', exportRequest(cmd));
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
    const file = contract['reports:export'].result.parse(result.value);
    const out = path.resolve(cmd.out);
    writeFileAtomically(out, Buffer.from(file.base64, 'base64'));
    return { file: out, rows: file.rows };
  }
  const channel = cmd.kind === 'wallboard' ? 'wallboard:get' : cmd.kind === 'reportSummary' ? 'reports:summary' : 'reports:agents';
  const payload = cmd.kind === 'wallboard' ? (cmd.team !== undefined ? { team: cmd.team } : {}) : periodOf(cmd);
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return contract[channel].result.parse(result.value);
}
