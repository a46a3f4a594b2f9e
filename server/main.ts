import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CreateUserRequestSchema } from '../shared/sync/protocol.js';
import { startServer } from './app.js';
import { HttpError, parseRequest } from './errors.js';
import { openStore } from './store.js';
import { createUser } from './users.js';

/*
 * The server command line:
 *   server --data DIR --port PORT [--host 127.0.0.1] [--trust-proxy] [--tls-cert FILE --tls-key FILE] [--require-https-proxy]
 *   server --data DIR create-user --username U --password P --role agent|senior|supervisor|admin [--team T]
 * With DATABASE_URL set, PostgreSQL is used and --data may be left out.
 * Prints one JSON line on stdout; errors go to stderr as {"error":{code,message}},
 * exit code 2 for anything the caller can fix (bad flags, a taken username,
 * a data folder in use), 1 for anything else.
 */

const USAGE =
  'Usage: server --data DIR --port PORT [--host HOST] [--trust-proxy] [--tls-cert FILE --tls-key FILE] [--require-https-proxy] | server --data DIR create-user --username U --password P --role agent|senior|supervisor|admin [--team T]';

const ServeFlagsSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  'trust-proxy': z.boolean().default(false),
  'tls-cert': z.string().min(1).optional(),
  'tls-key': z.string().min(1).optional(),
  'require-https-proxy': z.boolean().default(false),
});
function fail(e: unknown): never {
  const known = e instanceof HttpError;
  const body = known ? { error: { code: e.code, message: e.message } } : { error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
  process.stderr.write(JSON.stringify(body) + '\n');
  process.exit(known && e.status < 500 ? 2 : 1);
}

function parse(argv: string[]): { data?: string; command: 'serve' | 'create-user'; flags: Record<string, string | boolean | undefined> } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'require-https-proxy': { type: 'boolean' },
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        team: { type: 'string' },
      },
    });
  } catch (e) {
    throw new HttpError(400, 'BAD_REQUEST', `${e instanceof Error ? e.message : String(e)}. ${USAGE}`);
  }
  const { data, ...flags } = parsed.values;
  const [command, ...extra] = parsed.positionals;
  if (extra.length > 0 || (command !== undefined && command !== 'create-user')) {
    throw new HttpError(400, 'BAD_REQUEST', `Unknown command ${parsed.positionals.join(' ')}. ${USAGE}`);
  }
  return { data, command: command ?? 'serve', flags };
}

async function serve(data: string | undefined, flags: Record<string, unknown>, databaseUrl: string | undefined): Promise<void> {
  const f = parseRequest(ServeFlagsSchema, flags, `flags (${USAGE})`);
  const tls = readTls(f['tls-cert'], f['tls-key']);
  const server = await startServer({ dataDir: data, databaseUrl, port: f.port, host: f.host, trustProxy: f['trust-proxy'], requireHttpsProxy: f['require-https-proxy'], ...(tls ? { tls } : {}) });
  process.stdout.write(JSON.stringify({ listening: server.url }) + '\n');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(JSON.stringify({ error: { code: 'INTERNAL', message: `Shutdown after ${signal} failed: ${String(e)}` } }) + '\n');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** --tls-cert and --tls-key: both or neither, read before anything is opened. */
function readTls(certFile: string | undefined, keyFile: string | undefined): { cert: Buffer; key: Buffer } | null {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw new HttpError(400, 'BAD_REQUEST', `Give both --tls-cert and --tls-key (PEM files), or neither. ${USAGE}`);
  const read = (file: string, what: string): Buffer => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new HttpError(400, 'BAD_REQUEST', `Cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
    }
  };
  return { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
}

async function createUserCommand(data: string | undefined, flags: Record<string, unknown>, databaseUrl: string | undefined): Promise<void> {
  // Validated in full before the store is opened: a bad flag touches nothing.
  const req = parseRequest(CreateUserRequestSchema, flags, `create-user flags (${USAGE})`);
  const store = await openStore({ dataDir: data, databaseUrl });
  try {
    process.stdout.write(JSON.stringify(await createUser(store.db, req, null)) + '\n');
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const { data, command, flags } = parse(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!data && !databaseUrl) throw new HttpError(400, 'BAD_REQUEST', `Give a data folder with --data DIR, or set DATABASE_URL. ${USAGE}`);
  if (command === 'create-user') await createUserCommand(data, flags, databaseUrl);
  else await serve(data, flags, databaseUrl);
}

main().catch(fail);
