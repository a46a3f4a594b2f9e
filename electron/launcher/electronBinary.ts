import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

/**
 * Electron >= 42 installs with no binary and fetches it on first use, but
 * electron-vite only reads `node_modules/electron/path.txt` and never
 * triggers that fetch ("Error: Electron uninstall"). The launcher therefore
 * runs the package's own installer (`install-electron`, i.e. install.js:
 * @electron/get with ELECTRON_MIRROR, electron_config_cache and the
 * checksums) before electron-vite, and hands electron-vite the executable
 * through ELECTRON_EXEC_PATH.
 */

const PackageJsonSchema = z.object({ version: z.string().min(1) });

export interface ElectronPackage {
  /** node_modules/electron of the project being started (never another copy's). */
  dir: string;
  version: string;
}

/** The electron package the project at `projectRoot` resolves, as Node would from its package.json. */
export function locateElectronPackage(projectRoot: string): ElectronPackage {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const manifest = require.resolve('electron/package.json');
  const parsed = PackageJsonSchema.parse(JSON.parse(fs.readFileSync(manifest, 'utf8')));
  return { dir: path.dirname(manifest), version: parsed.version };
}

/** The executable's path inside dist/, as install.js writes it to path.txt. */
export function platformExecutable(platform: NodeJS.Platform | string): string {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * The installed executable, or null when install.js would download: the
 * same test install.js makes (dist/version matches the package, path.txt
 * names this platform's executable, the file exists), so a half-extracted
 * or other-version dist counts as missing.
 */
export function installedExecutable(pkg: ElectronPackage, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | null {
  const expected = platformExecutable(env['ELECTRON_INSTALL_PLATFORM'] ?? platform);
  try {
    const version = fs.readFileSync(path.join(pkg.dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    if (version !== pkg.version) return null;
    if (fs.readFileSync(path.join(pkg.dir, 'path.txt'), 'utf8') !== expected) return null;
  } catch {
    return null;
  }
  const distDir = env['ELECTRON_OVERRIDE_DIST_PATH'] || path.join(pkg.dir, 'dist');
  const executable = path.join(distDir, expected);
  return fs.existsSync(executable) ? executable : null;
}

/** The mirror @electron/get will use, spelled any of the ways it reads (an .npmrc setting arrives as npm_config_electron_mirror). */
export function configuredMirror(env: NodeJS.ProcessEnv): string | undefined {
  return env['npm_config_electron_mirror'] || env['NPM_CONFIG_ELECTRON_MIRROR'] || env['ELECTRON_MIRROR'] || undefined;
}

/**
 * What electron-vite is started with. Chromium refuses to run as root
 * without --no-sandbox (CI containers, some kiosk set-ups); electron-vite
 * adds the flag when NO_SANDBOX=1. The renderer's own sandbox (contextBridge,
 * sandbox: true) is unaffected.
 */
export function electronViteEnv(env: NodeJS.ProcessEnv, executable: string, isRoot: boolean, platform: string): NodeJS.ProcessEnv {
  return { ...env, ELECTRON_EXEC_PATH: executable, ...(isRoot && platform === 'linux' ? { NO_SANDBOX: '1' } : {}) };
}

export type EnsureResult = { ok: true; executable: string; downloaded: boolean } | { ok: false; cause: string };

/**
 * Runs electron's install.js when the binary is missing. Its output is kept
 * (not shown): on failure it is a stack trace, which the launcher replaces
 * with one paragraph naming the cause.
 */
export async function ensureElectron(pkg: ElectronPackage, env: NodeJS.ProcessEnv = process.env): Promise<EnsureResult> {
  const existing = installedExecutable(pkg, env);
  if (existing) return { ok: true, executable: existing, downloaded: false };
  const installer = path.join(pkg.dir, 'install.js');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: pkg.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', (e) => resolve({ code: null, output: `${text}\n${e.message}` }));
    child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  const executable = installedExecutable(pkg, env);
  if (code === 0 && executable) return { ok: true, executable, downloaded: true };
  const cause = installerCause(output, code);
  // Node's fetch says only "fetch failed"; the network's own reason is in the error's cause, which install.js does not print.
  if (!/fetch failed/i.test(cause)) return { ok: false, cause };
  const reason = await networkReason(configuredMirror(env) ?? DEFAULT_RELEASES);
  return { ok: false, cause: reason ? `${cause} (${reason})` : cause };
}

const DEFAULT_RELEASES = 'https://github.com/electron/electron/releases/download/';

/** Why a request to `url` cannot be made (ECONNREFUSED, ENOTFOUND, a timeout), or null when it can. */
export async function networkReason(url: string, timeoutMs = 10_000): Promise<string | null> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return null;
  } catch (e) {
    const inner: unknown = e instanceof Error ? e.cause : undefined;
    if (inner instanceof Error) return inner.message;
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The one line of the installer's output that says what went wrong: the
 * error line of its stack trace (`Error: …`, `RequestError: …`), without the
 * `at …` frames.
 */
export function installerCause(output: string, code: number | null): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^\^+$/.test(line));
  const errorLine = lines.find((line) => /^([A-Za-z]*Error|Error)\b[^:]*:/.test(line)) ?? lines.find((line) => /error|fail/i.test(line));
  const cause = errorLine ?? lines.at(-1) ?? `the installer exited with code ${code ?? 'unknown'}`;
  return cause.length > 300 ? `${cause.slice(0, 297)}...` : cause;
}
