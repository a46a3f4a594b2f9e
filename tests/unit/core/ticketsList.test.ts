import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/api.js';
import type { TicketInput } from '../../../shared/tickets/schema.js';
import { failure, ok, openTestCore, T0, ticketInput } from './helpers.js';

const HOUR = 3_600_000;

/** Three tickets an hour apart, newest last: printer (Beijing), network (Shenzhen mobile), billing complaint. */
async function seed(core: Core, time: { advance: (ms: number) => void }) {
  const inputs: TicketInput[] = [
    ticketInput(),
    ticketInput({
      subject: '办公室网络中断',
      description: '交换机指示灯不亮',
      severity: 'urgent',
      assigneeId: 'agent-9',
      customer: { name: '李娜', phone: '+86 138 1234 5678', organisation: '深圳某物流公司' },
    }),
    ticketInput({ subject: '账单金额有误 100%_收费', description: '多收了月租', category: 'complaint', severity: 'high', customer: { name: '赵六', phone: '0755-87654321' } }),
  ];
  const ids: string[] = [];
  for (const input of inputs) {
    ids.push((await ok(core, 'tickets:create', input)).ticket.id);
    time.advance(HOUR);
  }
  return ids;
}

describe('tickets:list', () => {
  it('lists newest first with the total, customer name and phone', async () => {
    const { core, time } = await openTestCore();
    const [a, b, c] = await seed(core, time);
    const page = await ok(core, 'tickets:list', {});
    expect(page.items.map((i) => i.id)).toEqual([c, b, a]);
    expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(page.items[1]).toMatchObject({ customerName: '李娜', customerPhone: '+86 138 1234 5678' });
    expect(page.items[0]).not.toHaveProperty('description');
  });

  it('pages with limit and offset while reporting the full total', async () => {
    const { core, time } = await openTestCore();
    const [, b] = await seed(core, time);
    const page = await ok(core, 'tickets:list', { limit: 1, offset: 1 });
    expect(page.items.map((i) => i.id)).toEqual([b]);
    expect(page.total).toBe(3);
  });

  it('filters by status, assignee, category and severity', async () => {
    const { core, time } = await openTestCore();
    const [a, b, c] = await seed(core, time);
    await ok(core, 'tickets:transition', { id: a!, to: 'in_progress' });
    expect((await ok(core, 'tickets:list', { status: ['in_progress'] })).items.map((i) => i.id)).toEqual([a]);
    expect((await ok(core, 'tickets:list', { status: ['new', 'in_progress'] })).total).toBe(3);
    expect((await ok(core, 'tickets:list', { assigneeId: 'agent-9' })).items.map((i) => i.id)).toEqual([b]);
    expect((await ok(core, 'tickets:list', { category: ['complaint'] })).items.map((i) => i.id)).toEqual([c]);
    expect((await ok(core, 'tickets:list', { severity: ['urgent', 'high'] })).total).toBe(2);
    expect((await ok(core, 'tickets:list', { severity: ['low'] })).total).toBe(0);
  });

  it.each([
    ['subject', '网络中断', 1],
    ['description', 'ERR_0x80070005', 0],
    ['customer name', '李娜', 1],
    ['organisation', '物流', 1],
    ['partial phone digits', '1234 5678', 1],
    ['landline with trunk 0', '0755-87654321', 2],
    ['Beijing number in +86 form', '+86 10 65529988', 0],
  ])('searches by %s', async (_what, q, expectedIndex) => {
    const { core, time } = await openTestCore();
    const ids = await seed(core, time);
    const page = await ok(core, 'tickets:list', { q });
    expect(page.items.map((i) => i.id)).toEqual([ids[expectedIndex]]);
  });

  it('finds a ticket by its number', async () => {
    const { core, time } = await openTestCore();
    await seed(core, time);
    const all = await ok(core, 'tickets:list', {});
    const no = all.items[1]!.no;
    expect((await ok(core, 'tickets:list', { q: no.toLowerCase() })).items.map((i) => i.no)).toEqual([no]);
  });

  it('treats % and _ in the search text literally', async () => {
    const { core, time } = await openTestCore();
    const [a, , c] = await seed(core, time);
    expect((await ok(core, 'tickets:list', { q: '%' })).items.map((i) => i.id)).toEqual([c]);
    expect((await ok(core, 'tickets:list', { q: '%_' })).items.map((i) => i.id)).toEqual([c]);
    // a has ERR_0x… in its description; unescaped, '_' would match all three
    expect((await ok(core, 'tickets:list', { q: '_' })).items.map((i) => i.id)).toEqual([c, a]);
  });

  it('treats SQL in the search text as plain text', async () => {
    const { core, time } = await openTestCore();
    await seed(core, time);
    const page = await ok(core, 'tickets:list', { q: "' OR 1=1 --" });
    expect(page.total).toBe(0);
    expect((await ok(core, 'tickets:list', {})).total).toBe(3);
  });

  it('treats plain dates as whole UTC days, createdTo inclusive', async () => {
    const { core, time } = await openTestCore();
    await ok(core, 'tickets:create', ticketInput({ subject: 'day one' }));
    time.set(Date.parse('2026-11-24T23:59:59.999Z'));
    await ok(core, 'tickets:create', ticketInput({ subject: 'day one late' }));
    time.set(Date.parse('2026-11-25T00:00:00.000Z'));
    await ok(core, 'tickets:create', ticketInput({ subject: 'day two' }));
    const subjects = async (q: { createdFrom?: string; createdTo?: string }) => (await ok(core, 'tickets:list', q)).items.map((i) => i.subject);
    expect(await subjects({ createdFrom: '2026-11-24', createdTo: '2026-11-24' })).toEqual(['day one late', 'day one']);
    expect(await subjects({ createdFrom: '2026-11-25' })).toEqual(['day two']);
    expect(await subjects({ createdTo: '2026-11-23' })).toEqual([]);
  });

  it('honours date-times with an offset as exact instants', async () => {
    const { core, time } = await openTestCore();
    await ok(core, 'tickets:create', ticketInput({ subject: 'ten o’clock Beijing' }));
    time.advance(HOUR);
    await ok(core, 'tickets:create', ticketInput({ subject: 'eleven o’clock Beijing' }));
    expect(new Date(T0).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    const page = await ok(core, 'tickets:list', { createdFrom: '2026-11-24T10:30:00+08:00' });
    expect(page.items.map((i) => i.subject)).toEqual(['eleven o’clock Beijing']);
    const before = await ok(core, 'tickets:list', { createdTo: '2026-11-24T11:00:00+08:00' });
    expect(before.items.map((i) => i.subject)).toEqual(['ten o’clock Beijing']);
  });

  it('refuses invalid filters', async () => {
    const { core } = await openTestCore();
    expect((await failure(core, 'tickets:list', { status: ['done'] })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'tickets:list', { limit: 0 })).code).toBe('VALIDATION_FAILED');
  });
});
