import type { EventName, EventPayload, Handlers } from '../../shared/contract.js';
import { dispatch } from '../../shared/dispatch.js';
import { AppError, fail, type Result } from '../../shared/result.js';
import type { StoreReport } from '../../shared/store.js';
import type { Article, ParsedArticleInput } from '../../shared/kb/schema.js';
import type { Actor } from '../../shared/roles.js';
import type { Core, CoreChannel, CoreEventListener, CoreOptions } from './api.js';
import { createDomainContext, type DomainContextOptions } from './domain/context.js';
import { getCustomer, searchCustomers } from './domain/customers.js';
import { createTicketService } from './domain/tickets.js';
import type { AgentCurrentState } from './desk/agentLog.js';
import { createAgentDesk, type AgentDesk } from './desk/desk.js';
import { createTicketWork, type TicketWork } from './desk/work.js';
import { kbActor } from './kb/access.js';
import { KB_SQL_FUNCTIONS, rebuildKbIndex, searchArticles, suggestArticles } from './kb/search.js';
import { createKbService, type KbService } from './kb/service.js';
// ---- knowledge base relevance (issue 17)
import { createSynonymService, type SynonymService } from './kb/synonymService.js';
import { migrations } from './migrations/index.js';
import { createReports, type ReportsHandlers } from './reports/service.js';
// ---- announcements and defects (issue 15 points 4-5)
import { createAnnouncements, type AnnouncementHandlers } from './announcements/service.js';
// ---- duty roster (issue 16 point 7)
import { createDuty, type DutyHandlers } from './attendance/duty.js';
import { createDefects, defectReminders, type DefectHandlers } from './defects/service.js';
// ---- attendance plan: shifts, holiday calendar, roster (issue 16 points 2-3)
import { createPlan, type PlanHandlers } from './attendance/planService.js';
// ---- teams, seats and skills (issue 16 point 1)
import { createTeams, type TeamsHandlers } from './teams/service.js';
// ---- attendance: month, corrections, overtime, sheets (issue 16 points 4-6)
import { createAttendance, type AttendanceHandlers } from './attendance/service.js';
import { Store } from './store/index.js';
import { LegacyStore } from './store/legacy.js';
import { backgroundFetch } from './sync/backgroundFetch.js';
import { SyncEngine } from './sync/engine.js';
// ---- archiving (issue 18 point 3)
import { createArchive, type ArchiveHandlers } from './archive/service.js';
import { MemoryTokenStore } from './sync/session.js';

export type { Core, CoreOptions } from './api.js';

/**
 * Test seams that are not part of the public options (random ticket numbers,
 * ids). `legacyStore`: the bench only, which measures the store's old design
 * (snapshot + SQL journal) beside the page log in the same run (issue 18).
 */
export type CoreTestOptions = Pick<DomainContextOptions, 'randomBytes' | 'newId'> & { legacyStore?: boolean };

/** What an in-process host (the CLI, tests) gets beyond the contract. */
export interface LocalCore extends Core {
  /**
   * The `store:status` report; `integrity: true` adds SQLite's full integrity
   * check, which takes seconds on a large folder, so only `doctor` asks for it.
   */
  report(options?: { integrity?: boolean }): StoreReport;
  /** many articles in ONE transaction (`kb import`): all of them or, on any error, none */
  importArticles(inputs: readonly ParsedArticleInput[]): Article[];
  /** the current state of every agent in this PC's log, or of one (`agent state`) */
  agentStates(agentId?: string): AgentCurrentState[];
}

/** What answers before anyone signs in at a desk that requires it (CoreOptions.requireSignIn). */
// agent:changePassword and sync:changePassword need the old password: they are a sign-in (the only way past a reset).
const OPEN_BEFORE_SIGN_IN: ReadonlySet<string> = new Set<CoreChannel>([
  'agent:session', 'agent:signIn', 'agent:setup', 'store:status', 'sync:status', 'sync:login', 'wallboard:tv', 'agent:changePassword', 'sync:changePassword',
]);

