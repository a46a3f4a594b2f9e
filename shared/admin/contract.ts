import { z } from 'zod';
import { AccountSchema, AgentSessionSchema } from '../desk/schema.js';
import { SyncStatusSchema } from '../sync/status.js';
import { AccountUpdateSchema, ChangePasswordSchema, ResetPasswordSchema } from './accounts.js';

export const AccountAuditLineSchema = z.object({ at: z.string(), actorId: z.string(), action: z.string(), username: z.string(), detail: z.record(z.string(), z.unknown()) });

/**
 * Account administration (issue 16 point 1); shared/contract.ts merges it.
 * Admin rights are checked in the core for this PC's accounts and by the
 * server for its users. The password changes are open before a sign-in:
 * they need the old password, and they are the only way past a reset.
 */
export const adminChannels = {
  /** admin: a temporary password for a standalone account; answered once, never stored in clear */
  'accounts:resetPassword': { owner: 'core', request: ResetPasswordSchema, result: z.object({ account: AccountSchema, temporaryPassword: z.string() }) },
  /** admin: role and/or team of a standalone account (never the last admin's role) */
  'accounts:update': { owner: 'core', request: AccountUpdateSchema, result: AccountSchema },
  /** admin: this PC's account audit (resets, changes), newest first */
  'accounts:audit': { owner: 'core', request: z.strictObject({}), result: z.array(AccountAuditLineSchema) },
  /** a standalone account's own password (the old one required), then signed in */
  'agent:changePassword': { owner: 'core', request: ChangePasswordSchema, result: AgentSessionSchema },
  /** a server account's own password (the old one required), then signed in to that server */
  'sync:changePassword': {
    owner: 'core',
    request: ChangePasswordSchema.extend({ server: z.string().trim().max(300).url().refine((u) => /^https?:\/\//i.test(u), { message: 'Use an http:// or https:// address' }) }),
    result: SyncStatusSchema,
  },
} as const;
