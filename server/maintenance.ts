import type { Db } from './db.js';

/** Re-analyse once this share of the table has been written since the last time. */
const ANALYZE_FRACTION = 0.1;
const ANALYZE_MIN_ROWS = 1_000;
/** PGlite has no autovacuum: dead row versions (updates, presence heartbeats) are reclaimed here. */
const VACUUM_EVERY_MS = 10 * 60_000;

/**
 * Planner statistics for sync_rows. A pull is `seq > cursor ORDER BY seq
 * LIMIT n`; without statistics PostgreSQL guesses a few hundred matching rows
 * and picks a bitmap scan plus a sort of every row after the cursor, which
 * makes each page of a first sync cost the whole table (measured: 100k rows
 * at ~30k rows/s instead of ~90k). PGlite never runs autoanalyze and a real
 * PostgreSQL only does so after a delay, so the server analyses the table
 * itself after large writes (a first upload of a workstation, an import).
 */
export class Maintenance {
  private writtenSince = 0;
  private baseline = 0;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wroteSinceVacuum = false;

  constructor(
    private readonly db: Db,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  async start(): Promise<void> {
    await this.analyze();
    if (this.db.engine !== 'pglite') return;
    this.timer = setInterval(() => {
      if (!this.wroteSinceVacuum) return;
      this.wroteSinceVacuum = false;
      this.db.query('VACUUM (ANALYZE) sync_rows, presence, tokens').catch((e: unknown) => this.log('vacuum failed', e));
    }, VACUUM_EVERY_MS);
    this.timer.unref();
  }

  noteWrites(rows: number): void {
    if (rows === 0) return;
    this.writtenSince += rows;
    this.wroteSinceVacuum = true;
    if (this.writtenSince >= Math.max(ANALYZE_MIN_ROWS, this.baseline * ANALYZE_FRACTION)) {
      this.analyze().catch((e: unknown) => this.log('analyze failed', e));
    }
  }

  /** Resolves when no analysis is running (tests and shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  private analyze(): Promise<void> {
    this.running ??= (async () => {
      const counted = this.writtenSince;
      try {
        await this.db.query('ANALYZE sync_rows');
        const rows = await this.db.query<{ n: number }>("SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = 'sync_rows'");
        this.baseline = Number(rows[0]?.n ?? 0);
        this.writtenSince -= counted;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
