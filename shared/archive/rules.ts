import { ArchiveConfigSchema, DEFAULT_ARCHIVE_CONFIG, type ArchiveBlocker, type ArchiveConfig, type ArchiveConfigPatch, type HeldTicket } from './schema.js';

/**
 * The moment before which a closed ticket may leave the PC: `afterMonths`
 * calendar months before `now` (UTC), the day of month clamped (31 March
 * minus one month is 28/29 February, never 3 March).
 */
export function archiveCutoff(now: number, afterMonths: number): string {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - afterMonths;
  const target = new Date(Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

/** The parts of a ticket the age rule reads. */
export interface AgeFacts {
  status: string;
  closedAt: string | null;
}

/** Closed, with a close time strictly before the cutoff. Resolved-not-closed and reopened tickets stay. */
export function oldEnough(t: AgeFacts, cutoff: string): boolean {
  return t.status === 'closed' && t.closedAt !== null && Date.parse(t.closedAt) < Date.parse(cutoff);
}

/** What the PC knows about the server and this ticket's sync state. */
export interface SyncFacts {
  /** a server is configured and someone signed in to it at least once */
  server: boolean;
  /** the session is usable now (the job asks the server before removing anything) */
  signedIn: boolean;
  /** at least one sync round finished */
  synced: boolean;
}

/** Why the job may not run at all, or null. A PC without a server never archives: it is the only copy. */
export function archiveBlocker(config: ArchiveConfig, sync: SyncFacts): ArchiveBlocker | null {
  if (!config.enabled) return 'disabled';
  if (!sync.server) return 'no_server';
  if (!sync.signedIn) return 'signed_out';
  if (!sync.synced) return 'never_synced';
  return null;
}

/** Local facts of one candidate: anything queued or refused for its family keeps it here. */
export interface LocalFamily {
  id: string;
  closedAt: string;
  /** outbox entries for the ticket or any of its records */
  pending: number;
  /** sync problems (refused or conflicting mutations) for the ticket or its records */
  problems: number;
  /** the ticket's records on this PC (history, notes, hand-offs ...) */
  records: number;
}

/**
 * The server holds the ticket as this PC does: closed with the same close
 * time and at least as many records. Anything else (not there, reopened on
 * the server, a record this PC has that the server lacks) keeps it here.
 */
export function serverHolds(local: LocalFamily, held: HeldTicket | undefined): boolean {
  if (!held || held.status !== 'closed' || held.closedAt === null) return false;
  return Date.parse(held.closedAt) === Date.parse(local.closedAt) && held.records >= local.records;
}

export function mayArchive(local: LocalFamily, held: HeldTicket | undefined): boolean {
  return local.pending === 0 && local.problems === 0 && serverHolds(local, held);
}

/** A stored value that no longer parses falls back to the defaults (a newer version wrote it). */
export function parseArchiveConfig(raw: unknown): ArchiveConfig {
  const parsed = ArchiveConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_ARCHIVE_CONFIG;
}

export function mergeArchiveConfig(current: ArchiveConfig, patch: ArchiveConfigPatch): ArchiveConfig {
  return { ...current, ...patch };
}

/** Is a report period (its first day, YYYY-MM-DD or ISO) before what the PC holds? */
export function periodBeforeHorizon(from: string, horizon: string | null): boolean {
  if (horizon === null) return false;
  return Date.parse(from.length === 10 ? `${from}T00:00:00.000Z` : from) < Date.parse(horizon);
}
