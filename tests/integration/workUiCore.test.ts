import { describe, expect, it } from 'vitest';
import { ConsoleConfigSchema, DEFAULT_CONSOLE_CONFIG, HandoffInputSchema } from '../../shared/desk/schema.js';
import { fromForm, toForm } from '../../renderer/work/configForm.js';
import { liveClock, slaLive, slaUrgency } from '../../renderer/work/slaView.js';
import { ok, openTestCore, T0, ticketInput } from '../unit/core/helpers.js';

/**
 * The work screens' pure logic (renderer/work) against the real core over a
 * temp data folder. Here rather than in tests/unit/renderer because that folder
 * is type-checked with the DOM-only renderer config, which cannot see the core.
 */
const MIN = 60_000;

describe('SLA badge against the core', () => {
  it('agrees with the core’s clock state at every minute of an email ticket’s first response and resolution', async () => {
    const { core, time } = await openTestCore();
    // Email: the first response is not met at creation (phone and walk-in are).
    const created = await ok(core, 'tickets:create', ticketInput({ channel: 'email', severity: 'urgent' }));
    const id = created.ticket.id;
    const answerAt = T0;
    const first = await ok(core, 'tickets:get', { id });
    expect(first.sla).toBeDefined();
    // The badge keeps ticking on the answer read at T0; the core re-reads at every step. They must agree.
    for (let m = 0; m <= 130; m += 1) {
      time.set(answerAt + m * MIN + 1000);
      const detail = await ok(core, 'tickets:get', { id });
      const now = time.now();
      const fromCore = detail.sla;
      expect(fromCore).toBeDefined();
      if (!fromCore || !first.sla) return;
      expect(liveClock(first.sla.firstResponse, now).state, `first response at minute ${m}`).toBe(fromCore.firstResponse.state);
      expect(liveClock(first.sla.resolution, now).state, `resolution at minute ${m}`).toBe(fromCore.resolution.state);
    }
  });

  it('puts the urgent ticket that breaches first at the top of the list answer', async () => {
    const { core, time } = await openTestCore();
    const normal = await ok(core, 'tickets:create', ticketInput({ severity: 'normal', subject: '一般问题' }));
    time.advance(10 * MIN);
    const urgent = await ok(core, 'tickets:create', ticketInput({ severity: 'urgent', subject: '紧急故障' }));
    time.advance(110 * MIN);
    const page = await ok(core, 'tickets:list', {});
    const now = time.now();
    const sorted = [...page.items].sort((a, b) => slaUrgency(a.sla, now) - slaUrgency(b.sla, now));
    expect(sorted.map((x) => x.id)).toEqual([urgent.ticket.id, normal.ticket.id]);
    // 10 minutes left of the urgent ticket's 2 hours: the badge warns (the detail answer is on the core's clock).
    const detail = await ok(core, 'tickets:get', { id: urgent.ticket.id });
    expect(detail.sla && slaLive(detail.sla, now)).toMatchObject({ clock: 'resolution', state: 'warning', remainingMs: 10 * MIN });
  });
});

describe('work screens against the core', () => {
  it('accepts what the admin screen saves through the real core and reads it back', async () => {
    const { core } = await openTestCore();
    const form = toForm(DEFAULT_CONSOLE_CONFIG);
    const wanted = ConsoleConfigSchema.parse(fromForm({ ...form, hoursOn: true, sla: { ...form.sla, warnBeforeMinutes: 20 } }));
    const saved = await ok(core, 'config:set', wanted);
    expect(saved.sla.warnBeforeMinutes).toBe(20);
    expect(toForm(await ok(core, 'config:get', {})).hoursOn).toBe(true);
  });
  it('builds a request the core takes: the ticket moves to escalated and the queue shows what was asked', async () => {
    const { core } = await openTestCore();
    const created = await ok(core, 'tickets:create', ticketInput());
    const dueBy = new Date(Date.parse(created.ticket.createdAt) + 3_600_000).toISOString();
    const request = HandoffInputSchema.parse({ ticketId: created.ticket.id, kind: 'escalate', to: '二线技术支持', ask: '确认驱动是否兼容', dueBy, scope: '只排查驱动' });
    const after = await ok(core, 'tickets:handoff', request);
    expect(after.ticket.status).toBe('escalated');
    const queue = await ok(core, 'handoffs:queue', {});
    expect(queue.map((q) => [q.ticket.no, q.handoff.ask, q.handoff.scope])).toEqual([[created.ticket.no, '确认驱动是否兼容', '只排查驱动']]);
  });

});
