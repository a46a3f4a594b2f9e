import { z } from 'zod';
import { inputText } from '../bidi.js';
import { IdSchema } from '../tickets/schema.js';

/**
 * The knowledge base (domain.md "Knowledge base"): articles with a version
 * history, usage count and helpful votes, searched while agents type.
 *
 * Life cycle: draft -> published -> retired; a retired article can be
 * published again, and a published one taken back to draft for rework.
 * Drafts are seen by their author and by reviewers (senior, supervisor,
 * admin); agents see published articles (retired ones only when they ask).
 */
export const ARTICLE_STATUSES = ['draft', 'published', 'retired'] as const;
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

/** Allowed moves; anything else is ILLEGAL_TRANSITION. */
export const ARTICLE_TRANSITIONS: Readonly<Record<ArticleStatus, readonly ArticleStatus[]>> = {
  draft: ['published', 'retired'],
  published: ['retired', 'draft'],
  retired: ['published', 'draft'],
};
export function canMoveArticle(from: ArticleStatus, to: ArticleStatus): boolean {
  return ARTICLE_TRANSITIONS[from].includes(to);
}

export const KB_LIMITS = {
  title: 200,
  body: 100_000,
  product: 100,
  category: 100,
  tag: 40,
  tags: 20,
  note: 500,
  query: 200,
  /** free text a suggestion is drawn from (a ticket description) */
  suggestText: 20_000,
} as const;

const label = (max: number) => inputText().min(1).max(max);
const TagSchema = inputText()
  .min(1)
  .max(KB_LIMITS.tag)
  .refine((t) => !/[,\n\r\t]/.test(t), { message: 'A tag cannot contain commas, tabs or line breaks', params: { code: 'invalid_tag' } });

/** Fields an author edits; shared by create, update and the CLI's `kb add` / `kb import`. */
const articleFields = {
  title: label(KB_LIMITS.title),
  /** Markdown; rendered sanitised (no HTML, scripts or remote loads) */
  body: inputText().min(1).max(KB_LIMITS.body),
  product: inputText().max(KB_LIMITS.product).nullable().optional(),
  category: label(KB_LIMITS.category),
  tags: z
    .array(TagSchema)
    .max(KB_LIMITS.tags)
    .default([])
    .transform((tags) => [...new Set(tags)]),
};

/** `kb add --json`, each line of `kb import`, and `kb:create`. */
export const ArticleInputSchema = z.strictObject({
  ...articleFields,
  status: ArticleStatusSchema.default('draft'),
  /** the resolved ticket this article was written from */
  sourceTicketId: IdSchema.optional(),
});
export type ArticleInput = z.input<typeof ArticleInputSchema>;
export type ParsedArticleInput = z.output<typeof ArticleInputSchema>;

export const ArticleChangesSchema = z
  .strictObject({
    title: articleFields.title.optional(),
    body: articleFields.body.optional(),
    product: articleFields.product,
    category: articleFields.category.optional(),
    tags: z
      .array(TagSchema)
      .max(KB_LIMITS.tags)
      .transform((tags) => [...new Set(tags)])
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'No fields to change', params: { code: 'no_changes' } });

export const ArticleUpdateSchema = z.strictObject({
  id: IdSchema,
  changes: ArticleChangesSchema,
  /** what changed and why, shown in the version history */
  note: inputText().max(KB_LIMITS.note).optional(),
});
export type ArticleUpdate = z.input<typeof ArticleUpdateSchema>;

export const ArticleTransitionSchema = z.strictObject({
  id: IdSchema,
  to: ArticleStatusSchema,
  note: inputText().max(KB_LIMITS.note).optional(),
});
export type ArticleTransition = z.input<typeof ArticleTransitionSchema>;

/** What an article says: the fields every version records. */
const articleContent = {
  title: z.string(),
  body: z.string(),
  product: z.string().nullable(),
  category: z.string(),
  tags: z.array(z.string()),
  status: ArticleStatusSchema,
};

export const ArticleSchema = z.object({
  id: z.string(),
  ...articleContent,
  authorId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  sourceTicketId: z.string().nullable(),
  /** number of versions so far (1 after creation) */
  version: z.number().int(),
  /** times it was used to answer a ticket */
  usageCount: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  /** the acting user's own vote, if any */
  myVote: z.enum(['helpful', 'not_helpful']).nullable(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const ArticleVersionSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  /** 1-based, in the order the versions were written */
  version: z.number().int(),
  ...articleContent,
  editorId: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  /** which fields this version changed compared with the one before */
  changedFields: z.array(z.string()),
});
export type ArticleVersion = z.infer<typeof ArticleVersionSchema>;

/** Ranges `[start, end)` in UTF-16 code units of the string they belong to. */
export const HighlightsSchema = z.array(z.tuple([z.number().int(), z.number().int()]));
export type Highlights = z.infer<typeof HighlightsSchema>;

export const KbHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleHighlights: HighlightsSchema,
  product: z.string().nullable(),
  category: z.string(),
  tags: z.array(z.string()),
  status: ArticleStatusSchema,
  updatedAt: z.string(),
  usageCount: z.number().int(),
  helpful: z.number().int(),
  /** higher is better; comparable within one search only */
  score: z.number(),
  /** plain text around the best match (Markdown stripped), at most ~160 characters */
  snippet: z.string(),
  snippetHighlights: HighlightsSchema,
});
export type KbHit = z.infer<typeof KbHitSchema>;

