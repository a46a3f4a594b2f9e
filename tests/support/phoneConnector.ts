import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PhoneCommandSchema, type PhoneCommand } from '../../shared/desk/callControl.js';

/**
 * The reference call-control connector (issue 14): what a PBX or softphone
 * connector does with the workstation's phone commands, small enough to read
 * in one go. It listens on 127.0.0.1, checks the bearer token and every body
 * against the documented command format (shared/desk/callControl.ts, README
 * "Call events (CTI)"), records what it accepted, answers a `dial` with its
 * own call id, and can be told to fail the next command in each way a real
 * one fails. Used by the core tests and the e2e spec; runnable by hand:
 *   npx tsx tests/support/phoneConnector.ts [port] [token]
 */

export type FailureKind =
  /** 409 with the connector's error body ({"ok":false,"error":{...}}) */
  | 'refuse'
  /** 200 but {"ok":false,...}: still a refusal */
  | 'ok-false'
  /** 500 with a plain-text body */
  | 'server-error'
  /** 302 to another address: must not be followed */
  | 'redirect'
  /** never answers (until closed): the workstation's timeout */
  | 'hang'
  /** accepts, but only after `delayMs` (default 250 ms): a phone system whose own event overtakes its answer */
  | 'slow';

export interface RecordedRequest {
  authorization: string | null;
  body: string;
}

export interface ReferenceConnector {
  url: string;
  token: string;
  /** commands accepted (acknowledged 2xx), in order */
  commands: PhoneCommand[];
  /** every request as it arrived, accepted or not */
  requests: RecordedRequest[];
  /** the next command (or the next one named `command`) fails this way; `times` in a row */
  failNext(kind: FailureKind, opts?: { command?: PhoneCommand['command']; times?: number; message?: string; delayMs?: number }): void;
  /** resolves with the first accepted command matching `pred` (already received or yet to come) */
  waitFor(pred: (c: PhoneCommand) => boolean, timeoutMs?: number): Promise<PhoneCommand>;
  /** resolves once `n` requests have arrived (accepted or not) */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Planned {
  kind: FailureKind;
  command: PhoneCommand['command'] | undefined;
  times: number;
  message: string;
  delayMs: number;
}

export async function startReferenceConnector(opts: { token?: string; port?: number } = {}): Promise<ReferenceConnector> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const commands: PhoneCommand[] = [];
  const requests: RecordedRequest[] = [];
  const plans: Planned[] = [];
  const waiters = new Set<() => void>();
  let calls = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
    res.end(text);
  };

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ authorization: req.headers.authorization ?? null, body });
      for (const wake of waiters) wake();
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'METHOD', message: 'POST a command' } });
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'wrong token' } });
      let parsed;
      try {
        parsed = PhoneCommandSchema.safeParse(JSON.parse(body));
      } catch {
        return send(res, 400, { ok: false, error: { code: 'BAD_JSON', message: 'the body is not JSON' } });
      }
      if (!parsed.success) return send(res, 400, { ok: false, error: { code: 'BAD_COMMAND', message: parsed.error.message } });
      const command = parsed.data;
      const accept = (): void => {
        commands.push(command);
        for (const wake of waiters) wake();
        // A dialled call gets the phone system's id: its later events (answered, ended) name it.
        send(res, 200, command.command === 'dial' ? { ok: true, callId: `ref-${++calls}` } : { ok: true });
      };
      const plan = plans.find((p) => p.command === undefined || p.command === command.command);
      if (plan) {
        plan.times -= 1;
        if (plan.times <= 0) plans.splice(plans.indexOf(plan), 1);
        switch (plan.kind) {
          case 'refuse':
            return send(res, 409, { ok: false, error: { code: 'REFUSED', message: plan.message } });
          case 'ok-false':
            return send(res, 200, { ok: false, error: { code: 'REFUSED', message: plan.message } });
          case 'server-error':
            return send(res, 500, plan.message);
          case 'redirect':
            return send(res, 302, '', { Location: 'http://192.0.2.1/elsewhere' });
          case 'hang':
            return; // the socket stays open until the workstation gives up or close() ends it
          case 'slow':
            setTimeout(accept, plan.delayMs);
            return;
        }
      }
      accept();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/commands`,
    token,
    commands,
    requests,
    failNext(kind, o = {}) {
      plans.push({ kind, command: o.command, times: o.times ?? 1, message: o.message ?? '分机 8001 未在电话系统登录 (extension 8001 is not logged in)', delayMs: o.delayMs ?? 250 });
    },
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = commands.find(pred);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`the reference connector received no such command within ${timeoutMs} ms; got ${JSON.stringify(commands.map((c) => c.command))}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    waitForRequests(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          if (requests.length < n) return;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`the reference connector got ${requests.length} requests, not ${n}, within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
        wake();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// By hand: a connector to point a workstation at (prints what it receives).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [port, token] = process.argv.slice(2);
  const c = await startReferenceConnector({ ...(port ? { port: Number(port) } : {}), ...(token ? { token } : {}) });
  console.log(`reference connector on ${c.url}\ntoken ${c.token}`);
  setInterval(() => {
    while (c.commands.length > 0) console.log(JSON.stringify(c.commands.shift()));
  }, 500);
}
