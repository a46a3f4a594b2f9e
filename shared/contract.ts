import { z } from 'zod';
import { ConnectorInfoSchema, ConnectorInputSchema, HangupSchema, PhoneProblemSchema } from './desk/callControl.js';
import { SoftphoneAccountSchema, SoftphoneInfoSchema, SoftphoneInputSchema } from './desk/softphone.js';
import { TvQuerySchema } from './reports/tv.js';
import {
  AccountInputSchema,
  AccountSchema,
  AgentSessionSchema,
  AgentStateEntrySchema,
  AnswerHandoffSchema,
  CallbackInputSchema,
  CallbackListQuerySchema,
  CallbackSchema,
  CallIdSchema,
  CallListQuerySchema,
  CallEventSchema,
  CallSchema,
  MissedCallSchema,
  SettleMissedSchema,
  CompleteCallbackSchema,
  ConsoleConfigPatchSchema,
  ConsoleKindSchema,
  ConsoleConfigSchema,
  CtiInfoSchema,
  FollowUpListQuerySchema,
  FollowUpSchema,
  HandoffInputSchema,
  HandoffSchema,
  LinkCallSchema,
  MyDaySchema,
  QueueItemSchema,
  QueueQuerySchema,
  RecordContactSchema,
  RecordFollowUpSchema,
  ReminderSchema,
  SaveDraftSchema,
  ScreenPopSchema,
  SetAgentStateSchema,
  SignInSchema,
  SimilarQuerySchema,
  SimilarTicketSchema,
  StartCallSchema,
  TicketDraftSchema,
  WorkOrderSchema,
  WorkOrderUpdateSchema,
  WrapUpSchema,
} from './desk/schema.js';
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
// ---- knowledge base synonyms (issue 17)
import { SynonymCreateSchema, SynonymGroupSchema, SynonymRemoveSchema, SynonymUpdateSchema } from './kb/synonyms.js';
import { reportsChannels } from './reports/contract.js';
// ---- announcements and defects (issue 15 points 4-5)
import { announcementChannels } from './announcements/contract.js';
import { defectChannels } from './defects/contract.js';
import { notesChannels } from './tickets/notes.js';
// ---- accounts and duty roster (issue 16 points 1, 7)
import { adminChannels } from './admin/contract.js';
import { dutyChannels } from './attendance/dutyContract.js';
// ---- attendance plan: shifts, holiday calendar, roster (issue 16 points 2-3)
import { planChannels } from './attendance/planContract.js';
// ---- attendance: month, corrections, overtime, sheets (issue 16 points 4-6)
import { attendanceChannels } from './attendance/contract.js';
// ---- teams, seats and skills (issue 16 point 1)
import { teamsChannels } from './teams/contract.js';
import { AppInfoSchema, UiSettingsPatchSchema, UiSettingsSchema } from './settings.js';
import { StoreReportSchema } from './store.js';
import { SyncLoginRequestSchema, SyncProblemSchema, SyncResolveRequestSchema, SyncRoundSchema, SyncStatusSchema } from './sync/status.js';
import { DirectoryPersonSchema } from './sync/protocol.js';
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
  /** the wallboard's TV window (Electron: full screen on the second display); opened: false where the host has no windows (the browser opens a tab) */
  'window:openTv': { owner: 'shell', request: TvQuerySchema, result: z.object({ opened: z.boolean() }) },
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
  // ---- knowledge base synonyms (issue 17): the list in force; writes are admin-only and return the new list
  'kb:synonyms': { owner: 'core', request: Empty, result: z.array(SynonymGroupSchema) },
  'kb:synonymCreate': { owner: 'core', request: SynonymCreateSchema, result: z.array(SynonymGroupSchema) },
  'kb:synonymUpdate': { owner: 'core', request: SynonymUpdateSchema, result: z.array(SynonymGroupSchema) },
  'kb:synonymRemove': { owner: 'core', request: SynonymRemoveSchema, result: z.array(SynonymGroupSchema) },
  'sync:status': { owner: 'core', request: Empty, result: SyncStatusSchema },
  'sync:login': { owner: 'core', request: SyncLoginRequestSchema, result: SyncStatusSchema },
  'sync:logout': { owner: 'core', request: Empty, result: SyncStatusSchema },
  'sync:now': { owner: 'core', request: Empty, result: SyncRoundSchema },
  'sync:pause': { owner: 'core', request: z.strictObject({ paused: z.boolean() }), result: SyncStatusSchema },
  'sync:problems': { owner: 'core', request: Empty, result: z.array(SyncProblemSchema) },
  'sync:resolve': { owner: 'core', request: SyncResolveRequestSchema, result: SyncStatusSchema },

  // ---- agent console (issue 5)
  /** who is signed in at this desk, and their state */
  'agent:session': { owner: 'core', request: Empty, result: AgentSessionSchema },
  /** standalone sign-in (this PC's accounts); a server account signs in with sync:login */
  'agent:signIn': { owner: 'core', request: SignInSchema, result: AgentSessionSchema },
  /** logs `offline`, ends the desk session and any server session: nothing is left behind on a shared PC */
  'agent:signOut': { owner: 'core', request: Empty, result: AgentSessionSchema },
  /** the very first account of a PC (only while needsSetup): an admin, signed in at once */
  'agent:setup': { owner: 'core', request: AccountInputSchema, result: AgentSessionSchema },
  'agent:setState': { owner: 'core', request: SetAgentStateSchema, result: AgentSessionSchema },
  'agent:stateLog': {
    owner: 'core',
    request: z.strictObject({ agentId: IdSchema.optional(), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(), limit: z.number().int().min(1).max(5000).default(500) }),
    result: z.array(AgentStateEntrySchema),
  },
  /** admin: standalone accounts of this PC */
  'accounts:list': { owner: 'core', request: Empty, result: z.array(AccountSchema) },
  'accounts:create': { owner: 'core', request: AccountInputSchema, result: AccountSchema },
  'accounts:setDisabled': { owner: 'core', request: z.strictObject({ username: IdSchema, disabled: z.boolean() }), result: AccountSchema },
  /** the agent's active call (ringing, talking, held or in wrap-up), if any */
  'calls:current': { owner: 'core', request: Empty, result: CallSchema.nullable() },
  /** manual adapter: the agent starts an inbound or outbound call by number (typed, pasted, tel: link) */
  'calls:start': { owner: 'core', request: StartCallSchema, result: CallSchema },
  'calls:answer': { owner: 'core', request: CallIdSchema, result: CallSchema },
  'calls:hold': { owner: 'core', request: CallIdSchema, result: CallSchema },
  'calls:resume': { owner: 'core', request: CallIdSchema, result: CallSchema },
  /** `localOnly`: end the record here when the phone system cannot be told (phone commands, issue 14) */
  'calls:hangup': { owner: 'core', request: HangupSchema, result: CallSchema },
  /** saves the disposition: the call closes and (ready: true) the agent is ready again */
  'calls:wrapUp': { owner: 'core', request: WrapUpSchema, result: CallSchema },
  'calls:link': { owner: 'core', request: LinkCallSchema, result: CallSchema },
  'calls:get': { owner: 'core', request: CallIdSchema, result: CallSchema },
  'calls:list': { owner: 'core', request: CallListQuerySchema, result: z.array(CallSchema) },
  'calls:forTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: z.array(CallSchema) },
  /** callers ringing while the agent is busy (another call on the line, or after-call work) */
  'calls:waiting': { owner: 'core', request: Empty, result: z.array(CallSchema) },
  /** the missed-call worklist: callers of this agent or of the empty desk not reached since, longest waiting first */
  'calls:missed': { owner: 'core', request: Empty, result: z.array(MissedCallSchema) },
  /** closes a caller's missed calls by hand (reached another way, a wrong number); answers how many */
  'calls:settleMissed': { owner: 'core', request: SettleMissedSchema, result: z.number().int() },
  /** the customer card for a number: the screen-pop */
  'calls:screenPop': { owner: 'core', request: z.strictObject({ number: z.string().trim().min(1).max(60) }), result: ScreenPopSchema },
  /** the people tickets are assigned to and the teams they go to (pickers; the core refuses anyone else) */
  'directory:list': {
    owner: 'core',
    request: Empty,
    // teamList: issue 16 point 1 (team records with display name and leader)
    result: z.object({ people: z.array(DirectoryPersonSchema), teams: z.array(z.string()), teamList: z.array(z.object({ id: z.string(), name: z.string(), leader: z.string().nullable() })).default([]) }),
  },
  /** the local call-event endpoint (CTI): address and, for admins, token */
  'cti:info': { owner: 'core', request: Empty, result: CtiInfoSchema },
  'cti:regenerateToken': { owner: 'core', request: Empty, result: CtiInfoSchema },
  // ---- phone commands (issue 14): the call-control connector, admin only; the token is never sent back
  'cti:connector': { owner: 'core', request: Empty, result: ConnectorInfoSchema },
  'cti:setConnector': { owner: 'core', request: ConnectorInputSchema, result: ConnectorInfoSchema },
  'cti:clearConnector': { owner: 'core', request: Empty, result: ConnectorInfoSchema },
  // ---- embedded softphone (issue 19): this seat's SIP account (admin; the password is write-only) and the
  // softphone's SIP events, fed into the same call model as the CTI endpoint's (the result is the call record)
  'cti:softphone': { owner: 'core', request: Empty, result: SoftphoneInfoSchema },
  'cti:setSoftphone': { owner: 'core', request: SoftphoneInputSchema, result: SoftphoneInfoSchema },
  'cti:clearSoftphone': { owner: 'core', request: Empty, result: SoftphoneInfoSchema },
  /** the signed-in agent's registration details (with the password: the SIP stack runs in the renderer); null: no softphone on this seat */
  'cti:softphoneAccount': { owner: 'core', request: Empty, result: SoftphoneAccountSchema.nullable() },
  'cti:softphoneEvent': { owner: 'core', request: CallEventSchema, result: CallSchema },
  /** escalate / transfer / dispatch with a hand-off note; the ticket moves to escalated / transferred / dispatched */
  'tickets:handoff': { owner: 'core', request: HandoffInputSchema, result: TicketDetailSchema },
  'tickets:handoffs': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: z.array(HandoffSchema) },
  /** second line (or the department) answers; the coordinator sees it on the ticket */
  'handoffs:answer': { owner: 'core', request: AnswerHandoffSchema, result: HandoffSchema },
  /** the second-line queue (kind escalate), or transfers / dispatches */
  'handoffs:queue': { owner: 'core', request: QueueQuerySchema, result: z.array(QueueItemSchema) },
  'workOrders:forTicket': { owner: 'core', request: z.strictObject({ ticketId: IdSchema }), result: z.array(WorkOrderSchema) },
  'workOrders:list': { owner: 'core', request: z.strictObject({ status: z.enum(['scheduled', 'on_site', 'done', 'cancelled', 'open', 'all']).default('open'), limit: z.number().int().min(1).max(500).default(100) }), result: z.array(WorkOrderSchema) },
  'workOrders:update': { owner: 'core', request: WorkOrderUpdateSchema, result: WorkOrderSchema },
  /** records a progress contact with the customer (the 4-hour rule, 客户已告知进展) */
  'tickets:recordContact': { owner: 'core', request: RecordContactSchema, result: TicketDetailSchema },
  /** resolved tickets like the given text (the knowledge panel) */
  'tickets:similar': { owner: 'core', request: SimilarQuerySchema, result: z.array(SimilarTicketSchema) },
  'callbacks:schedule': { owner: 'core', request: CallbackInputSchema, result: CallbackSchema },
  'callbacks:list': { owner: 'core', request: CallbackListQuerySchema, result: z.array(CallbackSchema) },
  /** a released callback (overdue past the release time) taken by another agent of the team */
  'callbacks:take': { owner: 'core', request: z.strictObject({ id: IdSchema }), result: CallbackSchema },
  'callbacks:complete': { owner: 'core', request: CompleteCallbackSchema, result: CallbackSchema },
  'callbacks:cancel': { owner: 'core', request: z.strictObject({ id: IdSchema, reason: z.string().trim().min(1).max(2_000) }), result: CallbackSchema },
  'followUps:list': { owner: 'core', request: FollowUpListQuerySchema, result: z.array(FollowUpSchema) },
  'followUps:record': { owner: 'core', request: RecordFollowUpSchema, result: FollowUpSchema },
  'myDay:get': { owner: 'core', request: Empty, result: MyDaySchema },
  'drafts:get': { owner: 'core', request: z.strictObject({ key: z.string().trim().min(1).max(80) }), result: TicketDraftSchema.nullable() },
  'drafts:save': { owner: 'core', request: SaveDraftSchema, result: TicketDraftSchema },
  'drafts:discard': { owner: 'core', request: z.strictObject({ key: z.string().trim().min(1).max(80) }), result: z.strictObject({ discarded: z.boolean() }) },
  'drafts:list': { owner: 'core', request: Empty, result: z.array(TicketDraftSchema) },
  'config:get': { owner: 'core', request: Empty, result: ConsoleConfigSchema },
  /** admin only */
  'config:set': { owner: 'core', request: ConsoleConfigPatchSchema, result: ConsoleConfigSchema },

  // ---- supervision and reports (issue 15): declared by the domain
  ...reportsChannels,

  // ---- announcements and defects (issue 15 points 4-5): declared by their domains
  ...announcementChannels,
  ...defectChannels,
  // ---- internal notes on a ticket (issue 14): declared by the domain
  ...notesChannels,
  // ---- accounts and duty roster (issue 16 points 1, 7): declared by their domains
  ...adminChannels,
  ...dutyChannels,
  // ---- attendance plan: shifts, holiday calendar, roster (issue 16 points 2-3)
  ...planChannels,
  // ---- attendance: month, corrections, overtime, sheets (issue 16 points 4-6): declared by the domain
  ...attendanceChannels,
  // ---- teams, seats and skills (issue 16 point 1): declared by the domain
  ...teamsChannels,
} as const;

