import type { z } from 'zod';
import { HANDOFF_STATUS_OF } from '../shared/desk/schema.js';
import { CREATED_HLC_KEY, ENTITIES, fieldHlcOf, type EntityDecl, type EntityName, type FieldHlc } from '../shared/sync/entities.js';
import type { PulledRow, RowChange, SessionUser } from '../shared/sync/protocol.js';
import { isStorableText } from '../shared/text.js';
import type { Queryable } from './db.js';
import { describeProblems, fieldProblems } from './errors.js';
import { loadRows, rowKey, TICKET_RECORDS, type StoredRow } from './rows.js';
import { canSee, canSeeRow, isGlobal, teamForNewRow } from './visibility.js';

/*
 * Planning a mutation: the merge rules of shared/sync/entities.ts applied to
 * the server's current rows, in memory. Nothing here writes; push.ts writes
 * the outcome.
 */

/** The whole mutation is refused with this; nothing of it is written. */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One row a mutation touches: what the server held, and what it will hold. */
export interface Touched {
  entity: EntityName;
  id: string;
  stored: StoredRow | null;
  team: string | null;
  /** other teams the row is shared with (a handed-off ticket's records), null: none */
  shared: string[] | null;
  values: Record<string, unknown>;
  fieldHlc: FieldHlc;
  seq: number | null;
  /** fields this mutation wrote: a later change in the same mutation overrides them */
  written: Set<string>;
  lost: Set<string>;
  dirty: boolean;
}

/** Per-entity schemas for a partial change (only the fields it wrote). */
const PARTIAL = new Map<string, z.ZodObject>(Object.values(ENTITIES).map((d: EntityDecl) => [d.name, d.schema.partial()]));

function invalid(entity: string, id: string, error: z.ZodError): Rejection {
  return new Rejection('VALIDATION_FAILED', `Invalid ${entity} ${id}: ${describeProblems(fieldProblems(error))}`);
}

export function toPulled(t: Touched): PulledRow {
  return { entity: t.entity, id: t.id, values: t.values, fieldHlc: t.fieldHlc, seq: t.seq ?? 0 };
}

export function storedToPulled(s: StoredRow): PulledRow {
  return { entity: s.entity, id: s.id, values: s.values, fieldHlc: s.fieldHlc, seq: s.seq };
}

/**
 * Works out a mutation against the current rows without writing anything:
 * either every change is acceptable (and `touched` holds the rows to write)
 * or a Rejection is thrown and the whole mutation is refused.
 */
export class MutationPlan {
  readonly touched = new Map<string, Touched>();
  /** every row the mutation names (and the parents its records name), read in one query; null: not on the server */
  private readonly loaded = new Map<string, StoredRow | null>();

  constructor(
    private readonly tx: Queryable,
    private readonly user: SessionUser,
    private readonly hlc: string,
  ) {}

  async prefetch(changes: readonly RowChange[]): Promise<void> {
    const keys = new Map<string, { entity: string; id: string }>();
    for (const c of changes) {
      keys.set(rowKey(c.entity, c.id), { entity: c.entity, id: c.id });
      const parent = (ENTITIES[c.entity] as EntityDecl).parent;
      const parentId = parent ? c.values[parent.field] : undefined;
      // Not yet validated: text the database cannot take is left to the schema's refusal, never sent in a query.
      if (parent && typeof parentId === 'string' && isStorableText(parentId)) keys.set(rowKey(parent.entity, parentId), { entity: parent.entity, id: parentId });
    }
    // Locked for this transaction in one order (loadRows sorts), so two pushes touching the same rows cannot deadlock.
    const found = await loadRows(this.tx, [...keys.values()], { forUpdate: true });
    for (const key of keys.keys()) this.loaded.set(key, found.get(key) ?? null);
  }

  private async row(entity: EntityName, id: string): Promise<Touched> {
    const key = rowKey(entity, id);
    let t = this.touched.get(key);
    if (!t) {
      const stored = this.loaded.has(key) ? (this.loaded.get(key) ?? null) : ((await loadRows(this.tx, [{ entity, id }], { forUpdate: true })).get(key) ?? null);
      t = {
        entity,
        id,
        stored,
        team: stored?.team ?? null,
        shared: stored?.shared ?? null,
        values: stored ? { ...stored.values } : {},
        fieldHlc: stored ? { ...stored.fieldHlc } : {},
        seq: stored?.seq ?? null,
        written: new Set(),
        lost: new Set(),
        dirty: false,
      };
      this.touched.set(key, t);
    }
    return t;
  }

