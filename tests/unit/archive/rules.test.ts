import { describe, expect, it } from 'vitest';
import { archiveBlocker, archiveCutoff, mayArchive, oldEnough, parseArchiveConfig, periodBeforeHorizon, serverHolds, type LocalFamily } from '../../../shared/archive/rules.js';
import { ArchiveConfigPatchSchema, ArchiveHintQuerySchema, DEFAULT_ARCHIVE_CONFIG } from '../../../shared/archive/schema.js';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const local = (over: Partial<LocalFamily> = {}): LocalFamily => ({ id: 't1', closedAt: '2025-06-01T08:00:00.000Z', pending: 0, problems: 0, records: 4, ...over });
const held = { id: 't1', status: 'closed', closedAt: '2025-06-01T08:00:00.000Z', records: 4 };
const server = { server: true, signedIn: true, synced: true };

describe('archive rules', () => {
  it('defaults to 12 months, enabled', () => {
    expect(DEFAULT_ARCHIVE_CONFIG).toEqual({ enabled: true, afterMonths: 12, batchSize: 100 });
    expect(parseArchiveConfig({ enabled: true, afterMonths: 0, batchSize: 100 })).toEqual(DEFAULT_ARCHIVE_CONFIG);
    expect(parseArchiveConfig({ enabled: false, afterMonths: 18, batchSize: 50 })).toEqual({ enabled: false, afterMonths: 18, batchSize: 50 });
  });

  it('cuts off whole calendar months back, clamping the day of month', () => {
    expect(archiveCutoff(NOW, 12)).toBe('2025-12-07T10:00:00.000Z');
    expect(archiveCutoff(Date.parse('2026-03-31T00:00:00.000Z'), 1)).toBe('2026-02-28T00:00:00.000Z');
    expect(archiveCutoff(Date.parse('2024-03-31T00:00:00.000Z'), 1)).toBe('2024-02-29T00:00:00.000Z');
    expect(archiveCutoff(Date.parse('2026-01-15T00:00:00.000Z'), 13)).toBe('2024-12-15T00:00:00.000Z');
  });

  it('takes closed tickets closed before the cutoff only', () => {
    const cutoff = archiveCutoff(NOW, 12);
    expect(oldEnough({ status: 'closed', closedAt: '2025-12-07T09:59:59.999Z' }, cutoff)).toBe(true);
    expect(oldEnough({ status: 'closed', closedAt: '2025-12-07T10:00:00.000Z' }, cutoff)).toBe(false);
    expect(oldEnough({ status: 'resolved', closedAt: null }, cutoff)).toBe(false);
    expect(oldEnough({ status: 'reopened', closedAt: '2024-01-01T00:00:00.000Z' }, cutoff)).toBe(false);
    expect(oldEnough({ status: 'closed', closedAt: null }, cutoff)).toBe(false);
  });

  it('never archives without a server, signed out, before a first sync, or when disabled', () => {
    expect(archiveBlocker(DEFAULT_ARCHIVE_CONFIG, server)).toBeNull();
    expect(archiveBlocker(DEFAULT_ARCHIVE_CONFIG, { server: false, signedIn: false, synced: false })).toBe('no_server');
    expect(archiveBlocker(DEFAULT_ARCHIVE_CONFIG, { ...server, signedIn: false })).toBe('signed_out');
    expect(archiveBlocker(DEFAULT_ARCHIVE_CONFIG, { ...server, synced: false })).toBe('never_synced');
    expect(archiveBlocker({ ...DEFAULT_ARCHIVE_CONFIG, enabled: false }, server)).toBe('disabled');
  });

  it('archives only what the server holds as this PC does, with nothing queued or refused', () => {
    expect(mayArchive(local(), held)).toBe(true);
    expect(mayArchive(local({ pending: 1 }), held)).toBe(false);
    expect(mayArchive(local({ problems: 1 }), held)).toBe(false);
    expect(mayArchive(local(), undefined)).toBe(false);
    expect(serverHolds(local(), { ...held, status: 'reopened' })).toBe(false);
    expect(serverHolds(local(), { ...held, closedAt: '2025-06-02T08:00:00.000Z' })).toBe(false);
    expect(serverHolds(local({ records: 5 }), held)).toBe(false);
    expect(serverHolds(local(), { ...held, records: 7 })).toBe(true);
    // the same moment written with an offset is the same close
    expect(serverHolds(local(), { ...held, closedAt: '2025-06-01T16:00:00.000+08:00' })).toBe(true);
  });

  it('tells whether a report period starts before what the PC holds', () => {
    expect(periodBeforeHorizon('2025-11-01', '2025-12-07T10:00:00.000Z')).toBe(true);
    expect(periodBeforeHorizon('2025-12-08', '2025-12-07T10:00:00.000Z')).toBe(false);
    expect(periodBeforeHorizon('2020-01-01', null)).toBe(false);
  });

  it('validates config patches and hint queries with the field named', () => {
    const bad = ArchiveConfigPatchSchema.safeParse({ afterMonths: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['afterMonths']);
    expect(ArchiveConfigPatchSchema.safeParse({ months: 3 }).success).toBe(false);
    expect(ArchiveHintQuerySchema.safeParse({}).success).toBe(false);
    expect(ArchiveHintQuerySchema.parse({ q: ' 打印 ' })).toEqual({ q: '打印', limit: 10 });
  });
});
