import { z } from 'zod';
import {
  ArticleSchema,
  ArticleStatusSchema,
  ArticleVersionSchema,
  KbFacetsSchema,
  type Article,
  type ArticleVersion,
  type KbFacets,
} from '../../../shared/kb/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Actor } from '../../../shared/roles.js';
import { isReviewer } from '../../../shared/roles.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { DomainContext, Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { canSeeArticle } from './access.js';

/**
 * Article rows: reading them back (validated), the derived counts of
 * kb:get, and the fixed statements that write them. No SQL here is built
 * from field names.
 */

const StringArrayJson = z.string().transform((text, ctx) => {
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a JSON array of strings' });
  return z.NEVER;
});

/** A stored article's content columns (also every version's); tags as JSON text. */
const contentColumns = {
  title: z.string(),
  body: z.string(),
  product: z.string().nullable(),
  category: z.string(),
  tags: StringArrayJson,
  status: ArticleStatusSchema,
};

const ArticleRowSchema = z.object({
  id: z.string(),
  ...contentColumns,
  authorId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  sourceTicketId: z.string().nullable(),
  fieldHlc: z.string(),
});
/** The stored article: its own fields, without the counts of kb:get. */
export type ArticleRow = z.output<typeof ArticleRowSchema>;
export type ArticleFields = Omit<ArticleRow, 'fieldHlc'>;

const ARTICLE_COLUMNS = `id, title, body, product, category, tags, status, author_id AS authorId, created_at AS createdAt,
  updated_at AS updatedAt, published_at AS publishedAt, source_ticket_id AS sourceTicketId, field_hlc AS fieldHlc`;

