import type { Migration } from '../store/types.js';
import { KB_SQL_FUNCTIONS } from '../kb/search.js';
import { consoleTrapsSql } from './0007_console_traps.js';
import { reportsMigration } from './0008_reports.js';
import { phoneCommandsMigration } from './0009_phone_commands.js';
import { ticketNotesMigration } from './0010_ticket_notes.js';
import { qualityExportsMigration } from './0012_quality_exports.js';
import { announcementsDefectsMigration } from './0013_announcements_defects.js';
import { wallboardTvMigration } from './0014_wallboard_tv.js';
import { stateLogOrderMigration } from './0015_state_log_order.js';
// ---- accounts and duty roster (issue 16 points 1, 7)
import { accountsDutyMigration } from './0018_accounts_duty.js';
// ---- attendance plan: shifts, holiday calendar, roster (issue 16 points 2-3)
import { attendancePlanMigration } from './0016_attendance_plan.js';
import { reportChangesMigration } from './0020_report_changes.js';
import { reportChangesWindowMigration } from './0025_report_changes_window.js';
// ---- knowledge base relevance (issue 17)
import { kbRelevanceMigration } from './0019_kb_relevance.js';
// ---- attendance: corrections and overtime claims (issue 16 points 4-5)
import { attendanceMigration } from './0017_attendance.js';
// ---- teams, seats and skills (issue 16 point 1)
import { teamsMigration } from './0021_teams.js';

/**
 * Ordered schema migrations. Ids are recorded by the Store when applied; never
 * edit a shipped migration, add a new one (a changed or missing id fails the
 * open with MIGRATION_MISMATCH).
 *
 * Conventions every migration must keep:
 * - Timestamps are ISO-8601 UTC strings with milliseconds
 *   (`new Date(ms).toISOString()`), so string order is time order.
 * - Ids are `crypto.randomUUID()` strings generated in TypeScript; nothing
 *   depends on rowids, because journaled statements are replayed verbatim.
 * - `field_hlc` holds a JSON object `{ field: hlc }` with the hybrid logical
 *   clock of the last write of each plain field, so sync can merge per field
 *   (last writer wins) instead of per row.
 */
const init = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE customers (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  organisation TEXT,
  address      TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  field_hlc    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX customers_updated_at ON customers (updated_at);

-- ext is '' (not NULL) when there is none: NULLs would defeat the primary key.
CREATE TABLE customer_phones (
  customer_id TEXT NOT NULL REFERENCES customers (id),
  raw         TEXT NOT NULL,
  key         TEXT NOT NULL,
  ext         TEXT NOT NULL DEFAULT '',
  added_at    TEXT NOT NULL,
  PRIMARY KEY (customer_id, key, ext)
);
CREATE INDEX customer_phones_key ON customer_phones (key);

CREATE TABLE tickets (
  id           TEXT PRIMARY KEY,
  no           TEXT NOT NULL UNIQUE,
  status       TEXT NOT NULL,
  subject      TEXT NOT NULL,
  description  TEXT NOT NULL,
  category     TEXT NOT NULL,
  severity     TEXT NOT NULL,
  channel      TEXT NOT NULL,
  product      TEXT,
  device_model TEXT,
  assignee_id  TEXT,
  team         TEXT,
  steps_taken  TEXT,
  resolution   TEXT,
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  resolved_at  TEXT,
  closed_at    TEXT,
  field_hlc    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX tickets_status ON tickets (status, created_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, created_at);
CREATE INDEX tickets_created_at ON tickets (created_at);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at);

-- Append-only: history never conflicts in sync because it is never rewritten.
CREATE TABLE ticket_history (
  id        TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  at        TEXT NOT NULL,
  actor_id  TEXT NOT NULL,
  action    TEXT NOT NULL,
  changes   TEXT NOT NULL,
  note      TEXT,
  hlc       TEXT NOT NULL
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, hlc);
CREATE TRIGGER ticket_history_no_update BEFORE UPDATE ON ticket_history
BEGIN SELECT RAISE(ABORT, 'ticket_history is append-only'); END;
CREATE TRIGGER ticket_history_no_delete BEFORE DELETE ON ticket_history
BEGIN SELECT RAISE(ABORT, 'ticket_history is append-only'); END;

-- id is the local mutation id: monotonic per data folder, allocated from
-- meta.outbox_next_id (not AUTOINCREMENT) so replay never depends on rowids.
-- (client id, id) identifies a mutation globally for idempotent push.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  args       TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  history_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_entity ON outbox (entity, entity_id);
`;

/**
 * Sync: the problems list and rows waiting for their parent. Tickets are rebuilt without UNIQUE on `no`: numbers are
 * drawn per PC, so a row pulled from another PC may carry a number already
 * used here (6 random characters make that rare, not impossible).
 *
 * Rebuild rules: the store runs every migration inside a transaction with
 * foreign keys ON (PRAGMA foreign_keys cannot change there), and a rename
 * rewrites the references of other tables. So the child (ticket_history) is
 * rebuilt first against the new parent, the old child and parent are dropped
 * child first (nothing references them any more), and the new tables are
 * renamed into place, which points ticket_history at "tickets" again.
 */
const sync = `
-- id is allocated in TypeScript (max + 1, never reused: meta sync_problem_next_id),
-- not by rowid, because journaled statements are replayed verbatim.
CREATE TABLE sync_problems (
  id          INTEGER PRIMARY KEY,
  mutation_id INTEGER NOT NULL,
  name        TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('rejected', 'conflict')),
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  local       TEXT NOT NULL,
  lost_fields TEXT NOT NULL DEFAULT '[]',
  server      TEXT NOT NULL DEFAULT '[]',
  created_at  TEXT NOT NULL
);
CREATE INDEX sync_problems_entity ON sync_problems (entity, entity_id);

