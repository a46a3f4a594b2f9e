import { describe, expect, it } from 'vitest';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents, ticketInput } from '../../unit/core/helpers.js';
import { openDefectsByProduct, defectTicketIdsInWeek } from '../../../electron/core/defects/service.js';
import type { LocalCore } from '../../../electron/core/index.js';

/*
 * Announcements and defects through the core (issue 15 points 4-5): who may
 * do what, refusals with their codes that change nothing, the banner's
 * window, acknowledgements, outage links and the fixed-defect notice.
 */

const ACC = {
  admin: { username: 'zhang.admin', displayName: '张管理', password: 'admin-pass-1', role: 'admin', team: 'hotline' },
  li: { username: 'li.agent', displayName: '李坐席', password: 'agent-pass-1', role: 'agent', team: 'hotline' },
  zhao: { username: 'zhao.agent', displayName: '赵坐席', password: 'agent-pass-2', role: 'agent', team: 'billing' },
  sun: { username: 'sun.senior', displayName: '孙二线', password: 'senior-pass-1', role: 'senior', team: 'hotline' },
  chen: { username: 'chen.sup', displayName: '陈班长', password: 'super-pass-1', role: 'supervisor', team: 'hotline' },
} as const;
type Who = keyof typeof ACC;

async function center() {
  const t = await openTestCore();
  await ok(t.core, 'agent:setup', ACC.admin);
  for (const k of ['li', 'zhao', 'sun', 'chen'] as const) await ok(t.core, 'accounts:create', ACC[k]);
  const as = async (who: Who): Promise<LocalCore> => {
    await ok(t.core, 'agent:signIn', { username: ACC[who].username, password: ACC[who].password });
    return t.core;
  };
  const iso = (offsetMs: number) => new Date(t.time.now() + offsetMs).toISOString();
  return { ...t, as, iso };
}

const HOUR = 3_600_000;

