import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../shared/customers/schema.js';
import { call } from '../api/client.js';

const DEBOUNCE_MS = 250;
/** One character matches half the customer base (姓 张, a single digit); two is where results start to mean something. */
const MIN_CHARS = 2;
const LIMIT = 8;

export interface CustomerSearchState {
  results: Customer[];
  search(text: string): void;
}

export function useCustomerSearch(): CustomerSearchState {
  const [results, setResults] = useState<Customer[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = useCallback((text: string) => {
    window.clearTimeout(timer.current);
    const q = text.trim();
    const request = ++latest.current;
    if (q.length < MIN_CHARS) {
      setResults([]);
      return;
    }
    timer.current = window.setTimeout(() => {
      void call('customers:search', { q: q.slice(0, 100), limit: LIMIT }).then((result) => {
        if (request !== latest.current) return;
        setResults(result.ok ? result.value : []);
      });
    }, DEBOUNCE_MS);
  }, []);

  return { results, search };
}
