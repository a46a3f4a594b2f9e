import type { z } from 'zod';
import { HANDOFF_STATUS_OF } from '../shared/desk/schema.js';
import { CREATED_HLC_KEY, ENTITIES, fieldHlcOf, type EntityDecl, type EntityName, type FieldHlc } from '../shared/sync/entities.js';
import type { PulledRow, RowChange, SessionUser } from '../shared/sync/protocol.js';
import type { Queryable } from './db.js';
import { describeProblems, fieldProblems } from './errors.js';
import { loadRows, rowKey, type StoredRow } from './rows.js';
import { canSeeRow, inScope, isGlobal, passesVisible, teamForNewRow } from './visibility.js';

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
      if (parent && typeof parentId === 'string') keys.set(rowKey(parent.entity, parentId), { entity: parent.entity, id: parentId });
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

  /** The team a new row gets: its parent's for a child record, else the creator's. */
  private async teamOfNew(decl: EntityDecl, id: string, values: Record<string, unknown>): Promise<string | null> {
    if (!decl.parent) return teamForNewRow(this.user, values, decl.name);
    const parentId = values[decl.parent.field];
    const parent = typeof parentId === 'string' ? await this.row(decl.parent.entity as EntityName, parentId) : null;
    if (!parent || !this.exists(parent) || !canSeeRow(this.user, parent.entity, parent.team, parent.values)) {
      throw new Rejection('NOT_FOUND', `${decl.name} ${id}: its ${decl.parent.entity} ${String(parentId)} does not exist on the server or is not visible to you`);
    }
    // A child of a global row is global (no team); a team row's child takes its team.
    return isGlobal(decl.name) ? null : parent.team;
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

  /** Immutable records: inserted once; a replay of the same id changes nothing. */
  private async append(decl: EntityDecl, change: RowChange): Promise<void> {
    const parsed = decl.schema.safeParse(change.values);
    if (!parsed.success) throw invalid(decl.name, change.id, parsed.error);
    const values = parsed.data as Record<string, unknown>;
    if (decl.idOf && decl.idOf(values) !== change.id) {
      throw new Rejection('VALIDATION_FAILED', `Invalid ${decl.name} ${change.id}: its id must be ${decl.idOf(values)}, derived from its values`);
    }
    const t = await this.row(change.entity, change.id);
    if (this.exists(t)) return;
    t.team = await this.teamOfNew(decl, change.id, values);
    t.values = values;
    t.fieldHlc = { [CREATED_HLC_KEY]: this.hlc };
    t.dirty = true;
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

    if (!this.exists(t)) {
      const full = decl.schema.safeParse(values);
      if (!full.success) throw invalid(decl.name, change.id, full.error);
      const team = await this.teamOfNew(decl, change.id, values);
      const err = decl.check?.(null, values, fields, this.user) ?? null;
      if (err) throw new Rejection(err.code, err.message);
      Object.assign(t, { team, values, fieldHlc: { [CREATED_HLC_KEY]: this.hlc }, dirty: true });
      for (const f of fields) t.written.add(f);
      return;
    }

    if (!inScope(this.user, decl.name, t.team)) throw new Rejection('FORBIDDEN', `${decl.name} ${change.id} belongs to another team: you may not change it`);
    if (!passesVisible(this.user, decl.name, t.values)) throw new Rejection('FORBIDDEN', `${decl.name} ${change.id} is not visible to you: you may not change it`);
    // HLC strings sort like their (wall, counter, node) tuples: plain string comparison is the clock order.
    const winning = fields.filter((f) => t.written.has(f) || this.hlc > (fieldHlcOf(t.fieldHlc, f) ?? ''));
    const after = { ...t.values };
    for (const f of winning) after[f] = values[f];
    const full = decl.schema.safeParse(after);
    if (!full.success) throw invalid(decl.name, change.id, full.error);
    const err = decl.check?.(t.values, after, winning, this.user) ?? null;
    if (err) throw new Rejection(err.code, err.message);
    for (const f of fields) if (!winning.includes(f)) t.lost.add(f);
    if (winning.length === 0) return;
    t.values = after;
    for (const f of winning) {
      t.fieldHlc[f] = this.hlc;
      t.written.add(f);
    }
    t.dirty = true;
  }
}
