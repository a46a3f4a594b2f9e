import fs from 'node:fs';
import path from 'node:path';
import { contract } from '../../../shared/contract.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import type { Core } from '../api.js';
import { writeFileAtomically } from '../reports/cli.js';

/**
 * The CLI's attendance-plan commands (issue 16 point 9), exact shapes:
 * - `shifts set --json '{"code","name","start","end","breakMinutes"}'` prints the shift; `shifts list` them all;
 * - `holidays list --year YYYY` prints `[{"date","kind","name"}]` by date; `holidays import --file YEAR.json` reads that shape;
 * - `roster import --file F.csv|F.xlsx` prints `{"imported":n}`;
 * - `roster export --month YYYY-MM --format csv|xlsx --out F [--team T] [--shape wide|long]` prints `{"file","rows"}`.
 */
export type PlanCommand =
  | { kind: 'shiftsSet'; json: string }
  | { kind: 'shiftsList' }
  | { kind: 'holidaysList'; year: string }
  | { kind: 'holidaysImport'; file: string }
  | { kind: 'rosterImport'; file: string }
  | { kind: 'rosterExport'; month: string; format: string; out: string; team?: string; shape?: string };

function invalid(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, code, message }]);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalid(what, 'invalid_json', `${what === 'json' ? '--json' : `--file ${what}`} is not valid JSON: ${(e as Error).message}`);
  }
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw invalid('file', 'unreadable_file', `Cannot read --file ${file}: ${(e as Error).message}`);
  }
}

const yearOf = (text: string): number => (/^\d{4}$/.test(text.trim()) ? Number(text) : Number.NaN);

function holidayRequest(file: string): { days: unknown } {
  return { days: parseJson(readFile(file).toString('utf8').replace(/^\uFEFF/, ''), file) };
}

function exportRequest(cmd: Extract<PlanCommand, { kind: 'rosterExport' }>): Record<string, string> {
  const req: Record<string, string> = { month: cmd.month, format: cmd.format };
  if (cmd.team !== undefined) req.team = cmd.team;
  if (cmd.shape !== undefined) req.shape = cmd.shape;
  return req;
}

/** Everything that can be judged before the data folder is opened (bad JSON, a missing file or folder, a bad month). */
export function precheckPlan(cmd: PlanCommand): void {
  switch (cmd.kind) {
    case 'shiftsSet':
      parseOrThrow(contract['shifts:set'].request, parseJson(cmd.json, 'json'));
      return;
    case 'holidaysList':
      parseOrThrow(contract['holidays:list'].request, { year: yearOf(cmd.year) });
      return;
    case 'holidaysImport':
      parseOrThrow(contract['holidays:import'].request, holidayRequest(cmd.file));
      return;
    case 'rosterImport': {
      const lower = cmd.file.toLowerCase();
      if (!lower.endsWith('.csv') && !lower.endsWith('.xlsx')) throw invalid('file', 'unsupported_file', `--file ${cmd.file}: a roster file is .csv or .xlsx`);
      readFile(cmd.file);
      return;
    }
    case 'rosterExport': {
      parseOrThrow(contract['roster:export'].request, exportRequest(cmd));
      const dir = path.dirname(path.resolve(cmd.out));
      if (cmd.out.trim() === '' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw invalid('out', 'no_folder', `--out ${cmd.out}: the folder ${dir} does not exist`);
      return;
    }
    case 'shiftsList':
      return;
  }
}

async function call<C extends keyof typeof contract>(core: Core, channel: C, payload: unknown): Promise<unknown> {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return contract[channel].result.parse(result.value);
}

const shiftShape = (s: { code: string; name: string; start: string; end: string; breakMinutes: number }) => ({ code: s.code, name: s.name, start: s.start, end: s.end, breakMinutes: s.breakMinutes });

export async function runPlanCommand(core: Core, cmd: PlanCommand): Promise<unknown> {
  switch (cmd.kind) {
    case 'shiftsSet':
      return shiftShape((await call(core, 'shifts:set', parseJson(cmd.json, 'json'))) as Parameters<typeof shiftShape>[0]);
    case 'shiftsList':
      return ((await call(core, 'shifts:list', {})) as Parameters<typeof shiftShape>[0][]).map(shiftShape);
    case 'holidaysList':
      return call(core, 'holidays:list', { year: yearOf(cmd.year) });
    case 'holidaysImport': {
      const done = (await call(core, 'holidays:import', holidayRequest(cmd.file))) as { year: number; days: number };
      return { year: done.year, imported: done.days };
    }
    case 'rosterImport': {
      const done = (await call(core, 'roster:import', { fileName: path.basename(cmd.file), base64: readFile(cmd.file).toString('base64') })) as { imported: number };
      return { imported: done.imported };
    }
    case 'rosterExport': {
      const file = contract['roster:export'].result.parse(await call(core, 'roster:export', exportRequest(cmd)));
      const out = path.resolve(cmd.out);
      writeFileAtomically(out, Buffer.from(file.base64, 'base64'));
      return { file: out, rows: file.rows };
    }
  }
}
