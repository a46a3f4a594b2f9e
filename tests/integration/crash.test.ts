import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/index.js';
import { FILES } from '../../electron/core/store/index.js';
import { crashCopy, openStore, tempDir } from '../unit/store/helpers.js';
import { ROOT, spawnTs, waitForExit, waitForLine } from './spawn.js';

function collectAcks(child: ReturnType<typeof spawnTs>, into: Set<string>): void {
  let buf = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('ACK ')) into.add(line.slice(4));
  });
}

/** Every ticket in the folder (all pages of tickets:list), and the doctor's verdict on it. */
async function storedTickets(dir: string): Promise<{ ids: Set<string>; total: number; problems: string[] }> {
  const core = await openCore({ dataDir: dir, actorId: 'verifier', idleCheckpointMs: 0 });
  const stored = new Set<string>();
  const totals: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await core.call('tickets:list', { limit: 500, offset });
    if (!page.ok) throw new Error(page.error.message);
    const value = page.value as { items: { id: string }[]; total: number };
    value.items.forEach((t) => stored.add(t.id));
    totals.push(value.total);
    if (value.items.length < 500) break;
  }
  const total = totals[totals.length - 1] ?? -1;
  const status = await core.call('store:status', {});
  await core.close();
  return { ids: stored, total, problems: status.ok ? (status.value as { problems: string[] }).problems : ['status failed'] };
}

describe('crash safety', () => {
  it('keeps every acknowledged ticket when the writer is SIGKILLed at random moments', async () => {
    const dir = tempDir('hw-crash-');
    const acked = new Set<string>();
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      // Small checkpoint interval so kills also land inside checkpoints and renames.
      const child = spawnTs('tests/integration/fixtures/crashWriter.ts', [dir, `r${round}`, String(5 + round * 7)]);
      collectAcks(child, acked);
      await waitForLine(child, /^READY$/);
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 600)));
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    expect(acked.size).toBeGreaterThan(rounds * 5);

    const core = await openCore({ dataDir: dir, actorId: 'verifier', idleCheckpointMs: 0 });
    const stored = new Set<string>();
    const totals: number[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await core.call('tickets:list', { limit: 500, offset });
      if (!page.ok) throw new Error(page.error.message);
      const value = page.value as { items: { id: string }[]; total: number };
      value.items.forEach((t) => stored.add(t.id));
      totals.push(value.total);
      if (value.items.length < 500) break;
    }
    const total = totals[totals.length - 1] ?? -1;
    await core.close();
    expect(stored.size).toBe(total);
    // every acknowledged ticket is there; at most one per round was durable but killed before its ACK
    expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    expect(total).toBeLessThanOrEqual(acked.size + rounds);

    const doctor = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', '--data', dir, 'doctor'], { cwd: ROOT, encoding: 'utf8' });
    expect(doctor.stderr).toBe('');
    expect(doctor.status).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ healthy: true, integrity: 'ok' });
  }, 120_000);

  it('keeps every acknowledged ticket through a torn log tail and a damaged database file after a SIGKILL, and refuses a second writer', async () => {
    const dir = tempDir('hw-crash-');
    const acked = new Set<string>();
    // a first round that checkpoints (so the database file has pages), then a killed round with a live log
    for (const [round, every] of [
      ['c0', '10'],
      ['c1', '1000'],
    ] as const) {
      const child = spawnTs('tests/integration/fixtures/crashWriter.ts', [dir, round, every]);
      collectAcks(child, acked);
      await waitForLine(child, /^READY$/);
      await new Promise((r) => setTimeout(r, 400 + Math.floor(Math.random() * 400)));
      if (round === 'c1') {
        // second writer while the first one is alive: refused, nothing touched
        await expect(openStore(dir)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
      }
      child.kill('SIGKILL');
      await waitForExit(child);
      if (round === 'c0') {
        // a clean open and close checkpoints the first round into the database file
        const core = await openCore({ dataDir: dir, actorId: 'verifier', idleCheckpointMs: 0 });
        await core.close();
      }
    }
    expect(acked.size).toBeGreaterThan(5);

    // torn tail: half a record after the last commit
    const torn = crashCopy(dir);
    const log = path.join(torn, FILES.wal);
    const bytes = fs.readFileSync(log);
    fs.appendFileSync(log, bytes.subarray(24, Math.min(bytes.length, 24 + 5000)));
    const afterTorn = await storedTickets(torn);
    expect([...acked].filter((id) => !afterTorn.ids.has(id))).toEqual([]);
    expect(afterTorn.ids.size).toBe(afterTorn.total);

    // damaged database file: recovered from the backup + log, reported, nothing lost
    const damaged = crashCopy(dir);
    const db = path.join(damaged, FILES.db);
    const image = fs.readFileSync(db);
    expect(image.length).toBeGreaterThan(8192);
    // A byte of every page after the first: pages the log covers are replaced by it anyway (page 2, the
    // pointer map of an incrementally vacuumed database, changes with most writes), the others must be caught.
    for (let at = 4096 + 200; at < image.length; at += 4096) image[at] = (image[at] ?? 0) ^ 0xff;
    fs.writeFileSync(db, image);
    const afterDamage = await storedTickets(damaged);
    expect([...acked].filter((id) => !afterDamage.ids.has(id))).toEqual([]);
    expect(afterDamage.problems.join(' ')).toMatch(/recovered from the backup plus the log/);
    const doctor = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', '--data', damaged, 'doctor'], { cwd: ROOT, encoding: 'utf8' });
    expect(doctor.status).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ healthy: true, integrity: 'ok' });
  }, 120_000);
});
