import { useCallback, useEffect, useState } from 'react';
import type { Article } from '../../shared/kb/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';

type Loaded = { id: string; article: Article | null; error: AppErrorData | null };

/** One article, kept current: a local save or a synced change (`ids: []` means everything) reloads it. */
export function useArticle(id: string | null): { article: Article | null; error: AppErrorData | null; reload(): void; accept(a: Article): void } {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!id) return;
    let alive = true;
    void call('kb:get', { id }).then((r) => {
      if (!alive) return;
      setLoaded((prev) => (r.ok ? { id, article: r.value, error: null } : { id, article: prev?.id === id ? prev.article : null, error: r.error }));
    });
    return () => {
      alive = false;
    };
  }, [id, version]);

  useEffect(() => {
    if (!id) return;
    return subscribe('kb:changed', ({ ids }) => {
      if (ids.length === 0 || ids.includes(id)) setVersion((v) => v + 1);
    });
  }, [id]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const accept = useCallback((a: Article) => setLoaded({ id: a.id, article: a, error: null }), []);
  const current = loaded && loaded.id === id ? loaded : null;
  return { article: current?.article ?? null, error: current?.error ?? null, reload, accept };
}
