import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncProblem, SyncStatus } from '../../../shared/sync/status.js';
import en from '../../../renderer/i18n/locales/en.js';
import zhCN from '../../../renderer/i18n/locales/zh-CN.js';
import { localLabel, problemFieldRows, problemSubject } from '../../../renderer/sync/problemFields.js';
import { changeNameText, syncCodeText } from '../../../renderer/sync/syncText.js';
import { syncView } from '../../../renderer/sync/syncView.js';

let t: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const zh = i18next.createInstance();
  await zh.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
  t = zh.t;
  const e = i18next.createInstance();
  await e.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  tEn = e.t;
});

function problem(over: Partial<SyncProblem>): SyncProblem {
  return {
    id: 1,
    mutationId: 7,
    name: 'tickets:update',
    entity: 'ticket',
    entityId: 't1',
    kind: 'conflict',
    code: 'CONFLICT',
    message: 'lost to a newer edit',
    local: [],
    lostFields: [],
    server: [],
    createdAt: '2026-11-24T08:00:00.000Z',
    ...over,
  };
}

describe('problemFieldRows', () => {
  it('lists only the fields that lost in a conflict, with both values side by side', () => {
    const rows = problemFieldRows(
      problem({
        local: [{ entity: 'ticket', id: 't1', values: { subject: 'VPN 断线', severity: 'high', updatedAt: '2026-11-24T08:00:00.000Z' } }],
        lostFields: ['subject'],
        server: [{ entity: 'ticket', id: 't1', values: { subject: 'VPN 无法连接', severity: 'high' }, fieldHlc: {}, seq: 3 }],
      }),
    );
    expect(rows).toEqual([
      { key: 'ticket:t1:subject', entity: 'ticket', field: 'subject', local: 'VPN 断线', server: 'VPN 无法连接', onServer: true, lost: true, differs: true },
    ]);
  });

  it('for a rejection shows every typed field, skips pairs blank on both sides and bookkeeping, and marks rows the server lacks', () => {
    const rows = problemFieldRows(
      problem({
        kind: 'rejected',
        code: 'FORBIDDEN',
        local: [
          { entity: 'ticket', id: 't1', values: { status: 'resolved', resolution: '', updatedAt: 'x', no: 'GD-1' } },
          { entity: 'ticket_history', id: 'h1', values: { ticketId: 't1', action: 'transition' } },
        ],
      }),
    );
    expect(rows.map((r) => [r.field, r.onServer, r.differs])).toEqual([['status', false, true]]);
  });

  it('falls back to bookkeeping fields when nothing else differs, so the card is never empty', () => {
    const rows = problemFieldRows(problem({ kind: 'rejected', local: [{ entity: 'ticket', id: 't1', values: { updatedAt: 'a' } }] }));
    expect(rows.map((r) => r.field)).toEqual(['updatedAt']);
  });

  it('treats null, undefined and empty text as the same blank value', () => {
    const rows = problemFieldRows(
      problem({
        kind: 'rejected',
        local: [{ entity: 'customer', id: 'c1', values: { organisation: null, address: '北京' } }],
        server: [{ entity: 'customer', id: 'c1', values: { organisation: '', address: '北京' }, fieldHlc: {}, seq: 1 }],
      }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ field: 'address', differs: false });
  });
});

