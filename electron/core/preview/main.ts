import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startPreviewServer } from './server.js';

/**
 * `npm run start:browser [-- --port 5174 --data ./.data/preview]`: the
 * workstation in a normal browser, for development and e2e tests.
 */
const ArgsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5174),
  data: z.string().min(1).default('./.data/preview'),
  renderer: z.string().min(1).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, data: { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
  });
  const args = ArgsSchema.safeParse(values);
  if (!args.success) {
    console.error(`Invalid arguments: ${args.error.message}\nUsage: start:browser [--port N] [--data DIR] [--renderer DIR]`);
    process.exit(2);
  }
  const server = await startPreviewServer({
    dataDir: path.resolve(args.data.data),
    port: args.data.port,
    ...(args.data.renderer ? { rendererDir: path.resolve(args.data.renderer) } : {}),
  });
  console.log(`Hotline workstation preview (data: ${path.resolve(args.data.data)})`);
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
