import { z } from 'zod';
import { articleBodyFromTicket, KB_LIMITS, type ParsedArticleInput } from '../../../shared/kb/schema.js';
import { AppError } from '../../../shared/result.js';
import type { Category } from '../../../shared/tickets/schema.js';
import type { TicketStatus } from '../../../shared/tickets/stateMachine.js';
import { requireTicket } from '../domain/ticketQueries.js';
import type { SqlReader } from '../store/types.js';

/** Headings of an article drafted from a ticket (content is Chinese first; domain.md). */
export const DRAFT_HEADINGS = { problem: '问题描述', steps: '已尝试的步骤', solution: '解决方案' } as const;

/** A KB category for a ticket category, when no article of the product says better. */
const DEFAULT_CATEGORY: Record<Category, string> = {
  fault: '故障排除',
  consult: '常见问题',
  complaint: '投诉处理',
  change: '业务变更',
  suggestion: '建议反馈',
  activation: '开通与激活',
};

/** A ticket counts as answered once resolved (confirmed and closed come after). */
const ANSWERED: ReadonlySet<TicketStatus> = new Set(['resolved', 'confirmed', 'closed']);

function asTag(text: string | null): string | null {
  if (text === null) return null;
  const t = text.replace(/[,\n\r\t]+/g, ' ').trim().slice(0, KB_LIMITS.tag).trim();
  return t === '' ? null : t;
}

/**
 * An article's fields drafted from a resolved ticket; nothing is saved
 * (kb:create does that, after the author has edited them).
 */
export function draftFromTicket(r: SqlReader, ticketId: string): ParsedArticleInput {
  const { ticket: t } = requireTicket(r, ticketId);
  if (!ANSWERED.has(t.status) || t.resolution === null) {
    throw new AppError('TICKET_NOT_RESOLVED', `Ticket ${t.no} is ${t.status}; only a resolved or closed ticket can become an article`);
  }
  const product = t.product === null ? null : t.product.trim().slice(0, KB_LIMITS.product).trim() || null;
  const used = product
    ? r.get(`SELECT category FROM kb_articles WHERE product = ? GROUP BY category ORDER BY COUNT(*) DESC, MAX(updated_at) DESC, category LIMIT 1`, [product])
    : undefined;
  const category = used ? z.object({ category: z.string() }).parse(used).category : DEFAULT_CATEGORY[t.category];
  const tags = [...new Set([asTag(t.product), asTag(t.deviceModel)].filter((x): x is string => x !== null))];
  return {
    title: t.subject.trim().slice(0, KB_LIMITS.title).trim(),
    body: articleBodyFromTicket({ description: t.description, stepsTaken: t.stepsTaken, resolution: t.resolution }, DRAFT_HEADINGS).slice(0, KB_LIMITS.body).trim(),
    product,
    category,
    tags,
    status: 'draft',
    sourceTicketId: t.id,
  };
}
