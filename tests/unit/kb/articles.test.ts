import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../../shared/kb/schema.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import { RowChangeSchema } from '../../../shared/sync/protocol.js';
import { openCore } from '../../../electron/core/index.js';
import type { SqlReader } from '../../../electron/core/store/types.js';
import { failure, footprint, ok, openTestCore, readRaw, recordEvents } from '../core/helpers.js';
import { crashCopy } from '../store/helpers.js';
import { withQueuedArgs } from '../../../electron/core/sync/outboxRows.js';


function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    title: '打印机报错 ERR_0x80070005',
    body: '## 问题描述\n\n打印时报错。\n\n## 解决方案\n\n以管理员身份重新安装驱动。',
    product: 'LaserJet',
    category: '故障排除',
    tags: ['打印机', '驱动'],
    ...overrides,
  };
}


interface OutboxRow {
  name: string;
  entity: string;
  entity_id: string;
  args: string;
}

function outbox(r: SqlReader): OutboxRow[] {
  return withQueuedArgs<OutboxRow & { id: number }>(r, 'SELECT id, name, entity, entity_id FROM outbox ORDER BY id');
}

/** An outbox entry's changes, checked against the protocol and each entity's value schema (lww rows may be partial). */
function checkedChanges(row: OutboxRow) {
  const { changes } = JSON.parse(row.args) as { changes: unknown[] };
  return changes.map((c) => {
    const change = RowChangeSchema.parse(c);
    const decl = ENTITIES[change.entity];
    if (decl.kind === 'lww') decl.schema.partial().parse(change.values);
    else decl.schema.parse(change.values);
    return change;
  });
}

describe('kb:create', () => {
  it('stores a draft by the acting user with a first version listing every field, and queues it for sync', async () => {
    const { core, dir } = await openTestCore();
    const events = recordEvents(core);
    const a = await ok(core, 'kb:create', articleInput({ tags: ['打印机', '打印机', ' 驱动 '] }));
    expect(a).toMatchObject({ status: 'draft', authorId: 'agent-7', publishedAt: null, version: 1, usageCount: 0, helpful: 0, notHelpful: 0, myVote: null, sourceTicketId: null });
    expect(a.tags).toEqual(['打印机', '驱动']);
    expect(a.createdAt).toBe('2026-11-24T02:00:00.000Z');
    const versions = await ok(core, 'kb:versions', { id: a.id });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, title: a.title, body: a.body, status: 'draft', editorId: 'agent-7', note: null, changedFields: ['title', 'body', 'product', 'category', 'tags', 'status'] });
    expect(events).toContainEqual({ event: 'kb:changed', payload: { ids: [a.id], origin: 'local' } });

    const rows = await readRaw(core, dir, outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'kb:create', entity: 'article', entity_id: a.id });
    const changes = checkedChanges(rows[0] as OutboxRow);
    expect(changes.map((c) => c.entity)).toEqual(['article', 'article_version']);
    // A new row goes whole: every field the server must store.
    ENTITIES.article.schema.parse(changes[0]?.values);
    expect(changes[0]?.values).toMatchObject({ tags: '["打印机","驱动"]', status: 'draft', authorId: 'agent-7' });
    expect(changes[1]?.values).toMatchObject({ articleId: a.id, changedFields: '["title","body","product","category","tags","status"]' });
  });

  it('stamps publishedAt when created as published', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput({ status: 'published', product: '  ' }));
    expect(a.status).toBe('published');
    expect(a.publishedAt).toBe(a.createdAt);
    expect(a.product).toBeNull();
  });

  it('refuses bad input and writes nothing', async () => {
    const { core } = await openTestCore();
    const before = await footprint(core);
    const events = recordEvents(core);
    const bad = [
      articleInput({ title: '  ' }),
      articleInput({ tags: ['a,b'] }),
      articleInput({ body: '' }),
      { ...articleInput(), extra: 1 },
      articleInput({ category: 'x'.repeat(101) }),
    ];
    for (const input of bad) expect((await failure(core, 'kb:create', input)).code).toBe('VALIDATION_FAILED');
    expect(await footprint(core)).toEqual(before);
    expect(events).toEqual([]);
  });
});

