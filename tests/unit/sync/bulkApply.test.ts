import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/index.js';
import { appStore } from './appStore.js';
import { applyRows, parseBulkLine } from '../../../electron/core/sync/apply.js';
import { BulkApplier } from '../../../electron/core/sync/bulkApply.js';
import { SyncError } from '../../../electron/core/sync/http.js';
import { customer, history, lastSeq, ticket } from './bulkLines.js';

const store = (): Promise<Store> => appStore('hw-bulk-');

const count = (s: Store, table: string) => s.read((r) => r.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n);

describe('first-sync lines', () => {
  it('inserts groups of rows, parents first, and holds the rows of a parent that comes in a later chunk', async () => {
    const s = await store();
    const first: string[] = [];
    // 40 customers with a ticket and a history entry each; customer c7 was renamed later: its line comes in the next chunk.
    for (let i = 0; i < 40; i++) if (i !== 7) first.push(customer(`c${i}`));
    for (let i = 0; i < 40; i++) first.push(ticket(`t${i}`, `c${i}`), history(`h${i}`, `t${i}`));
    const applier = new BulkApplier({ insertFirst: true, collectTickets: false });
    const a = s.bulkWrite((w) => applier.apply(w, first, false));
    expect(a).toMatchObject({ rows: 119, changed: 117, deferred: 0, inOrder: true, maxSeq: lastSeq() });
    expect([count(s, 'customers'), count(s, 'tickets'), count(s, 'ticket_history'), count(s, 'sync_deferred')]).toEqual([39, 39, 39, 0]);
    // Held in memory, keyed by the missing customer: a cursor must stay below the ticket.
    expect(applier.oldestHeldSeq).toBe(JSON.parse(first.find((l) => l.includes('"t7"'))!).seq);
    const b = s.bulkWrite((w) => applier.apply(w, [customer('c7', '改名')], false));
    expect(b).toMatchObject({ changed: 3, deferred: 0 });
    expect(applier.oldestHeldSeq).toBeNull();
    expect([count(s, 'customers'), count(s, 'tickets'), count(s, 'ticket_history'), count(s, 'sync_deferred')]).toEqual([40, 40, 40, 0]);
  });

  it('keeps rows whose parent never came in sync_deferred when the stream ends, for later pulls', async () => {
    const s = await store();
    const applier = new BulkApplier({ insertFirst: true });
    s.bulkWrite((w) => applier.apply(w, [ticket('t1', 'gone'), history('h1', 't1')], false));
    const end = s.bulkWrite((w) => applier.apply(w, [], true));
    expect(end.deferred).toBe(2);
    expect(s.read((r) => r.all('SELECT entity, id, parent_table, parent_key FROM sync_deferred ORDER BY entity'))).toEqual([
      { entity: 'ticket', id: 't1', parent_table: 'customers', parent_key: 'gone' },
      { entity: 'ticket_history', id: 'h1', parent_table: 'tickets', parent_key: 't1' },
    ]);
    expect(applier.oldestHeldSeq).toBeNull();
  });

  it('merges rows that are already here instead of skipping them, and reports lines out of order', async () => {
    const s = await store();
    s.bulkWrite((w) => new BulkApplier({}).apply(w, [customer('c1')], true));
    const renamed = customer('c1', '李四');
    const older = JSON.stringify({ ...JSON.parse(customer('c2')), seq: 1 });
    const r = s.bulkWrite((w) => new BulkApplier({ insertFirst: true }).apply(w, [renamed, older], true));
    expect(r.inOrder).toBe(false);
    expect(s.read((x) => x.all('SELECT id, name FROM customers ORDER BY id'))).toEqual([
      { id: 'c1', name: '李四' },
      { id: 'c2', name: '王伟' },
    ]);
  });

  it('refuses a malformed line before writing anything of the chunk', async () => {
    const s = await store();
    expect(() => s.bulkWrite((w) => new BulkApplier({}).apply(w, [customer('c1'), '{"entity":"customer","id":"c2"}'], true))).toThrow(SyncError);
    expect(() => s.bulkWrite((w) => new BulkApplier({}).apply(w, [customer('c3'), 'not json'], true))).toThrow(SyncError);
    expect(count(s, 'customers')).toBe(0);
  });

  it('stores exactly what the row-by-row pull stores, awkward text included, whether the group travels as JSON or as bound values', async () => {
    const subjects = [
      '普通的中文主题',
      'emoji 😀👍🏽 and CJK 𠀋 (surrogate pairs)',
      'quotes " \' and backslashes \\ \\\\ and /slashes/',
      'control\ncharacters\tand\r\nline breaks\u0001\u001f',
      'JSON-looking {"a":[1,2]} and null and 123 and 1e5',
      '  leading and trailing spaces  ',
      '\u2028\u2029 line/paragraph separators, \uFEFF BOM, \u00e9 é',
    ];
    const dump = (s: Store) =>
      ['customers', 'tickets', 'ticket_history'].map((table) =>
        s.read((r) => {
          const cols = r.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).map((c) => c.name);
          return r.all(`SELECT ${cols.map((c) => `${c}, typeof(${c}) AS "${c}:type"`).join(', ')} FROM ${table} ORDER BY rowid`);
        }),
      );
    /** Applies the lines both ways; returns how many INSERTs carried their group as JSON, and the tickets' subjects. */
    const compare = async (lines: string[]): Promise<{ json: number; subjects: string[] }> => {
      const bulk = await store();
      let json = 0;
      bulk.bulkWrite((w) => {
        const counted = { ...w, runBlob: (sql: string, b: Uint8Array) => ((json += 1), w.runBlob(sql, b)) };
        return new BulkApplier({ insertFirst: true, collectTickets: false }).apply(counted, lines, true);
      });
      const paged = await store();
      paged.write((w) => applyRows(w, lines.map(parseBulkLine)));
      expect(dump(bulk)).toEqual(dump(paged));
      return { json, subjects: bulk.read((r) => r.all<{ subject: string }>('SELECT subject FROM tickets ORDER BY rowid')).map((r) => r.subject) };
    };

    const lines = [customer('c1', '名 "quoted" \\ 😀')];
    subjects.forEach((subject, i) => lines.push(ticket(`t${i}`, 'c1', subject), history(`h${i}`, `t${i}`)));
    // customers, tickets, history: one JSON group each
    expect(await compare(lines)).toEqual({ json: 3, subjects });

    // A backslash followed by "u0000" is ordinary text, but its group takes the bound-values way (see jsonExact).
    const slow = 'literally \\u0000 and \\ud800 as text';
    expect(await compare([customer('c2', slow), ticket('t1', 'c2', slow), ticket('t2', 'c2', 'fast'), history('h1', 't1')])).toEqual({ json: 1, subjects: [slow, 'fast'] });
  });
});
