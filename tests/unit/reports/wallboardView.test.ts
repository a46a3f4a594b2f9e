import { describe, expect, it } from 'vitest';
import type { Wallboard } from '../../../shared/reports/schema.js';
import { clockText } from '../../../renderer/supervisor/figureView.js';
import { freshness } from '../../../renderer/supervisor/staleness.js';

const board = { generatedAt: '2026-11-24T02:42:30.000Z', utcOffsetMinutes: 480 } as Wallboard;

describe('how fresh the wallboard says it is', () => {
  it('is live while sync runs or the PC works alone, stamped with the center clock', () => {
    expect(freshness(board, { state: 'idle', lastSyncedAt: '2026-11-24T02:42:00.000Z' }, false)).toEqual({ kind: 'live', asOf: '10:42' });
    expect(freshness(board, { state: 'signed_out', lastSyncedAt: null }, false)).toEqual({ kind: 'live', asOf: '10:42' });
    expect(freshness(board, null, false)).toEqual({ kind: 'live', asOf: '10:42' });
  });

  it('offline, is as old as the last successful sync: 数据截至 10:31 · 离线', () => {
    expect(freshness(board, { state: 'offline', lastSyncedAt: '2026-11-24T02:31:59.000Z' }, false)).toEqual({ kind: 'offline', asOf: '10:31' });
    // Never synced: as old as the board itself.
    expect(freshness(board, { state: 'offline', lastSyncedAt: null }, true)).toEqual({ kind: 'offline', asOf: '10:42' });
    expect(freshness(board, { state: 'auth_required', lastSyncedAt: '2026-11-24T01:00:00.000Z' }, false)).toEqual({ kind: 'offline', asOf: '09:00' });
  });

  it('keeps the last board when a refresh failed and says so', () => {
    expect(freshness(board, { state: 'idle', lastSyncedAt: null }, true)).toEqual({ kind: 'failed', asOf: '10:42' });
  });

  it('shows durations as a clock in every language', () => {
    expect([clockText(0), clockText(59), clockText(61), clockText(3_600), clockText(90_061)]).toEqual(['0:00', '0:59', '1:01', '1:00:00', '25:01:01']);
  });
});