-- A pulled row whose parent (a foreign key) has not arrived yet: pages are in
-- server sequence order, so a ticket edited after its history was written
-- comes after that history. Applied as soon as the parent is here; parent_*
-- name the missing one (NULL: unknown, retried after every page).
CREATE TABLE sync_deferred (
  entity        TEXT NOT NULL,
  id            TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  row           TEXT NOT NULL,
  parent_table  TEXT,
  parent_column TEXT,
  parent_key    TEXT,
  PRIMARY KEY (entity, id)
);
CREATE INDEX sync_deferred_parent ON sync_deferred (parent_table, parent_key);

CREATE TABLE tickets_0002 (
  id           TEXT PRIMARY KEY,
  no           TEXT NOT NULL,
  status       TEXT NOT NULL,
  subject      TEXT NOT NULL,
  description  TEXT NOT NULL,
  category     TEXT NOT NULL,
  severity     TEXT NOT NULL,
  channel      TEXT NOT NULL,
  product      TEXT,
  device_model TEXT,
  assignee_id  TEXT,
  team         TEXT,
  steps_taken  TEXT,
  resolution   TEXT,
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  resolved_at  TEXT,
  closed_at    TEXT,
  field_hlc    TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO tickets_0002 (id, no, status, subject, description, category, severity, channel, product, device_model, assignee_id,
  team, steps_taken, resolution, customer_id, created_by, created_at, updated_at, resolved_at, closed_at, field_hlc)
SELECT id, no, status, subject, description, category, severity, channel, product, device_model, assignee_id,
  team, steps_taken, resolution, customer_id, created_by, created_at, updated_at, resolved_at, closed_at, field_hlc FROM tickets;

CREATE TABLE ticket_history_0002 (
  id        TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets_0002 (id),
  at        TEXT NOT NULL,
  actor_id  TEXT NOT NULL,
  action    TEXT NOT NULL,
  changes   TEXT NOT NULL,
  note      TEXT,
  hlc       TEXT NOT NULL
);
INSERT INTO ticket_history_0002 (id, ticket_id, at, actor_id, action, changes, note, hlc)
SELECT id, ticket_id, at, actor_id, action, changes, note, hlc FROM ticket_history;

DROP TRIGGER ticket_history_no_update;
DROP TRIGGER ticket_history_no_delete;
DROP TABLE ticket_history;
DROP TABLE tickets;
ALTER TABLE tickets_0002 RENAME TO tickets;
ALTER TABLE ticket_history_0002 RENAME TO ticket_history;

CREATE INDEX tickets_no ON tickets (no);
CREATE INDEX tickets_status ON tickets (status, created_at);
CREATE INDEX tickets_assignee ON tickets (assignee_id, created_at);
CREATE INDEX tickets_created_at ON tickets (created_at);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, hlc);
CREATE TRIGGER ticket_history_no_update BEFORE UPDATE ON ticket_history
BEGIN SELECT RAISE(ABORT, 'ticket_history is append-only'); END;
CREATE TRIGGER ticket_history_no_delete BEFORE DELETE ON ticket_history
BEGIN SELECT RAISE(ABORT, 'ticket_history is append-only'); END;
`;

/**
 * The knowledge base (shared/kb/schema.ts, entities article*). Articles are
 * `lww` rows; versions, votes and uses are append-only records, so counts and
 * history merge across PCs without conflicts. `tags` and `changed_fields` are
 * JSON arrays of strings. No foreign key to tickets: a ticket of another team
 * never arrives on this PC, but its link to a shared article still does.
 * The search index is the next migration's.
 */
const kb = `
CREATE TABLE kb_articles (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL,
  body             TEXT NOT NULL,
  product          TEXT,
  category         TEXT NOT NULL,
  tags             TEXT NOT NULL DEFAULT '[]',
  status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  author_id        TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  published_at     TEXT,
  source_ticket_id TEXT,
  field_hlc        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX kb_articles_status ON kb_articles (status, updated_at);
CREATE INDEX kb_articles_source_ticket ON kb_articles (source_ticket_id);

CREATE TABLE kb_article_versions (
  id             TEXT PRIMARY KEY,
  article_id     TEXT NOT NULL REFERENCES kb_articles (id),
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  product        TEXT,
  category       TEXT NOT NULL,
  tags           TEXT NOT NULL DEFAULT '[]',
  status         TEXT NOT NULL,
  editor_id      TEXT NOT NULL,
  at             TEXT NOT NULL,
  note           TEXT,
  changed_fields TEXT NOT NULL DEFAULT '[]',
  hlc            TEXT NOT NULL
);
CREATE INDEX kb_article_versions_article ON kb_article_versions (article_id, hlc);

-- A voter's latest vote (by hlc) counts; earlier ones stay as history.
CREATE TABLE kb_votes (
  id         TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES kb_articles (id),
  voter_id   TEXT NOT NULL,
  vote       TEXT NOT NULL CHECK (vote IN ('helpful', 'not_helpful')),
  at         TEXT NOT NULL,
  hlc        TEXT NOT NULL
);
CREATE INDEX kb_votes_article ON kb_votes (article_id, voter_id, hlc);

CREATE TABLE kb_uses (
  id         TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES kb_articles (id),
  ticket_id  TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  at         TEXT NOT NULL
);
CREATE INDEX kb_uses_article ON kb_uses (article_id);
CREATE INDEX kb_uses_ticket ON kb_uses (ticket_id, at);

CREATE TRIGGER kb_article_versions_no_update BEFORE UPDATE ON kb_article_versions
BEGIN SELECT RAISE(ABORT, 'kb_article_versions is append-only'); END;
CREATE TRIGGER kb_article_versions_no_delete BEFORE DELETE ON kb_article_versions
BEGIN SELECT RAISE(ABORT, 'kb_article_versions is append-only'); END;
`;

/**
 * The knowledge base's search index (electron/core/kb/search.ts). Chinese is
 * indexed as character pairs, words lowercased, by the tokeniser in
 * shared/kb/tokenize.ts, which runs in the SQL functions kb_tokens /
 * kb_tag_tokens / kb_token_count / kb_tag_token_count (KB_SQL_FUNCTIONS, which
 * the Store registers on its connection). Triggers keep the index in step with
 * every write to kb_articles, whoever makes it (services, the sync applier, the
 * bulk first sync, journal replay).
 *
 * - kb_search: FTS4 over the token text, external content: a view that
 *   tokenises kb_articles on demand, so the token text itself is never
 *   stored (FTS reads the old tokens through it when a row is deleted, which
 *   is why the delete runs BEFORE the article changes). docid = the article's
 *   rowid.
 * - kb_search_docs: a small row per article for filtering and ranking without
 *   reading the article (whose body spills onto overflow pages): status,
 *   product, category, author, updated_at and the token count of each field.
 *   Unique by article id, so an INSERT OR REPLACE (whose implicit delete
 *   fires no trigger unless recursive triggers are on) cannot leave the old
 *   row's entry behind; the old row's postings stay in kb_search until
 *   rebuildKbIndex, unreachable (every query checks kb_search_docs).
 * - kb_search_head: FTS4 over the title and tags tokens only, the same way.
 *   Its doclists are short even for a word in most bodies, so ranked search
 *   can score the title/tag matches exhaustively and read the big body
 *   doclist only when they cannot decide the page (see search.ts).
 * - kb_search_gen: one row whose value changes (random()) whenever
 *   kb_search_docs does, so search.ts can cache kb_search_docs in memory and
 *   know when it is stale. random(), not a counter: a rolled-back write must
 *   not bring back a value a cache was built from. Replay sets another value,
 *   which is just as good (it is only compared for equality).
 */
const kbSearch = `
CREATE VIEW kb_search_source (rowid, title, tags, body) AS
  SELECT rowid, kb_tokens(title), kb_tag_tokens(tags), kb_tokens(body) FROM kb_articles;
CREATE VIRTUAL TABLE kb_search USING fts4(content="kb_search_source", title, tags, body, tokenize=simple);
CREATE VIEW kb_search_head_source (rowid, title, tags) AS
  SELECT rowid, kb_tokens(title), kb_tag_tokens(tags) FROM kb_articles;
CREATE VIRTUAL TABLE kb_search_head USING fts4(content="kb_search_head_source", title, tags, tokenize=simple);
CREATE TABLE kb_search_docs (
  docid      INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE,
  status     TEXT NOT NULL,
  product    TEXT,
  category   TEXT NOT NULL,
  author_id  TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  len_title  INTEGER NOT NULL,
  len_tags   INTEGER NOT NULL,
  len_body   INTEGER NOT NULL
);
CREATE INDEX kb_search_docs_status ON kb_search_docs (status, updated_at);
CREATE TABLE kb_search_gen (
  id  INTEGER PRIMARY KEY CHECK (id = 0),
  gen INTEGER NOT NULL
);
INSERT INTO kb_search_gen (id, gen) VALUES (0, random());
CREATE TRIGGER kb_search_docs_ai AFTER INSERT ON kb_search_docs BEGIN UPDATE kb_search_gen SET gen = random(); END;
CREATE TRIGGER kb_search_docs_au AFTER UPDATE ON kb_search_docs BEGIN UPDATE kb_search_gen SET gen = random(); END;
CREATE TRIGGER kb_search_docs_ad AFTER DELETE ON kb_search_docs BEGIN UPDATE kb_search_gen SET gen = random(); END;

INSERT INTO kb_search_docs (docid, article_id, status, product, category, author_id, updated_at, len_title, len_tags, len_body)
  SELECT rowid, id, status, product, category, author_id, updated_at, kb_token_count(title), kb_tag_token_count(tags), kb_token_count(body) FROM kb_articles;
INSERT INTO kb_search (kb_search) VALUES ('rebuild');
INSERT INTO kb_search_head (kb_search_head) VALUES ('rebuild');

CREATE TRIGGER kb_search_ai AFTER INSERT ON kb_articles BEGIN
  INSERT INTO kb_search (docid, title, tags, body) VALUES (new.rowid, kb_tokens(new.title), kb_tag_tokens(new.tags), kb_tokens(new.body));
  INSERT INTO kb_search_head (docid, title, tags) VALUES (new.rowid, kb_tokens(new.title), kb_tag_tokens(new.tags));
  INSERT OR REPLACE INTO kb_search_docs (docid, article_id, status, product, category, author_id, updated_at, len_title, len_tags, len_body)
  VALUES (new.rowid, new.id, new.status, new.product, new.category, new.author_id, new.updated_at, kb_token_count(new.title), kb_tag_token_count(new.tags), kb_token_count(new.body));
END;
CREATE TRIGGER kb_search_bu BEFORE UPDATE OF title, tags, body ON kb_articles
WHEN old.title IS NOT new.title OR old.tags IS NOT new.tags OR old.body IS NOT new.body BEGIN
  DELETE FROM kb_search WHERE docid = old.rowid;
  DELETE FROM kb_search_head WHERE docid = old.rowid;
END;
CREATE TRIGGER kb_search_au AFTER UPDATE OF title, tags, body ON kb_articles
WHEN old.title IS NOT new.title OR old.tags IS NOT new.tags OR old.body IS NOT new.body BEGIN
  INSERT INTO kb_search (docid, title, tags, body) VALUES (new.rowid, kb_tokens(new.title), kb_tag_tokens(new.tags), kb_tokens(new.body));
  INSERT INTO kb_search_head (docid, title, tags) VALUES (new.rowid, kb_tokens(new.title), kb_tag_tokens(new.tags));
  UPDATE kb_search_docs SET len_title = kb_token_count(new.title), len_tags = kb_tag_token_count(new.tags), len_body = kb_token_count(new.body) WHERE docid = new.rowid;
END;
CREATE TRIGGER kb_search_au_meta AFTER UPDATE OF status, product, category, author_id, updated_at ON kb_articles BEGIN
  UPDATE kb_search_docs SET status = new.status, product = new.product, category = new.category, author_id = new.author_id, updated_at = new.updated_at
  WHERE docid = new.rowid;
END;
CREATE TRIGGER kb_search_bd BEFORE DELETE ON kb_articles BEGIN
  DELETE FROM kb_search WHERE docid = old.rowid;
  DELETE FROM kb_search_head WHERE docid = old.rowid;
  DELETE FROM kb_search_docs WHERE docid = old.rowid;
END;
`;


/**
 * The agent console (issue 5). Synced tables follow shared/sync/entities.ts
 * (lww rows carry field_hlc; append-only records refuse UPDATE and DELETE).
 * Local-only tables: standalone accounts (a PC with no server) and ticket
 * drafts (the form autosaved as the agent types). The CTI token lives in meta.
 */
const consoleSql = `
CREATE TABLE local_accounts (
  username      TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'senior', 'supervisor', 'admin')),
  team          TEXT,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);

