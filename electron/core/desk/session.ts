import type { EventName, EventPayload } from '../../../shared/contract.js';
import { afterCallDeadline, nextAgentState, type AgentEvent, type AgentStatus } from '../../../shared/desk/agentState.js';
import type { AccountInput, AgentSession } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Actor, Role } from '../../../shared/roles.js';
import type { SessionUser } from '../../../shared/sync/protocol.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { appendOutbox, getMeta, setMeta, stamp, type DomainContext, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import type { SyncEngine } from '../sync/engine.js';
import { newPasswordProblem, type ChangePasswordInput } from '../../../shared/admin/accounts.js';
import { auditAccount, countAccounts, findAccountRow, hashPassword, insertAccount, setPasswordInTx, SignInThrottle, verifyPassword } from './accounts.js';
import { appendStateInTx, lastStateEntry } from './agentLog.js';
import { readConsoleConfig } from './config.js';
import type { DeskAgent, DeskIdentity } from './identity.js';

/** Roles that are ready for calls as soon as they sign in. */
const TAKES_CALLS: readonly Role[] = ['agent', 'senior'];

export interface DeskSessionDeps {
  ctx: DomainContext;
  sync: SyncEngine;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** who acts while nobody is signed in at the desk nor to a server (CoreOptions.actorId) */
  localActorId: string;
}

const SAME_MESSAGE = 'Wrong username or password';
/** How long a sign-out waits to push the agent's last lines before the server session ends. */
const FLUSH_TIMEOUT_MS = 5_000;
/** meta: who is seated at this desk (set at sign-in, cleared at sign-out): left set only by a crash or a power cut */
const META_SEATED = 'desk_seated';
/** meta: the last time the seated agent's app was known to run (every HEARTBEAT_MS) */
const META_ALIVE_AT = 'desk_alive_at';
const HEARTBEAT_MS = 60_000;

/**
 * Who is signed in at this desk, and their state. The session lives in
 * memory only: a restart or a sign-out leaves nothing behind on a shared PC
 * (only who sat here, without any credential, so a crash can be closed in
 * the state log: `recover`).
 * The state itself is the append-only log (agentLog.ts), so the wallboard and
 * attendance read the same truth the console shows.
 */
