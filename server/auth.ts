import { createHash, randomBytes } from 'node:crypto';
import { newPasswordProblem } from '../shared/admin/accounts.js';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, Role, SessionUser } from '../shared/sync/protocol.js';
import { audit } from './audit.js';
import type { Db } from './db.js';
import { HttpError } from './errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { iso } from './sql.js';
import { USER_CHANNEL } from './channels.js';
import { findUserByName, toSessionUser, type UserRow } from './users.js';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60_000;

export interface AuthOptions {
  tokenTtlMs: number;
  /** failed logins per username and address within `failureWindowMs` before 429 */
  maxFailures: number;
  /** failed logins per address (any usernames) within `failureWindowMs` before 429 */
  maxFailuresPerAddress: number;
  failureWindowMs: number;
}

/** Serialises the sign-in attempts of one address (two-key advisory lock: this key and the address's hash). */
export const LOGIN_LOCK_KEY = 7_270_003;

export interface Session {
  user: SessionUser;
  tokenHash: string;
}

/** Only the hash is stored: a copy of the tokens table signs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,256})$/;

/**
 * A valid token's session is remembered for this long, so that a client
 * pushing every second does not cost a token lookup per request. The bound
 * on revocation: a token revoked, or a user disabled, demoted or moved to
 * another team, by another server process (or directly in the database) is
 * still honoured here for at most this long. Changes made through this
 * process (sign-out, PATCH /users) drop the cached sessions at once, and an
 * entry never outlives the token's own expiry.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  session: Session;
  /** Date.now() after which the entry must be looked up again */
  until: number;
}
const WRONG_CREDENTIALS = 'Wrong username or password';

/**
 * Sign-in, tokens and the login rate limit. Every attempt first reserves a
 * row in login_attempts, atomically with the count it is judged by (under a
 * lock per address), and only then is the password checked: a success gives
 * the reservation back, a failure keeps it. So parallel attempts cannot all
 * be checked before any of them counts, and every server process on one
 * database shares the limit. A wrong password and an unknown user look (and
 * take) the same.
 */
export class Auth {
  private readonly dummyHash: Promise<string>;
  private readonly sessions = new Map<string, CachedSession>();

