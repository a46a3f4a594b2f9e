import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { archiveBlocker, archiveCutoff, mayArchive } from '../../../shared/archive/rules.js';
import type { ArchiveHint, ArchiveRun, ArchiveStatus, ArchivedTicket } from '../../../shared/archive/schema.js';
import type { ArchiveChannel } from './view.js';
import type { EventName, EventPayload, Handlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';
import type { DeskIdentity } from '../desk/identity.js';
import { likeContains, type DomainContext } from '../domain/context.js';
import { ticketNoKey } from '../../../shared/tickets/ticketNo.js';
import type { SqlReader } from '../store/types.js';
import type { SyncEngine } from '../sync/engine.js';
import { SyncError } from '../sync/http.js';
import { readSyncMeta } from '../sync/syncMeta.js';
import { getMeta, setMeta } from '../domain/context.js';
import { readArchiveConfig, writeArchiveConfigInTx } from './config.js';
import { familyFacts, META_LAST_RUN, purgeTickets, raiseHorizon, readHorizon, restoreFamily, touchedArchived } from './family.js';
import { viewOf } from './view.js';

export type ArchiveHandlers = Handlers<ArchiveChannel>;

export interface ArchiveDeps {
  ctx: DomainContext;
  identity: DeskIdentity;
  sync: Pick<SyncEngine, 'hasSession' | 'withServer'>;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** how often the job runs by itself; absent or 0: only when asked (CLI, tests) */
  intervalMs?: number;
  /** the first run after start (the desk opens first); default one minute */
  firstRunMs?: number;
}

interface Candidate {
  id: string;
  closedAt: string;
}

/**
 * Archiving (issue 18 point 3). A background job removes, in small steps,
 * closed tickets older than the admin's horizon from this PC, once the
 * server confirms it holds them as they are here; never on a save's path
 * (each step is its own short write, with a turn of the event loop between
 * steps, so a save or search waits for one step at most). A PC without a
 * server never archives: its database is the only copy. Search and
 * screen-pop name what left (archive:hint) and read one back from the
 * server (archive:fetch). A pulled change to an archived ticket brings its
 * family back whole (afterPull).
 */
export function createArchive(deps: ArchiveDeps): { handlers: ArchiveHandlers; afterPull(ticketIds: readonly string[]): void; close(): void } {
  const { ctx } = deps;
  let running: Promise<ArchiveRun> | null = null;
  let restoring: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const role = (): string => deps.identity.current()?.role ?? 'admin';
  const requireAdmin = (what: string): void => {
    // Nobody at the desk (the CLI, tests): the PC's operator, with the PC admin's rights, as reports do.
    if (role() !== 'admin') throw new AppError('FORBIDDEN', `Only an admin ${what}`);
  };

  const blockerNow = (r: SqlReader) => {
    const meta = readSyncMeta(r);
    return archiveBlocker(readArchiveConfig(r), {
      server: meta.server !== null && meta.user !== null,
      signedIn: deps.sync.hasSession(),
      synced: meta.lastSyncedAt !== null,
    });
  };

  const candidates = (r: SqlReader, cutoff: string, after: Candidate | null, limit: number): Candidate[] =>
    r.all<Candidate>(
      `SELECT id, closed_at AS closedAt FROM tickets WHERE status = 'closed' AND closed_at IS NOT NULL AND closed_at < ?
         AND (? IS NULL OR closed_at > ? OR (closed_at = ? AND id > ?))
       ORDER BY closed_at, id LIMIT ?`,
      [cutoff, after?.closedAt ?? null, after?.closedAt ?? null, after?.closedAt ?? null, after?.id ?? null, limit],
    );

  async function runOnce(): Promise<ArchiveRun> {
    // A ticket back on the PC while still listed as archived (a restore cut short by a restart or an outage): fetch it whole now.
    const halfBack = ctx.store.read((r) => r.all<{ id: string }>('SELECT t.id FROM tickets t JOIN archived_tickets a ON a.id = t.id LIMIT 50').map((row) => row.id));
    if (halfBack.length > 0) afterPull(halfBack);
    const first = ctx.store.read((r) => ({ blocked: blockerNow(r), config: readArchiveConfig(r) }));
    if (first.blocked) return { archived: 0, kept: 0, blocked: first.blocked, horizon: ctx.store.read(readHorizon) };
    const cutoff = archiveCutoff(ctx.now(), first.config.afterMonths);
    let after: Candidate | null = null;
    let archived = 0;
    let kept = 0;
    while (!closed) {
      const batch = ctx.store.read((r) => candidates(r, cutoff, after, first.config.batchSize));
      if (batch.length === 0) break;
      after = batch[batch.length - 1] as Candidate;
      const held = new Map((await deps.sync.withServer((http) => http.held(batch.map((c) => c.id)))).tickets.map((t) => [t.id, t]));
      const removed = ctx.store.write((w) => {
        // Read again inside the write: a save between the question and now (a reopen, a new note) keeps the ticket.
        const still = w.all<Candidate>(
          `SELECT id, closed_at AS closedAt FROM tickets WHERE id IN (SELECT value FROM json_each(?)) AND status = 'closed' AND closed_at IS NOT NULL AND closed_at < ?`,
          [JSON.stringify(batch.filter((c) => held.has(c.id)).map((c) => c.id)), cutoff],
        );
        const facts = familyFacts(w, still);
        const ids = facts.filter((f) => mayArchive(f, held.get(f.id))).map((f) => f.id);
        const n = purgeTickets(w, ids, cutoff, new Date(ctx.now()).toISOString());
        if (n > 0) raiseHorizon(w, cutoff);
        return n;
      });
      archived += removed;
      kept += batch.length - removed;
      if (batch.length < first.config.batchSize) break;
      // Let calls queued behind the step (a save, a search, a screen-pop) run before the next one.
      await yieldToEventLoop();
    }
    ctx.store.write((w) => setMeta(w, META_LAST_RUN, new Date(ctx.now()).toISOString()));
    if (archived > 0) deps.emit('tickets:changed', { ids: [], origin: 'local' });
    return { archived, kept, blocked: null, horizon: ctx.store.read(readHorizon) };
  }

  /** One run at a time; a second ask joins the running one. */
  function run(): Promise<ArchiveRun> {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  }

  /** Archived tickets a pull touched, waiting to be fetched back whole (kept across an offline moment: the next pull retries). */
  const toRestore = new Set<string>();

  async function restoreTouched(): Promise<void> {
    while (toRestore.size > 0 && !closed) {
      const id = toRestore.values().next().value as string;
      let rows;
      try {
        rows = (await deps.sync.withServer((http) => http.ticketFamily(id))).rows;
      } catch (e) {
        // Gone or no longer visible to this PC: forget its line. Offline or signed out: the next pull asks again.
        if (e instanceof SyncError && e.status === 404) {
          ctx.store.write((w) => w.run('DELETE FROM archived_tickets WHERE id = ?', [id]));
          toRestore.delete(id);
          continue;
        }
        return;
      }
      toRestore.delete(id);
      ctx.store.write((w) => restoreFamily(w, id, rows));
      deps.emit('tickets:changed', { ids: [id], origin: 'sync' });
    }
  }

  function afterPull(ticketIds: readonly string[]): void {
    if (closed) return;
    for (const id of ctx.store.read((r) => touchedArchived(r, ticketIds))) toRestore.add(id);
    if (toRestore.size === 0 || restoring) return;
    restoring = restoreTouched()
      .catch((e: unknown) => console.warn(`[archive] restoring archived tickets failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        restoring = null;
      });
  }

  function status(): ArchiveStatus {
    return ctx.store.read((r) => {
      const config = readArchiveConfig(r);
      const cutoff = archiveCutoff(ctx.now(), config.afterMonths);
      return {
        config,
        blocked: blockerNow(r),
        horizon: readHorizon(r),
        archived: r.get<{ n: number }>('SELECT COUNT(*) AS n FROM archived_tickets')?.n ?? 0,
        eligible: r.get<{ n: number }>("SELECT COUNT(*) AS n FROM tickets WHERE status = 'closed' AND closed_at IS NOT NULL AND closed_at < ?", [cutoff])?.n ?? 0,
        lastRunAt: getMeta(r, META_LAST_RUN) ?? null,
      };
    });
  }

  function hint(req: { q?: string | undefined; customerId?: string | undefined; limit: number }): ArchiveHint {
    return ctx.store.read((r) => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (req.customerId) {
        where.push('customer_id = ?');
        params.push(req.customerId);
      }
      if (req.q) {
        const like = likeContains(req.q);
        where.push(`(subject LIKE ? ESCAPE '\\' OR no LIKE ? ESCAPE '\\' OR REPLACE(no, '-', '') LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\')`);
        params.push(like, like, likeContains(ticketNoKey(req.q)), like);
      }
      const clause = where.join(' AND ');
      const total = r.get<{ n: number }>(`SELECT COUNT(*) AS n FROM archived_tickets WHERE ${clause}`, params)?.n ?? 0;
      const items = r.all<ArchivedTicket>(
        `SELECT id, no, subject, customer_id AS customerId, customer_name AS customerName, closed_at AS closedAt, archived_at AS archivedAt
         FROM archived_tickets WHERE ${clause} ORDER BY closed_at DESC, id DESC LIMIT ?`,
        [...params, req.limit],
      );
      return { total, items, horizon: readHorizon(r) };
    });
  }

  const handlers: ArchiveHandlers = {
    'archive:status': () => status(),
    // Anyone may ask: it does only what the background job does by itself, under the same rules.
    'archive:run': () => run(),
    'archive:config': () => ctx.store.read((r) => readArchiveConfig(r)),
    'archive:setConfig': (req) => {
      requireAdmin('changes how long closed tickets stay on the PCs');
      return ctx.store.write((w) => writeArchiveConfigInTx(ctx, w, req));
    },
    'archive:hint': (req) => hint(req),
    'archive:fetch': async (req) => {
      const known = ctx.store.read((r) => r.get<{ id: string }>('SELECT id FROM archived_tickets WHERE id = ?', [req.id]));
      if (!known) throw new AppError('NOT_FOUND', `Ticket ${req.id} is not among this PC's archived tickets`);
      if (!deps.sync.hasSession()) throw new AppError('SYNC_OFFLINE', 'This PC is not signed in to the server now, so an older ticket cannot be fetched; sign in or try again later');
      const { rows } = await deps.sync.withServer((http) => http.ticketFamily(req.id));
      return viewOf(req.id, rows, new Date(ctx.now()).toISOString());
    },
    'archive:horizon': () =>
      ctx.store.read((r) => ({ horizon: readHorizon(r), archived: r.get<{ n: number }>('SELECT COUNT(*) AS n FROM archived_tickets')?.n ?? 0 })),
  };

  if (deps.intervalMs && deps.intervalMs > 0) {
    const tick = (): void => {
      timer = null;
      void run()
        .catch((e: unknown) => {
          // Offline, signed out, a server without the route: nothing was removed; the next tick tries again.
          if (!(e instanceof AppError)) console.warn(`[archive] run failed: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => {
          if (!closed) {
            timer = setTimeout(tick, deps.intervalMs);
            timer.unref();
          }
        });
    };
    timer = setTimeout(tick, deps.firstRunMs ?? 60_000);
    timer.unref();
  }

  return {
    handlers,
    afterPull,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
