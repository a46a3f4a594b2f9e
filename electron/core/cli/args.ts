import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/result.js';
import type { ReportCommand } from '../reports/cli.js';
// ---- attendance plan (issue 16 points 2-3)
import type { PlanCommand } from '../attendance/planCli.js';
// ---- attendance (issue 16 point 9)
import { parseAttendanceCommand, type AttendanceCommand } from '../attendance/cli.js';
// ---- teams, seats and skills (issue 16 point 1)
import { parseTeamsCommand, type TeamsCommand } from '../teams/cli.js';
import { usageError } from './usage.js';

/** Every option any command takes; each command then allows only its own. */
const OPTIONS = {
  data: { type: 'string' },
  actor: { type: 'string' },
  json: { type: 'string' },
  file: { type: 'string' },
  status: { type: 'string', multiple: true },
  q: { type: 'string' },
  assignee: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  note: { type: 'string' },
  resolution: { type: 'string' },
  server: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  team: { type: 'string' },
  agent: { type: 'string' },
  today: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  kind: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  // ---- attendance plan (issue 16 points 2-3)
  year: { type: 'string' },
  month: { type: 'string' },
  shape: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // ---- attendance (issue 16 point 9; --month is shared with the plan's commands above)
  reason: { type: 'string' },
  minutes: { type: 'string' },
  compensation: { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export type Options = { [K in OptionName]?: (typeof OPTIONS)[K] extends { type: 'boolean' } ? boolean : (typeof OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** Options every command accepts. */
const GLOBAL: readonly OptionName[] = ['data', 'actor', 'help'];

export type Command =
  | { kind: 'help' }
  | { kind: 'doctor' }
  | { kind: 'create'; json: string }
  | { kind: 'update'; id: string; json: string }
  | { kind: 'list'; status?: string[]; q?: string; assignee?: string; limit?: string; offset?: string }
  | { kind: 'get'; id: string }
  | { kind: 'transition'; id: string; to: string; note?: string; resolution?: string }
  | { kind: 'login'; server: string; username: string; password?: string }
  | { kind: 'sync' }
  | { kind: 'syncStatus' }
  | { kind: 'kbAdd'; json: string }
  | { kind: 'kbImport'; file: string }
  | { kind: 'kbSearch'; query: string; limit?: string; offset?: string }
  | { kind: 'kbSuggest'; text: string; limit?: string }
  | { kind: 'kbGet'; id: string }
  | { kind: 'kbReindex' }
  | { kind: 'agentAdd'; username: string; password?: string; role: string; name?: string; team?: string }
  | { kind: 'agentState'; agent?: string }
  | { kind: 'callsList'; today: boolean; limit?: string }
  | { kind: 'callbacksList' }
  // ---- duty roster (issue 16 point 9)
  | { kind: 'dutySet'; json: string }
  | { kind: 'dutyList'; from: string; to: string }
  | ReportCommand
  | PlanCommand
  | AttendanceCommand
  | TeamsCommand;

export interface ParsedCommandLine {
  dataDir: string | undefined;
  actorId: string | undefined;
  command: Command;
}

function allowOnly(values: Options, allowed: readonly OptionName[], what: string): void {
  for (const key of Object.keys(values) as OptionName[]) {
    if (values[key] !== undefined && !GLOBAL.includes(key) && !allowed.includes(key)) throw usageError(`Option --${key} does not apply to ${what}`);
  }
}

function positionals(rest: string[], count: number, names: string, what: string): string[] {
  if (rest.length !== count) throw usageError(`${what} expects ${names}`);
  return rest;
}

function required(value: string | undefined, option: string, what: string): string {
  if (value === undefined) throw usageError(`${what} requires --${option}`);
  return value;
}

/** Parses argv (without node and script). Throws a VALIDATION_FAILED AppError on usage errors. */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed: { values: Options; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }) as { values: Options; positionals: string[] };
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const { values } = parsed;
  const [group, verb, ...rest] = parsed.positionals;
  const base = { dataDir: values.data, actorId: values.actor };
  if (values.help || group === undefined || group === 'help') return { ...base, command: { kind: 'help' } };
  if (group === 'doctor') {
    if (verb !== undefined) throw usageError('doctor takes no arguments');
    allowOnly(values, [], 'doctor');
    return { ...base, command: { kind: 'doctor' } };
  }
  if (group === 'login') {
    if (verb !== undefined) throw usageError('login takes no positional arguments');
    allowOnly(values, ['server', 'username', 'password'], 'login');
    const cmd: Command = { kind: 'login', server: required(values.server, 'server', 'login'), username: required(values.username, 'username', 'login') };
    if (values.password !== undefined) cmd.password = values.password;
    return { ...base, command: cmd };
  }
  if (group === 'sync') {
    if (rest.length > 0 || (verb !== undefined && verb !== 'status')) throw usageError(`Unknown command: sync ${[verb, ...rest].join(' ')}`);
    allowOnly(values, [], verb === 'status' ? 'sync status' : 'sync');
    return { ...base, command: verb === 'status' ? { kind: 'syncStatus' } : { kind: 'sync' } };
  }
  if (group === 'kb') return { ...base, command: parseKb(values, verb, rest) };
  // ---- attendance (issue 16 point 9): `agent log import`, `attendance month|export`, `overtime list|approve|reject|export`
  if ((group === 'agent' && verb === 'log') || group === 'attendance' || group === 'overtime') {
    const [sub, ...more] = group === 'agent' ? rest : verb === undefined ? [] : [verb, ...rest];
    const { command, allowed } = parseAttendanceCommand(group === 'agent' ? 'agentLog' : group, sub, more, values, usageError);
    allowOnly(values, allowed as OptionName[], group === 'agent' ? 'agent log import' : `${group} ${sub ?? ''}`.trim());
    return { ...base, command };
  }
  // ---- teams, seats and skills (issue 16 point 1): `teams list|set`, `skills list|set`, `agent profile list|set`
  if (group === 'teams' || group === 'skills' || (group === 'agent' && verb === 'profile')) {
    const [sub, ...more] = group === 'agent' ? rest : verb === undefined ? [] : [verb, ...rest];
    const { command, allowed } = parseTeamsCommand(group === 'agent' ? 'profile' : group, sub, more, values.json, usageError);
    allowOnly(values, allowed as OptionName[], group === 'agent' ? `agent profile ${sub ?? ''}`.trim() : `${group} ${sub ?? ''}`.trim());
    return { ...base, command };
  }
  if (group === 'agent') return { ...base, command: parseAgent(values, verb, rest) };
  if (group === 'calls' || group === 'callbacks') {
    const what = `${group} ${verb ?? ''}`.trim();
    if (verb !== 'list') throw usageError(verb === undefined ? `${group} needs a subcommand: list` : `Unknown command: ${what}`);
    positionals(rest, 0, 'no positional arguments', what);
    if (group === 'callbacks') {
      allowOnly(values, [], what);
      return { ...base, command: { kind: 'callbacksList' } };
    }
    allowOnly(values, ['today', 'limit'], what);
    const cmd: Command = { kind: 'callsList', today: values.today === true };
    if (values.limit !== undefined) cmd.limit = values.limit;
    return { ...base, command: cmd };
  }
  if (group === 'wallboard') {
    positionals(verb === undefined ? rest : [verb, ...rest], 0, 'no positional arguments', 'wallboard');
    allowOnly(values, ['team'], 'wallboard');
    return { ...base, command: values.team !== undefined ? { kind: 'wallboard', team: values.team } : { kind: 'wallboard' } };
  }
  if (group === 'report') return { ...base, command: parseReport(values, verb, rest) };
  if (group === 'duty') return { ...base, command: parseDuty(values, verb, rest) };
  // ---- attendance plan (issue 16 points 2-3)
  if (group === 'shifts' || group === 'holidays' || group === 'roster') return { ...base, command: parsePlan(values, group, verb, rest) };
  if (group !== 'tickets') throw usageError(`Unknown command: ${group}`);
  const what = `tickets ${verb ?? ''}`.trim();
  switch (verb) {
    case 'create':
      positionals(rest, 0, 'no arguments besides --json', what);
      allowOnly(values, ['json'], what);
      return { ...base, command: { kind: 'create', json: required(values.json, 'json', what) } };
    case 'update': {
      const [id] = positionals(rest, 1, 'a ticket ID', what);
      allowOnly(values, ['json'], what);
      return { ...base, command: { kind: 'update', id: id as string, json: required(values.json, 'json', what) } };
    }
    case 'get': {
      const [id] = positionals(rest, 1, 'a ticket ID', what);
      allowOnly(values, [], what);
      return { ...base, command: { kind: 'get', id: id as string } };
    }
    case 'transition': {
      const [id, to] = positionals(rest, 2, 'a ticket ID and a STATUS', what);
      allowOnly(values, ['note', 'resolution'], what);
      const cmd: Command = { kind: 'transition', id: id as string, to: to as string };
      if (values.note !== undefined) cmd.note = values.note;
      if (values.resolution !== undefined) cmd.resolution = values.resolution;
      return { ...base, command: cmd };
    }
    case 'list': {
      positionals(rest, 0, 'no positional arguments', what);
      allowOnly(values, ['status', 'q', 'assignee', 'limit', 'offset'], what);
      const cmd: Command = { kind: 'list' };
      // Both `--status new --status in_progress` and `--status new,in_progress`.
      if (values.status) cmd.status = values.status.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s.length > 0);
      if (values.q !== undefined) cmd.q = values.q;
      if (values.assignee !== undefined) cmd.assignee = values.assignee;
      if (values.limit !== undefined) cmd.limit = values.limit;
      if (values.offset !== undefined) cmd.offset = values.offset;
      return { ...base, command: cmd };
    }
    default:
      throw usageError(verb === undefined ? 'tickets needs a subcommand: create, update, list, get, transition' : `Unknown command: tickets ${verb}`);
  }
}

function parseKb(values: Options, verb: string | undefined, rest: string[]): Command {
  const what = `kb ${verb ?? ''}`.trim();
  switch (verb) {
    case 'add':
      positionals(rest, 0, 'no arguments besides --json', what);
      allowOnly(values, ['json'], what);
      return { kind: 'kbAdd', json: required(values.json, 'json', what) };
    case 'import':
      positionals(rest, 0, 'no arguments besides --file', what);
      allowOnly(values, ['file'], what);
      return { kind: 'kbImport', file: required(values.file, 'file', what) };
    case 'search': {
      const [query] = positionals(rest, 1, 'one QUERY (quote it)', what);
      allowOnly(values, ['limit', 'offset'], what);
      const cmd: Command = { kind: 'kbSearch', query: query as string };
      if (values.limit !== undefined) cmd.limit = values.limit;
      if (values.offset !== undefined) cmd.offset = values.offset;
      return cmd;
    }
    case 'suggest': {
      const [text] = positionals(rest, 1, 'one TEXT (quote it)', what);
      allowOnly(values, ['limit'], what);
      const cmd: Command = { kind: 'kbSuggest', text: text as string };
      if (values.limit !== undefined) cmd.limit = values.limit;
      return cmd;
    }
    case 'get': {
      const [id] = positionals(rest, 1, 'an article ID', what);
      allowOnly(values, [], what);
      return { kind: 'kbGet', id: id as string };
    }
    case 'reindex':
      positionals(rest, 0, 'no arguments', what);
      allowOnly(values, [], what);
      return { kind: 'kbReindex' };
    default:
      throw usageError(verb === undefined ? 'kb needs a subcommand: add, import, search, suggest, get, reindex' : `Unknown command: kb ${verb}`);
  }
}

function parseAgent(values: Options, verb: string | undefined, rest: string[]): Command {
  const what = `agent ${verb ?? ''}`.trim();
  switch (verb) {
    case 'add': {
      positionals(rest, 0, 'no positional arguments', what);
      allowOnly(values, ['username', 'password', 'role', 'name', 'team'], what);
      const cmd: Command = { kind: 'agentAdd', username: required(values.username, 'username', what), role: required(values.role, 'role', what) };
      if (values.password !== undefined) cmd.password = values.password;
      if (values.name !== undefined) cmd.name = values.name;
      if (values.team !== undefined) cmd.team = values.team;
      return cmd;
    }
    case 'state': {
      positionals(rest, 0, 'no positional arguments', what);
      allowOnly(values, ['agent'], what);
      const cmd: Command = { kind: 'agentState' };
      if (values.agent !== undefined) cmd.agent = values.agent;
      return cmd;
    }
    default:
      throw usageError(verb === undefined ? 'agent needs a subcommand: add, state, profile, log' : `Unknown command: agent ${verb}`);
  }
}

/** A missing date names its field, like a bad one: scripts branch on the field. */
function requiredDate(value: string | undefined, option: 'from' | 'to', what: string): string {
  if (value !== undefined) return value;
  const message = `${what} requires --${option} YYYY-MM-DD`;
  throw new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`, [{ path: option, code: 'required', message }]);
}

function requiredOption(value: string | undefined, option: 'kind' | 'format' | 'out', what: string): string {
  if (value !== undefined) return value;
  const message = `${what} requires --${option}`;
  throw new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`, [{ path: option, code: 'required', message }]);
}

