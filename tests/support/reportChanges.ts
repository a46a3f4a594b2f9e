import type { Store } from '../../electron/core/store/index.js';
import type { SqlWriter } from '../../electron/core/store/types.js';
import { at, type HotlineDay } from './wallboardFixture.js';

/*
 * Random changes of every kind the reports' caches must notice (the tests of
 * DayCache and PeriodCache compare a kept read with a fresh one after each):
 * calls ringing and ending, tickets created, moved, reopened, handed off,
 * linked and scored, state lines (one from the day before, synced late), a
 * deleted row, the clock moving on. The spreads say how far back the new
 * rows' times may lie (within the hour: today's board; days: a period
 * report), and `tickMs` how far one tick moves the clock.
 */

/** A copy of one row of `table` with some columns changed (so the test needs no column lists). */
export function copyRow(w: SqlWriter, table: string, id: string, set: Record<string, string | number | null>): void {
  w.run(`CREATE TEMP TABLE copy_row AS SELECT * FROM ${table} WHERE id = ?`, [id]);
  const cols = Object.keys(set);
  w.run(`UPDATE copy_row SET ${cols.map((c) => `${c} = ?`).join(', ')}`, cols.map((c) => set[c] ?? null));
  w.run(`INSERT INTO ${table} SELECT * FROM copy_row`);
  w.run('DROP TABLE copy_row');
}

const iso = (ms: number): string => new Date(ms).toISOString();

export interface ChangeSteps {
  steps: Record<string, () => void>;
  calls: string[];
  tickets: string[];
}

/** How far back (ms before the clock) new rows may lie, and how far a tick moves the clock. */
export interface Spreads {
  callSpreadMs?: number;
  ticketSpreadMs?: number;
  resolveSpreadMs?: number;
  scoreSpreadMs?: number;
  tickMs?: number;
}

