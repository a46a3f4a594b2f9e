import fs from 'node:fs';
import type { z } from 'zod';
import { contract, type Channel, type RequestOf } from '../../../shared/contract.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import type { TicketDetail } from '../../../shared/tickets/schema.js';
import { parseTicketNo, ticketNoKey } from '../../../shared/tickets/ticketNo.js';
import { StoreReportSchema } from '../../../shared/store.js';
import type { Core } from '../api.js';
import type { LocalCore } from '../index.js';
import type { Command } from './args.js';
import { parseArticleLines, type ArticleLine } from '../kb/jsonl.js';
import { precheckReport, runReportCommand } from '../reports/cli.js';
// ---- attendance plan (issue 16 points 2-3)
import { precheckPlan, runPlanCommand } from '../attendance/planCli.js';
// ---- attendance (issue 16 point 9)
import { precheckAttendance, runAttendanceCommand } from '../attendance/cli.js';
// ---- teams, seats and skills (issue 16 point 1)
import { precheckTeams, runTeamsCommand } from '../teams/cli.js';

export interface CommandOutcome {
  value: unknown;
  exitCode: number;
  /** print on one line (scripts match `sync`'s output exactly) */
  compact?: boolean;
}

/**
 * Goes through `core.call`, i.e. the same dispatch and request schemas as the
 * app's IPC, so the CLI can never accept what the app would refuse.
 */
async function call<C extends Channel>(core: Core, channel: C, payload: RequestOf<C> | Record<string, unknown>): Promise<z.output<(typeof contract)[C]['result']>> {
  const result = await core.call(channel, payload);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return contract[channel].result.parse(result.value) as z.output<(typeof contract)[C]['result']>;
}

function parseJsonOption(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `--json is not valid JSON: ${(e as Error).message}`, [{ path: '', code: 'invalid_json', message: (e as Error).message }]);
  }
}

/** Numbers arrive as text; a non-number becomes NaN so the request schema reports it. */
function toNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : text.trim() === '' ? Number.NaN : Number(text);
}

/** The CLI's ticket shape: the ticket's own fields at the top level, for `jq .no`. */
function flatTicket(d: TicketDetail, withHistory: boolean): Record<string, unknown> {
  return withHistory ? { ...d.ticket, customer: d.customer, history: d.history } : { ...d.ticket, customer: d.customer };
}

/**
 * Validates what can be validated without the data folder, before it is
 * opened: bad --json never takes the lock, creates a folder or writes a
 * migration. The same schemas run again in dispatch.
 */
export function precheck(cmd: Exclude<Command, { kind: 'help' }>, env: NodeJS.ProcessEnv = {}): void {
  if (cmd.kind === 'agentAdd') parseOrThrow(contract['accounts:create'].request, accountInput(cmd, env));
  if (cmd.kind === 'create') parseOrThrow(contract['tickets:create'].request, parseJsonOption(cmd.json));
  if (cmd.kind === 'update') parseOrThrow(contract['tickets:update'].request, { id: cmd.id, changes: parseJsonOption(cmd.json) });
  if (cmd.kind === 'kbAdd') parseOrThrow(contract['kb:create'].request, parseJsonOption(cmd.json));
  if (cmd.kind === 'kbImport') readArticleFile(cmd.file);
  if (cmd.kind === 'dutySet') parseOrThrow(contract['duty:set'].request, parseJsonOption(cmd.json));
  if (cmd.kind === 'dutyList') parseOrThrow(contract['duty:list'].request, { from: cmd.from, to: cmd.to });
  if (cmd.kind === 'wallboard' || cmd.kind === 'reportSummary' || cmd.kind === 'reportAgents' || cmd.kind === 'reportExport') precheckReport(cmd);
  // ---- attendance plan (issue 16 points 2-3)
  if (cmd.kind === 'shiftsSet' || cmd.kind === 'shiftsList' || cmd.kind === 'holidaysList' || cmd.kind === 'holidaysImport' || cmd.kind === 'rosterImport' || cmd.kind === 'rosterExport') precheckPlan(cmd);
  // ---- attendance (issue 16 point 9)
  if (cmd.kind === 'agentLogImport' || cmd.kind === 'attendanceMonth' || cmd.kind === 'sheetExport' || cmd.kind === 'overtimeList' || cmd.kind === 'overtimeApprove' || cmd.kind === 'overtimeReject') precheckAttendance(cmd);
  // ---- teams, seats and skills (issue 16 point 1)
  if (cmd.kind === 'teamsSet' || cmd.kind === 'skillsSet' || cmd.kind === 'profileSet') precheckTeams(cmd);
}

