import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, PulledRow } from '../../shared/sync/protocol.js';
import { type Api, ENGINES, hlc, ME, mutation, serve, uniq, userApi } from './helpers.js';

/*
 * Attendance corrections and overtime claims on the sync server (issue 16
 * points 4-5, 8): supervisors and admins write corrections and decide
 * overtime for their team / all; agents read only their own attendance
 * records and claims and may add a reason to their own claim; every
 * correction and decision reaches the audit.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
interface AuditEntry {
  action: string;
  detail: Record<string, unknown>;
}
const TS = new Date(Date.now() - 3_600_000).toISOString();

function claimValues(agentId: string, team: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { agentId, team, date: '2026-03-08', kind: 'restday', minutes: 240, status: 'pending', approvedMinutes: null, compensation: null, agentReason: null, decidedBy: null, decidedAt: null, rejectReason: null, createdAt: TS, updatedAt: TS, ...over };
}

describe.each(ENGINES)('attendance corrections and overtime claims on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agentN: Api;
  let agentS: Api;
  let supN: Api;
  let admin: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agentN = await userApi(ctx.server, { username: 'agentN', role: 'agent', team: 'north' });
    agentS = await userApi(ctx.server, { username: 'agentS', role: 'agent', team: 'south' });
    supN = await userApi(ctx.server, { username: 'supN', role: 'supervisor', team: 'north' });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin', team: null });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0], name = 'overtime:approve'): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), name)])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;
  async function pulled(api: Api, entity: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await api.get<{ rows: PulledRow[] }>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === entity);
    return new Map(rows.map((r) => [r.id, r.values]));
  }
  function correction(agentId: string, client: string, over: Record<string, unknown> = {}): Record<string, unknown> {
    return { agentId, state: 'ready', reason: null, at: '2026-03-05T00:29:00.000Z', note: '打卡机故障', source: 'correction', actorId: ME, team: null, createdAt: TS, hlc: at(client), ...over };
  }

  it('lets supervisors (their team) and admins add corrections, never agents; each is audited', async () => {
    expect(code(await push(agentN, 'wsA', [{ entity: 'attendance_correction', id: uniq('c'), values: correction('agentN', 'wsA') }], 'attendance:correct'))).toBe('FORBIDDEN');
    expect(code(await push(supN, 'wsS', [{ entity: 'attendance_correction', id: uniq('c'), values: correction('agentS', 'wsS') }], 'attendance:correct'))).toBe('FORBIDDEN');
    const mine = uniq('c');
    expect((await push(supN, 'wsS', [{ entity: 'attendance_correction', id: mine, values: correction('agentN', 'wsS') }], 'attendance:correct'))?.status).toBe('applied');
    const south = uniq('c');
    expect((await push(admin, 'wsR', [{ entity: 'attendance_correction', id: south, values: correction('agentS', 'wsR', { team: 'south', source: 'import' }) }], 'attendance:importLog'))?.status).toBe('applied');
    const forged = await push(supN, 'wsS', [{ entity: 'attendance_correction', id: uniq('c'), values: correction('agentN', 'wsS', { actorId: 'root' }) }], 'attendance:correct');
    expect(code(forged)).toBe('ACTOR_MISMATCH');

    // The agent reads their own corrections only; the other team's are out of sight.
    expect([...(await pulled(agentN, 'attendance_correction')).keys()]).toEqual([mine]);
    expect([...(await pulled(agentS, 'attendance_correction')).keys()]).toEqual([south]);
    expect((await pulled(supN, 'attendance_correction')).has(south)).toBe(false);

    const audit = (await admin.get<{ entries: AuditEntry[] }>('/audit?limit=1000')).body.entries.filter((e) => e.action === 'attendance.correct');
    expect(audit.map((e) => [e.detail.id, e.detail.username, e.detail.agentId])).toEqual(expect.arrayContaining([[mine, 'supN', 'agentN'], [south, 'root', 'agentS']]));
    expect(audit).toHaveLength(2);
  });

  it('lets a supervisor decide their team\'s claims by the rules, and an agent only add a reason to their own', async () => {
    const id = 'agentN|2026-03-08|restday';
    expect((await push(supN, 'wsS', [{ entity: 'overtime_claim', id, values: claimValues('agentN', 'north') }], 'overtime:compute'))?.status).toBe('applied');
    // The agent adds why; changing the minutes or deciding is not theirs.
    expect((await push(agentN, 'wsA', [{ entity: 'overtime_claim', id, values: { agentReason: '系统割接', updatedAt: TS } }], 'overtime:reason'))?.status).toBe('applied');
    expect(code(await push(agentN, 'wsA', [{ entity: 'overtime_claim', id, values: { minutes: 600, updatedAt: TS } }], 'overtime:reason'))).toBe('FORBIDDEN');
    expect(code(await push(agentN, 'wsA', [{ entity: 'overtime_claim', id, values: { status: 'approved', approvedMinutes: 240, compensation: 'pay', decidedBy: ME, decidedAt: TS } }]))).toBe('FORBIDDEN');
    // Another team's agent never sees it, and cannot write it.
    expect((await pulled(agentS, 'overtime_claim')).has(id)).toBe(false);
    expect(code(await push(agentS, 'wsB', [{ entity: 'overtime_claim', id, values: { agentReason: 'x', updatedAt: TS } }], 'overtime:reason'))).toBeTruthy();

    // Approval: not above the computed minutes; time off for rest-day overtime is fine.
    expect(code(await push(supN, 'wsS', [{ entity: 'overtime_claim', id, values: { status: 'approved', approvedMinutes: 300, compensation: 'pay', decidedBy: ME, decidedAt: TS } }]))).toBe('MINUTES_ABOVE_CLAIM');
    expect((await push(supN, 'wsS', [{ entity: 'overtime_claim', id, values: { status: 'approved', approvedMinutes: 180, compensation: 'time_off', decidedBy: ME, decidedAt: TS, updatedAt: TS } }]))?.status).toBe('applied');
    // Decided is decided: a later rejection from another PC is refused.
    expect(code(await push(admin, 'wsR', [{ entity: 'overtime_claim', id, values: { status: 'rejected', rejectReason: '重复', decidedBy: ME, decidedAt: TS } }], 'overtime:reject'))).toBe('CLAIM_DECIDED');
    expect((await pulled(agentN, 'overtime_claim')).get(id)).toMatchObject({ status: 'approved', approvedMinutes: 180, compensation: 'time_off', agentReason: '系统割接', decidedBy: 'supN' });

    const decisions = (await admin.get<{ entries: AuditEntry[] }>('/audit?limit=1000')).body.entries.filter((e) => e.action.startsWith('overtime.'));
    expect(decisions.map((e) => [e.action, e.detail.id, e.detail.username, e.detail.approvedMinutes])).toEqual([['overtime.approved', id, 'supN', 180]]);
  });

  it('refuses time off for workday overtime, a rejection without reason, and a supervisor deciding another team\'s claim', async () => {
    const work = 'agentS|2026-03-02|workday';
    expect((await push(admin, 'wsR', [{ entity: 'overtime_claim', id: work, values: claimValues('agentS', 'south', { date: '2026-03-02', kind: 'workday', minutes: 90 }) }], 'overtime:compute'))?.status).toBe('applied');
    expect(code(await push(supN, 'wsS', [{ entity: 'overtime_claim', id: work, values: { status: 'approved', approvedMinutes: 60, compensation: 'pay', decidedBy: ME, decidedAt: TS } }]))).toBeTruthy();
    expect(code(await push(admin, 'wsR', [{ entity: 'overtime_claim', id: work, values: { status: 'approved', approvedMinutes: 60, compensation: 'time_off', decidedBy: ME, decidedAt: TS } }]))).toBe('COMPENSATION_NOT_ALLOWED');
    expect(code(await push(admin, 'wsR', [{ entity: 'overtime_claim', id: work, values: { status: 'rejected', rejectReason: null, decidedBy: ME, decidedAt: TS } }], 'overtime:reject'))).toBe('REASON_REQUIRED');
    expect((await push(admin, 'wsR', [{ entity: 'overtime_claim', id: work, values: { status: 'approved', approvedMinutes: 60, compensation: 'pay', decidedBy: ME, decidedAt: TS } }]))?.status).toBe('applied');
    // An agent cannot create a decided claim for themselves, nor a claim for someone else.
    expect(code(await push(agentN, 'wsA', [{ entity: 'overtime_claim', id: 'agentN|2026-03-09|workday', values: claimValues('agentN', 'north', { date: '2026-03-09', kind: 'workday', status: 'approved', approvedMinutes: 240, compensation: 'pay', decidedBy: 'agentN', decidedAt: TS }) }]))).toBe('FORBIDDEN');
    expect(code(await push(agentN, 'wsA', [{ entity: 'overtime_claim', id: 'agentS|2026-03-09|workday', values: claimValues('agentS', 'north', { date: '2026-03-09', kind: 'workday' }) }], 'overtime:reason'))).toBe('FORBIDDEN');
    expect((await push(agentN, 'wsA', [{ entity: 'overtime_claim', id: 'agentN|2026-03-09|workday', values: claimValues('agentN', 'north', { date: '2026-03-09', kind: 'workday', agentReason: '值守' }) }], 'overtime:reason'))?.status).toBe('applied');
  });
});
