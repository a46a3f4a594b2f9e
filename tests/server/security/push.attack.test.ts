import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../../server/db.js';
import { migrate, MIGRATIONS } from '../../../server/migrations.js';
import { PushQueue } from '../../../server/push.js';
import type { ErrorBody, PulledRow } from '../../../shared/sync/protocol.js';
import { type Api, ENGINES, hlc, serve, uniq, userApi } from '../helpers.js';
import { agentState, article, code, customer, history, m, newTicket, now, one, pullAll, raw, type Rejected, snapshot, ticket, TS, version, vote } from './attack.js';

/*
 * The security review's push findings, replayed as it did them: raw HTTP
 * pushes by one user in another's name, with another PC's client id, forged
 * clocks and timestamps, and ids of rows of another team. Each must be
 * refused with its own code and change nothing.
 *
 *   H1  idempotency answers of another user          -> CLIENT_ID_TAKEN
 *   H2  append records skip `check`; forged clocks    -> FORBIDDEN, CLOCK_AHEAD
 *   M3  who-did-it fields taken from the client       -> ACTOR_MISMATCH, FIELD_FIXED
 *   L4  timestamps as free text                       -> VALIDATION_FAILED
 *   L7  existence oracle, false success               -> NOT_FOUND (same answer), ID_TAKEN
 */

