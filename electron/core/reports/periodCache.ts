import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { centerDate, DAY_MS, dayBounds } from '../../../shared/reports/day.js';
import type { ResolvedTicketFact } from '../../../shared/reports/figures.js';
import type { SqlReader } from '../store/types.js';
import { chunked, inboundCalls, resolvedFacts, scoresRecorded, ticketsById, ticketsCreatedOrResolved, type CallRow, type ScoreRow, type TicketRow } from './facts.js';
import { centerOffset } from './today.js';

/*
 * The days of period reports, kept between reads (issue 15: a month's
 * summary at 100k tickets within 300 ms p95). A report reads the rows of
 * every day of its range; the rows of a day and the facts that no longer
 * move with the clock (a resolved ticket's FCR inputs and SLA outcome) are
 * kept, per center day, and a later report over any range reads only the
 * days it has not kept. What changed since the last read is named by
 * report_changes (migration 0020, written by triggers on every write path:
 * the desk, sync, the CLI, a bulk first sync): every day that held a changed
 * call, ticket or score, and every day the changed row now falls on, is
 * read again. Facts that move with the clock (a call still on the line, a
 * ticket resolved and then reopened) are computed at each read from the kept
 * rows. So the figures are exactly those of a fresh read; the tests compare
 * the two after random changes.
 *
 * One cache serves every scope (it holds the center's days; a report narrows
 * them in memory) and is bounded: past MAX_ROWS kept rows the days used
 * least recently are dropped.
 */

/** Change-log entries applied in one go; a reader further behind starts afresh. */
const MAX_CHANGES = 20_000;
/** Rows kept across all days (about four busy months at the bench's 100k tickets a year). */
const MAX_ROWS = 150_000;

const DONE = new Set(['resolved', 'confirmed', 'closed']);
const iso = (ms: number): string => new Date(ms).toISOString();
/** Binary string order, as SQLite's ORDER BY on text (never the locale's). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The rows of days from..to, center-wide, as of `now`. */
export interface PeriodRows {
  /** inbound calls that rang in the days, by ring time */
  calls: CallRow[];
  created: TicketRow[];
  resolved: TicketRow[];
  /** facts of the resolved tickets (a kept day: those of done tickets only, which cannot change without a change to the ticket) */
  facts: Map<string, ResolvedTicketFact>;
  scores: ScoreRow[];
  scoreTickets: Map<string, TicketRow>;
}

interface KeptDay extends PeriodRows {
  date: string;
  /** the change-log keys this day holds ('c:' call, 't:' ticket, 's:' score) */
  keys: Set<string>;
  size: number;
  used: number;
}

