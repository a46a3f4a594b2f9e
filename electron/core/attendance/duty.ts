import type { Handlers } from '../../../shared/contract.js';
import { dayNumber, dutyConflicts, dutyTonight, type DutyEntry, type DutyInput } from '../../../shared/attendance/duty.js';
import type { RosterEntry, ShiftType } from '../../../shared/attendance/schema.js';
import { AppError } from '../../../shared/result.js';
import type { CoreChannel } from '../api.js';
import { acting, atLeast, type WorkEnv } from '../desk/workEnv.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp } from '../domain/context.js';
import { toCsv, toXlsx } from '../reports/export/files.js';
import type { ExportDoc } from '../reports/export/table.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { rosterFor, shiftMap } from './plan.js';

export type DutyChannel = Extract<CoreChannel, `duty:${string}`>;
export type DutyHandlers = Handlers<DutyChannel>;

/**
 * What the conflict rule reads of the shift roster (issue 16 point 2, built
 * on its own branch): the roster entries of some agents over some dates, and
 * the shift types. Injected for tests; the default is the roster's read API.
 */
export type RosterSource = (r: SqlReader, agentIds: readonly string[], from: string, to: string) => { roster: RosterEntry[]; shifts: ShiftType[] };

/** The shift roster as the roster's read API gives it (electron/core/attendance/plan.ts); retired shift types too, an old roster names them. */
export const planRosterSource: RosterSource = (r, agentIds, from, to) => ({
  roster: rosterFor(r, agentIds, from, to),
  shifts: [...shiftMap(r).values()],
});

interface Row {
  id: string;
  date: string;
  start: string;
  end: string;
  agentId: string;
  phone: string;
  backupId: string | null;
  removedAt: string | null;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  fieldHlc: string;
}

const SELECT = `SELECT id, date, start_time AS start, end_time AS "end", agent_id AS agentId, phone, backup_id AS backupId, removed_at AS removedAt,
  created_by AS createdBy, updated_by AS updatedBy, created_at AS createdAt, updated_at AS updatedAt, field_hlc AS fieldHlc FROM duty_entry`;

export interface DutyDeps extends WorkEnv {
  localChange: () => void;
  roster?: RosterSource;
  /** the center's offset from UTC in minutes (domain.md: +08:00) */
  utcOffsetMinutes?: number;
}

