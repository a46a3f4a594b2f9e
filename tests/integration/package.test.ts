import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import builderConfig, { EXECUTABLE } from '../../electron-builder.js';
import { makeStandInElectron, STAND_IN_LOCALES } from './packaging/standInElectron.js';
import { ROOT } from './spawn.js';

/*
 * What an installer would contain: electron-builder packs the linux `dir`
 * target (the folder every Linux installer is made from) with this repo's
 * config and a stand-in Electron, then the test reads the app.asar it wrote
 * and the fuse wire of the binary it renamed.
 */

const built = ['out/main/index.js', 'out/main/worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(ROOT, f)));

const LockfileSchema = z.object({ packages: z.record(z.string(), z.object({ dev: z.boolean().optional(), version: z.string().optional() }).loose()) });
const DependencyManifestSchema = z.object({ dependencies: z.record(z.string(), z.string()).optional() }).loose();
const AppManifestSchema = DependencyManifestSchema.extend({ name: z.string(), productName: z.string().optional(), main: z.string(), type: z.string().optional(), desktopName: z.string().optional() });
/** What packaging/desktopEntryHook.mjs reports. */
const DesktopReportSchema = z.object({ fileName: z.string(), entry: z.string(), iconSizes: z.array(z.number()) });

/** Fuse byte values in the wire (@electron/fuses' FuseState, which its index does not export). */
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) } as const;

