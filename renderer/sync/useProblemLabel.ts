import { useEffect, useState } from 'react';
import type { SyncProblem } from '../../shared/sync/status.js';
import { call } from '../api/client.js';
import { localLabel, problemSubject } from './problemFields.js';

export interface ProblemLabel {
  /** "2611-2438-1755-2093 · 打印机脱机" or a customer's name; falls back to the raw id, never to nothing */
  text: string;
  /** set when this PC has the ticket, so "open ticket" can show it */
  ticketId: string | null;
}

/** Reads the local ticket, customer or article the problem is about: the agent knows "2611-2438-…", not a row id. */
export function useProblemLabel(problem: SyncProblem): ProblemLabel {
  const subject = problemSubject(problem);
  const fallback = (subject && localLabel(problem, subject)) ?? problem.entityId;
  const kind = subject?.kind ?? null;
  const id = subject?.id ?? null;
  const key = `${kind ?? ''}:${id ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; label: ProblemLabel } | null>(null);

  useEffect(() => {
    if (!kind || !id) return;
    let alive = true;
    const done = (label: ProblemLabel): void => {
      if (alive) setLoaded({ key: `${kind}:${id}`, label });
    };
    if (kind === 'ticket') {
      void call('tickets:get', { id }).then((r) => {
        if (r.ok) done({ text: `${r.value.ticket.no} · ${r.value.ticket.subject}`, ticketId: r.value.ticket.id });
      });
    } else if (kind === 'article') {
      void call('kb:get', { id }).then((r) => {
        if (r.ok) done({ text: r.value.title, ticketId: null });
      });
    } else {
      void call('customers:get', { id }).then((r) => {
        if (r.ok) done({ text: r.value.name, ticketId: null });
      });
    }
    return () => {
      alive = false;
    };
  }, [kind, id]);

  return loaded && loaded.key === key ? loaded.label : { text: fallback, ticketId: null };
}
