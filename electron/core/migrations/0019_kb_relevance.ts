import type { Migration } from '../store/types.js';

/**
 * Synonyms of the knowledge base (issue 17): groups of words a query word
 * expands to (shared/kb/synonyms.ts). A synced entity (`kb_synonym`,
 * shared/sync/entities.ts); only admins write it. `words` is a JSON array;
 * a removed group keeps its row (removed_at) so the removal syncs. While the
 * table is empty the built-in default list applies.
 *
 * The search index itself is unchanged (the tokeniser still emits the same
 * tokens): queries are segmented into words, each matched as a phrase of
 * the index's bigrams, so no rebuild is needed.
 */
export const kbRelevanceMigration: Migration = {
  id: '0019_kb_relevance',
  sql: `
CREATE TABLE kb_synonyms (
  id         TEXT PRIMARY KEY,
  words      TEXT NOT NULL,
  removed_at TEXT,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);
`,
};
