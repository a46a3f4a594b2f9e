import fs from 'node:fs';
import path from 'node:path';
import { toErrorData } from '../../../shared/result.js';
import { openCore, type LocalCore } from '../index.js';
import { FileSecretStore } from '../desk/secrets.js';
import { FileTokenStore } from '../sync/fileTokenStore.js';
import { parseCommandLine } from './args.js';
import { precheck, runCommand } from './commands.js';
import { USAGE, usageError } from './usage.js';

/**
 * Admin CLI. Opens the core in-process (it takes the data folder's lock, so
 * it refuses a folder the app has open), runs one command, checkpoints and
 * unlocks. stdout carries only the JSON result: scripts parse it.
 */
const STARTS_FOLDER: ReadonlySet<string> = new Set([
  'create',
  'login',
  'kbAdd',
  'kbImport',
  'agentAdd',
  // ---- attendance plan (issue 16 points 2-3): writes, and the built-in shifts and 2026 calendar a new folder already has
  'shiftsSet',
  'shiftsList',
  'holidaysList',
  'holidaysImport',
  'rosterImport',
]);

interface Output {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Output> {
  let core: LocalCore | undefined;
  try {
    const { dataDir: dataOption, actorId, command } = parseCommandLine(argv);
    if (command.kind === 'help') return { stdout: `${USAGE}\n`, exitCode: 0 };
    const dataDir = dataOption ?? env.HOTLINE_DATA_DIR;
    if (!dataDir) throw usageError('--data DIR is required (or set HOTLINE_DATA_DIR)');
    // Only creating a ticket, articles or an account, or signing in, may start a new data folder; anything
    // else on a missing folder is a typo that would otherwise report an empty, healthy store.
    precheck(command, env);
    if (!STARTS_FOLDER.has(command.kind) && !fs.existsSync(dataDir)) throw usageError(`Data folder ${dataDir} does not exist`);
    const dir = path.resolve(dataDir);
    core = await openCore({
      dataDir: dir,
      actorId: actorId ?? env.HOTLINE_ACTOR ?? 'cli',
      idleCheckpointMs: 0,
      // The token in a 0600 file in the (0700) data folder; one round per `sync`, no background work.
      tokenStore: new FileTokenStore(dir),
      secretStore: new FileSecretStore(dir),
      sync: { autoStart: false },
      // A command is not a desk: `login` signs in to sync without logging anyone ready.
      headless: true,
    });
    const outcome = await runCommand(core, command, env);
    const json = outcome.compact ? JSON.stringify(outcome.value) : JSON.stringify(outcome.value, null, 2);
    const out: Output = { stdout: `${json}\n`, exitCode: outcome.exitCode };
    try {
      await core.close();
    } catch (e) {
      // The change is already durable in the journal and replays on the next open; do not
      // report failure (a script would retry and create a duplicate), but say what happened.
      out.stderr = `warning: could not checkpoint on close: ${toErrorData(e).message}\n`;
    }
    core = undefined;
    return out;
  } catch (e) {
    return { stderr: `${JSON.stringify({ error: toErrorData(e) })}\n`, exitCode: 2 };
  } finally {
    if (core) {
      try {
        await core.close();
      } catch {
        // already reporting the first error
      }
    }
  }
}

const result = await run(process.argv.slice(2), process.env);
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
