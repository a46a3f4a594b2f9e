import { z } from 'zod';
import { ArticleStatusSchema, TicketArticleLinkSchema, type TicketArticleLink } from '../../../shared/kb/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Actor } from '../../../shared/roles.js';
import type { RowChange } from '../../../shared/sync/protocol.js';
import type { DomainContext, Stamp } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { canSeeArticle } from './access.js';

/**
 * Articles used to answer a ticket (kb_uses, append-only): each link counts
 * once towards the article's usage. The ticket may belong to another team
 * and never arrive here, so there is no foreign key to tickets.
 */

const LinkRowSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  status: ArticleStatusSchema,
  authorId: z.string(),
  linkedAt: z.string(),
  actorId: z.string(),
});

/** The ticket's linked articles, first link of each, oldest first (ties: in the order they were written here); drafts `actor` cannot see are left out. */
export function ticketLinks(r: SqlReader, ticketId: string, actor: Actor): TicketArticleLink[] {
  const rows = r.all(
    `SELECT u.article_id AS articleId, a.title, a.status, a.author_id AS authorId, u.at AS linkedAt, u.actor_id AS actorId
       FROM kb_uses u JOIN kb_articles a ON a.id = u.article_id
      WHERE u.ticket_id = ?
        AND u.id = (SELECT u2.id FROM kb_uses u2 WHERE u2.ticket_id = u.ticket_id AND u2.article_id = u.article_id ORDER BY u2.at, u2.rowid LIMIT 1)
      ORDER BY u.at, u.rowid`,
    [ticketId],
  );
  return rows
    .map((raw) => LinkRowSchema.parse(raw))
    .filter((l) => canSeeArticle(actor, l))
    .map(({ authorId: _authorId, ...link }) => TicketArticleLinkSchema.parse(link));
}

export function isLinked(r: SqlReader, articleId: string, ticketId: string): boolean {
  return r.get('SELECT 1 AS linked FROM kb_uses WHERE article_id = ? AND ticket_id = ? LIMIT 1', [articleId, ticketId]) !== undefined;
}

/**
 * Links articles to a ticket inside the caller's transaction (kb:use, and
 * tickets:create with `articleIds`); already linked ones are skipped. Every
 * id must name an article here that `actor` may see (someone else's draft is
 * not found to an agent), else ARTICLE_NOT_FOUND and the caller's whole
 * transaction rolls back. Returns the new rows as sync changes.
 */
export function linkArticles(
  ctx: DomainContext,
  w: SqlWriter,
  s: Stamp,
  link: { ticketId: string; articleIds: readonly string[]; actor: Actor; pathOf: (index: number) => string },
): RowChange[] {
  const { ticketId, articleIds, actor, pathOf } = link;
  const changes: RowChange[] = [];
  articleIds.forEach((articleId, i) => {
    const article = w.get<{ status: string; authorId: string }>('SELECT status, author_id AS authorId FROM kb_articles WHERE id = ?', [articleId]);
    if (!article || !canSeeArticle(actor, article)) {
      const message = `No article with id ${articleId}`;
      throw new AppError('ARTICLE_NOT_FOUND', message, [{ path: pathOf(i), code: 'article_not_found', message }]);
    }
    if (isLinked(w, articleId, ticketId)) return;
    const id = ctx.newId();
    const values = { articleId, ticketId, actorId: ctx.actorId, at: s.at };
    w.run('INSERT INTO kb_uses (id, article_id, ticket_id, actor_id, at) VALUES (?, ?, ?, ?, ?)', [id, articleId, ticketId, values.actorId, s.at]);
    changes.push({ entity: 'article_use', id, values });
  });
  return changes;
}
