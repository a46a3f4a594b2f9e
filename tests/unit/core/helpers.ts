import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { contract, type Channel, type EventName, type EventPayload, type RequestOf, type ValueOf } from '../../../shared/contract.js';
import type { AppErrorData } from '../../../shared/result.js';
import type { TicketInput } from '../../../shared/tickets/schema.js';
import type { Core, CoreOptions } from '../../../electron/core/api.js';
import { openCore, type CoreTestOptions, type LocalCore } from '../../../electron/core/index.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import type { SqlReader } from '../../../electron/core/store/types.js';

/** 2026-11-24 10:00 in Beijing. */
export const T0 = Date.parse('2026-11-24T02:00:00.000Z');

const dirs: string[] = [];
const open: LocalCore[] = [];

afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-'));
  dirs.push(dir);
  return dir;
}

export interface TestCore {
  core: LocalCore;
  dir: string;
  /** the injected wall clock */
  time: { now: () => number; set: (ms: number) => void; advance: (ms: number) => void };
  reopen: () => Promise<LocalCore>;
}

export async function openTestCore(opts: Partial<CoreOptions> = {}, testOpts: CoreTestOptions = {}): Promise<TestCore> {
  const dir = opts.dataDir ?? tempDir();
  let t = T0;
  const time = { now: () => t, set: (ms: number) => void (t = ms), advance: (ms: number) => void (t += ms) };
  const make = async () => {
    const core = await openCore({ dataDir: dir, actorId: 'agent-7', idleCheckpointMs: 0, now: time.now, ...opts }, testOpts);
    open.push(core);
    return core;
  };
  const core = await make();
  return { core, dir, time, reopen: make };
}

/** Calls a channel, expects success and checks the value against the contract's result schema. */
export async function ok<C extends Channel>(core: Core, channel: C, payload: RequestOf<C>): Promise<ValueOf<C>> {
  const res = await core.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
  return contract[channel].result.parse(res.value) as ValueOf<C>;
}

/** Calls a channel and expects an error. */
export async function failure(core: Core, channel: Channel | string, payload: unknown): Promise<AppErrorData> {
  const res = await core.call(channel, payload);
  if (res.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return res.error;
}

export function ticketInput(overrides: Partial<TicketInput> = {}): TicketInput {
  return {
    subject: '打印机无法打印',
    description: '打印时报错 ERR_0x80070005，已重启无效',
    category: 'fault',
    severity: 'normal',
    channel: 'phone',
    customer: { name: '王伟', phone: '010-6552 9988', organisation: '北京某科技有限公司' },
    ...overrides,
  };
}

/** Journal entries + counts: what a refused request must leave untouched. */
export async function footprint(core: Core) {
  const s = await ok(core, 'store:status', {});
  return { journal: s.journal.entries, seq: s.snapshot.seq, counts: s.counts };
}

/** Every event the core emits, in order. */
export function recordEvents(core: Core): { event: EventName; payload: unknown }[] {
  const events: { event: EventName; payload: unknown }[] = [];
  core.onEvent(<E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }));
  return events;
}

/** Reads the raw tables after closing the core (the folder lock allows one opener; migrations bring their SQL functions, so the search triggers replay). */
export async function readRaw<T>(core: Core, dir: string, fn: (r: SqlReader) => T): Promise<T> {
  await core.close();
  const store = await Store.open({ dataDir: dir, migrations, idleCheckpointMs: 0 });
  try {
    return store.read(fn);
  } finally {
    store.close();
  }
}