describe.each(ENGINES)('push attacks on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  /** team t1 */
  let a1: Api;
  let a1b: Api;
  let sup1: Api;
  /** team t2 */
  let a2: Api;
  let admin: Api;

  beforeAll(async () => {
    ctx = await serve(engine);
    a1 = await userApi(ctx.server, { username: 'mallory', role: 'agent', team: 't1' });
    a1b = await userApi(ctx.server, { username: 'alice', role: 'agent', team: 't1' });
    sup1 = await userApi(ctx.server, { username: 'sam', role: 'supervisor', team: 't1' });
    a2 = await userApi(ctx.server, { username: 'bob', role: 'agent', team: 't2' });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin' });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  describe('H1: idempotency records belong to their user', () => {
    it("never answers with another PC's stored result, even a rejected ticket of another team", async () => {
      // Bob's PC (team t2): a ticket, then a change the server refuses, whose answer carries the t2 ticket in full.
      const { ticketId } = await newTicket(a2, 'bob', 'pcBob');
      const refused = m([{ entity: 'ticket', id: ticketId, values: { status: 'closed', subject: 'secret t2 subject' } }], now('pcBob'), 'tickets:transition', 42);
      const bobs = await one(a2, 'pcBob', refused);
      expect(bobs).toMatchObject({ status: 'rejected', error: { code: 'ILLEGAL_TRANSITION' } });
      expect((bobs as Rejected).current[0]?.values.description).toBe('The printer on floor 2 shows offline');

      // Mallory (t1) replays Bob's client id and mutation id: refused as a whole, nothing of Bob's answer in it.
      const stolen = await raw(a1, 'pcBob', [m([{ entity: 'customer', id: uniq('c'), values: customer() }], now('pcBob'), 'customers:create', 42)]);
      expect(stolen.status).toBe(409);
      expect((stolen.body as unknown as ErrorBody).error.code).toBe('CLIENT_ID_TAKEN');
      expect(stolen.text).not.toContain(ticketId);
      expect(stolen.text).not.toContain('printer');

      // Bob's own replay still gets his own answer.
      expect(await one(a2, 'pcBob', refused)).toEqual(bobs);
    });

    it("cannot use up a colleague's next mutation ids, so their real changes are applied, not `duplicate`", async () => {
      const first = await one(a1b, 'pcAlice', m([{ entity: 'customer', id: uniq('c'), values: customer() }], now('pcAlice'), 'customers:create', 1));
      expect(first.status).toBe('applied');
      // Mallory sees pcAlice in every row's clocks and pushes ids 2..6 first.
      const squat = await raw(a1, 'pcAlice', [2, 3, 4, 5, 6].map((id) => m([{ entity: 'customer', id: uniq('c'), values: customer('squatter') }], now('pcAlice'), 'customers:create', id)));
      expect(squat.status).toBe(409);
      expect((squat.body as unknown as ErrorBody).error.code).toBe('CLIENT_ID_TAKEN');
      // Alice's real changes with those ids arrive.
      const ids = [uniq('c'), uniq('c')];
      const real = await raw(a1b, 'pcAlice', [m([{ entity: 'customer', id: ids[0] as string, values: customer('real 2') }], now('pcAlice'), 'customers:create', 2), m([{ entity: 'customer', id: ids[1] as string, values: customer('real 3') }], now('pcAlice'), 'customers:create', 3)]);
      expect(real.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const names = new Map((await pullAll(admin)).map((r) => [r.id, r.values.name]));
      expect(ids.map((id) => names.get(id))).toEqual(['real 2', 'real 3']);
      expect([...names.values()]).not.toContain('squatter');
    });

  });

  describe('H2: append records are checked like every write', () => {
    it("refuses state lines in a colleague's, a supervisor's or another team's name", async () => {
      const before = await snapshot(admin);
      for (const victim of ['alice', 'sam', 'bob']) {
        const c = now('pcMal');
        const r = await one(a1, 'pcMal', m([{ entity: 'agent_state', id: uniq('s'), values: agentState(victim, c, 'not_ready') }], c, 'agent:setState'));
        expect(r, victim).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
      }
      expect(await snapshot(admin)).toEqual(before);
    });

    it("refuses a forged far-future clock in a record's values, so it cannot stay on top of the log", async () => {
      const mine = now('pcAli');
      expect((await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', mine) }], mine, 'agent:setState'))).status).toBe('applied');
      const tenYears = hlc(Date.now() + 10 * 365 * 24 * 3600_000, 'pcAli');
      const c = now('pcAli');
      const forged = await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', tenYears, 'not_ready') }], c, 'agent:setState'));
      expect(forged).toMatchObject({ status: 'rejected', error: { code: 'CLOCK_AHEAD' } });
      // Nor a clock later than its mutation's, nor something that is not a clock at all.
      const c2 = now('pcAli');
      expect(code(await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', hlc(Date.now() + 60_000, 'pcAli')) }], c2, 'agent:setState')))).toBe('CLOCK_AHEAD');
      expect(code(await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', '9999-forever') }], now('pcAli'), 'agent:setState')))).toBe('VALIDATION_FAILED');
      // The mutation's own clock is held to the server's time as before.
      expect(code(await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', tenYears) }], tenYears, 'agent:setState')))).toBe('CLOCK_AHEAD');
      // Alice's own later line is her current state.
      const later = now('pcAli', 5);
      expect((await one(a1b, 'pcAli', m([{ entity: 'agent_state', id: uniq('s'), values: agentState('alice', later, 'on_call') }], later, 'agent:setState'))).status).toBe('applied');
      const lines = (await pullAll(sup1)).filter((r) => r.entity === 'agent_state' && r.values.agentId === 'alice');
      const newest = lines.reduce((a, b) => (String(a.values.hlc) > String(b.values.hlc) ? a : b));
      expect(newest.values.state).toBe('on_call');
    });

    it('refuses a version that publishes an article for a user who may not publish', async () => {
      const articleId = uniq('art');
      const c = now('pcMal');
      const draft = await one(a1, 'pcMal', m([{ entity: 'article', id: articleId, values: article('mallory') }, { entity: 'article_version', id: uniq('v'), values: version(articleId, 'mallory', c) }], c, 'kb:create'));
      expect(draft.status).toBe('applied');
      const c2 = now('pcMal');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'article_version', id: uniq('v'), values: version(articleId, 'mallory', c2, 'published') }], c2, 'kb:update')))).toBe('FORBIDDEN');
    });
  });

  describe('M3: who did it is the one who pushes', () => {
    it("refuses a history line 'closed by the supervisor' pushed by an agent", async () => {
      const { ticketId } = await newTicket(a1, 'mallory', 'pcMal');
      const c = now('pcMal');
      expect(await one(a1, 'pcMal', m([{ entity: 'ticket_history', id: uniq('h'), values: history(ticketId, 'sam', c) }], c, 'tickets:transition'))).toMatchObject({
        status: 'rejected',
        error: { code: 'ACTOR_MISMATCH', message: expect.stringMatching(/actorId names sam, but the change is pushed by mallory/) },
      });
      const c2 = now('pcMal');
      expect((await one(a1, 'pcMal', m([{ entity: 'ticket_history', id: uniq('h'), values: history(ticketId, 'mallory', c2) }], c2, 'tickets:transition'))).status).toBe('applied');
    });

    it("refuses a published article version in a supervisor's name (seen by every team)", async () => {
      const articleId = uniq('art');
      const c = now('pcSam');
      expect((await one(sup1, 'pcSam', m([{ entity: 'article', id: articleId, values: article('sam', { status: 'published', publishedAt: TS }) }], c, 'kb:create'))).status).toBe('applied');
      const c2 = now('pcMal');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'article_version', id: uniq('v'), values: version(articleId, 'sam', c2, 'published') }], c2, 'kb:update')))).toBe('ACTOR_MISMATCH');
    });

    it('refuses 20 votes under made-up names in one mutation, storing none', async () => {
      const articleId = uniq('art');
      const c = now('pcSam');
      expect((await one(sup1, 'pcSam', m([{ entity: 'article', id: articleId, values: article('sam', { status: 'published', publishedAt: TS }) }], c, 'kb:create'))).status).toBe('applied');
      const c2 = now('pcMal');
      const votes = Array.from({ length: 20 }, (_, i) => ({ entity: 'article_vote' as const, id: uniq('vote'), values: vote(articleId, `sockpuppet${i}`, c2) }));
      expect(code(await one(a1, 'pcMal', m(votes, c2, 'kb:vote')))).toBe('ACTOR_MISMATCH');
      expect((await pullAll(admin)).filter((r) => r.entity === 'article_vote' && r.values.articleId === articleId)).toEqual([]);
    });

    it("refuses a teammate rewriting a ticket's createdBy or number", async () => {
      const { ticketId, no } = await newTicket(a1b, 'alice', 'pcAlice2');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'ticket', id: ticketId, values: { createdBy: 'mallory' } }], now('pcMal'))))).toBe('FIELD_FIXED');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'ticket', id: ticketId, values: { no: 'GD20260105-FORGED' } }], now('pcMal'))))).toBe('FIELD_FIXED');
      // Even in the pusher's own name a creator cannot be replaced.
      expect(code(await one(sup1, 'pcSam', m([{ entity: 'ticket', id: ticketId, values: { createdBy: 'sam' } }], now('pcSam'))))).toBe('FIELD_FIXED');
      // A ticket is created in its creator's name only.
      const cid = uniq('c');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'customer', id: cid, values: customer() }, { entity: 'ticket', id: uniq('t'), values: ticket(cid, 'alice') }], now('pcMal'), 'tickets:create')))).toBe('ACTOR_MISMATCH');
      const row = (await pullAll(admin)).find((r) => r.id === ticketId) as PulledRow;
      expect(row.values).toMatchObject({ createdBy: 'alice', no });
    });

    it("refuses an agent handing their draft to a user of another team; a reviewer may", async () => {
      const articleId = uniq('art');
      const c = now('pcMal');
      expect((await one(a1, 'pcMal', m([{ entity: 'article', id: articleId, values: article('mallory') }], c, 'kb:create'))).status).toBe('applied');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'article', id: articleId, values: { authorId: 'bob' } }], now('pcMal'), 'kb:update')))).toBe('FIELD_FIXED');
      expect((await one(sup1, 'pcSam', m([{ entity: 'article', id: articleId, values: { authorId: 'alice' } }], now('pcSam'), 'kb:update'))).status).toBe('applied');
    });
  });

  describe('L4: timestamps are ISO 8601', () => {
    it('refuses free text in timestamp fields', async () => {
      const id = uniq('c');
      for (const bad of [{ createdAt: 'not-a-date' }, { updatedAt: '<img src=x onerror=alert(1)>' }, { createdAt: '2026-13-01T00:00:00Z' }, { createdAt: '2026-01-05 09:00' }]) {
        const r = await one(a1, 'pcMal', m([{ entity: 'customer', id, values: { ...customer(), ...bad } }], now('pcMal'), 'customers:create'));
        expect(r, JSON.stringify(bad)).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/ISO 8601/) } });
      }
      expect((await one(a1, 'pcMal', m([{ entity: 'customer', id, values: { ...customer(), createdAt: '2026-01-05T17:00:00+08:00' } }], now('pcMal'), 'customers:create'))).status).toBe('applied');
      expect(code(await one(a1, 'pcMal', m([{ entity: 'customer', id, values: { updatedAt: '<img src=x onerror=alert(1)>' } }], now('pcMal'))))).toBe('VALIDATION_FAILED');
    });
  });

  describe('L7: a row one may not see answers as a row that does not exist', () => {
    it("answers a change to another team's row exactly as a change to no row", async () => {
      const { ticketId } = await newTicket(a2, 'bob', 'pcBob2');
      const ghost = uniq('t');
      const [theirs, none] = [await one(a1, 'pcMal', m([{ entity: 'ticket', id: ticketId, values: { subject: 'hijack' } }], now('pcMal'))), await one(a1, 'pcMal', m([{ entity: 'ticket', id: ghost, values: { subject: 'hijack' } }], now('pcMal')))];
      expect(theirs).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' }, current: [] });
      expect({ ...(theirs as Rejected).error, message: (theirs as Rejected).error.message.replace(ticketId, 'X') }).toEqual({ ...(none as Rejected).error, message: (none as Rejected).error.message.replace(ghost, 'X') });
    });

    it("refuses (never 'applied') an append or a create with an id another team's row has", async () => {
      const { ticketId } = await newTicket(a2, 'bob', 'pcBob3');
      const c = now('pcBob3');
      const hid = uniq('h');
      expect((await one(a2, 'pcBob3', m([{ entity: 'ticket_history', id: hid, values: history(ticketId, 'bob', c, { action: 'created', changes: '{}' }) }], c, 'tickets:update'))).status).toBe('applied');
      const before = await snapshot(admin);
      // Mallory's own ticket, and a history line for it that reuses Bob's history id.
      const mine = await newTicket(a1, 'mallory', 'pcMal');
      const after1 = await snapshot(admin);
      const c2 = now('pcMal');
      const append = await one(a1, 'pcMal', m([{ entity: 'ticket_history', id: hid, values: history(mine.ticketId, 'mallory', c2) }], c2, 'tickets:update'));
      expect(append).toMatchObject({ status: 'rejected', error: { code: 'ID_TAKEN' } });
      // Shown back: only what Mallory may see (her own ticket), never Bob's record.
      expect((append as Rejected).current.map((r) => r.id)).toEqual([mine.ticketId]);
      const cid = uniq('c');
      const create = await one(a1, 'pcMal', m([{ entity: 'customer', id: cid, values: customer() }, { entity: 'ticket', id: ticketId, values: ticket(cid, 'mallory') }], now('pcMal'), 'tickets:create'));
      expect(create).toMatchObject({ status: 'rejected', error: { code: 'ID_TAKEN' } });
      expect((create as Rejected).current.map((r) => r.id)).not.toContain(ticketId);
      expect(await snapshot(admin)).toEqual(after1);
      for (const [k, v] of before) expect(after1.get(k)).toBe(v);
    });
  });

  describe('L2: text that cannot be stored is refused, not a server error', () => {
    it('refuses NUL and lone surrogates in row ids, value keys and values', async () => {
      for (const bad of ['a\u0000b', 'x\ud800y', '\udc00']) {
        const idR = await raw(a1, 'pcMal', [m([{ entity: 'customer', id: `c${bad}`, values: customer() }], now('pcMal'), 'customers:create')]);
        expect(idR.status, JSON.stringify(bad)).toBe(400);
        expect((idR.body as unknown as ErrorBody).error.code).toBe('BAD_REQUEST');
        const keyR = await raw(a1, 'pcMal', [m([{ entity: 'customer', id: uniq('c'), values: { ...customer(), [`k${bad}`]: 1 } }], now('pcMal'), 'customers:create')]);
        expect(keyR.status).toBe(400);
        const valR = await one(a1, 'pcMal', m([{ entity: 'customer', id: uniq('c'), values: customer(`name${bad}`) }], now('pcMal'), 'customers:create'));
        expect(valR).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/NUL character or a broken surrogate/) } });
      }
    });
  });
});

