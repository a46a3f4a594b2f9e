import { expect } from 'vitest';
import type { Mutation, MutationResult, PulledRow, PullResponse, PushResponse } from '../../../shared/sync/protocol.js';
import { type Api, type Reply, hlc, ticketValues, uniq } from '../helpers.js';

/*
 * What the security review did, as test helpers: raw pushes exactly as
 * written (no helper fills in the pushing user's name), and the values of
 * the records the attacks forge.
 */

export type Rejected = Extract<MutationResult, { status: 'rejected' }>;
export const TS = '2026-01-05T09:00:00.000Z';

let nextId = 1_000_000;
/** A raw mutation: ids from a range the other suites do not use. */
export function m(changes: Mutation['args']['changes'], at: string, name = 'tickets:update', mutationId = nextId++): Mutation {
  return { mutationId, name, hlc: at, args: { changes } };
}

/** POST /sync/push with the body as given (nothing filled in). */
export function raw(api: Api, clientId: string, mutations: Mutation[]): Promise<Reply<PushResponse>> {
  return api.post<PushResponse>('/sync/push', { clientId, mutations });
}

/** The first result of a one-mutation push, which must have been answered 200. */
export async function one(api: Api, clientId: string, mutation: Mutation): Promise<MutationResult> {
  const r = await raw(api, clientId, [mutation]);
  expect(r.status, r.text).toBe(200);
  return r.body.results[0] as MutationResult;
}

export function code(r: MutationResult): string | undefined {
  return (r as Rejected).error?.code;
}

export async function pullAll(api: Api, cursor = 0): Promise<PulledRow[]> {
  const rows: PulledRow[] = [];
  for (;;) {
    const r = await api.get<PullResponse>(`/sync/pull?cursor=${cursor}&limit=5000`);
    expect(r.status).toBe(200);
    rows.push(...r.body.rows);
    cursor = r.body.cursor;
    if (!r.body.more) return rows;
  }
}

/** Every row as `entity/id` -> values JSON, to compare a store before and after an attack. */
export async function snapshot(api: Api): Promise<Map<string, string>> {
  return new Map((await pullAll(api)).map((r) => [`${r.entity}/${r.id}`, JSON.stringify(r.values)]));
}

let counter = 0;
/** A clock `ms` from now on `node`; each call later than the one before within the same millisecond. */
export const now = (node: string, ms = 0): string => hlc(Date.now() + ms, node, (counter = (counter + 1) % 0xffff));

export function customer(name = 'Ann Lee'): Record<string, unknown> {
  return { name, organisation: null, address: null, createdAt: TS, updatedAt: TS };
}

export function ticket(customerId: string, createdBy: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  // The ordinary ticket of the server suites, with a unique number and the given author.
  return ticketValues(customerId, { no: `GD20260105-${uniq('N').slice(2, 8).toUpperCase()}`, createdBy, ...over });
}

export function history(ticketId: string, actorId: string, clock: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticketId, at: TS, actorId, action: 'transition', changes: '{"status":{"from":"in_progress","to":"closed"}}', note: null, hlc: clock, ...over };
}

export function agentState(agentId: string, clock: string, state = 'ready'): Record<string, unknown> {
  return { agentId, state, reason: null, at: new Date().toISOString(), callId: null, hlc: clock };
}

export function article(authorId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Printer shows offline',
    body: 'Power-cycle the printer, then re-add it.',
    product: null,
    category: 'printing',
    tags: '["printer"]',
    status: 'draft',
    authorId,
    createdAt: TS,
    updatedAt: TS,
    publishedAt: null,
    sourceTicketId: null,
    ...over,
  };
}

export function version(articleId: string, editorId: string, clock: string, status = 'draft'): Record<string, unknown> {
  return {
    articleId,
    title: 'Printer shows offline',
    body: 'Power-cycle the printer, then re-add it.',
    product: null,
    category: 'printing',
    tags: '["printer"]',
    status,
    editorId,
    at: TS,
    note: null,
    changedFields: '["status"]',
    hlc: clock,
  };
}

export function vote(articleId: string, voterId: string, clock: string): Record<string, unknown> {
  return { articleId, voterId, vote: 'helpful', at: TS, hlc: clock };
}

/** A customer and a ticket created by `api` (whose username is `by`), applied. */
export async function newTicket(api: Api, by: string, client: string): Promise<{ customerId: string; ticketId: string; no: string }> {
  const customerId = uniq('c');
  const ticketId = uniq('t');
  const values = ticket(customerId, by);
  const r = await one(api, client, m([{ entity: 'customer', id: customerId, values: customer() }, { entity: 'ticket', id: ticketId, values }], now(client), 'tickets:create'));
  expect(r.status, JSON.stringify(r)).toBe('applied');
  return { customerId, ticketId, no: values.no as string };
}
