import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, EventPayload, RequestOf, ValueOf } from '../../shared/contract.js';
import type { AppErrorData } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';

export type ConsoleKind = EventPayload<'console:changed'>['kinds'][number];

export interface LiveOptions {
  /** console:changed kinds that make this answer stale */
  kinds?: readonly ConsoleKind[];
  /** reload on any tickets:changed (lists), or only when it names this ticket */
  tickets?: boolean | string;
  /** re-ask on this period (ms): "due" lists move with the clock, not only with writes */
  intervalMs?: number;
}

export interface Live<T> {
  value: T | null;
  error: AppErrorData | null;
  loading: boolean;
  reload(): void;
}

/**
 * One core read kept fresh: re-asked when the events that can change it fire
 * (and on a period for lists that move with time). A failed re-read keeps the
 * last answer on screen beside the error rather than blanking the list.
 */
export function useLive<C extends Channel>(channel: C, request: RequestOf<C> | null, options: LiveOptions = {}): Live<ValueOf<C>> {
  const [state, setState] = useState<{ key: string; value: ValueOf<C> | null; error: AppErrorData | null } | null>(null);
  const [version, setVersion] = useState(0);
  const key = request === null ? null : `${channel}:${JSON.stringify(request)}`;
  const requestRef = useRef(request);
  // Declared before the loading effect: effects run in order, so the load always sees this render's request.
  useEffect(() => {
    requestRef.current = request;
  });

  useEffect(() => {
    if (key === null || requestRef.current === null) return;
    let alive = true;
    void call(channel, requestRef.current).then((result) => {
      if (!alive) return;
      setState((prev) => (result.ok ? { key, value: result.value, error: null } : { key, value: prev?.key === key ? prev.value : null, error: result.error }));
    });
    return () => {
      alive = false;
    };
  }, [channel, key, version]);

  const kinds = options.kinds?.join(',') ?? '';
  const tickets = options.tickets;
  const intervalMs = options.intervalMs;
  useEffect(() => {
    if (key === null) return;
    const bump = (): void => setVersion((v) => v + 1);
    const offs: (() => void)[] = [];
    if (kinds) {
      const wanted = kinds.split(',');
      offs.push(subscribe('console:changed', (p) => (p.kinds.some((k) => wanted.includes(k)) ? bump() : undefined)));
    }
    if (tickets) offs.push(subscribe('tickets:changed', ({ ids }) => (tickets === true || ids.length === 0 || ids.includes(tickets) ? bump() : undefined)));
    if (intervalMs) {
      const timer = window.setInterval(bump, intervalMs);
      offs.push(() => window.clearInterval(timer));
    }
    return () => offs.forEach((off) => off());
  }, [key, kinds, tickets, intervalMs]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = state && state.key === key ? state : null;
  return { value: current?.value ?? null, error: current?.error ?? null, loading: key !== null && current === null, reload };
}
