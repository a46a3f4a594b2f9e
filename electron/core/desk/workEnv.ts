import type { EventName, EventPayload } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { DomainContext } from '../domain/context.js';
import type { DeskIdentity } from './identity.js';

/** What the ticket-work services share: the store context, who acts, and the events to raise after durable writes. */
export interface WorkEnv {
  ctx: DomainContext;
  identity: DeskIdentity;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  onTickets: (ids: string[]) => void;
}

export type ConsoleKind = EventPayload<'console:changed'>['kinds'][number];

/** Who acts: the desk agent, or (nobody signed in: the CLI, tests) the host's operator with the PC admin's rights. */
export interface Acting {
  username: string;
  role: Role;
  team: string | null;
  /** false: nobody is signed in at the desk */
  signedIn: boolean;
}

export function acting(env: WorkEnv): Acting {
  const agent = env.identity.current();
  if (agent) return { username: agent.username, role: agent.role, team: agent.team, signedIn: true };
  return { username: env.ctx.actorId, role: 'admin', team: null, signedIn: false };
}

const RANK: Record<Role, number> = { agent: 0, senior: 1, supervisor: 2, admin: 3 };
/** `role` is `least` or above (agent < senior < supervisor < admin). */
export function atLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

export function consoleChanged(env: WorkEnv, kinds: ConsoleKind[]): void {
  env.emit('console:changed', { kinds, origin: 'local' });
}

export function notFound(code: 'HANDOFF_NOT_FOUND' | 'WORK_ORDER_NOT_FOUND' | 'CALLBACK_NOT_FOUND' | 'FOLLOW_UP_NOT_FOUND' | 'NOT_FOUND', what: string, id: string, path = 'id'): AppError {
  return new AppError(code, `No ${what} with id ${id}`, [{ path, code: code.toLowerCase(), message: `No ${what} with id ${id}` }]);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
