import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../server/db.js';
import { applyMutation, PushQueue } from '../../server/push.js';
import { openStore, type OpenStore } from '../../server/store.js';
import { createUser } from '../../server/users.js';
import type { Mutation, SessionUser } from '../../shared/sync/protocol.js';
import { customerValues, ENGINES, hlc, uniq, type Store } from './helpers.js';

/*
 * The push path's failure branches, driven by database errors injected under
 * the real code (server/push.ts): a group that fails is rolled back and each
 * request in it applied on its own, so the error reaches only the request
 * that causes it; a deadlock or serialisation failure (40P01, 40001) and a
 * row created by a concurrent push (RaceLost) are retried; a mutation
 * committed meanwhile by a concurrent request (mutations_pkey) answers
 * `duplicate`. None of these happen on demand against a healthy database,
 * hence the injection; on PostgreSQL the duplicate-key race also runs for real.
 */

/** The one statement that writes a mutation's rows and its record (push.ts WRITE). */
const isWrite = (sql: string): boolean => sql.includes('INSERT INTO sync_rows');

type Act = { throw: () => unknown } | { delayMs: number } | { flipInserted: true } | { noRows: true };
interface Fault {
  when: (sql: string, params: readonly unknown[]) => boolean;
  act: Act;
  /** how many matching statements it hits (then it is spent) */
  times: number;
  hits: number;
}

/** A Db whose statements (inside transactions too) meet the armed faults first. */
class FaultyDb implements Db {
  readonly faults: Fault[] = [];
  constructor(private readonly db: Db) {}

  get engine(): Db['engine'] {
    return this.db.engine;
  }

  arm(when: Fault['when'], act: Act, times = 1): Fault {
    const f: Fault = { when, act, times, hits: 0 };
    this.faults.push(f);
    return f;
  }

  disarm(): void {
    this.faults.length = 0;
  }