describe('problemSubject and localLabel', () => {
  it('names the ticket of a history record and the customer of a phone', () => {
    const history = problem({ entity: 'ticket_history', entityId: 'h1', local: [{ entity: 'ticket_history', id: 'h1', values: { ticketId: 't9' } }] });
    expect(problemSubject(history)).toEqual({ kind: 'ticket', id: 't9' });
    const phone = problem({ entity: 'customer_phone', entityId: 'c1|+86|', local: [{ entity: 'customer_phone', id: 'c1|+86|', values: { customerId: 'c1' } }] });
    expect(problemSubject(phone)).toEqual({ kind: 'customer', id: 'c1' });
  });

  it('names the article of a knowledge-base vote and labels it by title', () => {
    const vote = problem({ entity: 'article_vote', entityId: 'v1', local: [{ entity: 'article_vote', id: 'v1', values: { articleId: 'a1' } }] });
    expect(problemSubject(vote)).toEqual({ kind: 'article', id: 'a1' });
    const edit = problem({ entity: 'article', entityId: 'a1', local: [{ entity: 'article', id: 'a1', values: { title: '重置 VPN 密码' } }] });
    expect(localLabel(edit, { kind: 'article', id: 'a1' })).toBe('重置 VPN 密码');
  });

  it('labels a ticket by number and subject from the local change, else from the server row, else nothing', () => {
    const p = problem({ local: [{ entity: 'ticket', id: 't1', values: { no: 'GD20261124-7K3Q', subject: '打印机脱机' } }] });
    expect(localLabel(p, { kind: 'ticket', id: 't1' })).toBe('GD20261124-7K3Q · 打印机脱机');
    const fromServer = problem({ server: [{ entity: 'ticket', id: 't1', values: { subject: '打印机脱机' }, fieldHlc: {}, seq: 1 }] });
    expect(localLabel(fromServer, { kind: 'ticket', id: 't1' })).toBe('打印机脱机');
    expect(localLabel(problem({}), { kind: 'ticket', id: 't1' })).toBeNull();
  });
});

function status(over: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'idle',
    server: 'http://sync.example.com',
    user: null,
    pending: 0,
    problems: 0,
    lastSyncedAt: null,
    lastError: null,
    live: true,
    cursor: 0,
    nextRetryAt: null,
    ...over,
  };
}

describe('syncView: the always-visible indicator', () => {
  const now = Date.parse('2026-11-24T10:00:00.000Z');

  it('says offline with the number of changes waiting, in orange', () => {
    const v = syncView(t, status({ state: 'offline', pending: 2 }), now);
    expect(v).toMatchObject({ state: 'offline', tone: 'orange' });
    expect(v.text).toContain('2');
    expect(v.text).toContain('离线');
    expect(syncView(tEn, status({ state: 'offline', pending: 0 }), now).text).not.toMatch(/\d/);
  });

  it('says when it last synced and what is still waiting', () => {
    const synced = new Date(now - 60_000).toISOString();
    const quiet = syncView(t, status({ lastSyncedAt: synced }), now);
    const busy = syncView(t, status({ lastSyncedAt: synced, pending: 3 }), now);
    expect(quiet.tone).toBe('green');
    expect(busy.text).toContain('3');
    expect(busy.text).not.toBe(quiet.text);
    expect(syncView(t, status({ lastSyncedAt: null }), now).text).not.toBe(quiet.text);
  });

  it('gives every state its own words, so colour is never the only signal', () => {
    const states = ['signed_out', 'offline', 'syncing', 'idle', 'paused', 'auth_required'] as const;
    const texts = states.map((state) => syncView(t, status({ state }), now).text);
    expect(new Set(texts).size).toBe(states.length);
    expect(syncView(t, null, now).state).toBe('unknown');
  });
});

describe('syncText', () => {
  it('translates server and app codes and shows an unknown code rather than nothing', () => {
    expect(syncCodeText(t, 'ILLEGAL_TRANSITION')).not.toBe('ILLEGAL_TRANSITION');
    expect(syncCodeText(t, 'ARTICLE_NOT_FOUND')).toBe(zhCN.errors.ARTICLE_NOT_FOUND);
    expect(syncCodeText(t, 'SOMETHING_NEW')).toContain('SOMETHING_NEW');
  });

  it('names a change by its channel, falling back to the channel itself', () => {
    expect(changeNameText(t, 'tickets:create')).toBe(zhCN.sync.problemsDrawer.changes.tickets_create);
    expect(changeNameText(t, 'nobody:knows')).toBe('nobody:knows');
  });
});