describe('kb:update', () => {
  it('writes only the changed fields, merges their clocks, and records a version with the full new content', async () => {
    const { core, dir, time } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput());
    time.advance(60_000);
    const u = await ok(core, 'kb:update', { id: a.id, changes: { title: a.title, body: '新的正文', tags: ['打印机', '驱动'] }, note: '补充步骤' });
    expect(u).toMatchObject({ body: '新的正文', title: a.title, version: 2, updatedAt: '2026-11-24T02:01:00.000Z' });
    const versions = await ok(core, 'kb:versions', { id: a.id });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({ body: '新的正文', title: a.title, product: 'LaserJet', tags: ['打印机', '驱动'], editorId: 'agent-7', note: '补充步骤', changedFields: ['body'] });

    const { rows, fieldHlc } = await readRaw(core, dir, (r) => ({
      rows: outbox(r),
      fieldHlc: JSON.parse(r.get<{ f: string }>('SELECT field_hlc AS f FROM kb_articles WHERE id = ?', [a.id])?.f ?? '{}') as Record<string, string>,
    }));
    expect(Object.keys(fieldHlc).sort()).toEqual(['*', 'body', 'updatedAt']);
    expect(fieldHlc.body).not.toBe(fieldHlc['*']);
    const update = rows[1] as OutboxRow;
    expect(update).toMatchObject({ name: 'kb:update', entity: 'article', entity_id: a.id });
    const changes = checkedChanges(update);
    expect(changes[0]?.values).toEqual({ body: '新的正文', updatedAt: '2026-11-24T02:01:00.000Z' });
    expect(changes[1]?.entity).toBe('article_version');
  });

  it('changes nothing when the values are the same', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput());
    const before = await footprint(core);
    const events = recordEvents(core);
    const u = await ok(core, 'kb:update', { id: a.id, changes: { title: ` ${a.title} `, product: 'LaserJet', tags: ['打印机', '驱动', '打印机'] }, note: 'nothing' });
    expect(u).toEqual(a);
    expect(await footprint(core)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('clears the product with null, and refuses unknown articles and bad changes without writing', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput());
    expect((await ok(core, 'kb:update', { id: a.id, changes: { product: null } })).product).toBeNull();
    const before = await footprint(core);
    expect((await failure(core, 'kb:update', { id: 'nope', changes: { title: 'x' } })).code).toBe('ARTICLE_NOT_FOUND');
    expect((await failure(core, 'kb:update', { id: a.id, changes: {} })).code).toBe('VALIDATION_FAILED');
    expect((await failure(core, 'kb:update', { id: a.id, changes: { status: 'published' } })).code).toBe('VALIDATION_FAILED');
    expect(await footprint(core)).toEqual(before);
  });
});

describe('kb:transition', () => {
  it('publishes (stamping publishedAt), retires and reworks along ARTICLE_TRANSITIONS, each with a version and its note', async () => {
    const { core, time } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput());
    time.advance(1_000);
    const p = await ok(core, 'kb:transition', { id: a.id, to: 'published', note: '审核通过' });
    expect(p).toMatchObject({ status: 'published', publishedAt: '2026-11-24T02:00:01.000Z', version: 2 });
    time.advance(1_000);
    const r = await ok(core, 'kb:transition', { id: a.id, to: 'retired' });
    expect(r).toMatchObject({ status: 'retired', publishedAt: '2026-11-24T02:00:01.000Z' });
    time.advance(1_000);
    expect((await ok(core, 'kb:transition', { id: a.id, to: 'published' })).publishedAt).toBe('2026-11-24T02:00:03.000Z');
    const versions = await ok(core, 'kb:versions', { id: a.id });
    expect(versions.map((v) => [v.version, v.status, v.note, v.changedFields])).toEqual([
      [1, 'draft', null, ['title', 'body', 'product', 'category', 'tags', 'status']],
      [2, 'published', '审核通过', ['status']],
      [3, 'retired', null, ['status']],
      [4, 'published', null, ['status']],
    ]);
  });

  it('refuses a move the life cycle does not allow, saying what is allowed, and writes nothing', async () => {
    const { core } = await openTestCore();
    const a = await ok(core, 'kb:create', articleInput());
    const before = await footprint(core);
    const err = await failure(core, 'kb:transition', { id: a.id, to: 'draft' });
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    expect(err.message).toMatch(/from draft to draft; allowed: published, retired/);
    expect((await failure(core, 'kb:transition', { id: 'nope', to: 'published' })).code).toBe('ARTICLE_NOT_FOUND');
    expect(await footprint(core)).toEqual(before);
  });
});

describe('articles after a crash', () => {
  it('replays articles, versions, votes and uses from the journal', async () => {
    const { core, dir } = await openTestCore({ checkpointEvery: 100_000 });
    const a = await ok(core, 'kb:create', articleInput());
    await ok(core, 'kb:update', { id: a.id, changes: { body: '第二版' } });
    await ok(core, 'kb:transition', { id: a.id, to: 'published' });
    await ok(core, 'kb:vote', { id: a.id, helpful: true });
    const expected = await ok(core, 'kb:get', { id: a.id });
    const versions = await ok(core, 'kb:versions', { id: a.id });
    const crashed = crashCopy(dir);
    const reopened = await openCore({ dataDir: crashed, actorId: 'agent-7', idleCheckpointMs: 0 });
    try {
      expect((await ok(reopened, 'store:status', {})).journal.replayed).toBeGreaterThan(0);
      expect(await ok(reopened, 'kb:get', { id: a.id })).toEqual(expected);
      expect(await ok(reopened, 'kb:versions', { id: a.id })).toEqual(versions);
    } finally {
      await reopened.close();
    }
  });
});
