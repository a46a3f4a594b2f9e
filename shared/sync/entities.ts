import { z } from 'zod';
import { NO_BIDI, NO_BIDI_MESSAGE } from '../bidi.js';
import { HLC_PATTERN } from '../hlc.js';
import { storableText } from '../text.js';
import { ArticleStatusSchema, canMoveArticle, type ArticleStatus } from '../kb/schema.js';
import { isReviewer, REVIEWER_ROLES, type Actor, type Role } from '../roles.js';
import { AGENT_STATES, CALL_DIRECTIONS, DESK_AGENT_ID, CALL_STATUSES, CALLBACK_STATUSES, FOLLOW_UP_KINDS, HANDOFF_KINDS, WORK_ORDER_STATUSES } from '../desk/schema.js';
import { RoleSchema } from '../roles.js';
import { checkCallback, checkFollowUp, checkHandoff, checkWorkOrder } from '../desk/syncChecks.js';
import { canTransition, type TicketStatus } from '../tickets/stateMachine.js';
import { CategorySchema, ChannelSchema, HISTORY_ACTIONS, LIMITS, SeveritySchema, TicketStatusSchema } from '../tickets/schema.js';
// ---- announcements and defects (issue 15 points 4-5)
import { ackVisible, announcementVisible, ANNOUNCEMENT_LEVELS, checkAck, checkAnnouncement } from '../announcements/rules.js';
import { checkDefect, DEFECT_STATUSES } from '../defects/rules.js';
// ---- attendance plan: shifts, holiday calendar, roster (issue 16 points 2-3)
import { checkHolidayWrite, checkRosterWrite, checkShiftWrite, rosterEntryId } from '../attendance/planRules.js';
// ---- knowledge base synonyms (issue 17)
import { SynonymWordsSchema } from '../kb/synonyms.js';
// ---- attendance: corrections and overtime claims (issue 16 points 4-5)
import { AttendanceCorrectionValuesSchema, checkCorrection, checkOvertimeClaim, OvertimeClaimValuesSchema, ownOrSupervising } from '../attendance/syncRules.js';
// ---- teams, seats and skills (issue 16 point 1): team, skill, agent_profile
import { teamsWriteProblem } from '../teams/rules.js';

/**
 * Everything that syncs declares itself here, once. The server stores and
 * serves every entity through one generic table; the client maps each one to
 * its local table with the declared columns. A new entity (articles, calls,
 * agent states, callbacks...) adds a declaration and its local table: no new
 * sync code.
 *
 * Two kinds:
 * - `lww`: a row whose plain fields merge per field by hybrid-logical-clock
 *   last-writer-wins. A change carries only the fields it wrote.
 * - `append`: an immutable record (history, state log, phone of a customer):
 *   inserted once, never updated, so it never conflicts.
 *
 * Visibility (`scope`): a `team` row belongs to a team (the pushing user's
 * team when created, or its parent's team for a child record); agents,
 * seniors and supervisors see their team's rows, admins all. A `global` row
 * (the knowledge base) is shared by every team. `visible` narrows either
 * further by the row's values (a draft article: its author and reviewers).
 */

/**
 * Value building blocks. Text refuses what PostgreSQL cannot store (a NUL
 * character, a lone UTF-16 surrogate: shared/text.ts), so such a value is a
 * clear VALIDATION_FAILED rejection, not a server error. Timestamps are ISO
 * 8601 date-times with a zone (`Z` or an offset), as `toISOString()` writes
 * them; clocks are HLC texts. All are plain patterns, which the client's fast
 * row check (electron/core/sync/apply.ts) understands.
 */
export const ISO_TIMESTAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
// Clients strip bidi controls from what is typed (shared/bidi.ts); a row that still carries one was not written by us.
const text = (max: number) => storableText(max).regex(NO_BIDI, NO_BIDI_MESSAGE);
const optText = (max: number) => text(max).nullable();
const ts = z.string().max(40).regex(ISO_TIMESTAMP, 'An ISO 8601 date and time with its zone, e.g. 2026-11-24T08:30:00.000Z');
const id = text(LIMITS.id).min(1);
const clock = z.string().max(64).regex(HLC_PATTERN, 'A hybrid logical clock, as the workstation writes it');

export interface EntityDecl {
  /** entity name on the wire */
  name: string;
  /** local SQLite table */
  table: string;
  kind: 'lww' | 'append';
  /** wire field -> local column; every synced value, never the id */
  columns: Readonly<Record<string, string>>;
  /** local column(s) that identify a row; for `id` entities simply `id` */
  keyColumns: readonly string[];
  /**
   * Wire id of a row from its field values (composite keys); absent means the
   * row has its own `id` column.
   */
  idOf?: (values: Record<string, unknown>) => string;
  /**
   * An lww row that is one per natural key (a shift code, a date, an agent's
   * day: the local table has a UNIQUE constraint on it): the id a new row
   * must have, derived from its values. The server refuses any other id, so
   * two PCs creating "the same" row write one row, and no PC's apply ever
   * meets a second id for a key it holds.
   */
  naturalId?: (values: Record<string, unknown>) => string;
  /** full row values: validated on the server for creates and appends */
  schema: z.ZodObject;
  /** the row's team is its parent's: `field` holds the parent's id */
  parent?: { entity: string; field: string };
  /** `team` (default): one team's rows; `global`: every team's (see above) */
  scope?: 'team' | 'global';
  /**
   * Whether `user` may see a row with these (full, current) values; absent
   * means everyone in scope may. Applied by the server on pull and push
   * answers, and by the client to what it lists.
   */
  visible?: (user: Actor, values: Record<string, unknown>) => boolean;
  /**
   * Fields that name who did something: a history line's actor, a vote's
   * voter, whoever created, answered, completed or last changed a record.
   * Whenever a write sets one to a value other than the row's stored one (a
   * create, an append, an update), the server requires the pushing user's
   * username there, or refuses the mutation with ACTOR_MISMATCH; null is
   * left to `check`. A subject (whose state line, whose call) is not an
   * actor: its rule is the entity's `check`.
   */
  actors?: readonly string[];
  /**
   * Fields that say whose record it is (a state line's agent, a call's
   * agent): the entity's `check` says who may write them. Like `actors`,
   * work a workstation queued under a local name before it ever signed in to
   * a server is given to the first server user who signs in there
   * (electron/core/sync/identity.ts).
   */
  owners?: readonly string[];
  /**
   * Fields fixed at creation: a later write that changes one is refused with
   * FIELD_FIXED, except for the roles listed with it (an empty list: nobody).
   */
  fixed?: Readonly<Record<string, readonly Role[]>>;
  /**
   * Fields holding a hybrid logical clock (an append record's own `hlc`,
   * which orders the log): valid clocks, never later than the clock of the
   * mutation that carries them (CLOCK_AHEAD), which the server checks against
   * its own time. A forged far-future clock cannot stay on top of a log.
   */
  clocks?: readonly string[];
  /**
   * Server-side rule on every write (creates, updates and appends alike),
   * before it is stored. Returns an error to reject the whole mutation (it
   * then goes to the client's sync problems list), or null. `parent` is the
   * parent row's values as this mutation leaves them (child entities only).
   */
  check?: (
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    winning: readonly string[],
    user: Actor,
    ctx: { parent: Record<string, unknown> | null },
  ) => { code: string; message: string } | null;
}