function parseReport(values: Options, verb: string | undefined, rest: string[]): Command {
  const what = `report ${verb ?? ''}`.trim();
  if (verb !== 'summary' && verb !== 'agents' && verb !== 'export') throw usageError(verb === undefined ? 'report needs a subcommand: summary, agents, export' : `Unknown command: ${what}`);
  positionals(rest, 0, 'no positional arguments', what);
  if (verb === 'export') {
    allowOnly(values, ['from', 'to', 'team', 'kind', 'format', 'out'], what);
    const cmd: Command = {
      kind: 'reportExport',
      report: requiredOption(values.kind, 'kind', what),
      from: requiredDate(values.from, 'from', what),
      to: requiredDate(values.to, 'to', what),
      format: requiredOption(values.format, 'format', what),
      out: requiredOption(values.out, 'out', what),
    };
    if (values.team !== undefined) cmd.team = values.team;
    return cmd;
  }
  allowOnly(values, ['from', 'to', 'team'], what);
  const cmd: Command = { kind: verb === 'summary' ? 'reportSummary' : 'reportAgents', from: requiredDate(values.from, 'from', what), to: requiredDate(values.to, 'to', what) };
  if (values.team !== undefined) cmd.team = values.team;
  return cmd;
}

// ---- duty roster (issue 16 point 9): `duty set --json '{...}'`, `duty list --from D --to D`
function parseDuty(values: Options, verb: string | undefined, rest: string[]): Command {
  const what = `duty ${verb ?? ''}`.trim();
  if (verb === 'set') {
    positionals(rest, 0, 'no arguments besides --json', what);
    allowOnly(values, ['json'], what);
    return { kind: 'dutySet', json: required(values.json, 'json', what) };
  }
  if (verb === 'list') {
    positionals(rest, 0, 'no positional arguments', what);
    allowOnly(values, ['from', 'to'], what);
    return { kind: 'dutyList', from: requiredDate(values.from, 'from', what), to: requiredDate(values.to, 'to', what) };
  }
  throw usageError(verb === undefined ? 'duty needs a subcommand: set, list' : `Unknown command: ${what}`);
}

