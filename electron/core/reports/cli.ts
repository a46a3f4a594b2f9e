import { contract } from '../../../shared/contract.js';
import { parseOrThrow } from '../../../shared/result.js';
import { AppError } from '../../../shared/result.js';
import type { Core } from '../api.js';

/** The CLI's reporting commands (issue 15, point 7): the exact JSON the channels answer. */
export type ReportCommand = { kind: 'wallboard'; team?: string } | { kind: 'reportSummary' | 'reportAgents'; from: string; to: string; team?: string };

function periodOf(cmd: Extract<ReportCommand, { kind: 'reportSummary' | 'reportAgents' }>): Record<string, string> {
  return cmd.team !== undefined ? { from: cmd.from, to: cmd.to, team: cmd.team } : { from: cmd.from, to: cmd.to };
}

/** Bad dates or ranges are refused before the data folder is opened (VALIDATION_FAILED naming --from or --to). */
export function precheckReport(cmd: ReportCommand): void {
  if (cmd.kind === 'wallboard') parseOrThrow(contract['wallboard:get'].request, cmd.team !== undefined ? { team: cmd.team } : {});
  else parseOrThrow(contract['reports:summary'].request, periodOf(cmd));
}

export async function runReportCommand(core: Core, cmd: ReportCommand): Promise<unknown> {
  const channel = cmd.kind === 'wallboard' ? 'wallboard:get' : cmd.kind === 'reportSummary' ? 'reports:summary' : 'reports:agents';
  const payload = cmd.kind === 'wallboard' ? (cmd.team !== undefined ? { team: cmd.team } : {}) : periodOf(cmd);
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return contract[channel].result.parse(result.value);
}
