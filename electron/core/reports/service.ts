import type { EventName, EventPayload, Handlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { CoreChannel } from '../api.js';
import { readConsoleConfig } from '../desk/config.js';
import type { DeskIdentity } from '../desk/identity.js';
import type { DomainContext } from '../domain/context.js';
import type { SqlReader } from '../store/types.js';
import { readReportsConfig, writeReportsConfigInTx } from './config.js';
import { DayCache } from './dayCache.js';
import { PeriodCache } from './periodCache.js';
import { drillList } from './drill.js';
import { agentKpiSheet } from './agentKpi.js';
import { exportDoc, recordExportInTx, renderExport } from './export/index.js';
import { agentSheet, periodSummary } from './period.js';
import { periodReport } from './periodReport.js';
import { problemSummary } from './problems.js';
import { agentReviews, readQualityConfig, reviewById, sampleWeekInTx, scoreReviewInTx, weekReviews, writeQualityConfigInTx } from './quality.js';
import { centerOffset } from './today.js';
import { readDirectory as readPeople } from '../desk/directory.js';
import { weekStart } from '../../../shared/reports/periods.js';
import type { QualityReview } from '../../../shared/reports/quality.js';
import { knownTeams, readDirectory, resolveScope, type Scope, type Viewer } from './scope.js';
import { closeDisplay, displayForKey, listDisplays, openDisplay } from './tv.js';
import { wallboard } from './wallboard.js';

export type ReportsChannel = Extract<CoreChannel, `wallboard:${string}` | `reports:${string}` | `quality:${string}`>;
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
  // Today's rows, kept between refreshes of every board on this PC (the desk's, the TV's): a refresh reads what changed.
  const day = new DayCache();
  // The days of period reports, kept between reads (a report reads again only the days something changed on).
  const periods = new PeriodCache();
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
    'wallboard:get': (req) => scoped(req.team, (r, scope) => wallboard(r, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), day)),
    'wallboard:list': (req) => scoped(req.team, (r, scope) => drillList(r, req.figure, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), day)),
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
      return scoped(req.team, (r, scope) => periodSummary(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), periods));
    },
    'reports:agents': (req) => {
      requireSupervising('see the agent KPI sheet');
      return scoped(req.team, (r, scope) => agentSheet(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), periods));
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
        const board = wallboard(r, resolveScope(opener, readDirectory(r, opener), display.team ?? undefined), console, config, ctx.now(), day);
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
    'reports:period': (req) => {
      requireSupervising('see period reports');
      return scoped(req.team, (r, scope) => periodReport(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), periods));
    },
    'reports:agentSheet': (req) => {
      requireSupervising('see the agent KPI sheet');
      return scoped(req.team, (r, scope) => agentKpiSheet(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), periods));
    },
    'reports:problems': (req) => {
      requireSupervising('see the hard-problem summary');
      return scoped(req.team, (r, scope) => problemSummary(r, req, scope, readConsoleConfig(r)));
    },
    'reports:export': async (req) => {
      requireSupervising('export reports');
      const doc = scoped(req.team, (r, scope) => exportDoc(r, req, scope, readConsoleConfig(r), readReportsConfig(r), ctx.now(), periods));
      const file = await renderExport(doc, req);
      // The audit line is durable before the file is handed out.
      ctx.store.write((w) => recordExportInTx(ctx, w, viewer().username, req, file));
      deps.localChange();
      return { fileName: file.fileName, mimeType: file.mimeType, rows: file.rows, base64: file.bytes.toString('base64') };
    },
    'reports:exportLog': (req) => {
      requireSupervising('see the export log');
      return ctx.store.read((r) =>
        r.all<{ id: string; actorId: string; kind: string; format: string; from: string; to: string; team: string | null; rows: number; fileName: string; at: string }>(
          'SELECT id, actor_id AS actorId, kind, format, from_date AS "from", to_date AS "to", team, rows, file_name AS fileName, at FROM report_exports ORDER BY at DESC, rowid DESC LIMIT ?',
          [req.limit],
        ),
      );
    },
    'quality:config': () => ctx.store.read((r) => readQualityConfig(r)),
    'quality:setConfig': (req) => {
      if (viewer().role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin edits the quality checklist');
      const config = ctx.store.write((w) => writeQualityConfigInTx(ctx, w, req));
      deps.localChange();
      deps.emit('console:changed', { kinds: ['quality', 'config'], origin: 'local' });
      return config;
    },
    'quality:week': (req) => {
      requireSupervising('review quality');
      return scoped(req.team, (r, scope) => qualityWeek(r, scope, req.week, 0));
    },
    'quality:sample': (req) => {
      requireSupervising('review quality');
      const reviewer = viewer().username;
      const drawn = ctx.store.write((w) => {
        const v = viewer();
        const scope = resolveScope(v, readDirectory(w, v), req.team);
        return sampleWeekInTx(ctx, w, scope, req.week, req.size ?? readQualityConfig(w).sampleSize, reviewer, centerOffset(readConsoleConfig(w)));
      });
      if (drawn > 0) {
        deps.localChange();
        deps.emit('console:changed', { kinds: ['quality'], origin: 'local' });
      }
      return scoped(req.team, (r, scope) => qualityWeek(r, scope, req.week, drawn));
    },
    'quality:score': (req) => {
      requireSupervising('review quality');
      const reviewer = viewer().username;
      ctx.store.write((w) => {
        const v = viewer();
        const scope = resolveScope(v, readDirectory(w, v), undefined);
        const review = reviewById(w, req.id, new Map());
        if (!scope.agentIn(review.agentId)) throw new AppError('FORBIDDEN', `${review.agentId} is not on your team`);
        scoreReviewInTx(ctx, w, req, reviewer);
      });
      deps.localChange();
      deps.emit('console:changed', { kinds: ['quality'], origin: 'local' });
      return ctx.store.read((r) => reviewById(r, req.id, names(r)));
    },
    'quality:mine': (req) => {
      const me = deps.identity.current();
      if (!me) throw new AppError('NOT_SIGNED_IN', 'Sign in to see your quality reviews');
      return ctx.store.read((r) => agentReviews(r, me.username, req.limit, names(r)));
    },
  };
  return { handlers };
}

function names(r: SqlReader): Map<string, string> {
  return new Map(readPeople(r).people.map((p) => [p.username, p.displayName]));
}

function qualityWeek(r: SqlReader, scope: Scope, week: string, drawn: number): { week: string; team: string | null; teams: string[]; sampleSize: number; drawn: number; reviews: QualityReview[] } {
  return { week: weekStart(week), team: scope.team, teams: knownTeams(r, scope.dir), sampleSize: readQualityConfig(r).sampleSize, drawn, reviews: weekReviews(r, scope, week, names(r)) };
}
