import type { z } from 'zod';
import type { SimilarQuerySchema, SimilarTicketSchema } from '../../../shared/desk/schema.js';
import { tokenize } from '../../../shared/kb/tokenize.js';
import type { SqlReader } from '../store/types.js';

/**
 * "Solved before" (tickets:similar): resolved or closed tickets with a
 * recorded resolution whose subject and description share the most
 * distinctive terms with the text being typed.
 *
 * No full-text index is kept on tickets (triggers on 100k tickets would slow
 * the first sync and every write); instead the newest CANDIDATES solved
 * tickets are scanned (through the status index) with the KB's tokenizer.
 * Recent solutions are the relevant ones anyway: products and fixes change.
 * Scoring: each query term present in a ticket adds its inverse document
 * frequency over the candidates, doubled in the subject; the score is that
 * sum over the query's total (0..2), so it reads the same across queries.
 */

export const SIMILAR_CANDIDATES = 3_000;
/** Only the head of a description is compared: the symptom is stated first, and long logs would dominate the cost. */
const DESCRIPTION_HEAD = 600;

type Similar = z.infer<typeof SimilarTicketSchema>;

/** Distinct terms of a text: words and CJK bigrams; a lone CJK character only when it stands alone. */
export function terms(text: string): Set<string> {
  const out = new Set<string>();
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.kind === 'cjk' && t.text.length === 1) {
      const prev = tokens[i - 1];
      // The tokenizer adds a run's last character alone; it is noise unless the run is one character.
      if (prev && prev.kind === 'cjk' && prev.end === t.end) continue;
    }
    out.add(t.text);
  }
  return out;
}

interface DocTerms {
  /** the row version the terms were taken from */
  updatedAt: string;
  subject: Set<string>;
  body: Set<string>;
}

/**
 * Terms of candidate tickets, kept between queries (an agent types several
 * in a row): tokenizing thousands of texts is the expensive part. An entry is
 * reused only while the ticket's updated_at is unchanged; the cache holds at
 * most twice the candidate window.
 */
export class SimilarTermsCache {
  private readonly map = new Map<string, DocTerms>();

  get(id: string, updatedAt: string, load: () => { subject: string; head: string }): DocTerms {
    const hit = this.map.get(id);
    if (hit && hit.updatedAt === updatedAt) return hit;
    const { subject, head } = load();
    const entry = { updatedAt, subject: terms(subject), body: terms(head) };
    this.map.set(id, entry);
    if (this.map.size > 2 * SIMILAR_CANDIDATES) {
      // Oldest inserted first: the window slides towards newer tickets.
      for (const key of this.map.keys()) {
        this.map.delete(key);
        if (this.map.size <= SIMILAR_CANDIDATES) break;
      }
    }
    return entry;
  }
}

export function similarTickets(r: SqlReader, q: z.output<typeof SimilarQuerySchema>, cache: SimilarTermsCache = new SimilarTermsCache()): Similar[] {
  const query = terms(q.text);
  if (query.size === 0) return [];
  const rows = r.all<{ id: string; no: string; subject: string; head: string; resolution: string; resolvedAt: string | null; updatedAt: string }>(
    `SELECT id, no, subject, substr(description, 1, ${DESCRIPTION_HEAD}) AS head, resolution, resolved_at AS resolvedAt, updated_at AS updatedAt
       FROM tickets
      WHERE status IN ('resolved', 'confirmed', 'closed') AND resolution IS NOT NULL AND id != ?
      ORDER BY created_at DESC LIMIT ?`,
    [q.excludeId ?? '', SIMILAR_CANDIDATES],
  );
  const docs = rows.map((row) => {
    const { subject, body } = cache.get(row.id, row.updatedAt, () => row);
    const hits = new Map<string, number>();
    for (const t of query) {
      if (subject.has(t)) hits.set(t, 2);
      else if (body.has(t)) hits.set(t, 1);
    }
    return { row, hits };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.hits.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(docs.length, 1);
  const idf = (t: string) => Math.log(1 + n / (1 + (df.get(t) ?? 0)));
  let total = 0;
  for (const t of query) total += idf(t);
  const scored: Similar[] = [];
  for (const { row, hits } of docs) {
    if (hits.size === 0) continue;
    let sum = 0;
    for (const [t, weight] of hits) sum += weight * idf(t);
    scored.push({ id: row.id, no: row.no, subject: row.subject, resolution: row.resolution, resolvedAt: row.resolvedAt, score: Math.round((sum / total) * 1000) / 1000 });
  }
  scored.sort((a, b) => b.score - a.score || (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  return scored.slice(0, q.limit);
}