describe.each(ENGINES)('H1 after the upgrade of a store whose PCs were shared, on $name', (engine) => {
  it('binds a client id only one user pushed with, and keeps the records of a shared one apart per user', async () => {
    const store = await engine.create();
    const db = store.opts.databaseUrl ? await openPostgres(store.opts.databaseUrl) : await openPglite(path.join(store.opts.dataDir as string, 'pgdata'));
    try {
      await migrate(db, MIGRATIONS.filter((x) => x.id < '0003'));
      for (const u of ['u_a', 'u_b']) await db.query("INSERT INTO users (id, username, password_hash, role, team) VALUES ($1, $1, 'x', 'agent', 't1')", [u]);
      const record = (user: string, client: string, id: number) =>
        db.query("INSERT INTO mutations (client_id, mutation_id, user_id, name, hlc, status, seq, result) VALUES ($1, $2, $3, 'customers:create', $4, 'applied', 1, $5::jsonb)", [
          client,
          id,
          user,
          hlc(Date.now(), client),
          JSON.stringify({ mutationId: id, status: 'applied', seq: 1 }),
        ]);
      await record('u_a', 'sharedPc', 1);
      await record('u_b', 'sharedPc', 2);
      await record('u_a', 'onlyA', 1);
      await migrate(db);
      expect(await db.query('SELECT client_id, user_id FROM sync_clients ORDER BY client_id')).toEqual([{ client_id: 'onlyA', user_id: 'u_a' }]);

      // B pushes with the shared id a mutation id only A used: B's own new change, applied (not A's `duplicate`).
      const queue = new PushQueue(db);
      const userB = { id: 'u_b', username: 'u_b', role: 'agent' as const, team: 't1' };
      const [outcome] = await queue.submit(userB, 'sharedPc', [m([{ entity: 'customer', id: uniq('c'), values: customer() }], now('sharedPc'), 'customers:create', 1)]);
      expect(outcome?.result.status).toBe('applied');
      // The shared id is B's now; A is refused with it, and keeps pushing with its own.
      const userA = { id: 'u_a', username: 'u_a', role: 'agent' as const, team: 't1' };
      await expect(queue.submit(userA, 'sharedPc', [m([{ entity: 'customer', id: uniq('c'), values: customer() }], now('sharedPc'), 'customers:create', 3)])).rejects.toMatchObject({ code: 'CLIENT_ID_TAKEN', status: 409 });
      const [again] = await queue.submit(userA, 'onlyA', [m([{ entity: 'customer', id: uniq('c'), values: customer() }], now('onlyA'), 'customers:create', 1)]);
      expect(again?.result.status).toBe('duplicate');
      await queue.idle();
    } finally {
      await db.close();
      await store.dispose();
    }
  });
});
