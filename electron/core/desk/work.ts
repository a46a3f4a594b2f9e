import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { Reminder } from '../../../shared/desk/schema.js';
import type { DomainContext } from '../domain/context.js';
import type { TicketService } from '../domain/tickets.js';
import { cancelCallback, completeCallback, listCallbacks, scheduleCallback, takeCallback } from './callbacks.js';
import type { WorkHandlers } from './channels.js';
import { recordContact } from './contacts.js';
import { listFollowUps, recordFollowUp } from './followUps.js';
import { answerHandoff, handoff, handoffQueue, handoffsOfTicket } from './handoffs.js';
import type { DeskIdentity } from './identity.js';
import { myDay } from './myDay.js';
import { addNote, notesOfTicket } from './notes.js';
import { dueReminders, ReminderLog } from './reminders.js';
import { SimilarTermsCache, similarTickets } from './similar.js';
import { acting, consoleChanged, type Acting, type WorkEnv } from './workEnv.js';
import type { SqlReader } from '../store/types.js';
import { listWorkOrders, updateWorkOrder, workOrdersOfTicket } from './workOrders.js';

export interface WorkDeps {
  ctx: DomainContext;
  identity: DeskIdentity;
  tickets: TicketService;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** after a durable write of tickets (sync wake-up + tickets:changed) */
  onTickets: (ids: string[]) => void;
  /** reminders (SLA, callbacks, follow-ups) are checked on this period; 0: never (CLI, unit tests) */
  reminderIntervalMs: number;
  /** reminders other domains raise for the agent at the desk (a fixed defect on my ticket), checked with the desk's own */
  moreReminders?: (r: SqlReader, me: Acting) => Reminder[];
}

export interface TicketWork {
  handlers: WorkHandlers;
  /** one reminder check now: emits (and returns) what is newly due for the agent at the desk */
  checkReminders(): Reminder[];
  close(): void;
}

/**
 * Ticket work (issue 5): hand-offs and work orders, progress contacts, SLA
 * clocks, callbacks, follow-ups, similar solved tickets, my day and the
 * reminders. Every write is one store transaction (rows, ticket history,
 * outbox); events follow the durable write.
 */
export function createTicketWork(deps: WorkDeps): TicketWork {
  const { ctx } = deps;
  const env: WorkEnv = { ctx, identity: deps.identity, emit: deps.emit, onTickets: deps.onTickets };
  // tickets:create discards the desk agent's draft; tickets:transition to resolved creates follow-ups.
  deps.tickets.attachDesk({ identity: deps.identity, onConsole: (kinds) => consoleChanged(env, kinds) });
  const similarCache = new SimilarTermsCache();
  const read = <T>(fn: Parameters<typeof ctx.store.read<T>>[0]): T => ctx.store.read(fn);

  const handlers: WorkHandlers = {
    'tickets:handoff': (req) => handoff(env, req),
    'tickets:handoffs': (req) => read((r) => handoffsOfTicket(r, req.ticketId)),
    'handoffs:answer': (req) => answerHandoff(env, req),
    'handoffs:queue': (req) => read((r) => handoffQueue(r, req, ctx.now(), acting(env))),
    'workOrders:forTicket': (req) => read((r) => workOrdersOfTicket(r, req.ticketId, ctx.now())),
    'workOrders:list': (req) => read((r) => listWorkOrders(r, req, ctx.now())),
    'workOrders:update': (req) => updateWorkOrder(env, req),
    'tickets:recordContact': (req) => recordContact(env, req),
    'tickets:similar': (req) => read((r) => similarTickets(r, req, similarCache)),
    'callbacks:schedule': (req) => scheduleCallback(env, req),
    'callbacks:list': (req) => read((r) => listCallbacks(r, acting(env), req, ctx.now())),
    'callbacks:take': (req) => takeCallback(env, req.id),
    'callbacks:complete': (req) => completeCallback(env, req),
    'callbacks:cancel': (req) => cancelCallback(env, req.id, req.reason),
    'followUps:list': (req) => read((r) => listFollowUps(r, acting(env), req)),
    'followUps:record': (req) => recordFollowUp(env, req),
    'myDay:get': () => read((r) => myDay(r, acting(env), ctx.now())),
    'notes:list': (req) => read((r) => notesOfTicket(r, req.ticketId)),
    'notes:add': (req) => addNote(env, req),
  };

  const log = new ReminderLog();
  let closed = false;
  function checkReminders(): Reminder[] {
    if (closed) return [];
    const me = acting(env);
    const fresh = log.fresh(me.username, read((r) => [...dueReminders(r, me, ctx.now()), ...(deps.moreReminders?.(r, me) ?? [])]));
    for (const reminder of fresh) deps.emit('reminder', reminder);
    return fresh;
  }
  let timer: ReturnType<typeof setInterval> | null = null;
  if (deps.reminderIntervalMs > 0) {
    timer = setInterval(() => {
      try {
        checkReminders();
      } catch (e) {
        // A failed check (store closing, a damaged row) must not stop the next one.
        console.error('[work] reminder check failed', e);
      }
    }, deps.reminderIntervalMs);
    timer.unref();
  }

  return {
    handlers,
    checkReminders,
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
