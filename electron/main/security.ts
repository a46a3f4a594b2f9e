import { app, session, type IpcMainInvokeEvent } from 'electron';
import { contentSecurityPolicy } from '../core/csp.js';
import { APP_HOST, APP_SCHEME, isAppUrl, isTrustedSenderUrl } from '../core/desktop/appProtocol.js';
import { grantsPermission, isSoftphoneSocketUrl } from '../../shared/desk/softphone.js';

/**
 * Everything that keeps the renderer a closed box: a strict CSP on every
 * response, no permission but the microphone for the app's own pages (the
 * softphone, issue 19), no connection but the app and the softphone's SIP
 * WebSocket, no navigation away from the app, no new windows, no webviews. Applied to every webContents the app ever creates.
 */
export function hardenSessions(opts: { devServerUrl: string | undefined }): void {
  const csp = contentSecurityPolicy(
    opts.devServerUrl ? { dev: true, connectSrc: [new URL(opts.devServerUrl).origin.replace(/^http/, 'ws')] } : {},
  );
  const ses = session.defaultSession;
  // app:// answers carry the policy themselves (protocol.ts); this covers the
  // dev server, and index.html's meta tag holds the same policy as a last line.
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Our policy replaces any the response carried (header names are case-insensitive).
    const headers = Object.entries(details.responseHeaders ?? {}).filter(([key]) => key.toLowerCase() !== 'content-security-policy');
    callback({ responseHeaders: { ...Object.fromEntries(headers), 'Content-Security-Policy': [csp] } });
  });
  // No remote content: anything that is not the app itself or the dev server is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppUrl(details.url, opts.devServerUrl) && !isSoftphoneSocketUrl(details.url) });
  });
  const appOrigins = [`${APP_SCHEME}://${APP_HOST}`, ...(opts.devServerUrl ? [new URL(opts.devServerUrl).origin] : [])];
  // The microphone for the app's own pages (the softphone, issue 19); every other permission, and any other origin, refused.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const d: Partial<typeof details> = details ?? {};
    const mediaTypes = 'mediaTypes' in d ? d.mediaTypes : undefined;
    callback(grantsPermission({ permission, requestingUrl: d.requestingUrl ?? '', appOrigins, mediaTypes }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const d: Partial<typeof details> = details ?? {};
    return grantsPermission({ permission, requestingUrl: d.requestingUrl ?? requestingOrigin, appOrigins, mediaTypes: d.mediaType ? [d.mediaType] : [], check: true });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  return isTrustedSenderUrl(event.senderFrame?.url, devServerUrl);
}
