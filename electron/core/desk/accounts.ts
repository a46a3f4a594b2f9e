import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AccountSchema, type Account, type AccountInput } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import { lastAdminProblem } from '../../../shared/admin/accounts.js';
import type { Role } from '../../../shared/roles.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/**
 * Standalone accounts: sign-in on this PC without a server. Only the scrypt
 * hash (per-account salt) is stored; these rows never sync and never leave
 * the PC. The server keeps its own users (sync:login).
 */

// N=2^15, r=8, p=1: the OWASP floor for scrypt, ~60 ms per check on an office PC.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, params, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later and old hashes still check. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of nothing to check against when the user does not exist: both answers take the same time. */
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(12).toString('base64url'));
  const encoded = stored ?? (await dummyHash);
  const parts = encoded.split('$');
  const [kind, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

interface AccountRow {
  username: string;
  displayName: string;
  role: string;
  team: string | null;
  createdAt: string;
  disabledAt: string | null;
  passwordHash: string;
  mustChange: number;
}

const COLUMNS =
  'username, display_name AS displayName, role, team, created_at AS createdAt, disabled_at AS disabledAt, password_hash AS passwordHash, must_change_password AS mustChange';

export function toAccount(row: AccountRow): Account {
  // Read back from disk: validated like any boundary; the hash never leaves this module.
  return AccountSchema.parse({ username: row.username, displayName: row.displayName, role: row.role, team: row.team, createdAt: row.createdAt, disabled: row.disabledAt !== null, mustChangePassword: row.mustChange === 1 });
}

/** Usernames are unique regardless of case: `Wang` and `wang` on one PC would be a sign-in trap. */
export function findAccountRow(r: SqlReader, username: string): AccountRow | undefined {
  return r.get<AccountRow>(`SELECT ${COLUMNS} FROM local_accounts WHERE lower(username) = lower(?)`, [username]);
}

export function countAccounts(r: SqlReader): number {
  return r.get<{ n: number }>('SELECT COUNT(*) AS n FROM local_accounts')?.n ?? 0;
}

export function listAccounts(r: SqlReader): Account[] {
  return r.all<AccountRow>(`SELECT ${COLUMNS} FROM local_accounts ORDER BY lower(username)`).map(toAccount);
}

export function insertAccount(w: SqlWriter, input: AccountInput, passwordHash: string, at: string): Account {
  if (findAccountRow(w, input.username)) {
    throw new AppError('ACCOUNT_EXISTS', `An account named ${input.username} already exists on this PC`, [{ path: 'username', code: 'account_exists', message: `${input.username} is taken` }]);
  }
  const team = input.team && input.team.trim() !== '' ? input.team.trim() : null;
  w.run('INSERT INTO local_accounts (username, display_name, role, team, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
    input.username,
    input.displayName,
    input.role,
    team,
    passwordHash,
    at,
  ]);
  return toAccount({ username: input.username, displayName: input.displayName, role: input.role, team, createdAt: at, disabledAt: null, passwordHash, mustChange: 0 });
}

export function requireAccountRow(r: SqlReader, username: string): AccountRow {
  const row = findAccountRow(r, username);
  if (!row) throw new AppError('NOT_FOUND', `No account named ${username} on this PC`, [{ path: 'username', code: 'account_not_found', message: `No account named ${username}` }]);
  return row;
}

export function setAccountDisabled(w: SqlWriter, username: string, disabled: boolean, at: string): Account {
  const row = requireAccountRow(w, username);
  if (disabled && row.role === 'admin' && row.disabledAt === null) {
    const admins = w.get<{ n: number }>("SELECT COUNT(*) AS n FROM local_accounts WHERE role = 'admin' AND disabled_at IS NULL")?.n ?? 0;
    if (admins <= 1) throw new AppError('FORBIDDEN', `${row.username} is the last enabled admin of this PC; enable or create another admin first`);
  }
  const disabledAt = disabled ? (row.disabledAt ?? at) : null;
  w.run('UPDATE local_accounts SET disabled_at = ? WHERE username = ?', [disabledAt, row.username]);
  return toAccount({ ...row, disabledAt });
}

// ---- issue 16 point 1: resets, own changes, role and team changes (each audited on this PC)

