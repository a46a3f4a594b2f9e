import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppRequest } from '../core/desktop/appProtocol.js';

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

/** Before app 'ready': app:// behaves as a secure, standard origin ('self' in the CSP, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** After 'ready': app://workstation/… serves the built renderer and nothing else (see core/desktop/appProtocol.ts). */
export function serveAppScheme(): void {
  const realRoot = fs.realpathSync(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppRequest(request.url, request.method, realRoot);
    if (asset.status !== 200) return new Response(null, { status: asset.status, headers: asset.headers });
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(asset.file);
    return new Response(body, { status: 200, headers: asset.headers });
  });
}