/** Events the host pushes to every window. */
export const events = {
  'tickets:changed': z.object({ ids: z.array(z.string()), origin: z.enum(['local', 'sync']) }),
  /** articles written here or pulled; `ids: []` means "reload everything" (first sync) */
  'kb:changed': z.object({ ids: z.array(z.string()), origin: z.enum(['local', 'sync']) }),
  'store:status': StoreReportSchema,
  'sync:status': SyncStatusSchema,
  /** the desk's session and agent state changed (sign-in, state, call) */
  'agent:state': AgentSessionSchema,
  /** the desk's active call changed (CTI event, agent action); null: no call */
  'calls:current': CallSchema.nullable(),
  /** calls, callbacks, follow-ups, hand-offs, work orders or drafts changed */
  'console:changed': z.object({ kinds: z.array(ConsoleKindSchema), origin: z.enum(['local', 'sync']) }),
  /** something is due: the shell shows a native notification, the console a banner */
  reminder: ReminderSchema,
  /** the OS handed the desktop app a tel: link (a click in a browser, Outlook, an IM program): open a new call with it */
  'shell:dial': z.object({ number: z.string().min(1).max(40) }),
  /** the core's worker died; `restarted`: a new one runs on the same data folder and the desk is signed out */
  'core:restarted': z.object({ restarted: z.boolean(), message: z.string().max(2_000) }),
  /** a phone command that follows a kept action failed (after-call work after a hang-up, ready after a disposition): the console says so */
  'cti:phoneProblem': PhoneProblemSchema,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;
export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const CORE_CHANNELS = CHANNELS.filter((c) => contract[c].owner === 'core');
export const SHELL_CHANNELS = CHANNELS.filter((c) => contract[c].owner === 'shell');
/** The channels the window's host serves (Electron main, the preview server). */
export type ShellChannel = { [C in Channel]: Contract[C]['owner'] extends 'shell' ? C : never }[Channel];

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
