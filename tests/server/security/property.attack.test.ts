import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, type EntityDecl, type EntityName } from '../../../shared/sync/entities.js';
import type { Mutation, PulledRow, RowChange } from '../../../shared/sync/protocol.js';
import { type Api, ENGINES, hlc, serve, uniq, userApi } from '../helpers.js';
import { agentState, article, customer, history, m, now, one, pullAll, raw, ticket, TS, version, vote } from './attack.js';

const later0 = (ms: number) => new Date(Date.now() + ms).toISOString();
/** A valid announcement (to `team`, null: everyone) and defect in `who`'s name. */
const announcement = (who: string, team: string | null = null): Record<string, unknown> => ({
  title: '核心网故障', body: '部分地区无法拨打', level: 'outage', team, validFrom: later0(-3_600_000), validTo: later0(3_600_000), endedAt: null, endedBy: null, publishedBy: who, createdAt: TS, updatedAt: TS,
});
const defect = (who: string): Record<string, unknown> => ({
  title: '打印驱动崩溃', product: 'LaserJet', version: '2.1', steps: '安装后打印', severity: 'high', trackerRef: null, status: 'open', statusBy: who, statusAt: TS, statusNote: null, createdBy: who, createdAt: TS, updatedAt: TS,
});

/*
 * Whatever one user pushes, two things never change:
 * - what another team can see: every row a user of team t2 saw is still
 *   there with the same values, and anything new they see is a shared
 *   (global) record in the pusher's own name. A ticket handed off to the
 *   pusher's team is the one exception the product makes (issue 14): the
 *   pusher's team works it, so its ticket and records may change and gain
 *   records in the pusher's name, but its customer stays as it was; and
 *   a ticket the pusher's team hands to t2 shows t2 that ticket's family;
 * - what another user authored: the fields that say who did something keep
 *   their values on every row that existed, append records do not change at
 *   all, and every new row names the pusher (or nobody) there.
 * fast-check builds random mutations from valid rows of every entity, aimed
 * at rows of every team, then forges fields: other users' names, clocks far
 * ahead, other teams' ids, junk timestamps, unstorable text.
 */

const ME = 'mallory';
/** Entities that are a ticket's own records (their parent is the ticket). */
const TICKET_RECORDS: ReadonlySet<string> = new Set(ENTITY_NAMES.filter((e) => (ENTITIES[e] as EntityDecl).parent?.entity === 'ticket'));
const USERS = ['mallory', 'alice', 'sam', 'bob', 'bea', 'root'];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

/** Fields that say who did something (EntityDecl.actors) and whose a record is (a state line's agent, a call's agent, an article's author). */
const ATTRIBUTION: Record<string, readonly string[]> = Object.fromEntries(
  ENTITY_NAMES.map((e) => [e, [...((ENTITIES[e] as EntityDecl).actors ?? []), ...((ENTITIES[e] as EntityDecl).owners ?? []), ...(e === 'article' ? ['authorId'] : [])]]),
);