export function auditAccount(w: SqlWriter, entry: { id: string; at: string; actorId: string; action: string; username: string; detail?: Record<string, unknown> }): void {
  w.run('INSERT INTO account_audit (id, at, actor_id, action, username, detail) VALUES (?, ?, ?, ?, ?, ?)', [
    entry.id,
    entry.at,
    entry.actorId,
    entry.action,
    entry.username,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export interface AccountAuditLine {
  at: string;
  actorId: string;
  action: string;
  username: string;
  detail: Record<string, unknown>;
}

export function listAccountAudit(r: SqlReader, limit = 200): AccountAuditLine[] {
  return r
    .all<{ at: string; actorId: string; action: string; username: string; detail: string }>(
      'SELECT at, actor_id AS actorId, action, username, detail FROM account_audit ORDER BY at DESC, rowid DESC LIMIT ?',
      [limit],
    )
    .map((l) => ({ ...l, detail: JSON.parse(l.detail) as Record<string, unknown> }));
}

/** A new hash that must be changed at the next sign-in (an admin's reset). */
export function setPasswordInTx(w: SqlWriter, username: string, passwordHash: string, mustChange: boolean): Account {
  const row = requireAccountRow(w, username);
  w.run('UPDATE local_accounts SET password_hash = ?, must_change_password = ? WHERE username = ?', [passwordHash, mustChange ? 1 : 0, row.username]);
  return toAccount({ ...row, passwordHash, mustChange: mustChange ? 1 : 0 });
}

export function countEnabledAdmins(r: SqlReader): number {
  return r.get<{ n: number }>("SELECT COUNT(*) AS n FROM local_accounts WHERE role = 'admin' AND disabled_at IS NULL")?.n ?? 0;
}

export function updateAccountInTx(w: SqlWriter, username: string, patch: { role?: Role; team?: string | null }): { before: Account; after: Account } {
  const row = requireAccountRow(w, username);
  const role = patch.role ?? (row.role as Role);
  const team = patch.team === undefined ? row.team : patch.team && patch.team.trim() !== '' ? patch.team.trim() : null;
  const why = lastAdminProblem({ role: row.role as Role, disabled: row.disabledAt !== null }, role, countEnabledAdmins(w));
  if (why) throw new AppError('LAST_ADMIN', `${row.username} is ${why}`, [{ path: 'role', code: 'last_admin', message: `${row.username} is ${why}` }]);
  w.run('UPDATE local_accounts SET role = ?, team = ? WHERE username = ?', [role, team, row.username]);
  return { before: toAccount(row), after: toAccount({ ...row, role, team }) };
}

/**
 * Failed sign-ins per username (any case), in memory: 5 failures in a row
 * lock that name for 30 s, whether or not the account exists (the lock must
 * not tell which names are real). A success clears the count.
 *
 * An attempt is reserved before its password is checked (the check is
 * asynchronous): attempts still being checked count against the limit, so
 * parallel sign-ins cannot all be checked before the first failure counts.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; pending: number; lockedUntil: number }>();
  constructor(
    private readonly maxFailures = 5,
    private readonly lockMs = 30_000,
  ) {}

  private entry(username: string): { count: number; pending: number; lockedUntil: number } {
    const key = username.toLowerCase();
    let f = this.failures.get(key);
    if (!f) {
      f = { count: 0, pending: 0, lockedUntil: 0 };
      this.failures.set(key, f);
    }
    return f;
  }

  /** Seconds the name stays locked, or 0. */
  lockedFor(username: string, now: number): number {
    const f = this.failures.get(username.toLowerCase());
    return f && f.lockedUntil > now ? Math.ceil((f.lockedUntil - now) / 1000) : 0;
  }

  /**
   * Reserves one attempt, synchronously: 0 when it may go ahead (settle it
   * with fail, succeed or release), else the seconds to wait.
   */
  reserve(username: string, now: number): number {
    const locked = this.lockedFor(username, now);
    if (locked > 0) return locked;
    const f = this.entry(username);
    if (f.count + f.pending >= this.maxFailures) return Math.ceil(this.lockMs / 1000);
    f.pending += 1;
    return 0;
  }

  fail(username: string, now: number): void {
    const f = this.entry(username);
    f.pending = Math.max(0, f.pending - 1);
    f.count += 1;
    if (f.count >= this.maxFailures) {
      f.lockedUntil = now + this.lockMs;
      f.count = 0;
    }
  }

  /** A reserved attempt that was neither a failure nor a success (the account is disabled). */
  release(username: string): void {
    const f = this.entry(username);
    f.pending = Math.max(0, f.pending - 1);
  }

  succeed(username: string): void {
    const f = this.entry(username);
    f.pending = Math.max(0, f.pending - 1);
    f.count = 0;
    if (f.pending === 0 && f.lockedUntil === 0) this.failures.delete(username.toLowerCase());
  }
}
