import { formatHash, parseHash } from '../../../shared/hashRoute.js';
import { TV_ROUTE, TvKeySchema } from '../../../shared/reports/tv.js';

const STORAGE_KEY = 'hotline.tvKey';

/** The page was opened as the wallboard's TV view (`#/wallboard/tv`). */
export function isTvRoute(hash: string = location.hash): boolean {
  return parseHash(hash).path === TV_ROUTE;
}

/**
 * The display key: it arrives once in the address (`#/wallboard/tv?key=…`),
 * is removed from the address bar at once (no key in history or in a
 * photo of the TV) and kept in this tab's sessionStorage, so a reload or a
 * restart of the data service keeps the wall showing.
 */
export function takeTvKey(): string | null {
  const { path, params } = parseHash(location.hash);
  const fromUrl = params.get('key');
  if (fromUrl !== null) {
    params.delete('key');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${formatHash(path, params)}`);
    const parsed = TvKeySchema.safeParse(fromUrl);
    if (parsed.success) {
      sessionStorage.setItem(STORAGE_KEY, parsed.data);
      return parsed.data;
    }
  }
  const stored = TvKeySchema.safeParse(sessionStorage.getItem(STORAGE_KEY));
  return stored.success ? stored.data : null;
}
