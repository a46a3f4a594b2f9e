import fs from 'node:fs';
import path from 'node:path';
import { LogLineSchema, type LogLine } from '../../../shared/attendance/contract.js';
import { contract } from '../../../shared/contract.js';
import { AppError, fieldIssuesFrom, parseOrThrow } from '../../../shared/result.js';
import type { Core } from '../api.js';

/**
 * The CLI's attendance commands (issue 16 point 9), in the exact shapes the
 * acceptance checks use. Errors are `{"error":{"code","message"}}` with exit
 * 2 and change nothing: input is checked before the data folder is opened,
 * and every write is one transaction.
 */
export type AttendanceCommand =
  | { kind: 'agentLogImport'; file: string; reason: string }
  | { kind: 'attendanceMonth'; month: string; team?: string; agent?: string }
  | { kind: 'sheetExport'; sheet: 'attendance' | 'overtime'; month: string; format: string; out: string; team?: string }
  | { kind: 'overtimeList'; month: string; status?: string }
  | { kind: 'overtimeApprove'; id: string; minutes?: string; compensation?: string }
  | { kind: 'overtimeReject'; id: string; reason: string };

/** The options these commands read, as the CLI parsed them. */
export interface AttendanceOptions {
  file?: string | undefined;
  reason?: string | undefined;
  month?: string | undefined;
  team?: string | undefined;
  agent?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  status?: string[] | undefined;
  minutes?: string | undefined;
  compensation?: string | undefined;
}

function missing(option: string, what: string): AppError {
  const message = `${what} requires --${option}`;
  return new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`, [{ path: option, code: 'required', message }]);
}

function need<T>(value: T | undefined, option: string, what: string): T {
  if (value === undefined) throw missing(option, what);
  return value;
}

/**
 * `agent log import --file LINES.jsonl --reason TEXT`: one
 * `{"agentId","state","reason"?,"at"}` per line. A bad line fails the whole
 * file, named by its number (VALIDATION_FAILED `line N: ...`). Blank lines at
 * the end are ignored; one inside the file is a bad line.
 */
export function readLogFile(file: string): LogLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const message = `Cannot read --file ${file}: ${(e as Error).message}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'file', code: 'unreadable_file', message }]);
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\s+$/, '').split(/\r?\n/);
  if (lines.length === 1 && lines[0] === '') throw new AppError('VALIDATION_FAILED', `--file ${file} has no lines`, [{ path: 'file', code: 'empty_file', message: 'The file has no lines' }]);
  return lines.map((raw, i) => {
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw) as unknown;
    } catch (e) {
      const message = raw.trim() === '' ? 'an empty line' : `not valid JSON: ${(e as Error).message}`;
      throw new AppError('VALIDATION_FAILED', `line ${line}: ${message}`, [{ path: `line ${line}`, code: 'invalid_json', message }]);
    }
    const parsed = LogLineSchema.safeParse(json);
    if (!parsed.success) {
      const issues = fieldIssuesFrom(parsed.error);
      throw new AppError('VALIDATION_FAILED', `line ${line}: ${issues.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')}`, issues.map((f) => ({ ...f, path: f.path ? `line ${line}.${f.path}` : `line ${line}` })));
    }
    return parsed.data;
  });
}

export function parseAttendanceCommand(group: 'attendance' | 'overtime' | 'agentLog', verb: string | undefined, rest: string[], values: AttendanceOptions, usage: (message: string) => AppError): { command: AttendanceCommand; allowed: string[] } {
  const what = group === 'agentLog' ? 'agent log import' : `${group} ${verb ?? ''}`.trim();
  const noPositionals = (): void => {
    if (rest.length > 0) throw usage(`${what} takes no positional arguments`);
  };
  if (group === 'agentLog') {
    if (verb !== 'import') throw usage(verb === undefined ? 'agent log needs a subcommand: import' : `Unknown command: agent log ${verb}`);
    noPositionals();
    return { command: { kind: 'agentLogImport', file: need(values.file, 'file', what), reason: need(values.reason, 'reason', what) }, allowed: ['file', 'reason'] };
  }
  if (group === 'attendance') {
    if (verb === 'month') {
      noPositionals();
      const cmd: AttendanceCommand = { kind: 'attendanceMonth', month: need(values.month, 'month', what) };
      if (values.team !== undefined) cmd.team = values.team;
      if (values.agent !== undefined) cmd.agent = values.agent;
      return { command: cmd, allowed: ['month', 'team', 'agent'] };
    }
    if (verb === 'export') return exportCommand('attendance', rest, values, what, usage);
    throw usage(verb === undefined ? 'attendance needs a subcommand: month, export' : `Unknown command: ${what}`);
  }
  switch (verb) {
    case 'list': {
      noPositionals();
      const cmd: AttendanceCommand = { kind: 'overtimeList', month: need(values.month, 'month', what) };
      if (values.status !== undefined) {
        if (values.status.length !== 1) throw usage('overtime list takes one --status');
        cmd.status = values.status[0] ?? '';
      }
      return { command: cmd, allowed: ['month', 'status'] };
    }
    case 'approve': {
      if (rest.length !== 1) throw usage('overtime approve expects a claim ID');
      const cmd: AttendanceCommand = { kind: 'overtimeApprove', id: rest[0] ?? '' };
      if (values.minutes !== undefined) cmd.minutes = values.minutes;
      if (values.compensation !== undefined) cmd.compensation = values.compensation;
      return { command: cmd, allowed: ['minutes', 'compensation'] };
    }
    case 'reject': {
      if (rest.length !== 1) throw usage('overtime reject expects a claim ID');
      return { command: { kind: 'overtimeReject', id: rest[0] ?? '', reason: need(values.reason, 'reason', what) }, allowed: ['reason'] };
    }
    case 'export':
      return exportCommand('overtime', rest, values, what, usage);
    default:
      throw usage(verb === undefined ? 'overtime needs a subcommand: list, approve, reject, export' : `Unknown command: ${what}`);
  }
}

