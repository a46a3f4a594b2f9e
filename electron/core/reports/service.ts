import type { EventName, EventPayload, Handlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { CoreChannel } from '../api.js';
import { readConsoleConfig } from '../desk/config.js';
import type { DeskIdentity } from '../desk/identity.js';
import type { DomainContext } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';
import { readReportsConfig, writeReportsConfigInTx } from './config.js';
import { drillList } from './drill.js';
import { agentSheet, periodSummary } from './period.js';
import { readDirectory, resolveScope, type Scope, type Viewer } from './scope.js';
import { closeDisplay, displayForKey, listDisplays, openDisplay } from './tv.js';
import { wallboard } from './wallboard.js';

export type ReportsChannel = Extract<CoreChannel, `wallboard:${string}` | `reports:${string}`>;
export type ReportsHandlers = Handlers<ReportsChannel>;

export interface ReportsDeps {
  ctx: DomainContext;
  identity: DeskIdentity;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** a durable local write happened: wake the sync client */
  localChange: () => void;
}

const SUPERVISING: readonly Role[] = ['supervisor', 'admin'];

/**
 * Supervision and reports (issue 15): the live wallboard, the lists behind
 * its figures, the period summary and the agent KPI sheet, and the
 * thresholds. Reads only; the one write (thresholds) is admin-only.
 */
export function createReports(deps: ReportsDeps): { handlers: ReportsHandlers } {
  const { ctx } = deps;
  const viewer = (): Viewer => {
    const agent = deps.identity.current();
    // Nobody at the desk (the CLI, tests): the PC's operator, with the PC admin's rights.
    return agent ? { username: agent.username, role: agent.role, team: agent.team } : { username: ctx.actorId, role: 'admin', team: null };
  };
  const scoped = <T>(team: string | undefined, fn: (r: SqlReader, scope: Scope) => T): T =>
    ctx.store.read((r) => {
      const v = viewer();
      return fn(r, resolveScope(v, readDirectory(r, v), team));
    });
  const requireSupervising = (what: string): void => {
    const v = viewer();
    if (!SUPERVISING.includes(v.role)) throw new AppError('FORBIDDEN', `Only supervisors and admins ${what}; a ${v.role} sees their own figures on the wallboard`);
  };

  const handlers: ReportsHandlers = {
    'wallboard:get': (req) => scoped(req.team, (r, scope) => wallboard(r, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now())),
    'wallboard:list': (req) => scoped(req.team, (r, scope) => drillList(r, req.figure, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now())),
    'reports:config': () => ctx.store.read((r) => readReportsConfig(r)),
    'reports:setConfig': (req) => {
      if (viewer().role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin changes the wallboard thresholds');
      const config = ctx.store.write((w) => writeReportsConfigInTx(ctx, w, req));
      deps.localChange();
      deps.emit('console:changed', { kinds: ['config'], origin: 'local' });
      return config;
    },
    'reports:summary': (req) => {
      requireSupervising('see period reports');
      return scoped(req.team, (r, scope) => periodSummary(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now()));
    },
    'reports:agents': (req) => {
      requireSupervising('see the agent KPI sheet');
      return scoped(req.team, (r, scope) => agentSheet(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now()));
    },
    'wallboard:tvOpen': (req) => {
      requireSupervising('open a wallboard display');
      // The same right as choosing that team on the board (FORBIDDEN for a team the viewer may not see).
      scoped(req.team, () => undefined);
      return ctx.store.write((w) => openDisplay(ctx, w, viewer().username, req.team ?? null));
    },
    'wallboard:tv': (req) =>
      ctx.store.read((r) => {
        const display = displayForKey(r, req.key);
        // Read with the rights of whoever opened it, as a supervisor: the board they chose, nothing more (no lists, no writes).
        const opener: Viewer = { username: display.createdBy, role: 'supervisor', team: null };
        const console = readConsoleConfig(r);
        const config = readReportsConfig(r);
        const board = wallboard(r, resolveScope(opener, readDirectory(r, opener), display.team ?? undefined), console, config, ctx.now());
        return { display, board, config, reasons: console.notReadyReasons };
      }),
    'wallboard:tvList': () => {
      requireSupervising('see the wallboard displays');
      return ctx.store.read(listDisplays);
    },
    'wallboard:tvClose': (req) => {
      requireSupervising('stop a wallboard display');
      return ctx.store.write((w) => {
        closeDisplay(ctx, w, viewer().username, req.id);
        return listDisplays(w);
      });
    },
  };
  return { handlers };
}
