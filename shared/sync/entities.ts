import { z } from 'zod';
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
 * Visibility: a row belongs to a team (the pushing user's team when created,
 * or its parent's team for a child record). Agents, seniors and supervisors
 * see their team's rows; admins see all.
 */

const ts = z.string().min(1).max(40);
const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullable();
const id = z.string().min(1).max(LIMITS.id);

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
  /**
   * Server-side rule on a winning change, before it is stored. Returns an
   * error to reject the whole mutation (it then goes to the client's sync
   * problems list), or null.
   */
  check?: (before: Record<string, unknown> | null, after: Record<string, unknown>, winning: readonly string[]) => { code: string; message: string } | null;
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
export const APPLY_ORDER: readonly EntityName[] = ['customer', 'customer_phone', 'ticket', 'ticket_history'];

/** Per-field clocks: `{ field: hlc }`, `*` standing for every field not written since creation. */
export const CREATED_HLC_KEY = '*';
export type FieldHlc = Record<string, string>;
export function fieldHlcOf(map: FieldHlc, field: string): string | undefined {
  return map[field] ?? map[CREATED_HLC_KEY];
}