// ---- attendance plan (issue 16 points 2-3): shifts, holidays, roster

function requiredPlanOption(value: string | undefined, option: 'json' | 'year' | 'file' | 'month' | 'format' | 'out', what: string): string {
  if (value !== undefined) return value;
  const message = `${what} requires --${option}`;
  throw new AppError('VALIDATION_FAILED', `${message}. Run with --help for usage.`, [{ path: option, code: 'required', message }]);
}

function parsePlan(values: Options, group: 'shifts' | 'holidays' | 'roster', verb: string | undefined, rest: string[]): Command {
  const what = `${group} ${verb ?? ''}`.trim();
  const verbs = { shifts: ['set', 'list'], holidays: ['list', 'import'], roster: ['import', 'export'] }[group];
  if (verb === undefined || !verbs.includes(verb)) throw usageError(verb === undefined ? `${group} needs a subcommand: ${verbs.join(', ')}` : `Unknown command: ${what}`);
  positionals(rest, 0, 'no positional arguments', what);
  if (group === 'shifts' && verb === 'set') {
    allowOnly(values, ['json'], what);
    return { kind: 'shiftsSet', json: requiredPlanOption(values.json, 'json', what) };
  }
  if (group === 'shifts') {
    allowOnly(values, [], what);
    return { kind: 'shiftsList' };
  }
  if (group === 'holidays' && verb === 'list') {
    allowOnly(values, ['year'], what);
    return { kind: 'holidaysList', year: requiredPlanOption(values.year, 'year', what) };
  }
  if (verb === 'import') {
    allowOnly(values, ['file'], what);
    const file = requiredPlanOption(values.file, 'file', what);
    return group === 'holidays' ? { kind: 'holidaysImport', file } : { kind: 'rosterImport', file };
  }
  allowOnly(values, ['month', 'format', 'out', 'team', 'shape'], what);
  const cmd: Command = {
    kind: 'rosterExport',
    month: requiredPlanOption(values.month, 'month', what),
    format: requiredPlanOption(values.format, 'format', what),
    out: requiredPlanOption(values.out, 'out', what),
  };
  if (values.team !== undefined) cmd.team = values.team;
  if (values.shape !== undefined) cmd.shape = values.shape;
  return cmd;
}
