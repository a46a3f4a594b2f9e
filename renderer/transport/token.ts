import { formatHash, parseHash } from '../../shared/hashRoute.js';
import { TokenSchema } from '../../shared/transport.js';

const STORAGE_KEY = 'hotline.previewToken';

/**
 * The preview server's session token arrives in the URL fragment
 * (`#token=…`, never sent over HTTP). It is removed from the address bar at
 * once (no token in screenshots, history or copied links) and kept in
 * sessionStorage so a reload of this tab still works.
 */
export function takeToken(): string | null {
  // `#token=…`, or after a route: `#/wallboard/tv?key=…&token=…` (the route and its other parameters stay).
  const { path, params } = parseHash(location.hash);
  const fromUrl = params.get('token');
  if (fromUrl !== null) {
    params.delete('token');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${formatHash(path, params)}`);
    const parsed = TokenSchema.safeParse(fromUrl);
    if (parsed.success) {
      sessionStorage.setItem(STORAGE_KEY, parsed.data);
      return parsed.data;
    }
  }
  const stored = TokenSchema.safeParse(sessionStorage.getItem(STORAGE_KEY));
  return stored.success ? stored.data : null;
}

/** A token the server refused (the preview was restarted with a new one). */
export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
