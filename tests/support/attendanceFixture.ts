import { Store } from '../../electron/core/store/index.js';
import { migrations } from '../../electron/core/migrations/index.js';
import type { LocalCore } from '../../electron/core/index.js';
import { ok, openTestCore, type TestCore } from '../unit/core/helpers.js';

/**
 * A March 2026 with hand-computed attendance (times +08:00), used by the
 * integration, e2e and CLI tests of issue 16 points 4-6:
 * - alice (一组): D on 03-02 in 08:35:01 (late 5), out 19:00 (workday extension 90);
 *   D on 03-03 out 17:00 (early 30); leave:sick 03-04; D on 03-05 no presence (absent);
 *   N on 03-06 21:55 -> 03-07 09:15 and 16:00-17:10 on rest day 03-07 (N extension 75 -> 60, rest day 40 -> 30);
 *   Sunday 03-08 10:00-14:00 (rest day 240).
 * - bob (二组): D on 03-02 08:30-17:30 (normal), nothing else.
 * Claims once computed: alice 03-02 workday 90, 03-06 workday 60, 03-07 restday 30, 03-08 restday 240.
 */
export const ROSTER: readonly [string, string, string, string][] = [
  ['alice', '2026-03-02', 'D', '一组'],
  ['alice', '2026-03-03', 'D', '一组'],
  ['alice', '2026-03-04', 'leave:sick', '一组'],
  ['alice', '2026-03-05', 'D', '一组'],
  ['alice', '2026-03-06', 'N', '一组'],
  ['bob', '2026-03-02', 'D', '二组'],
];

export const LINES = [
  ['alice', 'ready', '2026-03-02T08:35:01+08:00'],
  ['alice', 'offline', '2026-03-02T19:00:00+08:00'],
  ['alice', 'ready', '2026-03-03T08:30:00+08:00'],
  ['alice', 'offline', '2026-03-03T17:00:00+08:00'],
  ['alice', 'ready', '2026-03-06T21:55:00+08:00'],
  ['alice', 'offline', '2026-03-07T09:15:00+08:00'],
  ['alice', 'ready', '2026-03-07T16:00:00+08:00'],
  ['alice', 'offline', '2026-03-07T17:10:00+08:00'],
  ['alice', 'ready', '2026-03-08T10:00:00+08:00'],
  ['alice', 'offline', '2026-03-08T14:00:00+08:00'],
  ['bob', 'ready', '2026-03-02T08:30:00+08:00'],
  ['bob', 'offline', '2026-03-02T17:30:00+08:00'],
].map(([agentId, state, at]) => ({ agentId: agentId!, state: state as 'ready' | 'offline', at: at! }));

/** Roster rows as the roster screens write them (the table of migration 0016), into a closed folder. */
export async function writeRoster(dir: string, rows: readonly (readonly [string, string, string, string])[] = ROSTER): Promise<void> {
  const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
  try {
    store.write((w) => {
      for (const [agentId, date, entry, team] of rows) {
        w.run(
          `INSERT INTO roster_entry (id, agent_id, date, entry, team, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?, 'admin', ?, ?, '{}')
           ON CONFLICT (agent_id, date) DO UPDATE SET entry = excluded.entry`,
          [`${agentId}|${date}`, agentId, date, entry, team, '2026-02-20T00:00:00.000Z', '2026-02-20T00:00:00.000Z'],
        );
      }
    });
  } finally {
    store.close();
  }
}

export interface AttendanceFolder extends TestCore {
  core: LocalCore;
}

/** The folder with its accounts (admin, sup1 supervising 一组, alice, bob), roster and lines; nobody signed in (the CLI's admin). */
export async function attendanceMonth(): Promise<AttendanceFolder> {
  const first = await openTestCore();
  const accounts = [
    { username: 'sup1', displayName: '张主管', role: 'supervisor', team: '一组' },
    { username: 'alice', displayName: '李丽', role: 'agent', team: '一组' },
    { username: 'bob', displayName: '王波', role: 'agent', team: '二组' },
  ] as const;
  for (const a of accounts) await ok(first.core, 'accounts:create', { ...a, password: 'secret123' });
  await ok(first.core, 'attendance:importLog', { lines: LINES, reason: '旧考勤系统迁移' });
  await first.core.close();
  await writeRoster(first.dir);
  const core = await first.reopen();
  return { ...first, core };
}
