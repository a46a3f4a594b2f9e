import fs from 'node:fs';
import {
  ARTICLE_TRANSITIONS,
  canMoveArticle,
  type Article,
  type ArticleInput,
  type ArticleStatus,
  type ArticleTransition,
  type ArticleUpdate,
  type ArticleVersion,
  type KbFacets,
  type ParsedArticleInput,
  type TicketArticleLink,
} from '../../../shared/kb/schema.js';
import { ArticleInputSchema, ArticleTransitionSchema, ArticleUpdateSchema } from '../../../shared/kb/schema.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import { isReviewer, type Actor } from '../../../shared/roles.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext, type Stamp } from '../domain/context.js';
import { requireTicket } from '../domain/ticketQueries.js';
import type { SqlWriter } from '../store/types.js';
import { assertMayCreate, assertMayEdit, assertMayTransition } from './access.js';
import {
  appendVersion,
  articleFacets,
  articleValues,
  getArticle,
  insertArticle,
  latestVote,
  listVersions,
  requireArticle,
  updateArticle,
  VERSIONED_FIELDS,
  type ArticleFields,
  type VersionedField,
} from './articles.js';
import { findDemoArticles } from './demo.js';
import { draftFromTicket } from './draft.js';
import { parseArticleLines } from './jsonl.js';
import { linkArticles, ticketLinks } from './uses.js';

/**
 * Knowledge-base writes. Each is ONE `store.write`: the article row, its
 * version record (or the vote / use record) and the outbox mutation commit
 * together or not at all; `onChanged` runs only once the write is durable.
 * Role rules are checked here (and again by the server on push).
 */

export interface KbServiceDeps {
  ctx: DomainContext;
  /** who acts, with their role (access.ts kbActor) */
  actor: () => Actor;
  /** after a durable local write: the article ids it touched */
  onChanged: (ids: string[]) => void;
  /** where resources/ is, when the host knows (the built app); else it is looked for */
  resourcesDir?: string;
}

export interface ImportOptions {
  /** author of every article (the demo's `demo`); default the acting user */
  authorId?: string;
  /** skip articles whose title is already present (or earlier in the same batch) */
  skipExistingTitles?: boolean;
}

export interface KbService {
  create(input: ArticleInput): Article;
  update(req: ArticleUpdate): Article;
  transition(req: ArticleTransition): Article;
  get(id: string): Article;
  versions(id: string): ArticleVersion[];
  vote(req: { id: string; helpful: boolean }): Article;
  use(req: { articleId: string; ticketId: string }): TicketArticleLink[];
  forTicket(ticketId: string): TicketArticleLink[];
  draftFromTicket(ticketId: string): ParsedArticleInput;
  facets(): KbFacets;
  /** many articles in one transaction (`kb import`, demo articles) */
  importArticles(inputs: readonly ParsedArticleInput[], opts?: ImportOptions): { added: Article[]; skipped: number };
  loadDemo(): { added: number; skipped: number };
}

/** Optional texts are stored as NULL, never '' (as in tickets). */
function blankToNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v;
}

type Changes = Partial<Pick<ArticleFields, 'title' | 'body' | 'product' | 'category' | 'tags'>>;

/** Only the versioned fields whose value differs from the stored one. */
function diffArticle(current: ArticleFields, changes: Changes): { next: ArticleFields; changed: VersionedField[] } {
  const next: ArticleFields = { ...current };
  const changed: VersionedField[] = [];
  if (changes.title !== undefined && changes.title !== current.title) next.title = changes.title;
  if (changes.body !== undefined && changes.body !== current.body) next.body = changes.body;
  if (changes.category !== undefined && changes.category !== current.category) next.category = changes.category;
  if (changes.product !== undefined && blankToNull(changes.product) !== current.product) next.product = blankToNull(changes.product);
  if (changes.tags !== undefined && JSON.stringify(changes.tags) !== JSON.stringify(current.tags)) next.tags = changes.tags;
  for (const f of VERSIONED_FIELDS) if (JSON.stringify(next[f]) !== JSON.stringify(current[f])) changed.push(f);
  return { next, changed };
}

