import { z } from 'zod';
import { CustomerSchema, CustomerSearchSchema } from './customers/schema.js';
import {
  ArticleInputSchema,
  ArticleSchema,
  ArticleTransitionSchema,
  ArticleUpdateSchema,
  ArticleVersionSchema,
  KbDemoResultSchema,
  KbFacetsSchema,
  KbHitSchema,
  KbRebuildResultSchema,
  KbSearchQuerySchema,
  KbSearchResultSchema,
  KbSuggestQuerySchema,
  KbUseSchema,
  KbVoteSchema,
  TicketArticleLinkSchema,
} from './kb/schema.js';
import { AppInfoSchema, UiSettingsPatchSchema, UiSettingsSchema } from './settings.js';
import { StoreReportSchema } from './store.js';
import { SyncLoginRequestSchema, SyncProblemSchema, SyncResolveRequestSchema, SyncRoundSchema, SyncStatusSchema } from './sync/status.js';
import {
  IdSchema,
  TicketDetailSchema,
  TicketInputSchema,
  TicketListQuerySchema,
  TicketPageSchema,
  TicketTransitionSchema,
  TicketUpdateSchema,
} from './tickets/schema.js';
import type { Result } from './result.js';

const Empty = z.strictObject({});

/**
 * THE IPC contract. Every transport (Electron IPC, the core worker's message
 * port, the browser-preview WebSocket, the e2e test transport) and every
 * client is derived from this one map; no channel string is written anywhere
 * else. `request` is validated by the receiving side before any data is
 * touched; `result` documents (and lets tests verify) the value of `{ ok: true }`.
 *
 * `owner` says who serves the channel: `core` runs in the worker (Node, no
 * Electron); `shell` is served by whoever hosts the window (Electron main with
 * electron-store, or the preview server).
 */
export const contract = {
  'app:info': { owner: 'shell', request: Empty, result: AppInfoSchema },
  'settings:get': { owner: 'shell', request: Empty, result: UiSettingsSchema },
  'settings:set': { owner: 'shell', request: UiSettingsPatchSchema, result: UiSettingsSchema },
  'store:status': { owner: 'core', request: Empty, result: StoreReportSchema },
  'customers:search': { owner: 'core', request: CustomerSearchSchema, result: z.array(CustomerSchema) },
  'customers:get': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: CustomerSchema },
  'tickets:create': { owner: 'core', request: TicketInputSchema, result: TicketDetailSchema },
  'tickets:update': { owner: 'core', request: TicketUpdateSchema, result: TicketDetailSchema },
  'tickets:transition': { owner: 'core', request: TicketTransitionSchema, result: TicketDetailSchema },
  'tickets:list': { owner: 'core', request: TicketListQuerySchema, result: TicketPageSchema },
  'tickets:get': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: TicketDetailSchema },
  'kb:search': { owner: 'core', request: KbSearchQuerySchema, result: KbSearchResultSchema },
  'kb:suggest': { owner: 'core', request: KbSuggestQuerySchema, result: z.array(KbHitSchema) },
  'kb:facets': { owner: 'core', request: Empty, result: KbFacetsSchema },
  'kb:get': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: ArticleSchema },
  'kb:create': { owner: 'core', request: ArticleInputSchema, result: ArticleSchema },
  'kb:update': { owner: 'core', request: ArticleUpdateSchema, result: ArticleSchema },
  'kb:transition': { owner: 'core', request: ArticleTransitionSchema, result: ArticleSchema },
  'kb:versions': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: z.array(ArticleVersionSchema) },
  'kb:vote': { owner: 'core', request: KbVoteSchema, result: ArticleSchema },
  /** records that an article answered an existing ticket (usage count + link) */
  'kb:use': { owner: 'core', request: KbUseSchema, result: z.array(TicketArticleLinkSchema) },
  'kb:forTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: z.array(TicketArticleLinkSchema) },
  /** a new article's fields drafted from a resolved ticket; nothing is saved until kb:create */
  'kb:draftFromTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: ArticleInputSchema },
  'kb:rebuildIndex': { owner: 'core', request: Empty, result: KbRebuildResultSchema },
  /** loads resources/kb demo articles (skips titles already present) */
  'kb:loadDemo': { owner: 'core', request: Empty, result: KbDemoResultSchema },
  'sync:status': { owner: 'core', request: Empty, result: SyncStatusSchema },
  'sync:login': { owner: 'core', request: SyncLoginRequestSchema, result: SyncStatusSchema },
  'sync:logout': { owner: 'core', request: Empty, result: SyncStatusSchema },
  'sync:now': { owner: 'core', request: Empty, result: SyncRoundSchema },
  'sync:pause': { owner: 'core', request: z.strictObject({ paused: z.boolean() }), result: SyncStatusSchema },
  'sync:problems': { owner: 'core', request: Empty, result: z.array(SyncProblemSchema) },
  'sync:resolve': { owner: 'core', request: SyncResolveRequestSchema, result: SyncStatusSchema },
} as const;

/** Events the host pushes to every window. */
export const events = {
  'tickets:changed': z.object({ ids: z.array(z.string()), origin: z.enum(['local', 'sync']) }),
  /** articles written here or pulled; `ids: []` means "reload everything" (first sync) */
  'kb:changed': z.object({ ids: z.array(z.string()), origin: z.enum(['local', 'sync']) }),
  'store:status': StoreReportSchema,
  'sync:status': SyncStatusSchema,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const CORE_CHANNELS = CHANNELS.filter((c) => contract[c].owner === 'core');
export const SHELL_CHANNELS = CHANNELS.filter((c) => contract[c].owner === 'shell');

/** What the caller passes (defaults not yet applied). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
/** What the handler receives after validation (defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ValueOf<C extends Channel> = z.output<Contract[C]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** `window.api`: the only door from the renderer to data. */
export interface Api {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ValueOf<C>>>;
  /** returns an unsubscribe function */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Handlers keyed by channel, typed from the contract (Actual Budget's `Handlers` idea). */
export type Handlers<C extends Channel = Channel> = {
  [K in C]: (request: ParsedRequestOf<K>) => Promise<ValueOf<K>> | ValueOf<K>;
};

/** Messages over a port (worker thread, WebSocket): one envelope for all transports. */
export const RequestEnvelopeSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});
export const ResponseEnvelopeSchema = z.object({
  kind: z.literal('response'),
  id: z.number().int().nonnegative(),
  result: z.unknown(),
});
export const EventEnvelopeSchema = z.object({
  kind: z.literal('event'),
  event: z.string().max(64),
  payload: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;
export type ResponseEnvelope = z.infer<typeof ResponseEnvelopeSchema>;
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
