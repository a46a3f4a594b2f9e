import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult, PullResponse } from '../../shared/sync/protocol.js';
import { type Api, ENGINES, hlc, mutation, serve, uniq, userApi } from './helpers.js';

/*
 * The knowledge base's synonym list on the sync server (issue 17): a
 * global entity only admins write; every team pulls it; a malformed word
 * list is refused; edits merge per field.
 */

type Rejected = Extract<MutationResult, { status: 'rejected' }>;
const TS = new Date(Date.now() - 3_600_000).toISOString();

function synonymValues(by: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { words: JSON.stringify(['连不上', '无法连接']), removedAt: null, updatedBy: by, createdAt: TS, updatedAt: TS, ...over };
}

describe.each(ENGINES)('knowledge base synonyms on $name', (engine) => {
  let ctx: Awaited<ReturnType<typeof serve>>;
  let agent: Api;
  let senior: Api;
  let supervisor: Api;
  let admin: Api;
  let otherTeam: Api;
  let tick = 0;
  const T0 = Date.now() - 60_000;
  const at = (client: string) => hlc(T0 + ++tick, client);

  beforeAll(async () => {
    ctx = await serve(engine);
    agent = await userApi(ctx.server, { username: 'agentN', role: 'agent', team: 'north' });
    senior = await userApi(ctx.server, { username: 'seniorN', role: 'senior', team: 'north' });
    supervisor = await userApi(ctx.server, { username: 'supN', role: 'supervisor', team: 'north' });
    otherTeam = await userApi(ctx.server, { username: 'agentS', role: 'agent', team: 'south' });
    admin = await userApi(ctx.server, { username: 'root', role: 'admin', team: null });
  }, 60_000);
  afterAll(async () => ctx?.stop());

  async function push(api: Api, client: string, changes: Parameters<typeof mutation>[0]): Promise<MutationResult | undefined> {
    return (await api.push(client, [mutation(changes, at(client), 'kb:synonyms')])).body.results[0];
  }
  const code = (r: MutationResult | undefined) => (r as Rejected | undefined)?.error?.code;
  async function pulled(api: Api): Promise<Map<string, Record<string, unknown>>> {
    const rows = (await api.get<PullResponse>('/sync/pull?cursor=0&limit=5000')).body.rows.filter((r) => r.entity === 'kb_synonym');
    return new Map(rows.map((r) => [r.id, r.values]));
  }

  it('lets only admins add, change or remove a synonym group', async () => {
    for (const [api, name, client] of [
      [agent, 'agentN', 'wsA'],
      [senior, 'seniorN', 'wsSn'],
      [supervisor, 'supN', 'wsSup'],
    ] as const) {
      expect(code(await push(api, client, [{ entity: 'kb_synonym', id: uniq('syn'), values: synonymValues(name) }])), name).toBe('FORBIDDEN');
    }
    const id = uniq('syn');
    expect((await push(admin, 'wsRoot', [{ entity: 'kb_synonym', id, values: synonymValues('root') }]))?.status).toBe('applied');
    // a supervisor cannot change or remove the admin's group either
    expect(code(await push(supervisor, 'wsSup', [{ entity: 'kb_synonym', id, values: { words: JSON.stringify(['连不上', '断开']), updatedBy: 'supN', updatedAt: TS } }]))).toBe('FORBIDDEN');
    expect(code(await push(supervisor, 'wsSup', [{ entity: 'kb_synonym', id, values: { removedAt: TS, updatedBy: 'supN', updatedAt: TS } }]))).toBe('FORBIDDEN');
    expect((await push(admin, 'wsRoot', [{ entity: 'kb_synonym', id, values: { words: JSON.stringify(['连不上', '无法连接', '连接失败']), updatedBy: 'root', updatedAt: TS } }]))?.status).toBe('applied');
    // every team pulls the list (global), with the admin's change
    for (const api of [agent, otherTeam]) {
      const rows = await pulled(api);
      expect(JSON.parse(String(rows.get(id)?.words))).toEqual(['连不上', '无法连接', '连接失败']);
    }
    expect((await push(admin, 'wsRoot', [{ entity: 'kb_synonym', id, values: { removedAt: TS, updatedBy: 'root', updatedAt: TS } }]))?.status).toBe('applied');
    expect((await pulled(otherTeam)).get(id)?.removedAt).toBe(TS);
  });

  it('refuses a word list that is not 2-12 different words, and an editor named for someone else', async () => {
    for (const words of ['not json', JSON.stringify(['只有一个']), JSON.stringify(['同', '同']), JSON.stringify(['a', 'b,c']), JSON.stringify(Array.from({ length: 13 }, (_, i) => `词${i}`))]) {
      expect(code(await push(admin, 'wsRoot', [{ entity: 'kb_synonym', id: uniq('syn'), values: synonymValues('root', { words }) }])), words).toBe('VALIDATION_FAILED');
    }
    expect(code(await push(admin, 'wsRoot', [{ entity: 'kb_synonym', id: uniq('syn'), values: synonymValues('supN') }]))).toBe('ACTOR_MISMATCH');
  });
});
