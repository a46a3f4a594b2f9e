import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/index.js';
import { appStore } from './appStore.js';
import { applyRows, rowKey, type ForceMap } from '../../../electron/core/sync/apply.js';
import { SyncError } from '../../../electron/core/sync/http.js';
import { encodeHlc } from '../../../shared/hlc.js';
import type { PulledRow } from '../../../shared/sync/protocol.js';

const store = (): Promise<Store> => appStore('hw-apply-');

const h = (ms: number, node = 'srv') => encodeHlc({ wallMs: 1_800_000_000_000 + ms, counter: 0, nodeId: node });
const AT = '2026-11-24T02:00:00.000Z';
let seq = 0;

function customer(id: string, clock: string, values: Record<string, unknown> = {}): PulledRow {
  return { entity: 'customer', id, values: { name: '王伟', organisation: null, address: null, createdAt: AT, updatedAt: AT, ...values }, fieldHlc: { '*': clock }, seq: ++seq };
}
function ticket(id: string, customerId: string, fieldHlc: Record<string, string>, values: Record<string, unknown> = {}): PulledRow {
  return {
    entity: 'ticket',
    id,
    values: {
      no: 'GD20261124-AAAAAA', status: 'new', subject: 'Printer', description: 'Offline', category: 'fault', severity: 'normal', channel: 'phone',
      product: null, deviceModel: null, assigneeId: null, team: null, stepsTaken: null, resolution: null, customerId, createdBy: 'u1',
      createdAt: AT, updatedAt: AT, resolvedAt: null, closedAt: null, ...values,
    },
    fieldHlc,
    seq: ++seq,
  };
}
function history(id: string, ticketId: string): PulledRow {
  return { entity: 'ticket_history', id, values: { ticketId, at: AT, actorId: 'u1', action: 'created', changes: '{}', note: null, hlc: h(0) }, fieldHlc: { '*': h(0) }, seq: ++seq };
}

const row = (s: Store, sql: string, params: (string | number)[] = []) => s.read((r) => r.get<Record<string, unknown>>(sql, params));

describe('applying pulled rows', () => {
  it('inserts a missing row with the server clocks, and an append record only once', async () => {
    const s = await store();
    const first = s.write((w) => applyRows(w, [customer('c1', h(1)), ticket('t1', 'c1', { '*': h(1) }), history('h1', 't1')]));
    expect(first.changed).toBe(3);
    expect([...first.tickets]).toEqual(['t1']);
    expect(first.maxHlc).toBe(h(1));
    expect(row(s, 'SELECT subject, field_hlc FROM tickets WHERE id = ?', ['t1'])).toEqual({ subject: 'Printer', field_hlc: JSON.stringify({ '*': h(1) }) });
    const again = s.write((w) => applyRows(w, [history('h1', 't1'), customer('c1', h(1))]));
    expect(again.changed).toBe(0);
    expect(row(s, 'SELECT COUNT(*) AS n FROM ticket_history')).toEqual({ n: 1 });
  });

  it('merges field by field: the newer clock wins each field and a pending local edit stays on top', async () => {
    const s = await store();
    s.write((w) => applyRows(w, [customer('c1', h(1)), ticket('t1', 'c1', { '*': h(1) })]));
    // A local edit of subject (clock 5) not yet pushed.
    s.write((w) => w.run('UPDATE tickets SET subject = ?, field_hlc = ? WHERE id = ?', ['Local subject', JSON.stringify({ '*': h(1), subject: h(5, 'me') }), 't1']));
    // The server has newer severity (6) and an older subject (3) from someone else.
    const pulled = ticket('t1', 'c1', { '*': h(1), subject: h(3), severity: h(6) }, { subject: 'Server subject', severity: 'urgent' });
    const result = s.write((w) => applyRows(w, [pulled]));
    expect(result.changed).toBe(1);
    expect(row(s, 'SELECT subject, severity, field_hlc FROM tickets WHERE id = ?', ['t1'])).toEqual({
      subject: 'Local subject',
      severity: 'urgent',
      field_hlc: JSON.stringify({ '*': h(1), subject: h(5, 'me'), severity: h(6) }),
    });
    // The same clock is the same write: the server's value is taken (nothing changes here).
    const same = s.write((w) => applyRows(w, [ticket('t1', 'c1', { '*': h(1), subject: h(5, 'me'), severity: h(6) }, { subject: 'Local subject', severity: 'urgent' })]));
    expect(same.changed).toBe(0);
    // A newer server write of subject wins.
    s.write((w) => applyRows(w, [ticket('t1', 'c1', { '*': h(1), subject: h(9), severity: h(6) }, { subject: 'Newest', severity: 'urgent' })]));
    expect(row(s, 'SELECT subject FROM tickets WHERE id = ?', ['t1'])).toEqual({ subject: 'Newest' });
  });

  it('takes the server value of a refused write, but not of a field written again since', async () => {
    const s = await store();
    s.write((w) => applyRows(w, [customer('c1', h(1)), ticket('t1', 'c1', { '*': h(1) })]));
    s.write((w) => w.run('UPDATE tickets SET status = ?, subject = ?, field_hlc = ? WHERE id = ?', ['closed', 'Later edit', JSON.stringify({ '*': h(1), status: h(5, 'me'), subject: h(7, 'me') }), 't1']));
    const force: ForceMap = new Map([[rowKey('ticket', 't1'), new Map([['status', h(5, 'me')], ['subject', h(5, 'me')]])]]);
    s.write((w) => applyRows(w, [ticket('t1', 'c1', { '*': h(1), status: h(2) }, { status: 'in_progress' })], { force }));
    expect(row(s, 'SELECT status, subject FROM tickets WHERE id = ?', ['t1'])).toEqual({ status: 'in_progress', subject: 'Later edit' });
  });

  it('keeps a row whose parent has not arrived, and applies it when the parent comes in a later page', async () => {
    const s = await store();
    const early = s.write((w) => applyRows(w, [history('h1', 't1'), ticket('t1', 'c1', { '*': h(1) })]));
    expect(early).toMatchObject({ changed: 0, deferred: 2 });
    expect(row(s, 'SELECT COUNT(*) AS n FROM tickets')).toEqual({ n: 0 });
    const late = s.write((w) => applyRows(w, [customer('c1', h(1))]));
    expect(late).toMatchObject({ changed: 3, deferred: 0 });
    expect([...late.tickets]).toEqual(['t1']);
    expect(row(s, 'SELECT COUNT(*) AS n FROM ticket_history')).toEqual({ n: 1 });
    expect(row(s, 'SELECT COUNT(*) AS n FROM sync_deferred')).toEqual({ n: 0 });
  });

  it('uses only the declared columns: unknown wire fields are ignored, invalid values refused before any write', async () => {
    const s = await store();
    const hostile = customer('c1', h(1), { 'name) VALUES (1); DROP TABLE tickets; --': 'x', field_hlc: 'forged' });
    s.write((w) => applyRows(w, [hostile]));
    expect(row(s, 'SELECT name, field_hlc FROM customers WHERE id = ?', ['c1'])).toEqual({ name: '王伟', field_hlc: JSON.stringify({ '*': h(1) }) });
    expect(row(s, "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'tickets'")).toEqual({ n: 1 });
    expect(() => s.write((w) => applyRows(w, [customer('c2', h(2)), ticket('t9', 'c2', { '*': h(2) }, { status: 'deleted' })]))).toThrow(SyncError);
    expect(row(s, 'SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });
});