export const KbStatusFilterSchema = z.enum(['published', 'draft', 'retired', 'all']);

/**
 * Search (issue 17): the text is understood as words (shared/kb/query.ts):
 * Chinese typed without spaces is segmented, scripts split where they
 * change, filler and question words dropped, each word matched with its
 * synonyms. Articles holding the whole query as a phrase rank first, then
 * those with all the words (closer together higher, title and tags above
 * body), then those with most of them; an article sharing any meaningful
 * word is a result. A "quoted phrase" is exact and required. Latin words,
 * numbers and codes (ERR_0x80070005, 192.168.1.1) match whole and
 * case-insensitively (a code's parts too: 0x80070005), the last word also as
 * a prefix while typing. An empty query lists the newest articles.
 */
export const KbSearchQuerySchema = z.strictObject({
  q: inputText().max(KB_LIMITS.query).default(''),
  product: inputText().max(KB_LIMITS.product).optional(),
  category: inputText().max(KB_LIMITS.category).optional(),
  status: KbStatusFilterSchema.default('published'),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type KbSearchQuery = z.input<typeof KbSearchQuerySchema>;

export const KbSearchResultSchema = z.object({
  hits: z.array(KbHitSchema),
  /**
   * How many articles match, for paging. Exact when `totalExact` is true or
   * absent; when false (a frequent word: counting its matches would cost more
   * than ranking the page) an estimate from a sample of the matches, never
   * below the matches already known. Every match stays reachable by paging
   * either way.
   */
  total: z.number().int(),
  totalExact: z.boolean().optional(),
  tookMs: z.number(),
  /**
   * The words searched (issue 17): the query as understood, filler and
   * question words left out, quoted phrases with their quotes. Shown when
   * nothing matched. Absent for an empty query.
   */
  words: z.array(z.string()).optional(),
});
export type KbSearchResult = z.infer<typeof KbSearchResultSchema>;

/**
 * Suggestions for free text (a ticket description being typed): the same
 * understanding and ranking as search, over the text's most telling words;
 * published articles only.
 */
export const KbSuggestQuerySchema = z.strictObject({
  text: z.string().max(KB_LIMITS.suggestText),
  product: inputText().max(KB_LIMITS.product).optional(),
  limit: z.number().int().min(1).max(10).default(5),
});
export type KbSuggestQuery = z.input<typeof KbSuggestQuerySchema>;

export const KbFacetsSchema = z.object({
  products: z.array(z.object({ value: z.string(), count: z.number().int() })),
  categories: z.array(z.object({ value: z.string(), count: z.number().int() })),
});
export type KbFacets = z.infer<typeof KbFacetsSchema>;

export const KbVoteSchema = z.strictObject({ id: IdSchema, helpful: z.boolean() });
/** Records that an article was used to answer a ticket (usage count, link). */
export const KbUseSchema = z.strictObject({ articleId: IdSchema, ticketId: IdSchema });

export const KbRebuildResultSchema = z.object({ articles: z.number().int(), tookMs: z.number() });
export const KbDemoResultSchema = z.object({ added: z.number().int(), skipped: z.number().int() });

/** An article linked to a ticket (it was used to answer it). */
export const TicketArticleLinkSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  status: ArticleStatusSchema,
  linkedAt: z.string(),
  actorId: z.string(),
});
export type TicketArticleLink = z.infer<typeof TicketArticleLinkSchema>;

const SOLUTION_HEADING = /^#{1,6}\s*(解决方案|解决办法|处理方法|解决步骤|Solution|Resolution|Fix)\s*[:：]?\s*$/im;

/**
 * The part of an article an agent pastes into a ticket's resolution: the
 * section under a "解决方案" / "Solution" heading up to the next heading of
 * the same or a higher level, else the whole body.
 */
export function solutionOf(body: string): string {
  const m = SOLUTION_HEADING.exec(body);
  if (!m) return body.trim();
  const level = /^#+/.exec(m[0])?.[0].length ?? 2;
  const rest = body.slice(m.index + m[0].length);
  const next = new RegExp(`^#{1,${level}}\\s`, 'm').exec(rest);
  const section = (next ? rest.slice(0, next.index) : rest).trim();
  return section === '' ? body.trim() : section;
}

/** The Markdown body of an article drafted from a resolved ticket. */
export function articleBodyFromTicket(parts: { description: string; stepsTaken: string | null; resolution: string }, headings: { problem: string; steps: string; solution: string }): string {
  const out = [`## ${headings.problem}`, '', parts.description.trim(), ''];
  if (parts.stepsTaken && parts.stepsTaken.trim() !== '') out.push(`## ${headings.steps}`, '', parts.stepsTaken.trim(), '');
  out.push(`## ${headings.solution}`, '', parts.resolution.trim(), '');
  return out.join('\n');
}