  private exists(t: Touched): boolean {
    return t.stored !== null || t.dirty;
  }

  /** The team a new row gets (its parent's for a child record, else the creator's), and the teams it is shared with (its parent's). */
  private async placeOfNew(decl: EntityDecl, id: string, values: Record<string, unknown>): Promise<{ team: string | null; shared: string[] | null }> {
    if (!decl.parent) return { team: teamForNewRow(this.user, values, decl.name), shared: null };
    const parentId = values[decl.parent.field];
    const parent = typeof parentId === 'string' ? await this.row(decl.parent.entity as EntityName, parentId) : null;
    if (!parent || !this.exists(parent) || !this.visible(parent)) {
      throw new Rejection('NOT_FOUND', `${decl.name} ${id}: its ${decl.parent.entity} ${String(parentId)} does not exist on the server or is not visible to you`);
    }
    if (this.sharedOnly(parent)) throw sharedReadOnly(parent);
    // A child of a global row is global (no team); a team row's child takes its team and its shares.
    return isGlobal(decl.name) ? { team: null, shared: null } : { team: parent.team, shared: parent.shared };
  }

  /**
   * A hand-off written in this mutation to a team that does not own the
   * ticket shares the ticket with that team: the ticket, its records and its
   * customer are rewritten (new seq, same values) with the team added, so
   * the team's next pull brings them and its members may answer. A share is
   * never taken back: the team that worked a ticket keeps its record.
   */
  async shareHandoffs(load: (ticketId: string, customerId: string | null) => Promise<StoredRow[]>): Promise<void> {
    const handoffs = [...this.touched.values()].filter((t) => t.entity === 'handoff' && t.dirty && (t.stored === null || t.written.has('to')));
    for (const h of handoffs) {
      const to = h.values.to;
      const ticketId = h.values.ticketId;
      if (typeof to !== 'string' || typeof ticketId !== 'string') continue;
      const ticket = await this.row('ticket', ticketId);
      if (!this.exists(ticket) || ticket.team === null || ticket.team === to || ticket.shared?.includes(to)) continue;
      const customerId = typeof ticket.values.customerId === 'string' ? ticket.values.customerId : null;
      const family = new Set<string>();
      for (const stored of await load(ticketId, customerId)) {
        const key = rowKey(stored.entity, stored.id);
        if (!this.loaded.has(key)) this.loaded.set(key, stored);
        family.add(key);
      }
      // Records this mutation creates are not stored yet: they join the family by their ticket.
      for (const t of this.touched.values()) if (t.dirty && t.values.ticketId === ticketId && TICKET_RECORDS.includes(t.entity)) family.add(rowKey(t.entity, t.id));
      family.add(rowKey('ticket', ticketId));
      for (const key of family) {
        const [entity, id] = key.split('\u0000') as [EntityName, string];
        const t = await this.row(entity, id);
        if (!this.exists(t) || t.team === to || t.shared?.includes(to)) continue;
        t.shared = [...(t.shared ?? []), to];
        t.dirty = true;
      }
    }
  }

  /**
   * Rules over the whole mutation, once every change is planned. A ticket
   * moves to escalated, transferred or dispatched only together with the
   * hand-off that says what is asked, by when and in what scope (as
   * tickets:handoff writes them, in one mutation): a client cannot hand a
   * ticket over with no one told what to do.
   */
  verify(): void {
    const kindOf = new Map<string, string>(Object.entries(HANDOFF_STATUS_OF).map(([kind, status]) => [status, kind]));
    for (const t of this.touched.values()) {
      if (t.entity !== 'ticket' || !t.written.has('status')) continue;
      const to = t.values.status;
      const kind = typeof to === 'string' ? kindOf.get(to) : undefined;
      if (!kind || t.stored?.values.status === to) continue;
      const withHandoff = [...this.touched.values()].some((h) => h.entity === 'handoff' && h.stored === null && h.dirty && h.values.ticketId === t.id && h.values.kind === kind);
      if (!withHandoff) {
        throw new Rejection('HANDOFF_REQUIRED', `Ticket ${String(t.values.no ?? t.id)} moves to ${String(to)} only with a new ${kind} hand-off (what is asked, by when, scope) in the same change`);
      }
    }
  }

