import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openCore } from '../../electron/core/index.js';
import { migrations } from '../../electron/core/migrations/index.js';
import { CustomerSchema } from '../../shared/customers/schema.js';
import { StoreReportSchema } from '../../shared/store.js';
import { cli, errorOf, spawnCli } from './cliRun.js';
import { TicketHistoryEntrySchema, TicketPageSchema, TicketSchema } from '../../shared/tickets/schema.js';


/** The CLI's documented output shapes. */
const CliTicketSchema = TicketSchema.extend({ customer: CustomerSchema }).strict();
const CliTicketWithHistorySchema = CliTicketSchema.extend({ history: z.array(TicketHistoryEntrySchema) }).strict();


const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-'));
  dirs.push(d);
  return d;
}

const input = {
  subject: '打印机无法打印',
  description: '报错 ERR_0x80070005',
  category: 'fault',
  severity: 'normal',
  channel: 'phone',
  customer: { name: '王伟', phone: '010-6552 9988', organisation: '北京某科技有限公司' },
};

async function create(dir: string, extra: Record<string, unknown> = {}) {
  const run = await cli(['--data', dir, 'tickets', 'create', '--json', JSON.stringify({ ...input, ...extra })]);
  expect(run.code, run.stderr).toBe(0);
  return CliTicketSchema.parse(JSON.parse(run.stdout));
}

