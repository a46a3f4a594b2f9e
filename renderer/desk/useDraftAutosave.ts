import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { draftFromValues, isEmptyDraft, type DraftFields, type TicketFormValues } from '../tickets/formModel.js';

/** Long enough not to write on every keystroke, short enough that a crash loses at most a word or two. */
export const DRAFT_DEBOUNCE_MS = 400;

export type DraftStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; error: AppErrorData };

/**
 * Saves the form as a draft (drafts:save, journalled by the core) a moment
 * after the agent stops typing, and once more when the form goes away, so a
 * crash, a reload or a power cut gives the half-typed ticket back. Saves never
 * overlap: the next one waits for the one in flight and sends the latest values.
 * `extra`: what the draft keeps besides the form's fields (the articles the
 * agent used), read at each save.
 */
export function useDraftAutosave(
  form: FormInstance<TicketFormValues>,
  key: string,
  extra?: () => Partial<DraftFields>,
): { status: DraftStatus; changed(): void; flush(): Promise<void>; stop(): void; hold(): void; release(): void } {
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const timer = useRef<number | null>(null);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  const held = useRef(false);
  const alive = useRef(true);
  const extraRef = useRef(extra);
  useEffect(() => {
    extraRef.current = extra;
  });

  const flush = async (): Promise<void> => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) await inFlight.current;
    if (!dirty.current || stopped.current || held.current) return;
    dirty.current = false;
    const fields: DraftFields = { ...draftFromValues(form.getFieldsValue(true) as TicketFormValues), ...extraRef.current?.() };
    // A form opened and left alone is not a draft: it would come back on the next call for nothing.
    if (isEmptyDraft(fields)) return;
    if (alive.current) setStatus({ kind: 'saving' });
    const run = call('drafts:save', { key, fields }).then((r) => {
      if (!alive.current) return;
      setStatus(r.ok ? { kind: 'saved', at: r.value.updatedAt } : { kind: 'failed', error: r.error });
      // A failed save keeps the form dirty: the next keystroke (or the close) tries again.
      if (!r.ok) dirty.current = true;
    });
    inFlight.current = run;
    await run;
    inFlight.current = null;
  };

  const changed = (): void => {
    dirty.current = true;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      void flush();
    };
    // flush reads refs only; the form and key are fixed for the life of the form (it is re-mounted per draft key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** after the ticket was created (the core dropped the draft) or the draft was discarded: nothing more is saved */
  const stop = (): void => {
    stopped.current = true;
    if (timer.current !== null) window.clearTimeout(timer.current);
  };

  /**
   * While the ticket is being created from this form: the core drops the
   * draft in that write, so a save landing after it would bring the draft
   * back. Nothing is saved until `release` (the create failed) or `stop`.
   */
  const hold = (): void => {
    held.current = true;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  const release = (): void => {
    held.current = false;
    if (dirty.current && !stopped.current) timer.current = window.setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
  };

  return { status, changed, flush, stop, hold, release };
}
