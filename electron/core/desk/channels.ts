import type { Handlers } from '../../../shared/contract.js';
import type { CoreChannel } from '../api.js';

/** Channels served by the agent desk (desk.ts): sign-in and state, accounts, calls and CTI, drafts, configuration. */
export type DeskChannel = Extract<CoreChannel, `agent:${string}` | `accounts:${string}` | `calls:${string}` | `cti:${string}` | `directory:${string}` | `drafts:${string}` | `config:${string}`>;

/** Channels served by ticket work (work.ts): hand-offs, work orders, contacts, similar tickets, callbacks, follow-ups, my day. */
export type WorkChannel = Extract<
  CoreChannel,
  'tickets:handoff' | 'tickets:handoffs' | 'tickets:recordContact' | 'tickets:similar' | `handoffs:${string}` | `workOrders:${string}` | `callbacks:${string}` | `followUps:${string}` | 'myDay:get' | `notes:${string}`
>;

export type DeskHandlers = Handlers<DeskChannel>;
export type WorkHandlers = Handlers<WorkChannel>;