describe('announcements through the core', () => {
  it('lets only supervisors and admins publish; a refusal names its code and changes nothing', async () => {
    const c = await center();
    const core = await c.as('li');
    const before = await footprint(core);
    const input = { title: '核心网故障', body: '华北无法拨打 4008', level: 'outage' as const, validFrom: c.iso(-60_000), validTo: c.iso(HOUR) };
    expect((await failure(core, 'announcements:publish', input)).code).toBe('FORBIDDEN');
    expect((await failure(core, 'announcements:list', {})).code).toBe('FORBIDDEN');
    await c.as('chen');
    const before2 = await footprint(core);
    // Not the supervisor's team; the window backwards: VALIDATION_FAILED naming validTo.
    expect((await failure(core, 'announcements:publish', { ...input, team: 'billing' })).code).toBe('FORBIDDEN');
    const bad = await failure(core, 'announcements:publish', { ...input, validTo: c.iso(-HOUR) });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.fields?.[0]?.path).toBe('validTo');
    expect((await failure(core, 'announcements:publish', { ...input, validTo: c.iso(91 * 24 * HOUR) })).fields?.[0]?.path).toBe('validTo');
    expect((await footprint(core)).counts).toEqual(before2.counts);
    expect((await footprint(core)).journal - before2.journal).toBe(0);
    expect(before.counts.outbox).toBeLessThanOrEqual(before2.counts.outbox);
  });

  it('shows an announcement on the console in its window only, and records each agent acknowledgement once', async () => {
    const c = await center();
    const core = await c.as('chen');
    const events = recordEvents(core);
    const a = await ok(core, 'announcements:publish', { title: '系统升级', body: '今晚 22:00 停机', level: 'warning', team: 'hotline', validFrom: c.iso(HOUR), validTo: c.iso(2 * HOUR) });
    expect(a.phase).toBe('scheduled');
    expect(events.some((e) => e.event === 'console:changed')).toBe(true);
    await c.as('li');
    expect(await ok(core, 'announcements:active', {})).toEqual([]);
    expect((await failure(core, 'announcements:acknowledge', { id: a.id })).code).toBe('ANNOUNCEMENT_NOT_ACTIVE');
    c.time.advance(HOUR + 1);
    const shown = await ok(core, 'announcements:active', {});
    expect(shown.map((x) => x.id)).toEqual([a.id]);
    expect(shown[0]?.acknowledged).toBe(false);
    const acked = await ok(core, 'announcements:acknowledge', { id: a.id });
    expect(acked.acknowledged).toBe(true);
    const fp = await footprint(core);
    await ok(core, 'announcements:acknowledge', { id: a.id });
    expect((await footprint(core)).journal).toBe(fp.journal);
    // Another team's agent does not see a hotline announcement at all.
    await c.as('zhao');
    expect(await ok(core, 'announcements:active', {})).toEqual([]);
    expect((await failure(core, 'announcements:acknowledge', { id: a.id })).code).toBe('ANNOUNCEMENT_NOT_FOUND');
    // The supervisor sees who has and has not acknowledged.
    await c.as('chen');
    const acks = await ok(core, 'announcements:acks', { id: a.id });
    expect(acks.acknowledged.map((x) => x.agentId)).toEqual(['li.agent']);
    expect(acks.pending.map((x) => x.agentId)).toEqual(['sun.senior']);
    // Past its end it leaves the console by itself.
    c.time.advance(HOUR);
    await c.as('li');
    expect(await ok(core, 'announcements:active', {})).toEqual([]);
  });

  it('ends early, refuses to end twice, and edits only what a publisher may', async () => {
    const c = await center();
    const core = await c.as('chen');
    const a = await ok(core, 'announcements:publish', { title: '公告', body: '内容', level: 'info', validFrom: c.iso(-1000), validTo: c.iso(HOUR) });
    expect(a.team).toBeNull();
    const edited = await ok(core, 'announcements:update', { id: a.id, title: '公告（更新）' });
    expect(edited.title).toBe('公告（更新）');
    expect((await failure(core, 'announcements:update', { id: a.id, validTo: c.iso(-HOUR) })).code).toBe('VALIDATION_FAILED');
    const ended = await ok(core, 'announcements:end', { id: a.id });
    expect(ended.phase).toBe('ended');
    expect((await failure(core, 'announcements:end', { id: a.id })).code).toBe('ANNOUNCEMENT_NOT_ACTIVE');
    expect((await failure(core, 'announcements:update', { id: a.id, title: 'x' })).code).toBe('ANNOUNCEMENT_ENDED');
    await c.as('li');
    expect((await failure(core, 'announcements:end', { id: a.id })).code).toBe('FORBIDDEN');
  });

  it('links a ticket to an ongoing outage only, counting its callers once', async () => {
    const c = await center();
    const core = await c.as('chen');
    const outage = await ok(core, 'announcements:publish', { title: '宽带中断', body: '朝阳区光缆故障', level: 'outage', validFrom: c.iso(-1000), validTo: c.iso(HOUR) });
    const info = await ok(core, 'announcements:publish', { title: '通知', body: '培训', level: 'info', validFrom: c.iso(-1000), validTo: c.iso(HOUR) });
    await c.as('li');
    const t1 = (await ok(core, 'tickets:create', ticketInput())).ticket.id;
    const t2 = (await ok(core, 'tickets:create', ticketInput({ subject: '无法上网' }))).ticket.id;
    const options = await ok(core, 'announcements:forTicket', { ticketId: t1 });
    expect(options.ongoing.map((a) => a.id)).toEqual([outage.id]);
    expect((await failure(core, 'announcements:linkTicket', { announcementId: info.id, ticketId: t1 })).code).toBe('NOT_AN_OUTAGE');
    expect((await failure(core, 'announcements:linkTicket', { announcementId: outage.id, ticketId: 'nope' })).code).toBe('TICKET_NOT_FOUND');
    const linked = await ok(core, 'announcements:linkTicket', { announcementId: outage.id, ticketId: t1 });
    expect(linked.linked.map((a) => a.id)).toEqual([outage.id]);
    await ok(core, 'announcements:linkTicket', { announcementId: outage.id, ticketId: t1 });
    await ok(core, 'announcements:linkTicket', { announcementId: outage.id, ticketId: t2 });
    await ok(core, 'announcements:unlinkTicket', { announcementId: outage.id, ticketId: t2 });
    expect((await failure(core, 'announcements:unlinkTicket', { announcementId: outage.id, ticketId: t2 })).code).toBe('LINK_NOT_FOUND');
    await c.as('chen');
    const list = await ok(core, 'announcements:list', {});
    expect(list.find((a) => a.id === outage.id)?.ticketCount).toBe(1);
    expect((await ok(core, 'announcements:tickets', { id: outage.id })).map((t) => t.ticketId)).toEqual([t1]);
    // After it ends, no new links.
    await ok(core, 'announcements:end', { id: outage.id });
    expect((await failure(core, 'announcements:linkTicket', { announcementId: outage.id, ticketId: t2 })).code).toBe('ANNOUNCEMENT_NOT_ACTIVE');
  });
});

