import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { DomainContext } from '../domain/context.js';
import type { SyncEngine } from '../sync/engine.js';
import type { DeskHandlers } from './channels.js';
import type { DeskIdentity } from './identity.js';
import { notBuilt } from './notBuilt.js';

export interface DeskDeps {
  ctx: DomainContext;
  sync: SyncEngine;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** the local call-event endpoint; false: not started (CLI, unit tests) */
  cti: { port: number; host?: string } | false;
}

export interface AgentDesk {
  handlers: DeskHandlers;
  identity: DeskIdentity;
  close(): Promise<void>;
}

/** IN PROGRESS (issue 5): sign-in, agent state, calls, CTI, drafts, configuration. */
export function createAgentDesk(deps: DeskDeps): AgentDesk {
  void deps;
  return { handlers: notBuilt<DeskHandlers>((c) => /^(agent|accounts|calls|cti|drafts|config):/.test(c)), identity: { current: () => null }, close: () => Promise.resolve() };
}
