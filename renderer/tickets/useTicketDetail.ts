import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../shared/result.js';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { call, subscribe } from '../api/client.js';

export interface TicketDetailState {
  detail: TicketDetail | null;
  error: AppErrorData | null;
  reload(): void;
  /** take a detail the core just returned from a write, without another round trip */
  accept(detail: TicketDetail): void;
}

/** What was last answered, and for which ticket: an answer for another row must never show. */
type Loaded = { id: string; detail: TicketDetail | null; error: AppErrorData | null };

export function useTicketDetail(id: string | null, revision = 0): TicketDetailState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!id) return;
    let alive = true;
    void call('tickets:get', { id }).then((result) => {
      if (!alive) return;
      // A failed reload keeps the detail on screen next to the error rather than blanking it.
      setLoaded((prev) => (result.ok ? { id, detail: result.value, error: null } : { id, detail: prev?.id === id ? prev.detail : null, error: result.error }));
    });
    return () => {
      alive = false;
    };
  }, [id, version, revision]);

  useEffect(() => {
    if (!id) return;
    return subscribe('tickets:changed', ({ ids }) => {
      // An empty list means "many changed, reload" (a first sync).
      if (ids.length === 0 || ids.includes(id)) setVersion((v) => v + 1);
    });
  }, [id]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const accept = useCallback((next: TicketDetail) => setLoaded({ id: next.ticket.id, detail: next, error: null }), []);
  const current = loaded && loaded.id === id ? loaded : null;
  return { detail: current?.detail ?? null, error: current?.error ?? null, reload, accept };
}