  async apply(change: RowChange): Promise<void> {
    const decl: EntityDecl = ENTITIES[change.entity];
    if (decl.kind === 'append') await this.append(decl, change);
    else await this.lww(decl, change);
  }

  /**
   * Immutable records: inserted once; a replay of the same id changes
   * nothing. Checked like any other write (clocks, actors, the entity's
   * `check` with the acting user) before anything else, replays included.
   */
  private async append(decl: EntityDecl, change: RowChange): Promise<void> {
    const parsed = decl.schema.safeParse(change.values);
    if (!parsed.success) throw invalid(decl.name, change.id, parsed.error);
    const values = parsed.data as Record<string, unknown>;
    if (decl.idOf && decl.idOf(values) !== change.id) {
      throw new Rejection('VALIDATION_FAILED', `Invalid ${decl.name} ${change.id}: its id must be ${decl.idOf(values)}, derived from its values`);
    }
    const fields = Object.keys(values);
    const t = await this.row(change.entity, change.id);
    // The parent first: the same answer whether or not a record with this id exists.
    const place = await this.placeOfNew(decl, change.id, values);
    this.checkWrite(decl, change.id, null, values, fields, fields);
    this.runCheck(decl, null, values, fields);
    if (this.exists(t)) {
      if (!this.visible(t)) throw idTaken(decl.name, change.id);
      return;
    }
    Object.assign(t, { ...place, values, fieldHlc: { [CREATED_HLC_KEY]: this.hlc }, dirty: true });
  }

  /** Plain fields merge one by one: the newer clock wins each field. */
  private async lww(decl: EntityDecl, change: RowChange): Promise<void> {
    const known = decl.schema.shape;
    const unknown = Object.keys(change.values).filter((k) => !Object.hasOwn(known, k));
    if (unknown.length > 0) throw new Rejection('VALIDATION_FAILED', `Invalid ${decl.name} ${change.id}: unknown field ${unknown.join(', ')}`);
    const partial = (PARTIAL.get(decl.name) as z.ZodObject).safeParse(change.values);
    if (!partial.success) throw invalid(decl.name, change.id, partial.error);
    const values = partial.data as Record<string, unknown>;
    const fields = Object.keys(values);
    const t = await this.row(change.entity, change.id);

    if (!this.exists(t) || !this.visible(t)) {
      // A row this user may not see is answered exactly as a row that does not exist.
      const full = decl.schema.safeParse(values);
      if (!full.success) {
        throw new Rejection('NOT_FOUND', `${decl.name} ${change.id} does not exist on the server or is not visible to you (a new ${decl.name} carries all its fields)`);
      }
      if (decl.naturalId && decl.naturalId(full.data) !== change.id) {
        throw new Rejection('VALIDATION_FAILED', `Invalid ${decl.name} ${change.id}: a new ${decl.name} has the id ${decl.naturalId(full.data)}, derived from its values (one row per key)`);
      }
      const place = await this.placeOfNew(decl, change.id, values);
      this.checkWrite(decl, change.id, null, values, fields, fields);
      this.runCheck(decl, null, values, fields);
      if (this.exists(t)) throw idTaken(decl.name, change.id);
      Object.assign(t, { ...place, values, fieldHlc: { [CREATED_HLC_KEY]: this.hlc }, dirty: true });
      for (const f of fields) t.written.add(f);
      return;
    }

    if (this.sharedOnly(t)) throw sharedReadOnly(t);
    // HLC strings sort like their (wall, counter, node) tuples: plain string comparison is the clock order.
    const winning = fields.filter((f) => t.written.has(f) || this.hlc > (fieldHlcOf(t.fieldHlc, f) ?? ''));
    const after = { ...t.values };
    for (const f of winning) after[f] = values[f];
    const full = decl.schema.safeParse(after);
    if (!full.success) {
      // Judged on what this change writes: a stored field an older server accepted does not block every later edit.
      const mine = full.error.issues.filter((i) => i.path.length === 0 || fields.includes(String(i.path[0])));
      if (mine.length > 0) throw new Rejection('VALIDATION_FAILED', `Invalid ${decl.name} ${change.id}: ${describeProblems(fieldProblems({ issues: mine } as z.ZodError))}`);
    }
    this.checkFixed(decl, change.id, t.values, after, winning);
    this.checkWrite(decl, change.id, t.values, values, fields, winning);
    this.runCheck(decl, t.values, after, winning);
    for (const f of fields) if (!winning.includes(f)) t.lost.add(f);
    if (winning.length === 0) return;
    t.values = after;
    for (const f of winning) {
      t.fieldHlc[f] = this.hlc;
      t.written.add(f);
    }
    t.dirty = true;
  }