  private async run<T extends object>(q: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const fault = this.faults.find((f) => f.hits < f.times && f.when(sql, params));
    if (fault) fault.hits += 1;
    if (fault && 'throw' in fault.act) throw fault.act.throw();
    if (fault && 'delayMs' in fault.act) await new Promise((r) => setTimeout(r, (fault.act as { delayMs: number }).delayMs));
    if (fault && 'noRows' in fault.act) return [];
    const rows = await q.query<T>(sql, params);
    if (fault && 'flipInserted' in fault.act) return rows.map((r) => ({ ...r, inserted: !(r as { inserted?: boolean }).inserted }));
    return rows;
  }

  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.run<T>(this.db, sql, params);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn({ query: <R extends object>(sql: string, params?: readonly unknown[]) => this.run<R>(tx, sql, params) }));
  }

  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, cb);
  }

  notify(channel: string, payload: string): Promise<void> {
    return this.db.notify(channel, payload);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

const sqlError = (code: string, message: string, constraint?: string): (() => Error) => () => Object.assign(new Error(message), { code, ...(constraint ? { constraint } : {}) });

describe.each(ENGINES)('push failure branches on $name', (engine) => {
  let store: Store;
  let opened: OpenStore;
  let db: FaultyDb;
  let user: SessionUser;
  let other: SessionUser;
  let n = 0;
  const T0 = Date.now() - 60_000;

  beforeAll(async () => {
    store = await engine.create();
    opened = await openStore(store.opts);
    db = new FaultyDb(opened.db);
    const u = await createUser(opened.db, { username: 'faulty', password: 'password-1', role: 'agent', team: 't1' }, null);
    const o = await createUser(opened.db, { username: 'bystander', password: 'password-1', role: 'agent', team: 't1' }, null);
    user = { id: u.id, username: u.username, role: u.role, team: u.team };
    other = { id: o.id, username: o.username, role: o.role, team: o.team };
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
    await store?.dispose();
  });

  const create = (client: string, id = uniq('c'), mutationId = ++n): Mutation => ({
    mutationId,
    name: 'customers:create',
    hlc: hlc(T0 + n, client),
    args: { changes: [{ entity: 'customer', id, values: customerValues(`C ${id}`) }] },
  });
  const rowsWith = async (ids: readonly string[]): Promise<{ id: string; seq: string | number }[]> => opened.db.query('SELECT id, seq FROM sync_rows WHERE id = ANY($1::text[]) ORDER BY id', [ids]);
  const records = async (client: string): Promise<{ mutation_id: string | number; status: string }[]> =>
    opened.db.query('SELECT mutation_id, status FROM mutations WHERE client_id = $1 ORDER BY mutation_id', [client]);

  it('rolls a failed group back, then applies each request on its own: only the request that causes the error fails, and its earlier mutations stay', async () => {
    // A clock that never moves: the group's time budget does not cut B's request short, so the whole of it is in one group.
    const queue = new PushQueue(db, () => 0);
    // Each client id pushed once already (its owner is known, no lookup delays a request below).
    for (const [u, client] of [[other, 'gfHold'], [user, 'gfA'], [user, 'gfB'], [other, 'gfC']] as const) await queue.submit(u, client, [create(client)]);
    const ids = { a: uniq('ga'), b1: uniq('gb'), b2: uniq('gb'), c: uniq('gc') };
    // The write of B's second mutation fails every time (what a constraint or a lost connection would do).
    const poison = db.arm((sql, p) => isWrite(sql) && (p[1] as string[]).includes(ids.b2), { throw: sqlError('XX000', 'injected: the database refused this write') }, 99);
    // A first request whose write is held a moment, so that A, B and C queue up and are applied as one group.
    const hold = db.arm((sql) => isWrite(sql), { delayMs: 150 });
    // (counts the groups: each opens with the push lock and the sequence)
    const groups = db.arm((sql) => sql.includes('CROSS JOIN sync_seq'), { delayMs: 0 }, 99);
    const first = queue.submit(other, 'gfHold', [create('gfHold')]);
    await new Promise((r) => setTimeout(r, 30));
    const [a, b, c] = [
      queue.submit(user, 'gfA', [create('gfA', ids.a)]),
      queue.submit(user, 'gfB', [create('gfB', ids.b1), create('gfB', ids.b2)]),
      queue.submit(other, 'gfC', [create('gfC', ids.c)]),
    ];
    const settled = await Promise.allSettled([first, a, b, c]);
    db.disarm();
    expect(hold.hits).toBe(1);
    // The held request's group, then one group for A, B and C together.
    expect(groups.hits).toBe(2);
    // Once in the group, once on its own.
    expect(poison.hits).toBe(2);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'XX000' });
    expect((await a).map((o) => o.result.status)).toEqual(['applied']);
    expect((await c).map((o) => o.result.status)).toEqual(['applied']);
    // A and C once each, B's first mutation committed, its second nowhere.
    expect((await rowsWith(Object.values(ids))).map((r) => r.id).sort()).toEqual([ids.a, ids.b1, ids.c].sort());
    expect((await records('gfB')).map((r) => r.status)).toEqual(['applied', 'applied']);
    await queue.idle();
  });

  it('retries a deadlock or serialisation failure, and gives up (writing nothing) after five attempts', async () => {
    for (const code of ['40P01', '40001']) {
      const id = uniq('dl');
      const fault = db.arm((sql) => isWrite(sql), { throw: sqlError(code, `injected ${code}`) }, 2);
      const outcome = await applyMutation(db, user, 'dlA', create('dlA', id));
      expect(fault.hits).toBe(2);
      expect(outcome.result.status).toBe('applied');
      expect(await rowsWith([id])).toHaveLength(1);
      db.disarm();
    }
    const id = uniq('dl');
    const m = create('dlB', id);
    const fault = db.arm((sql) => isWrite(sql), { throw: sqlError('40P01', 'injected deadlock') }, 99);
    await expect(applyMutation(db, user, 'dlB', m)).rejects.toMatchObject({ code: '40P01' });
    expect(fault.hits).toBe(5);
    db.disarm();
    expect(await rowsWith([id])).toEqual([]);
    expect(await records('dlB')).toEqual([]);
    // Sent again once the database recovers: applied, once.
    expect((await applyMutation(db, user, 'dlB', m)).result.status).toBe('applied');
  });

  it('runs a mutation again when a row it planned as new was created meanwhile (RaceLost), alone and in a group', async () => {
    const id = uniq('race');
    const fault = db.arm((sql) => isWrite(sql), { flipInserted: true });
    const outcome = await applyMutation(db, user, 'raceA', create('raceA', id));
    expect(fault.hits).toBe(1);
    expect(outcome.result.status).toBe('applied');
    expect(await rowsWith([id])).toHaveLength(1);
    expect(await records('raceA')).toHaveLength(1);
    db.disarm();

    const queue = new PushQueue(db);
    const id2 = uniq('race');
    db.arm((sql) => isWrite(sql), { flipInserted: true });
    const [o] = await queue.submit(user, 'raceB', [create('raceB', id2)]);
    db.disarm();
    expect(o?.result.status).toBe('applied');
    expect(await rowsWith([id2])).toHaveLength(1);
    expect(await records('raceB')).toHaveLength(1);
    await queue.idle();
  });

  it('answers duplicate when the same mutation was committed meanwhile by a concurrent request (mutations_pkey)', async () => {
    const m = create('dupA');
    expect((await applyMutation(db, user, 'dupA', m)).result.status).toBe('applied');
    // The replays' reads see no record (as when two requests read before either committed): their writes meet the key,
    // whether they write rows (a new row: the WRITE statement) or only the record (every field lost).
    for (const replay of [{ ...m, args: { changes: [{ entity: 'customer' as const, id: uniq('dup'), values: customerValues() }] } }, m]) {
      const read = db.arm((sql) => sql.startsWith('SELECT status, result FROM mutations'), { noRows: true });
      const outcome = await applyMutation(db, user, 'dupA', replay);
      db.disarm();
      expect(read.hits).toBe(1);
      expect(outcome).toEqual({ result: { mutationId: m.mutationId, status: 'duplicate' }, wrote: null, rows: 0 });
    }
    expect(await records('dupA')).toHaveLength(1);
    // Any other unique violation is an error, not a duplicate.
    db.arm((sql) => isWrite(sql), { throw: sqlError('23505', 'duplicate key value violates unique constraint "sync_rows_seq"', 'sync_rows_seq') }, 5);
    await expect(applyMutation(db, user, 'dupB', create('dupB'))).rejects.toMatchObject({ code: '23505', constraint: 'sync_rows_seq' });
    db.disarm();
  });

  it.runIf(engine.name === 'postgres')('judges two seats pushed at once on their own (a group fallback, a second server process) one after the other: SEAT_TAKEN for one', async () => {
    const admin = await createUser(opened.db, { username: 'seatAdmin', password: 'password-1', role: 'admin', team: null }, null);
    const actor: SessionUser = { id: admin.id, username: admin.username, role: admin.role, team: admin.team };
    const agents = ['seatX', 'seatY'];
    for (const a of agents) await createUser(opened.db, { username: a, password: 'password-1', role: 'agent', team: 't1' }, null);
    const profile = (client: string, agentId: string, seat: string): Mutation => ({
      mutationId: ++n,
      name: 'profiles:set',
      hlc: hlc(T0 + n, client),
      args: { changes: [{ entity: 'agent_profile', id: agentId, values: { agentId, team: null, seat, skills: '[]', joinedOn: null, updatedBy: 'seatAdmin', createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString() } }] },
    });
    for (let i = 0; i < 6; i++) {
      const seat = `S-${i}`;
      // The seat's check reads slowly, so without the lock both would pass it before either writes.
      db.arm((sql) => sql.includes("upper(r.\"values\"->>'seat')"), { delayMs: 60 }, 2);
      const outcomes = await Promise.all([applyMutation(db, actor, 'seatPcA', profile('seatPcA', 'seatX', seat)), applyMutation(db, actor, 'seatPcB', profile('seatPcB', 'seatY', seat))]);
      db.disarm();
      const statuses = outcomes.map((o) => (o.result.status === 'rejected' ? o.result.error.code : o.result.status)).sort();
      expect(statuses, seat).toEqual(['SEAT_TAKEN', 'applied']);
      const holders = await opened.db.query<{ id: string }>("SELECT id FROM sync_rows WHERE entity = 'agent_profile' AND \"values\"->>'seat' = $1", [seat]);
      expect(holders, seat).toHaveLength(1);
    }
  });

  it.runIf(engine.name === 'postgres')('meets the real duplicate key when one mutation is applied twice at once', async () => {
    for (let i = 0; i < 5; i++) {
      const m = create('dupReal');
      const outcomes = await Promise.all([applyMutation(opened.db, user, 'dupReal', m), applyMutation(opened.db, user, 'dupReal', m), applyMutation(opened.db, user, 'dupReal', m)]);
      expect(outcomes.map((o) => o.result.status).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    }
  });
});
