import { createHash } from 'node:crypto';
import type { TvDisplay } from '../../../shared/reports/tv.js';
import { AppError } from '../../../shared/result.js';
import { readDirectory } from '../desk/directory.js';
import type { DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';

/** How many displays may be open at once on one PC: a supervisor's desk has a wall or two, not a hundred. */
export const MAX_OPEN_DISPLAYS = 8;

const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const COLUMNS = 'id, team, created_by AS createdBy, created_at AS createdAt';

type DisplayRow = Omit<TvDisplay, 'createdByName'>;

const named = (r: SqlReader, rows: DisplayRow[]): TvDisplay[] => {
  if (rows.length === 0) return [];
  const names = new Map(readDirectory(r).people.map((p) => [p.username.toLowerCase(), p.displayName]));
  return rows.map((d) => ({ ...d, createdByName: names.get(d.createdBy.toLowerCase()) ?? d.createdBy }));
};

export function listDisplays(r: SqlReader): TvDisplay[] {
  return named(r, r.all<DisplayRow>(`SELECT ${COLUMNS} FROM wallboard_displays WHERE closed_at IS NULL ORDER BY created_at, id`));
}

/** Opens a display of `team` (null: the center); the key is returned here once and never stored. */
export function openDisplay(ctx: DomainContext, w: SqlWriter, by: string, team: string | null): { display: TvDisplay; key: string } {
  if (listDisplays(w).length >= MAX_OPEN_DISPLAYS) {
    throw new AppError('TV_DISPLAYS_FULL', `${MAX_OPEN_DISPLAYS} wallboard displays are already open on this PC; stop one first`, [{ path: 'team', code: 'too_many', message: `At most ${MAX_OPEN_DISPLAYS} open displays`, limit: MAX_OPEN_DISPLAYS }]);
  }
  const key = Buffer.from(ctx.randomBytes(32)).toString('base64url');
  const row: DisplayRow = { id: ctx.newId(), team, createdBy: by, createdAt: new Date(ctx.now()).toISOString() };
  w.run('INSERT INTO wallboard_displays (id, key_hash, team, created_by, created_at) VALUES (?, ?, ?, ?, ?)', [row.id, hashKey(key), team, by, row.createdAt]);
  return { display: named(w, [row])[0] as TvDisplay, key };
}

/** The open display a key belongs to; a wrong or stopped key is one error (a TV cannot tell which, nor can a guesser). */
export function displayForKey(r: SqlReader, key: string): TvDisplay {
  const row = r.get<DisplayRow>(`SELECT ${COLUMNS} FROM wallboard_displays WHERE key_hash = ? AND closed_at IS NULL`, [hashKey(key)]);
  if (!row) throw new AppError('TV_DISPLAY_UNKNOWN', 'This wallboard display was stopped, or its key is not valid');
  return named(r, [row])[0] as TvDisplay;
}

export function closeDisplay(ctx: DomainContext, w: SqlWriter, by: string, id: string): void {
  const { changes } = w.run('UPDATE wallboard_displays SET closed_by = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL', [by, new Date(ctx.now()).toISOString(), id]);
  if (changes === 0) throw new AppError('NOT_FOUND', `No open wallboard display ${id}`, [{ path: 'id', code: 'not_found', message: 'No such open display' }]);
}