describe('admin CLI', { timeout: 60_000 }, () => {
  it('creates a ticket and prints it with its customer as pure JSON', async () => {
    const dir = tempDir();
    const run = await cli(['--data', dir, '--actor', 'admin-1', 'tickets', 'create', '--json', JSON.stringify(input)]);
    expect(run.code).toBe(0);
    const t = CliTicketSchema.parse(JSON.parse(run.stdout));
    expect(t).toMatchObject({ status: 'new', createdBy: 'admin-1', customer: { name: '王伟' } });
    expect(t.no).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    // closed cleanly: the lock is gone
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });

  it('gets, updates and lists tickets with the documented shapes', async () => {
    const dir = tempDir();
    const t = await create(dir);
    await create(dir, { subject: '网络中断', customer: { name: '李娜', phone: '13812345678' } });

    const upd = await cli(['--data', dir, 'tickets', 'update', t.id, '--json', '{"severity":"urgent"}']);
    expect(upd.code, upd.stderr).toBe(0);
    expect(CliTicketSchema.parse(JSON.parse(upd.stdout)).severity).toBe('urgent');

    const got = await cli(['--data', dir, 'tickets', 'get', t.id]);
    const detail = CliTicketWithHistorySchema.parse(JSON.parse(got.stdout));
    expect(detail.history.map((h) => h.action)).toEqual(['created', 'updated']);
    expect(detail.history[1]?.changes).toEqual({ severity: { from: 'normal', to: 'urgent' } });

    // A number read out over the phone is found with or without its separators, by get and by list.
    const byNo = await cli(['--data', dir, 'tickets', 'get', t.no.replace(/-/g, '')]);
    expect(CliTicketWithHistorySchema.parse(JSON.parse(byNo.stdout)).id).toBe(t.id);
    const spaced = await cli(['--data', dir, 'tickets', 'list', '--q', t.no.replace(/-/g, ' ')]);
    expect(TicketPageSchema.strict().parse(JSON.parse(spaced.stdout)).items.map((i) => i.id)).toEqual([t.id]);

    const list = await cli(['--data', dir, 'tickets', 'list', '--status', 'new', '--q', '打印', '--limit', '5']);
    const page = TicketPageSchema.strict().parse(JSON.parse(list.stdout));
    expect(page).toMatchObject({ total: 1, limit: 5, offset: 0 });
    expect(page.items[0]?.id).toBe(t.id);
  });

  it('moves a ticket through its life cycle with --note and --resolution', async () => {
    const dir = tempDir();
    const t = await create(dir);
    const bad = await cli(['--data', dir, 'tickets', 'transition', t.id, 'closed']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(errorOf(bad)).toEqual({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining(`Cannot move ticket ${t.no} from new to closed`) });

    // Escalating is a hand-off (what is asked, by when, in what scope), not a bare transition.
    const noHandoff = await cli(['--data', dir, 'tickets', 'transition', t.id, 'escalated', '--note', '请二线排查']);
    expect(errorOf(noHandoff).code).toBe('HANDOFF_REQUIRED');

    const noNote = await cli(['--data', dir, 'tickets', 'transition', t.id, 'waiting_customer']);
    expect(noNote.code, noNote.stderr).toBe(0);
    const reopenless = await cli(['--data', dir, 'tickets', 'transition', t.id, 'in_progress']);
    expect(reopenless.code, reopenless.stderr).toBe(0);

    const res = await cli(['--data', dir, 'tickets', 'transition', t.id, 'resolved', '--resolution', '重装驱动', '--note', '电话指导']);
    expect(res.code, res.stderr).toBe(0);
    expect(CliTicketSchema.parse(JSON.parse(res.stdout))).toMatchObject({ status: 'resolved', resolution: '重装驱动' });
  });

  it('validates --json with the same schema as the app', async () => {
    const dir = tempDir();
    const tooLong = await cli(['--data', dir, 'tickets', 'create', '--json', JSON.stringify({ ...input, subject: 'x'.repeat(201), extra: 1 })]);
    expect(tooLong.code).toBe(2);
    const err = errorOf(tooLong);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'subject', limit: 200 }), expect.objectContaining({ code: 'unrecognized_keys' })]));

    const notJson = await cli(['--data', dir, 'tickets', 'create', '--json', '{subject:']);
    expect(notJson.code).toBe(2);
    expect(errorOf(notJson).code).toBe('VALIDATION_FAILED');
  });

  it('answers NOT_FOUND for an unknown ticket id', async () => {
    const dir = tempDir();
    await create(dir);
    const run = await cli(['--data', dir, 'tickets', 'get', 'no-such-id']);
    expect(run.code).toBe(2);
    expect(errorOf(run).code).toBe('NOT_FOUND');
  });

  it('reports usage errors as VALIDATION_FAILED with exit code 2', async () => {
    const dir = tempDir();
    for (const args of [['tickets', 'list'], ['--data', dir, 'tickets', 'frobnicate'], ['--data', dir, 'tickets', 'get'], ['--data', dir, 'tickets', 'list', '--json', '{}'], ['--data', dir, '--bogus', 'doctor']]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(errorOf(run).code).toBe('VALIDATION_FAILED');
    }
  });

  it('takes the data folder from HOTLINE_DATA_DIR', async () => {
    const dir = tempDir();
    await create(dir);
    const run = await cli(['tickets', 'list'], { HOTLINE_DATA_DIR: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(TicketPageSchema.parse(JSON.parse(run.stdout)).total).toBe(1);
  });

  it('refuses a folder another process has open with DATA_FOLDER_IN_USE', async () => {
    const dir = tempDir();
    const core = await openCore({ dataDir: dir, actorId: 'app', idleCheckpointMs: 0 });
    try {
      const run = await cli(['--data', dir, 'tickets', 'list']);
      expect(run.code).toBe(2);
      expect(errorOf(run).code).toBe('DATA_FOLDER_IN_USE');
    } finally {
      await core.close();
    }
  });

  it('doctor prints a healthy report with counts and exits 0', async () => {
    const dir = tempDir();
    await create(dir);
    const run = await cli(['--data', dir, 'doctor']);
    expect(run.code, run.stderr).toBe(0);
    const report = StoreReportSchema.parse(JSON.parse(run.stdout));
    expect(report).toMatchObject({ healthy: true, integrity: 'ok', counts: { tickets: 1, customers: 1, outbox: 2 }, migrations: migrations.map((m) => m.id) });
  });

  it('doctor works on a folder whose lock was left by a dead process', async () => {
    const dir = tempDir();
    await create(dir);
    const dead = await spawnCli(process.execPath, ['-e', 'console.log(process.pid)']);
    fs.writeFileSync(path.join(dir, 'LOCK'), JSON.stringify({ pid: Number(dead.stdout.trim()), host: os.hostname(), startedAt: new Date().toISOString() }));
    const run = await cli(['--data', dir, 'doctor']);
    expect(run.code, run.stderr).toBe(0);
    expect(StoreReportSchema.parse(JSON.parse(run.stdout)).counts.tickets).toBe(1);
  });

  it('doctor exits 1 and lists the problem when the database file was damaged', async () => {
    const dir = tempDir();
    await create(dir);
    await create(dir);
    const file = path.join(dir, 'store.db');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const run = await cli(['--data', dir, 'doctor']);
    expect(run.code).toBe(1);
    const report = StoreReportSchema.parse(JSON.parse(run.stdout));
    expect(report.healthy).toBe(false);
    expect(report.problems.join('\n')).toMatch(/damaged/);
    expect(report.counts.tickets).toBe(2);
  });

  it('doctor refuses a data folder that does not exist', async () => {
    const run = await cli(['--data', path.join(tempDir(), 'typo'), 'doctor']);
    expect(run.code).toBe(2);
    expect(errorOf(run).code).toBe('VALIDATION_FAILED');
  });

  it('rejects an invalid ticket before touching the data folder: nothing is created or locked', async () => {
    const dir = path.join(tempDir(), 'new-folder');
    const run = await cli(['--data', dir, 'tickets', 'create', '--json', JSON.stringify({ ...input, subject: 'x'.repeat(201) })]);
    expect(run.code).toBe(2);
    const error = errorOf(run);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields?.[0]).toMatchObject({ path: 'subject', code: 'too_big', limit: 200 });
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('runs through the npm script with nothing but JSON on stdout', async () => {
    const dir = tempDir();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = await spawnCli(npm, ['run', '-s', 'cli', '--', '--data', dir, 'tickets', 'create', '--json', JSON.stringify(input)]);
    expect(run.code, run.stderr).toBe(0);
    expect(CliTicketSchema.parse(JSON.parse(run.stdout)).status).toBe('new');
  });
});
