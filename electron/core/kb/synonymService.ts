import { DEFAULT_SYNONYMS, SynonymCreateSchema, SynonymRemoveSchema, SynonymUpdateSchema, type SynonymGroup } from '../../../shared/kb/synonyms.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import type { Actor } from '../../../shared/roles.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/**
 * The knowledge base's synonym list (issue 17): groups of words a query word
 * expands to. A synced entity (`kb_synonym`, global); only admins write it
 * (checked here and by the server). While the list was never edited, the
 * defaults (shared/kb/synonyms.ts) are in force and listed as such; the first
 * edit saves them as rows with fixed ids (`kbsyn-default-NN`: two PCs doing
 * a first edit offline merge into the same rows) and then applies the edit.
 */

interface Row {
  id: string;
  words: string;
  removed_at: string | null;
  updated_by: string;
  updated_at: string;
  field_hlc: string;
}

const defaultId = (i: number) => `kbsyn-default-${String(i + 1).padStart(2, '0')}`;

function parseWords(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function listSynonyms(r: SqlReader): SynonymGroup[] {
  const rows = r.all<Row>('SELECT * FROM kb_synonyms WHERE removed_at IS NULL ORDER BY created_at, id');
  const count = r.get<{ n: number }>('SELECT count(*) AS n FROM kb_synonyms')?.n ?? 0;
  if (count === 0) return DEFAULT_SYNONYMS.map((words, i) => ({ id: defaultId(i), words: [...words], updatedBy: '', updatedAt: '', isDefault: true }));
  return rows.map((x) => ({ id: x.id, words: parseWords(x.words), updatedBy: x.updated_by, updatedAt: x.updated_at, isDefault: false }));
}

function requireAdmin(user: Actor): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin maintains the knowledge base synonyms');
}

function push(w: SqlWriter, s: Stamp, id: string, values: Record<string, unknown>): void {
  appendOutbox(w, s, { name: 'kb:synonyms', entity: 'kb_synonym', entityId: id, changes: [{ entity: 'kb_synonym', id, values }] });
}

function insert(w: SqlWriter, ctx: DomainContext, s: Stamp, id: string, words: readonly string[]): void {
  const values = { words: JSON.stringify(words), removedAt: null, updatedBy: ctx.actorId, createdAt: s.at, updatedAt: s.at };
  w.run('INSERT INTO kb_synonyms (id, words, removed_at, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, NULL, ?, ?, ?, ?)', [id, values.words, ctx.actorId, s.at, s.at, createdFieldHlc(s.hlc)]);
  push(w, s, id, values);
}

/** The first edit of a never-edited list saves the defaults first. */
function materialise(w: SqlWriter, ctx: DomainContext, s: Stamp): void {
  if ((w.get<{ n: number }>('SELECT count(*) AS n FROM kb_synonyms')?.n ?? 0) > 0) return;
  DEFAULT_SYNONYMS.forEach((words, i) => insert(w, ctx, s, defaultId(i), words));
}

function requireRow(w: SqlWriter, id: string): Row {
  const row = w.get<Row>('SELECT * FROM kb_synonyms WHERE id = ? AND removed_at IS NULL', [id]);
  if (!row) throw new AppError('NOT_FOUND', `No synonym group ${id}`, [{ path: 'id', code: 'not_found', message: 'No such synonym group' }]);
  return row;
}

function update(w: SqlWriter, ctx: DomainContext, s: Stamp, row: Row, values: Record<string, unknown>, columns: Record<string, unknown>): void {
  const sets = Object.keys(columns).map((c) => `${c} = ?`);
  w.run(`UPDATE kb_synonyms SET ${sets.join(', ')}, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?`, [
    ...Object.values(columns) as (string | null)[],
    ctx.actorId,
    s.at,
    mergeFieldHlc(row.field_hlc, [...Object.keys(values), 'updatedBy', 'updatedAt'], s.hlc),
    row.id,
  ]);
  push(w, s, row.id, { ...values, updatedBy: ctx.actorId, updatedAt: s.at });
}

export interface SynonymService {
  list(): SynonymGroup[];
  create(req: unknown): SynonymGroup[];
  update(req: unknown): SynonymGroup[];
  remove(req: unknown): SynonymGroup[];
}

export function createSynonymService(deps: { ctx: DomainContext; actor: () => Actor; onChanged: () => void }): SynonymService {
  const { ctx } = deps;
  const write = (fn: (w: SqlWriter, s: Stamp) => void): SynonymGroup[] => {
    requireAdmin(deps.actor());
    const out = ctx.store.write((w) => {
      materialise(w, ctx, stamp(ctx));
      // a clock of its own: an edit of a default group must win over the default's creation
      fn(w, stamp(ctx));
      return listSynonyms(w);
    });
    deps.onChanged();
    return out;
  };
  return {
    list: () => ctx.store.read((r) => listSynonyms(r)),
    create: (req) => {
      const { words } = parseOrThrow(SynonymCreateSchema, req);
      return write((w, s) => insert(w, ctx, s, ctx.newId(), words));
    },
    update: (req) => {
      const { id, words } = parseOrThrow(SynonymUpdateSchema, req);
      return write((w, s) => {
        const row = requireRow(w, id);
        const json = JSON.stringify(words);
        update(w, ctx, s, row, { words: json }, { words: json });
      });
    },
    remove: (req) => {
      const { id } = parseOrThrow(SynonymRemoveSchema, req);
      return write((w, s) => {
        const row = requireRow(w, id);
        update(w, ctx, s, row, { removedAt: s.at }, { removed_at: s.at });
      });
    },
  };
}
