import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { contract, isChannel, type Handlers, type ShellChannel } from '../../../shared/contract.js';
import { dispatch } from '../../../shared/dispatch.js';
import { AppError, fail, type Result } from '../../../shared/result.js';
import { WS_CLOSE_RESTART, WS_MAX_MESSAGE_BYTES, WS_PATH, WS_SUBPROTOCOL } from '../../../shared/transport.js';
import { contentSecurityPolicy } from '../csp.js';
import { FileSecretStore } from '../desk/secrets.js';
import { FileTokenStore } from '../sync/fileTokenStore.js';
import { CoreWorkerClient } from '../workerClient.js';
import { PreviewSettings } from './settingsFile.js';
import { serveStatic } from './static.js';
import { WsSession } from './wsApi.js';

/** Loopback only: the preview is a developer and test tool, never a network service. */
const HOST = '127.0.0.1';
/** Reminders (SLA, callbacks, follow-ups) are checked as often as in the app. */
const PREVIEW_REMINDER_INTERVAL_MS = 30_000;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface PreviewServerOptions {
  dataDir: string;
  /** 0 picks a free port */
  port?: number;
  /** the built renderer (default out/renderer) */
  rendererDir?: string;
  /** history `actorId` for changes made in the preview */
  actorId?: string;
  /** the local call-event endpoint (CTI); port 0 picks a free one (cti:info tells it); absent or false: not started */
  cti?: { port: number } | false;
  /** like the app: nothing but sign-in answers until an agent signs in (default true) */
  requireSignIn?: boolean;
  /** how often what is due is checked for reminders (default 30 s; tests shorten it) */
  reminderIntervalMs?: number;
}

export interface PreviewServer {
  /** http://127.0.0.1:PORT/#token=… */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
  /** closes the core (checkpoint, lock released), starts a new one on the same folder; pages reconnect */
  restartCore(): Promise<void>;
  /** ends the core's worker without closing it, as a crash would; the server restarts it (crash tests) */
  abortCore(): Promise<void>;
}


function packageVersion(): string {
  try {
    const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')));
    return parsed.success ? parsed.data.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The browser preview: the built renderer over HTTP and the SAME contract
 * over a WebSocket at /api, on 127.0.0.1 only. Shell channels are served here
 * (settings in a JSON file in the data folder), core channels by a
 * CoreWorkerClient, so sql.js never runs on this thread either.
 */
export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const dataDir = path.resolve(opts.dataDir);
  const rendererDir = path.resolve(opts.rendererDir ?? path.join(repoRoot, 'out/renderer'));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir} (run \`npx electron-vite build\` first)`);
  }
  const realRoot = fs.realpathSync(rendererDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const actorId = opts.actorId ?? 'preview-agent';
  const token = randomBytes(32).toString('hex');
  const settings = new PreviewSettings(dataDir);
  const version = packageVersion();

  const sessions = new Set<WsSession>();
  const broadcast = (event: string, payload: unknown): void => {
    for (const s of sessions) if (s.isAuthed) s.send({ kind: 'event', event, payload });
  };
  const startCore = async (): Promise<CoreWorkerClient> => {
    // The sign-in session in DIR/sync-session.json (0600), as the CLI keeps it.
    // As the app runs it (electron/main), minus native notifications: the renderer shows reminders itself.
    const client = await CoreWorkerClient.start({
      dataDir,
      actorId,
      tokenStore: new FileTokenStore(dataDir),
      secretStore: new FileSecretStore(dataDir),
      cti: opts.cti ?? false,
      reminderIntervalMs: opts.reminderIntervalMs ?? PREVIEW_REMINDER_INTERVAL_MS,
      requireSignIn: opts.requireSignIn ?? true,
    });
    client.on((event, payload) => broadcast(event, payload));
    client.onExit(({ error }) => {
      // A crash (not close()): as the desktop app does, a new worker takes the folder over and the pages are told.
      const message = error?.message ?? 'exit 0';
      console.error(`[preview] the core worker stopped: ${message}; restarting it`);
      const next = startCore();
      core = next;
      next.then(
        () => broadcast('core:restarted', { restarted: true, message }),
        (e: unknown) => broadcast('core:restarted', { restarted: false, message: e instanceof Error ? e.message : String(e) }),
      );
    });
    return client;
  };
  // Calls that arrive while the core restarts wait for the new one.
  let core: Promise<CoreWorkerClient> = startCore();
  await core;

  const shell: Handlers<ShellChannel> = {
    'app:info': () => ({ version, dataDir, shell: 'browser', actorId }),
    'settings:get': () => settings.get(),
    'settings:set': (patch) => settings.set(patch),
    // A browser has no windows to place: the page opens the TV view in a tab of its own.
    'window:openTv': () => ({ opened: false }),
    // The browser downloads report exports itself; the preview never writes a file a page names.
    'shell:saveFile': () => {
      throw new AppError('FORBIDDEN', 'The browser preview has no save dialog: the page downloads the file');
    },
  };
  const serve = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    if (isChannel(channel) && contract[channel].owner === 'core') {
      try {
        return await (await core).invoke(channel, payload);
      } catch (e) {
        return fail({ code: 'TRANSPORT_FAILED', message: `The core is not running: ${(e as Error).message}` });
      }
    }
    return dispatch(shell, channel, payload);
  };

  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy({ connectSrc: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  const server = http.createServer((req, res) => {
    // A Host check defeats DNS rebinding: a page on evil.example resolving to
    // 127.0.0.1 still sends Host: evil.example.
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected Request');
      return;
    }
    serveStatic(req, res, { realRoot, headers: securityHeaders() });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_MESSAGE_BYTES,
    // Browsers refuse a handshake that offered subprotocols and got none back.
    handleProtocols: (protocols) => (protocols.has(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : false),
  });
  const reject = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin ?? '';
    if (pathname !== WS_PATH) return reject(socket, '404 Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(socket, '421 Misdirected Request');
    // Only pages served by this server may connect (cross-site WebSocket hijacking).
    if (![...allowedHosts()].some((h) => origin === `http://${h}`)) return reject(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new WsSession(ws, req, { token, serve, onAuthed: (s) => sessions.add(s) });
      ws.on('close', () => sessions.delete(session));
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 5174, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let restarting: Promise<void> | null = null;
  const restartCore = (): Promise<void> => {
    restarting ??= (async () => {
      const old = await core;
      let ready!: (c: Promise<CoreWorkerClient>) => void;
      core = new Promise<CoreWorkerClient>((resolve) => (ready = (c) => resolve(c)));
      try {
        await old.close();
      } finally {
        // Pages drop their connection (as if the host restarted) and reconnect.
        for (const s of sessions) s.close(WS_CLOSE_RESTART, 'core restarting');
        const next = startCore();
        // A failed restart is reported to restartCore's caller; calls answer TRANSPORT_FAILED.
        next.catch(() => undefined);
        ready(next);
        await next;
      }
    })().finally(() => (restarting = null));
    return restarting;
  };

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (restarting) await restarting.catch(() => undefined);
      const client = await core.catch(() => null);
      await client?.close();
    })();
    return closing;
  };

  const abortCore = async (): Promise<void> => {
    await (await core).abort();
    await core;
  };

  return { url: `http://${HOST}:${port}/#token=${token}`, token, port, close, restartCore, abortCore };
}