export const CustomerValuesSchema = z.strictObject({
  name: text(100).min(1),
  organisation: optText(200),
  address: optText(500),
  createdAt: ts,
  updatedAt: ts,
});

export const CustomerPhoneValuesSchema = z.strictObject({
  customerId: id,
  raw: text(40).min(1),
  key: text(40).min(1),
  ext: text(20),
  addedAt: ts,
});

export const TicketValuesSchema = z.strictObject({
  no: text(40).min(1),
  status: TicketStatusSchema,
  subject: text(LIMITS.subject).min(1),
  description: text(LIMITS.description).min(1),
  category: CategorySchema,
  severity: SeveritySchema,
  channel: ChannelSchema,
  product: optText(LIMITS.product),
  deviceModel: optText(LIMITS.deviceModel),
  assigneeId: optText(LIMITS.id),
  team: optText(LIMITS.team),
  stepsTaken: optText(LIMITS.longText),
  resolution: optText(LIMITS.longText),
  customerId: id,
  createdBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
  resolvedAt: ts.nullable(),
  closedAt: ts.nullable(),
});

export const TicketHistoryValuesSchema = z.strictObject({
  ticketId: id,
  at: ts,
  actorId: text(LIMITS.id).min(1),
  action: z.enum(HISTORY_ACTIONS),
  /** JSON text of `{ field: { from, to } }`, stored as the client wrote it */
  changes: text(200_000),
  note: optText(LIMITS.note),
  hlc: clock,
});

const tagsJson = text(4_000).refine((t) => {
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}, 'tags must be a JSON array of strings');

/** An article's content on the wire, in the article and in each version; tags as JSON text of a string array, stored as written. */
const articleContentValues = {
  title: text(200).min(1),
  body: text(100_000).min(1),
  product: optText(100),
  category: text(100).min(1),
  tags: tagsJson,
  status: ArticleStatusSchema,
};

export const ArticleValuesSchema = z.strictObject({
  ...articleContentValues,
  authorId: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
  publishedAt: ts.nullable(),
  sourceTicketId: optText(LIMITS.id),
});

export const ArticleVersionValuesSchema = z.strictObject({
  articleId: id,
  ...articleContentValues,
  editorId: text(LIMITS.id).min(1),
  at: ts,
  note: optText(500),
  /** JSON text of the changed field names */
  changedFields: text(1_000),
  hlc: clock,
});

export const ArticleVoteValuesSchema = z.strictObject({
  articleId: id,
  voterId: text(LIMITS.id).min(1),
  vote: z.enum(['helpful', 'not_helpful']),
  at: ts,
  hlc: clock,
});

export const ArticleUseValuesSchema = z.strictObject({
  articleId: id,
  ticketId: id,
  actorId: text(LIMITS.id).min(1),
  at: ts,
});


// ------------------------------------------------------------ agent console

export const AgentStateValuesSchema = z.strictObject({
  agentId: text(LIMITS.id).min(1),
  state: z.enum(AGENT_STATES),
  reason: optText(32),
  at: ts,
  callId: optText(LIMITS.id),
  hlc: clock,
});

export const CallValuesSchema = z.strictObject({
  externalId: optText(64),
  source: z.enum(['manual', 'cti']),
  direction: z.enum(CALL_DIRECTIONS),
  number: text(60).min(1),
  numberKey: optText(40),
  lineNumber: optText(60),
  customerId: optText(LIMITS.id),
  agentId: text(LIMITS.id).min(1),
  status: z.enum(CALL_STATUSES),
  ringAt: ts,
  answerAt: ts.nullable(),
  holdStartedAt: ts.nullable(),
  holdSeconds: z.number().int().min(0).max(10 * 24 * 3600),
  endAt: ts.nullable(),
  wrapEndAt: ts.nullable(),
  disposition: optText(32),
  note: optText(LIMITS.note),
  /** a missed call closed by hand (issue 14); absent from older clients' rows */
  settledAt: ts.nullable().optional(),
  settledBy: optText(LIMITS.id).optional(),
  createdAt: ts,
  updatedAt: ts,
});

export const CallTicketValuesSchema = z.strictObject({
  callId: id,
  ticketId: id,
  actorId: text(LIMITS.id).min(1),
  at: ts,
});

export const HandoffValuesSchema = z.strictObject({
  ticketId: id,
  kind: z.enum(HANDOFF_KINDS),
  coordinatorId: text(LIMITS.id).min(1),
  to: text(LIMITS.team).min(1),
  ask: text(LIMITS.note).min(1),
  dueBy: ts,
  scope: text(LIMITS.note).min(1),
  status: z.enum(['open', 'answered', 'cancelled']),
  answer: optText(LIMITS.longText),
  answeredBy: optText(LIMITS.id),
  answeredAt: ts.nullable(),
  createdAt: ts,
  updatedAt: ts,
});

