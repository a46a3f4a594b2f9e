import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { AppErrorSchema } from '../../shared/result.js';
import { ROOT } from './spawn.js';

export const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
export const MAIN = path.join(ROOT, 'electron/core/cli/main.ts');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args` in the project folder with none of the CLI's
 * environment defaults inherited (data folder, actor, password), so each test
 * says what it relies on.
 */
export function spawnCli(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOTLINE_DATA_DIR: undefined, HOTLINE_ACTOR: undefined, HOTLINE_PASSWORD: undefined, ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The real CLI entry point, as `npm run cli` runs it (tsx), minus npm's startup time. */
export const cli = (args: string[], env?: Record<string, string | undefined>): Promise<Run> => spawnCli(process.execPath, [TSX, MAIN, ...args], env);

const CliErrorSchema = z.strictObject({ error: AppErrorSchema });

/** The `{"error":{code,message}}` a failing command prints: npm may add its own warnings on stderr, so the last JSON line. */
export function errorOf(run: Run): z.output<typeof AppErrorSchema> {
  const line = run.stderr.trim().split('\n').filter((l) => l.startsWith('{')).at(-1) ?? '';
  return CliErrorSchema.parse(JSON.parse(line)).error;
}
