import type { Migration } from '../store/types.js';

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

export const migrations: readonly Migration[] = [
  { id: '0001_init', sql: init },
  { id: '0002_sync', sql: sync },
];
