import { ArchiveConfigSchema, type ArchiveConfig, type ArchiveConfigPatch } from '../../../shared/archive/schema.js';
import { mergeArchiveConfig, parseArchiveConfig } from '../../../shared/archive/rules.js';
import { DEFAULT_ARCHIVE_CONFIG } from '../../../shared/archive/schema.js';
import { parseOrThrow } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/** The settings row (the synced, admin-only `setting` entity) holding archiving's rule: one horizon for the center. */
export const ARCHIVE_CONFIG_KEY = 'archive';

export function readArchiveConfig(r: SqlReader): ArchiveConfig {
  const row = r.get<{ value: string }>('SELECT value FROM settings WHERE id = ?', [ARCHIVE_CONFIG_KEY]);
  if (!row) return DEFAULT_ARCHIVE_CONFIG;
  try {
    return parseArchiveConfig(JSON.parse(row.value));
  } catch {
    return DEFAULT_ARCHIVE_CONFIG;
  }
}

/** Saves the patch merged over what is in force (validated as a whole) with its outbox entry, in one write. */
export function writeArchiveConfigInTx(ctx: DomainContext, w: SqlWriter, patch: ArchiveConfigPatch): ArchiveConfig {
  const merged = parseOrThrow(ArchiveConfigSchema, mergeArchiveConfig(readArchiveConfig(w), patch));
  const s = stamp(ctx);
  const value = JSON.stringify(merged);
  const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM settings WHERE id = ?', [ARCHIVE_CONFIG_KEY]);
  const values = { value, updatedBy: ctx.actorId, updatedAt: s.at };
  if (existing) {
    w.run('UPDATE settings SET value = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [value, ctx.actorId, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), ARCHIVE_CONFIG_KEY]);
  } else {
    w.run('INSERT INTO settings (id, value, updated_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?)', [ARCHIVE_CONFIG_KEY, value, ctx.actorId, s.at, createdFieldHlc(s.hlc)]);
  }
  appendOutbox(w, s, { name: 'archive:setConfig', entity: 'setting', entityId: ARCHIVE_CONFIG_KEY, changes: [{ entity: 'setting', id: ARCHIVE_CONFIG_KEY, values }] });
  return merged;
}