/** Every center date from..to inclusive. */
function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`), last = Date.parse(`${to}T00:00:00Z`); ms <= last; ms += DAY_MS) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

export class PeriodCache {
  private days = new Map<string, KeptDay>();
  private rev = -1;
  private key = '';
  private rows = 0;
  private tick = 0;
  /** what the last read did (the tests and the bench look at it) */
  lastRead = { cleared: false, daysRead: 0, daysKept: 0 };

  /** The rows of the center days from..to inclusive. */
  period(r: SqlReader, from: string, to: string, config: ConsoleConfig, now: number): PeriodRows {
    const cleared = this.catchUp(r, config);
    const offset = centerOffset(config);
    const dates = datesOf(from, to);
    const missing = dates.filter((d) => !this.days.has(d));
    // Consecutive missing days are read in one go through the time indexes, then split by day.
    for (let i = 0; i < missing.length; ) {
      let j = i;
      while (j + 1 < missing.length && Date.parse(`${missing[j + 1] as string}T00:00:00Z`) - Date.parse(`${missing[j] as string}T00:00:00Z`) === DAY_MS) j++;
      this.readRun(r, missing.slice(i, j + 1), offset, config, now);
      i = j + 1;
    }
    const days = dates.map((d) => this.days.get(d) as KeptDay);
    const used = ++this.tick;
    for (const d of days) d.used = used;

    const out: PeriodRows = { calls: [], created: [], resolved: [], facts: new Map(), scores: [], scoreTickets: new Map() };
    const moving: TicketRow[] = [];
    for (const d of days) {
      for (const c of d.calls) out.calls.push(c);
      for (const t of d.created) out.created.push(t);
      for (const t of d.resolved) {
        out.resolved.push(t);
        if (!d.facts.has(t.id)) moving.push(t);
      }
      for (const s of d.scores) out.scores.push(s);
      for (const [id, t] of d.scoreTickets) out.scoreTickets.set(id, t);
    }
    const fresh = moving.length > 0 ? resolvedFacts(r, moving, now, config) : new Map<string, ResolvedTicketFact>();
    for (const d of days) for (const t of d.resolved) out.facts.set(t.id, d.facts.get(t.id) ?? (fresh.get(t.id) as ResolvedTicketFact));
    this.trim();
    this.lastRead = { cleared, daysRead: missing.length, daysKept: dates.length - missing.length };
    return out;
  }

  /** Applies what changed since the last read; true when it had to start afresh. */
  private catchUp(r: SqlReader, config: ConsoleConfig): boolean {
    const key = JSON.stringify([config.sla, config.fourHourRuleMinutes, config.afterCallWorkSeconds]);
    const head = r.get<{ rev: number | null; low: number | null }>('SELECT MAX(rev) AS rev, MIN(rev) AS low FROM report_changes');
    const rev = head?.rev ?? 0;
    if (key !== this.key || rev < this.rev || (head?.low ?? 0) > this.rev + 1) return this.clear(key, rev);
    if (rev === this.rev) return false;
    const pending = r.all<{ kind: string; key: string }>('SELECT DISTINCT kind, row_key AS key FROM report_changes WHERE rev > ? LIMIT ?', [this.rev, MAX_CHANGES + 1]);
    if (pending.length > MAX_CHANGES || pending.some((p) => p.kind === 'reset')) return this.clear(key, rev);
    const offset = centerOffset(config);
    const dayOf = (v: string | null | undefined): string | null => (v ? centerDate(Date.parse(v), offset) : null);
    const stale = new Set<string>();
    const of = (kind: string): string[] => pending.filter((p) => p.kind === kind).map((p) => p.key);
    // A few changes against a few months of days: a set lookup each.
    const held = (prefix: string, ids: readonly string[]): void => {
      for (const id of ids) for (const d of this.days.values()) if (d.keys.has(prefix + id)) stale.add(d.date);
    };
    // The days that held the row, and the day it falls on now (a new row, or one moved to another day).
    const calls = of('call');
    held('c:', calls);
    for (const c of chunked(calls, (chunk, marks) => r.all<{ at: string }>(`SELECT ring_at AS at FROM calls WHERE id IN (${marks})`, chunk))) stale.add(dayOf(c.at) as string);
    const tickets = of('ticket');
    held('t:', tickets);
    for (const t of chunked(tickets, (chunk, marks) => r.all<{ c: string; r: string | null }>(`SELECT created_at AS c, resolved_at AS r FROM tickets WHERE id IN (${marks})`, chunk))) {
      stale.add(dayOf(t.c) as string);
      const resolved = dayOf(t.r);
      if (resolved) stale.add(resolved);
    }
    const scores = of('score');
    held('s:', scores);
    for (const s of chunked(scores, (chunk, marks) => r.all<{ at: string | null }>(`SELECT done_at AS at FROM follow_ups WHERE id IN (${marks})`, chunk))) {
      const d = dayOf(s.at);
      if (d) stale.add(d);
    }
    for (const d of stale) this.drop(d);
    this.rev = rev;
    return false;
  }

  private clear(key: string, rev: number): true {
    this.days.clear();
    this.rows = 0;
    this.key = key;
    this.rev = rev;
    return true;
  }

  private drop(date: string): void {
    const day = this.days.get(date);
    if (!day) return;
    this.days.delete(date);
    this.rows -= day.size;
  }

  /** Reads consecutive days in one range read per table and keeps them, each on its own. */
  private readRun(r: SqlReader, dates: readonly string[], offset: number, config: ConsoleConfig, now: number): void {
    const start = dayBounds(dates[0] as string, offset).start;
    const end = dayBounds(dates[dates.length - 1] as string, offset).end;
    const days: KeptDay[] = dates.map((date) => ({ date, calls: [], created: [], resolved: [], facts: new Map(), scores: [], scoreTickets: new Map(), keys: new Set(), size: 0, used: 0 }));
    // Each day's first instant as stored (ISO text, compared as SQLite compares it): rows come in time order, so a pointer walks the days.
    const bounds = dates.map((date) => iso(dayBounds(date, offset).end));
    const bucket = <T>(rows: readonly T[], at: (row: T) => string, put: (day: KeptDay, row: T) => void): void => {
      let i = 0;
      for (const row of rows) {
        const t = at(row);
        while (i < bounds.length - 1 && t >= (bounds[i] as string)) i++;
        put(days[i] as KeptDay, row);
      }
    };
    bucket(inboundCalls(r, start, end), (c) => c.ringAt, (d, c) => {
      d.calls.push(c);
      d.keys.add(`c:${c.id}`);
    });
    // Most tickets of a month are created and resolved in it: one read of both, ordered as ticketsCreated / ticketsResolved order them.
    const touched = ticketsCreatedOrResolved(r, start, end);
    const [startIso, endIso] = [iso(start), iso(end)];
    const inRange = (v: string | null): v is string => v !== null && v >= startIso && v < endIso;
    const created = touched.filter((t) => inRange(t.createdAt)).sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
    const resolved = touched.filter((t) => inRange(t.resolvedAt)).sort((a, b) => cmp(a.resolvedAt as string, b.resolvedAt as string) || cmp(a.id, b.id));
    bucket(created, (t) => t.createdAt, (d, t) => {
      d.created.push(t);
      d.keys.add(`t:${t.id}`);
    });
    const facts = resolvedFacts(r, resolved, now, config);
    bucket(resolved, (t) => t.resolvedAt as string, (d, t) => {
      d.resolved.push(t);
      d.keys.add(`t:${t.id}`);
      // A done ticket's facts change only with a change to it (its row, history, hand-offs, call links); the others move with the clock.
      if (DONE.has(t.status)) d.facts.set(t.id, facts.get(t.id) as ResolvedTicketFact);
    });
    const scores = scoresRecorded(r, start, end);
    const scoreTickets = ticketsById(
      r,
      scores.map((s) => s.ticketId),
    );
    bucket(scores, (s) => s.doneAt, (d, s) => {
      d.scores.push(s);
      d.keys.add(`s:${s.id}`);
      const t = scoreTickets.get(s.ticketId);
      if (t) {
        d.scoreTickets.set(t.id, t);
        d.keys.add(`t:${t.id}`);
      }
    });
    for (const d of days) {
      d.size = d.calls.length + d.created.length + d.resolved.length + d.scores.length;
      this.days.set(d.date, d);
      this.rows += d.size;
    }
  }

  /** Drops the least recently used days (the earliest first) past MAX_ROWS: a year's report keeps only its latest months. */
  private trim(): void {
    if (this.rows <= MAX_ROWS) return;
    const old = [...this.days.values()].sort((a, b) => a.used - b.used || (a.date < b.date ? -1 : 1));
    for (const d of old) {
      if (this.rows <= MAX_ROWS) break;
      this.drop(d.date);
    }
  }
}
