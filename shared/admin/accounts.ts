/**
 * Account administration (issue 16 point 1): password resets and changes,
 * role and team changes. Pure rules shared by the core (standalone accounts)
 * and the server (its users), so both refuse the same things the same way.
 */
import { z } from 'zod';
import { inputText } from '../bidi.js';
import { PasswordSchema, UsernameSchema } from '../desk/schema.js';
import { RoleSchema, type Role } from '../roles.js';
import { LIMITS } from '../tickets/schema.js';

/** A temporary password is shown once to the admin who reset it: unambiguous characters only (no 0/O, 1/l/I). */
const TEMP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const TEMP_PASSWORD_LENGTH = 12;

/** A temporary password from `bytes` (crypto random, >= TEMP_PASSWORD_LENGTH of them): the caller owns the randomness. */
export function temporaryPasswordFrom(bytes: Uint8Array): string {
  if (bytes.length < TEMP_PASSWORD_LENGTH) throw new Error(`temporaryPasswordFrom needs ${TEMP_PASSWORD_LENGTH} random bytes`);
  let out = '';
  // 256 % 55 != 0: the first 8 characters are slightly more likely; 12 characters still give > 68 bits.
  for (let i = 0; i < TEMP_PASSWORD_LENGTH; i += 1) out += TEMP_ALPHABET[(bytes[i] as number) % TEMP_ALPHABET.length];
  return out;
}

/**
 * The rule of a new password beyond its length: it must differ from the old
 * one and from the username (a password equal to the name is the first
 * thing a guesser tries). Returns the refusal, or null.
 */
export function newPasswordProblem(username: string, oldPassword: string, newPassword: string): { path: string; code: string; message: string } | null {
  if (newPassword === oldPassword) return { path: 'newPassword', code: 'password_unchanged', message: 'The new password must differ from the old one' };
  if (newPassword.normalize('NFKC').toLowerCase() === username.toLowerCase()) return { path: 'newPassword', code: 'password_is_username', message: 'The password cannot be the username' };
  return null;
}

/** An admin resets `username`'s password; without `temporaryPassword` one is generated (and answered once). */
export const ResetPasswordSchema = z.strictObject({ username: UsernameSchema, temporaryPassword: PasswordSchema.optional() });
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

/** Anyone changes their own password, with the old one (also the way through a forced change at sign-in). */
export const ChangePasswordSchema = z.strictObject({
  username: UsernameSchema,
  oldPassword: z.string().min(1).max(128),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

/** An admin changes an account's role and/or team (team '' or null: none). */
export const AccountUpdateSchema = z
  .strictObject({ username: UsernameSchema, role: RoleSchema.optional(), team: inputText().max(LIMITS.team).nullable().optional() })
  .refine((v) => v.role !== undefined || v.team !== undefined, { message: 'Nothing to change: give a role or a team', path: ['role'] });
export type AccountUpdateInput = z.infer<typeof AccountUpdateSchema>;

/** The last enabled admin cannot stop being one: someone must always be able to administer. */
export function lastAdminProblem(before: { role: Role; disabled: boolean }, afterRole: Role, enabledAdmins: number): string | null {
  if (before.role === 'admin' && !before.disabled && afterRole !== 'admin' && enabledAdmins <= 1) return 'the last enabled admin cannot be given another role; make another account admin first';
  return null;
}