CREATE TABLE settings (
  id         TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  field_hlc  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE agent_state_log (
  id       TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  state    TEXT NOT NULL CHECK (state IN ('offline', 'ready', 'on_call', 'after_call', 'not_ready')),
  reason   TEXT,
  at       TEXT NOT NULL,
  call_id  TEXT,
  hlc      TEXT NOT NULL
);
CREATE INDEX agent_state_log_agent ON agent_state_log (agent_id, at);
CREATE INDEX agent_state_log_at ON agent_state_log (at);
CREATE TRIGGER agent_state_log_no_update BEFORE UPDATE ON agent_state_log
BEGIN SELECT RAISE(ABORT, 'agent_state_log is append-only'); END;
CREATE TRIGGER agent_state_log_no_delete BEFORE DELETE ON agent_state_log
BEGIN SELECT RAISE(ABORT, 'agent_state_log is append-only'); END;

-- customer_id is not a foreign key: a call from an unknown number has no customer
-- yet, and a customer created on another PC may arrive after its call.
CREATE TABLE calls (
  id              TEXT PRIMARY KEY,
  external_id     TEXT,
  source          TEXT NOT NULL CHECK (source IN ('manual', 'cti')),
  direction       TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  number          TEXT NOT NULL,
  number_key      TEXT,
  line_number     TEXT,
  customer_id     TEXT,
  agent_id        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('ringing', 'talking', 'held', 'wrap_up', 'ended', 'missed')),
  ring_at         TEXT NOT NULL,
  answer_at       TEXT,
  hold_started_at TEXT,
  hold_seconds    INTEGER NOT NULL DEFAULT 0,
  end_at          TEXT,
  wrap_end_at     TEXT,
  disposition     TEXT,
  note            TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  field_hlc       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX calls_agent ON calls (agent_id, ring_at);
CREATE INDEX calls_ring_at ON calls (ring_at);
CREATE INDEX calls_status ON calls (status);
CREATE INDEX calls_external ON calls (external_id);
CREATE INDEX calls_customer ON calls (customer_id, ring_at);

CREATE TABLE call_tickets (
  call_id   TEXT NOT NULL REFERENCES calls (id),
  ticket_id TEXT NOT NULL REFERENCES tickets (id),
  actor_id  TEXT NOT NULL,
  at        TEXT NOT NULL,
  PRIMARY KEY (call_id, ticket_id)
);
CREATE INDEX call_tickets_ticket ON call_tickets (ticket_id);
CREATE TRIGGER call_tickets_no_update BEFORE UPDATE ON call_tickets
BEGIN SELECT RAISE(ABORT, 'call_tickets is append-only'); END;
CREATE TRIGGER call_tickets_no_delete BEFORE DELETE ON call_tickets
BEGIN SELECT RAISE(ABORT, 'call_tickets is append-only'); END;

CREATE TABLE handoffs (
  id             TEXT PRIMARY KEY,
  ticket_id      TEXT NOT NULL REFERENCES tickets (id),
  kind           TEXT NOT NULL CHECK (kind IN ('escalate', 'transfer', 'dispatch')),
  coordinator_id TEXT NOT NULL,
  to_target      TEXT NOT NULL,
  ask            TEXT NOT NULL,
  due_by         TEXT NOT NULL,
  scope          TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'answered', 'cancelled')),
  answer         TEXT,
  answered_by    TEXT,
  answered_at    TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  field_hlc      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX handoffs_ticket ON handoffs (ticket_id, created_at);
