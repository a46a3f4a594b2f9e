import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../server/db.js';
import { Maintenance } from '../../server/maintenance.js';
import { MIGRATIONS, migrate } from '../../server/migrations.js';
import { ENGINES, tempDir, type Store } from './helpers.js';

describe.each(ENGINES)('database adapter on $name', (engine) => {
  let store: Store;
  let db: Db;

  beforeAll(async () => {
    store = await engine.create();
    db = store.opts.databaseUrl ? await openPostgres(store.opts.databaseUrl) : await openPglite(`${store.opts.dataDir as string}/pgdata`);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('migrates once and records what it applied', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('refuses a database with a migration it does not know, or one that was edited', async () => {
    await expect(migrate(db, [])).rejects.toMatchObject({ code: 'MIGRATION_MISMATCH', message: expect.stringMatching(/0001_init applied, which this server does not know/) });
    const edited = MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
    await expect(migrate(db, edited)).rejects.toMatchObject({ code: 'MIGRATION_MISMATCH', message: expect.stringMatching(/differs from the one applied/) });
  });

  it('rolls a failed transaction back entirely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO audit (action, detail) VALUES ('login', '{\"probe\":1}')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query("SELECT 1 FROM audit WHERE detail->>'probe' = '1'")).toEqual([]);
    const n = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO audit (action, detail) VALUES ('login', '{\"probe\":2}')");
      return (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE detail->>'probe' = '2'"))[0]?.n;
    });
    expect(n).toBe(1);
  });

  it('gathers planner statistics for sync_rows after large writes', async () => {
    await db.query(`INSERT INTO sync_rows (entity, id, team, "values", field_hlc, seq) SELECT 'customer', 'c' || g, 'north', '{}', '{}', nextval('sync_seq') FROM generate_series(1, 2000) g`);
    const stats = async () => Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'sync_rows'"))[0]?.n);
    const m = new Maintenance(db, () => undefined);
    m.noteWrites(999);
    await m.idle();
    expect(await stats()).toBe(0);
    m.noteWrites(1001);
    await m.idle();
    expect(await stats()).toBeGreaterThan(0);
    await m.close();
  });

  it('delivers NOTIFY to listeners, and stops after unlisten', async () => {
    const got: string[] = [];
    const off = await db.listen('hw_test', (p) => got.push(p));
    await db.notify('hw_test', 'one');
    await expect.poll(() => got, { timeout: 2_000 }).toEqual(['one']);
    await off();
    await db.notify('hw_test', 'two');
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['one']);
    await expect(db.listen('bad channel; DROP TABLE users', () => undefined)).rejects.toThrow(/Invalid notification channel/);
  });
});

describe('embedded data folder', () => {
  it('is refused to a second opener in the same process', async () => {
    const { openStore } = await import('../../server/store.js');
    const dir = tempDir();
    const first = await openStore({ dataDir: dir });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE', message: expect.stringMatching(/in use by this process/) });
    } finally {
      await first.close();
    }
    const again = await openStore({ dataDir: dir });
    await again.close();
  }, 30_000);
});
