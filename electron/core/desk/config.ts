import type { z } from 'zod';
import { ConsoleConfigSchema, DEFAULT_CONSOLE_CONFIG, type ConsoleConfig, type ConsoleConfigPatchSchema } from '../../../shared/desk/schema.js';
import { parseOrThrow } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

type ConsoleConfigPatch = z.output<typeof ConsoleConfigPatchSchema>;

/** The settings row (a synced global entity) holding the console configuration. */
export const CONSOLE_CONFIG_KEY = 'console';

/**
 * The center's console configuration: domain.md's defaults, overlaid with
 * what an admin saved (synced from the server or set here). A stored value
 * that no longer parses (written by a newer version) falls back field by
 * field to the defaults rather than stopping the console.
 */
export function readConsoleConfig(r: SqlReader): ConsoleConfig {
  const row = r.get<{ value: string }>('SELECT value FROM settings WHERE id = ?', [CONSOLE_CONFIG_KEY]);
  if (!row) return DEFAULT_CONSOLE_CONFIG;
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return DEFAULT_CONSOLE_CONFIG;
  }
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return DEFAULT_CONSOLE_CONFIG;
  const merged: Record<string, unknown> = { ...DEFAULT_CONSOLE_CONFIG };
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in DEFAULT_CONSOLE_CONFIG)) continue;
    const candidate = { ...merged, [key]: value };
    if (ConsoleConfigSchema.safeParse(candidate).success) merged[key] = value;
  }
  return ConsoleConfigSchema.parse(merged);
}

/**
 * Saves the whole configuration (the patch merged over what is in force) as
 * the synced `setting` row, with its outbox entry, in one write. The server
 * accepts it from admins only.
 */
export function writeConsoleConfigInTx(ctx: DomainContext, w: SqlWriter, patch: ConsoleConfigPatch): ConsoleConfig {
  const merged = parseOrThrow(ConsoleConfigSchema, { ...readConsoleConfig(w), ...patch });
  const s = stamp(ctx);
  const value = JSON.stringify(merged);
  const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM settings WHERE id = ?', [CONSOLE_CONFIG_KEY]);
  const values = { value, updatedBy: ctx.actorId, updatedAt: s.at };
  if (existing) {
    w.run('UPDATE settings SET value = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [value, ctx.actorId, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), CONSOLE_CONFIG_KEY]);
  } else {
    w.run('INSERT INTO settings (id, value, updated_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?)', [CONSOLE_CONFIG_KEY, value, ctx.actorId, s.at, createdFieldHlc(s.hlc)]);
  }
  appendOutbox(w, s, { name: 'config:set', entity: 'setting', entityId: CONSOLE_CONFIG_KEY, changes: [{ entity: 'setting', id: CONSOLE_CONFIG_KEY, values }] });
  return merged;
}