export function changeSteps(
  store: Store,
  ids: HotlineDay['ids'],
  random: () => number,
  clock: { now: number },
  { callSpreadMs = 3_600_000, ticketSpreadMs = 600_000, resolveSpreadMs = 0, scoreSpreadMs = 0, tickMs = 40 * 60_000 }: Spreads = {},
): ChangeSteps {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const agents = ['li.agent', 'zhao.agent', 'sun.senior', 'chen.sup'];
  const calls: string[] = [ids.c1, ids.c3, ids.c4];
  const tickets: string[] = [ids.t1, ids.t2, ids.t3, ids.t4];
  const linked = new Set<string>([ids.c1]);
  let n = 0;
  const next = (p: string): string => `${p}-${++n}`;
  const back = (ms: number): number => (ms > 0 ? Math.floor(random() * ms) : 0);
    const firstHistory = store.read((r) => r.get<{ id: string }>('SELECT id FROM ticket_history WHERE ticket_id = ? ORDER BY rowid LIMIT 1', [ids.t1]))?.id ?? '';
  const firstHandoff = store.read((r) => r.get<{ id: string }>('SELECT id FROM handoffs ORDER BY rowid LIMIT 1'))?.id ?? '';
  const firstScore = store.read((r) => r.get<{ id: string }>('SELECT id FROM follow_ups WHERE satisfaction IS NOT NULL ORDER BY rowid LIMIT 1'))?.id ?? '';
  if ([firstHistory, firstHandoff, firstScore].some((x) => x === '')) throw new Error('the hotline day has no history, hand-off or score to copy');

  const steps: Record<string, () => void> = {
    newCall: () =>
      store.write((w) => {
        const id = next('call');
        const ring = clock.now - back(callSpreadMs);
        const answered = random() > 0.3;
        copyRow(w, 'calls', ids.c1, {
          id,
          external_id: id,
          agent_id: pick(agents),
          status: answered ? 'ended' : 'missed',
          ring_at: iso(ring),
          answer_at: answered ? iso(ring + Math.floor(random() * 40_000)) : null,
          end_at: iso(ring + 60_000 + Math.floor(random() * 300_000)),
          wrap_end_at: answered ? iso(ring + 400_000) : null,
        });
        calls.push(id);
      }),
    ringing: () =>
      store.write((w) => {
        const id = next('call');
        copyRow(w, 'calls', ids.c1, { id, external_id: id, agent_id: pick(agents), status: 'ringing', ring_at: iso(clock.now - 25_000), answer_at: null, end_at: null, wrap_end_at: null });
        calls.push(id);
      }),
    endCall: () => store.write((w) => w.run("UPDATE calls SET status = 'ended', end_at = ? WHERE id = ?", [iso(clock.now), pick(calls)])),
    newTicket: () =>
      store.write((w) => {
        const id = next('ticket');
        copyRow(w, 'tickets', ids.t4, { id, no: id, status: 'new', category: pick(['fault', 'complaint', 'consult']), severity: pick(['urgent', 'normal', 'low']), created_at: iso(clock.now - back(ticketSpreadMs)), resolved_at: null, closed_at: null });
        copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, at: iso(clock.now), hlc: `${iso(clock.now)}-${n}` });
        tickets.push(id);
      }),
    resolve: () =>
      store.write((w) => {
        const id = pick(tickets);
        w.run("UPDATE tickets SET status = 'resolved', resolved_at = ?, resolution = 'ok' WHERE id = ?", [iso(clock.now - back(resolveSpreadMs)), id]);
        copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, action: 'transition', changes: '{"status":{"from":"in_progress","to":"resolved"}}', at: iso(clock.now), hlc: `${iso(clock.now)}-${n}` });
      }),
    reopen: () =>
      store.write((w) => {
        const id = pick(tickets);
        w.run("UPDATE tickets SET status = 'reopened', resolved_at = NULL WHERE id = ?", [id]);
        copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: id, action: 'transition', changes: '{"status":{"from":"resolved","to":"reopened"}}', at: iso(clock.now), hlc: `${iso(clock.now)}-${n}` });
      }),
    contact: () => store.write((w) => copyRow(w, 'ticket_history', firstHistory, { id: next('h'), ticket_id: pick(tickets), action: 'contact', changes: '{}', at: iso(clock.now), hlc: `${iso(clock.now)}-${n}` })),
    escalate: () =>
      store.write((w) => {
        const id = pick(tickets);
        w.run("UPDATE tickets SET status = 'escalated' WHERE id = ?", [id]);
        copyRow(w, 'handoffs', firstHandoff, { id: next('ho'), ticket_id: id, status: 'open', created_at: iso(clock.now) });
      }),
    link: () =>
      store.write((w) => {
        const call = pick(calls);
        linked.add(call);
        w.run('INSERT INTO call_tickets (call_id, ticket_id, actor_id, at) VALUES (?, ?, ?, ?)', [call, pick(tickets), 'li.agent', iso(clock.now)]);
      }),
    score: () => store.write((w) => copyRow(w, 'follow_ups', firstScore, { id: next('f'), ticket_id: pick(tickets), satisfaction: 1 + Math.floor(random() * 5), done_at: iso(clock.now - 1_000 - back(scoreSpreadMs)) })),
    state: () =>
      store.write((w) =>
        w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, ?, ?, NULL, ?)', [next('s'), pick(agents), pick(['ready', 'not_ready', 'offline', 'after_call']), 'break', iso(clock.now - 1_000), `${iso(clock.now)}-${n}`]),
      ),
    // Another PC's line from yesterday, synced only now: the agent's line before the day may change.
    lateState: () =>
      store.write((w) =>
        w.run('INSERT INTO agent_state_log (id, agent_id, state, reason, at, call_id, hlc) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [next('s'), pick(agents), pick(['ready', 'offline']), iso(at('2026-11-23T23:59:00')), `${iso(clock.now)}-${n}`]),
      ),
    // Rows are not deleted in normal work; a deleted one (a repair) reads the day anew.
    deleteCall: () => {
      const call = calls.find((c) => c.startsWith('call-') && !linked.has(c));
      if (!call) return;
      calls.splice(calls.indexOf(call), 1);
      store.write((w) => w.run('DELETE FROM calls WHERE id = ?', [call]));
    },
    tick: () => (clock.now += Math.floor(random() * tickMs)),
  };
  return { steps, calls, tickets };
}
