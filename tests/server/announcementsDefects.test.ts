import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, PullResponse } from '../../shared/sync/protocol.js';
import { type Api, customerValues, ENGINES, hlc, ME, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';

/*
 * Announcements, acknowledgements, outage links and defects on the sync
 * server (issue 15 points 4-6): the role checks of shared/announcements/rules.ts
 * and shared/defects/rules.ts, team narrowing of global rows, and per-field merge.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = new Date(Date.now() - 3_600_000).toISOString();
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

function announcementValues(team: string | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: '核心网故障', body: '华北部分地区无法拨打 4008', level: 'outage', team, validFrom: TS, validTo: later(3_600_000), endedAt: null, endedBy: null, publishedBy: ME, createdAt: TS, updatedAt: TS, ...over };
}
function defectValues(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: '驱动安装后打印崩溃', product: 'LaserJet', version: '2.1.0', steps: '1. 安装驱动 2. 打印测试页', severity: 'high', trackerRef: null, status: 'open', statusBy: ME, statusAt: TS, statusNote: null, createdBy: ME, createdAt: TS, updatedAt: TS, ...over };
}

describe.each(ENGINES)('announcements and defects on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agentN: Api;
  let agentS: Api;
  let seniorN: Api;
  let supN: Api;
  let supS: Api;
  let admin: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agentN = await userApi(ctx.server, { username: 'agentN', role: 'agent', team: 'north' });
    agentS = await userApi(ctx.server, { username: 'agentS', role: 'agent', team: 'south' });
    seniorN = await userApi(ctx.server, { username: 'seniorN', role: 'senior', team: 'north' });
    supN = await userApi(ctx.server, { username: 'supN', role: 'supervisor', team: 'north' });
    supS = await userApi(ctx.server, { username: 'supS', role: 'supervisor', team: 'south' });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin', team: null });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0], name = 'announcements:publish'): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), name)])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;
  async function pulled(api: Api, entity: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await api.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === entity);
    return new Map(rows.map((r) => [r.id, r.values]));
  }
  async function ticket(api: Api, client: string, createdBy: string): Promise<string> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await push(api, client, [
      { entity: 'customer', id: customerId, values: customerValues() },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy }) },
    ], 'tickets:create');
    expect(r?.status).toBe('applied');
    return ticketId;
  }

  it('lets only supervisors and admins publish, a supervisor to their team or everyone', async () => {
    expect(code(await push(agentN, 'wsA', [{ entity: 'announcement', id: uniq('a'), values: announcementValues(null) }]))).toBe('FORBIDDEN');
    expect(code(await push(seniorN, 'wsSn', [{ entity: 'announcement', id: uniq('a'), values: announcementValues('north') }]))).toBe('FORBIDDEN');
    expect(code(await push(supN, 'wsSupN', [{ entity: 'announcement', id: uniq('a'), values: announcementValues('south') }]))).toBe('FORBIDDEN');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id: uniq('a'), values: announcementValues('north') }]))?.status).toBe('applied');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id: uniq('a'), values: announcementValues(null) }]))?.status).toBe('applied');
    expect((await push(admin, 'wsRoot', [{ entity: 'announcement', id: uniq('a'), values: announcementValues('south') }]))?.status).toBe('applied');
  });

  it('refuses a window whose end is not after its start, and a publisher named for someone else', async () => {
    const bad = await push(supN, 'wsSupN', [{ entity: 'announcement', id: uniq('a'), values: announcementValues(null, { validTo: TS }) }]);
    expect(code(bad)).toBe('VALIDATION_FAILED');
    const forged = await push(supN, 'wsSupN', [{ entity: 'announcement', id: uniq('a'), values: announcementValues(null, { publishedBy: 'supS' }) }]);
    expect(code(forged)).toBe('ACTOR_MISMATCH');
  });

  it('sends a team announcement to that team only, one to everyone to every team', async () => {
    const north = uniq('aN');
    const all = uniq('aAll');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id: north, values: announcementValues('north') }]))?.status).toBe('applied');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id: all, values: announcementValues(null) }]))?.status).toBe('applied');
    const seenN = await pulled(agentN, 'announcement');
    const seenS = await pulled(agentS, 'announcement');
    expect(seenN.has(north) && seenN.has(all)).toBe(true);
    expect(seenS.has(all)).toBe(true);
    expect(seenS.has(north)).toBe(false);
    // A south agent cannot acknowledge (nor reach) the north announcement: it is answered as not there.
    const ack = await push(agentS, 'wsS', [{ entity: 'announcement_ack', id: `${north}|agentS`, values: { announcementId: north, agentId: 'agentS', team: 'south', at: TS, hlc: at('wsS') } }], 'announcements:acknowledge');
    expect(code(ack)).toBe('NOT_FOUND');
  });

  it('lets each agent acknowledge only for themselves; their supervisor sees it, the other team does not', async () => {
    const id = uniq('a');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id, values: announcementValues(null) }]))?.status).toBe('applied');
    const forOther = await push(agentN, 'wsA', [{ entity: 'announcement_ack', id: `${id}|agentS`, values: { announcementId: id, agentId: 'agentS', team: 'south', at: TS, hlc: at('wsA') } }], 'announcements:acknowledge');
    expect(code(forOther)).toBe('ACTOR_MISMATCH');
    const wrongTeam = await push(agentN, 'wsA', [{ entity: 'announcement_ack', id: `${id}|agentN`, values: { announcementId: id, agentId: 'agentN', team: 'south', at: TS, hlc: at('wsA') } }], 'announcements:acknowledge');
    expect(code(wrongTeam)).toBe('FORBIDDEN');
    const own = await push(agentN, 'wsA', [{ entity: 'announcement_ack', id: `${id}|agentN`, values: { announcementId: id, agentId: 'agentN', team: 'north', at: TS, hlc: at('wsA') } }], 'announcements:acknowledge');
    expect(own?.status).toBe('applied');
    expect((await pulled(supN, 'announcement_ack')).has(`${id}|agentN`)).toBe(true);
    expect((await pulled(admin, 'announcement_ack')).has(`${id}|agentN`)).toBe(true);
    expect((await pulled(supS, 'announcement_ack')).has(`${id}|agentN`)).toBe(false);
    expect((await pulled(agentS, 'announcement_ack')).has(`${id}|agentN`)).toBe(false);
  });

  it('merges edits per field and refuses ending an announcement twice', async () => {
    const id = uniq('a');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id, values: announcementValues(null) }]))?.status).toBe('applied');
    // Two PCs of the north supervisor and an admin edit different fields: both stay.
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id, values: { title: '核心网故障（已定位）', updatedAt: TS } }], 'announcements:update'))?.status).toBe('applied');
    expect((await push(admin, 'wsRoot', [{ entity: 'announcement', id, values: { body: '预计 12:00 恢复', updatedAt: TS } }], 'announcements:update'))?.status).toBe('applied');
    const row = (await pulled(agentN, 'announcement')).get(id);
    expect(row?.title).toBe('核心网故障（已定位）');
    expect(row?.body).toBe('预计 12:00 恢复');
    // An agent cannot end it; the supervisor can, once.
    expect(code(await push(agentN, 'wsA', [{ entity: 'announcement', id, values: { endedAt: later(0), endedBy: 'agentN', updatedAt: TS } }], 'announcements:end'))).toBe('FORBIDDEN');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id, values: { endedAt: later(0), endedBy: 'supN', updatedAt: TS } }], 'announcements:end'))?.status).toBe('applied');
    expect(code(await push(admin, 'wsRoot', [{ entity: 'announcement', id, values: { endedAt: later(1000), endedBy: 'root', updatedAt: TS } }], 'announcements:end'))).toBe('ILLEGAL_TRANSITION');
  });

  it('keeps an outage link in its ticket team; two PCs linking the same pair make one row', async () => {
    const a = uniq('a');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement', id: a, values: announcementValues(null) }]))?.status).toBe('applied');
    const t = await ticket(agentN, 'wsA', 'agentN');
    const link = { announcementId: a, ticketId: t, linkedBy: ME, linkedAt: TS, removedAt: null, removedBy: null, updatedAt: TS };
    expect((await push(agentN, 'wsA', [{ entity: 'announcement_ticket', id: `L${t}`, values: link }], 'announcements:linkTicket'))?.status).toBe('applied');
    expect((await push(supN, 'wsSupN', [{ entity: 'announcement_ticket', id: `L${t}`, values: link }], 'announcements:linkTicket'))?.status).toBe('applied');
    const seen = await pulled(supN, 'announcement_ticket');
    // One row: the later link's name wins the field, as any plain field merges.
    expect([...seen.keys()].filter((k) => k === `L${t}`)).toHaveLength(1);
    expect(seen.get(`L${t}`)?.linkedBy).toBe('supN');
    expect((await pulled(supS, 'announcement_ticket')).has(`L${t}`)).toBe(false);
    // The south team cannot link a north ticket.
    expect(code(await push(agentS, 'wsS', [{ entity: 'announcement_ticket', id: uniq('L'), values: link }], 'announcements:linkTicket'))).toBe('NOT_FOUND');
  });

  it('lets anyone flag a defect, only second line and up move its status, along the allowed moves', async () => {
    const d = uniq('d');
    expect(code(await push(agentN, 'wsA', [{ entity: 'defect', id: uniq('d'), values: defectValues({ status: 'fixed' }) }], 'defects:flag'))).toBe('ILLEGAL_TRANSITION');
    expect((await push(agentN, 'wsA', [{ entity: 'defect', id: d, values: defectValues() }], 'defects:flag'))?.status).toBe('applied');
    // Global: the south team sees it too.
    expect((await pulled(agentS, 'defect')).has(d)).toBe(true);
    const move = (api: Api, client: string, status: string, by: string) => push(api, client, [{ entity: 'defect', id: d, values: { status, statusBy: by, statusAt: later(0), statusNote: null, updatedAt: TS } }], 'defects:setStatus');
    expect(code(await move(agentN, 'wsA', 'fixed', 'agentN'))).toBe('FORBIDDEN');
    expect((await move(seniorN, 'wsSn', 'in_progress', 'seniorN'))?.status).toBe('applied');
    expect((await move(supS, 'wsSupS', 'fixed', 'supS'))?.status).toBe('applied');
    expect(code(await move(supN, 'wsSupN', 'wont_fix', 'supN'))).toBe('ILLEGAL_TRANSITION');
    // Who moved it changes only with a move; a non-creator agent edits nothing.
    expect(code(await push(seniorN, 'wsSn', [{ entity: 'defect', id: d, values: { statusBy: 'seniorN', updatedAt: TS } }], 'defects:update'))).toBe('ILLEGAL_TRANSITION');
    expect(code(await push(agentS, 'wsS', [{ entity: 'defect', id: d, values: { title: '别人的缺陷', updatedAt: TS } }], 'defects:update'))).toBe('FORBIDDEN');
    const row = (await pulled(admin, 'defect')).get(d);
    expect(row?.status).toBe('fixed');
    expect(row?.statusBy).toBe('supS');
  });

  it('lets the flagger edit while open; the owner notes the fix on the link under their own name', async () => {
    const d = uniq('d');
    expect((await push(agentN, 'wsA', [{ entity: 'defect', id: d, values: defectValues() }], 'defects:flag'))?.status).toBe('applied');
    expect((await push(agentN, 'wsA', [{ entity: 'defect', id: d, values: { trackerRef: 'DEV-4711', updatedAt: TS } }], 'defects:update'))?.status).toBe('applied');
    const t = await ticket(agentN, 'wsA', 'agentN');
    const linkId = uniq('DL');
    const link = { defectId: d, ticketId: t, linkedBy: ME, linkedAt: TS, removedAt: null, removedBy: null, ownerNotedAt: null, ownerNotedBy: null, updatedAt: TS };
    expect((await push(agentN, 'wsA', [{ entity: 'defect_ticket', id: linkId, values: link }], 'defects:link'))?.status).toBe('applied');
    expect(code(await push(agentN, 'wsA', [{ entity: 'defect_ticket', id: linkId, values: { ownerNotedAt: TS, ownerNotedBy: 'supN', updatedAt: TS } }], 'defects:noteNotice'))).toBe('ACTOR_MISMATCH');
    expect(code(await push(agentN, 'wsA', [{ entity: 'defect_ticket', id: linkId, values: { linkedBy: 'agentN2', updatedAt: TS } }], 'defects:link'))).toBe('ACTOR_MISMATCH');
    expect((await push(agentN, 'wsA', [{ entity: 'defect_ticket', id: linkId, values: { ownerNotedAt: TS, ownerNotedBy: 'agentN', updatedAt: TS } }], 'defects:noteNotice'))?.status).toBe('applied');
    expect((await pulled(agentS, 'defect_ticket')).has(linkId)).toBe(false);
  });
});
