import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/result.js';
import type { Migration, SqlReader } from './types.js';

export const MIGRATIONS_TABLE_SQL = 'CREATE TABLE IF NOT EXISTS _store_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL)';

export function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex').slice(0, 16);
}

/**
 * Compares what the database says was applied with what this build ships.
 * Applied ids must be a prefix of the known ones, with the same checksums;
 * anything else means the folder was written by another version of the app
 * (or a migration file was edited after release) and we refuse to touch it.
 * Returns the migrations still to apply, in order.
 */
export function pendingMigrations(reader: SqlReader, known: readonly Migration[]): Migration[] {
  const sorted = [...known].sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.id === sorted[i - 1]?.id) throw new AppError('MIGRATION_MISMATCH', `Duplicate migration id ${sorted[i]?.id}`);
  }
  const applied = reader.all<{ id: string; checksum: string }>('SELECT id, checksum FROM _store_migrations ORDER BY id');
  applied.forEach((row, i) => {
    const expected = sorted[i];
    if (!expected || expected.id !== row.id) {
      throw new AppError(
        'MIGRATION_MISMATCH',
        `The data folder has migration ${row.id} applied, which this version does not know (expected ${expected?.id ?? 'none'}). It was probably written by a newer version of the app; refusing to open it.`,
      );
    }
    if (checksum(expected) !== row.checksum) {
      throw new AppError('MIGRATION_MISMATCH', `Migration ${row.id} differs from the one applied to this data folder (checksum ${row.checksum} vs ${checksum(expected)}); refusing to open it.`);
    }
  });
  return sorted.slice(applied.length);
}
