import { centerClock } from '../../shared/reports/day.js';
import type { Wallboard } from '../../shared/reports/schema.js';
import type { SyncStatus } from '../../shared/sync/status.js';

/**
 * How fresh the board is. The board is computed from this PC's database, so
 * it is as fresh as the last sync: offline, the figures are those of the
 * last successful sync (domain.md: "keep showing the last known figures,
 * with their age"). A refresh that failed keeps the last board and says so.
 * The time is the center's clock, like the figures.
 */
export type Freshness = { kind: 'live'; asOf: string } | { kind: 'offline'; asOf: string } | { kind: 'failed'; asOf: string };

export function freshness(board: Wallboard, sync: Pick<SyncStatus, 'state' | 'lastSyncedAt'> | null, refreshFailed: boolean): Freshness {
  const clock = (iso: string): string => centerClock(Date.parse(iso), board.utcOffsetMinutes);
  if (sync && (sync.state === 'offline' || sync.state === 'auth_required')) {
    // Data from other PCs stopped at the last sync; this PC's own changes are newer, but the board is only as whole as its oldest part.
    const at = sync.lastSyncedAt !== null && sync.lastSyncedAt < board.generatedAt ? sync.lastSyncedAt : board.generatedAt;
    return { kind: 'offline', asOf: clock(at) };
  }
  if (refreshFailed) return { kind: 'failed', asOf: clock(board.generatedAt) };
  return { kind: 'live', asOf: clock(board.generatedAt) };
}
