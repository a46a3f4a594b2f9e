import { encodeHlc } from '../../../shared/hlc.js';
import { ENTITIES } from '../../../shared/sync/entities.js';
import { LoginResponseSchema, PushResponseSchema, SessionUserSchema, type Mutation, type RowChange } from '../../../shared/sync/protocol.js';

/**
 * Fills a server with tickets through the public protocol, fast: one
 * mutation carries up to 200 changes, so 40 tickets (customer, phone, ticket,
 * history) travel in one. Returns what was written. Used by the first-sync
 * test and the first-sync measurement.
 */
export interface Seeded {
  ticketIds: string[];
  customerIds: string[];
  /** rows on the server: customers, phones, tickets, history entries */
  rows: number;
}

const TICKETS_PER_MUTATION = 40;
const MUTATIONS_PER_PUSH = 25;

export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return LoginResponseSchema.parse(await res.json()).token;
}

async function push(url: string, token: string, clientId: string, mutations: Mutation[]): Promise<void> {
  const res = await fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId, mutations }),
  });
  if (!res.ok) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  const body = PushResponseSchema.parse(await res.json());
  const bad = body.results.find((r) => r.status !== 'applied');
  if (bad) throw new Error(`seed mutation ${bad.mutationId} was ${bad.status}: ${JSON.stringify(bad)}`);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * `tickets` tickets, each with its own customer; afterwards every
 * `renameEvery`-th customer is renamed, so its row comes after its tickets in
 * sequence order (a first sync must wait for the parent).
 */
export async function seedTickets(url: string, token: string, opts: { tickets: number; prefix: string; renameEvery?: number; description?: string }): Promise<Seeded> {
  const clientId = `seed_${opts.prefix}`.slice(0, 32);
  // Records name whoever pushes them (the server refuses another name): the seeding user.
  const me = await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!me.ok) throw new Error(`who am I failed: ${me.status} ${await me.text()}`);
  const by = SessionUserSchema.parse(await me.json()).username;
  const base = Date.now() - 60_000;
  let counter = 0;
  const hlc = () => encodeHlc({ wallMs: base + Math.floor(counter / 0xffff), counter: counter++ % 0xffff, nodeId: clientId });
  const at = new Date(base).toISOString();
  const out: Seeded = { ticketIds: [], customerIds: [], rows: 0 };
  let mutations: Mutation[] = [];
  let mutationId = 1;
  const flush = async (force = false) => {
    if (mutations.length === 0 || (!force && mutations.length < MUTATIONS_PER_PUSH)) return;
    await push(url, token, clientId, mutations);
    mutations = [];
  };
  for (let start = 0; start < opts.tickets; start += TICKETS_PER_MUTATION) {
    const changes: RowChange[] = [];
    for (let i = start; i < Math.min(opts.tickets, start + TICKETS_PER_MUTATION); i++) {
      const n = hex(i, 8);
      const customerId = `c0000000-${opts.prefix.slice(0, 4).padEnd(4, '0')}-7000-8000-0000${n}`;
      const ticketId = `t0000000-${opts.prefix.slice(0, 4).padEnd(4, '0')}-7000-8000-0000${n}`;
      const key = `+86138${String(i).padStart(8, '0')}`;
      const phone = { customerId, raw: key.slice(3), key, ext: '', addedAt: at };
      changes.push(
        { entity: 'customer', id: customerId, values: { name: `客户 ${i}`, organisation: `公司 ${i % 97}`, address: null, createdAt: at, updatedAt: at } },
        { entity: 'customer_phone', id: ENTITIES.customer_phone.idOf(phone), values: phone },
        {
          entity: 'ticket',
          id: ticketId,
          values: {
            no: `GD20261124-${n.slice(2)}`,
            status: 'new',
            subject: `打印机无法打印 ${i}`,
            description: opts.description ?? `打印时报错 ERR_0x80070005，已重启无效。工单 ${i}`,
            category: 'fault',
            severity: 'normal',
            channel: 'phone',
            product: 'LaserJet 1020',
            deviceModel: null,
            assigneeId: null,
            team: null,
            stepsTaken: null,
            resolution: null,
            customerId,
            createdBy: by,
            createdAt: at,
            updatedAt: at,
            resolvedAt: null,
            closedAt: null,
          },
        },
        {
          entity: 'ticket_history',
          id: `h0000000-${opts.prefix.slice(0, 4).padEnd(4, '0')}-7000-8000-0000${n}`,
          values: { ticketId, at, actorId: by, action: 'created', changes: JSON.stringify({ status: { from: null, to: 'new' } }), note: null, hlc: '' },
        },
      );
      out.ticketIds.push(ticketId);
      out.customerIds.push(customerId);
      out.rows += 4;
    }
    const stamp = hlc();
    for (const c of changes) if (c.entity === 'ticket_history') c.values.hlc = stamp;
    mutations.push({ mutationId: mutationId++, name: 'tickets:create', hlc: stamp, args: { changes } });
    await flush();
  }
  if (opts.renameEvery) {
    const renames: RowChange[] = out.customerIds
      .filter((_, i) => i % opts.renameEvery! === 0)
      .map((id, i) => ({ entity: 'customer', id, values: { name: `改名客户 ${i}`, updatedAt: at } }));
    for (let i = 0; i < renames.length; i += 200) mutations.push({ mutationId: mutationId++, name: 'customers:update', hlc: hlc(), args: { changes: renames.slice(i, i + 200) } });
  }
  await flush(true);
  return out;
}