CREATE INDEX handoffs_queue ON handoffs (kind, status, due_by);

CREATE TABLE work_orders (
  id              TEXT PRIMARY KEY,
  ticket_id       TEXT NOT NULL REFERENCES tickets (id),
  handoff_id      TEXT NOT NULL,
  engineer        TEXT NOT NULL,
  address         TEXT NOT NULL,
  appointment_at  TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('scheduled', 'on_site', 'done', 'cancelled')),
  taken_at        TEXT,
  feedback_due_at TEXT,
  feedback        TEXT,
  feedback_at     TEXT,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  field_hlc       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX work_orders_ticket ON work_orders (ticket_id);
CREATE INDEX work_orders_status ON work_orders (status, appointment_at);

CREATE TABLE callbacks (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  ticket_id   TEXT,
  phone       TEXT NOT NULL,
  due_at      TEXT NOT NULL,
  owner_id    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('scheduled', 'done', 'cancelled')),
  note        TEXT,
  outcome     TEXT,
  done_at     TEXT,
  done_by     TEXT,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  field_hlc   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX callbacks_owner ON callbacks (owner_id, status, due_at);
CREATE INDEX callbacks_due ON callbacks (status, due_at);

CREATE TABLE follow_ups (
  id           TEXT PRIMARY KEY,
  ticket_id    TEXT NOT NULL REFERENCES tickets (id),
  kind         TEXT NOT NULL CHECK (kind IN ('satisfaction', 'complaint')),
  assignee_id  TEXT,
  for_role     TEXT NOT NULL,
  due_at       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'unreachable')),
  satisfaction INTEGER,
  reason       TEXT,
  note         TEXT,
  done_at      TEXT,
  done_by      TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  field_hlc    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX follow_ups_assignee ON follow_ups (assignee_id, status, due_at);
