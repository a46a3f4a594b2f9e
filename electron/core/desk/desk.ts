import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { CtiInfo } from '../../../shared/desk/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Actor } from '../../../shared/roles.js';
import type { SessionUser } from '../../../shared/sync/protocol.js';
import type { DomainContext } from '../domain/context.js';
import type { SyncEngine } from '../sync/engine.js';
import { randomBytes } from 'node:crypto';
import { temporaryPasswordFrom } from '../../../shared/admin/accounts.js';
import { auditAccount, hashPassword, insertAccount, listAccountAudit, listAccounts, setAccountDisabled, setPasswordInTx, updateAccountInTx } from './accounts.js';
import { currentAgentStates, listStateLog, type AgentCurrentState } from './agentLog.js';
import { callsForTicket, createCallService, currentCall, getCall, listCalls, waitingCalls, type CallAfterWrite } from './calls.js';
import { readDirectory } from './directory.js';
import { listMissed, settleMissed } from './missed.js';
import type { DeskHandlers } from './channels.js';
import { readConsoleConfig, writeConsoleConfigInTx } from './config.js';
import { PhoneConnector } from './callControl.js';
import { createPhoneHandlers } from './phoneCommands.js';
import { MemorySecretStore, type SecretStore } from './secrets.js';
import { SoftphoneSettings } from './softphone.js';
import { ensureCtiToken, regenerateCtiToken, startCtiEndpoint, type CtiEndpoint } from './cti.js';
import { discardDraftInTx, getDraft, listDrafts, saveDraftInTx } from './drafts.js';
import type { DeskIdentity } from './identity.js';
import { screenPop } from './screenPop.js';
import { DeskSession } from './session.js';
// ---- teams, seats and skills (issue 16 point 1)
import { ensureTeamRecord, followAccountTeam } from '../teams/records.js';

export interface DeskDeps {
  ctx: DomainContext;
  sync: SyncEngine;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** the local call-event endpoint; false: not started (CLI, unit tests) */
  cti: { port: number; host?: string } | false;
  /** who acts while nobody is signed in (CoreOptions.actorId); default: ctx.actorId at creation */
  localActorId?: string;
  /** where the call-control connector's token is kept (never the database); default: memory */
  secrets?: SecretStore;
  /** the phone commands' HTTP client and timeout (tests) */
  phone?: { fetch?: typeof fetch; timeoutMs?: number };
}

export interface AgentDesk {
  handlers: DeskHandlers;
  identity: DeskIdentity;
  /** rights checks: the desk agent, else the server user, else the PC's operator as admin */
  actor(): Actor;
  /** starts the call-event endpoint (never throws: cti:info reports a failure) */
  start(): Promise<void>;
  /** before sync:login: another agent still seated here is logged off (and their lines pushed) first */
  beforeServerSignIn(username: string): Promise<void>;
  /** sync:login succeeded / sync:logout: the server's user sits at the desk, or leaves it */
  serverSignedIn(user: SessionUser | null): void;
  serverSignedOut(): void;
  /** the current state of every agent in this PC's log (the CLI's `agent state`) */
  agentStates(agentId?: string): AgentCurrentState[];
  close(): Promise<void>;
}

const SUPERVISING: readonly string[] = ['supervisor', 'admin'];

/**
 * The agent desk (issue 5): sign-in and accounts, agent state, calls and
 * the CTI endpoint, screen-pop, ticket drafts and the console configuration.
 * Every write is one store.write (rows + outbox); events fire after it is durable.
 */
