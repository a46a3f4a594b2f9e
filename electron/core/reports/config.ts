import { DEFAULT_REPORTS_CONFIG, mergeReportsConfig, ReportsConfigSchema, type ReportsConfig, type ReportsConfigPatch } from '../../../shared/reports/config.js';
import { parseOrThrow } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/** The settings row (the synced, admin-only `setting` entity) holding the wallboard's thresholds. */
export const REPORTS_CONFIG_KEY = 'reports';

/**
 * The thresholds in force: domain.md's defaults overlaid with what an admin
 * saved. A stored value that no longer parses (a newer version wrote it)
 * falls back to the defaults rather than blanking the board.
 */
export function readReportsConfig(r: SqlReader): ReportsConfig {
  const row = r.get<{ value: string }>('SELECT value FROM settings WHERE id = ?', [REPORTS_CONFIG_KEY]);
  if (!row) return DEFAULT_REPORTS_CONFIG;
  try {
    const parsed = ReportsConfigSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_REPORTS_CONFIG;
  } catch {
    return DEFAULT_REPORTS_CONFIG;
  }
}

/** Saves the patch merged over what is in force (validated as a whole) with its outbox entry, in one write. */
export function writeReportsConfigInTx(ctx: DomainContext, w: SqlWriter, patch: ReportsConfigPatch): ReportsConfig {
  const merged = parseOrThrow(ReportsConfigSchema, mergeReportsConfig(readReportsConfig(w), patch));
  const s = stamp(ctx);
  const value = JSON.stringify(merged);
  const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM settings WHERE id = ?', [REPORTS_CONFIG_KEY]);
  const values = { value, updatedBy: ctx.actorId, updatedAt: s.at };
  if (existing) {
    w.run('UPDATE settings SET value = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [value, ctx.actorId, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), REPORTS_CONFIG_KEY]);
  } else {
    w.run('INSERT INTO settings (id, value, updated_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?)', [REPORTS_CONFIG_KEY, value, ctx.actorId, s.at, createdFieldHlc(s.hlc)]);
  }
  appendOutbox(w, s, { name: 'reports:setConfig', entity: 'setting', entityId: REPORTS_CONFIG_KEY, changes: [{ entity: 'setting', id: REPORTS_CONFIG_KEY, values }] });
  return merged;
}
