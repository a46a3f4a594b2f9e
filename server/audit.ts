import { z } from 'zod';
import type { Queryable } from './db.js';
import { iso } from './sql.js';

/**
 * What the audit table records besides the mutations table (which is the
 * change audit): sign-ins, user management, exports and bulk pulls.
 */
export type AuditAction =
  | 'login'
  | 'login.failed'
  | 'logout'
  | 'user.create'
  | 'user.update'
  | 'sync.bulk'
  | 'audit.read'
  | 'report.export'
  // ---- accounts (issue 16 point 1)
  | 'user.password_reset'
  | 'user.password_change'
  | 'login.password_change_required'
  // ---- attendance (issue 16 points 4-5): corrections and overtime decisions
  | 'attendance.correct'
  | 'overtime.approved'
  | 'overtime.rejected';

export async function audit(db: Queryable, userId: string | null, action: AuditAction, detail: Record<string, unknown>): Promise<void> {
  await db.query('INSERT INTO audit (user_id, action, detail) VALUES ($1, $2, $3)', [userId, action, JSON.stringify(detail)]);
}

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** entries with an id below this (the previous page's last id) */
  before: z.coerce.number().int().positive().optional(),
});

export const AuditEntrySchema = z.object({ id: z.number().int(), at: z.string(), userId: z.string().nullable(), action: z.string(), detail: z.record(z.string(), z.unknown()) });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

interface AuditRow {
  id: string | number;
  at: Date | string;
  user_id: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** Newest first. */
export async function readAudit(db: Queryable, q: z.infer<typeof AuditQuerySchema>): Promise<AuditEntry[]> {
  const rows = await db.query<AuditRow>(
    'SELECT id, at, user_id, action, detail FROM audit WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2',
    [q.before ?? null, q.limit],
  );
  return rows.map((r) => ({ id: Number(r.id), at: iso(r.at), userId: r.user_id, action: r.action, detail: r.detail }));
}
