import { useEffect, useState } from 'react';
import type { AgentSession } from '../../shared/desk/schema.js';
import { call, subscribe } from '../api/client.js';

/** Who is signed in at this desk (role decides the admin screen and the answer buttons). */
export function useAgentSession(): AgentSession | null {
  const [session, setSession] = useState<AgentSession | null>(null);
  useEffect(() => {
    let alive = true;
    void call('agent:session', {}).then((r) => {
      if (alive && r.ok) setSession(r.value);
    });
    const off = subscribe('agent:state', (s) => setSession(s));
    return () => {
      alive = false;
      off();
    };
  }, []);
  return session;
}