function storeReport(store: Store, options: { integrity?: boolean } = {}): StoreReport {
  const counts = store.read((r) => {
    const row = r.get<{ tickets: number; customers: number; outbox: number }>(
      'SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM customers) AS customers, (SELECT COUNT(*) FROM outbox) AS outbox',
    );
    return { tickets: row?.tickets ?? 0, customers: row?.customers ?? 0, outbox: row?.outbox ?? 0 };
  });
  return { ...store.report(options), counts };
}

/**
 * Opens the data folder (lock, snapshot, journal replay, migrations) and
 * serves the core channels over it. Throws AppError DATA_FOLDER_IN_USE,
 * MIGRATION_MISMATCH or STORE_CORRUPT when the folder cannot be used.
 */
export async function openCore(opts: CoreOptions, allTestOpts: CoreTestOptions = {}): Promise<LocalCore> {
  const { legacyStore, ...testOpts } = allTestOpts;
  // The old design has the same surface; only the bench asks for it.
  const open = legacyStore ? (o: Parameters<typeof Store.open>[0]) => LegacyStore.open(o) as unknown as Promise<Store> : (o: Parameters<typeof Store.open>[0]) => Store.open(o);
  const store = await open({
    dataDir: opts.dataDir,
    migrations,
    // The search index's tokeniser: its triggers call these on every article write and on replay.
    functions: KB_SQL_FUNCTIONS,
    ...(opts.checkpointEvery !== undefined ? { checkpointEvery: opts.checkpointEvery } : {}),
    ...(opts.idleCheckpointMs !== undefined ? { idleCheckpointMs: opts.idleCheckpointMs } : {}),
  });
  let closed = false;
  const listeners = new Set<CoreEventListener>();

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (e) {
        // A broken listener must not turn a durable write into a reported failure.
        console.error(`[core] ${event} listener failed`, e);
      }
    }
  }

  let tickets: ReturnType<typeof createTicketService>;
  let kb: KbService;
  let sync: SyncEngine;
  let desk: AgentDesk | undefined;
  let work: TicketWork;
  let reports: ReportsHandlers;
  let announcements: AnnouncementHandlers;
  let defects: DefectHandlers;
  let duty: DutyHandlers;
  let plan: PlanHandlers;
  let synonyms: SynonymService;
  let attendance: AttendanceHandlers;
  let teams: TeamsHandlers;
  let archive: ReturnType<typeof createArchive> | undefined;
  let archiveHandlers: ArchiveHandlers;
  // Who acts on the knowledge base: the signed-in user, or the local operator (kb/access.ts).
  let actor = (): Actor => kbActor(null, opts.actorId);
  try {
    const ctx = createDomainContext(store, {
      actorId: opts.actorId,
      ...(opts.now ? { now: opts.now } : {}),
      ...testOpts,
    });
    const kbChanged = (ids: string[]): void => {
      emit('kb:changed', { ids, origin: 'local' });
      sync.localChange();
    };
    tickets = createTicketService(
      ctx,
      (ids) => {
        emit('tickets:changed', { ids, origin: 'local' });
        sync.localChange();
      },
      (ids) => emit('kb:changed', { ids, origin: 'local' }),
      () => actor(),
    );
    kb = createKbService({ ctx, actor: () => actor(), onChanged: kbChanged, ...(opts.resourcesDir ? { resourcesDir: opts.resourcesDir } : {}) });
    // ---- knowledge base synonyms (issue 17): a change re-ranks every open search (kb:changed)
    synonyms = createSynonymService({ ctx, actor: () => actor(), onChanged: () => kbChanged([]) });
    sync = new SyncEngine({
      store,
      ctx,
      tickets,
      tokenStore: opts.tokenStore ?? new MemoryTokenStore(),
      fetch: opts.sync?.fetch ?? fetch,
      // An injected fetch (tests) sees every request; otherwise the first-sync download is read on a helper thread.
      ...(opts.sync?.fetch ? {} : { streamFetch: backgroundFetch }),
      autoStart: opts.sync?.autoStart ?? true,
      ...(opts.sync?.bulkChunkRows ? { bulkChunkRows: opts.sync.bulkChunkRows } : {}),
      onStatus: (status) => emit('sync:status', status),
      onTickets: (ids) => {
        emit('tickets:changed', { ids, origin: 'sync' });
        // A pulled change to an archived ticket (reopened elsewhere) brings its family back whole.
        archive?.afterPull(ids);
      },
      onArticles: (ids) => emit('kb:changed', { ids, origin: 'sync' }),
      onDesk: (kinds) => emit('console:changed', { kinds, origin: 'sync' }),
      // History names whoever is signed in at the desk, else the server's user (the CLI), else the host's actor id.
      onUser: (user) => (ctx.actorId = desk?.identity.current()?.username ?? user?.username ?? opts.actorId),
    });
    actor = () => kbActor(desk?.identity.current() ?? sync.currentUser(), ctx.actorId);
    await sync.init();
    const agentDesk = createAgentDesk({
      ctx,
      sync,
      emit,
      cti: opts.cti ?? false,
      localActorId: opts.actorId,
      ...(opts.secretStore ? { secrets: opts.secretStore } : {}),
      ...(opts.phone ? { phone: opts.phone } : {}),
    });
    desk = agentDesk;
    await agentDesk.start();
    work = createTicketWork({
      ctx,
      identity: agentDesk.identity,
      tickets,
      emit,
      onTickets: (ids) => {
        emit('tickets:changed', { ids, origin: 'local' });
        sync.localChange();
      },
      reminderIntervalMs: opts.reminderIntervalMs ?? 0,
      moreReminders: (r, me) => defectReminders(r, me),
    });
    reports = createReports({ ctx, identity: agentDesk.identity, emit, localChange: () => sync.localChange() }).handlers;
    const supervisionEnv = {
      ctx,
      identity: agentDesk.identity,
      emit,
      onTickets: (ids: string[]) => emit('tickets:changed', { ids, origin: 'local' }),
      localChange: () => sync.localChange(),
    };
    announcements = createAnnouncements(supervisionEnv).handlers;
    defects = createDefects(supervisionEnv).handlers;
    duty = createDuty(supervisionEnv).handlers;
    plan = createPlan(supervisionEnv).handlers;
    attendance = createAttendance(supervisionEnv).handlers;
    teams = createTeams(supervisionEnv).handlers;
    archive = createArchive({ ctx, identity: agentDesk.identity, sync, emit, ...(opts.archiveIntervalMs ? { intervalMs: opts.archiveIntervalMs } : {}) });
    archiveHandlers = archive.handlers;
  } catch (e) {
    await desk?.close().catch(() => undefined);
    store.close();
    throw e;
  }
  const deskReady: AgentDesk = desk;

  const guard = <T>(fn: () => T): T => {
    if (closed) throw new AppError('STORE_CLOSED', 'The data folder has been closed');
    return fn();
  };

  /** Every handler of a group behind the closed-store guard. */
  function guardAll<H extends Partial<Handlers<CoreChannel>>>(group: H): H {
    const out: Record<string, unknown> = {};
    for (const [channel, handler] of Object.entries(group)) {
      out[channel] = (req: unknown) => guard(() => (handler as (r: unknown) => unknown)(req));
    }
    return out as H;
  }

  const handlers: Handlers<CoreChannel> = {
    'store:status': () => guard(() => storeReport(store)),
    'customers:search': (req) => guard(() => store.read((r) => searchCustomers(r, req))),
    'customers:get': (req) => guard(() => store.read((r) => getCustomer(r, req.id))),
    'tickets:create': (req) => guard(() => tickets.create(req)),
    'tickets:update': (req) => guard(() => tickets.update(req)),
    'tickets:transition': (req) => guard(() => tickets.transition(req)),
    'tickets:list': (req) => guard(() => tickets.list(req)),
    'tickets:get': (req) => guard(() => tickets.get(req.id)),
    'kb:search': (req) => guard(() => store.read((r) => searchArticles(r, req, actor()))),
    'kb:suggest': (req) => guard(() => store.read((r) => suggestArticles(r, req, actor()))),
    'kb:facets': () => guard(() => kb.facets()),
    'kb:get': (req) => guard(() => kb.get(req.id)),
    'kb:create': (req) => guard(() => kb.create(req)),
    'kb:update': (req) => guard(() => kb.update(req)),
    'kb:transition': (req) => guard(() => kb.transition(req)),
    'kb:versions': (req) => guard(() => kb.versions(req.id)),
    'kb:vote': (req) => guard(() => kb.vote(req)),
    'kb:use': (req) => guard(() => kb.use(req)),
    'kb:forTicket': (req) => guard(() => kb.forTicket(req.ticketId)),
    'kb:draftFromTicket': (req) => guard(() => kb.draftFromTicket(req.ticketId)),
    'kb:rebuildIndex': () => guard(() => store.write((w) => rebuildKbIndex(w))),
    'kb:loadDemo': () => guard(() => kb.loadDemo()),
    // ---- knowledge base synonyms (issue 17)
    'kb:synonyms': () => guard(() => synonyms.list()),
    'kb:synonymCreate': (req) => guard(() => synonyms.create(req)),
    'kb:synonymUpdate': (req) => guard(() => synonyms.update(req)),
    'kb:synonymRemove': (req) => guard(() => synonyms.remove(req)),
    'sync:status': () => guard(() => sync.status()),
    // A server sign-in seats its user at the desk; a server sign-out of that user leaves it.
    'sync:login': (req) =>
      guard(async () => {
        // The seated agent is logged off only once the server accepted the new credentials.
        const status = await sync.login(req, opts.headless ? undefined : () => deskReady.beforeServerSignIn(req.username));
        if (!opts.headless) deskReady.serverSignedIn(sync.currentUser());
        return status;
      }),
    'sync:logout': () =>
      guard(async () => {
        const status = await sync.logout();
        deskReady.serverSignedOut();
        return status;
      }),
    // A server account's own password: changed on the server, then signed in as sync:login does.
    'sync:changePassword': (req) =>
      guard(async () => {
        const status = await sync.changePassword(req, opts.headless ? undefined : () => deskReady.beforeServerSignIn(req.username));
        if (!opts.headless) deskReady.serverSignedIn(sync.currentUser());
        return status;
      }),
    'sync:now': () => guard(() => sync.syncNow()),
    'sync:pause': (req) => guard(() => sync.setPaused(req.paused)),
    'sync:problems': () => guard(() => sync.problems()),
    'sync:resolve': (req) => guard(() => sync.resolve(req)),
    ...guardAll(deskReady.handlers),
    ...guardAll(work.handlers),
    ...guardAll(reports),
    ...guardAll(announcements),
    ...guardAll(defects),
    ...guardAll(duty),
    ...guardAll(plan),
    ...guardAll(attendance),
    ...guardAll(teams),
    ...guardAll(archiveHandlers),
  };

  return {
    handlers,
    async call(channel: unknown, payload: unknown): Promise<Result<unknown>> {
      if (closed) return fail({ code: 'STORE_CLOSED', message: 'The data folder has been closed' });
      if (opts.requireSignIn && typeof channel === 'string' && !OPEN_BEFORE_SIGN_IN.has(channel) && Object.hasOwn(handlers, channel) && !deskReady.identity.current()) {
        return fail({ code: 'NOT_SIGNED_IN', message: `Sign in at this desk first (${channel})` });
      }
      return dispatch(handlers, channel, payload);
    },
    report(options = {}) {
      return guard(() => storeReport(store, options));
    },
    importArticles(inputs) {
      return guard(() => kb.importArticles(inputs).added);
    },
    agentStates(agentId) {
      return guard(() => deskReady.agentStates(agentId));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    checkpoint() {
      guard(() => store.checkpoint());
    },
    checkpointInBackground() {
      // The old design (bench only) has no background checkpoint: it checkpoints here and now.
      const s = store as Pick<Store, 'checkpoint'> & Partial<Pick<Store, 'checkpointInBackground'>>;
      return guard(() => (s.checkpointInBackground ? s.checkpointInBackground() : (s.checkpoint(), Promise.resolve(null))));
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      // Requests in flight are aborted first: nothing sync does may outlive the store.
      work.close();
      archive?.close();
      await deskReady.close();
      await sync.close();
      store.close();
    },
  };
}
