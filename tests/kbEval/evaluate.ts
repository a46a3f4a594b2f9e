import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArticleInputSchema } from '../../shared/kb/schema.js';
import { KbSearchQuerySchema } from '../../shared/kb/schema.js';
import { KB_SQL_FUNCTIONS, searchArticles } from '../../electron/core/kb/search.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { Store } from '../../electron/core/store/index.js';
import { EVAL_QUERIES, type EvalClass, type EvalQuery } from './queries.js';

/** What the demo KB's relevance evaluation measured (issue 17). */
export interface EvalResult {
  perQuery: { q: EvalQuery; rank: number | null; top: string[] }[];
  classes: { cls: EvalClass | 'all'; n: number; recall3: number; mrr: number }[];
  /** a wanted title part that names no article, or several */
  badWants: string[];
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPTH = 10;

/** Loads the demo KB into a fresh store (as `kb:loadDemo` would) and runs every query through the search box's engine. */
export async function evaluateKb(queries: readonly EvalQuery[] = EVAL_QUERIES): Promise<EvalResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-kb-eval-'));
  const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0, log: () => undefined, functions: KB_SQL_FUNCTIONS });
  try {
    const lines = fs.readFileSync(path.join(ROOT, 'resources/kb/demo-articles.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const articles = lines.map((l, i) => ({ id: `demo-${String(i + 1).padStart(3, '0')}`, ...ArticleInputSchema.parse(JSON.parse(l)) }));
    store.write((w) => {
      for (const a of articles) {
        w.run(
          `INSERT INTO kb_articles (id, title, body, product, category, tags, status, author_id, created_at, updated_at, published_at, source_ticket_id, field_hlc)
           VALUES (?, ?, ?, ?, ?, ?, 'published', 'demo', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL, '{}')`,
          [a.id, a.title, a.body, a.product ?? null, a.category, JSON.stringify(a.tags)],
        );
      }
    });
    const badWants: string[] = [];
    const perQuery: EvalResult['perQuery'] = [];
    const viewer = { username: 'eval', role: 'agent' as const };
    for (const q of queries) {
      const wanted = new Set<string>();
      for (const part of q.want) {
        const owners = articles.filter((a) => a.title.includes(part));
        if (owners.length !== 1) badWants.push(`${q.q}: "${part}" names ${owners.length} articles`);
        for (const a of owners) wanted.add(a.title);
      }
      const res = store.read((r) => searchArticles(r, KbSearchQuerySchema.parse({ q: q.q, limit: DEPTH }), viewer));
      const titles = res.hits.map((h) => h.title);
      const at = titles.findIndex((t) => wanted.has(t));
      perQuery.push({ q, rank: at < 0 ? null : at + 1, top: titles.slice(0, 3) });
    }
    const classes: EvalResult['classes'] = [];
    const names = [...new Set(queries.map((q) => q.cls))];
    for (const cls of [...names, 'all' as const]) {
      const rows = perQuery.filter((x) => cls === 'all' || x.q.cls === cls);
      const hit3 = rows.filter((x) => x.rank !== null && x.rank <= 3).length;
      const mrr = rows.reduce((s, x) => s + (x.rank === null ? 0 : 1 / x.rank), 0);
      classes.push({ cls, n: rows.length, recall3: rows.length === 0 ? 1 : hit3 / rows.length, mrr: rows.length === 0 ? 1 : mrr / rows.length });
    }
    return { perQuery, classes, badWants };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
