import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { deleteProblem, recordProblem } from '../../../electron/core/sync/problems.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-mig-'));
  dirs.push(d);
  return d;
}
const open = (d: string, which = migrations) => Store.open({ dataDir: d, migrations: which, idleCheckpointMs: 0, log: () => undefined });
const AT = '2026-11-24T02:00:00.000Z';

/** A folder as version 0001 left it: one customer, one ticket with history. */
async function version1Folder(): Promise<string> {
  const d = dir();
  const s = await open(d, migrations.slice(0, 1));
  s.write((w) => {
    w.run("INSERT INTO customers (id, name, created_at, updated_at, field_hlc) VALUES ('c1', '王伟', ?, ?, '{}')", [AT, AT]);
    w.run(
      `INSERT INTO tickets (id, no, status, subject, description, category, severity, channel, customer_id, created_by, created_at, updated_at, field_hlc)
       VALUES ('t1', 'GD20261124-7K3Q', 'new', 's', 'd', 'fault', 'normal', 'phone', 'c1', 'u', ?, ?, '{"*":"h"}')`,
      [AT, AT],
    );
    w.run("INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, note, hlc) VALUES ('h1', 't1', ?, 'u', 'created', '{}', NULL, 'h')", [AT]);
  });
  s.close();
  return d;
}

function schemaOf(s: Store) {
  return s.read((r) => ({
    indexes: r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tickets', 'ticket_history') AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").map((x) => x.name),
    triggers: r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('tickets', 'ticket_history') ORDER BY name").map((x) => x.name),
    unique: r.all<{ name: string; unique: number; origin: string }>("SELECT name, \"unique\", origin FROM pragma_index_list('tickets')").filter((i) => i.unique === 1 && i.origin !== 'pk'),
    fk: r.all<{ table: string; from: string }>("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('ticket_history')"),
    fkCheck: r.all('PRAGMA foreign_key_check'),
  }));
}

describe('migration 0002: sync tables, tickets without UNIQUE(no)', () => {
  it('keeps every row, column, index, trigger and foreign key of tickets and their history', async () => {
    const d = await version1Folder();
    const s = await open(d);
    try {
      expect(s.report().migrations).toEqual(migrations.map((m) => m.id));
      expect(s.read((r) => r.get('SELECT no, status, customer_id, field_hlc FROM tickets'))).toEqual({ no: 'GD20261124-7K3Q', status: 'new', customer_id: 'c1', field_hlc: '{"*":"h"}' });
      expect(s.read((r) => r.get('SELECT id, ticket_id FROM ticket_history'))).toEqual({ id: 'h1', ticket_id: 't1' });
      expect(schemaOf(s)).toEqual({
        indexes: ['ticket_history_ticket', 'tickets_assignee_status', 'tickets_created_at', 'tickets_creator_status', 'tickets_customer', 'tickets_no', 'tickets_resolved_at', 'tickets_status', 'tickets_team'],
        // and the change log of the wallboard's kept day (0020_report_changes), and the lean outbox's keeper (0026_lean_outbox)
        triggers: ['outbox_keep_tickets', 'report_changes_ticket_history_insert', 'report_changes_tickets_delete', 'report_changes_tickets_insert', 'report_changes_tickets_update', 'ticket_history_no_delete', 'ticket_history_no_update'],
        unique: [],
        fk: [{ table: 'tickets', from: 'ticket_id' }],
        fkCheck: [],
      });
      // Two PCs may draw the same number: both rows are kept.
      s.write((w) =>
        w.run(
          `INSERT INTO tickets (id, no, status, subject, description, category, severity, channel, customer_id, created_by, created_at, updated_at)
           VALUES ('t2', 'GD20261124-7K3Q', 'new', 's', 'd', 'fault', 'normal', 'phone', 'c1', 'u', ?, ?)`,
          [AT, AT],
        ),
      );
      expect(() => s.write((w) => w.run("INSERT INTO ticket_history (id, ticket_id, at, actor_id, action, changes, hlc) VALUES ('h2', 'nope', ?, 'u', 'created', '{}', 'h')", [AT]))).toThrow(/FOREIGN KEY/);
      expect(() => s.write((w) => w.run("DELETE FROM ticket_history WHERE id = 'h1'"))).toThrow(/append-only/);
      expect(() => s.write((w) => w.run("UPDATE ticket_history SET note = 'x' WHERE id = 'h1'"))).toThrow(/append-only/);
    } finally {
      s.close();
    }
  });

  it('replays from the journal exactly (a crash before the next checkpoint)', async () => {
    const d = await version1Folder();
    const s = await open(d);
    const copy = dir();
    for (const f of fs.readdirSync(d)) if (f !== 'LOCK') fs.copyFileSync(path.join(d, f), path.join(copy, f));
    s.close();
    const replayed = await open(copy);
    try {
      expect(replayed.report().journal.replayed).toBeGreaterThan(0);
      expect(replayed.read((r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM ticket_history'))?.n).toBe(1);
      expect(schemaOf(replayed).unique).toEqual([]);
    } finally {
      replayed.close();
    }
  });

  it('numbers sync problems in TypeScript and never reuses a number', async () => {
    const s = await open(dir());
    try {
      const p = { mutationId: 1, name: 'tickets:update', entity: 'ticket', entityId: 't1', kind: 'rejected' as const, code: 'X', message: 'm', local: [], lostFields: [], server: [], createdAt: AT };
      const a = s.write((w) => recordProblem(w, p));
      const b = s.write((w) => recordProblem(w, p));
      s.write((w) => deleteProblem(w, b));
      const c = s.write((w) => recordProblem(w, p));
      expect([a, b, c]).toEqual([1, 2, 3]);
    } finally {
      s.close();
    }
  });
});
