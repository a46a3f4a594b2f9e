import { useEffect, useRef, useState } from 'react';
import type { KbSearchResult } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import type { KbQuery } from './kbUiStore.js';

/** Instant search while typing: short enough to feel live, long enough not to search every keystroke of a pinyin IME. */
const DEBOUNCE_MS = 150;
const LIMIT = 50;

export interface KbSearchState {
  result: KbSearchResult | null;
  error: AppErrorData | null;
  /** a request for the current query is on its way (the shown result is older) */
  loading: boolean;
  /** the query the shown result answers */
  answered: KbQuery | null;
}

type Answer = { key: string; query: KbQuery; result: KbSearchResult | null; error: AppErrorData | null };

export function useKbSearch(query: KbQuery): KbSearchState {
  const q = useDebouncedValue(query.q, DEBOUNCE_MS);
  const { product, category, status } = query;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [changes, setChanges] = useState(0);
  const seq = useRef(0);
  const key = JSON.stringify([q, product, category, status, changes]);

  useEffect(() => {
    const id = ++seq.current;
    const request = { q, status, limit: LIMIT, ...(product ? { product } : {}), ...(category ? { category } : {}) };
    void call('kb:search', request).then((r) => {
      // Answers can overtake each other; only the newest request may paint, or "打" would replace "打印" results.
      if (id !== seq.current) return;
      const answered: KbQuery = { q, product, category, status };
      setAnswer((prev) => (r.ok ? { key, query: answered, result: r.value, error: null } : { key, query: answered, result: prev?.result ?? null, error: r.error }));
    });
  }, [q, product, category, status, key]);

  useEffect(() => subscribe('kb:changed', () => setChanges((c) => c + 1)), []);

  return {
    result: answer?.result ?? null,
    error: answer?.error ?? null,
    loading: answer?.key !== key || q !== query.q,
    answered: answer?.query ?? null,
  };
}