function exportCommand(sheet: 'attendance' | 'overtime', rest: string[], values: AttendanceOptions, what: string, usage: (message: string) => AppError): { command: AttendanceCommand; allowed: string[] } {
  if (rest.length > 0) throw usage(`${what} takes no positional arguments`);
  const cmd: AttendanceCommand = { kind: 'sheetExport', sheet, month: need(values.month, 'month', what), format: need(values.format, 'format', what), out: need(values.out, 'out', what) };
  if (values.team !== undefined) cmd.team = values.team;
  return { command: cmd, allowed: ['month', 'format', 'out', 'team'] };
}

/** Numbers arrive as text; a non-number becomes NaN so the request schema names it. */
const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function monthQuery(cmd: Extract<AttendanceCommand, { kind: 'attendanceMonth' }>): Record<string, string> {
  return { month: cmd.month, ...(cmd.team !== undefined ? { team: cmd.team } : {}), ...(cmd.agent !== undefined ? { agent: cmd.agent } : {}) };
}

function exportRequest(cmd: Extract<AttendanceCommand, { kind: 'sheetExport' }>): Record<string, string> {
  return { sheet: cmd.sheet, month: cmd.month, format: cmd.format, ...(cmd.team !== undefined ? { team: cmd.team } : {}) };
}

function approveRequest(cmd: Extract<AttendanceCommand, { kind: 'overtimeApprove' }>): Record<string, unknown> {
  return { id: cmd.id, ...(cmd.minutes !== undefined ? { minutes: toNumber(cmd.minutes) } : {}), ...(cmd.compensation !== undefined ? { compensation: cmd.compensation } : {}) };
}

/** Bad months, formats, statuses, minutes or an --out in a missing folder are refused before the data folder opens. */
export function precheckAttendance(cmd: AttendanceCommand): void {
  switch (cmd.kind) {
    case 'agentLogImport':
      parseOrThrow(contract['attendance:importLog'].request, { lines: readLogFile(cmd.file), reason: cmd.reason });
      return;
    case 'attendanceMonth':
      parseOrThrow(contract['attendance:month'].request, monthQuery(cmd));
      return;
    case 'overtimeList':
      parseOrThrow(contract['overtime:list'].request, { month: cmd.month, ...(cmd.status !== undefined ? { status: cmd.status } : {}) });
      return;
    case 'overtimeApprove':
      parseOrThrow(contract['overtime:approve'].request, approveRequest(cmd));
      return;
    case 'overtimeReject':
      parseOrThrow(contract['overtime:reject'].request, { id: cmd.id, reason: cmd.reason });
      return;
    case 'sheetExport': {
      parseOrThrow(contract['attendance:export'].request, exportRequest(cmd));
      const dir = path.dirname(path.resolve(cmd.out));
      if (cmd.out.trim() === '' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        const message = `--out ${cmd.out}: the folder ${dir} does not exist`;
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'out', code: 'no_folder', message }]);
      }
    }
  }
}

async function call(core: Core, channel: Parameters<Core['call']>[0], payload: unknown): Promise<unknown> {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return result.value;
}

function writeFileAtomically(file: string, bytes: Buffer): void {
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

export async function runAttendanceCommand(core: Core, cmd: AttendanceCommand): Promise<unknown> {
  switch (cmd.kind) {
    case 'agentLogImport':
      return call(core, 'attendance:importLog', { lines: readLogFile(cmd.file), reason: cmd.reason });
    case 'attendanceMonth':
      return contract['attendance:month'].result.parse(await call(core, 'attendance:month', monthQuery(cmd)));
    case 'overtimeList': {
      const claims = contract['overtime:list'].result.parse(await call(core, 'overtime:list', { month: cmd.month, ...(cmd.status !== undefined ? { status: cmd.status } : {}) }));
      // Exactly these fields: scripts depend on the shape.
      return claims.map((c) => ({ id: c.id, agentId: c.agentId, date: c.date, kind: c.kind, minutes: c.minutes, status: c.status, approvedMinutes: c.approvedMinutes, compensation: c.compensation }));
    }
    case 'overtimeApprove': {
      const c = contract['overtime:approve'].result.parse(await call(core, 'overtime:approve', approveRequest(cmd)));
      return { id: c.id, agentId: c.agentId, date: c.date, kind: c.kind, minutes: c.minutes, status: c.status, approvedMinutes: c.approvedMinutes, compensation: c.compensation, warnings: c.warnings };
    }
    case 'overtimeReject': {
      const c = contract['overtime:reject'].result.parse(await call(core, 'overtime:reject', { id: cmd.id, reason: cmd.reason }));
      return { id: c.id, agentId: c.agentId, date: c.date, kind: c.kind, minutes: c.minutes, status: c.status, approvedMinutes: c.approvedMinutes, compensation: c.compensation, rejectReason: c.rejectReason };
    }
    case 'sheetExport': {
      const file = contract['attendance:export'].result.parse(await call(core, 'attendance:export', exportRequest(cmd)));
      const out = path.resolve(cmd.out);
      writeFileAtomically(out, Buffer.from(file.base64, 'base64'));
      return { file: out, rows: file.rows };
    }
  }
}
