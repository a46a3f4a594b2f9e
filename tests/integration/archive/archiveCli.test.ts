import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveRunSchema, ArchiveStatusSchema } from '../../../shared/archive/schema.js';
import { cli, errorOf } from '../cliRun.js';

/* `archive status` / `archive run` (issue 18 point 3) in the CLI's style: JSON out, coded errors. */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('archive CLI', () => {
  it('reports and runs archiving, and a folder without a server never archives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-archive-cli-'));
    dirs.push(dir);
    const status = await cli(['--data', dir, 'archive', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(ArchiveStatusSchema.parse(JSON.parse(status.stdout))).toMatchObject({ blocked: 'no_server', archived: 0, config: { enabled: true, afterMonths: 12 } });
    const run = await cli(['--data', dir, 'archive', 'run']);
    expect(run.code, run.stderr).toBe(0);
    expect(ArchiveRunSchema.parse(JSON.parse(run.stdout))).toEqual({ archived: 0, kept: 0, blocked: 'no_server', horizon: null });
    const bad = await cli(['--data', dir, 'archive', 'purge']);
    expect(bad.code).not.toBe(0);
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(errorOf(bad).message).toContain('archive status | archive run');
  }, 90_000);
});