  constructor(
    private readonly db: Db,
    private readonly opts: AuthOptions,
  ) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'));
  }

  async login(req: LoginRequest, ip: string): Promise<LoginResponse> {
    const attempt = await this.reserveAttempt(req.username, ip);
    let row: Awaited<ReturnType<typeof findUserByName>>;
    let ok: boolean;
    try {
      row = await findUserByName(this.db, req.username);
      ok = await verifyPassword(req.password, row?.password_hash ?? (await this.dummyHash));
    } catch (e) {
      // Not an answer about the password: the attempt does not count.
      await this.releaseAttempt(attempt).catch(() => undefined);
      throw e;
    }
    if (!row || !ok) {
      await audit(this.db, row?.id ?? null, 'login.failed', { username: req.username, ip, reason: row ? 'password' : 'unknown_user' });
      throw new HttpError(401, 'UNAUTHORIZED', WRONG_CREDENTIALS);
    }
    if (row.disabled) {
      await audit(this.db, row.id, 'login.failed', { username: req.username, ip, reason: 'disabled' });
      throw new HttpError(401, 'UNAUTHORIZED', `The account ${row.username} is disabled: ask an admin to enable it`);
    }
    await this.releaseAttempt(attempt);
    // A reset password (issue 16) opens no session: the user must choose a new one first (POST /auth/password).
    if (row.must_change_password) {
      await audit(this.db, row.id, 'login.password_change_required', { username: row.username, ip });
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', `The password of ${row.username} was reset: choose a new password (POST /auth/password) to sign in`);
    }
    return this.issue(row, ip, 'login');
  }

  private async issue(row: UserRow, ip: string, action: 'login' | 'password_change'): Promise<LoginResponse> {
    const token = randomBytes(32).toString('base64url');
    const rows = await this.db.query<{ expires_at: Date | string }>(
      "INSERT INTO tokens (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond') RETURNING expires_at",
      [hashToken(token), row.id, this.opts.tokenTtlMs],
    );
    if (action === 'login') await audit(this.db, row.id, 'login', { username: row.username, ip });
    return { token, expiresAt: iso((rows[0] as { expires_at: Date | string }).expires_at), user: toSessionUser(row) };
  }

  /**
   * Anyone's own password (issue 16 point 1): the old one is checked exactly
   * as a sign-in is (same attempt reservation and limit, same answer for a
   * wrong password and an unknown user), then the new hash is stored, a
   * reset's "must change" cleared, every older token revoked (a session
   * opened with the old password ends) and a new session answered. Audited.
   */
  async changePassword(req: ChangePasswordRequest, ip: string): Promise<LoginResponse> {
    const attempt = await this.reserveAttempt(req.username, ip);
    let row: Awaited<ReturnType<typeof findUserByName>>;
    let ok: boolean;
    try {
      row = await findUserByName(this.db, req.username);
      ok = await verifyPassword(req.oldPassword, row?.password_hash ?? (await this.dummyHash));
    } catch (e) {
      await this.releaseAttempt(attempt).catch(() => undefined);
      throw e;
    }
    if (!row || !ok) {
      await audit(this.db, row?.id ?? null, 'login.failed', { username: req.username, ip, reason: row ? 'password' : 'unknown_user', during: 'password_change' });
      throw new HttpError(401, 'UNAUTHORIZED', WRONG_CREDENTIALS);
    }
    if (row.disabled) {
      await audit(this.db, row.id, 'login.failed', { username: req.username, ip, reason: 'disabled', during: 'password_change' });
      throw new HttpError(401, 'UNAUTHORIZED', `The account ${row.username} is disabled: ask an admin to enable it`);
    }
    await this.releaseAttempt(attempt);
    const problem = newPasswordProblem(row.username, req.oldPassword, req.newPassword);
    if (problem) throw new HttpError(400, 'BAD_REQUEST', problem.message, [problem]);
    const hash = await hashPassword(req.newPassword);
    const userId = row.id;
    const forced = row.must_change_password;
    const revoked = await this.db.transaction(async (tx) => {
      // Only if the password is still the one checked: two changes in parallel cannot both win.
      const updated = await tx.query<{ id: string }>('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1 AND password_hash = $3 RETURNING id', [userId, hash, row.password_hash]);
      if (updated.length === 0) throw new HttpError(409, 'CONFLICT', 'The password was changed meanwhile: sign in with the new one');
      const r = await tx.query<{ token_hash: string }>('UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING token_hash', [userId]);
      await audit(tx, userId, 'user.password_change', { userId, username: row.username, ip, forced, tokensRevoked: r.length });
      await tx.query('SELECT pg_notify($1, $2)', [USER_CHANNEL, JSON.stringify({ userId })]);
      return r.length;
    });
    if (revoked > 0) this.forgetUser(userId);
    return this.issue({ ...row, password_hash: hash, must_change_password: false }, ip, 'password_change');
  }

  /**
   * Counts the attempts of the window (failures, and attempts still being
   * checked) for this username and address, and for the address alone, and
   * reserves this one, all under the address's lock: 429 when either limit
   * is reached. Returns the reservation's id.
   */
  private async reserveAttempt(username: string, ip: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOGIN_LOCK_KEY, ip]);
      // Old attempts of this address are of no use any more.
      await tx.query("DELETE FROM login_attempts WHERE ip = $1 AND at <= now() - $2 * interval '1 millisecond'", [ip, this.opts.failureWindowMs]);
      const rows = await tx.query<{ mine: number; total: number; mine_wait: number | null; total_wait: number | null }>(
        `SELECT count(*) FILTER (WHERE username = $2)::int AS mine, count(*)::int AS total,
                ceil(extract(epoch FROM min(at) FILTER (WHERE username = $2) + $3 * interval '1 millisecond' - now()))::int AS mine_wait,
                ceil(extract(epoch FROM min(at) + $3 * interval '1 millisecond' - now()))::int AS total_wait
           FROM login_attempts WHERE ip = $1`,
        [ip, username, this.opts.failureWindowMs],
      );
      const { mine, total, mine_wait, total_wait } = rows[0] ?? { mine: 0, total: 0, mine_wait: null, total_wait: null };
      if (mine >= this.opts.maxFailures) {
        const wait = Math.max(1, mine_wait ?? 1);
        throw new HttpError(429, 'RATE_LIMITED', `Too many failed sign-ins for ${username} from this address: try again in ${wait} s`, undefined, { 'retry-after': String(wait) });
      }
      if (total >= this.opts.maxFailuresPerAddress) {
        const wait = Math.max(1, total_wait ?? 1);
        throw new HttpError(429, 'RATE_LIMITED', `Too many failed sign-ins from this address: try again in ${wait} s`, undefined, { 'retry-after': String(wait) });
      }
      const inserted = await tx.query<{ id: string | number }>('INSERT INTO login_attempts (username, ip) VALUES ($1, $2) RETURNING id', [username, ip]);
      return Number((inserted[0] as { id: string | number }).id);
    });
  }

  private async releaseAttempt(id: number): Promise<void> {
    await this.db.query('DELETE FROM login_attempts WHERE id = $1', [id]);
  }

  /** The session of an `Authorization: Bearer <token>` header, or 401 saying exactly what is wrong. */
  async authenticate(header: string | undefined): Promise<Session> {
    if (!header) throw new HttpError(401, 'UNAUTHORIZED', 'Sign in first: send the header Authorization: Bearer <token>');
    const m = BEARER.exec(header.trim());
    if (!m) throw new HttpError(401, 'UNAUTHORIZED', 'Malformed Authorization header: expected Bearer <token>');
    const tokenHash = hashToken(m[1] as string);
    const now = Date.now();
    const cached = this.sessions.get(tokenHash);
    if (cached && now < cached.until) return cached.session;
    if (cached) this.sessions.delete(tokenHash);
    const rows = await this.db.query<{ id: string; username: string; role: Role; team: string | null; disabled: boolean; must_change_password: boolean; revoked: boolean; expired: boolean; left_ms: number }>(
      `SELECT u.id, u.username, u.role, u.team, u.disabled, u.must_change_password, t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired,
              (extract(epoch FROM t.expires_at - now()) * 1000)::float8 AS left_ms
         FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) throw new HttpError(401, 'UNAUTHORIZED', 'Unknown token: sign in again');
    if (row.revoked) throw new HttpError(401, 'UNAUTHORIZED', 'This token was revoked (signed out, password changed or account disabled): sign in again');
    if (row.expired) throw new HttpError(401, 'TOKEN_EXPIRED', 'The session has expired: sign in again');
    if (row.disabled) throw new HttpError(401, 'UNAUTHORIZED', `The account ${row.username} is disabled: ask an admin to enable it`);
    // A reset revokes the user's tokens; this also holds for a flag set by any other way (the database, another process).
    if (row.must_change_password) throw new HttpError(401, 'PASSWORD_CHANGE_REQUIRED', `The password of ${row.username} was reset: choose a new password to sign in`);
    const session = { user: toSessionUser(row), tokenHash };
    if (this.sessions.size >= SESSION_CACHE_MAX) this.sessions.clear();
    // Measured from before the lookup, so the entry never outlives the token.
    this.sessions.set(tokenHash, { session, until: now + Math.min(SESSION_CACHE_MS, Number(row.left_ms)) });
    return session;
  }

  /** Forgets every cached session (users changed through this process: disabled, role, team, password). */
  forgetSessions(): void {
    this.sessions.clear();
  }

  /** Forgets the cached sessions of one user (changed through any process: events.ts hears of it). */
  forgetUser(userId: string): void {
    for (const [hash, cached] of this.sessions) if (cached.session.user.id === userId) this.sessions.delete(hash);
  }

  async logout(session: Session): Promise<void> {
    await this.db.query('UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [session.tokenHash]);
    this.sessions.delete(session.tokenHash);
    await audit(this.db, session.user.id, 'logout', { username: session.user.username });
  }
}