export function findArticle(r: SqlReader, id: string): ArticleRow | undefined {
  const row = r.get(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles WHERE id = ?`, [id]);
  return row ? ArticleRowSchema.parse(row) : undefined;
}

function notFound(id: string): AppError {
  return new AppError('ARTICLE_NOT_FOUND', `No article with id ${id}`, [{ path: 'id', code: 'article_not_found', message: `No article with id ${id}` }]);
}

/** The article if it exists and `actor` may see it; someone else's draft is "not found" to an agent. */
export function requireArticle(r: SqlReader, id: string, actor: Actor): ArticleRow {
  const a = findArticle(r, id);
  if (!a || !canSeeArticle(actor, a)) throw notFound(id);
  return a;
}

const CountsSchema = z.object({
  version: z.number().int(),
  usageCount: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  myVote: z.enum(['helpful', 'not_helpful']).nullable(),
});

/** Each voter's latest vote (by HLC) on article ?1 counts; earlier ones are history. */
const LATEST_VOTES = `SELECT v.vote FROM kb_votes v WHERE v.article_id = ?1
  AND v.hlc = (SELECT MAX(v2.hlc) FROM kb_votes v2 WHERE v2.article_id = v.article_id AND v2.voter_id = v.voter_id)`;

export function latestVote(r: SqlReader, articleId: string, voterId: string): 'helpful' | 'not_helpful' | null {
  const row = r.get<{ vote: string }>('SELECT vote FROM kb_votes WHERE article_id = ? AND voter_id = ? ORDER BY hlc DESC, id DESC LIMIT 1', [articleId, voterId]);
  return row ? z.enum(['helpful', 'not_helpful']).parse(row.vote) : null;
}

export function articleView(r: SqlReader, row: ArticleRow, actor: Actor): Article {
  const counts = r.get(
    `SELECT (SELECT COUNT(*) FROM kb_article_versions WHERE article_id = ?1) AS version,
       (SELECT COUNT(DISTINCT ticket_id) FROM kb_uses WHERE article_id = ?1) AS usageCount,
       (SELECT COUNT(*) FROM (${LATEST_VOTES}) WHERE vote = 'helpful') AS helpful,
       (SELECT COUNT(*) FROM (${LATEST_VOTES}) WHERE vote = 'not_helpful') AS notHelpful,
       NULL AS myVote`,
    [row.id],
  );
  const parsed = CountsSchema.parse({ ...counts, myVote: latestVote(r, row.id, actor.username) });
  const { fieldHlc: _fieldHlc, ...fields } = row;
  return ArticleSchema.parse({ ...fields, ...parsed });
}

export function getArticle(r: SqlReader, id: string, actor: Actor): Article {
  return articleView(r, requireArticle(r, id, actor), actor);
}

const VersionRowSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  ...contentColumns,
  editorId: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  changedFields: StringArrayJson,
});

/** Oldest first (HLC order is causal order), numbered from 1. */
export function listVersions(r: SqlReader, id: string, actor: Actor): ArticleVersion[] {
  requireArticle(r, id, actor);
  const rows = r.all(
    `SELECT id, article_id AS articleId, title, body, product, category, tags, status, editor_id AS editorId, at, note,
       changed_fields AS changedFields FROM kb_article_versions WHERE article_id = ? ORDER BY hlc, at, id`,
    [id],
  );
  return rows.map((raw, i) => ArticleVersionSchema.parse({ ...VersionRowSchema.parse(raw), version: i + 1 }));
}

const FacetRowSchema = z.object({ value: z.string(), count: z.number().int() });

/** Products and categories with counts, over the articles `actor` can see. */
export function articleFacets(r: SqlReader, actor: Actor): KbFacets {
  // Same rule as canSeeArticle, in SQL.
  const visible = `(status <> 'draft' OR author_id = ?1 OR ?2 = 1)`;
  const params = [actor.username, isReviewer(actor.role) ? 1 : 0];
  const products = r.all(`SELECT product AS value, COUNT(*) AS count FROM kb_articles WHERE product IS NOT NULL AND ${visible} GROUP BY product ORDER BY count DESC, product`, params);
  const categories = r.all(`SELECT category AS value, COUNT(*) AS count FROM kb_articles WHERE ${visible} GROUP BY category ORDER BY count DESC, category`, params);
  return KbFacetsSchema.parse({ products: products.map((p) => FacetRowSchema.parse(p)), categories: categories.map((c) => FacetRowSchema.parse(c)) });
}

/** The article's values on the wire (entities.ts ArticleValuesSchema): tags as JSON text. */
export function articleValues(a: ArticleFields): Record<string, unknown> {
  return {
    title: a.title,
    body: a.body,
    product: a.product,
    category: a.category,
    tags: JSON.stringify(a.tags),
    status: a.status,
    authorId: a.authorId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    publishedAt: a.publishedAt,
    sourceTicketId: a.sourceTicketId,
  };
}

export function insertArticle(w: SqlWriter, a: ArticleFields, fieldHlc: string): void {
  w.run(
    `INSERT INTO kb_articles (id, title, body, product, category, tags, status, author_id, created_at, updated_at, published_at, source_ticket_id, field_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [a.id, a.title, a.body, a.product, a.category, JSON.stringify(a.tags), a.status, a.authorId, a.createdAt, a.updatedAt, a.publishedAt, a.sourceTicketId, fieldHlc],
  );
}

export function updateArticle(w: SqlWriter, a: ArticleFields, fieldHlc: string): void {
  w.run(
    `UPDATE kb_articles SET title = ?, body = ?, product = ?, category = ?, tags = ?, status = ?, author_id = ?, created_at = ?,
       updated_at = ?, published_at = ?, source_ticket_id = ?, field_hlc = ? WHERE id = ?`,
    [a.title, a.body, a.product, a.category, JSON.stringify(a.tags), a.status, a.authorId, a.createdAt, a.updatedAt, a.publishedAt, a.sourceTicketId, fieldHlc, a.id],
  );
}

/** The fields a version records, in a fixed order (the order `changedFields` lists them in). */
export const VERSIONED_FIELDS = ['title', 'body', 'product', 'category', 'tags', 'status'] as const;
export type VersionedField = (typeof VERSIONED_FIELDS)[number];

/** Appends a version holding the article's full content after this write; returns it as a sync change. */
export function appendVersion(
  ctx: DomainContext,
  w: SqlWriter,
  s: Stamp,
  a: ArticleFields,
  changedFields: readonly VersionedField[],
  note: string | null,
): RowChange {
  const id = ctx.newId();
  const values = {
    articleId: a.id,
    title: a.title,
    body: a.body,
    product: a.product,
    category: a.category,
    tags: JSON.stringify(a.tags),
    status: a.status,
    editorId: ctx.actorId,
    at: s.at,
    note,
    changedFields: JSON.stringify(changedFields),
    hlc: s.hlc,
  };
  w.run(
    `INSERT INTO kb_article_versions (id, article_id, title, body, product, category, tags, status, editor_id, at, note, changed_fields, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, values.articleId, values.title, values.body, values.product, values.category, values.tags, values.status, values.editorId, values.at, note, values.changedFields, s.hlc],
  );
  return { entity: 'article_version', id, values };
}
