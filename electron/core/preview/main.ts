import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startPreviewServer } from './server.js';

/**
 * `npm run start:browser [-- --port 5174 --data ./.data/preview --cti-port 17901]`:
 * the workstation in a normal browser, for development and e2e tests. The
 * call-event endpoint (CTI) listens on --cti-port or $HOTLINE_CTI_PORT
 * (default 17901, beside the app's 17900; 0 picks a free port, which
 * cti:info reports); `--cti-port off` does not start it.
 */
const ArgsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5174),
  data: z.string().min(1).default('./.data/preview'),
  renderer: z.string().min(1).optional(),
  ctiPort: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]).default(17_901),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, data: { type: 'string' }, renderer: { type: 'string' }, 'cti-port': { type: 'string' } },
    strict: true,
  });
  const { 'cti-port': ctiFlag, ...rest } = values;
  const args = ArgsSchema.safeParse({ ...rest, ctiPort: ctiFlag ?? process.env['HOTLINE_CTI_PORT'] });
  if (!args.success) {
    console.error(`Invalid arguments: ${args.error.message}\nUsage: start:browser [--port N] [--data DIR] [--renderer DIR] [--cti-port N|off]`);
    process.exit(2);
  }
  const { ctiPort } = args.data;
  const server = await startPreviewServer({
    dataDir: path.resolve(args.data.data),
    port: args.data.port,
    cti: ctiPort === 'off' ? false : { port: ctiPort },
    ...(args.data.renderer ? { rendererDir: path.resolve(args.data.renderer) } : {}),
  });
  // One line a test or a connector can read the endpoint from; its token is in cti:info (admins).
  const cti = ctiPort === 'off' ? 'off' : ctiPort === 0 ? 'a free port (see cti:info)' : `http://127.0.0.1:${ctiPort}/call-events`;
  console.log(`Hotline workstation preview (data: ${path.resolve(args.data.data)}; CTI: ${cti})`);
  console.log(`Open: ${server.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping: writing a checkpoint…');
    server
      .close()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('[preview]', e instanceof Error ? e.message : e);
  process.exit(1);
});
