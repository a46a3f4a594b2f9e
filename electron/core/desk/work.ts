import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { DomainContext } from '../domain/context.js';
import type { TicketService } from '../domain/tickets.js';
import type { WorkHandlers } from './channels.js';
import type { DeskIdentity } from './identity.js';
import { notBuilt } from './notBuilt.js';

export interface WorkDeps {
  ctx: DomainContext;
  identity: DeskIdentity;
  tickets: TicketService;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** after a durable write of tickets (sync wake-up + tickets:changed) */
  onTickets: (ids: string[]) => void;
  /** reminders (SLA, callbacks, follow-ups) are checked on this period; 0: never (CLI, unit tests) */
  reminderIntervalMs: number;
}

export interface TicketWork {
  handlers: WorkHandlers;
  close(): void;
}

/** IN PROGRESS (issue 5): hand-offs, work orders, contacts, SLA, callbacks, follow-ups, my day. */
export function createTicketWork(deps: WorkDeps): TicketWork {
  void deps;
  return { handlers: notBuilt<WorkHandlers>((c) => /^(handoffs|workOrders|callbacks|followUps|myDay):/.test(c) || ['tickets:handoff', 'tickets:handoffs', 'tickets:recordContact', 'tickets:similar'].includes(c)), close: () => undefined };
}