export const WorkOrderValuesSchema = z.strictObject({
  ticketId: id,
  handoffId: id,
  engineer: text(60).min(1),
  address: text(500).min(1),
  appointmentAt: ts,
  status: z.enum(WORK_ORDER_STATUSES),
  takenAt: ts.nullable(),
  feedbackDueAt: ts.nullable(),
  feedback: optText(LIMITS.longText),
  feedbackAt: ts.nullable(),
  createdBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

export const CallbackValuesSchema = z.strictObject({
  customerId: id,
  ticketId: optText(LIMITS.id),
  phone: text(40).min(1),
  dueAt: ts,
  ownerId: text(LIMITS.id).min(1),
  status: z.enum(CALLBACK_STATUSES),
  note: optText(LIMITS.note),
  outcome: optText(LIMITS.note),
  doneAt: ts.nullable(),
  doneBy: optText(LIMITS.id),
  createdBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

export const FollowUpValuesSchema = z.strictObject({
  ticketId: id,
  kind: z.enum(FOLLOW_UP_KINDS),
  assigneeId: optText(LIMITS.id),
  forRole: RoleSchema,
  dueAt: ts,
  status: z.enum(['open', 'done', 'unreachable']),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  reason: optText(LIMITS.note),
  note: optText(LIMITS.note),
  doneAt: ts.nullable(),
  doneBy: optText(LIMITS.id),
  createdAt: ts,
  updatedAt: ts,
});

// ------------------------------------------------- ticket notes (issue 14, point 5)

/**
 * An internal note on a ticket (备注): a comment thread the team reads beside
 * the ticket, never shown to the customer. Append-only: a note is what was
 * said, by whom and when; it is never edited or deleted, so it never
 * conflicts between PCs.
 */
export const TicketNoteValuesSchema = z.strictObject({
  ticketId: id,
  authorId: text(LIMITS.id).min(1),
  body: text(LIMITS.note).min(1),
  at: ts,
  hlc: clock,
});

/** A closed ticket is read-only until reopened (its notes too); a note under another name is ACTOR_MISMATCH (`actors`). */
function checkTicketNote(_before: Record<string, unknown> | null, after: Record<string, unknown>, _winning: readonly string[], _user: Actor, ctx: { parent: Record<string, unknown> | null }) {
  if (ctx.parent?.status === 'closed') return { code: 'TICKET_CLOSED', message: `The ticket is closed on the server; reopen it before adding a note (${String(after.ticketId)})` };
  if (typeof after.body !== 'string' || after.body.trim() === '') return { code: 'VALIDATION_FAILED', message: 'body: a note needs its text' };
  return null;
}

/** A center-wide setting (the console configuration): JSON text validated by its own schema where it is read. */
export const SettingValuesSchema = z.strictObject({
  value: text(100_000).min(1),
  updatedBy: text(LIMITS.id).min(1),
  updatedAt: ts,
});

// ------------------------------------------------------------ knowledge base synonyms (issue 17)

/** A synonym group: `words` is a JSON array of 2..12 words (shared/kb/synonyms.ts); a removed group keeps its row. */
export const KbSynonymValuesSchema = z.strictObject({
  words: text(2_000)
    .min(2)
    .refine((v) => {
      try {
        const parsed: unknown = JSON.parse(v);
        return SynonymWordsSchema.safeParse(parsed).success;
      } catch {
        return false;
      }
    }, 'A JSON array of 2 to 12 different words, each at most 30 characters'),
  removedAt: ts.nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

// ------------------------------------------------------------ reports (issue 15): quality reviews, export audit

/** Quality reviews (质检): sampled, then scored by a supervisor; `checks` is JSON text of the scored items. */
export const QualityReviewValuesSchema = z.strictObject({
  ticketId: id,
  agentId: text(LIMITS.id).min(1),
  reviewerId: text(LIMITS.id).min(1),
  /** Monday of the reviewed week, YYYY-MM-DD */
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD'),
  status: z.enum(['sampled', 'scored']),
  checks: text(8_000),
  score: z.number().min(0).max(100).nullable(),
  comment: optText(LIMITS.note),
  createdAt: ts,
  updatedAt: ts,
  reviewedAt: ts.nullable(),
});

/** One report export (who, what, when): the audit line every export leaves, locally and on the server. */
export const ReportExportValuesSchema = z.strictObject({
  actorId: text(LIMITS.id).min(1),
  // `duty`: the duty roster's export (issue 16 point 7); attendance / overtime: the monthly sheets of issue 16 (from and to: the month's first and last day)
  kind: z.enum(['summary', 'agents', 'problems', 'duty', 'attendance', 'overtime']),
  format: z.enum(['xlsx', 'csv']),
  fromDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD'),
  toDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD'),
  team: optText(LIMITS.team),
  rows: z.number().int().min(0),
  fileName: text(260).min(1),
  at: ts,
});

const SUPERVISING_ROLES: readonly Role[] = ['supervisor', 'admin'];
// ------------------------------------------------ announcements and defects (issue 15 points 4-5)

/**
 * An announcement or known outage (公告). Global: one to everyone (team null)
 * must reach every team; one to a team is narrowed to it by `visible`.
 */
export const AnnouncementValuesSchema = z.strictObject({
  title: text(200).min(1),
  body: text(4_000).min(1),
  level: z.enum(ANNOUNCEMENT_LEVELS),
  team: optText(LIMITS.team),
  validFrom: ts,
  validTo: ts,
  endedAt: ts.nullable(),
  endedBy: optText(LIMITS.id),
  publishedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** One agent's acknowledgement, with the agent's team (whose supervisor sees it). */
export const AnnouncementAckValuesSchema = z.strictObject({
  announcementId: id,
  agentId: text(LIMITS.id).min(1),
  team: optText(LIMITS.team),
  at: ts,
  hlc: clock,
});

/** A ticket brought by an outage; its id is derived from both ids, so two PCs linking the same pair merge. */
export const AnnouncementTicketValuesSchema = z.strictObject({
  announcementId: id,
  ticketId: id,
  linkedBy: text(LIMITS.id).min(1),
  linkedAt: ts,
  removedAt: ts.nullable(),
  removedBy: optText(LIMITS.id),
  updatedAt: ts,
});

/** A product defect reported to development (程序不完善反馈). Global: several teams' tickets meet one defect. */
export const DefectValuesSchema = z.strictObject({
  title: text(200).min(1),
  product: text(LIMITS.product).min(1),
  version: text(60).min(1),
  steps: text(LIMITS.longText).min(1),
  severity: SeveritySchema,
  trackerRef: optText(100),
  status: z.enum(DEFECT_STATUSES),
  statusBy: text(LIMITS.id).min(1),
  statusAt: ts,
  statusNote: optText(LIMITS.note),
  createdBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** A ticket flagged as (caused by) a defect; the owner notes the fix on it. Id derived from both ids. */
export const DefectTicketValuesSchema = z.strictObject({
  defectId: id,
  ticketId: id,
  linkedBy: text(LIMITS.id).min(1),
  linkedAt: ts,
  removedAt: ts.nullable(),
  removedBy: optText(LIMITS.id),
  ownerNotedAt: ts.nullable(),
  ownerNotedBy: optText(LIMITS.id),
  updatedAt: ts,
});

// ------------------------------------------------ attendance plan (issue 16 points 2-3): shifts, holiday calendar, roster

const dayText = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'A date, YYYY-MM-DD');
const clockText = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'A time of day, HH:MM');

/** A shift type (班次); its id is its code. An end at or before the start is the next day. */
export const ShiftTypeValuesSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,7}$/, 'A shift code is a letter then up to 7 letters or digits'),
  name: text(40).min(1),
  start: clockText,
  end: clockText,
  breakMinutes: z.number().int().min(0).max(240),
  retiredAt: ts.nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** One listed day of the holiday calendar; its id is its date. removedAt takes it out (a corrected year). */
export const HolidayValuesSchema = z.strictObject({
  date: dayText,
  kind: z.enum(['statutory', 'holiday_rest', 'adjusted_workday']),
  name: text(40).min(1),
  removedAt: ts.nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** One agent's roster entry on one date; id `<agent>|<date>`. entry: a shift code, `rest` or `leave:<type>`. */
export const RosterEntryValuesSchema = z.strictObject({
  agentId: text(LIMITS.id).min(1),
  date: dayText,
  entry: z.string().regex(/^(?:rest|leave:(?:annual|personal|sick|comp|marriage|maternity|other)|[A-Za-z][A-Za-z0-9]{0,7})$/, 'An entry is a shift code, rest or leave:<type>'),
  team: optText(LIMITS.team),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

// ------------------------------------------------ duty roster (issue 16 point 7)

/** One after-hours duty (值班): global, so every seat and the wallboard show who is on duty tonight. */
export const DutyEntryValuesSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD'),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day, HH:MM'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day, HH:MM'),
  agentId: text(LIMITS.id).min(1),
  phone: text(40).min(1),
  backupId: optText(LIMITS.id),
  removedAt: ts.nullable(),
  removedBy: optText(LIMITS.id),
  createdBy: text(LIMITS.id).min(1),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** The duty roster is a roster: supervisors and admins keep it (issue 16 point 8). */
export function checkDutyEntry(user: Actor): { code: string; message: string } | null {
  return SUPERVISING_ROLES.includes(user.role) ? null : { code: 'FORBIDDEN', message: `Only supervisors and admins keep the duty roster; ${user.username} is ${user.role}` };
}

// ------------------------------------------------ teams, seats and skills (issue 16 point 1)

/** A team (班组); its id is the team text accounts and tickets carry, fixed; the name is what people read. */
export const TeamValuesSchema = z.strictObject({
  name: text(LIMITS.team).min(1),
  leader: optText(LIMITS.id),
  deactivatedAt: ts.nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** One skill of the admin's list (product line or language); its id is its code. */
export const SkillValuesSchema = z.strictObject({
  kind: z.enum(['product', 'language']),
  code: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'A skill code is a lower-case letter then up to 31 letters, digits, _ or -'),
  name: text(40).min(1),
  retiredAt: ts.nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** An agent's profile; its id is the agent's username. `skills`: JSON text of a string array of skill codes. */
export const AgentProfileValuesSchema = z.strictObject({
  agentId: text(LIMITS.id).min(1),
  team: optText(LIMITS.team),
  seat: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, 'A seat number is 1-16 letters, digits or -').nullable(),
  skills: text(2_000).refine((t) => {
    try {
      const v: unknown = JSON.parse(t);
      return Array.isArray(v) && v.length <= 30 && v.every((x) => typeof x === 'string' && /^[a-z][a-z0-9_-]{0,31}$/.test(x));
    } catch {
      return false;
    }
  }, 'skills must be a JSON array of at most 30 skill codes'),
  joinedOn: z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'A date, YYYY-MM-DD').nullable(),
  updatedBy: text(LIMITS.id).min(1),
  createdAt: ts,
  updatedAt: ts,
});

/** Drafts are seen by their author and reviewers; published and retired articles by everyone. */
function articleVisible(user: Actor, status: unknown, authorId: unknown): boolean {
  return status !== 'draft' || authorId === user.username || isReviewer(user.role);
}

export const ENTITIES = {
  customer: {
    name: 'customer',
    table: 'customers',
    kind: 'lww',
    columns: { name: 'name', organisation: 'organisation', address: 'address', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: CustomerValuesSchema,
  },
  customer_phone: {
    name: 'customer_phone',
    table: 'customer_phones',
    kind: 'append',
    columns: { customerId: 'customer_id', raw: 'raw', key: 'key', ext: 'ext', addedAt: 'added_at' },
    keyColumns: ['customer_id', 'key', 'ext'],
    idOf: (v) => `${String(v.customerId)}|${String(v.key)}|${String(v.ext)}`,
    schema: CustomerPhoneValuesSchema,
    parent: { entity: 'customer', field: 'customerId' },
  },
  ticket: {
    name: 'ticket',
    table: 'tickets',
    kind: 'lww',
    columns: {
      no: 'no',
      status: 'status',
      subject: 'subject',
      description: 'description',
      category: 'category',
      severity: 'severity',
      channel: 'channel',
      product: 'product',
      deviceModel: 'device_model',
      assigneeId: 'assignee_id',
      team: 'team',
      stepsTaken: 'steps_taken',
      resolution: 'resolution',
      customerId: 'customer_id',
      createdBy: 'created_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      resolvedAt: 'resolved_at',
      closedAt: 'closed_at',
    },
    keyColumns: ['id'],
    schema: TicketValuesSchema,
    actors: ['createdBy'],
    fixed: { no: [], createdBy: [], createdAt: [] },
    check: (before, after, winning) => {
      // Status changes are re-checked against the state machine from the
      // server's current status: two agents moving the same ticket offline
      // cannot together produce a transition the life cycle forbids.
      if (!before) return null;
      // A closed ticket is the record of finished work (as the core holds it, domain/tickets.ts assertNotClosed):
      // nothing of it changes on the server either until a change reopens it.
      if (before.status === 'closed' && after.status === 'closed' && winning.some((f) => f !== 'updatedAt')) {
        return { code: 'TICKET_CLOSED', message: `Ticket ${String(before.no)} is closed on the server and read-only; reopen it first` };
      }
      if (!winning.includes('status') || before.status === after.status) return null;
      const from = before.status as TicketStatus;
      const to = after.status as TicketStatus;
      return canTransition(from, to) ? null : { code: 'ILLEGAL_TRANSITION', message: `The ticket is now ${from} on the server; it cannot move from ${from} to ${to}` };
    },
  },
  ticket_history: {
    name: 'ticket_history',
    table: 'ticket_history',
    kind: 'append',
    columns: { ticketId: 'ticket_id', at: 'at', actorId: 'actor_id', action: 'action', changes: 'changes', note: 'note', hlc: 'hlc' },
    keyColumns: ['id'],
    schema: TicketHistoryValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['actorId'],
    clocks: ['hlc'],
  },
  ticket_note: {
    name: 'ticket_note',
    table: 'ticket_notes',
    kind: 'append',
    columns: { ticketId: 'ticket_id', authorId: 'author_id', body: 'body', at: 'at', hlc: 'hlc' },
    keyColumns: ['id'],
    schema: TicketNoteValuesSchema,
    // The ticket's team: whoever sees the ticket sees its notes (team scope), nobody else.
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['authorId'],
    clocks: ['hlc'],
    check: checkTicketNote,
  },
  article: {
    name: 'article',
    table: 'kb_articles',
    kind: 'lww',
    scope: 'global',
    columns: {
      title: 'title',
      body: 'body',
      product: 'product',
      category: 'category',
      tags: 'tags',
      status: 'status',
      authorId: 'author_id',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      publishedAt: 'published_at',
      sourceTicketId: 'source_ticket_id',
    },
    keyColumns: ['id'],
    schema: ArticleValuesSchema,
    // An agent's draft stays theirs; reviewers may hand an article to another author.
    fixed: { authorId: REVIEWER_ROLES, createdAt: [] },
    visible: (user, v) => articleVisible(user, v.status, v.authorId),
    check: (before, after, winning, user) => {
      // Agents write drafts of their own; publishing, retiring and editing
      // someone else's article is for reviewers (second line and up).
      if (isReviewer(user.role)) {
        if (before && winning.includes('status') && before.status !== after.status && !canMoveArticle(before.status as ArticleStatus, after.status as ArticleStatus)) {
          return { code: 'ILLEGAL_TRANSITION', message: `The article is now ${String(before.status)} on the server; it cannot move to ${String(after.status)}` };
        }
        return null;
      }
      const own = (before?.authorId ?? after.authorId) === user.username;
      if (!own || (before ? before.status !== 'draft' : false) || after.status !== 'draft') {
        return { code: 'FORBIDDEN', message: `A ${user.role} may only write drafts of their own; ask second line to publish or change this article` };
      }
      return null;
    },
  },
  article_version: {
    name: 'article_version',
    table: 'kb_article_versions',
    kind: 'append',
    scope: 'global',
    columns: {
      articleId: 'article_id',
      title: 'title',
      body: 'body',
      product: 'product',
      category: 'category',
      tags: 'tags',
      status: 'status',
      editorId: 'editor_id',
      at: 'at',
      note: 'note',
      changedFields: 'changed_fields',
      hlc: 'hlc',
    },
    keyColumns: ['id'],
    schema: ArticleVersionValuesSchema,
    parent: { entity: 'article', field: 'articleId' },
    actors: ['editorId'],
    clocks: ['hlc'],
    visible: (user, v) => articleVisible(user, v.status, v.editorId),
    // A version records a change its editor was allowed to make: below reviewer, drafts of one's own article only.
    check: (_before, after, _winning, user, { parent }) =>
      isReviewer(user.role) || (after.status === 'draft' && parent?.authorId === user.username && parent.status === 'draft')
        ? null
        : { code: 'FORBIDDEN', message: `A ${user.role} records versions of their own drafts only; ask second line to publish or change this article` },
  },
  article_vote: {
    name: 'article_vote',
    table: 'kb_votes',
    kind: 'append',
    scope: 'global',
    columns: { articleId: 'article_id', voterId: 'voter_id', vote: 'vote', at: 'at', hlc: 'hlc' },
    keyColumns: ['id'],
    schema: ArticleVoteValuesSchema,
    parent: { entity: 'article', field: 'articleId' },
    actors: ['voterId'],
    clocks: ['hlc'],
  },
  article_use: {
    name: 'article_use',
    table: 'kb_uses',
    kind: 'append',
    scope: 'global',
    columns: { articleId: 'article_id', ticketId: 'ticket_id', actorId: 'actor_id', at: 'at' },
    keyColumns: ['id'],
    schema: ArticleUseValuesSchema,
    parent: { entity: 'article', field: 'articleId' },
    actors: ['actorId'],
  },
  agent_state: {
    name: 'agent_state',
    table: 'agent_state_log',
    kind: 'append',
    columns: { agentId: 'agent_id', state: 'state', reason: 'reason', at: 'at', callId: 'call_id', hlc: 'hlc' },
    keyColumns: ['id'],
    schema: AgentStateValuesSchema,
    owners: ['agentId'],
    clocks: ['hlc'],
    // The log is attendance's source: only the agent writes their own states.
    check: (_before, after, _winning, user) => (after.agentId === user.username ? null : { code: 'FORBIDDEN', message: `Only ${String(after.agentId)} may log their own agent state` }),
  },
  call: {
    name: 'call',
    table: 'calls',
    kind: 'lww',
    columns: {
      externalId: 'external_id',
      source: 'source',
      direction: 'direction',
      number: 'number',
      numberKey: 'number_key',
      lineNumber: 'line_number',
      customerId: 'customer_id',
      agentId: 'agent_id',
      status: 'status',
      ringAt: 'ring_at',
      answerAt: 'answer_at',
      holdStartedAt: 'hold_started_at',
      holdSeconds: 'hold_seconds',
      endAt: 'end_at',
      wrapEndAt: 'wrap_end_at',
      disposition: 'disposition',
      note: 'note',
      settledAt: 'settled_at',
      settledBy: 'settled_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: CallValuesSchema,
    owners: ['agentId'],
    // A call record is its agent's; supervisors may correct it (its agent too: the agent cannot hand it to someone else).
    // A call that rang at an empty desk is the desk's: whoever works the missed list may.
    fixed: { agentId: ['supervisor', 'admin'], createdAt: [] },
    check: (before, after, _winning, user) =>
      (before?.agentId ?? after.agentId) === user.username || (before?.agentId ?? after.agentId) === DESK_AGENT_ID || user.role === 'supervisor' || user.role === 'admin'
        ? null
        : { code: 'FORBIDDEN', message: `Call records belong to the agent who took the call (${String(before?.agentId ?? after.agentId)})` },
  },
  call_ticket: {
    name: 'call_ticket',
    table: 'call_tickets',
    kind: 'append',
    columns: { callId: 'call_id', ticketId: 'ticket_id', actorId: 'actor_id', at: 'at' },
    keyColumns: ['call_id', 'ticket_id'],
    idOf: (v) => `${String(v.callId)}|${String(v.ticketId)}`,
    schema: CallTicketValuesSchema,
    parent: { entity: 'call', field: 'callId' },
    actors: ['actorId'],
  },
  handoff: {
    name: 'handoff',
    table: 'handoffs',
    kind: 'lww',
    columns: {
      ticketId: 'ticket_id',
      kind: 'kind',
      coordinatorId: 'coordinator_id',
      to: 'to_target',
      ask: 'ask',
      dueBy: 'due_by',
      scope: 'scope',
      status: 'status',
      answer: 'answer',
      answeredBy: 'answered_by',
      answeredAt: 'answered_at',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: HandoffValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['answeredBy'],
    check: checkHandoff,
  },
  work_order: {
    name: 'work_order',
    table: 'work_orders',
    kind: 'lww',
    columns: {
      ticketId: 'ticket_id',
      handoffId: 'handoff_id',
      engineer: 'engineer',
      address: 'address',
      appointmentAt: 'appointment_at',
      status: 'status',
      takenAt: 'taken_at',
      feedbackDueAt: 'feedback_due_at',
      feedback: 'feedback',
      feedbackAt: 'feedback_at',
      createdBy: 'created_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: WorkOrderValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['createdBy'],
    check: (before, after, winning) => checkWorkOrder(before, after, winning),
  },
  callback: {
    name: 'callback',
    table: 'callbacks',
    kind: 'lww',
    columns: {
      customerId: 'customer_id',
      ticketId: 'ticket_id',
      phone: 'phone',
      dueAt: 'due_at',
      ownerId: 'owner_id',
      status: 'status',
      note: 'note',
      outcome: 'outcome',
      doneAt: 'done_at',
      doneBy: 'done_by',
      createdBy: 'created_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: CallbackValuesSchema,
    parent: { entity: 'customer', field: 'customerId' },
    actors: ['createdBy', 'doneBy'],
    check: (before, after, winning, user) => checkCallback(before, after, winning, user),
  },
  follow_up: {
    name: 'follow_up',
    table: 'follow_ups',
    kind: 'lww',
    columns: {
      ticketId: 'ticket_id',
      kind: 'kind',
      assigneeId: 'assignee_id',
      forRole: 'for_role',
      dueAt: 'due_at',
      status: 'status',
      satisfaction: 'satisfaction',
      reason: 'reason',
      note: 'note',
      doneAt: 'done_at',
      doneBy: 'done_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: FollowUpValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['doneBy'],
    check: checkFollowUp,
  },
  // ---- reports (issue 15)
  quality_review: {
    name: 'quality_review',
    table: 'quality_reviews',
    kind: 'lww',
    columns: {
      ticketId: 'ticket_id',
      agentId: 'agent_id',
      reviewerId: 'reviewer_id',
      week: 'week',
      status: 'status',
      checks: 'checks',
      score: 'score',
      comment: 'comment',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      reviewedAt: 'reviewed_at',
    },
    keyColumns: ['id'],
    schema: QualityReviewValuesSchema,
    // The ticket's team: a team's supervisor reviews the team's tickets.
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['reviewerId'],
    fixed: { ticketId: [], agentId: [], week: [], createdAt: [] },
    // The reviewed agent sees their own reviews; supervisors and admins their team's.
    visible: (user, v) => v.agentId === user.username || SUPERVISING_ROLES.includes(user.role),
    check: (_before, _after, _winning, user) => (SUPERVISING_ROLES.includes(user.role) ? null : { code: 'FORBIDDEN', message: `Only supervisors and admins review quality; a ${user.role} sees their own reviews` }),
  },
  report_export: {
    name: 'report_export',
    table: 'report_exports',
    kind: 'append',
    columns: { actorId: 'actor_id', kind: 'kind', format: 'format', fromDate: 'from_date', toDate: 'to_date', team: 'team', rows: 'rows', fileName: 'file_name', at: 'at' },
    keyColumns: ['id'],
    schema: ReportExportValuesSchema,
    // An audit line is always taken (never lost to a role check); the actor must be the pushing user.
    actors: ['actorId'],
    visible: (user, v) => v.actorId === user.username || SUPERVISING_ROLES.includes(user.role),
  },
  setting: {
    name: 'setting',
    table: 'settings',
    kind: 'lww',
    scope: 'global',
    columns: { value: 'value', updatedBy: 'updated_by', updatedAt: 'updated_at' },
    // id: the setting's key, e.g. `console`
    keyColumns: ['id'],
    schema: SettingValuesSchema,
    actors: ['updatedBy'],
    check: (_before, _after, _winning, user) => (user.role === 'admin' ? null : { code: 'FORBIDDEN', message: 'Only an admin changes the center configuration' }),
  },
  // ---- announcements and defects (issue 15 points 4-5)
  announcement: {
    name: 'announcement',
    table: 'announcements',
    kind: 'lww',
    scope: 'global',
    columns: {
      title: 'title',
      body: 'body',
      level: 'level',
      team: 'team',
      validFrom: 'valid_from',
      validTo: 'valid_to',
      endedAt: 'ended_at',
      endedBy: 'ended_by',
      publishedBy: 'published_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: AnnouncementValuesSchema,
    actors: ['publishedBy', 'endedBy'],
    fixed: { publishedBy: [], createdAt: [] },
    visible: announcementVisible,
    check: (before, after, winning, user) => checkAnnouncement(before, after, winning, user),
  },
  announcement_ack: {
    name: 'announcement_ack',
    table: 'announcement_acks',
    kind: 'append',
    columns: { announcementId: 'announcement_id', agentId: 'agent_id', team: 'team', at: 'at', hlc: 'hlc' },
    keyColumns: ['announcement_id', 'agent_id'],
    idOf: (v) => `${String(v.announcementId)}|${String(v.agentId)}`,
    schema: AnnouncementAckValuesSchema,
    parent: { entity: 'announcement', field: 'announcementId' },
    actors: ['agentId'],
    clocks: ['hlc'],
    visible: ackVisible,
    check: (before, after, winning, user) => checkAck(before, after, winning, user),
  },
  announcement_ticket: {
    name: 'announcement_ticket',
    table: 'announcement_tickets',
    kind: 'lww',
    columns: {
      announcementId: 'announcement_id',
      ticketId: 'ticket_id',
      linkedBy: 'linked_by',
      linkedAt: 'linked_at',
      removedAt: 'removed_at',
      removedBy: 'removed_by',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: AnnouncementTicketValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['linkedBy', 'removedBy'],
    fixed: { announcementId: [], ticketId: [] },
  },
  defect: {
    name: 'defect',
    table: 'defects',
    kind: 'lww',
    scope: 'global',
    columns: {
      title: 'title',
      product: 'product',
      version: 'version',
      steps: 'steps',
      severity: 'severity',
      trackerRef: 'tracker_ref',
      status: 'status',
      statusBy: 'status_by',
      statusAt: 'status_at',
      statusNote: 'status_note',
      createdBy: 'created_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: DefectValuesSchema,
    actors: ['createdBy', 'statusBy'],
    fixed: { createdBy: [], createdAt: [] },
    check: (before, after, winning, user) => checkDefect(before, after, winning, user),
  },
  defect_ticket: {
    name: 'defect_ticket',
    table: 'defect_tickets',
    kind: 'lww',
    columns: {
      defectId: 'defect_id',
      ticketId: 'ticket_id',
      linkedBy: 'linked_by',
      linkedAt: 'linked_at',
      removedAt: 'removed_at',
      removedBy: 'removed_by',
      ownerNotedAt: 'owner_noted_at',
      ownerNotedBy: 'owner_noted_by',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: DefectTicketValuesSchema,
    parent: { entity: 'ticket', field: 'ticketId' },
    actors: ['linkedBy', 'removedBy', 'ownerNotedBy'],
    fixed: { defectId: [], ticketId: [] },
  },
  // ---- attendance plan (issue 16 points 2-3): admins edit shifts and the calendar; supervisors and admins rosters; everyone reads
  shift_type: {
    name: 'shift_type',
    table: 'shift_type',
    kind: 'lww',
    scope: 'global',
    columns: {
      code: 'code',
      name: 'name',
      start: 'start_time',
      end: 'end_time',
      breakMinutes: 'break_minutes',
      retiredAt: 'retired_at',
      updatedBy: 'updated_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: ShiftTypeValuesSchema,
    naturalId: (v) => String(v.code),
    actors: ['updatedBy'],
    fixed: { code: [] },
    check: (_before, _after, _winning, user) => checkShiftWrite(user),
  },
  holiday: {
    name: 'holiday',
    table: 'holiday',
    kind: 'lww',
    scope: 'global',
    columns: { date: 'date', kind: 'kind', name: 'name', removedAt: 'removed_at', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: HolidayValuesSchema,
    naturalId: (v) => String(v.date),
    actors: ['updatedBy'],
    fixed: { date: [] },
    check: (_before, _after, _winning, user) => checkHolidayWrite(user),
  },
  roster_entry: {
    name: 'roster_entry',
    table: 'roster_entry',
    kind: 'lww',
    columns: { agentId: 'agent_id', date: 'date', entry: 'entry', team: 'team', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: RosterEntryValuesSchema,
    naturalId: (v) => rosterEntryId(String(v.agentId), String(v.date)),
    actors: ['updatedBy'],
    // The row's team is the agent's: an admin places it (teamForNewRow), a supervisor only in their own team (check).
    fixed: { agentId: [], date: [], team: ['admin'] },
    check: (before, after, _winning, user) => checkRosterWrite(before, after, user),
  },
  // ---- duty roster (issue 16 point 7)
  duty_entry: {
    name: 'duty_entry',
    table: 'duty_entry',
    kind: 'lww',
    scope: 'global',
    columns: {
      date: 'date',
      start: 'start_time',
      end: 'end_time',
      agentId: 'agent_id',
      phone: 'phone',
      backupId: 'backup_id',
      removedAt: 'removed_at',
      removedBy: 'removed_by',
      createdBy: 'created_by',
      updatedBy: 'updated_by',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: DutyEntryValuesSchema,
    actors: ['createdBy', 'updatedBy', 'removedBy'],
    fixed: { createdBy: [], createdAt: [] },
    check: (_before, _after, _winning, user) => checkDutyEntry(user),
  },
  // ---- knowledge base synonyms (issue 17)
  kb_synonym: {
    name: 'kb_synonym',
    table: 'kb_synonyms',
    kind: 'lww',
    scope: 'global',
    columns: { words: 'words', removedAt: 'removed_at', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: KbSynonymValuesSchema,
    actors: ['updatedBy'],
    fixed: { createdAt: [] },
    check: (_before, _after, _winning, user) => (user.role === 'admin' ? null : { code: 'FORBIDDEN', message: 'Only an admin maintains the knowledge base synonyms' }),
  },
  // ---- attendance: corrections and overtime claims (issue 16 points 4-5)
  attendance_correction: {
    name: 'attendance_correction',
    table: 'attendance_correction',
    kind: 'append',
    columns: { agentId: 'agent_id', state: 'state', reason: 'reason', at: 'at', note: 'note', source: 'source', actorId: 'actor_id', team: 'team', createdAt: 'created_at', hlc: 'hlc' },
    keyColumns: ['id'],
    schema: AttendanceCorrectionValuesSchema,
    actors: ['actorId'],
    clocks: ['hlc'],
    visible: ownOrSupervising,
    check: checkCorrection,
  },
  overtime_claim: {
    name: 'overtime_claim',
    table: 'overtime_claim',
    kind: 'lww',
    columns: {
      agentId: 'agent_id',
      team: 'team',
      date: 'date',
      kind: 'kind',
      minutes: 'minutes',
      status: 'status',
      approvedMinutes: 'approved_minutes',
      compensation: 'compensation',
      agentReason: 'agent_reason',
      decidedBy: 'decided_by',
      decidedAt: 'decided_at',
      rejectReason: 'reject_reason',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    keyColumns: ['id'],
    schema: OvertimeClaimValuesSchema,
    owners: ['agentId'],
    actors: ['decidedBy'],
    // Two PCs computing the same claim create it with their own createdAt: only what its id is made of is fixed.
    fixed: { agentId: [], date: [], kind: [] },
    visible: ownOrSupervising,
    check: checkOvertimeClaim,
  },
  // ---- teams, seats and skills (issue 16 point 1): only admins write; everyone reads (pickers, the directory).
  // The server also checks what needs other rows (server/teams.ts): SEAT_TAKEN, LEADER_*, TEAM_UNKNOWN, SKILL_UNKNOWN.
  team: {
    name: 'team',
    table: 'team',
    kind: 'lww',
    scope: 'global',
    columns: { name: 'name', leader: 'leader', deactivatedAt: 'deactivated_at', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: TeamValuesSchema,
    actors: ['updatedBy'],
    fixed: { createdAt: [] },
    check: (_before, _after, _winning, user) => teamsWriteProblem(user, 'teams'),
  },
  skill: {
    name: 'skill',
    table: 'skill',
    kind: 'lww',
    scope: 'global',
    columns: { kind: 'kind', code: 'code', name: 'name', retiredAt: 'retired_at', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: SkillValuesSchema,
    naturalId: (v) => String(v.code),
    actors: ['updatedBy'],
    fixed: { code: [], createdAt: [] },
    check: (_before, _after, _winning, user) => teamsWriteProblem(user, 'skills'),
  },
  agent_profile: {
    name: 'agent_profile',
    table: 'agent_profile',
    kind: 'lww',
    scope: 'global',
    columns: { agentId: 'agent_id', team: 'team', seat: 'seat', skills: 'skills', joinedOn: 'joined_on', updatedBy: 'updated_by', createdAt: 'created_at', updatedAt: 'updated_at' },
    keyColumns: ['id'],
    schema: AgentProfileValuesSchema,
    // One profile per agent: every PC looks it up by the agent, so a second id for the same agent would split it.
    naturalId: (v) => String(v.agentId),
    actors: ['updatedBy'],
    fixed: { agentId: [], createdAt: [] },
    check: (_before, _after, _winning, user) => teamsWriteProblem(user, 'agent profiles'),
  },
} as const satisfies Record<string, EntityDecl>;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];
export const EntityNameSchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

export function entityDecl(name: EntityName): EntityDecl {
  return ENTITIES[name];
}

/**
 * Order in which a batch of pulled rows is applied locally, parents first, so
 * foreign keys hold whatever order the server sent them in.
 */
export const APPLY_ORDER: readonly EntityName[] = [
  'customer',
  'customer_phone',
  'ticket',
  'ticket_history',
  'ticket_note',
  'article',
  'article_version',
  'article_vote',
  'article_use',
  'setting',
  'agent_state',
  'call',
  'call_ticket',
  'handoff',
  'work_order',
  'callback',
  'follow_up',
  'quality_review',
  'report_export',
  // ---- announcements and defects (issue 15 points 4-5)
  'announcement',
  'announcement_ack',
  'announcement_ticket',
  'defect',
  'defect_ticket',
  // ---- attendance plan (issue 16 points 2-3)
  'shift_type',
  'holiday',
  'roster_entry',
  // ---- duty roster (issue 16 point 7)
  'duty_entry',
  // ---- knowledge base synonyms (issue 17)
  'kb_synonym',
  // ---- attendance: corrections and overtime claims (issue 16 points 4-5)
  'attendance_correction',
  'overtime_claim',
  // ---- teams, seats and skills (issue 16 point 1)
  'team',
  'skill',
  'agent_profile',
];

/** Per-field clocks: `{ field: hlc }`, `*` standing for every field not written since creation. */
export const CREATED_HLC_KEY = '*';
export type FieldHlc = Record<string, string>;
export function fieldHlcOf(map: FieldHlc, field: string): string | undefined {
  return map[field] ?? map[CREATED_HLC_KEY];
}