/** `kb import`'s file, every line validated (VALIDATION_FAILED `line N: ...` on the first bad one). */
function readArticleFile(file: string): ArticleLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const message = `Cannot read --file ${file}: ${(e as Error).message}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'file', code: 'unreadable_file', message }]);
  }
  return parseArticleLines(text);
}

/** `agent add`'s options as accounts:create's input; the password from --password or $HOTLINE_PASSWORD. */
function accountInput(cmd: Extract<Command, { kind: 'agentAdd' }>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const password = cmd.password ?? env.HOTLINE_PASSWORD;
  if (password === undefined) throw new AppError('VALIDATION_FAILED', 'agent add requires --password (or $HOTLINE_PASSWORD). Run with --help for usage.', [{ path: 'password', code: 'required', message: 'A password is required' }]);
  const input: Record<string, unknown> = { username: cmd.username, displayName: cmd.name ?? cmd.username, password, role: cmd.role };
  if (cmd.team !== undefined) input.team = cmd.team;
  return input;
}

/**
 * `tickets get` takes a ticket's id or its number, with or without the
 * separators (a number read out over the phone: 2611 2438 1755 2093). A
 * number shared by two PCs' tickets is refused with both ids named.
 */
async function ticketIdOf(core: Core, idOrNo: string): Promise<string> {
  const no = parseTicketNo(idOrNo);
  if (no === null) return idOrNo;
  const page = await call(core, 'tickets:list', { q: no, limit: 20 });
  const matches = page.items.filter((t) => ticketNoKey(t.no) === ticketNoKey(no));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length === 0) return idOrNo;
  throw new AppError('VALIDATION_FAILED', `Ticket number ${no} is used by ${matches.length} tickets (${matches.map((t) => t.id).join(', ')}); give the id`, [
    { path: 'id', code: 'ambiguous_ticket_no', message: `Ticket number ${no} is used by several tickets` },
  ]);
}

export async function runCommand(core: LocalCore, cmd: Exclude<Command, { kind: 'help' }>, env: NodeJS.ProcessEnv = {}): Promise<CommandOutcome> {
  switch (cmd.kind) {
    case 'login': {
      const password = cmd.password ?? env.HOTLINE_PASSWORD;
      if (password === undefined) throw new AppError('VALIDATION_FAILED', 'login requires --password (or $HOTLINE_PASSWORD). Run with --help for usage.');
      const status = await call(core, 'sync:login', { server: cmd.server, username: cmd.username, password });
      // What was signed in to; the token itself is never printed.
      return { value: { server: status.server, user: status.user }, exitCode: 0 };
    }
    case 'sync': {
      const round = await call(core, 'sync:now', {});
      return { value: { pushed: round.pushed, pulled: round.pulled, pending: round.pending, problems: round.problems }, exitCode: 0, compact: true };
    }
    case 'syncStatus':
      return { value: await call(core, 'sync:status', {}), exitCode: 0 };
    case 'doctor': {
      // The full integrity check: doctor is where an admin waits for the truth.
      const report = StoreReportSchema.parse(core.report({ integrity: true }));
      return { value: report, exitCode: report.healthy ? 0 : 1 };
    }
    case 'create': {
      const detail = await call(core, 'tickets:create', parseJsonOption(cmd.json) as Record<string, unknown>);
      return { value: flatTicket(detail, false), exitCode: 0 };
    }
    case 'update': {
      const detail = await call(core, 'tickets:update', { id: cmd.id, changes: parseJsonOption(cmd.json) });
      return { value: flatTicket(detail, false), exitCode: 0 };
    }
    case 'transition': {
      const payload: Record<string, unknown> = { id: cmd.id, to: cmd.to };
      if (cmd.note !== undefined) payload.note = cmd.note;
      if (cmd.resolution !== undefined) payload.resolution = cmd.resolution;
      const detail = await call(core, 'tickets:transition', payload);
      return { value: flatTicket(detail, false), exitCode: 0 };
    }
    case 'get': {
      const detail = await call(core, 'tickets:get', { id: await ticketIdOf(core, cmd.id) });
      return { value: flatTicket(detail, true), exitCode: 0 };
    }
    case 'kbAdd':
      return { value: await call(core, 'kb:create', parseJsonOption(cmd.json) as Record<string, unknown>), exitCode: 0 };
    case 'kbImport': {
      const added = core.importArticles(readArticleFile(cmd.file).map((l) => l.input));
      return { value: { imported: added.length }, exitCode: 0 };
    }
    case 'kbSearch': {
      const payload: Record<string, unknown> = { q: cmd.query };
      const limit = toNumber(cmd.limit);
      if (limit !== undefined) payload.limit = limit;
      const offset = toNumber(cmd.offset);
      if (offset !== undefined) payload.offset = offset;
      const result = await call(core, 'kb:search', payload);
      // Exactly these four fields: scripts depend on the shape.
      return { value: result.hits.map((h) => ({ id: h.id, title: h.title, score: h.score, snippet: h.snippet })), exitCode: 0 };
    }
    case 'kbSuggest': {
      const payload: Record<string, unknown> = { text: cmd.text };
      const limit = toNumber(cmd.limit);
      if (limit !== undefined) payload.limit = limit;
      const hits = await call(core, 'kb:suggest', payload);
      // Exactly these three fields, best first: scripts depend on the shape.
      return { value: hits.map((h) => ({ id: h.id, title: h.title, score: h.score })), exitCode: 0 };
    }
    case 'kbGet':
      return { value: await call(core, 'kb:get', { id: cmd.id }), exitCode: 0 };
    case 'kbReindex':
      return { value: await call(core, 'kb:rebuildIndex', {}), exitCode: 0 };
    case 'agentAdd':
      // The account as stored, never its password or hash.
      return { value: await call(core, 'accounts:create', accountInput(cmd, env)), exitCode: 0 };
    case 'agentState':
      return { value: core.agentStates(cmd.agent), exitCode: 0 };
    case 'callsList': {
      const payload: Record<string, unknown> = {};
      if (cmd.today) payload.today = true;
      const limit = toNumber(cmd.limit);
      if (limit !== undefined) payload.limit = limit;
      return { value: await call(core, 'calls:list', payload), exitCode: 0 };
    }
    case 'wallboard':
    case 'reportSummary':
    case 'reportAgents':
    case 'reportExport':
      return { value: await runReportCommand(core, cmd), exitCode: 0 };
    // ---- attendance plan (issue 16 points 2-3)
    case 'shiftsSet':
    case 'shiftsList':
    case 'holidaysList':
    case 'holidaysImport':
    case 'rosterImport':
    case 'rosterExport':
      return { value: await runPlanCommand(core, cmd), exitCode: 0 };
    // ---- attendance (issue 16 point 9)
    case 'agentLogImport':
    case 'attendanceMonth':
    case 'sheetExport':
    case 'overtimeList':
    case 'overtimeApprove':
    case 'overtimeReject':
      return { value: await runAttendanceCommand(core, cmd), exitCode: 0 };
    // ---- teams, seats and skills (issue 16 point 1)
    case 'teamsList':
    case 'teamsSet':
    case 'skillsList':
    case 'skillsSet':
    case 'profileList':
    case 'profileSet':
      return { value: await runTeamsCommand(core, cmd), exitCode: 0 };
    case 'callbacksList':
      // Every owner's open callbacks: the CLI is the PC's admin.
      return { value: await call(core, 'callbacks:list', { scope: 'team', status: 'scheduled' }), exitCode: 0 };
    // ---- duty roster (issue 16 point 9): the entry with its conflict flags; the period's entries by date
    case 'dutySet':
      return { value: await call(core, 'duty:set', parseJsonOption(cmd.json) as Record<string, unknown>), exitCode: 0 };
    case 'dutyList':
      return { value: await call(core, 'duty:list', { from: cmd.from, to: cmd.to }), exitCode: 0 };
    case 'list': {
      const payload: Record<string, unknown> = {};
      if (cmd.status) payload.status = cmd.status;
      if (cmd.q !== undefined) payload.q = cmd.q;
      if (cmd.assignee !== undefined) payload.assigneeId = cmd.assignee;
      const limit = toNumber(cmd.limit);
      const offset = toNumber(cmd.offset);
      if (limit !== undefined) payload.limit = limit;
      if (offset !== undefined) payload.offset = offset;
      return { value: await call(core, 'tickets:list', payload), exitCode: 0 };
    }
  }
}
