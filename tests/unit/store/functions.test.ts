import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../../electron/core/store/types.js';
import { crashCopy, openStore, tempDir } from './helpers.js';

const MIGRATIONS = [{ id: '0001_items', sql: 'CREATE TABLE items (id TEXT PRIMARY KEY, label TEXT NOT NULL, n INTEGER NOT NULL); CREATE TABLE shout (id TEXT PRIMARY KEY, loud TEXT NOT NULL);' }];
const TRIGGER = {
  id: '0002_trigger',
  sql: 'CREATE TRIGGER items_shout AFTER INSERT ON items BEGIN INSERT INTO shout (id, loud) VALUES (new.id, shout(new.label)); END;',
  functions: { shout: (s: SqlValue | Uint8Array) => `${String(s).toUpperCase()}!` },
};
const loud = (store: Awaited<ReturnType<typeof openStore>>) => store.read((r) => r.all<{ loud: string }>('SELECT loud FROM shout ORDER BY id')).map((x) => x.loud);

describe('Store SQL functions', () => {
  it('registers functions from the options and from migrations, before migrations and replay, and after checkpoints', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { migrations: [...MIGRATIONS, TRIGGER], functions: { twice: (n: SqlValue | Uint8Array) => Number(n) * 2, concat_all: (...a) => a.join('+') } });
    expect(store.read((r) => r.get<{ v: number; c: string }>("SELECT twice(21) AS v, concat_all('a', 'b', 'c') AS c"))).toEqual({ v: 42, c: 'a+b+c' });
    store.write((w) => w.run("INSERT INTO items (id, label, n) VALUES ('a', 'hi', 1)"));
    store.checkpoint();
    store.write((w) => w.run("INSERT INTO items (id, label, n) VALUES ('b', 'yo', 1)"));
    expect(store.read((r) => r.get<{ v: number }>('SELECT twice(2) AS v'))?.v).toBe(4);
    const copy = crashCopy(dir);
    store.close();
    const reopened = await openStore(copy, { migrations: [...MIGRATIONS, TRIGGER] });
    expect(loud(reopened)).toEqual(['HI!', 'YO!']);
    reopened.close();
  });

  it('rejects invalid names and surfaces errors thrown by a function', async () => {
    await expect(openStore(tempDir(), { functions: { 'bad name': () => 1 } })).rejects.toThrow(/Invalid SQL function name/);
    const store = await openStore(tempDir(), { functions: { boom: () => { throw new Error('kaboom'); } } });
    expect(() => store.read((r) => r.get('SELECT boom() AS x'))).toThrow(/kaboom/);
    store.close();
  });
});
