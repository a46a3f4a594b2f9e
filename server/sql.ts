/** Helpers for values as the two engines return them. */

/** timestamptz arrives as a Date (both engines by default) or a string. */
export function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** bigint arrives as a string (node-postgres) or a number/bigint (PGlite). */
export function num(v: string | number | bigint): number {
  return Number(v);
}

/** PostgreSQL's SQLSTATE of a failed query, on either engine. */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
