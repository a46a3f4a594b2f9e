import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KbSearchQuerySchema, KbSuggestQuerySchema, type KbSearchQuery, type KbSuggestQuery } from '../../../shared/kb/schema.js';
import type { Actor } from '../../../shared/roles.js';
import { KB_SQL_FUNCTIONS, searchArticles, suggestArticles } from '../../../electron/core/kb/search.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store, type SqlWriter } from '../../../electron/core/store/index.js';

export interface TestArticle {
  id: string;
  title: string;
  body: string;
  product?: string | null;
  category?: string;
  tags?: string[];
  status?: 'draft' | 'published' | 'retired';
  authorId?: string;
  updatedAt?: string;
}

export const AGENT: Actor = { username: 'agent1', role: 'agent' };
export const SENIOR: Actor = { username: 'senior1', role: 'senior' };

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hw-kb-'));
}

export function openKbStore(dir = tempDir()): Promise<Store> {
  return Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0, log: () => undefined, functions: KB_SQL_FUNCTIONS });
}

/** A plain INSERT, as the sync applier writes it. */
export function insertArticle(w: SqlWriter, a: TestArticle): void {
  const at = a.updatedAt ?? '2025-01-01T00:00:00.000Z';
  w.run(
    `INSERT INTO kb_articles (id, title, body, product, category, tags, status, author_id, created_at, updated_at, published_at, source_ticket_id, field_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '{}')`,
    [a.id, a.title, a.body, a.product ?? null, a.category ?? '故障处理', JSON.stringify(a.tags ?? []), a.status ?? 'published', a.authorId ?? 'author', at, at, null],
  );
}

export function search(store: Store, q: KbSearchQuery, viewer: Actor = AGENT) {
  return store.read((r) => searchArticles(r, KbSearchQuerySchema.parse(q), viewer));
}

export function ids(store: Store, q: KbSearchQuery, viewer: Actor = AGENT): string[] {
  return search(store, { limit: 100, ...q }, viewer).hits.map((h) => h.id);
}

export function suggest(store: Store, q: KbSuggestQuery, viewer: Actor = AGENT) {
  return store.read((r) => suggestArticles(r, KbSuggestQuerySchema.parse(q), viewer));
}
