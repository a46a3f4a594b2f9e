import { describe, expect, it } from 'vitest';
import { HOLIDAYS_2026 } from '../../../shared/attendance/holidays.js';
import { DEFAULT_SHIFTS } from '../../../shared/attendance/schema.js';
import { dayType } from '../../../shared/attendance/calendar.js';
import { calendarYears, getShift, holidayIndex, listHolidays, listShifts, rosterFor } from '../../../electron/core/attendance/plan.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { tempDir } from '../core/helpers.js';

async function fresh(): Promise<Store> {
  return Store.open({ dataDir: tempDir(), migrations, idleCheckpointMs: 0, log: () => undefined });
}

describe('attendance plan (migration 0016 and the read API)', () => {
  it('seeds domain.md\'s shift types and the 2026 calendar in a fresh database', async () => {
    const store = await fresh();
    try {
      const shifts = store.read((r) => listShifts(r));
      expect(shifts.map(({ code, name, start, end, breakMinutes }) => ({ code, name, start, end, breakMinutes }))).toEqual([...DEFAULT_SHIFTS]);
      expect(store.read((r) => getShift(r, 'N'))?.end).toBe('08:30');
      expect(store.read((r) => listHolidays(r, 2026))).toEqual([...HOLIDAYS_2026]);
      expect(store.read((r) => calendarYears(r))).toEqual([2026]);
      const index = store.read((r) => holidayIndex(r, 2025, 2027));
      expect(dayType('2026-10-01', index)).toBe('statutory');
      expect(dayType('2026-10-05', index)).toBe('holiday_rest');
      expect(dayType('2026-10-10', index)).toBe('adjusted_workday');
      expect(dayType('2026-10-11', index)).toBe('weekend');
    } finally {
      store.close();
    }
  });

  it('reads the stored roster entries of the asked agents and dates only, by agent then date', async () => {
    const store = await fresh();
    try {
      store.write((w) => {
        const at = '2026-12-01T00:00:00.000Z';
        for (const [agent, date, entry] of [['li', '2026-12-02', 'D'], ['li', '2026-12-01', 'leave:sick'], ['wang', '2026-12-01', 'N'], ['li', '2026-11-30', 'E']] as const) {
          w.run("INSERT INTO roster_entry (id, agent_id, date, entry, team, updated_by, created_at, updated_at, field_hlc) VALUES (?, ?, ?, ?, 'hotline', 'chen', ?, ?, '{}')", [`${agent}|${date}`, agent, date, entry, at, at]);
        }
      });
      expect(store.read((r) => rosterFor(r, ['li'], '2026-12-01', '2026-12-31'))).toEqual([
        { agentId: 'li', date: '2026-12-01', entry: 'leave:sick' },
        { agentId: 'li', date: '2026-12-02', entry: 'D' },
      ]);
      expect(store.read((r) => rosterFor(r, null, '2026-12-01', '2026-12-01')).map((e) => e.agentId)).toEqual(['li', 'wang']);
      expect(store.read((r) => rosterFor(r, [], '2026-01-01', '2026-12-31'))).toEqual([]);
    } finally {
      store.close();
    }
  });
});