function addDay(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Entries with their flags, computed against the roster in one read. */
export function withConflicts(r: SqlReader, rows: readonly Row[], source: RosterSource): DutyEntry[] {
  if (rows.length === 0) return [];
  const agents = [...new Set(rows.flatMap((e) => (e.backupId ? [e.agentId, e.backupId] : [e.agentId])))];
  const dates = rows.map((e) => e.date).sort();
  const { roster, shifts } = source(r, agents, addDay(dates[0] as string, -1), addDay(dates[dates.length - 1] as string, 1));
  return rows.map((e) => ({
    id: e.id,
    date: e.date,
    start: e.start,
    end: e.end,
    agentId: e.agentId,
    phone: e.phone,
    backupId: e.backupId,
    createdBy: e.createdBy,
    updatedBy: e.updatedBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    conflicts: dutyConflicts(e, roster, shifts),
  }));
}

const LABELS = {
  'zh-CN': { title: '值班表', sheet: '值班表', date: '日期', start: '开始', end: '结束', agent: '值班人', phone: '电话', backup: '备班', conflicts: '冲突' },
  en: { title: 'Duty roster', sheet: 'Duty roster', date: 'Date', start: 'Start', end: 'End', agent: 'On duty', phone: 'Phone', backup: 'Backup', conflicts: 'Conflicts' },
} as const;

/** The export's document: the same entries (and flags) the duty screen lists. */
export function dutyDoc(entries: readonly DutyEntry[], from: string, to: string, locale: 'zh-CN' | 'en'): ExportDoc {
  const l = LABELS[locale];
  const columns = [l.date, l.start, l.end, l.agent, l.phone, l.backup, l.conflicts];
  const rows = entries.map((e) => [e.date, e.start, e.end, e.agentId, e.phone, e.backupId ?? '', e.conflicts.map((c) => c.message).join('; ')]);
  return { title: l.title, subtitle: `${from} – ${to}`, sections: [{ sheet: l.sheet, columns: columns.map((header) => ({ header })), rows }], csv: { columns, rows } };
}

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** The duty roster (值班表): synced entries, flagged against the shift roster. */
export function createDuty(deps: DutyDeps): { handlers: DutyHandlers } {
  const { ctx } = deps;
  const source = deps.roster ?? planRosterSource;
  const offset = deps.utcOffsetMinutes ?? 480;

  function requireKeeper(what: string): string {
    const me = acting(deps);
    if (!atLeast(me.role, 'supervisor')) throw new AppError('FORBIDDEN', `Only supervisors and admins ${what}; ${me.username} is ${me.role}`);
    return me.username;
  }

  const requireRow = (r: SqlReader, id: string): Row => {
    const row = r.get<Row>(`${SELECT} WHERE id = ? AND removed_at IS NULL`, [id]);
    if (!row) throw new AppError('NOT_FOUND', `No duty entry with id ${id}`, [{ path: 'id', code: 'duty_not_found', message: `No duty entry with id ${id}` }]);
    return row;
  };

  const changed = (): void => {
    deps.localChange();
    deps.emit('console:changed', { kinds: ['duty'], origin: 'local' });
  };

  function list(r: SqlReader, from: string, to: string): DutyEntry[] {
    const rows = r.all<Row>(`${SELECT} WHERE date >= ? AND date <= ? AND removed_at IS NULL ORDER BY date, start_time, agent_id`, [from, to]);
    return withConflicts(r, rows, source);
  }

  function set(req: DutyInput): DutyEntry {
    const me = requireKeeper('keep the duty roster');
    const backupId = req.backupId && req.backupId !== '' ? req.backupId : null;
    const id = ctx.store.write((w: SqlWriter) => {
      const s = stamp(ctx);
      const next = { date: req.date, start: req.start, end: req.end, agentId: req.agentId, phone: req.phone, backupId };
      if (req.id === undefined) {
        const newId = ctx.newId();
        const values = { ...next, removedAt: null, removedBy: null, createdBy: me, updatedBy: me, createdAt: s.at, updatedAt: s.at };
        w.run(
          `INSERT INTO duty_entry (id, date, start_time, end_time, agent_id, phone, backup_id, removed_at, removed_by, created_by, updated_by, created_at, updated_at, field_hlc)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)`,
          [newId, next.date, next.start, next.end, next.agentId, next.phone, backupId, me, me, s.at, s.at, createdFieldHlc(s.hlc)],
        );
        appendOutbox(w, s, { name: 'duty:set', entity: 'duty_entry', entityId: newId, changes: [{ entity: 'duty_entry', id: newId, values }] });
        return newId;
      }
      const row = requireRow(w, req.id);
      const written: Record<string, unknown> = {};
      for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] !== row[k]) written[k] = next[k];
      if (Object.keys(written).length === 0) return row.id;
      Object.assign(written, { updatedBy: me, updatedAt: s.at });
      w.run('UPDATE duty_entry SET date = ?, start_time = ?, end_time = ?, agent_id = ?, phone = ?, backup_id = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        next.date, next.start, next.end, next.agentId, next.phone, backupId, me, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(written), s.hlc), row.id,
      ]);
      appendOutbox(w, s, { name: 'duty:set', entity: 'duty_entry', entityId: row.id, changes: [{ entity: 'duty_entry', id: row.id, values: written }] });
      return row.id;
    });
    changed();
    return ctx.store.read((r) => withConflicts(r, [requireRow(r, id)], source)[0] as DutyEntry);
  }

  function remove(id: string): DutyEntry {
    const me = requireKeeper('keep the duty roster');
    const entry = ctx.store.write((w) => {
      const row = requireRow(w, id);
      const s = stamp(ctx);
      const written = { removedAt: s.at, removedBy: me, updatedBy: me, updatedAt: s.at };
      w.run('UPDATE duty_entry SET removed_at = ?, removed_by = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
        s.at, me, me, s.at, mergeFieldHlc(row.fieldHlc, Object.keys(written), s.hlc), row.id,
      ]);
      appendOutbox(w, s, { name: 'duty:remove', entity: 'duty_entry', entityId: row.id, changes: [{ entity: 'duty_entry', id: row.id, values: written }] });
      return withConflicts(w, [row], source)[0] as DutyEntry;
    });
    changed();
    return entry;
  }

  /** The center's local date and minute of the day now. */
  function centerNow(): { today: string; minutes: number } {
    const local = new Date(ctx.now() + offset * 60_000);
    return { today: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
  }

  const handlers: DutyHandlers = {
    'duty:set': (req) => set(req),
    'duty:list': (req) => ctx.store.read((r) => list(r, req.from, req.to)),
    'duty:remove': (req) => remove(req.id),
    'duty:tonight': () => {
      const { today, minutes } = centerNow();
      return ctx.store.read((r) => dutyTonight(list(r, addDay(today, -1), today), today, minutes));
    },
    'duty:export': async (req) => {
      const me = requireKeeper('export the duty roster');
      const entries = ctx.store.read((r) => list(r, req.from, req.to));
      const doc = dutyDoc(entries, req.from, req.to, req.locale);
      const bytes = req.format === 'xlsx' ? await toXlsx(doc) : toCsv(doc);
      const fileName = `hotline-duty-${req.from}_${req.to}.${req.format}`;
      // The audit line is durable before the file is handed out (the report exports' audit entity, kind `duty`).
      ctx.store.write((w) => {
        const s = stamp(ctx);
        const id = ctx.newId();
        const values = { actorId: me, kind: 'duty', format: req.format, fromDate: req.from, toDate: req.to, team: null, rows: entries.length, fileName, at: s.at };
        w.run('INSERT INTO report_exports (id, actor_id, kind, format, from_date, to_date, team, rows, file_name, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)', [
          id, me, 'duty', req.format, req.from, req.to, entries.length, fileName, s.at,
        ]);
        appendOutbox(w, s, { name: 'duty:export', entity: 'report_export', entityId: id, changes: [{ entity: 'report_export', id, values }] });
      });
      deps.localChange();
      return { fileName, mimeType: MIME[req.format], rows: entries.length, base64: bytes.toString('base64') };
    },
  };
  return { handlers };
}
