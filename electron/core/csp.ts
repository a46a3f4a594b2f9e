import { SOFTPHONE_CONNECT_SRC } from '../../shared/desk/softphone.js';

/**
 * The Content-Security-Policy every host serves with the renderer (Electron
 * via session headers, the preview server via HTTP headers; index.html carries
 * the same policy as a meta tag). 'unsafe-inline' for styles only: antd's
 * CSS-in-JS injects <style> elements. No remote origins anywhere: the
 * workstation works offline and shows no remote content; the one remote
 * connection is the softphone's SIP WebSocket to the PBX (issue 19).
 */
export function contentSecurityPolicy(opts: { connectSrc?: readonly string[]; dev?: boolean } = {}): string {
  // The embedded softphone's SIP WebSocket (issue 19): wss:// to the PBX, ws:// to this PC only.
  const connect = ["'self'", ...(opts.connectSrc ?? []), ...SOFTPHONE_CONNECT_SRC];
  // Vite's dev server injects an inline React-refresh preamble and talks HMR over ws.
  const script = opts.dev ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