CREATE INDEX follow_ups_due ON follow_ups (status, due_at);
CREATE INDEX follow_ups_ticket ON follow_ups (ticket_id);

-- "My open tickets" (myDay, the console): an agent's tickets by status, and
-- the unassigned ones they created, without reading all of their closed work.
-- (assignee_id, status, created_at) replaces (assignee_id, created_at), so a
-- first sync still builds one index per assignee lookup.
DROP INDEX tickets_assignee;
CREATE INDEX tickets_assignee_status ON tickets (assignee_id, status, created_at);
CREATE INDEX tickets_creator_status ON tickets (created_by, status);

CREATE TABLE ticket_drafts (
  key        TEXT NOT NULL,
  agent_id   TEXT NOT NULL,
  fields     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (agent_id, key)
);
`;

export const migrations: readonly Migration[] = [
  { id: '0001_init', sql: init },
  { id: '0002_sync', sql: sync },
  { id: '0003_kb', sql: kb },
  { id: '0004_kb_search', sql: kbSearch, functions: KB_SQL_FUNCTIONS },
  { id: '0005_console', sql: consoleSql },
  { id: '0007_console_traps', sql: consoleTrapsSql },
  reportsMigration,
  phoneCommandsMigration,
  ticketNotesMigration,
  qualityExportsMigration,
  announcementsDefectsMigration,
  wallboardTvMigration,
  stateLogOrderMigration,
  attendancePlanMigration,
  // ---- attendance (issue 16 points 4-5): corrections and overtime claims
  attendanceMigration,
  // ---- accounts and duty roster (issue 16 points 1, 7)
  accountsDutyMigration,
  // ---- knowledge base relevance (issue 17)
  kbRelevanceMigration,
  reportChangesMigration,
  // ---- teams, seats and skills (issue 16 point 1)
  teamsMigration,
  // ---- the period reports' cache (issue 15): a longer change log
  reportChangesWindowMigration,
];