  /**
   * A customer (and what hangs on it) reached only through a ticket handed
   * to the user's team is read-only for that team: second line reads who the
   * customer is to work the ticket; the owning team keeps the record.
   */
  private sharedOnly(t: Touched): boolean {
    return (t.entity === 'customer' || t.entity === 'customer_phone') && !isGlobal(t.entity) && !canSee(this.user, t.team) && this.visible(t);
  }

  /** Whether the acting user may see (and so reach) this row as it stands now. */
  private visible(t: Touched): boolean {
    return canSeeRow(this.user, t.entity, t.team, t.values, t.shared);
  }

  /** The entity's own rule, given the acting user (and for a new child, its parent as this mutation leaves it). */
  private runCheck(decl: EntityDecl, before: Record<string, unknown> | null, after: Record<string, unknown>, winning: readonly string[]): void {
    if (!decl.check) return;
    const parentId = decl.parent && before === null ? after[decl.parent.field] : undefined;
    const parent = decl.parent && typeof parentId === 'string' ? (this.touched.get(rowKey(decl.parent.entity, parentId))?.values ?? null) : null;
    const err = decl.check(before, after, winning, this.user, { parent });
    if (err) throw new Rejection(err.code, err.message);
  }

  /**
   * The declared rules on who and when (EntityDecl.actors, clocks): an actor
   * field this write sets to a new value must name the pushing user; a clock
   * inside the values is never later than the mutation's own clock (which
   * precheck holds to the server's time).
   */
  private checkWrite(decl: EntityDecl, id: string, before: Record<string, unknown> | null, values: Record<string, unknown>, written: readonly string[], winning: readonly string[]): void {
    for (const f of decl.actors ?? []) {
      if (!written.includes(f)) continue;
      const v = values[f];
      if (v === null || v === undefined || v === this.user.username || (before !== null && before[f] === v)) continue;
      throw new Rejection(
        'ACTOR_MISMATCH',
        `${decl.name} ${id}: ${f} names ${String(v)}, but the change is pushed by ${this.user.username}; a record names only the person who pushes it as having done something`,
      );
    }
    for (const f of decl.clocks ?? []) {
      const v = values[f];
      if (!winning.includes(f) || typeof v !== 'string') continue;
      if (v > this.hlc) {
        throw new Rejection('CLOCK_AHEAD', `${decl.name} ${id}: its ${f} ${v} is later than the clock of the change that carries it (${this.hlc})`);
      }
    }
  }

  /** EntityDecl.fixed: set at creation, changed later only by the roles listed. */
  private checkFixed(decl: EntityDecl, id: string, before: Record<string, unknown>, after: Record<string, unknown>, winning: readonly string[]): void {
    for (const [f, roles] of Object.entries(decl.fixed ?? {})) {
      if (!winning.includes(f) || before[f] === after[f] || roles.includes(this.user.role)) continue;
      throw new Rejection('FIELD_FIXED', `${decl.name} ${id}: ${f} is set when it is created and cannot change${roles.length > 0 ? ` (except by ${roles.join(', ')})` : ''}`);
    }
  }
}

function sharedReadOnly(t: Touched): Rejection {
  return new Rejection('FORBIDDEN', `${t.entity} ${t.id} belongs to team ${String(t.team)}; a team a ticket was handed to reads its customer but does not change it`);
}

/** A new row whose id a row this user may not see already has: refused, never answered as applied. */
function idTaken(entity: string, id: string): Rejection {
  return new Rejection('ID_TAKEN', `${entity} ${id}: this id is already taken on the server; the change was not applied`);
}
