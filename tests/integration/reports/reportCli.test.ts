import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WallboardSchema } from '../../../shared/reports/schema.js';
import { ok, tempDir } from '../../unit/core/helpers.js';
import { hotlineDay } from '../../support/wallboardFixture.js';
import { cli, errorOf } from '../cliRun.js';

/** The fixture's folder, closed, with nobody left at the desk: the CLI acts as the PC's admin. */
async function seededFolder(): Promise<string> {
  const day = await hotlineDay();
  await ok(day.core, 'agent:signOut', {});
  await day.core.close();
  return day.dir;
}

const zeroCategories = { consult: { created: 0, resolved: 0 }, complaint: { created: 0, resolved: 0 }, fault: { created: 0, resolved: 0 }, change: { created: 0, resolved: 0 }, suggestion: { created: 0, resolved: 0 }, activation: { created: 0, resolved: 0 } };
const zeroChannels = { phone: { created: 0 }, email: { created: 0 }, chat: { created: 0 }, forum: { created: 0 }, fax: { created: 0 }, walkin: { created: 0 } };

describe('report and wallboard commands', () => {
  it('prints the period summary and the agent sheet in their exact shapes', async () => {
    const dir = await seededFolder();
    const day = await cli(['--data', dir, 'report', 'summary', '--from', '2026-11-24', '--to', '2026-11-24']);
    expect(day.code).toBe(0);
    expect(JSON.parse(day.stdout)).toEqual({
      from: '2026-11-24',
      to: '2026-11-24',
      tickets: {
        created: 3,
        resolved: 2,
        byCategory: { ...zeroCategories, fault: { created: 1, resolved: 1 }, consult: { created: 1, resolved: 1 }, change: { created: 1, resolved: 0 } },
        byChannel: { ...zeroChannels, phone: { created: 2 }, email: { created: 1 } },
      },
      calls: { offered: 5, answered: 3, abandoned: 1, serviceLevel: 50, asaSeconds: 15, ahtSeconds: 270 },
      kpi: { fcr: 50, csat: 50, slaMet: 100 },
    });

    // Two days: yesterday adds t3 and the call that rang at 23:59:50 (answered 15 s later, handled 90 s).
    const two = JSON.parse((await cli(['--data', dir, 'report', 'summary', '--from', '2026-11-23', '--to', '2026-11-24'])).stdout) as { tickets: { created: number }; calls: unknown };
    expect(two.tickets.created).toBe(4);
    expect(two.calls).toEqual({ offered: 6, answered: 4, abandoned: 1, serviceLevel: 60, asaSeconds: 15, ahtSeconds: 225 });

    const billing = JSON.parse((await cli(['--data', dir, 'report', 'summary', '--from', '2026-11-24', '--to', '2026-11-24', '--team', 'billing'])).stdout) as unknown;
    expect(billing).toMatchObject({ tickets: { created: 0, resolved: 0 }, calls: { offered: 1, answered: 1, abandoned: 0, serviceLevel: 100, asaSeconds: 5, ahtSeconds: 300 }, kpi: { fcr: null, csat: null, slaMet: null } });

    const agents = await cli(['--data', dir, 'report', 'agents', '--from', '2026-11-24', '--to', '2026-11-24']);
    expect(agents.code).toBe(0);
    expect(JSON.parse(agents.stdout)).toEqual([
      { agentId: 'li.agent', callsAnswered: 2, ahtSeconds: 255, ticketsResolved: 2, fcr: 50, slaMet: 100, csat: 50, quality: null },
      { agentId: 'zhao.agent', callsAnswered: 1, ahtSeconds: 300, ticketsResolved: 0, fcr: null, slaMet: null, csat: null, quality: null },
    ]);
  });

  it('prints the live board as the screen shows it', async () => {
    const dir = await seededFolder();
    const run = await cli(['--data', dir, 'wallboard']);
    expect(run.code).toBe(0);
    const board = WallboardSchema.parse(JSON.parse(run.stdout));
    expect(board).toMatchObject({ scope: 'center', team: null, teams: ['billing', 'hotline'] });
    expect(board.agents.map((a) => a.agentId).sort()).toEqual(['chen.sup', 'li.agent', 'sun.senior', 'zhang.admin', 'zhao.agent']);
    // The fixture's day is long over: both tickets left open (t3, t4) are past their SLA today.
    expect(board.now.ticketsPastSla).toEqual({ value: 2, band: 'amber' });
    const team = WallboardSchema.parse(JSON.parse((await cli(['--data', dir, 'wallboard', '--team', 'billing'])).stdout));
    expect(team).toMatchObject({ scope: 'team', team: 'billing' });
    expect(team.agents.map((a) => a.agentId)).toEqual(['zhao.agent']);
  });

  it('refuses bad dates and ranges with VALIDATION_FAILED naming the field, exit 2, and opens nothing', async () => {
    const missing = path.join(tempDir(), 'never-created');
    const cases: [string[], string][] = [
      [['report', 'summary', '--from', '2026-02-30', '--to', '2026-03-01'], 'from'],
      [['report', 'summary', '--from', '2026-11-24', '--to', '24/11/2026'], 'to'],
      [['report', 'agents', '--from', '2026-11-24', '--to', '2026-11-01'], 'to'],
      [['report', 'agents', '--from', '2020-01-01', '--to', '2026-01-01'], 'to'],
      [['report', 'summary', '--to', '2026-11-24'], 'from'],
    ];
    for (const [args, field] of cases) {
      const run = await cli(['--data', missing, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      const error = errorOf(run);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields?.map((f) => f.path)).toContain(field);
      expect(error.message).toContain(field);
    }
    expect(fs.existsSync(missing)).toBe(false);
    const unknown = await cli(['--data', missing, 'report', 'export']);
    expect(unknown.code).toBe(2);
    expect(errorOf(unknown).code).toBe('VALIDATION_FAILED');
  });
});