/** Packages the built main process and core worker import by name (everything else is bundled). */
function bareImports(dir: string): Set<string> {
  const names = new Set<string>();
  const builtins = new Set([...builtinModules, 'electron']);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    // Only what can be a package name (npm names are lower case), so text
    // such as `from" : "` inside bundled strings is not taken for an import.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?|node:[\w/]+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

describe.skipIf(!built)('the packaged app (needs `electron-vite build`; linux dir target, stand-in Electron)', () => {
  let tmp: string;
  let appOut: string;
  let asarPath: string;
  let packed: Set<string>;
  let desktop: z.infer<typeof DesktopReportSchema>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-package-'));
    const electronDist = makeStandInElectron(path.join(tmp, 'electron-dist'));
    const output = path.join(tmp, 'dist');
    // The CLI `npm run dist` runs, in its own process: electron-builder
    // installs exit hooks and reads process-wide settings. CI=1: plain log
    // lines instead of progress bars in the error when it fails.
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--x64', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, `-c.afterPack=./tests/integration/packaging/desktopEntryHook.mjs`],
      { cwd: ROOT, env: { ...process.env, CI: '1' }, maxBuffer: 64 * 1024 * 1024, timeout: 280_000 },
    );
    appOut = path.join(output, 'linux-unpacked');
    desktop = DesktopReportSchema.parse(JSON.parse(fs.readFileSync(path.join(output, 'linux-desktop-entry.json'), 'utf8')));
    asarPath = path.join(appOut, 'resources', 'app.asar');
    packed = new Set(listPackage(asarPath, { isPack: false }).map((p) => p.split(path.sep).join('/')));
  }, 300_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds every built file of out/ and the resources the app reads at run time', () => {
    const outFiles = fs.readdirSync(path.join(ROOT, 'out'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.map'))
      .map((e) => '/' + path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    expect(outFiles.length).toBeGreaterThan(4);
    expect(outFiles.filter((f) => !packed.has(f))).toEqual([]);
    for (const f of ['/package.json', '/resources/kb/demo-articles.jsonl', '/resources/icons/png/256x256.png']) expect(packed, f).toContain(f);
  });

  it('leaves out sources, tests, source maps and every development-only package', () => {
    const topLevel = new Set([...packed].map((p) => p.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json', 'resources']);
    expect([...packed].filter((p) => p.endsWith('.map'))).toEqual([]);
    expect([...packed].filter((p) => /\.(tsx?|mts|cts)$/.test(p))).toEqual([]);
    // package-lock.json marks each package only development needs.
    const lock = LockfileSchema.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')));
    const devOnly = Object.entries(lock.packages).filter(([, p]) => p.dev).map(([key, p]) => ({ file: `/${key}/package.json`, version: p.version }));
    expect(devOnly.length).toBeGreaterThan(100);
    // The packager hoists a runtime package's own nested dependency (exceljs's unzipper 0.10) to the top level,
    // where the lock keeps a development tool's other version (unzipper 0.12): the same path, not the same package.
    const packedVersion = (file: string): string | undefined => z.object({ version: z.string() }).loose().parse(JSON.parse(extractFile(asarPath, file.slice(1)).toString('utf8'))).version;
    expect(devOnly.filter((p) => packed.has(p.file) && packedVersion(p.file) === p.version).map((p) => p.file)).toEqual([]);
    for (const name of ['vitest', 'typescript', 'electron', '@playwright/test', 'electron-builder', 'react', 'antd']) {
      expect([...packed].some((p) => p.startsWith(`/node_modules/${name}/`)), name).toBe(false);
    }
  });

  it('packs each package out/main imports by name, with its dependencies', () => {
    const imported = bareImports(path.join(ROOT, 'out/main'));
    expect([...imported]).toEqual(expect.arrayContaining(['sql.js', 'zod', 'electron-store', 'jieba-wasm']));
    const missing: string[] = [];
    const visit = (name: string, fromDir: string, seen: Set<string>): void => {
      // Node's lookup: the requiring package's own node_modules, then the top level.
      const dir = [`${fromDir}/node_modules/${name}`, `/node_modules/${name}`].find((d) => packed.has(`${d}/package.json`));
      if (!dir) return void missing.push(`${name} (needed by ${fromDir || 'out/main'})`);
      if (seen.has(dir)) return;
      seen.add(dir);
      const manifest = DependencyManifestSchema.parse(JSON.parse(extractFile(asarPath, `${dir.slice(1)}/package.json`).toString('utf8')));
      for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, seen);
    };
    const seen = new Set<string>();
    for (const name of imported) visit(name, '', seen);
    expect(missing).toEqual([]);
  });

  it('keeps sql-wasm.wasm inside app.asar, byte for byte, with no other sql.js build', () => {
    // The core worker reads it with readFileSync, which Electron's asar
    // support serves from inside the archive in worker threads too.
    expect(fs.existsSync(path.join(appOut, 'resources', 'app.asar.unpacked'))).toBe(false);
    const wasm = extractFile(asarPath, 'node_modules/sql.js/dist/sql-wasm.wasm');
    expect(wasm.equals(fs.readFileSync(path.join(ROOT, 'node_modules/sql.js/dist/sql-wasm.wasm')))).toBe(true);
    expect([...packed].filter((p) => p.startsWith('/node_modules/sql.js/dist/')).sort()).toEqual(['/node_modules/sql.js/dist/sql-wasm.js', '/node_modules/sql.js/dist/sql-wasm.wasm']);
  });

  // ---- issue 17: the knowledge base's Chinese segmenter
  it('keeps jieba-wasm\'s Node build (and its .wasm) inside app.asar, without the other targets\' builds', () => {
    const wasm = extractFile(asarPath, 'node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm_bg.wasm');
    expect(wasm.equals(fs.readFileSync(path.join(ROOT, 'node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm_bg.wasm')))).toBe(true);
    expect(packed.has('/node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm.js')).toBe(true);
    expect([...packed].filter((p) => /^\/node_modules\/jieba-wasm\/pkg\/(bundler|deno|web)\/./.test(p))).toEqual([]);
  });

  it('ships a package.json that starts out/main and names the Linux desktop entry', () => {
    const manifest = AppManifestSchema.parse(JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')));
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.type).toBe('module');
    expect(manifest.desktopName).toBe(`${EXECUTABLE}.desktop`);
    // Electron names the userData folder (the agents' data) after the
    // packed package.json: productName there would move it away from
    // ~/.config/hotline-workstation and %APPDATA%\hotline-workstation.
    expect(manifest.name).toBe(EXECUTABLE);
    expect(manifest.productName).toBeUndefined();
  });

  it('would install a Linux desktop entry that handles tel: links and matches the window class', () => {
    const entry = Object.fromEntries(desktop.entry.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(desktop.fileName).toBe(EXECUTABLE);
    expect(entry['MimeType']).toBe('x-scheme-handler/tel;');
    // %U: the desktop passes the tel: URL to the app as an argument.
    expect(entry['Exec']).toMatch(new RegExp(`/${EXECUTABLE}"? %U$`));
    expect(entry['StartupWMClass']).toBe(EXECUTABLE);
    expect(entry['Icon']).toBe(EXECUTABLE);
    expect(entry['Name']).toBe('热线工作台');
    expect(desktop.iconSizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
  });

  it('names the binary hotline-workstation and keeps only the zh-CN and en-US locale packs', () => {
    expect(fs.statSync(path.join(appOut, EXECUTABLE)).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(appOut, 'electron'))).toBe(false);
    expect(fs.readdirSync(path.join(appOut, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
    expect(STAND_IN_LOCALES.length).toBeGreaterThan(2);
  });

  it('flips the fuses in the packed binary', async () => {
    const wire = await getCurrentFuseWire(path.join(appOut, EXECUTABLE));
    const state = (fuse: FuseV1Options) => wire[fuse];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    // The renderer comes from app://, so file:// keeps no extra privileges.
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });
});

describe('installer metadata (electron-builder.ts)', () => {
  const ascii = /^[\x20-\x7e]+$/;

  it('installs per machine on Windows with Chinese and English installer text and both shortcuts', () => {
    const nsis = builderConfig.nsis ?? {};
    expect(nsis).toMatchObject({ oneClick: false, perMachine: true, createDesktopShortcut: 'always', createStartMenuShortcut: true, deleteAppDataOnUninstall: false });
    expect(nsis.installerLanguages).toEqual(['zh_CN', 'en_US']);
  });

  it('registers tel: as the one protocol (NSIS writes the Windows registry keys from it)', () => {
    const schemes = [builderConfig.protocols ?? []].flat().flatMap((p) => p.schemes);
    expect(schemes).toEqual(['tel']);
  });

  it('keeps the executable and every artifact name ASCII', () => {
    const names = [builderConfig.executableName, builderConfig.nsis?.artifactName, builderConfig.deb?.artifactName, builderConfig.appImage?.artifactName];
    for (const name of names) expect(name).toMatch(ascii);
    expect(builderConfig.productName).toBe('热线工作台');
  });
});
