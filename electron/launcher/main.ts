import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { configuredMirror, electronViteEnv, ensureElectron, installedExecutable, locateElectronPackage } from './electronBinary.js';
import { downloading, electronUnavailable, launcherLocale } from './messages.js';

/**
 * `npm start` (electron-vite preview: build, then launch) and `npm run dev`
 * (Vite dev server with hot reload): make sure Electron's binary is here
 * first, then run electron-vite with the executable it should launch.
 *
 *   tsx electron/launcher/main.ts preview|dev [electron-vite options...]
 */

const MODES = ['preview', 'dev'] as const;
type Mode = (typeof MODES)[number];

const projectRoot = path.resolve(import.meta.dirname, '../..');

async function run(): Promise<number> {
  const [modeArg, ...rest] = process.argv.slice(2);
  const mode = MODES.find((m) => m === modeArg);
  if (!mode) {
    console.error(`usage: launcher ${MODES.join('|')} [electron-vite options]`);
    return 2;
  }
  const locale = launcherLocale(process.env, Intl.DateTimeFormat().resolvedOptions().locale);
  const pkg = locateElectronPackage(projectRoot);
  const mirror = configuredMirror(process.env);
  // Said only when a fetch is about to happen (install.js is silent until it fails).
  if (!installedExecutable(pkg)) console.log(downloading(locale, pkg.version, mirror));
  const electron = await ensureElectron(pkg);
  if (!electron.ok) {
    console.error(`\n${electronUnavailable(locale, { version: pkg.version, mirror, cause: electron.cause })}\n`);
    return 1;
  }
  return startElectronVite(mode, rest, electronViteEnv(process.env, electron.executable, process.getuid?.() === 0, process.platform));
}

function startElectronVite(mode: Mode, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, mode, ...args], { cwd: projectRoot, env, stdio: 'inherit' });
  // Ctrl+C reaches the whole process group anyway; a TERM sent to us alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (e) => {
      console.error(e.message);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
