import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import { HttpError } from './errors.js';

export interface Migration {
  /** ordered: applied by ascending id, never renumbered after release */
  id: string;
  sql: string;
}

/**
 * The server schema. One generic `sync_rows` table holds every synced entity
 * (shared/sync/entities.ts): adding an entity adds no table here.
 * `seq` is the global change order: every row write takes the next value of
 * `sync_seq` while holding the push advisory lock, so seq order is commit
 * order and a pull at cursor N never misses a row that commits later with a
 * smaller seq.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_init',
    sql: `
CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('agent', 'senior', 'supervisor', 'admin')),
  team          text,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tokens_user ON tokens (user_id) WHERE revoked_at IS NULL;

CREATE SEQUENCE sync_seq;

CREATE TABLE sync_rows (
  entity     text NOT NULL,
  id         text NOT NULL,
  team       text,
  "values"   jsonb NOT NULL,
  field_hlc  jsonb NOT NULL,
  seq        bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, id)
);
CREATE UNIQUE INDEX sync_rows_seq ON sync_rows (seq);
CREATE INDEX sync_rows_team_seq ON sync_rows (team, seq);

-- Every pushed mutation, once: the idempotency key and the change audit.
CREATE TABLE mutations (
  client_id   text NOT NULL,
  mutation_id bigint NOT NULL,
  user_id     text NOT NULL REFERENCES users(id),
  name        text NOT NULL,
  hlc         text NOT NULL,
  status      text NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  seq         bigint,
  result      jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);
CREATE INDEX mutations_user_at ON mutations (user_id, at);

-- Logins, failed logins, user management, exports and bulk pulls.
CREATE TABLE audit (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  user_id text,
  action  text NOT NULL,
  detail  jsonb NOT NULL DEFAULT '{}'
);
-- The login rate limit counts recent failures per username and address.
CREATE INDEX audit_login_failed ON audit ((detail->>'username'), at) WHERE action = 'login.failed';

CREATE TABLE presence (
  user_id text PRIMARY KEY REFERENCES users(id),
  state   text NOT NULL,
  reason  text,
  since   text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    // Rows of `global` scope (the knowledge base) belong to no team: every
    // user allowed to sync pulls them, through their own index.
    id: '0002_global_scope',
    sql: `
ALTER TABLE sync_rows ADD COLUMN global boolean NOT NULL DEFAULT false;
CREATE INDEX sync_rows_global_seq ON sync_rows (seq) WHERE global;
`,
  },
  {
    // Security review (issue 13). A client id belongs to the user who first
    // pushes with it, and idempotency records are per user: nobody is answered
    // from, or uses up the mutation ids of, another user's records. Client ids
    // only one user ever pushed with are bound to that user now; one that
    // several users shared (a PC before per-user client ids) goes to whoever
    // pushes with it next. Sign-in attempts are reserved in their own table
    // before the password is checked, so parallel attempts cannot all slip
    // under the rate limit.
    id: '0003_security',
    sql: `
CREATE TABLE sync_clients (
  client_id  text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_clients (client_id, user_id)
  SELECT client_id, min(user_id) FROM mutations GROUP BY client_id HAVING count(DISTINCT user_id) = 1;
ALTER TABLE mutations DROP CONSTRAINT mutations_pkey;
ALTER TABLE mutations ADD CONSTRAINT mutations_pkey PRIMARY KEY (user_id, client_id, mutation_id);

CREATE TABLE login_attempts (
  id       bigserial PRIMARY KEY,
  username text NOT NULL,
  ip       text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);
`,
  },
  // ---- accounts (issue 16 point 1)
  {
    // An admin's password reset leaves the user with a temporary password that
    // signs nobody in until it is changed (POST /auth/password).
    id: '0006_accounts',
    sql: `
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
`,
  },
  {
    // A ticket handed off to another team's queue (issue 14: escalated to
    // 二线) is shared with that team, with its records and its customer:
    // the team asked pulls it through its own index and may answer it.
    // The expression indexes find a ticket's records and a customer's
    // numbers when a share is added.
    id: '0008_shared_rows',
    sql: `
ALTER TABLE sync_rows ADD COLUMN shared text[];
CREATE INDEX sync_rows_shared_seq ON sync_rows (seq) WHERE shared IS NOT NULL;
CREATE INDEX sync_rows_ticket ON sync_rows (("values"->>'ticketId')) WHERE ("values"->>'ticketId') IS NOT NULL;
CREATE INDEX sync_rows_customer_phone ON sync_rows (("values"->>'customerId')) WHERE entity = 'customer_phone';
`,
  },
  // ---- teams, seats and skills (issue 16 point 1)
  {
    // Teams become records (the synced entity `team`, id = the team text users,
    // tickets and hand-offs already carry). Every distinct team of the existing
    // users becomes a record named like its text, with no leader, written under
    // the push lock with the lowest clock a workstation can write (any admin's
    // edit wins field by field), so every PC pulls it like any change. The
    // expression index finds who holds a seat (SEAT_TAKEN).
    id: '0009_teams',
    sql: `
SELECT pg_advisory_xact_lock(7270002);
INSERT INTO sync_rows (entity, id, team, "values", field_hlc, seq, global)
  SELECT 'team', t.team, NULL,
         jsonb_build_object('name', t.team, 'leader', NULL, 'deactivatedAt', NULL, 'updatedBy', 'system',
           'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'updatedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
         '{"*": "000000000000000-0000-server"}'::jsonb, nextval('sync_seq'), true
    FROM (SELECT DISTINCT team FROM users WHERE team IS NOT NULL AND team <> '' ORDER BY team) t
  ON CONFLICT (entity, id) DO NOTHING;
CREATE INDEX sync_rows_agent_seat ON sync_rows ((upper("values"->>'seat'))) WHERE entity = 'agent_profile';
`,
  },
];

/** Any constant: every instance on one database must use the same ones. */
export const MIGRATE_LOCK_KEY = 7_270_001;

export function checksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex').slice(0, 16);
}

/**
 * Applies the pending migrations in one transaction under an advisory lock,
 * so several server processes starting together on one PostgreSQL migrate
 * once. The applied ids must be a prefix of the known ones with the same
 * checksums; anything else (a database written by a newer server, an edited
 * migration) fails loudly instead of guessing.
 */
export async function migrate(db: Db, known: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const sorted = [...known].sort((a, b) => a.id.localeCompare(b.id));
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK_KEY]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations ORDER BY id');
    applied.forEach((row, i) => {
      const expected = sorted[i];
      if (!expected || expected.id !== row.id) {
        throw new HttpError(
          500,
          'MIGRATION_MISMATCH',
          `The database has migration ${row.id} applied, which this server does not know (expected ${expected?.id ?? 'none'}). It was probably written by a newer server; refusing to start.`,
        );
      }
      if (checksum(expected) !== row.checksum) {
        throw new HttpError(500, 'MIGRATION_MISMATCH', `Migration ${row.id} differs from the one applied to this database (checksum ${row.checksum} vs ${checksum(expected)}); refusing to start.`);
      }
    });
    const pending = sorted.slice(applied.length);
    for (const m of pending) {
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, checksum(m)]);
    }
    return pending.map((m) => m.id);
  });
}

/**
 * Prepared statements take one command each, on both engines. Our migrations
 * hold no semicolons inside literals or bodies, which this relies on.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
