import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerDate } from '../../shared/reports/day.js';
import { DEFAULT_QUALITY_CONFIG } from '../../shared/reports/quality.js';
import { weekStart } from '../../shared/reports/periods.js';
import type { MutationResult, PulledRow } from '../../shared/sync/protocol.js';
import { BACKENDS, ok, openClient, signIn, suiteServer, syncAll, team, ticketInput } from '../integration/sync/helpers.js';
import { type Api, customerValues, ENGINES, hlc, ME, mutation, serve, ticketValues, uniq, userApi } from './helpers.js';

/*
 * Quality reviews and the export audit on the sync server (issue 15 points
 * 2, 3, 6): only supervisors and admins review, the reviewed agent sees their
 * own reviews and nobody else's, every export line reaches the server's
 * audit exactly once; and the same records travelling between two real
 * workstation cores, an export made offline included.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = '2026-11-24T09:00:00.000Z';

function reviewValues(ticketId: string, agentId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ticketId, agentId, reviewerId: ME, week: '2026-11-23', status: 'sampled', checks: '[]', score: null, comment: null, createdAt: TS, updatedAt: TS, reviewedAt: null, ...over };
}
function exportValues(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { actorId: ME, kind: 'summary', format: 'xlsx', fromDate: '2026-11-01', toDate: '2026-11-30', team: null, rows: 41, fileName: 'hotline-summary-2026-11-01_2026-11-30.xlsx', at: TS, ...over };
}

interface AuditEntry {
  action: string;
  userId: string | null;
  detail: Record<string, unknown>;
}

describe.each(ENGINES)('quality reviews and export audit on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let agent2: Api;
  let supervisor: Api;
  let southSupervisor: Api;
  let admin: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'agentQ', role: 'agent', team: 'north' });
    agent2 = await userApi(ctx.server, { username: 'agentQ2', role: 'agent', team: 'north' });
    supervisor = await userApi(ctx.server, { username: 'supQ', role: 'supervisor', team: 'north' });
    southSupervisor = await userApi(ctx.server, { username: 'supS', role: 'supervisor', team: 'south' });
    admin = await userApi(ctx.server, { username: 'rootQ', role: 'admin', team: null });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0], name: string, mutationId?: number): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), name, mutationId)])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;
  async function pulled(api: Api): Promise<PulledRow[]> {
    return (await api.get<{ rows: PulledRow[] }>('/sync/pull?cursor=0&limit=1000')).body.rows;
  }
  async function exportsAudited(): Promise<AuditEntry[]> {
    const r = await admin.get<{ entries: AuditEntry[] }>('/audit?limit=1000');
    expect(r.status).toBe(200);
    return r.body.entries.filter((e) => e.action === 'report.export');
  }

  async function ticket(): Promise<string> {
    const customerId = uniq('c');
    const ticketId = uniq('t');
    const r = await push(agent, 'wsQ', [
      { entity: 'customer', id: customerId, values: customerValues() },
      { entity: 'ticket', id: ticketId, values: ticketValues(customerId, { createdBy: 'agentQ' }) },
    ], 'tickets:create');
    expect(r?.status).toBe('applied');
    return ticketId;
  }

  it('takes reviews from supervisors and admins only, and shows each to the reviewed agent and the team’s supervisors', async () => {
    const ticketId = await ticket();
    const id = uniq('qr');
    expect(code(await push(agent, 'wsQ', [{ entity: 'quality_review', id: uniq('qr'), values: reviewValues(ticketId, 'agentQ') }], 'quality:sample'))).toBe('FORBIDDEN');
    // Another team's supervisor cannot reach a north ticket's review.
    expect((await push(southSupervisor, 'wsS', [{ entity: 'quality_review', id: uniq('qr'), values: reviewValues(ticketId, 'agentQ') }], 'quality:sample'))?.status).toBe('rejected');
    expect((await push(supervisor, 'wsSup', [{ entity: 'quality_review', id, values: reviewValues(ticketId, 'agentQ') }], 'quality:sample'))?.status).toBe('applied');
    // Someone else's name as reviewer is refused.
    expect(code(await push(supervisor, 'wsSup', [{ entity: 'quality_review', id, values: { reviewerId: 'agentQ2', updatedAt: TS } }], 'quality:score'))).toBe('ACTOR_MISMATCH');
    const checks = JSON.stringify(DEFAULT_QUALITY_CONFIG.items.map((i) => ({ ...i, passed: i.id !== 'courtesy' })));
    expect((await push(supervisor, 'wsSup', [{ entity: 'quality_review', id, values: { status: 'scored', checks, score: 80, reviewerId: ME, reviewedAt: TS, updatedAt: TS } }], 'quality:score'))?.status).toBe('applied');
    // The agent may not raise their own score; the week and the agent are fixed.
    expect(code(await push(agent, 'wsQ', [{ entity: 'quality_review', id, values: { score: 100, updatedAt: TS } }], 'quality:score'))).toBe('FORBIDDEN');
    expect(code(await push(supervisor, 'wsSup', [{ entity: 'quality_review', id, values: { agentId: 'agentQ2', updatedAt: TS } }], 'quality:score'))).toBe('FIELD_FIXED');

    const mine = (await pulled(agent)).filter((r) => r.entity === 'quality_review');
    expect(mine.map((r) => [r.id, r.values.score, r.values.agentId])).toEqual([[id, 80, 'agentQ']]);
    expect((await pulled(agent2)).filter((r) => r.entity === 'quality_review')).toEqual([]);
    expect((await pulled(southSupervisor)).filter((r) => r.entity === 'quality_review')).toEqual([]);
    expect((await pulled(supervisor)).some((r) => r.entity === 'quality_review' && r.id === id)).toBe(true);
    // Only an admin edits the checklist (the `quality` setting).
    const setting = { value: JSON.stringify(DEFAULT_QUALITY_CONFIG), updatedBy: ME, updatedAt: TS };
    expect(code(await push(supervisor, 'wsSup', [{ entity: 'setting', id: 'quality', values: setting }], 'quality:setConfig'))).toBe('FORBIDDEN');
    expect((await push(admin, 'wsRoot', [{ entity: 'setting', id: 'quality', values: setting }], 'quality:setConfig'))?.status).toBe('applied');
  });

  it('writes every pushed export line to the audit once, whoever exported, and never one in another user’s name', async () => {
    const before = (await exportsAudited()).length;
    const id = uniq('ex');
    const first = await push(agent, 'wsQ', [{ entity: 'report_export', id, values: exportValues({ kind: 'agents', format: 'csv', rows: 7 }) }], 'reports:export', 9_001);
    expect(first?.status).toBe('applied');
    // The same mutation again (a client that lost the answer): a duplicate, no second audit line.
    expect((await push(agent, 'wsQ', [{ entity: 'report_export', id, values: exportValues({ kind: 'agents', format: 'csv', rows: 7 }) }], 'reports:export', 9_001))?.status).toBe('duplicate');
    expect(code(await push(agent2, 'wsQ2', [{ entity: 'report_export', id: uniq('ex'), values: exportValues({ actorId: 'agentQ' }) }], 'reports:export'))).toBe('ACTOR_MISMATCH');
    const lines = await exportsAudited();
    expect(lines).toHaveLength(before + 1);
    expect(lines[0]?.detail).toMatchObject({ id, username: 'agentQ', userTeam: 'north', team: null, actorId: 'agentQ', kind: 'agents', format: 'csv', fromDate: '2026-11-01', toDate: '2026-11-30', rows: 7, at: TS });
    // The line syncs to whoever may see it: its author and the team's supervisors, not the other agents.
    expect((await pulled(supervisor)).some((r) => r.entity === 'report_export' && r.id === id)).toBe(true);
    expect((await pulled(agent2)).some((r) => r.entity === 'report_export')).toBe(false);
  });
});

describe.each(BACKENDS)('quality reviews and exports between workstations, on $name', (backend) => {
  const server = suiteServer(backend);

  it('a review drawn and scored on the supervisor’s PC reaches the agent’s PC, and an export made offline reaches the server’s audit', async () => {
    const t = team('q');
    const agentName = await server.user(t, 'agent');
    const supName = await server.user(t, 'supervisor');
    const adminName = await server.user(t, 'admin');
    const agentPc = await openClient();
    const supPc = await openClient();
    await signIn(agentPc, server, agentName);
    await signIn(supPc, server, supName);

    const created = await ok(agentPc, 'tickets:create', ticketInput({ subject: '网络中断' }));
    await ok(agentPc, 'tickets:transition', { id: created.ticket.id, to: 'resolved', resolution: '重启光猫后恢复' });
    await syncAll([agentPc, supPc]);

    const week = weekStart(centerDate(Date.now(), 480));
    const sample = await ok(supPc, 'quality:sample', { week });
    expect(sample.reviews.map((r) => [r.agentId, r.ticketId])).toEqual([[agentName, created.ticket.id]]);
    const review = sample.reviews[0];
    if (!review) throw new Error('one review expected');
    await ok(supPc, 'quality:score', { id: review.id, checks: Object.fromEntries(DEFAULT_QUALITY_CONFIG.items.map((i) => [i.id, i.id !== 'courtesy'])), comment: '注意礼貌用语' });
    await ok(supPc, 'reports:export', { from: week, to: week, kind: 'agents', format: 'xlsx' });
    await syncAll([supPc, agentPc]);

    const mine = await ok(agentPc, 'quality:mine', {});
    expect(mine.map((r) => [r.ticketId, r.status, r.score, r.comment])).toEqual([[created.ticket.id, 'scored', 80, '注意礼貌用语']]);

    // Offline: the export is made and its audit line waits in the outbox; back online it reaches the server.
    await server.halt();
    await ok(supPc, 'reports:export', { from: week, to: week, kind: 'summary', format: 'csv' });
    expect((await ok(supPc, 'sync:status', {})).pending).toBeGreaterThan(0);
    await server.start();
    await syncAll([supPc]);
    const rootApi = await (await import('./helpers.js')).login(server.url, adminName);
    const audit = await rootApi.get<{ entries: AuditEntry[] }>('/audit?limit=1000');
    const exports = audit.body.entries.filter((e) => e.action === 'report.export' && e.detail.username === supName);
    expect(exports.map((e) => [e.detail.kind, e.detail.format])).toEqual([
      ['summary', 'csv'],
      ['agents', 'xlsx'],
    ]);
  }, 120_000);
});
