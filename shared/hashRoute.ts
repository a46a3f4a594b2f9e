/** The renderer's address after `#`: an optional route (`/wallboard/tv`) and parameters (`token`, `key`). */

/**
 * Splits a location hash into its route and parameters. Both shapes occur:
 * `#token=…` (the preview's address) and `#/wallboard/tv?key=…&token=…`.
 */
export function parseHash(hash: string): { path: string; params: URLSearchParams } {
  const body = hash.replace(/^#/, '');
  if (!body.startsWith('/')) return { path: '', params: new URLSearchParams(body) };
  const q = body.indexOf('?');
  return q < 0 ? { path: body, params: new URLSearchParams() } : { path: body.slice(0, q), params: new URLSearchParams(body.slice(q + 1)) };
}

export function formatHash(path: string, params: URLSearchParams): string {
  const query = params.toString();
  if (path === '') return query ? `#${query}` : '';
  return `#${path}${query ? `?${query}` : ''}`;
}