export class DeskSession implements DeskIdentity {
  private agent: DeskAgent | null = null;
  private readonly throttle = new SignInThrottle();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: DeskSessionDeps) {}

  current(): DeskAgent | null {
    return this.agent;
  }

  /**
   * The acting user for rights checks: the desk agent, else the sync
   * server's user (the CLI signed in with `login`), else this PC's operator
   * with admin rights (the CLI, a standalone PC's tools).
   */
  actor(): Actor {
    if (this.agent) return { username: this.agent.username, role: this.agent.role };
    const user = this.deps.sync.currentUser();
    return user ? { username: user.username, role: user.role } : { username: this.deps.localActorId, role: 'admin' };
  }

  requireAgent(): DeskAgent {
    if (!this.agent) throw new AppError('NOT_SIGNED_IN', 'Nobody is signed in at this desk; sign in first');
    return this.agent;
  }

  requireAdmin(what: string): void {
    const actor = this.actor();
    if (actor.role !== 'admin') throw new AppError('FORBIDDEN', `Only an admin may ${what}; ${actor.username} is ${actor.role}`);
  }

  /** History and ownership name whoever is signed in at the desk, else the server user, else the host's operator. */
  refreshActor(): void {
    this.deps.ctx.actorId = this.agent?.username ?? this.deps.sync.currentUser()?.username ?? this.deps.localActorId;
  }

  needsSetup(): boolean {
    return this.deps.ctx.store.read((r) => countAccounts(r)) === 0;
  }

  /** The session as the console shows it, after logging an after-call timeout that passed while no timer ran. */
  session(): AgentSession {
    this.catchUp();
    return this.view();
  }

  private view(): AgentSession {
    const needsSetup = this.needsSetup();
    if (!this.agent) return { agent: null, state: 'offline', reason: null, since: null, needsSetup };
    const last = this.deps.ctx.store.read((r) => lastStateEntry(r, this.agent?.username ?? ''));
    return {
      agent: { ...this.agent },
      state: last?.state ?? 'offline',
      reason: last?.reason ?? null,
      since: last?.at ?? null,
      needsSetup,
    };
  }

  /** The agent's state as logged (no catch-up). */
  status(r: SqlReader, agentId: string): AgentStatus {
    const last = lastStateEntry(r, agentId);
    return last ? { state: last.state, reason: last.reason } : { state: 'offline', reason: null };
  }

  /**
   * Moves `agentId` by `event` inside the caller's write. Returns the log
   * entry's sync change, or null when the state does not change (so a
   * repeated "ready" adds no line to attendance). Throws the machine's error.
   */
  moveInTx(w: SqlWriter, s: Stamp, agentId: string, event: AgentEvent, callId: string | null, at?: string): RowChange | null {
    const current = this.status(w, agentId);
    const reasons = readConsoleConfig(w).notReadyReasons.map((r) => r.code);
    const move = nextAgentState(current, event, reasons);
    if (!move.ok) throw new AppError(move.code, move.message);
    if (move.status.state === current.state && move.status.reason === current.reason && event.kind !== 'sign_in') return null;
    return appendStateInTx(this.deps.ctx, w, s, agentId, move.status, callId, at);
  }

  /**
   * At start: an agent still seated here means the app stopped without a
   * sign-out (a crash, a power cut, a killed process). Their state is
   * closed with `offline` at the last moment the app was known to run (the
   * heartbeat, or their last state change if later), so attendance does
   * not count the time the PC was off as time at the desk. They sign in
   * again as usual; a call they were on is picked up then.
   */
  recover(): void {
    const { ctx } = this.deps;
    const recovered = ctx.store.write((w) => {
      const seated = getMeta(w, META_SEATED);
      if (!seated) return false;
      setMeta(w, META_SEATED, '');
      const last = lastStateEntry(w, seated);
      if (!last || last.state === 'offline') return false;
      const alive = getMeta(w, META_ALIVE_AT);
      const at = alive !== undefined && alive > last.at ? alive : last.at;
      const s = stamp(ctx);
      const change = this.moveInTx(w, s, seated, { kind: 'sign_out' }, null, at);
      if (change) appendOutbox(w, s, { name: 'agent:signOut', entity: 'agent_state', entityId: change.id, changes: [change] });
      return change !== null;
    });
    if (recovered) this.deps.sync.localChange();
  }

  /** Remembers who sits here, and when the app last ran, for `recover` after a crash. */
  private seat(username: string | null): void {
    const { ctx } = this.deps;
    ctx.store.write((w) => {
      setMeta(w, META_SEATED, username ?? '');
      setMeta(w, META_ALIVE_AT, new Date(ctx.now()).toISOString());
    });
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (username === null || this.closed) return;
    this.heartbeat = setInterval(() => {
      try {
        ctx.store.write((w) => setMeta(w, META_ALIVE_AT, new Date(ctx.now()).toISOString()));
      } catch (e) {
        // a closing store: the next start recovers from the last beat that did land
        console.error('[desk] heartbeat failed', e);
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Announces the new state and (re)arms the after-call timer; call after the write is durable. */
  changed(): void {
    if (this.closed) return;
    this.deps.sync.localChange();
    this.arm();
    this.deps.emit('agent:state', this.view());
  }

  /**
   * After-call work past its limit: logs `ready` at the deadline's timestamp
   * (not when someone noticed), so attendance is exact after a sleep. Returns
   * true when it logged.
   */
  catchUp(): boolean {
    const agent = this.agent;
    if (!agent || this.closed) return false;
    const { ctx } = this.deps;
    const due = ctx.store.read((r) => {
      const last = lastStateEntry(r, agent.username);
      if (!last || last.state !== 'after_call') return null;
      const deadline = afterCallDeadline(last.at, readConsoleConfig(r).afterCallWorkSeconds);
      return ctx.now() >= deadline ? { deadline, callId: last.callId } : null;
    });
    if (!due) return false;
    ctx.store.write((w) => {
      const s = stamp(ctx);
      const change = this.moveInTx(w, s, agent.username, { kind: 'wrap_timeout' }, due.callId, new Date(due.deadline).toISOString());
      if (change) appendOutbox(w, s, { name: 'agent:setState', entity: 'agent_state', entityId: change.id, changes: [change] });
    });
    this.changed();
    return true;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const agent = this.agent;
    if (!agent) return;
    const { ctx } = this.deps;
    const deadline = ctx.store.read((r) => {
      const last = lastStateEntry(r, agent.username);
      return last?.state === 'after_call' ? afterCallDeadline(last.at, readConsoleConfig(r).afterCallWorkSeconds) : null;
    });
    if (deadline === null) return;
    // A core timer while the app runs; after a sleep the next session read catches up.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        try {
          if (!this.catchUp()) this.arm();
        } catch (e) {
          console.error('[desk] after-call timeout failed', e);
        }
      },
      Math.max(0, deadline - ctx.now()) + 50,
    );
    this.timer.unref();
  }

  /** Logs `event` for the desk agent in its own write (sign-in, sign-out, the agent's own choice). */
  private logOwn(agentId: string, event: AgentEvent, name: string, callId: string | null = null): void {
    const { ctx } = this.deps;
    ctx.store.write((w) => {
      const s = stamp(ctx);
      const change = this.moveInTx(w, s, agentId, event, callId);
      if (change) appendOutbox(w, s, { name, entity: 'agent_state', entityId: change.id, changes: [change] });
    });
    this.deps.sync.localChange();
  }

  /** A new desk agent: whoever sat here before is logged off first (a shared PC). */
  private begin(agent: DeskAgent): AgentSession {
    // The same person again (a second sign-in, a server sign-in after a standalone one): no offline/ready churn in attendance.
    if (this.agent && this.agent.username === agent.username) {
      this.agent = agent;
      this.refreshActor();
      this.changed();
      return this.view();
    }
    if (this.agent) this.end();
    this.agent = agent;
    this.refreshActor();
    this.seat(agent.username);
    // Back from a restart in the middle of a call: the call is still talking or held.
    const active = this.deps.ctx.store.read((r) => r.get<{ id: string }>("SELECT id FROM calls WHERE agent_id = ? AND status IN ('talking', 'held') ORDER BY ring_at DESC LIMIT 1", [agent.username]));
    // Agents and second line sign in to take calls; a supervisor or admin signing in to supervise or configure
    // is not sent calls (nor counted ready on the wallboard) until they choose ready.
    this.logOwn(agent.username, { kind: 'sign_in', takesCalls: TAKES_CALLS.includes(agent.role) }, 'agent:signIn');
    if (active) this.logOwn(agent.username, { kind: 'call_start' }, 'agent:signIn', active.id);
    this.changed();
    return this.view();
  }

  /** Logs the agent off; no server logout here (the caller decides). */
  private end(): void {
    const agent = this.agent;
    if (!agent) return;
    this.logOwn(agent.username, { kind: 'sign_out' }, 'agent:signOut');
    this.seat(null);
    this.agent = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.refreshActor();
  }

  /**
   * The password check of a sign-in and of a password change: throttled per
   * username (reserved before the asynchronous check, so parallel attempts
   * count), one message for an unknown user and a wrong password, and a
   * disabled account refused only after its password was right.
   */
  private async checkPassword(username: string, password: string, path?: string): Promise<NonNullable<ReturnType<typeof findAccountRow>>> {
    const { ctx } = this.deps;
    const locked = this.throttle.reserve(username, ctx.now());
    if (locked > 0) {
      // Said as it is: the password may well be right now; waiting is what helps.
      throw new AppError('ACCOUNT_LOCKED', `Too many failed sign-ins for ${username}: locked, try again in ${locked} s`, [{ path: 'username', code: 'locked', message: `Locked for ${locked} s`, limit: locked }]);
    }
    let row: ReturnType<typeof findAccountRow>;
    let good: boolean;
    try {
      row = ctx.store.read((r) => findAccountRow(r, username));
      good = await verifyPassword(password, row?.passwordHash ?? null);
    } catch (e) {
      this.throttle.release(username);
      throw e;
    }
    if (!row || !good) {
      this.throttle.fail(username, ctx.now());
      throw new AppError('BAD_CREDENTIALS', SAME_MESSAGE, path ? [{ path, code: 'bad_credentials', message: SAME_MESSAGE }] : undefined);
    }
    // Only after the password: a disabled account's existence is no secret to someone who knows its password.
    if (row.disabledAt !== null) {
      this.throttle.release(username);
      throw new AppError('ACCOUNT_DISABLED', `The account ${row.username} is disabled; ask an admin to enable it`);
    }
    this.throttle.succeed(username);
    return row;
  }

  async signIn(username: string, password: string): Promise<AgentSession> {
    const row = await this.checkPassword(username, password);
    // A reset password signs nobody in: the only way on is agent:changePassword (with this same password as the old one).
    if (row.mustChange === 1) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', `The password of ${row.username} was reset: choose a new password to sign in`, [
        { path: 'newPassword', code: 'password_change_required', message: 'Choose a new password' },
      ]);
    }
    return this.begin({ username: row.username, displayName: row.displayName, role: row.role as DeskAgent['role'], team: row.team, source: 'local' });
  }

  /**
   * Changes a standalone account's password, the old one required (the same
   * throttle as a sign-in guards it), then signs that account in: the way
   * through a forced change, and how anyone changes their own password.
   * Audited on this PC; a reset's "must change" is cleared.
   */
  async changePassword(input: ChangePasswordInput): Promise<AgentSession> {
    const { ctx } = this.deps;
    const { username, oldPassword, newPassword } = input;
    const row = await this.checkPassword(username, oldPassword, 'oldPassword');
    const problem = newPasswordProblem(row.username, oldPassword, newPassword);
    if (problem) throw new AppError('VALIDATION_FAILED', problem.message, [problem]);
    const hash = await hashPassword(newPassword);
    const name = row.username;
    const forced = row.mustChange === 1;
    const account = ctx.store.write((w) => {
      const after = setPasswordInTx(w, name, hash, false);
      auditAccount(w, { id: ctx.newId(), at: new Date(ctx.now()).toISOString(), actorId: name, action: 'account.password_change', username: name, detail: { forced } });
      return after;
    });
    return this.begin({ username: account.username, displayName: account.displayName, role: account.role, team: account.team, source: 'local' });
  }

  /** An admin reset or disabled `username`: if they sit here, they leave the desk now. */
  endIfSeated(username: string): void {
    if (this.agent?.source === 'local' && this.agent.username.toLowerCase() === username.toLowerCase()) {
      this.end();
      this.deps.emit('agent:state', this.view());
    }
  }

  async setup(input: AccountInput): Promise<AgentSession> {
    if (input.role !== 'admin') {
      throw new AppError('VALIDATION_FAILED', 'The first account of a PC is its admin', [{ path: 'role', code: 'admin_required', message: 'The first account must have the role admin' }]);
    }
    if (!this.needsSetup()) throw new AppError('SETUP_DONE', 'This PC already has accounts; sign in, or ask an admin to add yours');
    const hash = await hashPassword(input.password);
    const { ctx } = this.deps;
    const account = ctx.store.write((w) => {
      // Checked again inside the write: two first-run windows must not both create an admin.
      if (countAccounts(w) > 0) throw new AppError('SETUP_DONE', 'This PC already has accounts; sign in, or ask an admin to add yours');
      return insertAccount(w, input, hash, new Date(ctx.now()).toISOString());
    });
    return this.begin({ username: account.username, displayName: account.displayName, role: account.role, team: account.team, source: 'local' });
  }

  /**
   * Pushes what is queued while the leaving agent's server session still
   * exists: the server accepts an agent's state lines only from that agent,
   * so the `offline` line must not wait for the next person's session.
   * Best effort and bounded: offline, it stays queued (and is refused later,
   * visible in the sync problems).
   */
  private async flush(): Promise<void> {
    const { sync } = this.deps;
    if (sync.status().state === 'signed_out' || !sync.currentUser()) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
      timer.unref();
    });
    const round = sync.syncNow().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([round, timeout]);
    if (timer) clearTimeout(timer);
  }

  /**
   * Before someone signs in to the server at this desk: a different agent
   * still seated here is logged off first, with their own session, so their
   * `offline` line is theirs on the server too.
   */
  async beforeServerSignIn(username: string): Promise<void> {
    const seated = this.agent;
    if (!seated || seated.username.toLowerCase() === username.toLowerCase()) return;
    this.end();
    if (seated.source === 'server') await this.flush();
    this.deps.emit('agent:state', this.view());
  }

  /** Logs `offline`, ends the desk session and any server session. */
  async signOut(): Promise<AgentSession> {
    this.end();
    if (this.deps.sync.currentUser()) {
      await this.flush();
      await this.deps.sync.logout();
    }
    this.refreshActor();
    this.deps.emit('agent:state', this.view());
    return this.view();
  }

  /** sync:login succeeded: the server's user is the desk agent. */
  serverSignedIn(user: SessionUser | null): void {
    if (!user) return;
    this.begin({ username: user.username, displayName: user.username, role: user.role, team: user.team, source: 'server' });
  }

  /** sync:logout: a server-signed agent leaves the desk too; a standalone one stays. */
  serverSignedOut(): void {
    if (this.agent?.source !== 'server') return;
    this.end();
    this.deps.emit('agent:state', this.view());
  }

  /**
   * Throws what setState would throw, without writing: a phone command for a
   * state the console would then refuse is never sent (phone commands, issue 14).
   */
  checkState(state: 'ready' | 'not_ready', reason: string | undefined, pendingWrapUp: (r: SqlReader, agentId: string) => boolean): void {
    this.catchUp();
    const agent = this.requireAgent();
    this.deps.ctx.store.read((r) => {
      const reasons = readConsoleConfig(r).notReadyReasons.map((x) => x.code);
      const move = nextAgentState(this.status(r, agent.username), { kind: 'set', state, reason, pendingWrapUp: pendingWrapUp(r, agent.username) }, reasons);
      if (!move.ok) throw new AppError(move.code, move.message);
    });
  }

  setState(state: 'ready' | 'not_ready', reason: string | undefined, pendingWrapUp: (r: SqlReader, agentId: string) => boolean): AgentSession {
    this.catchUp();
    const agent = this.requireAgent();
    const { ctx } = this.deps;
    ctx.store.write((w) => {
      const s = stamp(ctx);
      const change = this.moveInTx(w, s, agent.username, { kind: 'set', state, reason, pendingWrapUp: pendingWrapUp(w, agent.username) }, null);
      if (change) appendOutbox(w, s, { name: 'agent:setState', entity: 'agent_state', entityId: change.id, changes: [change] });
    });
    this.changed();
    return this.view();
  }

  /** The app is quitting: the seated agent is logged off now, as at a sign-out (the server session stays for the next start). */
  close(): void {
    if (!this.closed && this.agent) {
      try {
        this.end();
      } catch (e) {
        // the store refused (already closing): `recover` closes the state at the next start instead
        console.error('[desk] sign-out at close failed', e);
      }
    }
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
