import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/index.js';
import { tempDir } from '../unit/store/helpers.js';
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
});
