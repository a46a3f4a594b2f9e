import { useEffect, useState } from 'react';
import type { KbFacets } from '../../shared/kb/schema.js';
import { call, subscribe } from '../api/client.js';

const NONE: KbFacets = { products: [], categories: [] };

/** Products and categories that exist, for the filters and the editor's suggestions. */
export function useKbFacets(): KbFacets {
  const [facets, setFacets] = useState<KbFacets>(NONE);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let alive = true;
    void call('kb:facets', {}).then((r) => {
      if (alive && r.ok) setFacets(r.value);
    });
    return () => {
      alive = false;
    };
  }, [changes]);
  useEffect(() => subscribe('kb:changed', () => setChanges((c) => c + 1)), []);
  return facets;
}