/** The article fields written, as wire values (tags as JSON text), plus `updatedAt` and any extra bookkeeping. */
function changedValues(a: ArticleFields, fields: readonly string[]): Record<string, unknown> {
  const all = articleValues(a);
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

export function createKbService(deps: KbServiceDeps): KbService {
  const { ctx } = deps;
  const { store } = ctx;

  function insertNew(w: SqlWriter, s: Stamp, input: ParsedArticleInput, authorId: string): { article: ArticleFields; changes: RowChange[] } {
    const article: ArticleFields = {
      id: ctx.newId(),
      title: input.title,
      body: input.body,
      product: blankToNull(input.product),
      category: input.category,
      tags: input.tags,
      status: input.status,
      authorId,
      createdAt: s.at,
      updatedAt: s.at,
      publishedAt: input.status === 'published' ? s.at : null,
      sourceTicketId: input.sourceTicketId ?? null,
    };
    insertArticle(w, article, createdFieldHlc(s.hlc));
    const version = appendVersion(ctx, w, s, article, VERSIONED_FIELDS, null);
    return { article, changes: [{ entity: 'article', id: article.id, values: articleValues(article) }, version] };
  }

  function create(raw: ArticleInput): Article {
    const input = parseOrThrow(ArticleInputSchema, raw);
    const actor = deps.actor();
    assertMayCreate(actor, input.status);
    const id = store.write((w) => {
      const s = stamp(ctx);
      const { article, changes } = insertNew(w, s, input, actor.username);
      appendOutbox(w, s, { name: 'kb:create', entity: 'article', entityId: article.id, changes });
      return article.id;
    });
    deps.onChanged([id]);
    return get(id);
  }

  function update(raw: ArticleUpdate): Article {
    const req = parseOrThrow(ArticleUpdateSchema, raw);
    const actor = deps.actor();
    const unchanged = store.read((w) => {
      const current = requireArticle(w, req.id, actor);
      assertMayEdit(actor, current);
      return diffArticle(current, req.changes).changed.length === 0;
    });
    // Same values: no transaction, no version, no outbox, no event.
    if (unchanged) return get(req.id);
    store.write((w) => {
      const current = requireArticle(w, req.id, actor);
      assertMayEdit(actor, current);
      const { next, changed } = diffArticle(current, req.changes);
      const s = stamp(ctx);
      next.updatedAt = s.at;
      const written = [...changed, 'updatedAt'];
      updateArticle(w, next, mergeFieldHlc(current.fieldHlc, written, s.hlc));
      const version = appendVersion(ctx, w, s, next, changed, blankToNull(req.note));
      appendOutbox(w, s, { name: 'kb:update', entity: 'article', entityId: next.id, changes: [{ entity: 'article', id: next.id, values: changedValues(next, written) }, version] });
    });
    deps.onChanged([req.id]);
    return get(req.id);
  }

  function transition(raw: ArticleTransition): Article {
    const req = parseOrThrow(ArticleTransitionSchema, raw);
    const actor = deps.actor();
    store.write((w) => {
      const current = requireArticle(w, req.id, actor);
      const from: ArticleStatus = current.status;
      if (!canMoveArticle(from, req.to)) {
        const allowed = ARTICLE_TRANSITIONS[from];
        throw new AppError('ILLEGAL_TRANSITION', `Cannot move article "${current.title}" from ${from} to ${req.to}; allowed: ${allowed.join(', ')}`);
      }
      assertMayTransition(actor, current, req.to);
      const s = stamp(ctx);
      const next: ArticleFields = { ...current, status: req.to, updatedAt: s.at };
      if (req.to === 'published') next.publishedAt = s.at;
      const written = ['status', 'updatedAt', ...(next.publishedAt !== current.publishedAt ? ['publishedAt'] : [])];
      updateArticle(w, next, mergeFieldHlc(current.fieldHlc, written, s.hlc));
      const version = appendVersion(ctx, w, s, next, ['status'], blankToNull(req.note));
      appendOutbox(w, s, { name: 'kb:transition', entity: 'article', entityId: next.id, changes: [{ entity: 'article', id: next.id, values: changedValues(next, written) }, version] });
    });
    deps.onChanged([req.id]);
    return get(req.id);
  }

  function get(id: string): Article {
    const actor = deps.actor();
    return store.read((r) => getArticle(r, id, actor));
  }

  function vote(req: { id: string; helpful: boolean }): Article {
    const actor = deps.actor();
    const value = req.helpful ? 'helpful' : 'not_helpful';
    const same = store.read((r) => {
      requireArticle(r, req.id, actor);
      return latestVote(r, req.id, actor.username) === value;
    });
    if (same) return get(req.id);
    store.write((w) => {
      requireArticle(w, req.id, actor);
      const s = stamp(ctx);
      const id = ctx.newId();
      const values = { articleId: req.id, voterId: actor.username, vote: value, at: s.at, hlc: s.hlc };
      w.run('INSERT INTO kb_votes (id, article_id, voter_id, vote, at, hlc) VALUES (?, ?, ?, ?, ?, ?)', [id, req.id, actor.username, value, s.at, s.hlc]);
      appendOutbox(w, s, { name: 'kb:vote', entity: 'article_vote', entityId: id, changes: [{ entity: 'article_vote', id, values }] });
    });
    deps.onChanged([req.id]);
    return get(req.id);
  }

  function use(req: { articleId: string; ticketId: string }): TicketArticleLink[] {
    const actor = deps.actor();
    const written = store.write((w) => {
      requireArticle(w, req.articleId, actor);
      requireTicket(w, req.ticketId);
      const s = stamp(ctx);
      const changes = linkArticles(ctx, w, s, { ticketId: req.ticketId, articleIds: [req.articleId], actor, pathOf: () => 'articleId' });
      const first = changes[0];
      if (!first) return false;
      appendOutbox(w, s, { name: 'kb:use', entity: 'article_use', entityId: first.id, changes });
      return true;
    });
    if (written) deps.onChanged([req.articleId]);
    return forTicket(req.ticketId);
  }

  function forTicket(ticketId: string): TicketArticleLink[] {
    const actor = deps.actor();
    return store.read((r) => ticketLinks(r, ticketId, actor));
  }

  function importArticles(inputs: readonly ParsedArticleInput[], opts: ImportOptions = {}): { added: Article[]; skipped: number } {
    const actor = deps.actor();
    for (const input of inputs) assertMayCreate(actor, input.status);
    if (inputs.length === 0) return { added: [], skipped: 0 };
    const result = store.write((w) => {
      const titles = new Set<string>();
      if (opts.skipExistingTitles) for (const row of w.all<{ title: string }>('SELECT title FROM kb_articles')) titles.add(row.title);
      const ids: string[] = [];
      let skipped = 0;
      for (const input of inputs) {
        if (opts.skipExistingTitles) {
          if (titles.has(input.title)) {
            skipped += 1;
            continue;
          }
          titles.add(input.title);
        }
        // One `kb:create` mutation per article: the server checks and answers each on its own.
        const s = stamp(ctx);
        const { article, changes } = insertNew(w, s, input, opts.authorId ?? actor.username);
        appendOutbox(w, s, { name: 'kb:create', entity: 'article', entityId: article.id, changes });
        ids.push(article.id);
      }
      return { ids, skipped };
    });
    if (result.ids.length > 0) deps.onChanged(result.ids);
    const added = store.read((r) => result.ids.map((id) => getArticle(r, id, actor)));
    return { added, skipped: result.skipped };
  }

  function loadDemo(): { added: number; skipped: number } {
    const actor = deps.actor();
    if (!isReviewer(actor.role)) throw new AppError('FORBIDDEN', `Demo articles are published at once; a ${actor.role} cannot publish, ask second line to load them`);
    const file = findDemoArticles(deps.resourcesDir);
    const lines = parseArticleLines(fs.readFileSync(file, 'utf8'));
    const inputs = lines.map((l) => ({ ...l.input, status: 'published' as const }));
    const { added, skipped } = importArticles(inputs, { authorId: 'demo', skipExistingTitles: true });
    return { added: added.length, skipped };
  }

  return {
    create,
    update,
    transition,
    get,
    versions: (id) => store.read((r) => listVersions(r, id, deps.actor())),
    vote,
    use,
    forTicket,
    draftFromTicket: (ticketId) => store.read((r) => draftFromTicket(r, ticketId)),
    facets: () => store.read((r) => articleFacets(r, deps.actor())),
    importArticles,
    loadDemo,
  };
}
