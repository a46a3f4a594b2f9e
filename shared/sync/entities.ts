import { z } from 'zod';
import { ArticleStatusSchema, canMoveArticle, type ArticleStatus } from '../kb/schema.js';
import { isReviewer, type Actor } from '../roles.js';
import { canTransition, type TicketStatus } from '../tickets/stateMachine.js';
import { CategorySchema, ChannelSchema, HISTORY_ACTIONS, LIMITS, SeveritySchema, TicketStatusSchema } from '../tickets/schema.js';

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
 * Text PostgreSQL can store in jsonb: no NUL character and no lone UTF-16
 * surrogate (both pass JSON, both make the database refuse the row). Refused
 * here they are a clear VALIDATION_FAILED rejection, not a server error.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const STORABLE = /^[^\u0000\uD800-\uDFFF]*$|^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const text = (max: number) => z.string().max(max).regex(STORABLE, 'Text with a NUL character or a broken surrogate pair cannot be stored');
const optText = (max: number) => text(max).nullable();
const ts = text(40).min(1);
const id = text(LIMITS.id).min(1);

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
   * Server-side rule on a winning change, before it is stored. Returns an
   * error to reject the whole mutation (it then goes to the client's sync
   * problems list), or null.
   */
  check?: (before: Record<string, unknown> | null, after: Record<string, unknown>, winning: readonly string[], user: Actor) => { code: string; message: string } | null;
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
  hlc: text(64).min(1),
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
  hlc: text(64).min(1),
});

export const ArticleVoteValuesSchema = z.strictObject({
  articleId: id,
  voterId: text(LIMITS.id).min(1),
  vote: z.enum(['helpful', 'not_helpful']),
  at: ts,
  hlc: text(64).min(1),
});

export const ArticleUseValuesSchema = z.strictObject({
  articleId: id,
  ticketId: id,
  actorId: text(LIMITS.id).min(1),
  at: ts,
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
    check: (before, after, winning) => {
      // Status changes are re-checked against the state machine from the
      // server's current status: two agents moving the same ticket offline
      // cannot together produce a transition the life cycle forbids.
      if (!before || !winning.includes('status') || before.status === after.status) return null;
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
    visible: (user, v) => articleVisible(user, v.status, v.editorId),
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
export const APPLY_ORDER: readonly EntityName[] = ['customer', 'customer_phone', 'ticket', 'ticket_history', 'article', 'article_version', 'article_vote', 'article_use'];

/** Per-field clocks: `{ field: hlc }`, `*` standing for every field not written since creation. */
export const CREATED_HLC_KEY = '*';
export type FieldHlc = Record<string, string>;
export function fieldHlcOf(map: FieldHlc, field: string): string | undefined {
  return map[field] ?? map[CREATED_HLC_KEY];
}