export function createAgentDesk(deps: DeskDeps): AgentDesk {
  const { ctx, sync, emit } = deps;
  const { store } = ctx;
  const localActorId = deps.localActorId ?? ctx.actorId;
  const session = new DeskSession({ ctx, sync, emit, localActorId });
  session.recover();
  let endpoint: CtiEndpoint | null = null;
  let startError: string | null = null;
  let ctiToken = ensureCtiToken(store);

  const deskAgentId = (): string => session.current()?.username ?? ctx.actorId;

  function afterCallWrite(result: CallAfterWrite): void {
    sync.localChange();
    const agent = session.current();
    if (agent && result.call.agentId === agent.username) emit('calls:current', store.read((r) => currentCall(r, agent.username)));
    emit('console:changed', { kinds: result.callbackDone ? ['calls', 'callbacks'] : ['calls'], origin: 'local' });
    if (result.agentChanged) session.changed();
  }

  const calls = createCallService({ ctx, session, afterWrite: afterCallWrite });
  const connector = new PhoneConnector({ store, secrets: deps.secrets ?? new MemorySecretStore(), now: ctx.now, newId: ctx.newId, ...(deps.phone?.fetch ? { fetch: deps.phone.fetch } : {}), ...(deps.phone?.timeoutMs ? { timeoutMs: deps.phone.timeoutMs } : {}) });
  const phone = createPhoneHandlers({ ctx, session, calls, connector, emit });
  const softphone = new SoftphoneSettings({ store, secrets: deps.secrets ?? new MemorySecretStore() });

  /** Agents read their own calls and states; supervisors and admins anyone's. */
  function assertMayRead(agentId: string | undefined, what: string): string | undefined {
    const actor = session.actor();
    if (SUPERVISING.includes(actor.role)) return agentId;
    if (agentId && agentId !== actor.username) throw new AppError('FORBIDDEN', `A ${actor.role} sees their own ${what} only; ${agentId}'s are for supervisors`);
    return actor.username;
  }

  function ctiInfo(): CtiInfo {
    const admin = session.actor().role === 'admin';
    if (deps.cti === false) return { running: false, url: null, port: 0, token: admin ? ctiToken : null, error: startError ?? 'The call-event endpoint is not started in this program (only the workstation app and the preview start it)' };
    const running = endpoint?.running ?? false;
    const port = endpoint?.port ?? deps.cti.port;
    return { running, url: running ? `http://127.0.0.1:${port}/call-events` : null, port, token: admin ? ctiToken : null, error: running ? null : (endpoint?.error ?? startError ?? 'Starting…') };
  }

  const handlers: DeskHandlers = {
    'agent:session': () => session.session(),
    'agent:signIn': (req) => session.signIn(req.username, req.password),
    'agent:signOut': () => session.signOut(),
    'agent:setup': (req) => session.setup(req),
    'agent:setState': phone['agent:setState'],
    'agent:stateLog': (req) => {
      session.catchUp();
      const agentId = assertMayRead(req.agentId, 'state log');
      return store.read((r) => listStateLog(r, { agentId, from: req.from, to: req.to, limit: req.limit }));
    },

    'accounts:list': () => {
      session.requireAdmin('list the accounts of this PC');
      return store.read((r) => listAccounts(r));
    },
    'accounts:create': async (req) => {
      session.requireAdmin('add accounts');
      const hash = await hashPassword(req.password);
      // Checked again after the (slow) hash: the session may have changed meanwhile.
      session.requireAdmin('add accounts');
      const actorId = session.actor().username;
      const account = store.write((w) => {
        const created = insertAccount(w, req, hash, new Date(ctx.now()).toISOString());
        // issue 16: the account's team is a team record from now on
        ensureTeamRecord(w, ctx, created.team, actorId);
        return created;
      });
      sync.localChange();
      return account;
    },
    'accounts:setDisabled': (req) => {
      session.requireAdmin('enable or disable accounts');
      const me = session.current();
      if (req.disabled && me && me.source === 'local' && me.username.toLowerCase() === req.username.toLowerCase()) {
        throw new AppError('FORBIDDEN', 'You cannot disable the account you are signed in with');
      }
      const account = store.write((w) => setAccountDisabled(w, req.username, req.disabled, new Date(ctx.now()).toISOString()));
      return account;
    },
    // ---- issue 16 point 1: reset, role and team, audit (the own change is agent:changePassword)
    'accounts:resetPassword': async (req) => {
      session.requireAdmin('reset passwords');
      const me = session.current();
      if (me && me.source === 'local' && me.username.toLowerCase() === req.username.toLowerCase()) {
        throw new AppError('FORBIDDEN', 'Change your own password with your old one (agent:changePassword), not by a reset', [{ path: 'username', code: 'own_account', message: 'This is your own account' }]);
      }
      const temporaryPassword = req.temporaryPassword ?? temporaryPasswordFrom(randomBytes(16));
      const hash = await hashPassword(temporaryPassword);
      // Checked again after the (slow) hash: the session may have changed meanwhile.
      session.requireAdmin('reset passwords');
      const actorId = session.actor().username;
      const account = store.write((w) => {
        const after = setPasswordInTx(w, req.username, hash, true);
        auditAccount(w, { id: ctx.newId(), at: new Date(ctx.now()).toISOString(), actorId, action: 'account.password_reset', username: after.username, detail: { generated: req.temporaryPassword === undefined } });
        return after;
      });
      // Nobody keeps a session under a reset password.
      session.endIfSeated(account.username);
      return { account, temporaryPassword };
    },
    'accounts:update': (req) => {
      session.requireAdmin('change roles and teams');
      const actorId = session.actor().username;
      const updated = store.write((w) => {
        const { before, after } = updateAccountInTx(w, req.username, { ...(req.role ? { role: req.role } : {}), ...(req.team !== undefined ? { team: req.team } : {}) });
        ensureTeamRecord(w, ctx, after.team, actorId);
        if (req.team !== undefined) followAccountTeam(w, ctx, after.username, after.team, actorId);
        auditAccount(w, {
          id: ctx.newId(),
          at: new Date(ctx.now()).toISOString(),
          actorId,
          action: 'account.update',
          username: after.username,
          detail: { role: { from: before.role, to: after.role }, team: { from: before.team, to: after.team } },
        });
        return after;
      });
      sync.localChange();
      return updated;
    },
    'accounts:audit': () => {
      session.requireAdmin('read the account audit');
      return store.read((r) => listAccountAudit(r));
    },
    'agent:changePassword': (req) => session.changePassword(req),

    'calls:current': () => {
      session.catchUp();
      const agent = session.requireAgent();
      return store.read((r) => currentCall(r, agent.username));
    },
    // Phone commands first when a connector is configured; the manual console otherwise (phoneCommands.ts).
    'calls:start': phone['calls:start'],
    'calls:answer': phone['calls:answer'],
    'calls:hold': phone['calls:hold'],
    'calls:resume': phone['calls:resume'],
    'calls:hangup': phone['calls:hangup'],
    'calls:wrapUp': phone['calls:wrapUp'],
    'calls:link': (req) => calls.link(req.callId, req.ticketId),
    'calls:get': (req) => store.read((r) => getCall(r, req.id)),
    'calls:list': (req) => {
      const agentId = assertMayRead(req.agentId, 'calls');
      return store.read((r) => listCalls(r, { today: req.today, agentId, limit: req.limit, offset: req.offset }, ctx.now()));
    },
    'calls:forTicket': (req) => store.read((r) => callsForTicket(r, req.ticketId)),
    'directory:list': () => {
      session.requireAgent();
      return store.read((r) => readDirectory(r));
    },
    'calls:waiting': () => {
      const agent = session.requireAgent();
      return store.read((r) => waitingCalls(r, agent.username));
    },
    'calls:missed': () => {
      const agent = session.requireAgent();
      return store.read((r) => listMissed(r, agent.username, ctx.now()));
    },
    'calls:settleMissed': (req) => {
      const agent = session.requireAgent();
      const n = settleMissed(ctx, agent.username, req.key);
      sync.localChange();
      emit('console:changed', { kinds: ['calls'], origin: 'local' });
      return n;
    },
    'calls:screenPop': (req) => store.read((r) => screenPop(r, req.number, ctx.now())),

    'cti:info': () => ctiInfo(),
    'cti:regenerateToken': () => {
      session.requireAdmin('issue a new call-event token');
      // The old token stops working at once: the connector must be given the new one.
      ctiToken = regenerateCtiToken(store);
      return ctiInfo();
    },
    'cti:connector': () => {
      session.requireAdmin('see the call-control connector');
      return connector.info();
    },
    'cti:setConnector': (req) => {
      session.requireAdmin('configure the call-control connector');
      return connector.set(req);
    },
    'cti:clearConnector': () => {
      session.requireAdmin('remove the call-control connector');
      return connector.clear();
    },
    // Embedded softphone (issue 19): its SIP events are call events like the CTI endpoint's.
    'cti:softphone': () => {
      session.requireAdmin('see the softphone settings');
      return softphone.info();
    },
    'cti:setSoftphone': (req) => {
      session.requireAdmin('configure the softphone');
      return softphone.set(req);
    },
    'cti:clearSoftphone': () => {
      session.requireAdmin('remove the softphone');
      return softphone.clear();
    },
    'cti:softphoneAccount': () => {
      session.requireAgent();
      return softphone.account();
    },
    'cti:softphoneEvent': (req) => {
      session.requireAgent();
      return calls.event(req);
    },

    'drafts:get': (req) => store.read((r) => getDraft(r, deskAgentId(), req.key)),
    'drafts:save': (req) => {
      const draft = store.write((w) => saveDraftInTx(w, deskAgentId(), req.key, req.fields, new Date(ctx.now()).toISOString()));
      emit('console:changed', { kinds: ['drafts'], origin: 'local' });
      return draft;
    },
    'drafts:discard': (req) => {
      const agentId = deskAgentId();
      const had = store.read((r) => getDraft(r, agentId, req.key)) !== null;
      if (!had) return { discarded: false };
      store.write((w) => discardDraftInTx(w, agentId, req.key));
      emit('console:changed', { kinds: ['drafts'], origin: 'local' });
      return { discarded: true };
    },
    'drafts:list': () => store.read((r) => listDrafts(r, deskAgentId())),

    'config:get': () => store.read((r) => readConsoleConfig(r)),
    'config:set': (req) => {
      session.requireAdmin('change the console configuration');
      const config = store.write((w) => writeConsoleConfigInTx(ctx, w, req));
      sync.localChange();
      emit('console:changed', { kinds: ['config'], origin: 'local' });
      // A shorter after-call limit may already have passed.
      session.catchUp();
      session.changed();
      return config;
    },
  };

  return {
    handlers,
    identity: session,
    actor: () => session.actor(),
    async start() {
      await connector.init();
      await softphone.init();
      if (deps.cti === false || endpoint) return;
      try {
        endpoint = await startCtiEndpoint({
          port: deps.cti.port,
          host: deps.cti.host,
          token: () => ctiToken,
          sink: calls,
          log: (m) => console.warn(`[cti] ${m}`),
        });
        if (endpoint.error) console.warn(`[cti] ${endpoint.error}`);
      } catch (e) {
        startError = (e as Error).message;
      }
    },
    beforeServerSignIn: (username) => session.beforeServerSignIn(username),
    serverSignedIn: (user) => session.serverSignedIn(user),
    serverSignedOut: () => session.serverSignedOut(),
    agentStates: (agentId) => store.read((r) => currentAgentStates(r, ctx.now(), readConsoleConfig(r).afterCallWorkSeconds, agentId)),
    async close() {
      session.close();
      await endpoint?.close();
    },
  };
}
