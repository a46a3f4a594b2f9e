import { encodeHlc } from '../../../shared/hlc.js';

/** /sync/bulk lines as the server writes them, numbered in stream order. */
const AT = '2026-11-24T02:00:00.000Z';
export const h = (n: number): string => encodeHlc({ wallMs: 1_795_000_000_000 + n, counter: 0, nodeId: 'srv' });
let seq = 0;
export const lastSeq = (): number => seq;
export const customer = (id: string, name = '王伟'): string =>
  JSON.stringify({ entity: 'customer', id, values: { name, organisation: null, address: null, createdAt: AT, updatedAt: AT }, fieldHlc: { '*': h(1) }, seq: ++seq });
export const ticket = (id: string, customerId: string, subject = 's'): string =>
  JSON.stringify({
    entity: 'ticket',
    id,
    values: {
      no: `GD-${id}`, status: 'new', subject, description: 'd', category: 'fault', severity: 'normal', channel: 'phone', product: null, deviceModel: null,
      assigneeId: null, team: null, stepsTaken: null, resolution: null, customerId, createdBy: 'u', createdAt: AT, updatedAt: AT, resolvedAt: null, closedAt: null,
    },
    fieldHlc: { '*': h(2) },
    seq: ++seq,
  });
export const history = (id: string, ticketId: string): string =>
  JSON.stringify({ entity: 'ticket_history', id, values: { ticketId, at: AT, actorId: 'u', action: 'created', changes: '{}', note: null, hlc: h(2) }, fieldHlc: { '*': h(2) }, seq: ++seq });
