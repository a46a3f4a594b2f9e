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

export const migrations: readonly Migration[] = [{ id: '0001_init', sql: init }];
