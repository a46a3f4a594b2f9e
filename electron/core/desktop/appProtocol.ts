import { contentSecurityPolicy } from '../csp.js';
import { contentTypeOf, resolveStaticPath } from '../preview/static.js';

/**
 * The renderer is served from a privileged custom scheme, app://workstation/,
 * not from file://: with file:, every file on the disk shared the app's
 * origin (a downloaded .html opened in the window would count as our own
 * page and reach window.api). Only files under the built renderer folder
 * are served, with the CSP header; anything else is 404.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type AppAsset =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 404 | 405; headers: Record<string, string> };

const plain = { 'Content-Type': 'text/plain; charset=utf-8' };

/** `realRoot`: fs.realpathSync of the built renderer folder (out/renderer). */
export function resolveAppRequest(rawUrl: string, method: string, realRoot: string): AppAsset {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { ...plain, Allow: 'GET, HEAD' } };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 404, headers: plain };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404, headers: plain };
  const file = resolveStaticPath(realRoot, url.pathname);
  if (!file) return { status: 404, headers: plain };
  const type = contentTypeOf(file);
  return {
    status: 200,
    file,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      // index.html names hashed assets; it must never be served stale.
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    },
  };
}

/**
 * Our own pages: app://workstation/ (or, in `npm run dev`, the Vite dev
 * server). data: and blob: are let through for images only (the CSP limits
 * them to img-src); they never count as a trusted IPC sender.
 */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (parsed.protocol === 'devtools:' || parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (parsed.host === dev.host && (parsed.protocol === 'http:' || parsed.protocol === 'ws:')) return true;
  }
  return false;
}

/** A request to main over IPC counts only from our own page: not data:, blob: or devtools:. */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl: string | undefined): boolean {
  if (typeof url !== 'string' || !isAppUrl(url, devServerUrl)) return false;
  const protocol = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return protocol !== 'data:' && protocol !== 'blob:' && protocol !== 'devtools:';
}
