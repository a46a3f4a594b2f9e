import type { z } from 'zod';
import { randomBytes, randomUUID } from 'node:crypto';
import { temporaryPasswordFrom } from '../shared/admin/accounts.js';
import { CreateUserRequestSchema, ResetPasswordRequestSchema, UpdateUserRequestSchema, type ResetPasswordResponse, type Role, type SessionUser, type User } from '../shared/sync/protocol.js';
import { audit } from './audit.js';
import { USER_CHANNEL } from './channels.js';
import type { Db, Queryable } from './db.js';
import { HttpError, parseRequest } from './errors.js';
import { hashPassword } from './passwords.js';
import { iso, sqlState, UNIQUE_VIOLATION } from './sql.js';

export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  team: string | null;
  disabled: boolean;
  created_at: Date | string;
  must_change_password: boolean;
}

export const USER_COLUMNS = 'id, username, password_hash, role, team, disabled, created_at, must_change_password';

export function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, role: r.role, team: r.team, disabled: r.disabled, createdAt: iso(r.created_at), mustChangePassword: r.must_change_password };
}

export function toSessionUser(r: Pick<UserRow, 'id' | 'username' | 'role' | 'team'>): SessionUser {
  return { id: r.id, username: r.username, role: r.role, team: r.team };
}

export async function findUserByName(db: Queryable, username: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0] ?? null;
}

/** `actorId` null: the server CLI (whoever can run it owns the data). */
export async function createUser(db: Db, input: unknown, actorId: string | null): Promise<User> {
  const req = parseRequest(CreateUserRequestSchema, input, 'user');
  const passwordHash = await hashPassword(req.password);
  const id = `u_${randomUUID()}`;
  try {
    return await db.transaction(async (tx) => {
      const rows = await tx.query<UserRow>(
        `INSERT INTO users (id, username, password_hash, role, team) VALUES ($1, $2, $3, $4, $5) RETURNING ${USER_COLUMNS}`,
        [id, req.username, passwordHash, req.role, req.team ?? null],
      );
      const user = toUser(rows[0] as UserRow);
      await audit(tx, actorId, 'user.create', { userId: id, username: user.username, role: user.role, team: user.team, by: actorId ?? 'cli' });
      return user;
    });
  } catch (e) {
    if (sqlState(e) === UNIQUE_VIOLATION) throw new HttpError(409, 'CONFLICT', `A user named ${req.username} already exists`);
    throw e;
  }
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)).map(toUser);
}

/**
 * Disabling a user or setting a new password revokes all of their tokens:
 * whoever held the old password or the account is signed out everywhere.
 * Any change ends the user's open event streams on every server process
 * (they reconnect with their new role and team).
 * The last enabled admin can be neither disabled nor demoted, so the server
 * can always be administered.
 */
export async function updateUser(db: Db, id: string, input: unknown, actorId: string): Promise<User> {
  const patch = parseRequest(UpdateUserRequestSchema, input, 'user change');
  const passwordHash = patch.password === undefined ? null : await hashPassword(patch.password);
  return db.transaction(async (tx) => {
    const found = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    const before = found[0];
    if (!before) throw new HttpError(404, 'NOT_FOUND', `No user with id ${id}`);
    const role = patch.role ?? before.role;
    const team = patch.team === undefined ? before.team : patch.team;
    const disabled = patch.disabled ?? before.disabled;
    if (before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled)) {
      const others = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1", [id]);
      if ((others[0]?.n ?? 0) === 0) throw new HttpError(409, 'CONFLICT', `${before.username} is the last enabled admin: make another user admin first`);
    }
    const rows = await tx.query<UserRow>(
      `UPDATE users SET role = $2, team = $3, disabled = $4, password_hash = coalesce($5, password_hash) WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, role, team, disabled, passwordHash],
    );
    let revoked = 0;
    if (passwordHash !== null || (disabled && !before.disabled)) {
      const r = await tx.query<{ token_hash: string }>('UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING token_hash', [id]);
      revoked = r.length;
    }
    const changed = Object.keys(patch).filter((k) => k !== 'password');
    await audit(tx, actorId, 'user.update', {
      userId: id,
      username: before.username,
      changed: passwordHash === null ? changed : [...changed, 'password'],
      role: { from: before.role, to: role },
      team: { from: before.team, to: team },
      disabled: { from: before.disabled, to: disabled },
      tokensRevoked: revoked,
    });
    // Every server process ends the user's open event streams and forgets their cached sessions (events.ts), once this commits.
    await tx.query('SELECT pg_notify($1, $2)', [USER_CHANNEL, JSON.stringify({ userId: id })]);
    return toUser(rows[0] as UserRow);
  });
}

/**
 * An admin resets a user's password (issue 16 point 1): a temporary one
 * (given, or generated and answered once) that signs nobody in until the
 * user changes it (POST /auth/password). Every token of the user is revoked
 * at once, and their event streams end (the caller: hub.endUser). Audited;
 * the audit never holds the password.
 */
export async function resetPassword(db: Db, id: string, input: unknown, actorId: string): Promise<ResetPasswordResponse> {
  const req = parseRequest(ResetPasswordRequestSchema, input ?? {}, 'password reset');
  const temporaryPassword = req.temporaryPassword ?? temporaryPasswordFrom(randomBytes(16));
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction(async (tx) => {
    const found = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    const before = found[0];
    if (!before) throw new HttpError(404, 'NOT_FOUND', `No user with id ${id}`);
    if (before.id === actorId) throw new HttpError(403, 'FORBIDDEN', 'Change your own password with your old one (POST /auth/password), not by a reset');
    const rows = await tx.query<UserRow>(`UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1 RETURNING ${USER_COLUMNS}`, [id, passwordHash]);
    const revoked = await tx.query<{ token_hash: string }>('UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING token_hash', [id]);
    await audit(tx, actorId, 'user.password_reset', { userId: id, username: before.username, generated: req.temporaryPassword === undefined, tokensRevoked: revoked.length });
    await tx.query('SELECT pg_notify($1, $2)', [USER_CHANNEL, JSON.stringify({ userId: id })]);
    return { user: toUser(rows[0] as UserRow), temporaryPassword };
  });
}
