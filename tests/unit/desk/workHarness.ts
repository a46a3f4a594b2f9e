import { afterEach } from 'vitest';
import { contract, type Channel, type EventName, type EventPayload, type Handlers, type RequestOf, type ValueOf } from '../../../shared/contract.js';
import { dispatch } from '../../../shared/dispatch.js';
import type { AppErrorData } from '../../../shared/result.js';
import type { Role } from '../../../shared/roles.js';
import type { ConsoleConfig } from '../../../shared/desk/schema.js';
import { DEFAULT_CONSOLE_CONFIG } from '../../../shared/desk/schema.js';
import { createDomainContext, type DomainContext } from '../../../electron/core/domain/context.js';
import { createTicketService, type TicketService } from '../../../electron/core/domain/tickets.js';
import { CONSOLE_CONFIG_KEY } from '../../../electron/core/desk/config.js';
import type { DeskAgent } from '../../../electron/core/desk/identity.js';
import { createTicketWork, type TicketWork } from '../../../electron/core/desk/work.js';
import { KB_SQL_FUNCTIONS } from '../../../electron/core/kb/search.js';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';
import { T0, tempDir, ticketInput } from '../core/helpers.js';

export { T0, ticketInput };

/**
 * The real ticket services and ticket work over a real data folder, with
 * the desk's sign-in replaced by a settable agent (the desk's own sign-in is
 * desk.ts's business and tested there): requests go through the contract's
 * dispatch, so validation is the app's.
 */
export interface WorkHarness {
  ctx: DomainContext;
  store: Store;
  tickets: TicketService;
  work: TicketWork;
  time: { now: () => number; set: (ms: number) => void; advance: (ms: number) => void };
  /** sign an agent in at the desk (null: nobody, the operator acts as admin) */
  signIn(username: string | null, role?: Role, team?: string | null): void;
  ok<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ValueOf<C>>;
  failure(channel: Channel, payload: unknown): Promise<AppErrorData>;
  events: { event: EventName; payload: unknown }[];
  setConfig(patch: Partial<ConsoleConfig>): void;
  /** outbox rows written so far */
  outboxCount(): number;
  close(): void;
}

const open: WorkHarness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

export async function openWork(opts: { reminderIntervalMs?: number } = {}): Promise<WorkHarness> {
  const dir = tempDir();
  let t = T0;
  const time = { now: () => t, set: (ms: number) => void (t = ms), advance: (ms: number) => void (t += ms) };
  const store = await Store.open({ dataDir: dir, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0 });
  const ctx = createDomainContext(store, { actorId: 'operator', now: time.now });
  const events: { event: EventName; payload: unknown }[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload });
  const tickets = createTicketService(ctx, (ids) => emit('tickets:changed', { ids, origin: 'local' }));
  let agent: DeskAgent | null = null;
  const work = createTicketWork({
    ctx,
    identity: { current: () => agent },
    tickets,
    emit,
    onTickets: (ids) => emit('tickets:changed', { ids, origin: 'local' }),
    reminderIntervalMs: opts.reminderIntervalMs ?? 0,
  });
  const handlers: Partial<Handlers> = {
    'tickets:create': (req) => tickets.create(req),
    'tickets:update': (req) => tickets.update(req),
    'tickets:transition': (req) => tickets.transition(req),
    'tickets:get': (req) => tickets.get(req.id),
    'tickets:list': (req) => tickets.list(req),
    ...work.handlers,
  };
  const h: WorkHarness = {
    ctx,
    store,
    tickets,
    work,
    time,
    events,
    signIn(username, role = 'agent', team = 'A') {
      agent = username === null ? null : { username, displayName: username, role, team, source: 'local' };
      // As desk.ts does: history names whoever is signed in.
      ctx.actorId = username ?? 'operator';
    },
    async ok(channel, payload) {
      const res = await dispatch(handlers, channel, payload);
      if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
      return contract[channel].result.parse(res.value) as never;
    },
    async failure(channel, payload) {
      const res = await dispatch(handlers, channel, payload);
      if (res.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return res.error;
    },
    setConfig(patch) {
      const value = JSON.stringify({ ...DEFAULT_CONSOLE_CONFIG, ...patch });
      store.write((w) =>
        w.run('INSERT INTO settings (id, value, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value', [CONSOLE_CONFIG_KEY, value, 'admin', new Date(t).toISOString()]),
      );
    },
    outboxCount() {
      return store.read((r) => r.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')?.n ?? 0);
    },
    close() {
      work.close();
      store.close();
    },
  };
  open.push(h);
  return h;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
