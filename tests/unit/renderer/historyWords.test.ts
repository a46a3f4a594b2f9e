import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { TicketHistoryEntry } from '../../../shared/tickets/schema.js';
import { historyWords, shortTime, type HistoryContext } from '../../../renderer/tickets/historyWords.js';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';

async function tFor(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

const CUSTOMER = { id: '5b1e3a52-8c1d-4e7a-9f00-0a1b2c3d4e5f', name: '王伟' };
const CALL_ID = '0c9f2d7e-1111-4a2b-8c3d-9e8f7a6b5c4d';
const ctx: HistoryContext = {
  nameOf: (u) => ({ 'li.agent': '李坐席', 'sun.senior': '孙二线' })[u] ?? u,
  ticketNo: '2611-2438-1755-2093',
  customer: CUSTOMER,
  callText: (id) => (id === CALL_ID ? '138 0013 8000 · 2026-11-24 10:02' : null),
};
// Local times: the assertions read what dayjs prints in this process's zone.
const at = new Date(2026, 10, 24, 9, 30).toISOString();
const due = new Date(2026, 10, 24, 17, 0).toISOString();
const entry = (over: Partial<TicketHistoryEntry>): TicketHistoryEntry => ({ id: 'h', ticketId: 't', at, actorId: 'li.agent', action: 'updated', changes: {}, note: null, ...over });
const handoff = entry({
  action: 'transition',
  changes: {
    status: { from: 'in_progress', to: 'escalated' },
    handoff: { from: null, to: { id: '7d4e0f55-2222-4b3c-9d4e-5f6a7b8c9d0e', kind: 'escalate', to: '二线', ask: '远程排查驱动', dueBy: due, scope: '仅驱动' } },
  },
  note: '二线: 远程排查驱动 / …',
});

/** Everything a person reads from one entry. */
const readText = (w: ReturnType<typeof historyWords>) => [w.headline, ...w.lines.map((l) => `${l.label}: ${l.text}`)].join('\n');
const MACHINE = /[{}"]|\d{4}-\d{2}-\d{2}T|[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe('the ticket history reads in words', () => {
  it('a hand-off says to whom and by when, in local time, with what was asked', async () => {
    const zh = historyWords(await tFor('zh-CN'), handoff, ctx);
    expect(zh.headline).toBe('升级给 二线 · 需 17:00 前答复');
    expect(zh.lines.map((l) => l.text)).toEqual(['远程排查驱动', '仅驱动']);
    // Its note only repeats the ask and scope (and older ones an ISO due time): not shown again.
    expect(zh.noteInLines).toBe(true);
    expect(historyWords(await tFor('en'), handoff, ctx).headline).toBe('Escalated to 二线 · answer by 17:00');
    expect(shortTime(new Date(2026, 10, 25, 9, 0).toISOString(), at)).toBe('11-25 09:00');
  });

  it('names people by display name, the customer by name and calls by number; never JSON, ISO strings or ids', async () => {
    const t = await tFor('zh-CN');
    const entries = [
      handoff,
      entry({ action: 'created', changes: { no: { from: null, to: '2611-2438-1755-2093' }, status: { from: null, to: 'new' } } }),
      entry({ changes: { assigneeId: { from: null, to: 'sun.senior' }, customerId: { from: 'ffffffff-0000-4000-8000-000000000000', to: CUSTOMER.id }, severity: { from: 'normal', to: 'urgent' } } }),
      entry({ action: 'transition', changes: { status: { from: 'in_progress', to: 'resolved' }, resolution: { from: null, to: '重装驱动' }, resolvedAt: { from: null, to: at } } }),
      entry({ action: 'handoff_answered', actorId: 'sun.senior', changes: { handoff: { from: 'open', to: 'answered' }, status: { from: 'escalated', to: 'in_progress' } } }),
      entry({ action: 'call_linked', changes: { callId: { from: null, to: CALL_ID } } }),
      entry({ action: 'call_linked', changes: { callId: { from: null, to: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' } } }),
      entry({ action: 'contact', changes: { channel: { from: null, to: 'email' } } }),
      entry({ action: 'follow_up', changes: { followUp: { from: 'open', to: 'done' }, kind: { from: null, to: 'satisfaction' }, satisfaction: { from: null, to: 5 } } }),
      entry({ changes: { future: { from: null, to: { id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', when: at, what: '新功能' } } } }),
    ];
    const texts = entries.map((e) => readText(historyWords(t, e, ctx)));
    for (const text of texts) expect(text).not.toMatch(MACHINE);
    expect(texts[1]).toBe('创建工单 2611-2438-1755-2093');
    expect(texts[2]).toContain('处理人: 孙二线');
    expect(texts[2]).toContain('客户: 另一位客户 → 王伟');
    expect(texts[3]).toBe('处理中 → 已解决\n解决方案: 重装驱动');
    expect(texts[4]).toContain('孙二线 答复了交接');
    expect(texts[5]).toBe('关联通话 138 0013 8000 · 2026-11-24 10:02');
    expect(texts[6]).toBe('关联了一个通话');
    expect(texts[7]).toBe('通过邮件联系客户，告知进展');
    expect(texts[8]).toBe('完成满意度回访：满意度 5 分');
    expect(texts[9]).toContain('新功能');
  });
});
