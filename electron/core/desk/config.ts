import { ConsoleConfigSchema, DEFAULT_CONSOLE_CONFIG, type ConsoleConfig } from '../../../shared/desk/schema.js';
import type { SqlReader } from '../store/types.js';

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