describe('defects through the core', () => {
  it('flags a ticket, links more, lets second line fix it and tells the owners once', async () => {
    const c = await center();
    const core = await c.as('li');
    const t1 = (await ok(core, 'tickets:create', ticketInput())).ticket.id;
    const t2 = (await ok(core, 'tickets:create', ticketInput({ subject: '再次崩溃' }))).ticket.id;
    const d = await ok(core, 'defects:flag', { ticketId: t1, title: '驱动崩溃', product: 'LaserJet', version: '2.1.0', steps: '安装后打印测试页', severity: 'high', trackerRef: 'DEV-1' });
    expect(d).toMatchObject({ status: 'open', createdBy: 'li.agent', ticketCount: 1 });
    expect((await ok(core, 'defects:link', { defectId: d.id, ticketId: t2 })).ticketCount).toBe(2);
    // An agent does not move the status; nothing changes.
    const fp = await footprint(core);
    expect((await failure(core, 'defects:setStatus', { id: d.id, status: 'fixed' })).code).toBe('FORBIDDEN');
    expect((await footprint(core)).journal).toBe(fp.journal);
    expect(await ok(core, 'defects:notices', {})).toEqual([]);
    await c.as('sun');
    expect((await failure(core, 'defects:setStatus', { id: d.id, status: 'open' })).code).toBe('ILLEGAL_TRANSITION');
    await ok(core, 'defects:setStatus', { id: d.id, status: 'in_progress' });
    const fixed = await ok(core, 'defects:setStatus', { id: d.id, status: 'fixed', note: '2.1.1 修复' });
    expect(fixed).toMatchObject({ status: 'fixed', statusBy: 'sun.senior', statusNote: '2.1.1 修复' });
    // The senior is not the owner: no notice for them.
    expect(await ok(core, 'defects:notices', {})).toEqual([]);
    await c.as('li');
    const notices = await ok(core, 'defects:notices', {});
    expect(notices.map((n) => n.ticketId).sort()).toEqual([t1, t2].sort());
    expect(notices[0]).toMatchObject({ title: '驱动崩溃', product: 'LaserJet', statusBy: 'sun.senior' });
    const left = await ok(core, 'defects:noteNotice', { linkId: notices[0]?.linkId ?? '' });
    expect(left).toHaveLength(1);
    expect((await failure(core, 'defects:noteNotice', { linkId: notices[0]?.linkId ?? '' })).code).toBe('NOTICE_NOT_FOUND');
    // Reopened and fixed again: told again.
    await c.as('chen');
    await ok(core, 'defects:setStatus', { id: d.id, status: 'open', note: '回归' });
    expect((await ok(core, 'defects:list', { status: 'unresolved' })).map((x) => x.id)).toEqual([d.id]);
    c.time.advance(1000);
    await ok(core, 'defects:setStatus', { id: d.id, status: 'fixed' });
    await c.as('li');
    expect(await ok(core, 'defects:notices', {})).toHaveLength(2);
  });

  it('reports open defects by product and the week\'s defect tickets', async () => {
    const c = await center();
    const core = await c.as('li');
    const t1 = (await ok(core, 'tickets:create', ticketInput())).ticket.id;
    const t2 = (await ok(core, 'tickets:create', ticketInput())).ticket.id;
    const t3 = (await ok(core, 'tickets:create', ticketInput())).ticket.id;
    const flag = (ticketId: string, product: string) => ok(core, 'defects:flag', { ticketId, title: '缺陷', product, version: '1.0', steps: '步骤', severity: 'normal' });
    const a = await flag(t1, 'LaserJet');
    await ok(core, 'defects:link', { defectId: a.id, ticketId: t2 });
    await flag(t3, 'Router');
    const b = await flag(t3, 'LaserJet');
    await c.as('chen');
    await ok(core, 'defects:setStatus', { id: b.id, status: 'in_progress' });
    const byProduct = await ok(core, 'defects:openByProduct', {});
    expect(byProduct).toEqual([
      { product: 'LaserJet', open: 1, inProgress: 1, total: 2, tickets: 3 },
      { product: 'Router', open: 1, inProgress: 0, total: 1, tickets: 1 },
    ]);
    // A range that holds nothing; a backwards range is refused naming `to`.
    expect(await ok(core, 'defects:openByProduct', { from: '2026-11-01', to: '2026-11-02' })).toEqual([]);
    expect((await failure(core, 'defects:openByProduct', { from: '2026-11-30', to: '2026-11-01' })).fields?.[0]?.path).toBe('to');
    // The core's clock: 2026-11-24 (a Tuesday) in Beijing; the week from Monday 23rd holds all three, the next none.
    const ids = await readRaw(core, c.dir, (r) => ({ week: defectTicketIdsInWeek(r, '2026-11-23'), next: defectTicketIdsInWeek(r, '2026-11-30'), open: openDefectsByProduct(r) }));
    expect(ids.week).toEqual([t1, t2, t3].sort());
    expect(ids.next).toEqual([]);
    expect(ids.open.map((x) => x.product)).toEqual(['LaserJet', 'Router']);
  });
});
