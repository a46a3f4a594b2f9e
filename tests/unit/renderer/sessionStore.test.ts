import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSession } from '../../../shared/desk/schema.js';

type Pending = { channel: string; resolve: (v: unknown) => void };
const pending: Pending[] = [];
(globalThis as unknown as { window: unknown }).window = {
  api: {
    invoke: (channel: string) => new Promise((resolve) => pending.push({ channel, resolve })),
    on: () => () => undefined,
  },
};
const { useSessionStore } = await import('../../../renderer/desk/sessionStore.js');

const signedIn: AgentSession = {
  agent: { username: 'li.na', displayName: '李娜', role: 'agent', team: 't1', source: 'local' },
  state: 'ready',
  reason: null,
  since: '2026-12-07T08:00:00.000Z',
  needsSetup: false,
};
const signedOut: AgentSession = { agent: null, state: 'offline', reason: null, since: null, needsSetup: false };

function answer(channel: string, value: unknown): void {
  const i = pending.findIndex((p) => p.channel === channel);
  if (i < 0) throw new Error(`no pending ${channel}`);
  const [p] = pending.splice(i, 1);
  p?.resolve({ ok: true, value });
}

afterEach(() => {
  pending.length = 0;
});

describe('the session store', () => {
  it('a periodic re-read sent before a sign-out and answered after it does not sign the agent back in on screen', async () => {
    useSessionStore.getState().apply(signedIn);
    const reread = useSessionStore.getState().load();
    const signOut = useSessionStore.getState().signOut();
    answer('agent:signOut', signedOut);
    await signOut;
    expect(useSessionStore.getState().session?.agent).toBeNull();
    // The re-read left the core before the sign-out: its answer is the old session.
    answer('agent:session', signedIn);
    await reread;
    expect(useSessionStore.getState().session?.agent).toBeNull();
  });

  it('a re-read with nothing in between is applied', async () => {
    useSessionStore.getState().apply(signedOut);
    const reread = useSessionStore.getState().load();
    answer('agent:session', signedIn);
    await reread;
    expect(useSessionStore.getState().session?.agent?.username).toBe('li.na');
  });
});
