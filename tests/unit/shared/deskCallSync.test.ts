import { describe, expect, it } from 'vitest';
import { DESK_AGENT_ID } from '../../../shared/desk/schema.js';
import { CallValuesSchema, ENTITIES } from '../../../shared/sync/entities.js';

const call = {
  externalId: 'pbx-1', source: 'cti', direction: 'inbound', number: '13812345678', numberKey: '+8613812345678', lineNumber: null, customerId: null,
  agentId: DESK_AGENT_ID, status: 'missed', ringAt: '2026-11-24T02:00:00.000Z', answerAt: null, holdStartedAt: null, holdSeconds: 0, endAt: '2026-11-24T02:00:20.000Z',
  wrapEndAt: null, disposition: null, note: null, createdAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-11-24T02:00:20.000Z',
} as const;

describe('a call that rang at the empty desk, on the server', () => {
  const check = ENTITIES.call.check;
  it('is accepted from whichever agent signs in next, and closed by any of them', () => {
    expect(CallValuesSchema.safeParse(call).success).toBe(true);
    expect(check?.(null, call, [], { username: 'li.agent', role: 'agent' })).toBeNull();
    expect(check?.(call, { ...call, settledAt: '2026-11-24T03:00:00.000Z', settledBy: 'wang.agent' }, ['settledAt', 'settledBy'], { username: 'wang.agent', role: 'agent' })).toBeNull();
  });
  it('while another agent\'s call stays theirs', () => {
    const theirs = { ...call, agentId: 'li.agent' };
    expect(check?.(theirs, { ...theirs, settledAt: '2026-11-24T03:00:00.000Z' }, ['settledAt'], { username: 'wang.agent', role: 'agent' })).toMatchObject({ code: 'FORBIDDEN' });
  });
});
