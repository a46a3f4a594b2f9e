import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null. Traversal is impossible by
 * construction: the decoded path is normalised as a POSIX path rooted at '/',
 * which cannot climb above it, and the real path (symlinks resolved) must
 * still lie inside the real root.
 */
export function resolveStaticPath(realRoot: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normalised = path.posix.normalize(`/${decoded}`);
  const relative = normalised === '/' ? 'index.html' : normalised.slice(1);
  const candidate = path.join(realRoot, ...relative.split('/'));
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  try {
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, opts: { realRoot: string; headers: Record<string, string> }): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...opts.headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed');
    return;
  }
  const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
  let file = resolveStaticPath(opts.realRoot, urlPath);
  // Client-side routes (no file extension) get the app; missing assets get 404.
  if (!file && path.posix.extname(urlPath) === '') file = resolveStaticPath(opts.realRoot, '/index.html');
  if (!file) {
    res.writeHead(404, { ...opts.headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found');
    return;
  }
  const type = contentTypeOf(file);
  const size = fs.statSync(file).size;
  res.writeHead(200, {
    ...opts.headers,
    'Content-Type': type,
    'Content-Length': String(size),
    // The HTML names hashed assets; it must never be served stale.
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