interface Pools {
  ids: Record<EntityName, string[]>;
  /** parents by entity: ids of customers, tickets, articles, calls, handoffs (both teams) */
  customers: string[];
  tickets: string[];
  articles: string[];
  calls: string[];
  handoffs: string[];
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A valid full row of `entity`, pointing at parents from the pools, in `who`'s name. */
function template(entity: EntityName, p: Pools, pick: (xs: readonly string[]) => string, who: string, clock: string): { id: string; values: Record<string, unknown> } {
  const id = uniq(entity.slice(0, 3));
  switch (entity) {
    case 'customer':
      return { id, values: customer() };
    case 'customer_phone': {
      const customerId = pick(p.customers);
      const key = `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      return { id: `${customerId}|${key}|`, values: { customerId, raw: key.slice(3), key, ext: '', addedAt: TS } };
    }
    case 'ticket':
      return { id, values: ticket(pick(p.customers), who) };
    case 'ticket_history':
      return { id, values: history(pick(p.tickets), who, clock) };
    case 'ticket_note':
      return { id, values: { ticketId: pick(p.tickets), authorId: who, body: '内部备注', at: TS, hlc: clock } };
    case 'article':
      return { id, values: article(who) };
    case 'article_version':
      return { id, values: version(pick(p.articles), who, clock) };
    case 'article_vote':
      return { id, values: vote(pick(p.articles), who, clock) };
    case 'article_use':
      return { id, values: { articleId: pick(p.articles), ticketId: pick(p.tickets), actorId: who, at: TS } };
    case 'agent_state':
      return { id, values: agentState(who, clock, 'not_ready') };
    case 'call':
      return {
        id,
        values: {
          externalId: null, source: 'manual', direction: 'inbound', number: '13800138000', numberKey: '+8613800138000', lineNumber: null, customerId: null, agentId: who, status: 'ringing',
          ringAt: TS, answerAt: null, holdStartedAt: null, holdSeconds: 0, endAt: null, wrapEndAt: null, disposition: null, note: null, createdAt: TS, updatedAt: TS,
        },
      };
    case 'call_ticket': {
      const callId = pick(p.calls);
      const ticketId = pick(p.tickets);
      return { id: `${callId}|${ticketId}`, values: { callId, ticketId, actorId: who, at: TS } };
    }
    case 'handoff':
      return {
        id,
        values: { ticketId: pick(p.tickets), kind: 'escalate', coordinatorId: who, to: 't1', ask: '远程排查', dueBy: later(3_600_000), scope: '驱动', status: 'open', answer: null, answeredBy: null, answeredAt: null, createdAt: TS, updatedAt: TS },
      };
    case 'work_order':
      return {
        id,
        values: { ticketId: pick(p.tickets), handoffId: pick(p.handoffs), engineer: '赵工', address: '朝阳区', appointmentAt: TS, status: 'scheduled', takenAt: null, feedbackDueAt: null, feedback: null, feedbackAt: null, createdBy: who, createdAt: TS, updatedAt: TS },
      };
    case 'callback':
      return {
        id,
        values: { customerId: pick(p.customers), ticketId: null, phone: '13800138000', dueAt: later(3_600_000), ownerId: who, status: 'scheduled', note: null, outcome: null, doneAt: null, doneBy: null, createdBy: who, createdAt: TS, updatedAt: TS },
      };
    case 'follow_up':
      return {
        id,
        values: { ticketId: pick(p.tickets), kind: 'satisfaction', assigneeId: who, forRole: 'agent', dueAt: TS, status: 'open', satisfaction: null, reason: null, note: null, doneAt: null, doneBy: null, createdAt: TS, updatedAt: TS },
      };
    case 'setting':
      return { id: 'console', values: { value: '{"afterCallWorkSeconds":5}', updatedBy: who, updatedAt: TS } };
    case 'quality_review':
      return {
        id,
        values: { ticketId: pick(p.tickets), agentId: who, reviewerId: who, week: '2026-11-23', status: 'scored', checks: '[]', score: 100, comment: null, createdAt: TS, updatedAt: TS, reviewedAt: TS },
      };
    case 'report_export':
      return { id, values: { actorId: who, kind: 'summary', format: 'xlsx', fromDate: '2026-11-01', toDate: '2026-11-30', team: null, rows: 3, fileName: 'report.xlsx', at: TS } };
    // ---- announcements and defects (issue 15 points 4-5)
    case 'announcement':
      return { id, values: announcement(who) };
    case 'announcement_ack': {
      const announcementId = pick(p.ids.announcement.length > 0 ? p.ids.announcement : ['none']);
      return { id: `${announcementId}|${who}`, values: { announcementId, agentId: who, team: 't1', at: TS, hlc: clock } };
    }
    case 'announcement_ticket':
      return { id, values: { announcementId: pick(p.ids.announcement.length > 0 ? p.ids.announcement : ['none']), ticketId: pick(p.tickets), linkedBy: who, linkedAt: TS, removedAt: null, removedBy: null, updatedAt: TS } };
    case 'defect':
      return { id, values: defect(who) };
    case 'defect_ticket':
      return { id, values: { defectId: pick(p.ids.defect.length > 0 ? p.ids.defect : ['none']), ticketId: pick(p.tickets), linkedBy: who, linkedAt: TS, removedAt: null, removedBy: null, ownerNotedAt: null, ownerNotedBy: null, updatedAt: TS } };
    // ---- duty roster (issue 16 point 7)
    case 'duty_entry':
      return { id, values: { date: '2026-12-07', start: '22:00', end: '08:30', agentId: who, phone: '13800000000', backupId: null, removedAt: null, removedBy: null, createdBy: who, updatedBy: who, createdAt: TS, updatedAt: TS } };
    // ---- attendance plan (issue 16 points 2-3): admins only (shifts, calendar), supervisors and admins (rosters)
    case 'shift_type':
      return { id: 'X1', values: { code: 'X1', name: '测试班', start: '08:00', end: '16:00', breakMinutes: 0, retiredAt: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
    case 'holiday':
      return { id: '2027-01-01', values: { date: '2027-01-01', kind: 'statutory', name: '元旦', removedAt: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
    case 'roster_entry':
      return { id: `${who}|2026-12-01`, values: { agentId: who, date: '2026-12-01', entry: 'D', team: 't1', updatedBy: who, createdAt: TS, updatedAt: TS } };
    // ---- knowledge base synonyms (issue 17)
    case 'kb_synonym':
      return { id, values: { words: '["连不上","无法连接"]', removedAt: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
    // ---- attendance: corrections and overtime claims (issue 16 points 4-5): supervisors and admins write; an agent only a reason on their own claim
    case 'attendance_correction':
      return { id, values: { agentId: who, state: 'ready', reason: null, at: TS, note: '补登', source: 'correction', actorId: who, team: 't1', createdAt: TS, hlc: clock } };
    case 'overtime_claim':
      return { id: `${who}|2026-12-01|workday`, values: { agentId: who, team: 't1', date: '2026-12-01', kind: 'workday', minutes: 60, status: 'approved', approvedMinutes: 60, compensation: 'pay', agentReason: null, decidedBy: who, decidedAt: TS, rejectReason: null, createdAt: TS, updatedAt: TS } };    // ---- teams, seats and skills (issue 16 point 1): admins only
    case 'team':
      return { id, values: { name: '二线', leader: null, deactivatedAt: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
    case 'skill':
      return { id: `s${id.replace(/[^a-z0-9]/g, '')}`.slice(0, 30), values: { kind: 'product', code: `s${id.replace(/[^a-z0-9]/g, '')}`.slice(0, 30), name: '宽带', retiredAt: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
    case 'agent_profile':
      return { id: who, values: { agentId: who, team: null, seat: null, skills: '[]', joinedOn: null, updatedBy: who, createdAt: TS, updatedAt: TS } };
  }
}

interface ChangePlan {
  entity: EntityName;
  /** aim at an existing row (index into that entity's pool, any team), or a new one */
  target: number | null;
  who: string;
  /** keep only these fields (an update), by index into the template's fields; null: the whole row */
  subset: number[] | null;
  /** fields forged: index into the fields, and a junk value */
  forge: [number, unknown][];
  farClock: boolean;
}

/** Forged values: mostly other people's names and plausible values, sometimes what no field may hold. */
const junk = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(...USERS), weight: 6 },
  { arbitrary: fc.constantFrom<unknown>('published', 'closed', 'done', 'answered', 'on_site', 't2', null, '2026-01-05T09:00:00.000Z', hlc(Date.now() - 1000, 'forged')), weight: 4 },
  { arbitrary: fc.constantFrom<unknown>('not-a-date', '<img src=x onerror=alert(1)>', 'nul\u0000', 'half\ud800', hlc(Date.now() + 10 * 365 * 24 * 3600_000, 'forged'), 5), weight: 1 },
);

const planArb: fc.Arbitrary<ChangePlan> = fc.record({
  entity: fc.constantFrom(...ENTITY_NAMES),
  target: fc.option(fc.nat(50), { nil: null }),
  who: fc.constantFrom(...USERS, ME, ME, ME, ME),
  subset: fc.option(fc.uniqueArray(fc.nat(20), { minLength: 1, maxLength: 4 }), { nil: null, freq: 3 }),
  forge: fc.array(fc.tuple(fc.nat(20), junk), { maxLength: 2 }),
  farClock: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

function build(plan: ChangePlan, p: Pools, seed: number, clock: string): RowChange {
  let k = seed;
  const pick = (xs: readonly string[]): string => xs[k++ % xs.length] as string;
  const t = template(plan.entity, p, pick, plan.who, plan.farClock ? hlc(Date.now() + 10 * 365 * 24 * 3600_000, 'forged') : clock);
  const pool = p.ids[plan.entity];
  const id = plan.target !== null && pool.length > 0 ? (pool[plan.target % pool.length] as string) : t.id;
  const fields = Object.keys(t.values);
  let values: Record<string, unknown> = { ...t.values };
  // A part of the fields: an update of an existing row (a new one carries them all).
  if (plan.subset && plan.target !== null && (ENTITIES[plan.entity] as EntityDecl).kind === 'lww') values = Object.fromEntries(plan.subset.map((i) => fields[i % fields.length] as string).map((f) => [f, t.values[f]]));
  for (const [i, v] of plan.forge) values[fields[i % fields.length] as string] = v;
  return { entity: plan.entity, id, values };
}

const key = (r: PulledRow) => `${r.entity}/${r.id}`;

describe.each(ENGINES)('property: one user cannot change what another team sees or what others authored, on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  const api: Record<string, Api> = {};
  const pools: Pools = { ids: Object.fromEntries(ENTITY_NAMES.map((e) => [e, []])) as unknown as Record<EntityName, string[]>, customers: [], tickets: [], articles: [], calls: [], handoffs: [] };

  beforeAll(async () => {
    ctx = await serve(engine);
    const teams: Record<string, [string, string | null]> = { mallory: ['agent', 't1'], alice: ['agent', 't1'], sam: ['supervisor', 't1'], bob: ['agent', 't2'], bea: ['supervisor', 't2'], root: ['admin', null] };
    for (const [u, [role, team]] of Object.entries(teams)) api[u] = await userApi(ctx.server, { username: u, role: role as 'agent', team });
    // Honest work by everyone but the attacker: rows of both teams and shared ones, to aim at.
    for (const u of ['alice', 'sam', 'bob', 'bea']) {
      const a = api[u] as Api;
      const c = `pcSeed${u}`;
      const cid = uniq('c');
      const tid = uniq('t');
      const aid = uniq('art');
      const callId = uniq('call');
      const hid = uniq('ho');
      const at = now(c);
      const reviewer = u === 'sam' || u === 'bea';
      const changes: RowChange[] = [
        { entity: 'customer', id: cid, values: customer(`${u}'s customer`) },
        { entity: 'ticket', id: tid, values: ticket(cid, u) },
        { entity: 'ticket_history', id: uniq('h'), values: history(tid, u, at, { action: 'created', changes: '{}' }) },
        { entity: 'agent_state', id: uniq('s'), values: agentState(u, at) },
        { entity: 'article', id: aid, values: article(u, reviewer ? { status: 'published', publishedAt: TS } : {}) },
        { entity: 'article_version', id: uniq('v'), values: version(aid, u, at, reviewer ? 'published' : 'draft') },
        { entity: 'call', id: callId, values: template('call', pools, () => '', u, at).values },
        { entity: 'call_ticket', id: `${callId}|${tid}`, values: { callId, ticketId: tid, actorId: u, at: TS } },
        { entity: 'callback', id: uniq('cb'), values: template('callback', { ...pools, customers: [cid] }, (xs) => xs[0] as string, u, at).values },
        // A defect flagged on the ticket (global), and for supervisors an announcement (to their team, or everyone for t2's).
        { entity: 'defect', id: uniq('def'), values: defect(u) },
        ...(reviewer ? [{ entity: 'announcement' as const, id: uniq('ann'), values: announcement(u, u === 'bea' ? null : 't1') }] : []),
      ];
      const r = await one(a, c, m(changes, at, 'seed:create'));
      expect(r.status, JSON.stringify(r)).toBe('applied');
      // A hand-off moves the ticket (escalated) in the same mutation, as tickets:handoff does.
      const at2 = now(c);
      const r2 = await one(a, c, m([{ entity: 'ticket', id: tid, values: { status: 'escalated' } }, { entity: 'handoff', id: hid, values: template('handoff', { ...pools, tickets: [tid] }, (xs) => xs[0] as string, u, at2).values }], at2, 'tickets:handoff'));
      expect(r2.status, JSON.stringify(r2)).toBe('applied');
      if (reviewer) {
        const at3 = now(c);
        expect((await one(a, c, m([{ entity: 'article_vote', id: uniq('vote'), values: vote(aid, u, at3) }], at3, 'kb:vote'))).status).toBe('applied');
      }
      pools.customers.push(cid);
      pools.tickets.push(tid);
      pools.articles.push(aid);
      pools.calls.push(callId);
      pools.handoffs.push(hid);
    }
    for (const r of await pullAll(api.root as Api)) (pools.ids[r.entity] as string[]).push(r.id);
  }, 120_000);
  afterAll(async () => ctx?.stop());

  it('holds for random forged mutations', async () => {
    const viewsOf = async () => ({
      admin: new Map((await pullAll(api.root as Api)).map((r) => [key(r), r])),
      t2: [new Map((await pullAll(api.bob as Api)).map((r) => [key(r), r])), new Map((await pullAll(api.bea as Api)).map((r) => [key(r), r]))],
    });
    let before = await viewsOf();
    let mutationId = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(planArb, { minLength: 1, maxLength: 2 }), fc.nat(), async (plans, seed) => {
        const clock = now('pcMalProp');
        const mutation: Mutation = { mutationId: mutationId++, name: 'tickets:update', hlc: clock, args: { changes: plans.map((plan, i) => build(plan, pools, seed + i * 7, clock)) } };
        const r = await raw(api.mallory as Api, 'pcMalProp', [mutation]);
        // Answered, never a server error: 200 with a result, or 400 for what the protocol refuses as a whole.
        expect([200, 400], r.text).toContain(r.status);
        const after = await viewsOf();
        // Tickets handed off to a team (a hand-off row saying so), as the server holds them now.
        const handedTo = (ticketId: unknown, team: string): boolean =>
          [...after.admin.values()].some((h) => h.entity === 'handoff' && h.values.ticketId === ticketId && h.values.to === team);
        const ticketOf = (row: PulledRow): unknown => (row.entity === 'ticket' ? row.id : TICKET_RECORDS.has(row.entity) ? row.values.ticketId : undefined);
        const customerHandedTo = (customerId: string, team: string): boolean =>
          [...after.admin.values()].some((t) => t.entity === 'ticket' && t.values.customerId === customerId && handedTo(t.id, team));
        for (const [i, view] of after.t2.entries()) {
          const seen = before.t2[i] as Map<string, PulledRow>;
          for (const [k, row] of seen) {
            const now2 = view.get(k);
            const mine = (ATTRIBUTION[row.entity] ?? []).some((f) => row.values[f] === ME) && (ENTITIES[row.entity] as EntityDecl).kind === 'lww';
            // t2's ticket handed to the attacker's team t1: t1 works it (never its customer, checked here as any row).
            const workedByT1 = ticketOf(row) !== undefined && handedTo(ticketOf(row), 't1');
            if (!mine && !workedByT1) expect(now2?.values, `${k} as team t2 sees it`).toEqual(row.values);
          }
          for (const [k, row] of view) {
            if (seen.has(k)) continue;
            // A ticket handed to t2 brings its whole family, whoever wrote it.
            if ((ticketOf(row) !== undefined && handedTo(ticketOf(row), 't2')) || ((row.entity === 'customer' || row.entity === 'customer_phone') && customerHandedTo(String(row.entity === 'customer' ? row.id : row.values.customerId), 't2'))) continue;
            // Otherwise new to team t2: a global record, or a record on t2's ticket that t1 works, in the attacker's own name.
            const onWorkedTicket = ticketOf(row) !== undefined && handedTo(ticketOf(row), 't1');
            if (!onWorkedTicket) expect(['article', 'article_version', 'article_vote', 'article_use', 'defect'], k).toContain(row.entity);
            expect((ATTRIBUTION[row.entity] ?? []).every((f) => row.values[f] === ME || row.values[f] === null), `${k} ${JSON.stringify(row.values)}`).toBe(true);
          }
        }
        for (const [k, row] of after.admin) {
          const old = before.admin.get(k);
          const fields = ATTRIBUTION[row.entity] ?? [];
          if (!old) {
            expect(fields.every((f) => row.values[f] === ME || row.values[f] === null), `new ${k} ${JSON.stringify(row.values)}`).toBe(true);
            continue;
          }
          if ((ENTITIES[row.entity] as EntityDecl).kind === 'append') expect(row.values, k).toEqual(old.values);
          for (const f of fields) if (old.values[f] !== null) expect(row.values[f], `${k}.${f}`).toBe(old.values[f]);
          for (const f of fields) if (old.values[f] === null && row.values[f] !== null) expect(row.values[f], `${k}.${f}`).toBe(ME);
        }
        for (const r2 of after.admin.values()) if (!before.admin.has(key(r2))) (pools.ids[r2.entity] as string[]).push(r2.id);
        before = after;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});
